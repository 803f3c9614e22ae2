"""What one request costs the store: statements per screening request, and what a fresh server's first requests
wait for.

On a busy server a request waits for each round trip to the database far longer than the database works on it
(at 1M articles, `/match` took 221 ms over HTTP while its server spent 15 ms of CPU): the statement count is the
load-independent measure, so it is what these tests hold down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event


def statements(engine: Engine, run: Callable[[], Any]) -> list[str]:
    """The SQL statements ``run`` sends through ``engine``."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


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


def test_screen_batch_reads_the_store_once_per_chunk(client: TestClient, archive: dict[str, Any]) -> None:
    """The screening form and ``/screen`` share the one read with ``/match``."""
    engine = archive["engine"]
    client.post("/match/default", json=_match_body("Tomasz Wiśniewski"))
    body = {"names": [{"name": "Jana Ngozi Adeyemi"}, {"name": "Olusegun Bankole"}]}
    seen = statements(engine, lambda: client.post("/screen", json=body))
    assert len(seen) == 1, seen
