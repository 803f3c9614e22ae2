"""What the streaming exports read: entities and articles in batches, never the whole archive at once.

A whole-archive export of millions of articles cannot hold the archive in memory, so the
FtM, STIX and CSV writers read through an :class:`ExportSource` instead of a
:class:`~threatgraph.export.snapshot.Snapshot`:

* :meth:`ExportSource.entity_batches` - entities in id order (keyset pages), each with its
  aliases and its sanctioned screening links;
* :meth:`ExportSource.article_batches` - articles in ingest order (keyset pages on ``seq``),
  each as an :class:`ArticleGroup` with that article's mentions, events and quotes. Every
  reference to an entity carries the entity's schema and caption (``<role>_schema``,
  ``<role>_caption``; both None when the entity is not part of the export), so a writer can
  derive the exported id of the referent without a whole-archive lookup table;
* :meth:`ExportSource.memberships` - speaker → organisation links (one per distinct pair), one speaker's
  at a time;
* :meth:`ExportSource.entity_rows` - full rows for a handful of ids (self-contained STIX parts).

Memory is bounded by one page of articles or entities plus what does not grow with the
archive's article count (distinct memberships, the gazetteer). :class:`ArchiveSource` pages
the store; :class:`SnapshotSource` serves a focused (one entity and neighbours) snapshot,
which is small, through the same interface so each format has one code path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.sql import Select

from threatgraph.export.snapshot import (
    _ARTICLE_COLS,
    Snapshot,
    _chunks,
    _load_entities,
    _rows,
    _sanctions,
    affiliations,
    group_memberships,
)
from threatgraph.store.schema import articles, entities, events, mentions, quotes

#: Rows per page: large enough that per-query overhead is small, small enough to stay a few MB.
PAGE = 500

#: (row key holding an entity id, prefix of the joined schema/caption keys) per row kind.
ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    "mentions": (("entity_id", "entity"),),
    "events": (("source_entity_id", "source"), ("target_entity_id", "target")),
    "quotes": (("speaker_entity_id", "speaker"),),
}


@dataclass(slots=True)
class ArticleGroup:
    """One article and everything extracted from it (mentions ordered by id, events, quotes)."""

    article: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article["id"]


class ExportSource:
    """The interface every streaming format reads (see the module docstring)."""

    focus: str | None = None

    def entity_batches(self) -> Iterator[list[dict[str, Any]]]:
        raise NotImplementedError

    def article_batches(self) -> Iterator[list[ArticleGroup]]:
        raise NotImplementedError

    def memberships(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError

    def entity_rows(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        raise NotImplementedError

    def article_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """Article rows (the export columns) for ``ids``, in that order (missing ids left out)."""
        raise NotImplementedError

    def entity_stream(self) -> Iterator[dict[str, Any]]:
        for batch in self.entity_batches():
            yield from batch

    def article_stream(self) -> Iterator[ArticleGroup]:
        for batch in self.article_batches():
            yield from batch


class ArchiveSource(ExportSource):
    """The whole store, read in keyset pages (each page one short query; works the same on SQLite and PostgreSQL)."""

    def __init__(self, engine: Engine, page: int = PAGE) -> None:
        self.engine = engine
        self.page = page

    def entity_rows(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        with self.engine.connect() as conn:
            return _load_entities(conn, set(ids))

    def article_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                found |= {r["id"]: r for r in _rows(conn, select(*_ARTICLE_COLS).where(articles.c.id.in_(chunk)))}
        return [found[i] for i in ids if i in found]

    def entity_batches(self) -> Iterator[list[dict[str, Any]]]:
        last: str | None = None
        while True:
            with self.engine.connect() as conn:
                stmt = select(entities.c.id).order_by(entities.c.id).limit(self.page)
                if last is not None:
                    stmt = stmt.where(entities.c.id > last)
                ids = list(conn.execute(stmt).scalars())
                if not ids:
                    return
                rows = _load_entities(conn, set(ids))
                links: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for link in _sanctions(conn, ids):
                    links[link["entity_id"]].append(link)
            last = ids[-1]
            yield [rows[i] | {"sanctions": links.get(i, [])} for i in ids if i in rows]

    def _children(self, conn, table, kind: str, article_ids: list[str]) -> list[dict[str, Any]]:
        cols: list[Any] = [table]
        stmt: Select[Any]
        joined = table
        for key, prefix in ROLES[kind]:
            ent = entities.alias(f"{prefix}_ent")
            cols += [ent.c.schema.label(f"{prefix}_schema"), ent.c.caption.label(f"{prefix}_caption")]
            joined = joined.outerjoin(ent, ent.c.id == table.c[key])
        stmt = select(*cols).select_from(joined).where(table.c.article_id.in_(article_ids))
        return _rows(conn, stmt.order_by(table.c.article_id, table.c.id))

    def article_batches(self) -> Iterator[list[ArticleGroup]]:
        last: int | None = None
        while True:
            with self.engine.connect() as conn:
                stmt = select(*_ARTICLE_COLS, articles.c.seq).order_by(articles.c.seq).limit(self.page)
                if last is not None:
                    stmt = stmt.where(articles.c.seq > last)
                arts = _rows(conn, stmt)
                if not arts:
                    return
                groups = {a["id"]: ArticleGroup(a) for a in arts}
                ids = list(groups)
                for kind, table in (("mentions", mentions), ("events", events), ("quotes", quotes)):
                    for row in self._children(conn, table, kind, ids):
                        getattr(groups[row["article_id"]], kind).append(row)
            last = arts[-1]["seq"]
            yield list(groups.values())

    def memberships(self) -> Iterator[dict[str, Any]]:
        """One speaker's memberships at a time: the quotes come ordered by speaker, so what is held is the
        organisations of the distinct affiliation texts and one speaker's quotes, not every quoted pair of
        the archive with all its articles."""
        spk = entities.alias("speaker_ent")
        stmt = (
            select(quotes, spk.c.schema.label("speaker_schema"), spk.c.caption.label("speaker_caption"))
            .join(spk, spk.c.id == quotes.c.speaker_entity_id)
            .where(quotes.c.speaker_affiliation.is_not(None))
            .order_by(quotes.c.speaker_entity_id, quotes.c.id)
        )
        with self.engine.connect() as conn:
            orgs = affiliations(conn, conn.execute(select(quotes.c.speaker_affiliation).distinct()).scalars())
            rows = (dict(r) for r in conn.execution_options(yield_per=2000).execute(stmt).mappings())
            for _speaker, said in groupby(rows, key=lambda r: r["speaker_entity_id"]):
                yield from group_memberships(said, orgs)


class SnapshotSource(ExportSource):
    """A focused :class:`Snapshot` (small by construction) behind the streaming interface."""

    def __init__(self, engine: Engine, snap: Snapshot) -> None:
        self.engine = engine
        self.snap = snap
        self.focus = snap.focus

    def _annotate(self, row: dict[str, Any], kind: str) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        for key, prefix in ROLES[kind]:
            ent = self.snap.entities.get(row[key] or "")
            extra[f"{prefix}_schema"] = ent["schema"] if ent else None
            extra[f"{prefix}_caption"] = ent["caption"] if ent else None
        return row | extra

    def entity_rows(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        return {i: self.snap.entities[i] for i in ids if i in self.snap.entities}

    def article_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        return [self.snap.articles[i] for i in ids if i in self.snap.articles]

    def entity_batches(self) -> Iterator[list[dict[str, Any]]]:
        links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for link in self.snap.sanctions:
            links[link["entity_id"]].append(link)
        batch = [e | {"sanctions": links.get(e["id"], [])} for e in self.snap.entities.values()]
        if batch:
            yield batch

    def article_batches(self) -> Iterator[list[ArticleGroup]]:
        groups = {aid: ArticleGroup(art | {"id": aid}) for aid, art in self.snap.articles.items()}
        for kind in ("mentions", "events", "quotes"):
            for row in getattr(self.snap, kind):
                if row["article_id"] in groups:
                    getattr(groups[row["article_id"]], kind).append(self._annotate(row, kind))
        if groups:
            yield list(groups.values())

    def memberships(self) -> Iterator[dict[str, Any]]:
        quotes_ = [self._annotate(q, "quotes") for q in self.snap.quotes if q["speaker_affiliation"]]
        with self.engine.connect() as conn:
            orgs = affiliations(conn, (q["speaker_affiliation"] for q in quotes_))
        yield from group_memberships(quotes_, orgs)
