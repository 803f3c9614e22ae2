"""What an export contains: one read of the store that every format then renders.

Reading once and rendering many times keeps the formats consistent (the STIX bundle and the
CSV files of one export describe the same actors, events and quotes) and keeps SQL out of
the format modules. Article bodies are deliberately left out: exports carry the evidence
sentences, titles, outlets and URLs, not redistributed copies of third-party reporting.

With a focus entity the snapshot holds that entity and its neighbours: the other actors of
its events, the speakers of quotes by or about it (a quote is "about" it when one of its
mentions lies inside the quote), and organisations its speakers are affiliated with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, literal, or_, select, union_all

from threatgraph.store.schema import (
    aliases,
    articles,
    entities,
    events,
    list_entries,
    mentions,
    quotes,
    sanction_links,
)
from threatgraph.store.states import SANCTIONED_STATES

#: Entity types a quote speaker can be affiliated with (Membership.organization in FtM).
ORG_SCHEMATA = ("Organization", "ArmedGroup", "PublicBody", "Company")


class ExportError(ValueError):
    """An export cannot be made; the message names the input and the reason."""


class RowStream:
    """Rows of one query, streamed from the database each time they are iterated.

    Mentions outnumber everything else by far (tens per article), so a whole-archive export
    streams them in ``yield_per`` chunks instead of holding millions of dicts in memory.
    """

    __slots__ = ("engine", "stmt")

    def __init__(self, engine: Engine, stmt: Any) -> None:
        self.engine = engine
        self.stmt = stmt

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=5000).execute(self.stmt).mappings():
                yield dict(row)


@dataclass(slots=True)
class Snapshot:
    """Rows for one export, as plain dicts keyed like the store columns."""

    entities: dict[str, dict[str, Any]] = field(default_factory=dict)  # + "aliases": [alias rows]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: Iterable[dict[str, Any]] = field(default_factory=list)  # ordered by article
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    sanctions: list[dict[str, Any]] = field(default_factory=list)  # link + "entry" (list entry row or None)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    focus: str | None = None


_ARTICLE_COLS = [
    articles.c.id,
    articles.c.url,
    articles.c.outlet,
    articles.c.title,
    articles.c.published,
    articles.c.lang,
    articles.c.source,
    articles.c.ingested_at,
]


def _rows(conn: Connection, stmt) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(stmt).mappings()]


def _chunks(values: list[Any], size: int = 500):
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _load_entities(conn: Connection, ids: set[str] | None) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if ids is None:
        for r in _rows(conn, select(entities).order_by(entities.c.id)):
            out[r["id"]] = r | {"aliases": []}
        alias_rows = _rows(conn, select(aliases).order_by(aliases.c.entity_id, aliases.c.count.desc()))
    else:
        alias_rows = []
        for chunk in _chunks(sorted(ids)):
            for r in _rows(conn, select(entities).where(entities.c.id.in_(chunk))):
                out[r["id"]] = r | {"aliases": []}
            alias_rows += _rows(
                conn, select(aliases).where(aliases.c.entity_id.in_(chunk)).order_by(aliases.c.count.desc())
            )
    for a in alias_rows:
        if a["entity_id"] in out:
            out[a["entity_id"]]["aliases"].append(a)
    return dict(sorted(out.items()))


def affiliations(conn: Connection, names: Iterable[str | None]) -> dict[str, dict[str, Any]]:
    """Affiliation text (stripped, lower-cased) -> organisation row (id, schema, caption), organisations only.

    An entity whose caption is the text wins over one with it as an alias, then the most mentioned (then
    the lowest id, so ties give the same answer on every run). One query per 500 distinct texts: an
    archive has as many distinct affiliations as it has sources quoted, and a query per text made a
    whole-archive export pay a round trip for each of them.
    """
    wanted = sorted({n.strip().casefold() for n in names if n and n.strip()})
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(wanted):
        by_caption = _orgs_named(func.lower(entities.c.caption), 0, chunk)
        by_alias = _orgs_named(func.lower(aliases.c.name), 1, chunk).join(aliases, aliases.c.entity_id == entities.c.id)
        both = union_all(by_caption, by_alias).subquery()
        for r in conn.execute(
            select(both.c.low, both.c.id, both.c.schema, both.c.caption).order_by(
                both.c.low, both.c.rank, both.c.mention_count.desc(), both.c.id
            )
        ):
            if r.low not in found:
                found[r.low] = {"id": r.id, "schema": r.schema, "caption": r.caption}
    return found


def _orgs_named(low: Any, rank: int, names: list[str]) -> Any:
    """Organisations whose ``low`` (a lower-cased caption or alias) is one of ``names``, tagged with ``rank``
    (a caption outranks an alias)."""
    return select(
        low.label("low"),
        literal(rank).label("rank"),
        entities.c.id,
        entities.c.schema,
        entities.c.caption,
        entities.c.mention_count,
    ).where(low.in_(names), entities.c.schema.in_(ORG_SCHEMATA))


def group_memberships(quote_rows: Iterable[dict[str, Any]], orgs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Speaker -> organisation links read off quotes ("a research fellow at X"), one per distinct pair,
    with the articles and quotes that say so.

    ``orgs`` is :func:`affiliations` of the quotes' affiliation texts. Quote rows that carry their
    speaker's schema and caption (``speaker_schema``/``speaker_caption``, as the streaming source joins
    them) give links that carry both ends' schema and caption too, so a writer needs no lookup table.
    """
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for q in quote_rows:
        speaker = q["speaker_entity_id"]
        org = orgs.get((q["speaker_affiliation"] or "").strip().casefold())
        if org is None or not speaker or org["id"] == speaker:
            continue
        key = (speaker, org["id"])
        if key not in seen:
            link: dict[str, Any] = {"member": speaker, "organization": org["id"], "role": q["speaker_title"]}
            if "speaker_schema" in q:
                link |= {
                    "member_schema": q["speaker_schema"],
                    "member_caption": q["speaker_caption"],
                    "organization_schema": org["schema"],
                    "organization_caption": org["caption"],
                }
            seen[key] = link | {"article_ids": [], "quote_ids": []}
        seen[key]["article_ids"].append(q["article_id"])
        seen[key]["quote_ids"].append(q["id"])
    return list(seen.values())


