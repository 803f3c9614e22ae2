"""The driver reads a job's resolution edges in one Spark job, whatever the number of partitions.

The edge rows (group–key–entity edges and the partitions' shares of the job-wide statistics) used to be read by
one Spark job per statistic and then streamed with ``toLocalIterator``, which runs one job per partition: every
partition a hand-over between the driver and the JVM while the executors wait. They now cross once, as Arrow.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from resolve.conftest import build  # tests/ is on sys.path under pytest's rootdir conftest
from threatgraph.bulk.pgcopy import copy_analyses
from threatgraph.bulk.resolve import resolve_articles

pytestmark = pytest.mark.slow


def _articles(body: str, town: str, port: str, person: str) -> list:
    """Three invented articles naming one body, one person and two places; each call's names its own."""
    return [
        build(
            f"The {body} patrolled {town}, its captain {person} said.",
            [("Organization", [body]), ("Location", [town]), ("Person", [person])],
        ),
        build(f"{person} met traders in {port} on Friday.", [("Person", [person]), ("Location", [port])]),
        build(f"The {body} left {port}.", [("Organization", [body]), ("Location", [port])]),
    ]


def _jobs(spark, url: str, ids: list[str], partitions: int, group: str) -> int:
    sc = spark.sparkContext
    sc.setJobGroup(group, "resolution passes")
    try:
        stats, shape = resolve_articles(spark, url, ids, partitions=partitions, screen=False)
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    assert stats.created > 0 and shape["groups"] > 0
    return len(sc.statusTracker().getJobIdsForGroup(group))


@pytest.mark.postgres
def test_resolution_runs_as_many_spark_jobs_with_six_partitions_as_with_two(spark, pg_engine: Engine) -> None:
    url = pg_engine.url.render_as_string(hide_password=False)
    # two loads whose names share nothing, so neither reaches the other's entities (a block that does is
    # decided on the driver, which would change the stages run, not the passes over the edges)
    first = _articles("Vessmar Harbour Guard", "Lirendal", "Cawdor Reach", "Orrin Tasley")
    second = _articles("Qeltic Mountain Brigade", "Ombrevale", "Sturnholm", "Idris Pallow")
    two = _jobs(spark, url, copy_analyses(pg_engine, first), 2, "tg-passes-2")
    six = _jobs(spark, url, copy_analyses(pg_engine, second), 6, "tg-passes-6")
    assert six == two
