"""What runs on the executors: one function per partition, the model loaded once per worker.

:func:`extract_partition` is handed to Spark's ``mapInArrow``; Spark calls it once per partition
with that partition's rows as Arrow record batches. Per partition it

1. asks the store which of its articles are already there (one indexed query per chunk) and skips
   them *before* NLP, so re-running a killed job only parses what is missing;
2. runs the single-machine :class:`~threatgraph.extract.pipeline.Extractor`, built once per Python
   worker and store with the gazetteer names the caller's ``names`` function gives (the application
   passes ``threatgraph.app.gazetteer_names``, as its own extractor uses), so each worker loads spaCy once;
3. either writes the partition to PostgreSQL in one transaction (:func:`copy_analyses`) or yields
   the analysed rows (for Parquet, or for a SQLite store written from the driver).

It yields rows of :data:`OUT_DDL`: one per article (``kind`` ingested / stored / analysed /
failed / duplicate: the same text again in the input) and one ``partition`` row with the partition's
timing and the worker's peak memory, which ``benchmarks/bulk.py`` turns into a cost model.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Engine, select

from threatgraph.bulk.codec import ARTICLE_COLUMNS, ROW_COLUMNS, ROW_DDL, article_from, to_row
from threatgraph.bulk.pgcopy import copy_analyses
from threatgraph.model import Analysis, Article
from threatgraph.store.db import create
from threatgraph.store.schema import articles as articles_table

#: Output of a partition: an analysed-article row plus what happened to it.
OUT_DDL = ROW_DDL + ", kind string, reason string"
OUT_COLUMNS = (*ROW_COLUMNS, "kind", "reason")
#: CPU seconds the executor's daemon (:mod:`threatgraph.bulk.daemon`) spent warming up, in the environment of
#: every worker it forked (the daemon module is not imported here: Spark runs it as ``python -m``).
WARMUP_VAR = "THREATGRAPH_BULK_WARMUP_CPU"
#: Articles per ``nlp.pipe`` batch and per stored-id query.
BATCH = 64

_ENGINES: dict[str, Engine] = {}
_EXTRACTORS: dict[str | None, Any] = {}

#: Gazetteer names of a store: (name, FtM schema) pairs.
Names = Callable[[Engine], Iterable[tuple[str, str]]]


def worker_extractor(url: str | None, engine: Engine | None, names: Names | None) -> Any:
    """One extractor per worker process and store (with the store's gazetteer names when given)."""
    from threatgraph.extract.pipeline import Extractor, get_extractor

    key = url if names is not None and engine is not None else None
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = get_extractor() if key is None else Extractor(extra_names=list(names(engine)))  # type: ignore[misc]
    return _EXTRACTORS[key]


def worker_engine(url: str) -> Engine:
    """One engine (pool) per worker process and URL; the driver migrated the store already."""
    if url not in _ENGINES:
        _ENGINES[url] = create(url)
    return _ENGINES[url]


def peak_rss_mb() -> float:
    """This worker process's peak resident memory (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def stored_ids(engine: Engine, ids: list[str]) -> set[str]:
    found: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(r[0] for r in conn.execute(select(articles_table.c.id).where(articles_table.c.id.in_(chunk))))
    return found


def first_per_id(arts: Iterable[Article]) -> tuple[list[Article], list[Article]]:
    """One article per content hash, the one read from the smallest source name, and the repeats.

    The job partitions by id, so every copy of a text meets the others in one partition and the
    choice needs no shuffle of its own; it is the same whatever order the copies arrive in.
    """
    best: dict[str, Article] = {}
    repeats: list[Article] = []
    for a in arts:
        kept = best.get(a.id)
        if kept is None:
            best[a.id] = a
            continue
        if (a.source or "") < (kept.source or ""):
            best[a.id], a = a, kept
        repeats.append(a)
    return list(best.values()), repeats


def analyse_isolated(extractor: Any, batch: list[Article]) -> tuple[list[Analysis], list[tuple[Article, str]]]:
    """Analyses of a batch; if the batch breaks, each article alone, so one bad article fails alone."""
    try:
        return list(extractor.analyse(batch, batch_size=len(batch))), []
    except Exception as exc:  # noqa: BLE001 - isolate the article that broke the batch
        if len(batch) == 1:
            return [], [(batch[0], f"extraction failed: {_reason(exc)}")]
    done: list[Analysis] = []
    failed: list[tuple[Article, str]] = []
    for art in batch:
        ok, bad = analyse_isolated(extractor, [art])
        done += ok
        failed += bad
    return done, failed


def _out(kind: str, row: dict[str, Any] | None = None, reason: str | None = None, **fields: Any) -> dict[str, Any]:
    out = dict.fromkeys(OUT_COLUMNS)
    out.update(row or {})
    out.update(fields)
    out["kind"], out["reason"] = kind, reason
    return out


def extract_partition(
    db_url: str | None, write: bool, names: Names | None = None
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function: ``write`` stores to ``db_url`` (PostgreSQL) here, else yields analysed rows."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        t0, c0, started = time.perf_counter(), time.process_time(), time.time()
        engine = worker_engine(db_url) if db_url else None
        items = [r for b in batches for r in b.select(list(ARTICLE_COLUMNS)).to_pylist()]
        out: list[dict[str, Any]] = []
        arts, repeats = first_per_id(article_from(r) for r in items)
        out += [_out("duplicate", id=a.id, source=a.source) for a in repeats]
        known = stored_ids(engine, [a.id for a in arts]) if engine is not None and arts else set()
        fresh = [a for a in arts if a.id not in known]
        out += [_out("stored", id=a.id, source=a.source) for a in arts if a.id in known]
        c_model = time.process_time()
        extractor = worker_extractor(db_url, engine, names) if fresh else None
        c_model = time.process_time() - c_model  # CPU of building the extractor: 0 once this worker has one
        analyses: list[Analysis] = []
        for i in range(0, len(fresh), BATCH):
            done, failed = analyse_isolated(extractor, fresh[i : i + BATCH])
            analyses += done
            out += [_out("failed", id=a.id, source=a.source, reason=why) for a, why in failed]
        t_nlp, c_nlp = time.perf_counter() - t0, time.process_time() - c0
        if write and analyses:
            assert engine is not None
            new = set(copy_analyses(engine, analyses))
            out += [_out("ingested" if an.article.id in new else "stored", id=an.article.id) for an in analyses]
        else:
            out += [_out("analysed", to_row(an)) for an in analyses]
        stats = {
            "articles": len(arts),
            "duplicates": len(repeats),
            "analysed": len(analyses),
            "seconds": time.perf_counter() - t0,
            "nlp_seconds": t_nlp,
            # CPU seconds of this worker (wall seconds on a shared machine count the neighbours too)
            "cpu_seconds": time.process_time() - c0,
            "nlp_cpu_seconds": c_nlp,
            "model_cpu_seconds": c_model,
            "peak_rss_mb": peak_rss_mb(),
            # CPU the executor's daemon spent building this worker's tables before it forked (0: a plain daemon)
            "warmup_cpu_seconds": float(os.environ.get(WARMUP_VAR, 0)),
            # when and in which worker process it ran: a worker's first partition against its later ones
            "started": started,
            "pid": os.getpid(),
        }
        out.append(_out("partition", reason=json.dumps(stats)))
        for i in range(0, len(out), 256):
            yield pa.RecordBatch.from_pylist(out[i : i + 256], schema=_schema())

    return run


def _schema() -> Any:
    import pyarrow as pa

    types = {"published": pa.date32()}
    return pa.schema([(c, types.get(c, pa.string())) for c in OUT_COLUMNS])
