"""Two pools of Python workers per executor: one for extraction, one for resolution and watch checks.

Why: every task runs in a worker forked from the executor's Python daemon, which builds the workers' tables
first (:mod:`threatgraph.bulk.daemon`), before any task can start and on one core. Most of that warm-up (rigour's
name tagger, ~8 s CPU) serves only resolution, which starts after extraction; built in the one daemon before the
first task, it held every task slot of the executor but one idle (the largest serial part of a ``local[2]`` job).

Spark keeps one daemon (and one set of reusable workers) per distinct worker environment, and a Python function
carries the environment of its ``SparkContext`` at the moment PySpark wraps it. So :func:`worker_pool` gives the
functions a block defines :data:`POOL_VAR` = ``pool``, and the daemon builds only that pool's tables. A job
starts the resolution pool's daemon at once with a task of its own (:func:`prewarm`), beside the extraction pool's:
with two task slots the two warm-ups run on two cores at the same time, and by the time resolution starts its pool
is ready. With one slot nothing overlaps and the order of work changes, not its amount (the second daemon's
imports aside). The same holds on a cluster: each executor keeps a daemon per pool.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark import SparkContext

#: The worker environment variable naming a pool; the daemon reads it to know which tables to build.
POOL_VAR = "THREATGRAPH_BULK_POOL"
EXTRACT = "extract"
RESOLVE = "resolve"

#: The context's environment is one dict: one thread defines a pool's functions at a time (re-entrant: a pool's
#: block may call code that opens the same pool).
_ENV_LOCK = threading.RLock()


def check_pool(pool: str) -> None:
    """Refuse a pool name that is neither :data:`EXTRACT` nor :data:`RESOLVE` (a typo would build no tables)."""
    if pool not in (EXTRACT, RESOLVE):
        raise ValueError(f"unknown bulk worker pool {pool!r}: expected {EXTRACT!r} or {RESOLVE!r}")


@contextmanager
def worker_pool(sc: SparkContext, pool: str) -> Iterator[None]:
    """Python functions PySpark wraps inside the block run in workers of ``pool``.

    The functions must be wrapped inside the block: a DataFrame's ``mapInArrow`` wraps its function when called, an
    RDD's lazily on its first use (touch ``rdd._jrdd`` inside). Actions may run later, and from other threads.
    """
    check_pool(pool)
    with _ENV_LOCK:
        env = sc.environment
        before = env.get(POOL_VAR)
        env[POOL_VAR] = pool
        try:
            yield
        finally:
            if before is None:
                env.pop(POOL_VAR, None)
            else:
                env[POOL_VAR] = before


def _warmup_cpu(_: Iterator[Any]) -> Iterator[float]:
    """Executor: nothing to do but be run by a worker of the pool, whose daemon warmed up first; reports its CPU."""
    from threatgraph.bulk.tasks import WARMUP_VAR

    yield float(os.environ.get(WARMUP_VAR, 0))


class Prewarm:
    """The resolution pool's daemon started in the background; :meth:`wait` gives its warm-up CPU seconds."""

    def __init__(self, sc: SparkContext) -> None:
        with worker_pool(sc, RESOLVE):
            rdd = sc.parallelize([0], 1).mapPartitions(_warmup_cpu)
            rdd._jrdd  # noqa: B018 - wrapped now, inside the pool (PySpark wraps an RDD's function lazily)
        self.cpu: float | None = None
        self.seconds = 0.0
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(rdd,), name="threatgraph-prewarm", daemon=True)
        self._thread.start()

    def _run(self, rdd: Any) -> None:
        t0 = time.perf_counter()
        try:
            self.cpu = max(rdd.collect(), default=0.0)
        except BaseException as exc:  # noqa: BLE001 - kept for wait(): the job's own stages report a broken setup
            self.error = exc
        self.seconds = time.perf_counter() - t0

    def wait(self) -> float | None:
        """Block until the warm-up task ended; its daemon's warm-up CPU seconds (None if the task failed)."""
        self._thread.join()
        return self.cpu


def prewarm(sc: SparkContext) -> Prewarm:
    """Start the resolution pool's daemon now, in a one-task job of its own, while the caller goes on."""
    return Prewarm(sc)
