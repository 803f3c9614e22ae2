"""Watch check and webhook bookkeeping on a real PostgreSQL server (URL in $TG_TEST_PG_URL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import save_analysis
from threatgraph.watch import add_watch, check, deliver_pending, list_alerts

pytestmark = pytest.mark.postgres


def test_check_is_idempotent_on_postgres(pg_engine) -> None:
    text = f"Fighters of the Zainabiyoun Brigade moved again ({uuid.uuid4()})."
    art = Article(text=text, title="pg")
    start = text.index("Zainabiyoun")
    mention = Mention(start, start + 19, "Zainabiyoun Brigade", "ArmedGroup", "zainabiyoun brigade", text, 0)
    w = add_watch(pg_engine, "Zaynabiyoun Brigade")
    save_analysis(pg_engine, Analysis(art, mentions=[mention]))
    found = check(pg_engine, [art.id], deliver=False)
    assert [(a.watch_id, a.article_id) for a in found] == [(w["id"], art.id)]
    assert check(pg_engine, [art.id], deliver=False) == []
    stats = deliver_pending(pg_engine, "http://127.0.0.1:9/unreachable", now=datetime.now(UTC), timeout=1)
    assert stats.failed >= 1
    [alert] = list_alerts(pg_engine, watch_id=w["id"])
    assert alert.attempts == 1 and alert.last_error and alert.delivered_at is None


def test_two_checks_at_once_settle_each_others_articles_without_deadlock_on_postgres(pg_engine, monkeypatch) -> None:
    """Two ingests' checks at once: each first settles its own article's pending work, then every article
    still unchecked, the other's included. Both reach the second step together here (a barrier after the
    first): without one lock order, each waits on the row the other settled first."""
    import contextlib
    import threading

    import threatgraph.watch.scan as scan
    from threatgraph.store import work

    add_watch(pg_engine, "Zaynabiyoun Brigade")
    ids = []
    for n in range(2):
        text = f"Fighters of the Zainabiyoun Brigade moved again ({uuid.uuid4()}, {n})."
        art = Article(text=text, title=f"pg {n}")
        start = text.index("Zainabiyoun")
        save_analysis(
            pg_engine,
            Analysis(art, mentions=[Mention(start, start + 19, "Zainabiyoun Brigade", "ArmedGroup", "zb", text, 0)]),
        )
        ids.append(art.id)
    barrier = threading.Barrier(2, timeout=3)
    first_done: set[int] = set()
    real_done = work.done

    def done_then_meet(conn, kind, keys) -> None:
        real_done(conn, kind, keys)
        if threading.get_ident() not in first_done:
            first_done.add(threading.get_ident())
            # with the lock, the other check waits for this one: the barrier breaks
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

    monkeypatch.setattr(scan.work, "done", done_then_meet)
    errors: list[BaseException] = []
    found: list[str] = []

    def run(article_id: str) -> None:
        try:
            found.extend(a.article_id for a in check(pg_engine, [article_id], deliver=False))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(found) == sorted(ids)  # each article alerted once, by whichever check got to it
    assert work.pending_articles(pg_engine, work.WATCH) == []
