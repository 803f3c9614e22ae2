"""PostgreSQL counts committed writes to the tables a dossier reads, so a page made from them can be kept
until the next such write (``store.version``).

A cache is only as good as its key. The key here is one number, ``store_version.n``, that every
transaction writing articles, mentions, events, quotes, entities, aliases, sanctions links or list
entries/versions raises by one *in its own transaction*: a reader that reads the number in the same
snapshot as the data (the dossier's one statement does) stores what it read under a number that says
exactly which writes it saw; a rolled-back write raises nothing.

Why not raise it in each writing statement: that would lock the row from a transaction's first write to
its commit, and writers (Spark partitions, resolution, the API's decisions) would take turns for their
whole duration. Instead each statement's trigger notes the transaction once (a row in
``store_version_pending``, inserts never wait on each other) and a deferred constraint trigger on that row
raises the number at commit: writers queue only for the instant of their commits.

Hand-written (autogenerate knows no triggers); kept when 0001 is regenerated. SQLite stores have no
version and are not cached.

Revision ID: 0006_store_version
Revises: 0005_alias_trigram
"""

from __future__ import annotations

from alembic import op

revision = "0006_store_version"
down_revision = "0005_alias_trigram"
branch_labels = None
depends_on = None

#: The tables whose writes change what a dossier shows.
WATCHED = (
    "articles",
    "mentions",
    "events",
    "quotes",
    "entities",
    "aliases",
    "sanction_links",
    "list_entries",
    "list_versions",
)

UP = [
    "CREATE TABLE store_version (id smallint PRIMARY KEY CHECK (id = 1), n bigint NOT NULL)",
    "INSERT INTO store_version VALUES (1, 0)",
    "CREATE TABLE store_version_pending (txid bigint PRIMARY KEY)",
    """CREATE FUNCTION tg_version_note() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF current_setting('threatgraph.version_noted', true) IS DISTINCT FROM txid_current()::text THEN
        INSERT INTO store_version_pending VALUES (txid_current()) ON CONFLICT DO NOTHING;
        PERFORM set_config('threatgraph.version_noted', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$""",
    """CREATE FUNCTION tg_version_raise() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE store_version SET n = n + 1 WHERE id = 1;
    DELETE FROM store_version_pending WHERE txid = NEW.txid;
    RETURN NULL;
END $$""",
    "CREATE CONSTRAINT TRIGGER store_version_raise AFTER INSERT ON store_version_pending "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tg_version_raise()",
]
for _t in WATCHED:
    UP += [
        f"CREATE TRIGGER {_t}_version AFTER INSERT OR UPDATE OR DELETE ON {_t} "
        "FOR EACH STATEMENT EXECUTE FUNCTION tg_version_note()",
        f"CREATE TRIGGER {_t}_version_trunc AFTER TRUNCATE ON {_t} "
        "FOR EACH STATEMENT EXECUTE FUNCTION tg_version_note()",
    ]

DOWN = [f"DROP TRIGGER IF EXISTS {t}_version{s} ON {t}" for t in WATCHED for s in ("", "_trunc")] + [
    "DROP TABLE IF EXISTS store_version_pending",
    "DROP FUNCTION IF EXISTS tg_version_raise()",
    "DROP FUNCTION IF EXISTS tg_version_note()",
    "DROP TABLE IF EXISTS store_version",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWN:
            op.execute(statement)
