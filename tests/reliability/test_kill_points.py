"""Kill ingest, lists load and resolve at many points; the re-run must equal an uninterrupted run (issue 10).

Each case builds the same store twice: once without interruption (the reference) and once with a
:class:`Killed` at one point followed by the command a user would simply run again. Articles,
mentions, entities, aliases, sanctions links, alerts and pending work must then be identical.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from faults import Killed, NameExtractor, corpus, fresh_store, kill_at, snapshot
from sqlalchemy import Engine
from typer.testing import CliRunner

import threatgraph.resolve.run as resolve_run
import threatgraph.store.articles as store_articles
import threatgraph.watch.scan as watch_scan
from threatgraph import pipeline
from threatgraph.app import Threatgraph
from threatgraph.cli import app
from threatgraph.resolve import sanctions
from threatgraph.resolve.cluster import Resolver
from threatgraph.screen import lists
from threatgraph.store import work
from threatgraph.watch import add_watch

BATCH = 4  # 24 articles: 6 batches, so kills land before, inside and between batches


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    return tmp_path


def _load_list(engine: Engine) -> None:
    """What ``lists load`` does with the demo list."""
    Threatgraph(engine).load_lists([lists.demo_list_path()])


def _watches(engine: Engine) -> None:
    add_watch(engine, "Fajr Brigade")
    add_watch(engine, "Umar Karim")


def _ingest(engine: Engine) -> None:
    report = Threatgraph(engine, extractor=NameExtractor()).ingest_items(corpus(), batch_size=BATCH)
    assert not report.failed, report.failed


def _list_then_ingest(path: Path) -> Engine:
    engine = fresh_store(path)
    _load_list(engine)
    _watches(engine)
    return engine


@pytest.fixture
def reference(home: Path) -> dict[str, Any]:
    engine = _list_then_ingest(home / "reference.db")
    _ingest(engine)
    snap = snapshot(engine)
    assert snap["links"], "the corpus must produce sanctions links for the comparison to mean anything"
    assert snap["alerts"] and snap["entities"]
    assert snap["pending"] == []
    return snap


INGEST_KILLS = [
    (pipeline, "save_analysis", 1, False),  # before the first article is stored
    (pipeline, "save_analysis", 6, True),  # mid-batch: stored, batch not resolved
    (store_articles, "write_analysis", 9, True),  # written, transaction not committed
    (resolve_run, "_reopen_batch", 2, False),  # batch stored, resolution not started
    (resolve_run, "_reopen_batch", 3, True),  # resolved, its new entities not screened
    (Resolver, "flush", 4, False),  # inside resolution's transaction
    (resolve_run, "screen_entities", 2, False),  # resolved, screening not started
    (sanctions, "entity_names", 2, True),  # inside a screening transaction
    (watch_scan, "run_check", 5, False),  # resolved and screened, not watch-checked
    (watch_scan, "_mentions_by_article", 2, True),  # inside the watch check's transaction
]


@pytest.mark.parametrize(("owner", "attr", "nth", "after"), INGEST_KILLS, ids=lambda v: getattr(v, "__name__", v))
def test_killed_ingest_rerun_equals_uninterrupted(
    home: Path, reference: dict[str, Any], monkeypatch: pytest.MonkeyPatch, owner: Any, attr: str, nth: int, after: bool
) -> None:
    engine = _list_then_ingest(home / "killed.db")
    with monkeypatch.context() as patch:
        seen = kill_at(patch, owner, attr, nth, after)
        with pytest.raises(Killed):
            _ingest(engine)
    assert seen[0] == nth
    _ingest(engine)  # the user runs the same command again
    assert snapshot(engine) == reference


def test_killed_ingest_then_resolve_command(home: Path, reference: dict[str, Any], monkeypatch) -> None:
    """``resolve`` with no flags finishes a killed ingest's articles too (and only those)."""
    engine = _list_then_ingest(home / "killed.db")
    with monkeypatch.context() as patch:
        kill_at(patch, resolve_run, "_reopen_batch", 3, False)
        with pytest.raises(Killed):
            _ingest(engine)
    rest = [a for a in corpus() if a.id not in {r[1] for r in snapshot(engine)["articles"]}]
    assert work.counts(engine)["resolve"] == BATCH  # exactly the killed batch is owed
    result = CliRunner().invoke(app, ["resolve", "--json", "--db", str(engine.url)])
    assert result.exit_code == 0, result.output
    assert '"resolved_articles": 4' in result.output
    assert work.counts(engine) == {"resolve": 0, "watch": 0, "screen": 0}
    again = CliRunner().invoke(app, ["resolve", "--json", "--db", str(engine.url)])
    assert '"resolved_articles": 0' in again.output  # nothing owed: nothing reprocessed
    report = Threatgraph(engine, extractor=NameExtractor()).ingest_items(rest, batch_size=BATCH)
    assert not report.failed
    assert snapshot(engine) == reference


