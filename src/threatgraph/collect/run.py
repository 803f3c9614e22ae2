"""One collection run: poll the due sources, fetch the pending pages, hand the articles to the pipeline.

A run has two phases over one :class:`PoliteClient` (so robots.txt and the per-host gates are
shared by everything it fetches):

1. *poll*: every due source is fetched at once (a conditional GET when it has validators); its
   links are kept as pending URLs together with its new validators (:mod:`.state`);
2. *drain*: pending URLs, in discovery order and in chunks, are fetched concurrently, turned into
   articles (:mod:`.pages`), and the chunk goes to the ``ingest`` callable the collector was given
   (the application's ``Threatgraph.ingest_items``: the pipeline, whose per-batch hooks resolve the
   new articles and run the watches, so alerts follow each chunk rather than the end of a long
   run). Each URL is settled only after that.

Nothing is fetched while the pipeline works (the chunk's requests are all finished), so NLP time
never counts against a server's timeout.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import httpx
from sqlalchemy import Engine

from threatgraph.collect import state
from threatgraph.collect.discover import DiscoverError, Found, feed_links, gdelt_links, sitemap_links, url_list
from threatgraph.collect.fetched import Fetched
from threatgraph.collect.http import PoliteClient
from threatgraph.collect.pages import PageError, page_article
from threatgraph.collect.settings import SourcesFile
from threatgraph.collect.urls import UrlError, canonical_url
from threatgraph.ingest import InputError, read_bytes
from threatgraph.model import Article, IngestFailure, IngestReport

#: Pending URLs fetched together before their articles go to the pipeline.
CHUNK = 64
#: Child sitemaps read from one sitemap index per poll.
MAX_CHILD_SITEMAPS = 50

Log = Callable[[str], None]


class IngestItems(Protocol):
    """What the collector hands its articles to: extract, store, run the hooks; report like ``ingest``."""

    def __call__(self, items: Iterable[Article | IngestFailure], *, batch_size: int = 32) -> IngestReport: ...


@dataclass(slots=True)
class CollectReport:
    """What one run did: sources polled, URLs found, pages fetched, and the pipeline's own report."""

    sources: int = 0
    unchanged: int = 0
    new_urls: int = 0
    pages: int = 0
    requests: int = 0
    source_failures: list[IngestFailure] = field(default_factory=list)
    page_failures: list[IngestFailure] = field(default_factory=list)
    disallowed: list[IngestFailure] = field(default_factory=list)  # robots.txt said no: not an error of ours
    ingest: IngestReport = field(default_factory=IngestReport)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "unchanged": self.unchanged,
            "new_urls": self.new_urls,
            "pages": self.pages,
            "requests": self.requests,
            "ingested": list(self.ingest.ingested),
            "duplicates": list(self.ingest.duplicates),
            "source_failures": [{"source": f.source, "reason": f.reason} for f in self.source_failures],
            "page_failures": [{"source": f.source, "reason": f.reason} for f in self.page_failures],
            "disallowed": [{"source": f.source, "reason": f.reason} for f in self.disallowed],
            "hook_failures": [{"source": f.source, "reason": f.reason} for f in self.ingest.failed],
        }


def _file_version(path: Path) -> str:
    st = path.stat()
    return f"{st.st_mtime_ns}-{st.st_size}"


