"""Shared fixtures: a fresh store per test, the path to ../shared/data (skip when absent) and PostgreSQL.

``pg_engine`` is the one PostgreSQL fixture every ``postgres``-marked test uses. Each test module
gets its own schema (created, migrated, dropped afterwards) in the database named by
$TG_TEST_PG_URL, and every test starts on empty tables, so tests neither see each other's rows
nor leave any behind in a server shared with other runs. Without the variable the tests skip,
except under CI, where ``./dev test`` starts a server and a missing URL is a broken setup.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"
SAMPLES = ROOT / "samples"
PG_URL_VAR = "TG_TEST_PG_URL"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data; tests that need it are skipped cleanly where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def store(tmp_path: Path):
    """A migrated SQLite store in a temporary directory."""
    from threatgraph.store.db import open_store

    os.environ["THREATGRAPH_HOME"] = str(tmp_path / "home")
    return open_store(f"sqlite:///{tmp_path / 'test.db'}")


def pg_url() -> str:
    """$TG_TEST_PG_URL; skips the test where it is unset, fails it under CI (``./dev test`` sets it there)."""
    url = os.environ.get(PG_URL_VAR)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_VAR} is not set in CI: ./dev test should have started PostgreSQL")
        pytest.skip(f"no PostgreSQL server (set {PG_URL_VAR} or run ./dev test)")
    return url


@pytest.fixture(scope="module")
def _pg_module_store() -> Iterator[Engine]:
    """A migrated store in a schema of its own for one test module; the schema is dropped afterwards."""
    from sqlalchemy import create_engine, make_url, text

    from threatgraph.store.db import open_store

    base = make_url(pg_url())
    schema = f"tg_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = base.update_query_dict({"options": f"-csearch_path={schema}"})
        engine = open_store(scoped.render_as_string(hide_password=False))
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture
def pg_engine(_pg_module_store: Engine) -> Engine:
    """A migrated PostgreSQL store whose tables are empty when the test starts."""
    from sqlalchemy import text

    from threatgraph.store.schema import metadata

    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with _pg_module_store.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return _pg_module_store
