"""The store opens migrated, writes an article atomically and finds it by full text."""

from __future__ import annotations

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import get_article, save_analysis, search_articles
from threatgraph.store.db import is_current


def test_store_is_migrated(store) -> None:
    assert is_current(store)


def test_duplicate_article_is_noop(store) -> None:
    art = Article(text="The Example Front said on Monday it had recruited fighters.", title="Recruits")
    mention = Mention(4, 17, "Example Front", "ArmedGroup", "example front", art.text, 0)
    assert save_analysis(store, Analysis(art, mentions=[mention]))
    assert not save_analysis(store, Analysis(Article(text=art.text + "  \n")))
    assert get_article(store, art.id)["title"] == "Recruits"


def test_fts_search_tolerates_syntax(store) -> None:
    save_analysis(store, Analysis(Article(text="Police arrested three members in Karachi.")))
    assert len(search_articles(store, "karachi")) == 1
    assert search_articles(store, 'AND "OR (') == []
