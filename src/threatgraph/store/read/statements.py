"""Reading stored quotes and events back: who said what, and who did what to whom.

Shared by the ``threatgraph quotes`` / ``threatgraph events`` commands (and usable by the API):
a name is looked up as resolved entities (any alias, via :func:`threatgraph.store.read.find_entities`)
and, for records resolve has not linked yet, through the in-article mention group or the stored
actor text. Every function returns typed records (:mod:`threatgraph.store.records`, dates as ISO strings).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, exists, or_, select

from threatgraph.store.parc import parc_view
from threatgraph.store.read.common import captions, iso
from threatgraph.store.read.lookup import find_entities, like
from threatgraph.store.records import EventHit, QuoteHit
from threatgraph.store.schema import articles, events, mentions, quotes


def _like(text: str) -> str:
    return f"%{like(text)}%"


def _entity_ids(engine: Engine, name: str) -> list[str]:
    """Resolved entities a name may mean (empty when resolve has not run or nothing matches)."""
    return [hit.id for hit in find_entities(engine, name, limit=5)]


def _group_is(article_col: Any, grp_col: Any, ids: list[str]) -> Any:
    """The record's in-article group has a mention resolved to one of ``ids``."""
    return exists().where(
        and_(mentions.c.article_id == article_col, mentions.c.grp == grp_col, mentions.c.entity_id.in_(ids))
    )


def find_quotes(
    engine: Engine, speaker: str | None = None, about: str | None = None, limit: int = 50
) -> list[QuoteHit]:
    """Quotes, newest articles first, optionally by a speaker and/or about an actor (by name)."""
    conds = []
    if speaker:
        ids = _entity_ids(engine, speaker)
        by_text = quotes.c.speaker.ilike(_like(speaker), escape="\\")
        conds.append(
            or_(by_text, quotes.c.speaker_entity_id.in_(ids), _group_is(quotes.c.article_id, quotes.c.speaker_grp, ids))
            if ids
            else by_text
        )
    if about:
        ids = _entity_ids(engine, about)
        in_text = quotes.c.text.ilike(_like(about), escape="\\")
        mentioned = exists().where(
            and_(
                mentions.c.article_id == quotes.c.article_id,
                mentions.c.start >= quotes.c.start,
                mentions.c.end <= quotes.c.end,
                mentions.c.entity_id.in_(ids),
            )
        )
        conds.append(or_(in_text, mentioned) if ids else in_text)
    stmt = (
        select(quotes, articles.c.title, articles.c.published, articles.c.outlet.label("article_outlet"))
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(*conds)
        .order_by(articles.c.published.desc().nulls_last(), articles.c.seq.desc(), quotes.c.start)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return [
        QuoteHit(
            id=r["id"],
            article_id=r["article_id"],
            article_title=r["title"],
            published=iso(r["published"]),
            text=r["text"],
            direct=bool(r["direct"]),
            speaker=r["speaker"],
            speaker_entity_id=r["speaker_entity_id"],
            speaker_title=r["speaker_title"],
            speaker_affiliation=r["speaker_affiliation"],
            cue=r["cue"],
            outlet=r["outlet"],
            sentence=r["sentence"],
            parc=parc_view(r),
        )
        for r in rows
    ]


def find_events(
    engine: Engine, entity: str | None = None, type_: str | None = None, limit: int = 100
) -> list[EventHit]:
    """Events as a dated timeline (oldest first, undated last), optionally for one actor and/or type.

    ``type_`` is a stored (PLOVER) type; mapping a user's word ("RECRUIT") to it is the extract stage's
    lexicon's job, done by the caller.
    """
    conds = []
    if type_:
        conds.append(events.c.type == type_.upper())
    if entity:
        ids = _entity_ids(engine, entity)
        pattern = _like(entity)
        by_text = or_(
            events.c.source_text.ilike(pattern, escape="\\"), events.c.target_text.ilike(pattern, escape="\\")
        )
        if ids:
            by_id = or_(
                events.c.source_entity_id.in_(ids),
                events.c.target_entity_id.in_(ids),
                _group_is(events.c.article_id, events.c.source_grp, ids),
                _group_is(events.c.article_id, events.c.target_grp, ids),
            )
            conds.append(or_(by_text, by_id))
        else:
            conds.append(by_text)
    stmt = (
        select(events, articles.c.title, articles.c.published)
        .join(articles, articles.c.id == events.c.article_id)
        .where(*conds)
        .order_by(events.c.date_start.asc().nulls_last(), articles.c.published.asc().nulls_last(), events.c.start)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
        refs = captions(conn, {r["source_entity_id"] for r in rows} | {r["target_entity_id"] for r in rows})

    def caption(entity_id: str | None, text: str | None) -> str | None:
        ref = refs.get(entity_id) if entity_id else None
        return (ref.caption if ref else None) or text

    return [
        EventHit(
            id=r["id"],
            type=r["type"],
            subtype=r["subtype"],
            trigger=r["trigger"],
            source=caption(r["source_entity_id"], r["source_text"]),
            source_entity_id=r["source_entity_id"],
            target=caption(r["target_entity_id"], r["target_text"]),
            target_entity_id=r["target_entity_id"],
            place=r["place"],
            date_text=r["date_text"],
            date_start=iso(r["date_start"]),
            date_end=iso(r["date_end"]),
            date_precision=r["date_precision"],
            date_note=r["date_note"],
            negated=bool(r["negated"]),
            hedged=bool(r["hedged"]),
            modality=r["modality"],
            sentence=r["sentence"],
            article_id=r["article_id"],
            article_title=r["title"],
            published=iso(r["published"]),
        )
        for r in rows
    ]
