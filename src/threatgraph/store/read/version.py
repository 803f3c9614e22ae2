"""The store version: a count of committed writes to what the read pages show (PostgreSQL, migration 0006).

A page built from reads at version ``n`` is still right while the store is at ``n``: every transaction
that writes articles, their extractions, entities, aliases, sanctions links or list entries raises the
count in its own commit. A reader compares one number instead of re-running the reads behind a page.
SQLite stores have no version (None): nothing built from them is kept.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, column, select, table

#: The one-row table of migration 0006 (not in schema.py: PostgreSQL only).
VERSION = table("store_version", column("id"), column("n"))


def store_version(engine: Engine | Connection) -> int | None:
    """The current store version, or None where the store keeps none (SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return store_version(conn)
    return engine.execute(select(VERSION.c.n).where(VERSION.c.id == 1)).scalar()
