"""One bulk job, start to end: read on Spark, skip what is stored, extract, write, resolve, watch.

The store decides where writing happens:

- **PostgreSQL**: every executor writes its own partitions (COPY through staging, one
  transaction per partition, see :mod:`threatgraph.bulk.pgcopy`), then resolution runs on Spark
  (:mod:`threatgraph.bulk.resolve`) and watches are checked batch by batch;
- **SQLite** (one writer, a local file): executors extract, the driver streams the analysed rows
  into the ordinary ingest pipeline, which resolves and checks watches after every batch;
- **Parquet** (``parquet=DIR``): executors extract, rows are written as Parquet for a later
  ``threatgraph load``; nothing is stored (a ``--db`` store, if given, is only read, to skip
  articles it already holds and to give the extractor its gazetteer).

A killed job leaves whole partitions stored and nothing half-way; re-running it skips them before
any NLP.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from threatgraph.bulk.codec import ROW_COLUMNS
from threatgraph.bulk.inputs import id_frame, read_inputs
from threatgraph.bulk.pools import EXTRACT, RESOLVE, Prewarm, prewarm, worker_pool
from threatgraph.bulk.session import BulkError, spark_session
from threatgraph.bulk.tasks import OUT_DDL, Names, extract_partition, worker_engine
from threatgraph.ingest import DEFAULT_MAX_BYTES
from threatgraph.model import IngestFailure
from threatgraph.pipeline import Hook
from threatgraph.resolve import ResolveStats

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Articles per partition (= per store transaction) unless told otherwise.
PARTITION_ARTICLES = 256
#: Partitions per task slot at least: articles differ in length, so with one partition per slot the job
#: waits for the slot that drew the longest; with several, Spark hands the next one to whichever slot is
#: free and the slots finish within about one partition of each other.
PARTITIONS_PER_SLOT = 4
#: New articles per watch check (one transaction on an executor).
WATCH_BATCH = 1000


@dataclass(slots=True)
class BulkReport:
    """What a bulk job did; ``partitions`` holds each partition's timing for cost models."""

    read: int = 0
    duplicates: int = 0  # the same content twice in the input
    already_stored: int = 0  # skipped before NLP
    stored_ids: list[str] = field(default_factory=list, repr=False)
    ingested: list[str] = field(default_factory=list)
    analysed: int = 0  # written to Parquet
    failed: list[IngestFailure] = field(default_factory=list)
    partitions: list[dict[str, Any]] = field(default_factory=list)
    resolve: ResolveStats | None = None
    blocks: dict[str, int] = field(default_factory=dict)
    alerts: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # read+extract+write / resolve / watch
    #: CPU seconds the resolution pool's daemon spent warming up (threatgraph.bulk.pools), when the job started it
    resolve_warmup: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "duplicates": self.duplicates,
            "already_stored": self.already_stored,
            "ingested": len(self.ingested),
            "analysed": self.analysed,
            "failed": [{"source": f.source, "reason": f.reason} for f in self.failed],
            "partitions": len(self.partitions),
            "resolve": self.resolve.as_dict() if self.resolve else None,
            "blocks": self.blocks,
            "alerts": self.alerts,
            "seconds": round(self.seconds, 3),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "resolve_warmup": self.resolve_warmup,
        }


def partition_count(articles: int, slots: int) -> int:
    """Partitions for ``articles`` on ``slots`` task slots: :data:`PARTITION_ARTICLES` each at most (one store
    transaction each), :data:`PARTITIONS_PER_SLOT` per slot at least, and never more than there are articles."""
    wanted = max(PARTITIONS_PER_SLOT * max(slots, 1), math.ceil(articles / PARTITION_ARTICLES))
    return max(min(wanted, articles), 1)


def _watch_task(url: str, batches: Iterator[Any]) -> Iterator[Any]:
    """Executor: check one partition of new articles against every watch, :data:`WATCH_BATCH` at a time."""
    import pyarrow as pa

    from threatgraph.watch.scan import check_batch

    engine = worker_engine(url)
    ids = [v for b in batches for v in b.column("id").to_pylist()]
    alerts = sum(check_batch(engine, ids[i : i + WATCH_BATCH]) for i in range(0, len(ids), WATCH_BATCH))
    yield pa.RecordBatch.from_pylist([{"alerts": alerts}], schema=pa.schema([("alerts", pa.int64())]))


