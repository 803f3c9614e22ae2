"""Hand-built archive for watch tests: articles via save_analysis, entities/aliases by direct insert."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, insert, update

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import aliases, entities, mentions


def mention(text: str, phrase: str, label: str = "Organization", entity_id: str | None = None) -> Mention:
    """A mention of ``phrase`` at its first occurrence in ``text`` (fails loudly if absent)."""
    start = text.index(phrase)
    return Mention(
        start=start,
        end=start + len(phrase),
        text=phrase,
        label=label,
        norm=phrase.casefold(),
        sentence=text,
        sent_start=0,
        group=0,
        canonical=phrase,
        entity_id=entity_id,
    )


def add_article(engine: Engine, text: str, phrases: list[tuple[str, str]] = (), title: str | None = None) -> str:
    """Store an article with mentions of the given (phrase, label) pairs; returns its id."""
    art = Article(text=text, title=title, outlet="Test Wire", url="https://example.org/a", published=date(2024, 5, 1))
    save_analysis(engine, Analysis(article=art, mentions=[mention(text, p, lbl) for p, lbl in phrases]))
    return art.id


def add_entity(engine: Engine, entity_id: str, caption: str, schema: str, names: list[str]) -> None:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(entities).values(
                id=entity_id,
                schema=schema,
                caption=caption,
                norm=caption.casefold(),
                mention_count=1,
                article_count=1,
                first_seen=now,
                last_seen=now,
                props={},
            )
        )
        for n in names:
            row = {"entity_id": entity_id, "name": n, "norm": n.casefold(), "script": "Latin", "count": 1}
            conn.execute(insert(aliases).values(**row))


def link_mentions(engine: Engine, article_id: str, phrase: str, entity_id: str) -> None:
    """What resolve does: point the article's mentions of ``phrase`` at an entity."""
    with engine.begin() as conn:
        conn.execute(
            update(mentions)
            .where(mentions.c.article_id == article_id, mentions.c.text == phrase)
            .values(entity_id=entity_id)
        )
