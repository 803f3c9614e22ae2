"""Quotes an actor spoke and quotes about it (their span holds one of its mentions) in its recent articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, or_, select

from threatgraph.store.read import limits
from threatgraph.store.read.common import captions, iso
from threatgraph.store.records import EntityRef, Quote
from threatgraph.store.schema import articles, mentions, quotes

COLUMNS = (
    quotes.c.id,
    quotes.c.article_id,
    quotes.c.text,
    quotes.c.speaker,
    quotes.c.speaker_entity_id,
    quotes.c.speaker_title,
    quotes.c.speaker_affiliation,
    quotes.c.cue,
    quotes.c.outlet,
    quotes.c.direct,
    quotes.c.kind,
)


def quotes_of(conn: Connection, entity_id: str, article_ids: list[str]) -> tuple[list[Quote], list[Quote]]:
    """Quotes the entity spoke (newest first) and quotes naming it in these (its recent) articles."""
    by = (
        conn.execute(
            select(*COLUMNS)
            .where(quotes.c.speaker_entity_id == entity_id)
            .order_by(quotes.c.id.desc())
            .limit(limits.QUOTES)
        )
        .mappings()
        .all()
    )
    about = _quotes_about(conn, entity_id, article_ids)
    aids = {r["article_id"] for r in [*by, *about]}
    art = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            select(articles.c.id, articles.c.title, articles.c.published).where(articles.c.id.in_(sorted(aids)))
        )
    }
    refs = captions(conn, {r["speaker_entity_id"] for r in about})
    return [quote_record(entity_id, r, art, refs) for r in by], [quote_record(entity_id, r, art, refs) for r in about]


def quote_record(
    entity_id: str, r: Mapping[str, Any], art: Mapping[str, tuple[Any, Any]], refs: Mapping[str, EntityRef]
) -> Quote:
    """A quote row (``COLUMNS``) as a record, with its article (title, published by id); the speaker's entity
    is named only when it is another than ``entity_id`` (a quote about it)."""
    title, published = art.get(r["article_id"], (None, None))
    return Quote(
        quote_id=r["id"],
        text=r["text"],
        direct=bool(r["direct"]),
        speaker=r["speaker"],
        speaker_entity=refs.get(r["speaker_entity_id"]) if r["speaker_entity_id"] != entity_id else None,
        speaker_title=r["speaker_title"],
        speaker_affiliation=r["speaker_affiliation"],
        cue=r["cue"],
        outlet=r["outlet"],
        article_id=r["article_id"],
        article_title=title,
        published=iso(published),
        kind=r["kind"],
    )


def _quotes_about(conn: Connection, entity_id: str, article_ids: list[str]) -> list[Any]:
    """Quotes (not spoken by the entity) whose span holds one of its mentions, in these articles.

    Two indexed reads matched in Python rather than one join: given a join, the planner walks
    every mention of the entity (``ix_mentions_entity_id``: 80k rows for a heavy actor) before it
    looks at the 50 articles; here the entity's spans come from ``ix_mentions_entity_article``
    (one seek per article) and the quotes from ``ix_quotes_article``.
    """
    if not article_ids:
        return []
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, start, end in conn.execute(
        select(mentions.c.article_id, mentions.c.start, mentions.c.end).where(
            mentions.c.entity_id == entity_id, mentions.c.article_id.in_(article_ids)
        )
    ):
        spans[aid].append((start, end))
    if not spans:
        return []
    rank = {aid: i for i, aid in enumerate(article_ids)}
    found = [
        r
        for r in conn.execute(
            select(*COLUMNS, quotes.c.start, quotes.c.end)
            .where(
                quotes.c.article_id.in_(sorted(spans)),
                or_(quotes.c.speaker_entity_id.is_(None), quotes.c.speaker_entity_id != entity_id),
            )
            .order_by(quotes.c.id)
        ).mappings()
        if any(r["start"] <= s0 and e0 <= r["end"] for s0, e0 in spans[r["article_id"]])
    ]
    found.sort(key=lambda r: rank[r["article_id"]])  # newest articles first, quotes in text order
    return found[: limits.QUOTES]
