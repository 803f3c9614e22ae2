"""The same store on a real PostgreSQL server (started by ./dev test; URL in $TG_TEST_PG_URL)."""

from __future__ import annotations

import pytest

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import get_article, save_analysis, search_articles
from threatgraph.store.db import is_current

pytestmark = pytest.mark.postgres


def test_migrated(pg_engine) -> None:
    assert is_current(pg_engine)


def test_write_once_and_search(pg_engine) -> None:
    art = Article(text="Counter-terrorism police in Lahore arrested two members of the Example Front.", title="Arrests")
    mention = Mention(57, 70, "Example Front", "ArmedGroup", "example front", art.text, 0)
    assert save_analysis(pg_engine, Analysis(art, mentions=[mention]))
    assert not save_analysis(pg_engine, Analysis(Article(text=art.text)))
    assert get_article(pg_engine, art.id)["title"] == "Arrests"
    assert [r.id for r in search_articles(pg_engine, "lahore")] == [art.id]
    assert search_articles(pg_engine, "nonexistentword") == []
