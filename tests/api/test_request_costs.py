"""What one request costs the store: statements per screening request, and what a fresh server's first requests
wait for.

On a busy server a request waits for each round trip to the database far longer than the database works on it
(at 1M articles, `/match` took 221 ms over HTTP while its server spent 15 ms of CPU): the statement count is the
load-independent measure, so it is what these tests hold down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from statements import recorded
from threatgraph.api.models import MAX_QUERIES

ROOT = Path(__file__).resolve().parents[2]


def statements(engine: Engine, run: Callable[[], Any]) -> list[str]:
    """The SQL statements ``run`` sends through ``engine``."""
    with recorded(engine) as seen:
        run()
    return [s.statement for s in seen]


def _match_body(name: str) -> dict[str, Any]:
    return {"queries": {"q1": {"schema": "Person", "properties": {"name": [name]}}}}


def test_match_reads_the_store_once(client: TestClient, archive: dict[str, Any]) -> None:
    """The lists' ages (the stale-list warning) and the index key come from one read of the current versions;
    the old path read them apart and counted every list entry on each request (4 statements)."""
    engine = archive["engine"]
    client.post("/match/default", json=_match_body("Tomasz Wiśniewski"))  # index in memory, as on a running server
    seen = statements(engine, lambda: client.post("/match/default", json=_match_body("Jana Ngozi Adeyemi")))
    assert len(seen) == 1, seen
    answer = client.post("/match/default", json=_match_body("Jana Ngozi Adeyemi")).json()
    assert "warnings" in answer and answer["responses"]["q1"]["status"] == 200


def test_screening_reads_the_store_once_per_request(client: TestClient, archive: dict[str, Any]) -> None:
    """``/screen`` and the screening form share the one read with ``/match``: once per request, however many
    yente-sized batches it takes (every batch screened against the same list versions)."""
    engine = archive["engine"]
    client.post("/match/default", json=_match_body("Tomasz Wiśniewski"))
    body = {"names": [{"name": "Jana Ngozi Adeyemi"}, {"name": "Olusegun Bankole"}]}
    seen = statements(engine, lambda: client.post("/screen", json=body))
    assert len(seen) == 1, seen
    many = {"names": [{"name": f"Jana Ngozi Adeyemi {i}"} for i in range(MAX_QUERIES + 1)]}  # two batches
    seen = statements(engine, lambda: client.post("/screen", json=many))
    assert len(seen) == 1, seen
    seen = statements(engine, lambda: client.get("/screen", params={"name": "Olusegun Bankole"}))
    assert len(seen) == 1, seen


def test_search_reads_each_candidate_in_one_statement(client: TestClient, archive: dict[str, Any]) -> None:
    """A name search reads its candidates' rows, aliases and sanctioned flags in one statement (the old path sent
    four after the candidate lookup: schemas, aliases, rows, flags), then one for the article text."""
    engine = archive["engine"]
    seen = statements(engine, lambda: client.get("/search", params={"q": "Zainabiyoun"}))
    # candidates by blocking key (this archive stores none), then by substring; their rows, flags and aliases; the
    # articles
    assert len(seen) == 4, seen
    hits = client.get("/search.json", params={"q": "Zainabiyoun"}).json()["entities"]
    assert hits and hits[0]["caption"] == "Zainabiyoun Brigade" and hits[0]["sanctioned"] is True


#: Run in fresh interpreters (the tables are process-wide caches that an earlier test may have filled): one builds
#: the hand-built archive; the next warms the composition root as a server's startup does, then counts the Python
#: calls of the first and of a second search and match. Calls, not seconds: the count does not follow the load.
FIRST_REQUESTS = r"""
import cProfile, json, pstats, sys
from api_archive import IRGC as OTHER, ZB, build_archive
from threatgraph.app import Threatgraph
from threatgraph.api import services
from threatgraph.screen.yente import MatchOptions
from threatgraph.store.db import open_store

engine = open_store(sys.argv[1])
if sys.argv[2] == "build":
    build_archive(engine)
    sys.exit(0)
tg = Threatgraph(engine)
tg.warm()

def calls(run):
    prof = cProfile.Profile()
    prof.enable()
    run()
    prof.disable()
    return pstats.Stats(prof).total_calls

def match(name):
    body = {"queries": {"q": {"schema": "LegalEntity", "properties": {"name": [name]}}}}
    return lambda: services.match(engine, body, "default", MatchOptions(limit=5))

def search(name):
    return lambda: services.find_entities(engine, name, limit=20)

def page(entity_id):
    return lambda: (services.dossier_at(engine, entity_id), services.timeline_page(engine, entity_id, None, 50))

out = {
    "dossier": [calls(page(ZB)), calls(page(OTHER))],
    "search": [calls(search("Lebanese Zainabiyoun Brigade")), calls(search("Syrian Fatemiyoun Division"))],
    "match": [calls(match("Iraqi Zainabiyoun Brigade")), calls(match("Afghan Fatemiyoun Division"))],
}
print(json.dumps(out))
"""


def test_a_warmed_process_answers_its_first_search_and_match_like_later_ones(tmp_path: Path) -> None:
    """``Threatgraph.warm`` (a server's startup) loads every table a first search or match would load and builds
    every page's statements: the first ``/search`` at 1M articles waited 6-8 s for rigour's territory names and the
    name vocabulary, the first ``/match`` 1-2.6 s for the organisation words learnt from the lists, the first
    dossier 160 ms for its statement to be built and compiled."""
    env = {
        **os.environ,
        "THREATGRAPH_HOME": str(tmp_path / "home"),
        "PYTHONPATH": os.pathsep.join(str(p) for p in (ROOT / "src", ROOT / "tests", ROOT / "tests" / "api")),
    }
    db = f"sqlite:///{tmp_path / 'warm.db'}"
    for step in ("build", "measure"):  # built by another process: its loads are not the server's
        done = subprocess.run(
            [sys.executable, "-c", FIRST_REQUESTS, db, step], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    for what, (first, second) in counts.items():
        # a first request still fills per-name caches a later one reuses, but loads no table
        assert first <= 1.5 * second + 2_000, f"first {what} made {first} Python calls, a second one {second}"


@pytest.mark.postgres
def test_a_dossier_page_reads_the_store_once_whether_kept_or_not(pg_engine) -> None:
    """A dossier not kept is one statement (its data and the version it was read at, in one snapshot); a kept one
    is one statement too (the version). The old path read the version first on every request, kept or not, so
    a miss, and every request of a server that keeps no pages, cost two round trips."""
    from test_read import seed_busy
    from threatgraph.api.app import create_app

    group = seed_busy(pg_engine)
    app = create_app(pg_engine)
    client = TestClient(app, base_url="http://127.0.0.1")
    url, html = f"/entities/{group}", {"accept": "text/html"}
    missed = statements(pg_engine, lambda: client.get(url, headers=html))
    assert len(missed) == 1, missed
    kept = statements(pg_engine, lambda: client.get(url, headers=html))
    assert len(kept) == 1 and "store_version" in kept[0], kept
    assert app.state.pages.hits == 1
