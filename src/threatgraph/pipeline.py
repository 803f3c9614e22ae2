"""The ingest pipeline: read → skip what is stored → extract → store → post-ingest hooks.

Kept apart from the readers (:mod:`threatgraph.ingest`) and the extractor
(:mod:`threatgraph.extract`) so the CLI, the API and tests run exactly the same sequence:

1. readers stream :class:`Article` records and :class:`IngestFailure` records;
2. articles whose content hash is already stored (or seen earlier in the run) are counted as
   duplicates *before* NLP, so re-ingesting an archive costs a hash and one query per batch;
3. new articles go through the extractor in batches (spaCy ``nlp.pipe`` is much faster on
   batches), and each :class:`Analysis` is written in its own transaction;
4. after each batch, the post-ingest hooks get that batch's new article ids (per batch, not per
   run, so an interrupted run leaves nothing stored but unprocessed except its last batch). A
   failing hook is reported once per hook at the end of the run; the stored articles stay stored.

The pipeline knows no stage above it by name: the extractor and the hooks are given to it as
plain objects and callables by the composition root (:class:`threatgraph.app.Threatgraph`, which
wires ``resolve.update`` and ``watch.check``), or by a test.

One bad article (unreadable, or one the extractor or the store chokes on) becomes a failure
with its source and reason; the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Engine, select

from threatgraph.ingest import DEFAULT_MAX_BYTES, read_paths
from threatgraph.ingest.limits import MAX_ARTICLE_CHARS, oversize_reason
from threatgraph.model import Analysis, Article, IngestFailure, IngestReport
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import articles as articles_table

#: A batch this large pays for starting spaCy worker processes (a fork and a model already loaded:
#: about a second of start-up against ~35 ms of parsing per article on one core); smaller batches
#: are parsed in this process. See ``benchmarks/ingest.py --n-process 2``.
PARALLEL_MIN_ARTICLES = 128


class Extractor(Protocol):
    """What the pipeline needs from :mod:`threatgraph.extract`: one Analysis per Article."""

    def analyse(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]: ...


#: A post-ingest hook: called with ``(engine, new_article_ids)`` after each stored batch.
Hook = Callable[[Engine, list[str]], object]
#: The extractor, or a callable that makes it when the first new article needs it (so runs with
#: nothing new never load spaCy).
ExtractorSource = Extractor | Callable[[], Extractor]


#: Called after every settled input with the report so far and the input's source.
Progress = Callable[[IngestReport, str], None]


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


class PipelineError(RuntimeError):
    """The pipeline itself cannot run (e.g. the NLP model is missing); not a problem of one input."""


def hook_name(hook: Hook) -> str:
    """How a hook is named in reports: its module and qualified name (``threatgraph.resolve.run.update``)."""
    module = getattr(hook, "__module__", None) or "?"
    return f"{module}.{getattr(hook, '__qualname__', type(hook).__name__)}"


def _made(source: ExtractorSource) -> Extractor:
    """The extractor of ``source``, made now if it is a factory; a factory's failure is a :class:`PipelineError`."""
    if hasattr(source, "analyse"):
        return source  # type: ignore[return-value]
    try:
        return source()  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001 - re-raised with what to do about it
        raise PipelineError(f"cannot load the extractor (is the spaCy model installed?): {_reason(exc)}") from exc


def _stored(engine: Engine, ids: list[str]) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(select(articles_table.c.id).where(articles_table.c.id.in_(ids)))
        return {r[0] for r in rows}