def check_watches(
    spark: SparkSession,
    url: str,
    article_ids: Iterable[str] | DataFrame,
    partitions: int | None = None,
    count: int | None = None,
) -> int:
    """Check stored, resolved articles against the watches in parallel batches on the executors.

    The matcher is the single-machine one (:func:`threatgraph.watch.scan.check_batch`) and alerts are
    unique per (watch, article), so batches in any order and re-runs store what one ``check`` over all
    the articles would. The driver then settles: checks anything still owed, moves the watches past
    this load and starts webhook delivery. Returns the number of new alerts. ``count``: how many ids a
    DataFrame of them holds, when the caller knows (:func:`~threatgraph.bulk.inputs.id_frame`).
    """
    from sqlalchemy import func, select

    from threatgraph.store.db import open_store
    from threatgraph.store.schema import articles
    from threatgraph.watch.scan import settle

    engine = open_store(url)
    with engine.connect() as conn:
        checked_to = conn.execute(select(func.max(articles.c.seq))).scalar() or 0
    alerts = 0
    ids_df, count = id_frame(spark, article_ids, count)
    if count:
        n = partitions or max(spark.sparkContext.defaultParallelism, math.ceil(count / WATCH_BATCH), 1)
        with worker_pool(spark.sparkContext, RESOLVE):  # the name stack's workers (threatgraph.bulk.pools)
            tasks = ids_df.repartition(n).mapInArrow(partial(_watch_task, url), "alerts long")
        alerts = sum(r["alerts"] for r in tasks.collect())
    return alerts + len(settle(engine, checked_to))


def run_bulk(
    paths: Iterable[str],
    db: str | None,
    *,
    master: str | None = None,
    conf: Mapping[str, str] | None = None,
    parquet: str | None = None,
    partitions: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    resolve: bool = True,
    session: SparkSession | None = None,
    names: Names | None = None,
    hooks: Sequence[Hook] = (),
) -> BulkReport:
    """Run a bulk job over ``paths`` into the store ``db`` (or Parquet ``parquet``); see the module doc.

    ``names`` gives the extractor's gazetteer names of a store and ``hooks`` what follows a stored batch
    on the SQLite path: the application's (``threatgraph.app``), passed in because bulk sits below it.
    """
    from pyspark import StorageLevel

    from threatgraph.store.db import is_sqlite, open_store

    t0 = time.perf_counter()
    if db is None and parquet is None:
        raise BulkError("a bulk job needs a store (--db URL) or a Parquet output (--parquet DIR)")
    engine = open_store(db) if db else None
    url = engine.url.render_as_string(hide_password=False) if engine is not None else None
    pg = engine is not None and engine.dialect.name == "postgresql" and parquet is None
    if engine is not None and not pg and not is_sqlite(engine) and parquet is None:
        raise BulkError(f"bulk writes PostgreSQL or SQLite stores, not {engine.dialect.name}")
    spark = session or spark_session(master, conf)
    report = BulkReport()
    # the resolution pool's workers warm up beside the extraction's (threatgraph.bulk.pools)
    warming: Prewarm | None = prewarm(spark.sparkContext) if pg and resolve else None

    try:
        with worker_pool(spark.sparkContext, EXTRACT):
            items = read_inputs(spark, paths, max_bytes).persist(StorageLevel.MEMORY_AND_DISK)
        _extract_and_resolve(spark, items, url, pg, parquet, partitions, names, resolve, engine, hooks, report, t0)
    finally:
        if warming is not None:
            report.resolve_warmup = warming.wait()
    report.seconds = time.perf_counter() - t0
    return report