class Collector:
    """Follows the sources in a store: the library behind ``threatgraph collect`` and ``fetch``.

    ``ingest`` takes the articles (the composition root passes ``Threatgraph.ingest_items``, see
    ``Threatgraph.collector``); ``settings`` carries politeness (user agent, per-host rate and
    concurrency, HTTP bounds); ``transport`` lets tests serve from memory. ``log`` receives one line
    per notable step (a source polled, a chunk stored).
    """

    def __init__(
        self,
        engine: Engine,
        ingest: IngestItems,
        settings: SourcesFile | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        log: Log | None = None,
    ) -> None:
        self.engine = engine
        self.ingest = ingest
        self.settings = settings or SourcesFile()
        self.transport = transport
        self.log = log or (lambda _line: None)
        self._outlets: dict[int, str] = {}

    def _client(self) -> PoliteClient:
        s = self.settings
        memory = state.StoredRobots(self.engine)
        return PoliteClient(s.http, s.per_host, s.user_agent, transport=self.transport, robots_memory=memory)

    # --- public entry points -------------------------------------------------------------

    def poll(self, *, force: bool = False, names: Sequence[str] | None = None) -> CollectReport:
        """Poll due sources (every enabled one with ``force``), then fetch every pending page."""
        return asyncio.run(self._poll(force, names))

    def fetch(self, urls: Iterable[str]) -> CollectReport:
        """Fetch these page URLs now (``threatgraph fetch``); failed ones are tried again, collected ones skipped."""
        return asyncio.run(self._fetch(list(urls)))

    def run_forever(self, stop: threading.Event, *, on_report: Callable[[CollectReport], None] | None = None) -> None:
        """Poll whatever is due, sleep until the next source is due, repeat until ``stop`` is set."""
        while not stop.is_set():
            report = self.poll()
            if on_report is not None:
                on_report(report)
            due = state.next_due(self.engine)
            now = datetime.now(UTC)
            wait = (due - now).total_seconds() if due else self.settings.every
            stop.wait(min(max(wait, 1.0), self.settings.every))

    # --- phase 1: sources ----------------------------------------------------------------

    async def _poll(self, force: bool, names: Sequence[str] | None) -> CollectReport:
        report = CollectReport()
        due = state.due_sources(self.engine, force=force, names=names)
        async with self._client() as client:
            deferred = await asyncio.gather(*(self._poll_source(client, s, report) for s in due))
            for source, fetched, articles in (d for d in deferred if d is not None):
                self._settle_feed_items(source, fetched, articles, report)
            await self._drain(client, report)
            report.requests = client.requests_made
        report.sources = len(due)
        return report

    def _every(self, source: state.SourceRow) -> float:
        return source.settings.every or self.settings.every

    def _fail(self, source: state.SourceRow, report: CollectReport, error: str, got: Fetched | None = None) -> None:
        state.record_failure(
            self.engine,
            source,
            error,
            every=self._every(source),
            http_status=got.status if got else None,
            retry_after=got.retry_after if got else None,
        )
        report.source_failures.append(IngestFailure(source.settings.name, error))
        self.log(f"source {source.settings.name!r} failed: {error}")

    async def _poll_source(
        self, client: PoliteClient, source: state.SourceRow, report: CollectReport
    ) -> tuple[state.SourceRow, Fetched, list[Article | IngestFailure]] | None:
        kind = source.settings.kind
        try:
            if kind in ("urls_file", "gdelt"):
                self._poll_file(source, report)
                return None
            if kind == "urls":
                self._found(source, url_list("\n".join(source.settings.urls or [])), None, report)
                return None
            got = await client.get(source.location, kind, etag=source.etag, last_modified=source.last_modified)
            if got.error is not None:
                self._fail(source, report, got.error, got)
            elif got.not_modified:
                state.record_unchanged(self.engine, source, every=self._every(source))
                report.unchanged += 1
                self.log(f"source {source.settings.name!r}: not modified")
            elif got.status != 200:
                self._fail(source, report, f"HTTP {got.status}", got)
            elif kind == "feed" and source.settings.content == "feed":
                found = feed_links(got.body, got.final_url)  # a document that is no feed fails the source here
                if not found.urls:
                    self._found(source, found, got, report)
                    return None
                items = list(read_bytes(got.body, source.location, "feed", max_bytes=self.settings.http.max_bytes))
                return source, got, items
            elif kind == "feed":
                self._found(source, feed_links(got.body, got.final_url), got, report)
            else:
                self._found(source, await self._sitemap(client, got), got, report)
        except (DiscoverError, UrlError, InputError, OSError) as exc:
            self._fail(source, report, str(exc) if not isinstance(exc, OSError) else f"cannot read: {exc}")
        return None

    async def _sitemap(self, client: PoliteClient, got: Fetched) -> Found:
        found = sitemap_links(got.body, got.final_url)
        children = found.sitemaps[:MAX_CHILD_SITEMAPS]
        if len(found.sitemaps) > MAX_CHILD_SITEMAPS:
            found.problems.append(f"{len(found.sitemaps)} child sitemaps; read the first {MAX_CHILD_SITEMAPS}")
        for child, sub in zip(children, await client.get_many(children, "sitemap"), strict=True):
            if sub.error is not None or sub.status != 200:
                found.problems.append(f"{child}: {sub.error or f'HTTP {sub.status}'}")
                continue
            try:
                inner = sitemap_links(sub.body, sub.final_url)
            except DiscoverError as exc:
                found.problems.append(f"{child}: {exc}")
                continue
            found.urls.extend(inner.urls)
            found.problems.extend(f"{child}: {p}" for p in inner.problems)
        return found

    def _poll_file(self, source: state.SourceRow, report: CollectReport) -> None:
        path = Path(source.location)
        version = _file_version(path)
        if version == source.etag:
            state.record_unchanged(self.engine, source, every=self._every(source), http_status=None)
            report.unchanged += 1
            return
        if source.settings.kind == "gdelt":
            found = gdelt_links(path)
        else:
            found = url_list(path.read_text(encoding="utf-8", errors="replace"), str(path))
        self._found(source, found, None, report, version=version)

    def _found(
        self,
        source: state.SourceRow,
        found: Found,
        got: Fetched | None,
        report: CollectReport,
        version: str | None = None,
    ) -> None:
        new = state.record_found(
            self.engine,
            source,
            found.urls,
            every=self._every(source),
            etag=got.etag if got else version,
            last_modified=got.last_modified if got else None,
            http_status=got.status if got else None,
            problems=found.problems[:20],
        )
        if found.outlet:
            self._outlets[source.id] = found.outlet
        report.new_urls += new
        self.log(f"source {source.settings.name!r}: {len(found.urls)} links, {new} new")

    def _settle_feed_items(
        self, source: state.SourceRow, got: Fetched, items: list[Article | IngestFailure], report: CollectReport
    ) -> None:
        """A feed read for its own text: ingest the items, then keep their URLs settled and the validators."""
        keyed: list[tuple[str, Article]] = []
        settled: dict[str, dict[str, Any]] = {}
        problems: list[str] = []
        for item in items:
            if isinstance(item, IngestFailure):
                problems.append(f"{item.source}: {item.reason}")
                continue
            try:
                key = canonical_url(item.url or "", got.final_url)
            except UrlError:
                key = f"{canonical_url(got.final_url)}#{item.source}"  # an item without a link: keyed by position
            keyed.append((key, item))
        outcomes = self._ingest(keyed, report)
        for key, outcome in outcomes.items():
            settled[key] = outcome
        found = Found(urls=[k for k, _ in keyed], problems=problems)
        state.record_found(
            self.engine,
            source,
            found.urls,
            every=self._every(source),
            etag=got.etag,
            last_modified=got.last_modified,
            http_status=got.status,
            problems=problems[:20],
            settled=settled,
        )
        report.new_urls += len(keyed)
        if problems and not keyed:
            report.source_failures.append(IngestFailure(source.settings.name, problems[0]))

    # --- phase 2: pages ------------------------------------------------------------------

    async def _drain(self, client: PoliteClient, report: CollectReport) -> None:
        after = 0
        while True:
            batch = state.pending_urls(self.engine, CHUNK, after_id=after)
            if not batch:
                return
            after = batch[-1].id
            fetched = await client.get_many([p.url for p in batch], "page")
            report.pages += len(batch)
            self._settle_pages(list(zip(batch, fetched, strict=True)), report)

    def _settle_pages(self, pairs: list[tuple[state.PendingUrl, Fetched]], report: CollectReport) -> None:
        outcomes: list[dict[str, Any]] = []
        articles: list[tuple[state.PendingUrl, Fetched, Article]] = []
        for pending, got in pairs:
            base = {"id": pending.id, "attempts": pending.attempts + 1, "http_status": got.status or None}
            base["final_url"] = got.final_url if got.final_url != pending.url else None
            if got.disallowed:
                outcomes.append(base | {"status": "disallowed", "error": got.error})
                report.disallowed.append(IngestFailure(pending.url, got.error or "disallowed by robots.txt"))
            elif got.error is not None or got.status != 200:
                error = got.error or f"HTTP {got.status}"
                if got.transient and pending.attempts + 1 < state.MAX_URL_ATTEMPTS:
                    wait = max(state.URL_RETRY_DELAY, timedelta(seconds=got.retry_after or 0))
                    outcomes.append(base | {"status": "pending", "error": error, "retry_at": datetime.now(UTC) + wait})
                    tries = f"attempt {pending.attempts + 1} of {state.MAX_URL_ATTEMPTS}"
                    report.page_failures.append(IngestFailure(pending.url, f"{error} ({tries}; tried again later)"))
                else:
                    outcomes.append(base | {"status": "failed", "error": error})
                    report.page_failures.append(IngestFailure(pending.url, error))
            else:
                outlet = self._outlets.get(pending.source_id or -1)
                try:
                    art = page_article(got.body, pending.url, min_words=self.settings.min_words, outlet=outlet)
                except PageError as exc:
                    outcomes.append(base | {"status": "failed", "error": str(exc)})
                    report.page_failures.append(IngestFailure(pending.url, str(exc)))
                    continue
                articles.append((pending, got, art))
        known = state.done_with_final_url(self.engine, sorted({a.url for _p, _g, a in articles if a.url}))
        fresh: list[tuple[str, Article]] = []
        finals: dict[str, str | None] = {}
        for pending, _got, art in articles:
            finals[pending.url] = art.url
            if art.url in known:  # the same page, reached earlier under another address
                outcomes.append(
                    {"id": pending.id, "attempts": pending.attempts + 1, "http_status": 200, "final_url": art.url}
                    | {"status": "duplicate", "article_id": known[art.url], "error": None}
                )
                continue
            fresh.append((pending.url, art))
        ingested = self._ingest(fresh, report)
        ids = {p.url: p for p, _g, _a in articles}
        for url, outcome in ingested.items():
            pending = ids[url]
            outcomes.append(
                {"id": pending.id, "attempts": pending.attempts + 1, "http_status": 200, "final_url": finals[url]}
                | outcome
            )
            if outcome["status"] == "failed":
                report.page_failures.append(IngestFailure(url, outcome["error"]))
        state.mark_urls(self.engine, outcomes)
        if articles:
            self.log(f"{len(pairs)} pages fetched, {len(articles)} articles read")

    def _ingest(self, keyed: list[tuple[str, Article]], report: CollectReport) -> dict[str, dict[str, Any]]:
        """Run articles through the pipeline; the outcome per key (``done``, ``duplicate`` or ``failed``)."""
        if not keyed:
            return {}
        for key, art in keyed:
            art.source = key  # one source per URL, so the pipeline's failures map back to it
        got = self.ingest([a for _k, a in keyed], batch_size=self.settings.batch_size)
        report.ingest.ingested.extend(got.ingested)
        report.ingest.duplicates.extend(got.duplicates)
        keys = {k for k, _a in keyed}
        failed = {f.source: f.reason for f in got.failed if f.source in keys}
        report.ingest.failed.extend(f for f in got.failed if f.source not in keys)  # hooks: not one URL's fault
        stored, claimed = set(got.ingested), set()
        mine = state.stored_from(self.engine, {a.id: k for k, a in keyed if a.id in set(got.duplicates)})
        outcomes: dict[str, dict[str, Any]] = {}
        for key, art in keyed:
            if key in failed:
                outcomes[key] = {"status": "failed", "error": failed[key], "article_id": None}
            elif (art.id in stored or mine.get(art.id) == key) and art.id not in claimed:
                claimed.add(art.id)
                outcomes[key] = {"status": "done", "article_id": art.id, "error": None}
            else:
                outcomes[key] = {"status": "duplicate", "article_id": art.id, "error": None}
        return outcomes

    # --- threatgraph fetch ---------------------------------------------------------------

    async def _fetch(self, urls: list[str]) -> CollectReport:
        report = CollectReport()
        keys: list[str] = []
        for raw in urls:
            try:
                keys.append(canonical_url(raw))
            except UrlError as exc:
                report.page_failures.append(IngestFailure(raw, str(exc)))
        rows = state.retry_urls(self.engine, list(dict.fromkeys(keys)))
        pending = [r for r in rows if r.status == "pending"]
        for r in rows:
            if r.status != "pending":
                self.log(f"{r.url}: already collected ({r.status}, article {r.article_id})")
                report.ingest.duplicates.append(r.article_id or r.url)
        async with self._client() as client:
            pairs = list(zip(pending, await client.get_many([r.url for r in pending], "page"), strict=True))
            for start in range(0, len(pairs), CHUNK):
                self._settle_pages(pairs[start : start + CHUNK], report)
            report.requests = client.requests_made
        report.pages = len(pending)
        return report
