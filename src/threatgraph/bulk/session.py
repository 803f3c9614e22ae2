"""The Spark session a bulk job runs on: the same code in local mode here and on a cluster.

Under ``spark-submit`` the master, executors and memory come from spark-submit's own flags and
``spark-defaults.conf``; :func:`spark_session` then only adds what threatgraph itself needs (Arrow
transfer) and never overrides what the cluster set. Run directly (``threatgraph bulk --master
local[2]``), it starts a local Spark with the workers on this interpreter, so they import the
same installed threatgraph and spaCy model.

Configuration read (besides Spark's own): ``--master`` or ``$THREATGRAPH_SPARK_MASTER`` (default
``local[*]`` when not under spark-submit), ``--conf key=value`` pairs, and ``$PYSPARK_PYTHON``
(default: this interpreter, which is right for local mode; on a cluster point it at the executors'
environment that has threatgraph installed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

MASTER_VAR = "THREATGRAPH_SPARK_MASTER"

#: What threatgraph needs from any Spark it runs on; set only where the user or cluster did not.
DEFAULTS: Mapping[str, str] = {
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    "spark.sql.session.timeZone": "UTC",
    # Each NLP task loads a model: reuse Python workers rather than forking one per task.
    "spark.python.worker.reuse": "true",
    # Workers fork from a daemon that has built the model and name tables once (threatgraph/bulk/daemon.py),
    # instead of each worker building its own copy on its first task.
    "spark.python.daemon.module": "threatgraph.bulk.daemon",
    # Spark keeps one daemon (and worker pool) per distinct worker environment, and its SQL runner adds this
    # variable where the RDD runner (reading the input files) does not: set for both, they share one daemon,
    # which then builds the tables once per executor rather than once per kind of stage.
    "spark.executorEnv.SPARK_SIMPLIFIED_TRACEBACK": "1",
    # One native thread per task, the usual Spark practice: an executor already runs one task per core, and a
    # numeric library's own pool (OpenBLAS, OpenMP, MKL: numpy, spaCy's thinc) beside it only makes tasks
    # fight for those cores. Spark sets OMP_NUM_THREADS to the executor's cores when it knows them (not in
    # local mode), and OpenBLAS and MKL read their own variables first. A cluster that gives a task
    # several cores (spark.task.cpus) sets these to match with --conf.
    **{f"spark.executorEnv.{var}": "1" for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
}
#: Set only for a local master (quiet, no web UI port taken on a shared machine).
LOCAL_DEFAULTS: Mapping[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    # The JVM here only moves rows between files, Python workers and the driver; its optimising JIT compiler
    # (C2) cost more CPU than that work itself and ran on a core the workers wanted (a 375-article local[1]
    # job: JIT 18.5 s of the JVM's 36.6 s CPU, startup included; with C1 only: JIT 1.5 s of 16.4 s, and the
    # JVM's own work in the job 7.1 s instead of 16.8 s). A cluster's long-lived executors keep C2.
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1",
}


class BulkError(RuntimeError):
    """A bulk job cannot run (no Java, bad master, unreadable input root); the message says which."""


def parse_conf(pairs: Iterable[str]) -> dict[str, str]:
    """``key=value`` strings from ``--conf`` to a dict; a pair without ``=`` is refused by name."""
    conf: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BulkError(f"--conf expects key=value, got {pair!r}")
        conf[key.strip()] = value
    return conf


def settings_for(present: Callable[[str], bool], local: bool, conf: Mapping[str, str]) -> dict[str, str]:
    """What a job sets on its session builder: threatgraph's defaults (and the local ones for a local master)
    where the cluster's configuration (``present``: spark-submit's flags, ``spark-defaults.conf``) has no value,
    then the job's own ``--conf`` pairs, which win over both."""
    defaults = {**DEFAULTS, **(LOCAL_DEFAULTS if local else {})}
    return {**{k: v for k, v in defaults.items() if not present(k)}, **conf}


def spark_session(
    master: str | None = None, conf: Mapping[str, str] | None = None, app_name: str = "threatgraph-bulk"
) -> SparkSession:
    """A SparkSession for a bulk job (the active one if spark-submit already made it)."""
    from pyspark.sql import SparkSession

    master = master or os.environ.get(MASTER_VAR)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # launched by spark-submit: it chose the master
    if not master and not submitted:
        master = "local[*]"
    local = bool(master) and master.startswith("local")
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    present: Callable[[str], bool] = lambda key: False  # noqa: E731
    if submitted:
        from pyspark import SparkConf, SparkContext

        # what spark-submit's flags and spark-defaults.conf set (a builder value would override them): the
        # JVM spark-submit started holds them, so connect to it first (as SparkContext itself does)
        SparkContext._ensure_initialized()
        present = SparkConf().contains
    settings = settings_for(present, local, conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - re-raised with what to check
        where = master or "from spark-submit"
        raise BulkError(f"cannot start Spark (master {where}; is Java installed?): {exc}") from exc
    session.sparkContext.setLogLevel(os.environ.get("THREATGRAPH_SPARK_LOG", "WARN"))
    return session


def executors(session: SparkSession) -> int:
    """Task slots the job can use at once (cores over all executors; local[N] gives N)."""
    return max(1, session.sparkContext.defaultParallelism)
