"""The same store on a real PostgreSQL server (started by ./dev test; URL in $TG_TEST_PG_URL)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import get_article, save_analysis, search_articles
from threatgraph.store.db import is_current, open_store

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg():
    url = os.environ.get("TG_TEST_PG_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TG_TEST_PG_URL is not set in CI: ./dev test should have started PostgreSQL")
        pytest.skip("no PostgreSQL server (set TG_TEST_PG_URL or run ./dev test)")
    engine = open_store(url)
    yield engine
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM articles"))


def test_migrated(pg) -> None:
    assert is_current(pg)


def test_write_once_and_search(pg) -> None:
    art = Article(text="Counter-terrorism police in Lahore arrested two members of the Example Front.", title="Arrests")
    mention = Mention(57, 70, "Example Front", "ArmedGroup", "example front", art.text, 0)
    assert save_analysis(pg, Analysis(art, mentions=[mention]))
    assert not save_analysis(pg, Analysis(Article(text=art.text)))
    assert get_article(pg, art.id)["title"] == "Arrests"
    assert [r.id for r in search_articles(pg, "lahore")] == [art.id]
    assert search_articles(pg, "nonexistentword") == []