def _sanctions(conn: Connection, entity_ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for chunk in _chunks(entity_ids):
        stmt = (
            select(sanction_links, list_entries.c.caption, list_entries.c.schema, list_entries.c.data)
            .outerjoin(
                list_entries,
                (list_entries.c.dataset == sanction_links.c.dataset)
                & (list_entries.c.entry_id == sanction_links.c.entry_id),
            )
            # Exports carry only links that read as sanctioned (confirmed, probable), never review candidates.
            .where(sanction_links.c.entity_id.in_(chunk), sanction_links.c.status.in_(SANCTIONED_STATES))
            .order_by(sanction_links.c.entity_id, sanction_links.c.score.desc())
        )
        for r in _rows(conn, stmt):
            entry = None
            if r["data"] is not None:
                entry = {"caption": r["caption"], "schema": r["schema"], "data": r["data"]}
            link = {k: v for k, v in r.items() if k not in ("caption", "schema", "data")}
            out.append(link | {"entry": entry})
    return out


def _by_ids(conn: Connection, table, col, ids: set[str]) -> list[dict[str, Any]]:
    out = []
    for chunk in _chunks(sorted(ids)):
        out += _rows(conn, select(table).where(col.in_(chunk)).order_by(table.c.id))
    return out


def collect(engine: Engine, entity_id: str | None = None) -> Snapshot:
    """Everything to export: the whole store, or ``entity_id`` with its neighbours."""
    with engine.connect() as conn:
        if entity_id is None:
            snap = Snapshot()
            snap.entities = _load_entities(conn, None)
            snap.articles = {r["id"]: r for r in _rows(conn, select(*_ARTICLE_COLS).order_by(articles.c.seq))}
            snap.mentions = RowStream(engine, select(mentions).order_by(mentions.c.article_id, mentions.c.id))
            snap.events = _rows(conn, select(events).order_by(events.c.id))
            snap.quotes = _rows(conn, select(quotes).order_by(quotes.c.id))
        else:
            snap = _focused(conn, entity_id)
        snap.memberships = group_memberships(
            snap.quotes, affiliations(conn, (q["speaker_affiliation"] for q in snap.quotes))
        )
        missing = {m["organization"] for m in snap.memberships} - set(snap.entities)
        snap.entities.update(_load_entities(conn, missing))
        snap.sanctions = _sanctions(conn, sorted(snap.entities))
        return snap


def _focused(conn: Connection, focus: str) -> Snapshot:
    if conn.execute(select(entities.c.id).where(entities.c.id == focus)).first() is None:
        raise ExportError(f"entity {focus!r}: no such entity in the store")
    evs = _rows(
        conn,
        select(events)
        .where(or_(events.c.source_entity_id == focus, events.c.target_entity_id == focus))
        .order_by(events.c.id),
    )
    focus_mentions = _rows(conn, select(mentions).where(mentions.c.entity_id == focus))
    by_speaker = _rows(conn, select(quotes).where(quotes.c.speaker_entity_id == focus).order_by(quotes.c.id))
    article_ids = {m["article_id"] for m in focus_mentions} | {e["article_id"] for e in evs}
    article_ids |= {q["article_id"] for q in by_speaker}

    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in focus_mentions:
        spans[m["article_id"]].append((m["start"], m["end"]))
    about = [
        q
        for q in _by_ids(conn, quotes, quotes.c.article_id, {m["article_id"] for m in focus_mentions})
        if any(q["start"] <= s and e <= q["end"] for s, e in spans[q["article_id"]])
    ]
    qs = {q["id"]: q for q in by_speaker + about}
    quote_rows = [qs[k] for k in sorted(qs)]

    ids = {focus}
    ids |= {e[c] for e in evs for c in ("source_entity_id", "target_entity_id") if e[c]}
    ids |= {q["speaker_entity_id"] for q in quote_rows if q["speaker_entity_id"]}

    snap = Snapshot(focus=focus)
    snap.entities = _load_entities(conn, ids)
    snap.articles = {
        r["id"]: r
        for chunk in _chunks(sorted(article_ids))
        for r in _rows(conn, select(*_ARTICLE_COLS).where(articles.c.id.in_(chunk)).order_by(articles.c.seq))
    }
    snap.mentions = [
        m for m in _by_ids(conn, mentions, mentions.c.article_id, article_ids) if m["entity_id"] in snap.entities
    ]
    snap.events = evs
    snap.quotes = quote_rows
    return snap