def _extract_and_resolve(
    spark: SparkSession,
    items: DataFrame,
    url: str | None,
    pg: bool,
    parquet: str | None,
    partitions: int | None,
    names: Names | None,
    resolve: bool,
    engine: Any,
    hooks: Sequence[Hook],
    report: BulkReport,
    t0: float,
) -> None:
    """The job after its inputs are defined (``t0``: when it started): count, extract, tally, resolve, watch."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    try:
        articles = items.filter(F.col("reason").isNull()).drop("reason")
        # Counted first: the count reads every input partition in one parallel job and fills the cache; the
        # failures are then read from the cache in one job (toLocalIterator runs a job per partition, one after
        # another: at 256 articles a partition, thousands of serial jobs for a large archive).
        report.read = articles.count()
        for row in _rows(items.filter(F.col("reason").isNotNull()).select("source", "reason")):
            report.failed.append(IngestFailure(row["source"] or "?", row["reason"]))
        n_parts = partitions or partition_count(report.read, spark.sparkContext.defaultParallelism)
        # Copies of one text (same content hash) land in one partition, which keeps one of them.
        with worker_pool(spark.sparkContext, EXTRACT):
            extracted = articles.repartition(n_parts, "id").mapInArrow(
                extract_partition(url, write=pg, names=names), OUT_DDL
            )
        out = extracted.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            if parquet is not None:
                out.filter(F.col("kind") == "analysed").select(*ROW_COLUMNS).write.mode("append").parquet(parquet)
            small = out.filter(F.col("kind") != "analysed").select("kind", "id", "source", "reason")
            for row in _rows(small):
                _tally(report, row)
            if not pg and parquet is None:
                _store_from_driver(engine, out, report, tuple(hooks) if resolve else ())
            elif parquet is not None:
                report.analysed = out.filter(F.col("kind") == "analysed").count()
            report.timings["extract"] = time.perf_counter() - t0
            if pg and resolve and (report.ingested or report.stored_ids):
                assert url is not None
                # Articles a killed run stored but did not resolve or check are finished now; for those it
                # did, resolution and watch checks are idempotent and find nothing left to do. Their ids are
                # read from the job's own (cached) output on the executors, not sent back from the driver.
                _resolve_and_watch(
                    spark, url, out.filter(F.col("kind").isin("ingested", "stored")).select("id"), report
                )
        finally:
            out.unpersist()
    finally:
        items.unpersist()


def _rows(frame: DataFrame) -> Iterator[dict[str, Any]]:
    """A small frame's rows (a few short columns an article) on the driver, from one Spark job as Arrow: every
    partition read at once, where ``toLocalIterator`` ran a job per partition one after another."""
    for batch in frame.toArrow().to_batches():
        yield from batch.to_pylist()


def _resolve_and_watch(spark: SparkSession, url: str, ids: DataFrame, report: BulkReport) -> None:
    from threatgraph.bulk.resolve import resolve_articles

    t1 = time.perf_counter()
    # the job's tally holds each of these ids once: how many the frame holds, without a Spark job to count them
    count = len(report.ingested) + len(report.stored_ids)
    report.resolve, report.blocks = resolve_articles(spark, url, ids, count=count)
    t2 = time.perf_counter()
    report.alerts = check_watches(spark, url, ids, count=count)
    report.timings["resolve"] = t2 - t1
    report.timings["watch"] = time.perf_counter() - t2


def _tally(report: BulkReport, row: Any) -> None:
    kind = row["kind"]
    if kind == "ingested":
        report.ingested.append(row["id"])
    elif kind == "stored":
        report.already_stored += 1
        report.stored_ids.append(row["id"])
    elif kind == "failed":
        report.failed.append(IngestFailure(row["source"] or row["id"] or "?", row["reason"] or "failed"))
    elif kind == "duplicate":
        report.duplicates += 1
    elif kind == "partition":
        report.partitions.append(json.loads(row["reason"]))


def _store_from_driver(engine: Any, out: DataFrame, report: BulkReport, hooks: Sequence[Hook]) -> None:
    """SQLite: the analysed rows go through the ordinary pipeline (resolve and watches per batch)."""
    from pyspark.sql import functions as F

    from threatgraph.bulk.load import load_rows

    rows = (r.asDict() for r in out.filter(F.col("kind") == "analysed").select(*ROW_COLUMNS).toLocalIterator())
    loaded = load_rows(engine, rows, hooks=hooks)
    report.ingested.extend(loaded.ingested)
    report.already_stored += len(loaded.duplicates)
    report.failed.extend(loaded.failed)
