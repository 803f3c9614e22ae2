"""What a bulk job sets on its Spark session, beside what the cluster set (no Spark needed)."""

from __future__ import annotations

from threatgraph.bulk.session import DEFAULTS, LOCAL_DEFAULTS, settings_for


def test_the_cluster_configuration_keeps_its_values_and_the_jobs_own_pairs_win() -> None:
    """Under spark-submit a builder value would override spark-defaults.conf and spark-submit's --conf: a default
    is set only where the cluster has no value; a pair the job was given (``threatgraph bulk --conf``) wins."""
    cluster = {"spark.python.worker.reuse", "spark.python.daemon.module"}
    got = settings_for(cluster.__contains__, False, {"spark.sql.session.timeZone": "Europe/Berlin"})
    assert not cluster & set(got)
    assert got["spark.sql.session.timeZone"] == "Europe/Berlin"
    assert got["spark.sql.execution.arrow.pyspark.enabled"] == DEFAULTS["spark.sql.execution.arrow.pyspark.enabled"]
    assert not set(LOCAL_DEFAULTS) & set(got)


def test_a_local_master_gets_the_local_defaults_too() -> None:
    got = settings_for(lambda key: False, True, {})
    assert got == {**DEFAULTS, **LOCAL_DEFAULTS}
