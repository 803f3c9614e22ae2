"""``threatgraph load``: analysed articles from Parquet (written by ``bulk --parquet``) into a store.

The rows were analysed on Spark; loading them goes through the ordinary ingest pipeline with an
extractor that hands back the stored analysis instead of running spaCy. So a load behaves like an
ingest in every other way: articles already stored are skipped, each article is one transaction,
and the caller's post-ingest hooks (resolution and watch checks) run after every batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import Engine

from threatgraph.bulk.codec import ROW_COLUMNS, from_row
from threatgraph.model import Analysis, Article, IngestFailure, IngestReport
from threatgraph.pipeline import Hook, Progress, ingest_items


class Precomputed:
    """An extractor whose analyses were made elsewhere: it returns them by article id.

    Every article handed to the pipeline is either analysed or reported as a duplicate, exactly
    once; each of those events takes one analysis of that id off the queue, so memory holds only
    the pipeline's pending batch.
    """

    __slots__ = ("analyses",)

    def __init__(self) -> None:
        self.analyses: dict[str, list[Analysis]] = {}

    def add(self, analysis: Analysis) -> Article:
        self.analyses.setdefault(analysis.article.id, []).append(analysis)
        return analysis.article

    def _take(self, article_id: str) -> Analysis | None:
        queue = self.analyses.get(article_id)
        if not queue:
            return None
        found = queue.pop(0)
        if not queue:
            del self.analyses[article_id]
        return found

    def analyse(self, articles: Iterable[Article], batch_size: int = 32, n_process: int = 1) -> Iterator[Analysis]:
        for art in articles:
            found = self._take(art.id)
            if found is None:
                raise LookupError(f"no analysis was loaded for article {art.id} ({art.source})")
            yield found

    def discard(self, article_id: str) -> None:
        self._take(article_id)


def parquet_rows(paths: Iterable[str | Path]) -> Iterator[dict | IngestFailure]:
    """Rows of the Parquet files or directories in ``paths``; an unreadable one is a failure."""
    import pyarrow.dataset as ds

    for path in paths:
        try:
            dataset = ds.dataset(str(path), format="parquet")
            missing = [c for c in ROW_COLUMNS if c not in dataset.schema.names]
            if missing:
                yield IngestFailure(str(path), f"not analysed-article Parquet: no column(s) {', '.join(missing)}")
                continue
            for batch in dataset.to_batches(columns=list(ROW_COLUMNS), batch_size=256):
                yield from batch.to_pylist()
        except (OSError, ValueError) as exc:
            yield IngestFailure(str(path), f"cannot read Parquet: {exc}")


def rows_to_items(rows: Iterable[dict | IngestFailure], extractor: Precomputed) -> Iterator[Article | IngestFailure]:
    """Articles for the pipeline (their analyses kept in ``extractor``), failures as they come."""
    for row in rows:
        if isinstance(row, IngestFailure):
            yield row
            continue
        try:
            yield extractor.add(from_row(row))
        except ValueError as exc:
            yield IngestFailure(str(row.get("source") or row.get("id") or "?"), str(exc))


class _Forgetful:
    """Drops the analyses of articles the pipeline skipped as duplicates, so memory stays bounded."""

    def __init__(self, extractor: Precomputed, progress: Progress | None) -> None:
        self.extractor, self.progress, self.seen = extractor, progress, 0

    def __call__(self, report: IngestReport, source: str) -> None:
        for art_id in report.duplicates[self.seen :]:
            self.extractor.discard(art_id)
        self.seen = len(report.duplicates)
        if self.progress is not None:
            self.progress(report, source)


def load_rows(
    engine: Engine,
    rows: Iterable[dict | IngestFailure],
    *,
    progress: Progress | None = None,
    batch_size: int = 256,
    hooks: Sequence[Hook] = (),
) -> IngestReport:
    """Store analysed rows through the ingest pipeline (dedupe, per-article transactions, ``hooks`` per batch:
    the application's, resolve then watch, from ``threatgraph.app``)."""
    extractor = Precomputed()
    return ingest_items(
        engine,
        rows_to_items(rows, extractor),
        progress=_Forgetful(extractor, progress),
        batch_size=batch_size,
        extractor=extractor,
        hooks=tuple(hooks),
    )


def load_parquet(engine: Engine, paths: Iterable[str | Path], **kwargs: object) -> IngestReport:
    """``threatgraph load``: every analysed article in these Parquet files or directories."""
    return load_rows(engine, parquet_rows(paths), **kwargs)  # type: ignore[arg-type]
