"""Work state in the store: what stored data still needs, and write locks between processes.

A run can be killed between any two transactions. Everything a stored row still needs (resolution
and a watch check for a new article, a re-screen after a new list version) is recorded as a
``pending_work`` row *in the same transaction* that stores the row, and deleted in the transaction
that does the work. A re-run then completes exactly what was left, instead of trusting that the
previous run got to the end (``ingest`` would otherwise see "all duplicates" and stop).

:func:`lock` serialises a critical section (sequence numbers, resolution) across processes and
threads on one database: it bumps a row of ``store_locks`` as the transaction's first write, which
holds SQLite's write lock, or a PostgreSQL row lock, until the transaction ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from threatgraph.store.schema import articles, pending_work, store_locks

#: Work kinds and what their key is.
RESOLVE = "resolve"  # article id: mentions not yet resolved into entities
WATCH = "watch"  # article id: not yet checked against the watches
SCREEN = "screen"  # entity id, or SCREEN_ALL: every entity must be screened again (a list changed)
KINDS = (RESOLVE, WATCH, SCREEN)
SCREEN_ALL = "*"

#: Keys per IN (...) clause (SQLite's default limit on bound parameters is far above this).
_CHUNK = 500


def _insert(conn: Connection, table):  # noqa: ANN202 - a dialect insert construct
    if conn.dialect.name == "postgresql":
        return pg_insert(table)
    if conn.dialect.name == "sqlite":
        return sqlite_insert(table)
    raise NotImplementedError(f"work state needs SQLite or PostgreSQL, not {conn.dialect.name}")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown work kind {kind!r} (known: {', '.join(KINDS)})")


def mark(conn: Connection, kind: str, keys: Iterable[str]) -> None:
    """Record that ``keys`` need ``kind`` work, on the caller's transaction (idempotent)."""
    _check_kind(kind)
    now = datetime.now(UTC)
    rows = [{"kind": kind, "key": k, "created_at": now} for k in dict.fromkeys(keys)]
    if rows:
        conn.execute(_insert(conn, pending_work).values(rows).on_conflict_do_nothing())


def done(conn: Connection, kind: str, keys: Iterable[str]) -> None:
    """Record that ``kind`` work on ``keys`` is done, on the transaction that did it."""
    _check_kind(kind)
    todo = list(dict.fromkeys(keys))
    for i in range(0, len(todo), _CHUNK):
        part = todo[i : i + _CHUNK]
        conn.execute(delete(pending_work).where(pending_work.c.kind == kind, pending_work.c.key.in_(part)))


def done_all(conn: Connection, kind: str, before: datetime | None = None) -> None:
    """Every ``kind`` work item (recorded before ``before``, when given) is done: a full pass just ran."""
    _check_kind(kind)
    cond = pending_work.c.kind == kind
    if before is not None:
        cond = cond & (pending_work.c.created_at <= before)
    conn.execute(delete(pending_work).where(cond))


def pending(engine: Engine, kind: str, limit: int | None = None) -> list[str]:
    """Keys with ``kind`` work left, oldest first (ties by key, so runs agree on the order)."""
    _check_kind(kind)
    q = (
        select(pending_work.c.key)
        .where(pending_work.c.kind == kind)
        .order_by(pending_work.c.created_at, pending_work.c.key)
    )
    if limit is not None:
        q = q.limit(limit)
    with engine.connect() as conn:
        return list(conn.execute(q).scalars())


def pending_articles(engine: Engine, kind: str) -> list[str]:
    """Article ids with ``kind`` work left, in ingest order (the order an uninterrupted run used)."""
    _check_kind(kind)
    q = (
        select(pending_work.c.key)
        .join(articles, articles.c.id == pending_work.c.key)
        .where(pending_work.c.kind == kind)
        .order_by(articles.c.seq)
    )
    with engine.connect() as conn:
        return list(conn.execute(q).scalars())


def rescreen_owed(engine: Engine) -> bool:
    """A list version was stored but the stored entities were not all screened against it yet."""
    q = select(pending_work.c.key).where(pending_work.c.kind == SCREEN, pending_work.c.key == SCREEN_ALL)
    with engine.connect() as conn:
        return conn.execute(q).first() is not None


def counts(engine: Engine) -> dict[str, int]:
    """Pending items per kind (every kind present, 0 when none): for status lines and tests."""
    with engine.connect() as conn:
        rows = conn.execute(select(pending_work.c.kind, func.count()).group_by(pending_work.c.kind)).all()
    found = {kind: int(n) for kind, n in rows}
    return {kind: found.get(kind, 0) for kind in KINDS}


def lock(conn: Connection, name: str) -> None:
    """Hold the store-wide lock ``name`` until the caller's transaction ends.

    Must be the transaction's first statement on SQLite: a write as the first statement waits
    (``busy_timeout``) for other writers and then reads the newest data, whereas a transaction that
    read first could only fail once another writer committed.
    """
    stmt = _insert(conn, store_locks).values(name=name, n=1)
    conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"n": store_locks.c.n + 1}))
