"""The Python daemon of a bulk job's executors: what every worker builds on first use, built once before they fork.

Spark starts one Python daemon per executor, and the daemon forks a worker process for each task slot
(reused across tasks). Whatever a worker builds lazily is built again in every worker: the imports, the
spaCy pipeline and the tables extraction reads on its first article, rigour's name tagger (the person-name
symbols behind :func:`threatgraph.names.parts.name_symbols`) and its territory table. Measured in session 14
on 275 stored articles: resolving them in a fresh process cost 19.3 s CPU, the same resolution again in that
process 3.9 s; the first person-name comparison alone ~9 s (under load), the first article ~4.5 s. So a second
executor slot added a second copy of all of it (``local[2]`` against ``local[1]``: resolution worker CPU 16 ->
27 s, session 13), and so did every short-lived worker Spark forked for a small stage.

Spark starts this module instead of ``pyspark.daemon`` (``spark.python.daemon.module``, set by
:mod:`threatgraph.bulk.session` unless the job's configuration names another): it runs one invented article
through the extractor and compares invented names, then hands over to PySpark's own daemon loop, and every
worker forked from it starts with those tables built (pages shared copy-on-write until written). Nothing here
depends on the job or its store: the store's own gazetteer names and engine are still set up per worker
(:mod:`threatgraph.bulk.tasks`). Tables built from packaged data alone are read from the disk cache an earlier
process filled (:mod:`threatgraph.tablecache`; the place tables: ~3 s CPU of the warm-up), so only the first job
after a change of code or data builds them; rigour's name tagger (the largest part, ~11 s on a loaded machine) is
built in native code that keeps no file, so every daemon still builds it.

**Two pools.** The daemon's warm-up runs before any task, on one core, so in ``local[2]`` the second core sat idle
through all of it, and half of it (rigour's name tagger) only serves resolution, which comes after extraction.
So a job runs two pools of workers, each with its own daemon: Spark keeps one daemon per distinct worker
environment, and :func:`threatgraph.bulk.pools.worker_pool` gives the stages of resolution and watch checks
``THREATGRAPH_BULK_POOL=resolve``. This module reads it and builds only what its pool's workers use: the extract
pool the extractor's tables, the resolve pool the name stack's (tagger included). A job starts the resolve pool's
daemon at once, beside the extract pool's (:func:`threatgraph.bulk.pools.prewarm`), so with two task slots the two
warm-ups run on two cores at the same time instead of one after the other, and neither pool's workers carry the
other's tables.

**Frozen heap.** After the warm-up the daemon moves every object it built into the collector's permanent generation
(``gc.freeze``): PySpark's worker runs a full collection after every task, which walked those ~4*10^5 inherited
objects (~0.15 s CPU a task) and, by writing their headers, copied their pages into every worker.

Two rules of the daemon protocol: standard output is the daemon's channel to the JVM (it writes its port
there), so the warm-up writes to standard error; and the warm-up must leave no thread running, since only
the forking thread survives a fork (a test runs it, forks, and uses the tables in the child).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: An invented article and invented names: text that reaches the extractor's components and the name
#: stack's person, organisation and place comparisons.
ARTICLE = (
    "Commander Daviel Orrant of the Sarnath Liberation Front said on Monday that his fighters had "
    'left Port Velmar. "We will return," Orrant told the Velmar Herald, accusing the army of shelling '
    "two villages in the north of the country last week."
)
NAME_PAIRS = (
    ("Daviel Orrant", "Davil Orant", "Person"),
    ("Sarnath Liberation Front", "Sarnath Front", "Organization"),
    ("Ministry of Defence of Velmaria", "Velmarian Defence Ministry", "Organization"),
)


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Standard output (file descriptor 1, so native code too) sent to standard error for the block."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def warm(pool: str | None = None) -> float:
    """Build the per-process tables a worker of ``pool`` would build on its first task; returns the CPU seconds.

    ``pool`` is :data:`~threatgraph.bulk.pools.EXTRACT` (the extractor's tables), :data:`~threatgraph.bulk.pools.
    RESOLVE` (the name stack's: rigour's tagger, the name forms and comparisons) or None for both (a daemon started
    outside a bulk job's pools).
    """
    from threatgraph.bulk.pools import EXTRACT, RESOLVE, check_pool

    if pool is not None:
        check_pool(pool)
    c0 = time.process_time()
    if pool in (None, EXTRACT):
        from threatgraph.bulk import tasks  # noqa: F401 - the module Spark's extraction workers unpickle into
        from threatgraph.extract.pipeline import get_extractor
        from threatgraph.model import Article

        list(get_extractor().analyse([Article(text=ARTICLE, title="Sarnath Liberation Front leaves Port Velmar")]))
    if pool in (None, RESOLVE):
        from threatgraph.bulk import resolve  # noqa: F401 - the module Spark's resolution workers unpickle into
        from threatgraph.names.align import compare_names
        from threatgraph.names.bodies import public_names
        from threatgraph.names.forms import blocking_keys, name_form
        from threatgraph.watch import scan  # noqa: F401 - the watch checks run in this pool too

        for a, b, label in NAME_PAIRS:
            fa, fb = name_form(a, label), name_form(b, label)
            blocking_keys(fa, label)
            compare_names(fa, fb, person=label == "Person")
        public_names()
    return time.process_time() - c0


def freeze() -> None:
    """Move everything built so far out of the collector's reach, for the forked workers' sake (see the module doc)."""
    gc.collect()
    gc.freeze()


def main() -> None:
    from pyspark import daemon

    from threatgraph.bulk.pools import POOL_VAR
    from threatgraph.bulk.tasks import WARMUP_VAR

    pool = os.environ.get(POOL_VAR) or None
    with _stdout_to_stderr():
        spent = warm(pool)
        freeze()
        where = f"pool {pool or 'all'}, pid {os.getpid()}"
        print(f"threatgraph bulk daemon: worker tables built in {spent:.1f} s CPU ({where})", file=sys.stderr)
    # Workers inherit it and report it with their partitions' timings: the warm-up runs before any task can
    # start, so it is serial whatever the number of slots, and a cost model must count it as such.
    os.environ[WARMUP_VAR] = f"{spent:.3f}"
    daemon.manager()


if __name__ == "__main__":
    main()
