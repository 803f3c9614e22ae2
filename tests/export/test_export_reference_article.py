"""The reference article (../shared/data, read in place) through the real pipeline, a watch and the exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import stix2

from threatgraph.app import Threatgraph
from threatgraph.export import export
from threatgraph.store.schema import entities
from threatgraph.watch import add_watch, list_alerts


@pytest.mark.slow
def test_reference_article_alerts_and_exports(store, shared_data: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("THREATGRAPH_WEBHOOK", raising=False)
    article = shared_data / "articles" / "arabnews-zainabiyoun.txt"
    sdn = shared_data / "sanctions" / "ofac" / "sdn.csv"
    if sdn.is_file():
        from threatgraph.screen.lists import load_files

        load_files(store, [sdn], dataset="ofac")
    persian = add_watch(store, "لواء زینبیون", note="Persian spelling; the article writes it in Latin script")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(article, src / article.name)  # a temporary copy for this run only, never committed
    report = Threatgraph(store).ingest([src])
    assert len(report.ingested) == 1, report.failed

    [alert] = list_alerts(store)
    assert alert.watch_id == persian["id"] and "ainabiyoun" in alert.matched

    with store.connect() as conn:
        zb = (
            conn.execute(
                entities.select()
                .where(entities.c.caption.ilike("%zainabiyoun%"))
                .order_by(entities.c.mention_count.desc())
            )
            .mappings()
            .first()
        )
    assert zb is not None, "resolve produced no Zainabiyoun entity"
    out = tmp_path / "zb.stix.json"
    stats = export(store, "stix", out, entity_id=zb["id"])
    bundle = stix2.parse(out.read_text(), allow_custom=False)
    assert any(o.type in ("threat-actor", "identity") and "ainabiyoun" in o.name for o in bundle.objects)
    assert stats.counts.get("report") == 1
    ftm_out = tmp_path / "all.ftm.json"
    export(store, "ftm", ftm_out)
    schemata = {json.loads(line)["schema"] for line in ftm_out.read_text().splitlines()}
    assert {"Article", "Mention", "Event"} <= schemata
