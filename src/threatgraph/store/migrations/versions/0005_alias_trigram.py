"""PostgreSQL finds an alias by a piece of it through a trigram index instead of reading every alias.

An actor lookup whose words share no blocking key with any stored name falls back to the aliases that
contain the text (``store.read.lookup.find_entities``: ``name ILIKE '%text%'``). A B-tree cannot serve a
pattern with a leading wildcard, so that fallback read the whole aliases table: ~3 aliases per actor,
millions at the scale of a multi-country archive, on every search that names no known actor. A GIN index
of the names' trigrams (``pg_trgm``) answers ``ILIKE '%text%'`` for three characters or more.

``pg_trgm`` ships with PostgreSQL (Debian's ``postgresql`` package includes the contrib modules) and is a
trusted extension: a role that may create objects in the database may install it. It is installed once per
database, in ``public``, and shared by every store schema of that database (the stores of the tests each
have a schema of their own, dropped afterwards with everything in it: the extension must not live in one
of them); where it is installed already, that schema's operator class is used. SQLite matches with a
scan of its (small) aliases table and is not changed.

Hand-written (autogenerate knows no operator classes); kept when 0001 is regenerated.

Revision ID: 0005_alias_trigram
Revises: 0004_entity_counts
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0005_alias_trigram"
down_revision = "0004_entity_counts"
branch_labels = None
depends_on = None

INDEX = "ix_aliases_name_trgm"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"))
    where = schema.scalar()
    if where is None:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
        where = "public"
    op.execute(f"CREATE INDEX {INDEX} ON aliases USING GIN (name {where}.gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")  # the extension stays: other stores may use it
