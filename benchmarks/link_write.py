"""Write cost of resolution's linking step on PostgreSQL under the ``entity_counts`` triggers (migration 0004).

``resolve.links.link_events`` points each event and quote of a batch of articles at the entities of its
actors. The counting triggers run once per UPDATE statement; this measures, in one process on the same
archive (``benchmarks/serve.py``'s synthetic articles, written with ``fill_pg`` into a fresh schema):

- anchor: the same rows set by one UPDATE per row (an executemany: what ``link_events`` did before),
  triggers on and off, so their ratio is the triggers' cost on that path;
- ``link_events`` as it is (one ``UPDATE ... FROM unnest(...)`` per table and batch), triggers on and off.

Before each run every event and quote is unlinked (entity ids NULL), so each run writes the same rows.
Printed: seconds and rows/s per run and the trigger-on/off ratios (session 10 measured 1.46x on the per-row
path). ``--keep`` leaves the schema for inspection.

    .venv/bin/python benchmarks/link_write.py --pg postgresql+psycopg://postgres@127.0.0.1:55432/db [--articles 20000]
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from typing import Any

from sqlalchemy import Connection, bindparam, create_engine, make_url, select, text, update

from serve import fill_pg  # the same synthetic archive as the read benchmark (benchmarks/ is the script's dir)
from threatgraph.resolve import links
from threatgraph.store.db import lock_entity_counts, open_store
from threatgraph.store.schema import articles, events, quotes


def per_row(conn: Connection, article_ids: list[str]) -> None:
    """The anchor: the ids ``link_events`` computes, written with one UPDATE per row."""
    ev: list[dict[str, Any]] = []
    qs: list[dict[str, Any]] = []
    original_repoint = links.repoint

    def collect(conn_: Connection, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        (ev if table is events else qs).extend(
            {"xid": r[0], **{c: v for c, v in zip(columns, r[1:], strict=True)}} for r in rows
        )

    links.repoint = collect  # type: ignore[assignment]
    try:
        links.link_events(conn, article_ids)
    finally:
        links.repoint = original_repoint  # type: ignore[assignment]
    lock_entity_counts(conn)
    for table, rows, cols in (
        (events, ev, ("source_entity_id", "target_entity_id")),
        (quotes, qs, ("speaker_entity_id",)),
    ):
        if rows:
            conn.execute(
                update(table).where(table.c.id == bindparam("xid")).values({c: bindparam(c) for c in cols}),
                rows,
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", required=True, metavar="URL")
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--entities", type=int, default=2_000)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    base = make_url(args.pg)
    schema = f"tg_linkbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine = open_store(base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False))
        t0 = time.perf_counter()
        fill_pg(engine, args.articles, args.entities, seed=1)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("articles", "mentions", "events", "quotes"):
                conn.exec_driver_sql(f"ANALYZE {table}")
        print(f"archive: {args.articles:,} articles in {time.perf_counter() - t0:.0f} s; load {os.getloadavg()[0]:.1f}")
        with engine.connect() as conn:
            ids = list(conn.execute(select(articles.c.id).order_by(articles.c.seq)).scalars())
            n_rows = conn.execute(text("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM quotes)")).scalar()
        results: dict[tuple[str, bool], float] = {}
        for triggers in (True, False):
            for label, run in (("one UPDATE per row (before)", per_row), ("link_events (batched)", links.link_events)):
                with engine.begin() as conn:
                    conn.execute(update(events).values(source_entity_id=None, target_entity_id=None))
                    conn.execute(update(quotes).values(speaker_entity_id=None))
                    for table in ("events", "quotes"):
                        conn.exec_driver_sql(f"ALTER TABLE {table} {'ENABLE' if triggers else 'DISABLE'} TRIGGER USER")
                with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql("VACUUM events")
                    conn.exec_driver_sql("VACUUM quotes")
                t0 = time.perf_counter()
                with engine.begin() as conn:
                    run(conn, ids)
                secs = time.perf_counter() - t0
                results[(label, triggers)] = secs
                print(
                    f"  {label:28} triggers {'on ' if triggers else 'off'}: {secs:7.2f} s  "
                    f"{n_rows / secs:9,.0f} rows/s  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
        for label in ("one UPDATE per row (before)", "link_events (batched)"):
            print(f"  {label}: triggers on/off {results[(label, True)] / results[(label, False)]:.2f}x")
        before, after = results[("one UPDATE per row (before)", True)], results[("link_events (batched)", True)]
        print(f"  with triggers: batched is {before / after:.1f}x faster than one UPDATE per row")
        engine.dispose()
    finally:
        if not args.keep:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
