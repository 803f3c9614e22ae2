"""The composition root: one object that owns what a running threatgraph holds and wires the stages together.

Why it exists: the stages are libraries that know only the stages below them (see the order in
``threatgraph/__init__.py``). Something has to hold the store engine, the extractor built for that store and
the screening index, and say what follows an ingest batch or a new list. That is this module, and only this
module: the CLI, the API, the web pages and the tests build a :class:`Threatgraph` and call it. Every stage is
a plain import here, so a missing or broken piece fails when the application starts, not by silently doing
less later.

What it decides:

- the post-ingest hooks, in order: ``resolve.update`` (mentions -> entities -> sanctions links), then
  ``watch.check`` (alerts on the new articles);
- what the extraction gazetteer learns beyond its seed list: sanctions-list names and the names of entities an
  analyst confirmed (:mod:`threatgraph.store.reviewed`); never the resolver's own unreviewed output, so an
  early mistake cannot retype a name in every later article;
- what follows a new list version: the extractor is rebuilt (it holds the listed names), the index is rebuilt
  and every stored entity is screened again;
- what a killed or failed run left (recorded in the store by :mod:`threatgraph.store.work`): :meth:`resume`
  finishes it, and every ingest does that first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from time import perf_counter

from rigour.territories import lookup_territory
from sqlalchemy import Engine, select

from threatgraph import pipeline
from threatgraph.collect import Collector, SourcesFile
from threatgraph.collect.run import Log
from threatgraph.extract.pipeline import Extractor
from threatgraph.ingest import DEFAULT_MAX_BYTES
from threatgraph.ingest.limits import MAX_ARTICLE_CHARS
from threatgraph.model import Article, IngestFailure, IngestReport
from threatgraph.names.parts import name_symbols
from threatgraph.names.vocabulary import vocabulary
from threatgraph.pipeline import Hook, Progress
from threatgraph.resolve import relink_sanctions
from threatgraph.resolve import update as resolve_update
from threatgraph.resolve.sanctions import screen_entities
from threatgraph.screen.datasets import catalog_data
from threatgraph.screen.index import ScreenIndex, all_names, get_index
from threatgraph.screen.lists import LoadResult, load_files
from threatgraph.screen.yente import MatchOptions, match_request
from threatgraph.store import read, work
from threatgraph.store.db import open_store
from threatgraph.store.reviewed import confirmed_names
from threatgraph.store.schema import articles, entities, sanction_links
from threatgraph.watch import check as watch_check

#: Articles resolved per transaction while :meth:`Threatgraph.resume` catches up.
RESUME_BATCH = 64


@dataclass(slots=True)
class ResumeStats:
    """What one :meth:`Threatgraph.resume` did: articles resolved, entities screened, articles watch-checked."""

    resolved_articles: int = 0
    mentions: int = 0
    created: int = 0
    merged: int = 0
    screened: int = 0
    sanction_links: int = 0
    watch_checked: int = 0
    alerts: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, int | float]:
        return asdict(self)


#: Invented example names (one per kind) that :meth:`Threatgraph.warm` matches once, so the tables a first match
#: builds along the way (name prefixes, folded honorifics...) are built before a caller waits for them.
WARM_QUERIES = (
    ("Person", "Sheikh Amir Example Rahman"),
    ("Organization", "Northern Example Front"),
    ("LegalEntity", "Example Holdings Ltd"),
)

#: An id no entity or article has (:meth:`Threatgraph.warm` reads each page for it on an empty store).
WARM_ID = "ent-warm-up-example"

#: What runs after every stored ingest batch, in this order.
DEFAULT_HOOKS: tuple[Hook, ...] = (resolve_update, watch_check)


def gazetteer_names(engine: Engine) -> Iterator[tuple[str, str]]:
    """(name, FtM schema) pairs the extractor of this store adds to its seed gazetteer.

    Sanctions-list names and aliases (weak aliases left out by the index) and the aliases of analyst-confirmed
    entities. The extractor itself drops names it cannot match safely (one-word person names, short strings).
    """
    yield from all_names(engine)
    yield from confirmed_names(engine)


class Threatgraph:
    """One threatgraph application over one store: its engine, its extractor, its index and its hooks.

    ``engine`` (or ``db``, a URL or SQLite path; default ``$THREATGRAPH_DB`` or ``./threatgraph.db``) is the
    store, migrated on open. ``extractor`` replaces the one built from the store's names (tests pass a fake);
    ``hooks`` replaces :data:`DEFAULT_HOOKS` (``()`` for none).
    """

    __slots__ = ("engine", "hooks", "_extractor")

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        db: str | None = None,
        extractor: Extractor | None = None,
        hooks: Sequence[Hook] | None = None,
    ) -> None:
        if engine is not None and db is not None:
            raise ValueError("Threatgraph: give an engine or a database URL, not both")
        self.engine: Engine = engine if engine is not None else open_store(db)
        self.hooks: tuple[Hook, ...] = DEFAULT_HOOKS if hooks is None else tuple(hooks)
        for hook in self.hooks:
            if not callable(hook):
                raise TypeError(f"Threatgraph: hook {hook!r} is not callable")
        self._extractor: Extractor | None = extractor

    def __repr__(self) -> str:
        return f"Threatgraph({self.engine.url.render_as_string(hide_password=True)!r})"

    # --- what it owns ---------------------------------------------------------------------------

    def extractor(self) -> Extractor:
        """The extractor for this store, built on first use (spaCy loads only when an article needs it)."""
        if self._extractor is None:
            self._extractor = Extractor(extra_names=list(gazetteer_names(self.engine)))
        return self._extractor

    def forget_extractor(self) -> None:
        """Drop the built extractor so the next ingest rebuilds it with the store's current names."""
        self._extractor = None

    def index(self) -> ScreenIndex:
        """The screening index of the lists loaded in this store (persisted; rebuilt when a list changes)."""
        return get_index(self.engine)

    def warm(self) -> float:
        """Load what the first request would otherwise wait for; returns the seconds it took.

        The loads of a fresh process, each once, on the first request that needs it (native code that holds the
        GIL, so nothing else in the process runs meanwhile): the screening index (read from its file or built);
        the organisation words it learns from the listed names (the first ``/match``: 1 s at 1M articles);
        rigour's name-symbol table (the first comparison of two person names: tens of seconds on a busy 2-core
        machine); the dataset catalogue and the name vocabulary (YAML files); rigour's table of territory names
        (29,000 names transliterated: the first ``/search`` waited 6-8 s for it at load 7). The web app calls
        this at startup, before it accepts connections (``api.app.warm_first``), so the first ``/search``,
        ``/match`` or ``/review`` answers at the normal speed instead of timing out a client.
        """
        started = perf_counter()
        index = self.index()
        index.org_words  # noqa: B018 - learnt on first use
        name_symbols.__wrapped__("name")  # uncached: the point is the table load inside rigour
        catalog_data()  # what ``/match/{dataset}`` names
        vocabulary()
        lookup_territory.__wrapped__("name")  # uncached, as above: the table of every territory's names
        # and one match per kind of name, for the smaller tables and patterns built on first use along the way
        for schema, name in WARM_QUERIES:
            match_request(index, {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}, MatchOptions())
        # and every page's reads once, for a stored entity and article (an id none has on an empty store): their
        # statements are built and compiled (the dossier's one statement took 160 ms on the first dossier at load 10)
        with self.engine.connect() as conn:
            entity_id = conn.execute(select(entities.c.id).limit(1)).scalar() or WARM_ID
            article_id = conn.execute(select(articles.c.id).limit(1)).scalar() or WARM_ID
        read.dossier_at(self.engine, entity_id)
        read.timeline(self.engine, entity_id, limit=1)
        read.entity_graph(self.engine, entity_id, depth=1)
        read.article_page(self.engine, article_id)
        read.find_entities(self.engine, WARM_QUERIES[0][1])
        return perf_counter() - started

    # --- what it wires ---------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        batch_size: int = 32,
        max_bytes: int = DEFAULT_MAX_BYTES,
        n_process: int = 1,
        hooks: bool = True,
        max_chars: int = MAX_ARTICLE_CHARS,
    ) -> IngestReport:
        """Read, extract and store every new article under ``paths``, then run the hooks per batch.

        ``hooks=False`` stores only (e.g. a bulk load resolved later with ``threatgraph resolve``).
        Articles longer than ``max_chars`` are failures, never extracted (memory grows with length).
        With hooks on, the work an earlier run left is finished first (:meth:`resume`).
        """
        owed = self._resume_first() if hooks else None
        report = pipeline.ingest(
            self.engine,
            paths,
            extractor=self.extractor,
            hooks=self.hooks if hooks else (),
            progress=progress,
            batch_size=batch_size,
            max_bytes=max_bytes,
            n_process=n_process,
            max_chars=max_chars,
        )
        return self._with(report, owed)

    def ingest_items(
        self, items: Iterable[Article | IngestFailure], *, progress: Progress | None = None, batch_size: int = 32
    ) -> IngestReport:
        """Ingest articles already read (API uploads, collected pages) exactly as :meth:`ingest` does."""
        owed = self._resume_first() if self.hooks else None
        report = pipeline.ingest_items(
            self.engine, items, extractor=self.extractor, hooks=self.hooks, progress=progress, batch_size=batch_size
        )
        return self._with(report, owed)

    # --- what a killed or failed run left -----------------------------------------------------------

    def resume(self) -> ResumeStats:
        """Do the work the store records as owed (:mod:`threatgraph.store.work`), as an uninterrupted run would.

        Pending articles are resolved in ingest order (which screens the entities they create or rename), then
        what still needs screening is screened (every entity after a new list version), then the pending
        articles are checked against the watches. Each step clears its records in the transaction that does the
        work, so resuming twice, or being killed while resuming, is harmless. Raises what a failing step raised;
        its items stay recorded. ``threatgraph resolve`` with no flags is exactly this.
        """
        t0 = perf_counter()
        stats = ResumeStats()
        todo = work.pending_articles(self.engine, work.RESOLVE)
        for i in range(0, len(todo), RESUME_BATCH):
            part = resolve_update(self.engine, todo[i : i + RESUME_BATCH])
            stats.resolved_articles += len(todo[i : i + RESUME_BATCH])
            stats.mentions += part.mentions
            stats.created += part.created
            stats.merged += part.merged
            stats.screened += part.screened
            stats.sanction_links += part.sanction_links
        if work.rescreen_owed(self.engine):
            relinked = self.lists_loaded()
            stats.screened += relinked["screened"]
            stats.sanction_links += relinked["sanction_links"]
        else:
            screened, links = screen_entities(self.engine, work.pending(self.engine, work.SCREEN))
            stats.screened += screened
            stats.sanction_links += links
        unchecked = work.pending_articles(self.engine, work.WATCH)
        if unchecked:
            stats.alerts = len(watch_check(self.engine, unchecked))
            stats.watch_checked = len(unchecked)
        stats.seconds = perf_counter() - t0
        return stats

    def _resume_first(self) -> IngestFailure | None:
        """:meth:`resume` before an ingest, so older articles are resolved before new ones; a failure is reported
        with the run (the work stays recorded) rather than stopping it."""
        try:
            self.resume()
        except Exception as exc:  # noqa: BLE001 - reported in the ingest report; the new articles still get stored
            return IngestFailure(
                "pending work", f"could not finish what an earlier run left: {type(exc).__name__}: {exc}"
            )
        return None

    @staticmethod
    def _with(report: IngestReport, failure: IngestFailure | None) -> IngestReport:
        if failure is not None:
            report.failed.insert(0, failure)
        return report

    def collector(self, settings: SourcesFile | None = None, *, log: Log | None = None) -> Collector:
        """A collector over this store whose articles go through :meth:`ingest_items` (extractor and hooks)."""
        return Collector(self.engine, self.ingest_items, settings, log=log)

    def load_lists(self, paths: Sequence[str | os.PathLike[str]], dataset: str | None = None) -> LoadResult:
        """Load sanctions list files as new versions; when anything changed, run :meth:`lists_loaded`."""
        result = load_files(self.engine, [Path(p) for p in paths], dataset)
        # Also when every file is unchanged but a killed earlier load never finished re-screening.
        if result.version_id is not None or work.rescreen_owed(self.engine):
            self.lists_loaded()
        return result

    def lists_loaded(self) -> dict[str, int]:
        """What must follow a new list version: the index is rebuilt, the extractor forgets its gazetteer
        (it holds the listed names) and every stored entity is screened again, so news entities ingested
        before the list was loaded get linked to it. Returns ``{"screened", "sanction_links", "new_links"}``."""
        self.forget_extractor()
        self.index()
        before = self._links()
        stats = relink_sanctions(self.engine)
        new = len(self._links() - before)
        return {"screened": stats.screened, "sanction_links": stats.sanction_links, "new_links": new}

    def _links(self) -> set[tuple[str, str, str]]:
        cols = (sanction_links.c.entity_id, sanction_links.c.dataset, sanction_links.c.entry_id)
        with self.engine.connect() as conn:
            return {(e, d, x) for e, d, x in conn.execute(select(*cols))}
