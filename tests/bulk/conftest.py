"""Fixtures for the bulk stage: the sample archive analysed once, and one SparkSession per test session.

Spark tests are few and small (CI runs them in local[2] on 2 cores): they share one session, started
on first use and stopped at the end of the test session. Without pyspark or Java they skip, except
under CI, where ``./dev test`` installs both and a missing one is a broken setup.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from threatgraph.model import Analysis


@pytest.fixture(scope="session")
def sample_analyses() -> list[Analysis]:
    """Every bundled sample article, read and analysed by the real extractor (once per session)."""
    from threatgraph.extract.pipeline import get_extractor
    from threatgraph.ingest import partition, read_paths
    from threatgraph.ingest.samples import samples_dir

    articles, failures = partition(read_paths([samples_dir()]))
    assert not failures and articles
    return list(get_extractor().analyse(articles))


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """A local[2] SparkSession shared by every Spark test."""
    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing.append("a Java runtime")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{' and '.join(missing)} missing in CI: ./dev test should have installed them")
        pytest.skip(f"{' and '.join(missing)} not installed")
    from threatgraph.bulk import spark_session

    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "4"}, app_name="threatgraph-tests")
    yield session
    session.stop()
