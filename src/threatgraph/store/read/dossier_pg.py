"""A dossier's parts from one PostgreSQL statement: the same indexed reads as the step-by-step path, as
CTEs and JSON arrays of one row, so a dossier costs one round trip instead of ~15.

Why: at 1M articles on a shared server the step-by-step reads spent about as long waiting between
statements (client CPU, parse, a round trip each) as in the seeks themselves. Every CTE is the statement
the step-by-step path runs: the entity's newest mentions (``ix_mentions_entity_id`` backwards), its
newest events per role, the quotes it spoke, its spans in its recent articles
(``ix_mentions_entity_article``), and the co-occurring entities of those articles; articles and captions
are joined by primary key instead of read in separate lookups. The rows come back as JSON and go through
the same record builders (:mod:`timeline`, :mod:`quotes`, :mod:`links`, :mod:`relations`), so both paths
give the same :class:`~threatgraph.store.records.Dossier` (a test compares them).

The store version (migration 0006) is read in the same statement, so the same snapshot: a page kept
under it holds exactly the writes that version counts.

JSON carries dates as ISO text (what the records hold anyway); the two instants the records turn into a
day or an ISO string (a link's ``created_at``, its list version's ``loaded_at``) are parsed back.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, any_, bindparam, column, exists, func, literal_column, or_, select, table, union
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.selectable import NamedFromClause

from threatgraph.store.read import limits
from threatgraph.store.read.dossier_parts import Parts, evidence_of
from threatgraph.store.read.links import link_record, links_query
from threatgraph.store.read.quotes import COLUMNS as QUOTE_COLUMNS
from threatgraph.store.read.quotes import quote_record
from threatgraph.store.read.relations import rank_related, strongest, timeline_edges
from threatgraph.store.read.timeline import COLUMNS as EVENT_COLUMNS
from threatgraph.store.read.timeline import dated, ids_walks
from threatgraph.store.read.version import VERSION
from threatgraph.store.records import EntityRef, EventCounts
from threatgraph.store.schema import aliases, articles, entities, events, mentions, quotes, sanction_links

#: The totals the triggers of migration 0004 keep (not in schema.py: PostgreSQL only).
entity_counts = table(
    "entity_counts", column("entity_id"), column("source_events"), column("target_events"), column("quotes_by")
)


def _rows(sub: NamedFromClause, *order: ColumnElement[Any]) -> Any:
    """The rows of ``sub`` as one JSON array (``[]`` when none), in ``order``."""
    row = sub.table_valued()
    agg = func.json_agg(aggregate_order_by(row, *order)) if order else func.json_agg(row)
    return select(func.coalesce(agg, literal_column("'[]'::json"))).select_from(sub).scalar_subquery()


def statement() -> Any:
    """The one statement for the current :mod:`limits`, built once (building it costs more than running
    it: ~2k column proxies): the entities row of the ``entity_id`` parameter (no row: no such entity)
    with its parts as JSON columns."""
    return _statement(limits.RECENT_MENTIONS, limits.ARTICLES, limits.ALIASES, limits.TIMELINE, limits.QUOTES)


@lru_cache(maxsize=8)
def _statement(n_recent: int, n_articles: int, n_aliases: int, n_events: int, n_quotes: int) -> Any:
    e = bindparam("entity_id")
    recent = (
        select(mentions.c.id, mentions.c.article_id, mentions.c.sentence, mentions.c.text, mentions.c.start)
        .add_columns(mentions.c.end)
        .where(mentions.c.entity_id == e)
        .order_by(mentions.c.id.desc())
        .limit(n_recent)
        .cte("recent")
    )
    top = (
        select(recent.c.article_id, func.max(recent.c.id).label("newest"))
        .group_by(recent.c.article_id)
        .order_by(func.max(recent.c.id).desc())
        .limit(n_articles)
        .cte("top")
    )
    evidence = select(recent).where(recent.c.article_id.in_(select(top.c.article_id))).subquery("evidence")
    arts = (
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.url, articles.c.published)
        .where(articles.c.id.in_(select(top.c.article_id)))
        .subquery("arts")
    )
    alias_rows = (
        select(aliases.c.name, aliases.c.script, aliases.c.count)
        .where(aliases.c.entity_id == e)
        .order_by(aliases.c.count.desc(), aliases.c.name)
        .limit(n_aliases)
        .subquery("alias_rows")
    )
    newest = ids_walks(e, None, n_events).subquery("newest")
    ev = (
        select(*EVENT_COLUMNS)
        .where(events.c.id.in_(select(newest.c.id)))
        .order_by(events.c.id.desc())
        .limit(n_events)
        .cte("ev")
    )
    ev_art = articles.alias("ev_art")
    timeline = (
        select(
            ev,
            ev_art.c.title.label("a_title"),
            ev_art.c.published.label("a_published"),
            ev_art.c.outlet.label("a_outlet"),
        )
        .select_from(ev.outerjoin(ev_art, ev_art.c.id == ev.c.article_id))
        .subquery("timeline")
    )
    spoken = (
        select(*QUOTE_COLUMNS)
        .where(quotes.c.speaker_entity_id == e)
        .order_by(quotes.c.id.desc())
        .limit(n_quotes)
        .cte("spoken")
    )
    spans = (
        select(mentions.c.article_id, mentions.c.start, mentions.c.end)
        .where(mentions.c.entity_id == e, mentions.c.article_id.in_(select(top.c.article_id)))
        .cte("spans")
    )
    about = (
        select(*QUOTE_COLUMNS, top.c.newest)
        .select_from(quotes.join(top, top.c.article_id == quotes.c.article_id))
        .where(
            or_(quotes.c.speaker_entity_id.is_(None), quotes.c.speaker_entity_id != e),
            exists().where(
                spans.c.article_id == quotes.c.article_id,
                quotes.c.start <= spans.c.start,
                spans.c.end <= quotes.c.end,
            ),
        )
        .order_by(top.c.newest.desc(), quotes.c.id)
        .limit(n_quotes)
        .cte("about")
    )
    q_art = articles.alias("q_art")

    def with_article(quoted: Any, name: str) -> Any:
        return (
            select(quoted, q_art.c.title.label("a_title"), q_art.c.published.label("a_published"))
            .select_from(quoted.outerjoin(q_art, q_art.c.id == quoted.c.article_id))
            .subquery(name)
        )

    spoken_rows, about_rows = with_article(spoken, "spoken_rows"), with_article(about, "about_rows")
    co = (
        select(mentions.c.entity_id, func.count(mentions.c.article_id.distinct()).label("n"))
        .where(
            mentions.c.article_id.in_(select(top.c.article_id)),
            mentions.c.entity_id.is_not(None),
            mentions.c.entity_id != e,
        )
        .group_by(mentions.c.entity_id)
        .cte("co")
    )
    # The captions of every actor the parts name, in one lookup (a join per part hashed the whole
    # entities table four times over). As "= ANY(ARRAY(...))" the ids are one primary-key probe each: the
    # planner cannot see how few they are (a hundred or so; it guessed thousands from the co-occurrence
    # estimate) and, as an IN (subquery), hashed them against a sequential scan of every entity, a read that
    # grows with the archive's actors rather than with the page.
    named = union(
        select(ev.c.source_entity_id),
        select(ev.c.target_entity_id),
        select(about.c.speaker_entity_id),
        select(co.c.entity_id),
    ).subquery("named")
    refs = (
        select(entities.c.id, entities.c.caption, entities.c.schema)
        .where(entities.c.id == any_(func.array(select(named.c.source_entity_id).scalar_subquery())))
        .subquery("refs")
    )
    link_rows = links_query(sanction_links.c.entity_id == e).subquery("link_rows")
    counts = (
        select(entity_counts.c.source_events, entity_counts.c.target_events, entity_counts.c.quotes_by)
        .where(entity_counts.c.entity_id == e)
        .subquery("counts")
    )
    return select(
        entities,
        _rows(alias_rows, alias_rows.c.count.desc(), alias_rows.c.name).label("tg_aliases"),
        _rows(link_rows, link_rows.c.score.desc()).label("tg_links"),
        _rows(evidence, evidence.c.id.desc()).label("tg_mentions"),
        _rows(arts).label("tg_articles"),
        _rows(timeline, timeline.c.id.desc()).label("tg_events"),
        _rows(spoken_rows, spoken_rows.c.id.desc()).label("tg_spoken"),
        _rows(about_rows, about_rows.c.newest.desc(), about_rows.c.id).label("tg_about"),
        _rows(co).label("tg_co"),
        _rows(refs).label("tg_refs"),
        _rows(counts).label("tg_counts"),
        select(VERSION.c.n).where(VERSION.c.id == 1).scalar_subquery().label("tg_version"),
    ).where(entities.c.id == e)


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def one_statement(conn: Connection, entity_id: str) -> Parts | None:
    """The dossier's parts from :func:`statement`, or None when there is no such entity."""
    row = conn.execute(statement(), {"entity_id": entity_id}).mappings().first()
    if row is None:
        return None
    ent = {k: v for k, v in row.items() if not k.startswith("tg_")}
    order, evidence = evidence_of(
        (m["article_id"], m["sentence"], m["text"], m["start"], m["end"]) for m in row["tg_mentions"]
    )
    refs = {r["id"]: EntityRef(id=r["id"], caption=r["caption"], schema=r["schema"]) for r in row["tg_refs"]}
    ev_art = {r["article_id"]: (r["a_title"], r["a_published"], r["a_outlet"]) for r in row["tg_events"]}
    timeline = dated(entity_id, row["tg_events"], ev_art, refs)
    q_art = {r["article_id"]: (r["a_title"], r["a_published"]) for r in [*row["tg_spoken"], *row["tg_about"]]}
    quotes_by = [quote_record(entity_id, r, q_art, {}) for r in row["tg_spoken"]]
    quotes_about = [quote_record(entity_id, r, q_art, refs) for r in row["tg_about"]]
    links = [
        link_record({**r, "created_at": _instant(r["created_at"]), "first_loaded": _instant(r["first_loaded"])})
        for r in row["tg_links"]
    ]
    co = Counter({r["entity_id"]: r["n"] for r in row["tg_co"]})
    edges = timeline_edges(entity_id, timeline)
    counts = row["tg_counts"]
    return Parts(
        entity=ent,
        aliases=[(a["name"], a["script"], a["count"]) for a in row["tg_aliases"]],
        links=links,
        order=order,
        evidence=evidence,
        articles={a["id"]: a for a in row["tg_articles"]},
        timeline=timeline,
        quotes_by=quotes_by,
        quotes_about=quotes_about,
        counts=EventCounts(**counts[0]) if counts else EventCounts(source_events=0, target_events=0, quotes_by=0),
        related=rank_related(co, edges, strongest(co, edges), refs),
        version=row["tg_version"],
    )
