"""bulk: the same readers and extractor on Apache Spark, into PostgreSQL, SQLite or Parquet.

The orchestrator above store, watch and export for archives too large for one machine:
:func:`run_bulk` (``threatgraph bulk``) reads and extracts on Spark executors, writes each
partition in one transaction, resolves on Spark with the single-machine resolver's decisions, and
checks watches; :func:`load_parquet` (``threatgraph load``) stores a Parquet output later.
PySpark is imported only when a job runs, so the rest of threatgraph never needs Java.
"""

from __future__ import annotations

from threatgraph.bulk.load import load_parquet
from threatgraph.bulk.run import BulkReport, run_bulk
from threatgraph.bulk.session import BulkError, parse_conf, spark_session

__all__ = ["BulkError", "BulkReport", "load_parquet", "parse_conf", "run_bulk", "spark_session"]