# --- lists load ------------------------------------------------------------------------------


def _ingest_then_list(path: Path) -> Engine:
    engine = fresh_store(path)
    _watches(engine)
    _ingest(engine)
    return engine


@pytest.fixture
def list_reference(home: Path) -> dict[str, Any]:
    engine = _ingest_then_list(home / "reference.db")
    _load_list(engine)
    snap = snapshot(engine)
    assert snap["links"] and snap["pending"] == []
    return snap


LIST_KILLS = [
    (lists, "_apply_diff", 1, True),  # entries written, version transaction not committed
    (Threatgraph, "index", 1, False),  # version committed, index not built
    (Threatgraph, "lists_loaded", 1, False),  # list stored, nothing re-screened
    (sanctions, "entity_names", 1, True),  # inside the re-screen
]


@pytest.mark.parametrize(("owner", "attr", "nth", "after"), LIST_KILLS, ids=lambda v: getattr(v, "__name__", v))
def test_killed_lists_load_rerun_equals_uninterrupted(
    home: Path, list_reference: dict[str, Any], monkeypatch, owner: Any, attr: str, nth: int, after: bool
) -> None:
    engine = _ingest_then_list(home / "killed.db")
    with monkeypatch.context() as patch:
        kill_at(patch, owner, attr, nth, after)
        with pytest.raises(Killed):
            _load_list(engine)
    # The user runs `lists load` again: the file is now unchanged (or not), and the links must appear.
    result = CliRunner().invoke(app, ["lists", "load", str(lists.demo_list_path()), "--db", str(engine.url)])
    assert result.exit_code == 0, result.output
    assert snapshot(engine) == list_reference


def test_killed_rebuild_rerun_equals_uninterrupted(home: Path, reference: dict[str, Any], monkeypatch) -> None:
    engine = _list_then_ingest(home / "killed.db")
    _ingest(engine)
    with monkeypatch.context() as patch:
        kill_at(patch, resolve_run, "_resolve_batch", 1, True)
        monkeypatch.setattr(resolve_run, "REBUILD_BATCH", 8)
        with pytest.raises(Killed):
            resolve_run.rebuild(engine)
    resolve_run.rebuild(engine)
    assert snapshot(engine) == reference


def test_pending_work_is_per_article_and_cleared(home: Path) -> None:
    """No list, no watch: the work is still recorded with each article and cleared when done."""
    engine = fresh_store(home / "plain.db")
    pipeline.ingest_items(engine, corpus(3), extractor=NameExtractor(), hooks=())
    assert work.counts(engine) == {"resolve": 3, "watch": 3, "screen": 0}
    done = Threatgraph(engine).resume()
    assert done.resolved_articles == 3 and done.watch_checked == 3
    assert work.counts(engine) == {"resolve": 0, "watch": 0, "screen": 0}
    assert os.environ["THREATGRAPH_HOME"].startswith(str(home))


def test_hits_says_work_is_pending_after_a_killed_list_load(home: Path, monkeypatch) -> None:
    engine = _ingest_then_list(home / "killed.db")
    with monkeypatch.context() as patch:
        kill_at(patch, Threatgraph, "lists_loaded", 1, False)
        with pytest.raises(Killed):
            _load_list(engine)
    res = CliRunner().invoke(app, ["hits", "--db", str(engine.url)])
    assert "pending" in res.output and "threatgraph resolve" in res.output and "load lists" not in res.output
    res = CliRunner().invoke(app, ["resolve", "--json", "--db", str(engine.url)])
    assert res.exit_code == 0 and work.counts(engine)["screen"] == 0
    assert "Fajr" in CliRunner().invoke(app, ["hits", "--db", str(engine.url)]).output
