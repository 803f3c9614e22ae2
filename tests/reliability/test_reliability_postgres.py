"""The kill points and concurrent writers of this suite, on PostgreSQL (issue 10: "the same on PostgreSQL").

Each store is a schema of its own in $TG_TEST_PG_URL's database, dropped afterwards.
"""

from __future__ import annotations

import multiprocessing as mp
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from faults import Killed, NameExtractor, corpus, kill_at, snapshot
from sqlalchemy import Engine, create_engine, make_url, text

import threatgraph.resolve.run as resolve_run
from threatgraph.app import Threatgraph
from threatgraph.screen import lists
from threatgraph.store import work
from threatgraph.watch import add_watch

pytestmark = pytest.mark.postgres
CTX = mp.get_context("fork")


@pytest.fixture
def pg_store(
    pg_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], tuple[str, Engine]]]:
    """Makes migrated stores, each in a fresh schema: ``(url, engine)`` (the server is ``pg_engine``'s)."""
    from threatgraph.store.db import open_store

    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    base = make_url(pg_engine.url.render_as_string(hide_password=False)).set(query={})
    admin = create_engine(base)
    made: list[tuple[str, Engine]] = []

    def make() -> tuple[str, Engine]:
        schema = f"tg_rel_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
        engine = open_store(url)
        made.append((schema, engine))
        return url, engine

    yield make
    for schema, engine in made:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _prepare(engine: Engine) -> None:
    Threatgraph(engine).load_lists([lists.demo_list_path()])
    add_watch(engine, "Fajr Brigade")


def _ingest(engine: Engine, arts: list | None = None) -> list[str]:
    report = Threatgraph(engine, extractor=NameExtractor()).ingest_items(arts or corpus(), batch_size=4)
    return [f"{f.source}: {f.reason}" for f in report.failed]


@pytest.mark.parametrize(
    ("attr", "nth", "after"), [("_reopen_batch", 2, False), ("_reopen_batch", 3, True), ("screen_entities", 2, False)]
)
def test_killed_ingest_rerun_equals_uninterrupted_pg(pg_store, monkeypatch, attr: str, nth: int, after: bool) -> None:
    _, ref = pg_store()
    _prepare(ref)
    assert _ingest(ref) == []
    reference = snapshot(ref)
    assert reference["links"] and reference["alerts"]
    _, engine = pg_store()
    _prepare(engine)
    with monkeypatch.context() as patch:
        kill_at(patch, resolve_run, attr, nth, after)
        with pytest.raises(Killed):
            _ingest(engine)
    assert sum(work.counts(engine).values()) > 0  # the kill left work, recorded
    assert _ingest(engine) == []
    assert snapshot(engine) == reference


def _child(url: str, home: str, part: int, out: Any) -> None:
    import os

    os.environ["THREATGRAPH_HOME"] = home
    from threatgraph.store.db import open_store

    arts = corpus(24)[part::2] if part >= 0 else corpus(24)
    out.put(_ingest(open_store(url), arts))


@pytest.mark.parametrize("parts", [(-1, -1), (0, 1)])
def test_two_ingests_at_once_pg(pg_store, tmp_path: Path, parts: tuple[int, int]) -> None:
    _, ref = pg_store()
    _prepare(ref)
    _ingest(ref)
    single = snapshot(ref)
    url, engine = pg_store()
    _prepare(engine)
    engine.dispose()  # no connection of the parent crosses the fork
    out = CTX.Queue()
    procs = [CTX.Process(target=_child, args=(url, str(tmp_path / "home"), p, out)) for p in parts]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    assert [f for _ in parts for f in out.get(timeout=5)] == []
    snap = snapshot(engine)
    assert [s for s, _ in snap["articles"]] == list(range(1, 25))
    assert snap["entities"] == single["entities"] and snap["links"] == single["links"]
    assert sorted(snap["mentions"]) == sorted(single["mentions"])
    assert snap["pending"] == []


def _open(url: str) -> None:
    from threatgraph.store.db import open_store

    open_store(url)


def test_processes_opening_a_new_schema_at_once_pg(pg_engine: Engine) -> None:
    """Four processes migrating one empty schema at once: one migrates, the others find it at head."""
    base = make_url(pg_engine.url.render_as_string(hide_password=False)).set(query={})
    schema = f"tg_rel_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
        procs = [CTX.Process(target=_open, args=(url,)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