class _Run:
    """State of one ingest run: the report, the pending batch and the extractor (made on demand)."""

    def __init__(
        self,
        engine: Engine,
        extractor: ExtractorSource,
        progress: Progress | None,
        batch_size: int,
        hooks: Sequence[Hook],
        n_process: int = 1,
        max_chars: int = MAX_ARTICLE_CHARS,
    ) -> None:
        self.n_process = n_process
        self.max_chars = max_chars
        self.engine = engine
        self.source = extractor
        self.extractor: Extractor | None = None
        self.progress = progress
        self.batch_size = batch_size
        self.hooks = hooks
        self.hook_errors: dict[str, tuple[int, int, str]] = {}
        self.report = IngestReport(started=datetime.now(UTC))
        self.seen: set[str] = set()
        self.pending: list[Article] = []

    def _tick(self, source: str | None) -> None:
        if self.progress is not None:
            self.progress(self.report, source or "")

    def fail(self, source: str | None, reason: str) -> None:
        self.report.failed.append(IngestFailure(source or "?", reason))
        self._tick(source)

    def duplicate(self, article: Article) -> None:
        self.report.duplicates.append(article.id)
        self._tick(article.source)

    def add(self, article: Article) -> None:
        too_long = oversize_reason(article, self.max_chars)
        if too_long:  # refused before the extractor: one article must not exhaust memory
            self.fail(article.source, too_long)
            return
        if article.id in self.seen:
            self.duplicate(article)
            return
        self.seen.add(article.id)
        self.pending.append(article)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def _save(self, analysis: Analysis) -> None:
        art = analysis.article
        try:
            stored = save_analysis(self.engine, analysis)
        except Exception as exc:  # noqa: BLE001 - reported per article, the run goes on
            if self._already_stored(art.id):  # a concurrent run stored it first (unique key race)
                self.duplicate(art)
            else:
                self.fail(art.source, f"could not store the article: {_reason(exc)}")
            return
        if stored:
            self.report.ingested.append(art.id)
            self._tick(art.source)
        else:  # stored by a concurrent run since we checked
            self.duplicate(art)

    def _already_stored(self, article_id: str) -> bool:
        try:
            return bool(_stored(self.engine, [article_id]))
        except Exception:  # noqa: BLE001 - the store is failing; the caller reports the first error
            return False

    def _analyses(self, batch: list[Article]) -> Iterator[Analysis]:
        """The extractor over one batch, in worker processes when the batch is big enough to pay for them."""
        assert self.extractor is not None
        if self.n_process < 2 or len(batch) < PARALLEL_MIN_ARTICLES:
            return self.extractor.analyse(batch, batch_size=self.batch_size)
        # spaCy hands whole sub-batches to workers: several per worker keeps both busy to the end.
        sub = max(1, min(self.batch_size, len(batch) // (4 * self.n_process)))
        return self.extractor.analyse(batch, batch_size=sub, n_process=self.n_process)  # type: ignore[call-arg]

    def _analyse(self, batch: list[Article]) -> None:
        if self.extractor is None:
            self.extractor = _made(self.source)
        done: set[str] = set()
        try:
            for analysis in self._analyses(batch):
                done.add(analysis.article.id)
                self._save(analysis)
        except Exception as exc:  # noqa: BLE001 - isolate the article that broke the batch
            rest = [a for a in batch if a.id not in done]
            if len(batch) == 1 or not rest:
                for art in rest:
                    self.fail(art.source, f"extraction failed: {_reason(exc)}")
                return
            for art in rest:
                self._analyse([art])
            return
        for art in batch:
            if art.id not in done:
                self.fail(art.source, "extraction returned no analysis for this article")

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            stored = _stored(self.engine, [a.id for a in batch])
        except Exception as exc:  # noqa: BLE001 - the store is unusable: every article of the batch fails
            for art in batch:
                self.fail(art.source, f"could not check the store: {_reason(exc)}")
            return
        fresh = []
        for art in batch:
            if art.id in stored:
                self.duplicate(art)
            else:
                fresh.append(art)
        if fresh:
            before = len(self.report.ingested)
            self._analyse(fresh)
            self.run_hooks(self.report.ingested[before:])

    def run_hooks(self, new_ids: list[str]) -> None:
        """Call each hook with one batch's new ids; failures are tallied and reported once per hook."""
        if not new_ids or not self.hooks:
            return
        for hook in self.hooks:
            where = hook_name(hook)
            try:
                hook(self.engine, list(new_ids))
            except Exception as exc:  # noqa: BLE001 - articles are stored; say what did not happen
                self._hook_failed(where, len(new_ids), f"failed: {_reason(exc)}")

    def _hook_failed(self, where: str, n_articles: int, reason: str) -> None:
        calls, articles, first = self.hook_errors.get(where, (0, 0, reason))
        self.hook_errors[where] = (calls + 1, articles + n_articles, first)

    def report_hooks(self) -> None:
        for where, (calls, n_articles, reason) in self.hook_errors.items():
            times = f" ({calls} batches)" if calls > 1 else ""
            self.fail(
                where,
                f"post-ingest hook {reason}{times}; {n_articles} new articles are stored but were not processed by it "
                "(recorded: the next ingest or `threatgraph resolve` does it)",
            )


def ingest_items(
    engine: Engine,
    items: Iterable[Article | IngestFailure],
    *,
    extractor: ExtractorSource,
    hooks: Sequence[Hook],
    progress: Progress | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> IngestReport:
    """Ingest already-read articles (the API posts articles, not paths); see :func:`ingest`."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1, got {n_process}")
    run = _Run(engine, extractor, progress, batch_size, tuple(hooks), n_process, max_chars)
    for item in items:
        if isinstance(item, IngestFailure):
            run.fail(item.source, item.reason)
        else:
            run.add(item)
    run.flush()
    run.report_hooks()
    return run.report


def ingest(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    extractor: ExtractorSource,
    hooks: Sequence[Hook],
    progress: Progress | None = None,
    batch_size: int = 32,
    max_bytes: int = DEFAULT_MAX_BYTES,
    n_process: int = 1,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> IngestReport:
    """Read ``paths`` (files or directories), extract and store every new article.

    Returns the run's :class:`IngestReport`: ids ingested, ids skipped as duplicates, and one
    :class:`IngestFailure` per bad input (file, line or feed item) or failed hook.
    ``extractor`` is the extractor or a factory called when the first new article needs it;
    ``hooks`` run after each stored batch (``()`` for none). :meth:`threatgraph.app.Threatgraph.ingest`
    passes the application's own.
    ``n_process=2`` parses batches of at least :data:`PARALLEL_MIN_ARTICLES` articles (raise
    ``batch_size`` to get there) in two spaCy worker processes; results are the same as with one.
    """
    return ingest_items(
        engine,
        read_paths(paths, max_bytes=max_bytes),
        progress=progress,
        batch_size=batch_size,
        extractor=extractor,
        hooks=hooks,
        n_process=n_process,
        max_chars=max_chars,
    )
