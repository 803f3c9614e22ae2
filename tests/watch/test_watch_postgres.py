"""Watch check and webhook bookkeeping on a real PostgreSQL server (URL in $TG_TEST_PG_URL)."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import save_analysis
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles, watches
from threatgraph.watch import add_watch, check, deliver_pending, list_alerts

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg():
    url = os.environ.get("TG_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server (set TG_TEST_PG_URL or run ./dev test)")
    engine = open_store(url)
    with engine.begin() as conn:
        conn.execute(delete(watches))  # other runs' watches would alert on our article too
    yield engine
    with engine.begin() as conn:
        conn.execute(delete(watches))


def test_check_is_idempotent_on_postgres(pg) -> None:
    text = f"Fighters of the Zainabiyoun Brigade moved again ({uuid.uuid4()})."
    art = Article(text=text, title="pg")
    start = text.index("Zainabiyoun")
    mention = Mention(start, start + 19, "Zainabiyoun Brigade", "ArmedGroup", "zainabiyoun brigade", text, 0)
    w = add_watch(pg, "Zaynabiyoun Brigade")
    save_analysis(pg, Analysis(art, mentions=[mention]))
    try:
        found = check(pg, [art.id], deliver=False)
        assert [(a["watch_id"], a["article_id"]) for a in found] == [(w["id"], art.id)]
        assert check(pg, [art.id], deliver=False) == []
        stats = deliver_pending(pg, "http://127.0.0.1:9/unreachable", now=datetime.now(UTC), timeout=1)
        assert stats.failed >= 1
        [alert] = list_alerts(pg, watch_id=w["id"])
        assert alert["attempts"] == 1 and alert["last_error"] and alert["delivered_at"] is None
    finally:
        with pg.begin() as conn:
            conn.execute(delete(articles).where(articles.c.id == art.id))
