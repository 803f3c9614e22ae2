"""End to end through the real pipeline: ingest → extract → resolve → watch, then export what was built.

Uses the project's own invented samples (``samples/``), the real spaCy extractor and the real
resolve hook, so this is the "done when" of the issue: an alert fires for a watched name in a
newly ingested article, and every export of the resulting archive validates with its library.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from threatgraph.app import Threatgraph
from threatgraph.export import FORMATS, export
from threatgraph.watch import add_watch, list_alerts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "fajr-brigade-designation.txt"


@pytest.mark.slow
def test_watched_name_alerts_on_ingest_and_archive_exports(store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("THREATGRAPH_WEBHOOK", raising=False)
    if not SAMPLE.is_file():
        pytest.skip(f"sample {SAMPLE} missing")
    watched = add_watch(store, "Liwa al Fajar", note="spelling differs from the article's")
    unwatched = add_watch(store, "Crescent Moon Exchange House")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / SAMPLE.name)

    report = Threatgraph(store).ingest([src])
    assert len(report.ingested) == 1, report.failed
    assert not [f for f in report.failed if "hook" in f.reason], report.failed

    alerts = list_alerts(store)
    assert [a.watch_id for a in alerts] == [watched["id"]]
    assert unwatched["id"] not in {a.watch_id for a in alerts}
    [alert] = alerts
    assert alert.article_id == report.ingested[0]
    assert "Fajr" in alert.matched and alert.score >= watched["threshold"]
    assert "Fajr" in (alert.sentence or "")

    again = Threatgraph(store).ingest([src])  # same content again: duplicate, no second alert
    assert again.duplicates and len(list_alerts(store)) == 1

    for fmt in FORMATS:
        out = tmp_path / ("tables" if fmt == "csv" else f"archive.{fmt}")
        stats = export(store, fmt, out)
        assert stats.validated and sum(stats.counts.values()) > 0, (fmt, stats)
