"""Everything known about one actor, bounded: profile, aliases, sanctions links, articles with evidence,
timeline, quotes and related entities.

The articles of an entity are taken from its most recent mentions (``ix_mentions_entity_id`` walked
backwards), its events from the newest ids of the two role indexes, and the quotes about it from its
mentions in those articles (``ix_mentions_entity_article``), never from a scan or a join over all its
mentions, so the heaviest actor reads in ~10 ms at 100k articles.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from threatgraph.store.read import limits
from threatgraph.store.read.common import iso, profile
from threatgraph.store.read.dossier_parts import Parts, evidence_of
from threatgraph.store.read.dossier_pg import one_statement
from threatgraph.store.read.links import links_of
from threatgraph.store.read.quotes import quotes_of
from threatgraph.store.read.relations import related, timeline_edges
from threatgraph.store.read.timeline import event_counts, newest_events
from threatgraph.store.records import Alias, ArticleEvidence, Dossier, EventCounts, Evidence
from threatgraph.store.schema import aliases, articles, entities, mentions


def _recent_articles(conn: Connection, entity_id: str) -> tuple[list[str], dict[str, list[Evidence]]]:
    """Most recently ingested articles of an entity and up to three evidence sentences in each."""
    rows = conn.execute(
        select(mentions.c.article_id, mentions.c.sentence, mentions.c.text, mentions.c.start, mentions.c.end)
        .where(mentions.c.entity_id == entity_id)
        .order_by(mentions.c.id.desc())
        .limit(limits.RECENT_MENTIONS)
    ).all()
    return evidence_of(rows)


def dossier(engine: Engine, entity_id: str) -> Dossier | None:
    """Everything known about one actor, or None: profile, aliases with scripts, sanctions links
    with the matched entry's programs and listing date, articles with evidence sentences, a dated
    timeline of events, quotes by and about it, and related entities for the relations graph.

    Lists are bounded (newest ARTICLES articles, TIMELINE events, QUOTES quotes; co-occurrence
    over the recent articles); ``counts`` holds the true totals and ``timeline_next_before`` pages
    on through :func:`threatgraph.store.read.timeline`.

    On PostgreSQL the parts come from one statement (:mod:`threatgraph.store.read.dossier_pg`): at 1M
    articles on a loaded server each of the ~15 round trips of the step-by-step reads cost as much as
    the seek behind it. SQLite, in process, has no round trips to save and reads step by step."""
    return dossier_at(engine, entity_id)[0]


def dossier_at(engine: Engine, entity_id: str) -> tuple[Dossier | None, int | None]:
    """:func:`dossier`, and the store version it was read at (PostgreSQL, same snapshot; None on SQLite):
    what a cache of pages built from it is keyed by."""
    with engine.connect() as conn:
        parts = one_statement(conn, entity_id) if conn.dialect.name == "postgresql" else _stepwise(conn, entity_id)
    if parts is None:
        return None, None
    return assemble(entity_id, parts), parts.version


def _stepwise(conn: Connection, entity_id: str) -> Parts | None:
    """The dossier's parts, each from its own indexed reads."""
    ent = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
    if ent is None:
        return None
    alias_rows = conn.execute(
        select(aliases.c.name, aliases.c.script, aliases.c.count)
        .where(aliases.c.entity_id == entity_id)
        .order_by(aliases.c.count.desc(), aliases.c.name)
        .limit(limits.ALIASES)
    ).all()
    links = links_of(conn, [entity_id]).get(entity_id, [])
    order, evidence = _recent_articles(conn, entity_id)
    arts = {
        r["id"]: r
        for r in conn.execute(
            select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.url, articles.c.published).where(
                articles.c.id.in_(order)
            )
        ).mappings()
    }
    timeline = newest_events(conn, entity_id)
    quotes_by, quotes_about = quotes_of(conn, entity_id, order)
    counts = None
    if len(timeline) >= limits.TIMELINE or len(quotes_by) >= limits.QUOTES:
        counts = event_counts(conn, entity_id)
    relations = related(conn, entity_id, order, timeline_edges(entity_id, timeline))
    return Parts(
        ent,
        [tuple(r) for r in alias_rows],
        links,
        order,
        evidence,
        arts,
        timeline,
        quotes_by,
        quotes_about,
        counts,
        relations,
    )


def assemble(entity_id: str, p: Parts) -> Dossier:
    """The dossier record from its parts, however they were read."""
    ent = p.entity
    timeline = p.timeline
    if len(timeline) < limits.TIMELINE and len(p.quotes_by) < limits.QUOTES:  # nothing cut: lists are totals
        counts = EventCounts(
            source_events=sum(1 for e in timeline if e.source is not None and e.source.id == entity_id),
            target_events=sum(1 for e in timeline if e.target is not None and e.target.id == entity_id),
            quotes_by=len(p.quotes_by),
        )
    else:
        assert p.counts is not None, "a cut list needs the stored totals"
        counts = p.counts
    arts = p.articles
    article_list = [
        ArticleEvidence(
            id=aid,
            title=arts[aid]["title"],
            outlet=arts[aid]["outlet"],
            url=arts[aid]["url"],
            published=iso(arts[aid]["published"]),
            evidence=p.evidence[aid],
        )
        for aid in p.order
        if aid in arts
    ]
    article_list.sort(key=lambda a: a.published or "", reverse=True)
    complete = len(timeline) < limits.TIMELINE or counts.source_events + counts.target_events <= limits.TIMELINE
    props = ent["props"] or {}
    return Dossier(
        **profile(ent),
        norm=ent["norm"],
        labels=props.get("labels", {}),
        aliases=[Alias(name=n, script=s, count=c) for n, s, c in p.aliases],
        scripts=sorted({s for _, s, _ in p.aliases}),
        sanctioned=any(link.sanctioned for link in p.links),
        sanctions=p.links,
        articles=article_list,
        timeline=timeline,
        counts=counts,
        timeline_next_before=None if complete else min(e.event_id for e in timeline),
        quotes_by=p.quotes_by,
        quotes_about=p.quotes_about,
        related=p.related,
    )
