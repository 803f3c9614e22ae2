"""Building blocks for hand-made test archives (api, web, export and watch tests share them).

Tests that read the archive (API, web pages, exports, watch checks) should not depend on the
extract or resolve stages, yet must see exactly the rows those stages write. So articles always
go through the store's own writer (``save_analysis``), and what resolve and screening would add
(entities with aliases, mentions/events/quotes pointed at entities, sanctions links) is written
here the way those stages write it. The archives themselves (their invented text and entities)
stay with the tests that assert on them: ``api/api_archive.py`` and ``export/exportdata.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, insert, update

from threatgraph.model import Analysis, Article, Mention
from threatgraph.names.forms import script_of
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import aliases, entities, events, mentions, quotes, sanction_links


def mention(
    text: str,
    phrase: str,
    label: str = "Organization",
    *,
    nth: int = 0,
    group: int = -1,
    sentence: str | None = None,
    sent_start: int = 0,
    canonical: str | None = None,
    entity_id: str | None = None,
) -> Mention:
    """A mention of the ``nth`` occurrence of ``phrase`` in ``text`` (fails loudly if absent).

    Without ``sentence`` the whole text stands as the evidence sentence, which is all most tests need;
    ``group`` -1 is the model's "in no in-document group".
    """
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Mention(
        start=start,
        end=start + len(phrase),
        text=phrase,
        label=label,
        norm=phrase.casefold(),
        sentence=text if sentence is None else sentence,
        sent_start=sent_start,
        group=group,
        canonical=canonical or phrase,
        entity_id=entity_id,
    )


def add_article(engine: Engine, text: str, phrases: Iterable[tuple[str, str]] = (), title: str | None = None) -> str:
    """Store an article with one mention of each (phrase, label) pair; returns its id."""
    art = Article(text=text, title=title, outlet="Test Wire", url="https://example.org/a", published=date(2024, 5, 1))
    save_analysis(engine, Analysis(article=art, mentions=[mention(text, p, lbl, group=0) for p, lbl in phrases]))
    return art.id


def add_entity(
    engine: Engine,
    entity_id: str,
    caption: str,
    schema: str,
    names: Iterable[str],
    *,
    mention_count: int = 1,
    article_count: int = 1,
    seen: datetime | None = None,
) -> None:
    """An entity with its aliases as resolve stores them (alias script from resolve's own ``script_of``)."""
    seen = seen or datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(entities).values(
                id=entity_id,
                schema=schema,
                caption=caption,
                norm=caption.casefold(),
                mention_count=mention_count,
                article_count=article_count,
                first_seen=seen,
                last_seen=seen,
                props={},
            )
        )
        rows = [
            {"entity_id": entity_id, "name": n, "norm": n.casefold(), "script": script_of(n), "count": 1} for n in names
        ]
        if rows:
            conn.execute(insert(aliases), rows)


def link_mentions(engine: Engine, article_id: str | None, phrase: str, entity_id: str) -> None:
    """What resolve does: point the mentions of ``phrase`` (in one article, or in all with None) at an entity."""
    cond = [mentions.c.text == phrase]
    if article_id is not None:
        cond.append(mentions.c.article_id == article_id)
    with engine.begin() as conn:
        conn.execute(update(mentions).where(*cond).values(entity_id=entity_id))


def link_events(engine: Engine, where: dict[str, Any], **values: Any) -> None:
    """What resolve does for events: set entity columns (``source_entity_id=…``) on the events matching ``where``."""
    with engine.begin() as conn:
        conn.execute(update(events).where(*(events.c[k] == v for k, v in where.items())).values(**values))


def link_speakers(engine: Engine, entity_id: str, *, article_id: str | None = None, **values: Any) -> None:
    """Point the quotes (of one article, or all) at their speaker entity; ``values`` sets other columns too."""
    stmt = update(quotes).values(speaker_entity_id=entity_id, **values)
    if article_id is not None:
        stmt = stmt.where(quotes.c.article_id == article_id)
    with engine.begin() as conn:
        conn.execute(stmt)


def add_sanction_link(
    engine: Engine,
    entity_id: str,
    dataset: str,
    entry_id: str,
    score: float,
    *,
    status: str = "probable",
    explanation: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """A link from a news entity to a list entry, as screening writes it."""
    with engine.begin() as conn:
        conn.execute(
            insert(sanction_links).values(
                entity_id=entity_id,
                dataset=dataset,
                entry_id=entry_id,
                score=score,
                status=status,
                explanation=explanation or {},
                created_at=at or datetime.now(UTC),
            )
        )
