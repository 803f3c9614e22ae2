"""PostgreSQL keeps each entity's event and quote totals in ``entity_counts``, maintained by triggers.

A dossier whose timeline is cut says how many events the actor has in each role and how many quotes
it spoke. Counted on the role indexes that read every index entry of the actor: ~50 ms for an actor
in 40k events at 100k articles and ten times that at 1M, the largest part of the dossier's time.
The totals are kept instead: statement-level triggers on ``events`` and ``quotes`` add what each
statement inserted, subtract what it deleted and move what it re-pointed (resolution setting entity
ids, ``ON DELETE SET NULL`` when an entity goes, article deletes cascading), grouped per entity, so a
COPY of a partition or a re-resolution costs one grouped upsert per statement, not one per row. As
triggers they hold for every writer - ingest, resolve, the Spark path, a hand-written UPDATE - and in
the writer's transaction, so a rolled-back write leaves no count behind.

A row counts references to an entity id, whether or not that entity still exists (no foreign key:
rows re-pointed after an entity was deleted bring its count back to zero). Rows are upserted in id
order, so two writers touching the same entities lock their rows in the same order.

SQLite stores are small and count on the indexes (``store.read.timeline.event_counts``).

Hand-written (autogenerate knows neither); kept when 0001 is regenerated.

Revision ID: 0004_entity_counts
Revises: 0003_search_column
"""

from __future__ import annotations

from alembic import op

revision = "0004_entity_counts"
down_revision = "0003_search_column"
branch_labels = None
depends_on = None

#: (table, trigger function, [(entity id column, counter column)])
COUNTED = (
    ("events", "tg_count_events", [("source_entity_id", "source_events"), ("target_entity_id", "target_events")]),
    ("quotes", "tg_count_quotes", [("speaker_entity_id", "quotes_by")]),
)


def _deltas(pairs: list[tuple[str, str]], rows: str, sign: int) -> list[str]:
    """SELECTs of (entity id, one delta column per counter) over a transition table."""
    out = []
    for col, counter in pairs:
        values = ", ".join(f"{sign if c == counter else 0} AS {c}" for _e, c in pairs)
        out.append(f"SELECT {col} AS entity_id, {values} FROM {rows} WHERE {col} IS NOT NULL")
    return out


def _upsert(pairs: list[tuple[str, str]], parts: list[str]) -> str:
    counters = [c for _e, c in pairs]
    sums = ", ".join(f"sum({c})" for c in counters)
    nonzero = " OR ".join(f"sum({c}) <> 0" for c in counters)
    update = ", ".join(f"{c} = n.{c} + excluded.{c}" for c in counters)
    return (
        f"INSERT INTO entity_counts AS n (entity_id, {', '.join(counters)}) "
        f"SELECT entity_id, {sums} FROM ({' UNION ALL '.join(parts)}) d "
        f"GROUP BY entity_id HAVING {nonzero} ORDER BY entity_id "
        f"ON CONFLICT (entity_id) DO UPDATE SET {update};"
    )


def _function(name: str, pairs: list[tuple[str, str]]) -> str:
    insert = _upsert(pairs, _deltas(pairs, "new_rows", 1))
    delete = _upsert(pairs, _deltas(pairs, "old_rows", -1))
    update = _upsert(pairs, _deltas(pairs, "new_rows", 1) + _deltas(pairs, "old_rows", -1))
    zero = ", ".join(f"{c} = 0" for _e, c in pairs)
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {insert}
    ELSIF TG_OP = 'DELETE' THEN
        {delete}
    ELSIF TG_OP = 'UPDATE' THEN
        {update}
    ELSE
        UPDATE entity_counts SET {zero};
    END IF;
    RETURN NULL;
END $$"""


def _up() -> list[str]:
    sql = [
        """CREATE TABLE entity_counts (
            entity_id varchar(64) PRIMARY KEY,
            source_events bigint NOT NULL DEFAULT 0,
            target_events bigint NOT NULL DEFAULT 0,
            quotes_by bigint NOT NULL DEFAULT 0)"""
    ]
    for table, fn, pairs in COUNTED:
        sql.append(_function(fn, pairs))
        sql += [
            f"CREATE TRIGGER {table}_count_ins AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
            f"CREATE TRIGGER {table}_count_upd AFTER UPDATE ON {table} "
            f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
            f"CREATE TRIGGER {table}_count_del AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
            f"CREATE TRIGGER {table}_count_trunc AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        ]
        # what the store holds already (a store migrated with data in it)
        sql.append(_upsert(pairs, _deltas(pairs, table, 1)).rstrip(";"))
    return sql


def _down() -> list[str]:
    sql = []
    for table, fn, _pairs in COUNTED:
        sql += [f"DROP TRIGGER IF EXISTS {table}_count_{op_} ON {table}" for op_ in ("ins", "upd", "del", "trunc")]
        sql.append(f"DROP FUNCTION IF EXISTS {fn}()")
    sql.append("DROP TABLE IF EXISTS entity_counts")
    return sql


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _up():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _down():
            op.execute(statement)
