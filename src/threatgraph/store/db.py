"""Opening a store: engine creation, SQLite tuning, and migrations to head.

Every caller (CLI, API, tests, benchmarks) gets its engine from :func:`open_store`, so the
database is always migrated and SQLite always runs in WAL mode with foreign keys on.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import StaticPool

from threatgraph.config import db_url

MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(RuntimeError):
    """The database cannot be opened or migrated; the message says which and why."""


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def create(url: str | None = None) -> Engine:
    """An engine for ``url`` without migrating (use :func:`open_store` unless you migrate)."""
    url = db_url(url)
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema revision (a no-op when it is there)."""
    cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as conn:
        _migration_lock(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


#: PostgreSQL advisory lock key held while migrating ("tgmigrat" as a 64-bit integer).
_PG_MIGRATION_LOCK = int.from_bytes(b"tgmigrat", "big") & 0x7FFFFFFFFFFFFFFF


def _migration_lock(conn: Connection) -> None:
    """Make concurrent first openings of one database migrate one after the other.

    Without it two processes opening a new database both see no ``alembic_version`` table and both
    create it. The lock lasts until the migration commits; the second process then finds the
    schema at head and alembic does nothing. SQLite takes its write lock up front (waiting up to the
    busy timeout); PostgreSQL takes a transaction-scoped advisory lock.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})


#: PostgreSQL advisory lock key held by a transaction that re-points events or quotes at entities ("tgcounts").
_PG_COUNTS_LOCK = int.from_bytes(b"tgcounts", "big") & 0x7FFFFFFFFFFFFFFF


def lock_entity_counts(conn: Connection) -> None:
    """Serialise the transactions that change which entity an event or quote points at (PostgreSQL only).

    Each such statement fires the triggers that keep ``entity_counts`` (migration 0004), which upsert one
    row per touched entity. Two transactions doing this concurrently (Spark executors linking their
    partitions, resolver blocks merging entities) lock the same count rows in different statement orders
    and deadlock. Held until commit, the lock makes them take turns; SQLite has no such triggers and a
    single writer anyway.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_COUNTS_LOCK})


def _head() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def is_current(engine: Engine) -> bool:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == _head()


@lru_cache(maxsize=8)
def _opened(url: str) -> Engine:
    engine = create(url)
    try:
        if not is_current(engine):
            migrate(engine)
    except Exception as exc:  # noqa: BLE001 - re-raised with the URL for the user
        safe = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open store {safe}: {exc}") from exc
    return engine


def open_store(url: str | None = None) -> Engine:
    """The migrated engine for ``url`` (default: $THREATGRAPH_DB or ./threatgraph.db).

    Engines are cached per URL so the CLI, API and tests share one pool per database.
    """
    return _opened(db_url(url))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
