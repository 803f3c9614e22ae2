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
