"""PostgreSQL full-text search reads a stored tsvector column instead of computing it per row.

The article search lists matches newest first. For a common word the planner walks the newest-first
index (``ix_articles_newest``) and tests each article until it has a page; with the tsvector as an
index expression every tested article was re-parsed (``to_tsvector`` over its whole text, ~0.2 ms),
so one page of a word in 1% of the archive cost a second at 100k articles. A generated column holds
the parsed vector once per article (written with the row, so every writer keeps it current), the GIN
index is built on it, and both plans - walk newest-first and filter, or look the word up in the GIN
index and sort the matches - are cheap, so the planner's choice between them follows the word's
frequency. SQLite searches through FTS5 (0002) and is not changed.

Hand-written (autogenerate knows neither); kept when 0001 is regenerated.

Revision ID: 0003_search_column
Revises: 0002_search
"""

from __future__ import annotations

from alembic import op

revision = "0003_search_column"
down_revision = "0002_search"
branch_labels = None
depends_on = None

PG_UP = [
    "DROP INDEX IF EXISTS ix_articles_fts",
    """ALTER TABLE articles ADD COLUMN search_tsv tsvector
       GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED""",
    "CREATE INDEX ix_articles_fts ON articles USING GIN (search_tsv)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS ix_articles_fts",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_tsv",
    """CREATE INDEX ix_articles_fts ON articles
       USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || text))""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in PG_UP:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in PG_DOWN:
            op.execute(sql)
