"""Two worker pools per executor: extraction and resolution workers fork from daemons that build only their tables."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from threatgraph.bulk.pools import EXTRACT, POOL_VAR, RESOLVE, worker_pool


class _Context:
    """What :func:`worker_pool` touches of a SparkContext: its environment dict."""

    def __init__(self, **env: str) -> None:
        self.environment = dict(env)


def test_a_pool_is_set_for_the_block_and_the_environment_restored_after() -> None:
    sc = _Context(OTHER="1")
    with worker_pool(sc, RESOLVE):  # type: ignore[arg-type]
        assert sc.environment == {"OTHER": "1", POOL_VAR: RESOLVE}
        with worker_pool(sc, EXTRACT):  # type: ignore[arg-type]
            assert sc.environment[POOL_VAR] == EXTRACT
        assert sc.environment[POOL_VAR] == RESOLVE  # the inner block gives back the outer pool
    assert sc.environment == {"OTHER": "1"}


def test_the_environment_is_restored_when_the_block_raises() -> None:
    sc = _Context(**{POOL_VAR: EXTRACT})
    with pytest.raises(RuntimeError), worker_pool(sc, RESOLVE):  # type: ignore[arg-type]
        raise RuntimeError("a stage failed")
    assert sc.environment == {POOL_VAR: EXTRACT}


def test_an_unknown_pool_is_refused_by_name() -> None:
    sc = _Context()
    with pytest.raises(ValueError, match="'nlp'"), worker_pool(sc, "nlp"):  # type: ignore[arg-type]
        pass
    assert sc.environment == {}


def test_the_daemon_refuses_an_unknown_pool() -> None:
    from threatgraph.bulk.daemon import warm

    with pytest.raises(ValueError, match="'nlp'"):
        warm("nlp")


def test_freeze_puts_the_built_objects_out_of_the_collectors_reach() -> None:
    """PySpark's worker runs a full collection after every task: objects the daemon froze are not walked."""
    from threatgraph.bulk.daemon import freeze

    kept = [{"table": i} for i in range(1000)]
    try:
        freeze()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_the_extract_pool_builds_no_name_tagger_and_the_resolve_pool_no_spacy() -> None:
    """Each pool's daemon builds what its workers use: the extraction workers never compare person names (the name
    tagger, most of the warm-up, is for resolution) and the resolution workers never parse text."""
    probe = (
        "import sys\n"
        "from threatgraph.bulk.daemon import warm\n"
        "warm(sys.argv[1])\n"
        "from threatgraph.names.parts import name_symbols\n"
        "import threatgraph.extract.pipeline as p\n"
        "print(name_symbols.cache_info().currsize, p.get_extractor.cache_info().currsize)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    seen = {}
    for pool in (EXTRACT, RESOLVE):
        done = subprocess.run(
            [sys.executable, "-c", probe, pool], capture_output=True, text=True, timeout=600, env=env, check=True
        )
        tagged, extractors = map(int, done.stdout.split())
        seen[pool] = (tagged > 0, extractors > 0)
    assert seen == {EXTRACT: (False, True), RESOLVE: (True, False)}


@pytest.mark.slow
def test_spark_functions_run_in_the_workers_of_the_pool_they_were_defined_in(spark) -> None:
    """A function carries the pool it was defined in to its workers, whichever pool is open when its job runs."""
    sc = spark.sparkContext

    def pool_of(_: object) -> object:
        yield os.environ.get(POOL_VAR)

    def pool_batches(batches: object) -> object:  # defined here: Spark's workers cannot import a test module
        import pyarrow as pa

        for _ in batches:  # type: ignore[attr-defined]
            pass
        schema = pa.schema([("pool", pa.string())])
        yield pa.RecordBatch.from_pylist([{"pool": os.environ.get(POOL_VAR)}], schema=schema)

    with worker_pool(sc, RESOLVE):
        resolving = sc.parallelize([0], 1).mapPartitions(pool_of)
        resolving._jrdd  # noqa: B018 - an RDD's function is wrapped on first use
    with worker_pool(sc, EXTRACT):
        extracting = spark.range(1).mapInArrow(pool_batches, "pool string")
        assert resolving.collect() == [RESOLVE]
    assert {r["pool"] for r in extracting.collect()} == {EXTRACT}  # one row a partition, empty ones too
