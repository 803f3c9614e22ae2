"""HTTP latency of the dossier page and of yente-style ``/match`` under a bounded loopback load.

The store is filled with synthetic articles (``--articles``, default 10,000) written through the store's
own writer (``write_analysis``), each mentioning 3-6 of ``--entities`` resolved actors (Zipf-distributed,
so a few actors appear in thousands of articles, the dossier's worst case), with events and quotes. The
sanctions list is the real OFAC SDN file from ../shared/data when present (else a synthetic FtM list),
loaded through the screening stage; every 20th actor gets a sanctions link.

The server is uvicorn in a child process on 127.0.0.1 (``create_app`` factory), so client and server do
not share a GIL. ``--clients`` threads each keep one connection and send requests back to back. Printed:
p50/p95/p99 per endpoint (dossier, timeline page, search, /match), and ratios against two anchors
measured in the same run: a static file from the same server (the HTTP floor) and the in-process
library call (``store.read.dossier``, yente ``match_request``) without HTTP, plus the relations graph
(``store.read.entity_graph``, depth 1 and 2) of the hot actor in-process.
Targets (issue 5): dossier p95 < 50 ms, /match p95 < 20 ms. On a shared machine wall times follow the load,
so two measures that do not are printed too: where an in-process dossier's time goes (client CPU, time in
the database driver, round trips) and the server process's CPU per HTTP request (``srv CPU``, from /proc;
it includes each client's first request). ``1st ms`` is the slowest client's first request to the endpoint,
left out of the percentiles: on a fresh server it shows what the first caller waits for (e.g. a table loaded
on first use).

Filling 100,000 articles takes ~2 minutes; ``--reuse DIR`` keeps the store in DIR and reuses it on the
next run with the same sizes and seed (indexes added to schema.py since are created on it first).
``--pg URL`` runs the same against PostgreSQL (the issue's scale: ``--articles 1000000``): the store is a
schema named after the sizes, filled by :func:`fill_pg` (the same archive as ``fill``, written as plain row
tuples with COPY, foreign keys and secondary indexes made after the load: 100k articles in ~1.5 min,
1M in ~17 min on the shared 2-core machine), kept for the next run, and ANALYZEd before measuring.
``--fill-only`` stops after the fill (start a 1M fill in the background, measure later).

    .venv/bin/python benchmarks/serve.py [--articles 10000] [--clients 4] [--requests 300] [--reuse DIR] [--pg URL]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, bindparam, insert, update

from threatgraph.bulk.pgcopy import MENTION_COLS
from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote, content_hash
from threatgraph.store.articles import write_analysis
from threatgraph.store.schema import aliases, entities, events, mentions, quotes, sanction_links

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"
OFAC = SHARED / "sanctions" / "ofac" / "sdn.csv"

#: Syllables that synthetic actor names are built from (two two-syllable words per name).
SYLLABLES = tuple("al ba da fa ga ha ja ka la ma na qa ra sa ta za ki mi ri zi nu bu yo shi kha zay nab fat em".split())  # noqa: SIM905 - one line reads better
KINDS = [("ArmedGroup", "Brigade"), ("Organization", "Front"), ("Person", ""), ("Location", ""), ("Country", "")]
VERBS = [("RECRUIT", "recruited"), ("DEPLOY", "deployed to"), ("ASSAULT", "attacked"), ("SUPPORT", "funded")]
MONTHS = tuple(date(2000, m, 1).strftime("%B") for m in range(1, 13))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def make_entities(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    out = []
    for i in range(n):
        schema, suffix = KINDS[i % len(KINDS)]
        name = " ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(2))
        out.append((f"ent-bench{i:06d}", schema, f"{name} {suffix}".strip()))
    return out


def _insert_entities(engine: Engine, ents: list[tuple[str, str, str]], now: datetime) -> None:
    """The actors and their aliases (every third also under an upper-case alias)."""
    with engine.begin() as conn:
        conn.execute(
            insert(entities),
            [
                {
                    "id": i,
                    "schema": s,
                    "caption": c,
                    "norm": c.casefold(),
                    "mention_count": 0,
                    "article_count": 0,
                    "first_seen": now,
                    "last_seen": now,
                    "props": {},
                }
                for i, s, c in ents
            ],
        )
        conn.execute(
            insert(aliases),
            [{"entity_id": i, "name": c, "norm": c.casefold(), "script": "Latin", "count": 1} for i, _s, c in ents]
            + [
                {"entity_id": i, "name": c.upper(), "norm": c.casefold() + " ", "script": "Latin", "count": 1}
                for i, _s, c in ents[::3]
            ],
        )


def fill(engine: Engine, n_articles: int, n_entities: int, seed: int) -> list[tuple[str, str, str]]:
    """Synthetic archive: entities with aliases, articles with resolved mentions, events and quotes."""
    rng = random.Random(seed)
    ents = make_entities(n_entities, rng)
    now = datetime.now(UTC)
    _insert_entities(engine, ents, now)
    weights = [1.0 / (k + 1) for k in range(n_entities)]  # Zipf: entity 0 is in a large share of articles
    mention_counts: Counter[str] = Counter()
    article_counts: Counter[str] = Counter()
    start_day = date(2015, 1, 1)
    batch = 500
    pg = engine.dialect.name == "postgresql"
    if pg:
        batch = 5000  # one COPY transaction per batch (threatgraph.bulk.pgcopy, as the Spark path writes)
    for b0 in range(0, n_articles, batch):
        staged: list[Analysis] = []
        with engine.begin() as conn:
            for a in range(b0, min(n_articles, b0 + batch)):
                picks = {ents[k] for k in rng.choices(range(n_entities), weights=weights, k=rng.randint(3, 6))}
                picks = sorted(picks)
                published = start_day + timedelta(days=rng.randint(0, 3650))
                sents, ments, evs = [], [], []
                pos = 0
                for j, (eid, schema, caption) in enumerate(picks):
                    other = picks[(j + 1) % len(picks)]
                    typ, verb = rng.choice(VERBS)
                    month = rng.choice(MONTHS)
                    s = f"{caption} {verb} {other[2]} in {month}, officials said in report {a}."
                    ments.append(
                        Mention(
                            pos,
                            pos + len(caption),
                            caption,
                            schema,
                            caption.casefold(),
                            s,
                            pos,
                            group=j,
                            canonical=caption,
                            entity_id=eid,
                        )
                    )
                    o0 = pos + len(caption) + len(verb) + 2
                    ments.append(
                        Mention(
                            o0,
                            o0 + len(other[2]),
                            other[2],
                            other[1],
                            other[2].casefold(),
                            s,
                            pos,
                            group=(j + 1) % len(picks),
                            canonical=other[2],
                            entity_id=other[0],
                        )
                    )
                    m = MONTHS.index(month) + 1
                    d0 = date(published.year, m, 1)
                    evs.append(
                        Event(
                            typ,
                            verb,
                            s,
                            pos,
                            pos + len(s),
                            source=caption,
                            target=other[2],
                            date=DateInterval(month, d0, d0 + timedelta(days=27), "month"),
                        )
                    )
                    sents.append(s)
                    pos += len(s) + 1
                text = " ".join(sents) + f' "We will not stop," said {picks[0][2]}.'
                q0 = pos
                art = Article(
                    text=text,
                    title=f"Report {a} on {picks[0][2]}",
                    outlet=f"Outlet {a % 40}",
                    published=published,
                    url=f"https://example.org/bench/{a}",
                )
                quote = Quote("We will not stop,", q0, len(text), speaker=picks[0][2], cue="said", sentence=text[q0:])
                analysis = Analysis(article=art, mentions=ments, events=evs, quotes=[quote])
                mention_counts.update(m_.entity_id for m_ in ments)
                article_counts.update({m_.entity_id for m_ in ments})
                if pg:
                    staged.append(analysis)
                    continue
                write_analysis(conn, analysis)
                conn.execute(update(quotes).where(quotes.c.article_id == art.id).values(speaker_entity_id=picks[0][0]))
        if pg:
            from threatgraph.bulk.pgcopy import copy_analyses

            copy_analyses(engine, staged)
        with engine.begin() as conn:
            if pg:  # the quote's speaker is the article's first actor: the mention with the speaker's name
                conn.execute(
                    update(quotes)
                    .where(quotes.c.speaker_entity_id.is_(None))
                    .values(speaker_entity_id=select_entity(quotes.c.article_id, quotes.c.speaker))
                )
            # events get their resolved entity ids the way resolve would set them
            conn.execute(
                update(events)
                .where(events.c.source_entity_id.is_(None))
                .values(
                    source_entity_id=select_entity(events.c.article_id, events.c.source_text),
                    target_entity_id=select_entity(events.c.article_id, events.c.target_text),
                )
            )
        print(f"\r  filled {min(n_articles, b0 + batch):,}/{n_articles:,} articles", end="", flush=True)
    print()
    with engine.begin() as conn:
        for eid, n in mention_counts.items():
            conn.execute(
                update(entities).where(entities.c.id == eid).values(mention_count=n, article_count=article_counts[eid])
            )
    return ents


#: Tables the synthetic fill writes with COPY; their foreign keys and secondary indexes are dropped for the
#: load and made again after it (one sorted index build instead of millions of B-tree inserts and FK lookups).
BULK_TABLES = ("articles", "mentions", "events", "quotes")


def fill_pg(
    engine: Engine, n_articles: int, n_entities: int, seed: int, chunk: int = 20_000
) -> list[tuple[str, str, str]]:
    """The same archive as :func:`fill` (same random draws, so the same texts, actors, events and quotes),
    written straight to PostgreSQL with COPY as plain tuples.

    Why not ``fill``'s path (Analysis objects -> ``bulk.pgcopy`` staging -> UPDATE of resolved ids): at 1M
    articles that spent most of its time building dataclasses, copying every row twice and updating the
    events' entity ids with a correlated subquery per batch; the row tuples here already carry the entity
    ids resolve would set. Constraints and indexes are dropped for the load and rebuilt after it, which is
    how a restore does it; the rebuilt definitions are read back from the catalog, so they are exactly
    the schema's.
    """
    from sqlalchemy import text

    rng = random.Random(seed)
    ents = make_entities(n_entities, rng)
    now = datetime.now(UTC)
    _insert_entities(engine, ents, now)
    weights = [1.0 / (k + 1) for k in range(n_entities)]
    cum = list(itertools.accumulate(weights))  # what rng.choices computes on each call, once
    mention_counts: Counter[str] = Counter()
    article_counts: Counter[str] = Counter()
    start_day = date(2015, 1, 1)
    verb_lens = {verb: len(verb) for _t, verb in VERBS}
    month_no = {m: i + 1 for i, m in enumerate(MONTHS)}
    with engine.begin() as conn:
        saved = _drop_bulk_constraints(conn)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for c0 in range(0, n_articles, chunk):
            arts: list[tuple[Any, ...]] = []
            ments: list[tuple[Any, ...]] = []
            evs: list[tuple[Any, ...]] = []
            quos: list[tuple[Any, ...]] = []
            for a in range(c0, min(n_articles, c0 + chunk)):
                picks = sorted({ents[k] for k in rng.choices(range(n_entities), cum_weights=cum, k=rng.randint(3, 6))})
                published = start_day + timedelta(days=rng.randint(0, 3650))
                sents = []
                rows_m = []
                rows_e = []
                pos = 0
                n = len(picks)
                for j, (eid, schema, caption) in enumerate(picks):
                    oid, oschema, ocaption = picks[(j + 1) % n]
                    typ, verb = rng.choice(VERBS)
                    month = rng.choice(MONTHS)
                    s = f"{caption} {verb} {ocaption} in {month}, officials said in report {a}."
                    end0 = pos + len(caption)
                    rows_m.append((eid, j, pos, end0, caption, schema, caption.casefold(), caption, s, pos))
                    o0 = end0 + verb_lens[verb] + 2
                    g1 = (j + 1) % n
                    rows_m.append(
                        (oid, g1, o0, o0 + len(ocaption), ocaption, oschema, ocaption.casefold(), ocaption, s, pos)
                    )
                    d0 = date(published.year, month_no[month], 1)
                    rows_e.append(
                        (
                            typ,
                            verb,
                            caption,
                            eid,
                            ocaption,
                            oid,
                            month,
                            d0,
                            d0 + timedelta(days=27),
                            s,
                            pos,
                            pos + len(s),
                        )
                    )
                    sents.append(s)
                    pos += len(s) + 1
                speaker_id, _s, speaker = picks[0]
                body = " ".join(sents) + f' "We will not stop," said {speaker}.'
                aid = content_hash(body)
                arts.append(
                    (
                        aid,
                        f"https://example.org/bench/{a}",
                        f"Outlet {a % 40}",
                        f"Report {a} on {speaker}",
                        published,
                        "en",
                        body,
                        now,
                        a + 1,
                    )
                )
                for eid, g, st, en, txt, label, norm, canon, s, ss in rows_m:
                    ments.append((aid, eid, g, st, en, txt, label, norm, canon, "model", s, ss))
                for typ, verb, src, sid, tgt, tid, month, d0, d1, s, st, en in rows_e:
                    evs.append(
                        (
                            aid,
                            typ,
                            verb,
                            src,
                            -1,
                            sid,
                            tgt,
                            -1,
                            tid,
                            month,
                            d0,
                            d1,
                            "month",
                            False,
                            False,
                            "asserted",
                            s,
                            st,
                            en,
                        )
                    )
                quos.append(
                    (aid, "We will not stop,", True, speaker, -1, speaker_id, "said", body[pos:], pos, len(body))
                )
                mention_counts.update(r[0] for r in rows_m)
                article_counts.update({r[0] for r in rows_m})
            for table, cols, rows in (
                ("articles", ARTICLE_COPY_COLS, arts),
                ("mentions", MENTION_COLS, ments),
                ("events", EVENT_COPY_COLS, evs),
                ("quotes", QUOTE_COPY_COLS, quos),
            ):
                with cur.copy(f"COPY {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)}) FROM STDIN") as cp:
                    for row in rows:
                        cp.write_row(row)
            raw.commit()
            print(f"\r  filled {min(n_articles, c0 + chunk):,}/{n_articles:,} articles", end="", flush=True)
        print()
    finally:
        raw.close()
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))  # sorts of ~10M keys in memory, not on disk
        for ddl in saved:
            conn.execute(text(ddl))
        conn.execute(
            update(entities)
            .where(entities.c.id == bindparam("eid"))
            .values(mention_count=bindparam("mc"), article_count=bindparam("ac")),
            [{"eid": e, "mc": n, "ac": article_counts[e]} for e, n in mention_counts.items()],
        )
    print(f"  indexes and constraints rebuilt in {time.perf_counter() - t0:.1f} s")
    return ents


#: Columns of the rows :func:`fill_pg` builds, in their order (the others are NULL, as ``fill`` leaves them).
ARTICLE_COPY_COLS = ("id", "url", "outlet", "title", "published", "lang", "text", "ingested_at", "seq")
EVENT_COPY_COLS = (
    "article_id",
    "type",
    "trigger",
    "source_text",
    "source_grp",
    "source_entity_id",
    "target_text",
    "target_grp",
    "target_entity_id",
    "date_text",
    "date_start",
    "date_end",
    "date_precision",
    "negated",
    "hedged",
    "modality",
    "sentence",
    "start",
    "end",
)
QUOTE_COPY_COLS = (
    "article_id",
    "text",
    "direct",
    "speaker",
    "speaker_grp",
    "speaker_entity_id",
    "cue",
    "sentence",
    "start",
    "end",
)


def _drop_bulk_constraints(conn: Any) -> list[str]:
    """Drop the foreign keys and non-primary-key indexes of :data:`BULK_TABLES` (in the current schema);
    returns the DDL that makes them again, indexes first, read from the catalog."""
    from sqlalchemy import text

    tables = list(BULK_TABLES)
    fks = conn.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = current_schema() AND c.contype = 'f' AND t.relname = ANY(:t)"
        ),
        {"t": tables},
    ).all()
    idx = conn.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            "AND i.tablename = ANY(:t) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conname = i.indexname AND c.connamespace = current_schema()::regnamespace)"
        ),
        {"t": tables},
    ).all()
    for table, name, _d in fks:
        conn.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    for name, _d in idx:
        conn.execute(text(f'DROP INDEX "{name}"'))
    return [d for _n, d in idx] + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {d}' for table, name, d in fks]


def select_entity(article_col: Any, text_col: Any) -> Any:
    from sqlalchemy import select

    return (
        select(mentions.c.entity_id)
        .where(mentions.c.article_id == article_col, mentions.c.text == text_col)
        .limit(1)
        .scalar_subquery()
    )


def load_list(engine: Engine, tmp: Path, ents: list[tuple[str, str, str]]) -> str:
    """The real OFAC list when available, else a synthetic FtM list; plus sanction links for every 20th actor."""
    from threatgraph.screen.lists import load_files

    if OFAC.is_file():
        load_files(engine, [OFAC])
        source = f"OFAC SDN ({OFAC.name})"
    else:
        rng = random.Random(7)
        path = tmp / "synthetic.ftm.jsonl"
        with path.open("w") as fh:
            for i in range(15000):
                name = " ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(3))
                fh.write(
                    json.dumps(
                        {
                            "id": f"syn-{i}",
                            "schema": "Organization" if i % 2 else "Person",
                            "datasets": ["synthetic"],
                            "properties": {"name": [name], "topics": ["sanction"]},
                        }
                    )
                    + "\n"
                )
        load_files(engine, [path], dataset="synthetic")
        source = "synthetic FtM list (15,000 entries; OFAC file not found)"
    from threatgraph.store.schema import list_entries

    with engine.begin() as conn:
        entry_ids = [
            r[0]
            for r in conn.execute(
                list_entries.select()
                .with_only_columns(list_entries.c.entry_id, list_entries.c.dataset)
                .limit(len(ents) // 20 + 1)
            ).all()
        ]
        dataset = conn.execute(list_entries.select().with_only_columns(list_entries.c.dataset).limit(1)).scalar()
        conn.execute(
            insert(sanction_links),
            [
                {
                    "entity_id": ents[k][0],
                    "dataset": dataset,
                    "entry_id": entry_ids[n],
                    "score": 0.9,
                    "explanation": {"bench": True},
                    "status": "auto",
                    "created_at": datetime.now(UTC),
                }
                for n, k in enumerate(range(0, len(ents), 20))
                if n < len(entry_ids)
            ],
        )
    return source


def create_missing_indexes(engine: Engine) -> None:
    """Tables and indexes added to schema.py since a reused store was built (the initial revision is rewritten
    in place), and on PostgreSQL the removal of indexes schema.py no longer declares (an index that was
    replaced would otherwise still be there for the planner to choose)."""
    from sqlalchemy import text

    from threatgraph.store.schema import metadata

    with engine.begin() as conn:
        metadata.create_all(conn, checkfirst=True)
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
        if engine.dialect.name != "postgresql":
            return
        declared = {i.name for t in metadata.sorted_tables for i in t.indexes} | HAND_WRITTEN_INDEXES
        for (name,) in conn.execute(
            text(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'ix\\_%' "
                "AND tablename = ANY(:t)"
            ),
            {"t": [t.name for t in metadata.sorted_tables]},
        ):
            if name not in declared:
                print(f"  dropping index {name} (no longer in the schema)")
                conn.execute(text(f'DROP INDEX "{name}"'))


#: Indexes the hand-written PostgreSQL migrations make (0002_search, 0003_search_column, 0005_alias_trigram),
#: not schema.py.
HAND_WRITTEN_INDEXES = {"ix_articles_fts", "ix_articles_newest", "ix_aliases_name_trgm"}


def pg_store(base_url: str, n_articles: int, n_entities: int, seed: int) -> tuple[str, str | None]:
    """(store URL, what it was filled with or None) for a PostgreSQL schema named after the sizes.

    A schema without the "filled" comment is from an interrupted fill and is dropped and made again.
    """
    from sqlalchemy import create_engine, make_url, text

    base = make_url(base_url)
    schema = f"tg_serve_{n_articles}_{n_entities}_{seed}"
    admin = create_engine(base)
    with admin.begin() as conn:
        filled = conn.execute(
            text("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = :s"), {"s": schema}
        ).scalar()
        if filled is None:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False), filled


def mark_filled(engine: Engine, tmp: Path, what: str) -> None:
    """Record that the store is complete (a file beside SQLite, a schema comment on PostgreSQL)."""
    from sqlalchemy import text

    if engine.dialect.name == "postgresql":
        schema = engine.url.query["options"].split("=", 1)[1]
        with engine.begin() as conn:
            quoted = what.strip().replace("'", "''")
            conn.execute(text(f"COMMENT ON SCHEMA \"{schema}\" IS '{quoted}'"))
    else:
        (tmp / "filled").write_text(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, home: Path, page_cache: int | None = None) -> tuple[subprocess.Popen, str]:
    """uvicorn on a free loopback port; ``page_cache`` sets $THREATGRAPH_PAGE_CACHE (0: every dossier read anew)."""
    port = free_port()
    env = {**os.environ, "THREATGRAPH_DB": db_url, "THREATGRAPH_HOME": str(home)}
    if page_cache is not None:
        env["THREATGRAPH_PAGE_CACHE"] = str(page_cache)
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "threatgraph.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # the app builds its screening index on start: minutes on a loaded machine
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/static/app.css", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def load_test(
    url: str,
    make_request: Callable[[httpx.Client, int], httpx.Response],
    clients: int,
    per_client: int,
    budget: float = 120.0,
    first: list[float] | None = None,
) -> tuple[list[float], int]:
    """Latencies (ms) of ``clients`` × ``per_client`` requests sent back to back on keep-alive connections.

    A request that times out (30 s) is an error with its waited time as latency; a client stops after
    ``budget`` seconds, so one very slow endpoint cannot take the whole run (fewer requests are then
    reported: the req/s and percentiles say over how many).
    """
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker(w: int) -> None:
        nonlocal errors
        mine, bad = [], 0
        end = time.monotonic() + budget
        with httpx.Client(base_url=url, timeout=30) as client:
            t0 = time.perf_counter()
            with contextlib.suppress(httpx.TimeoutException):
                make_request(client, w)  # warm the connection
            if first is not None:  # what a fresh server makes its first caller wait (not in the percentiles)
                with lock:
                    first.append((time.perf_counter() - t0) * 1000)
            for i in range(per_client):
                if time.monotonic() > end:
                    break
                t0 = time.perf_counter()
                try:
                    bad += make_request(client, w * per_client + i).status_code != 200
                except httpx.TimeoutException:
                    bad += 1
                mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            lat.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors


def in_process(fn: Callable[[int], Any], n: int, budget: float = 120.0) -> list[float]:
    """Latencies (ms) of ``n`` calls, or of as many as ``budget`` seconds allow."""
    lat = []
    end = time.monotonic() + budget
    for i in range(n):
        if lat and time.monotonic() > end:
            break
        t0 = time.perf_counter()
        fn(i)
        lat.append((time.perf_counter() - t0) * 1000)
    return lat


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_cpu(engine: Engine) -> Callable[[], float]:
    """A function giving the CPU seconds used so far by the PostgreSQL backends of ``engine``'s database (0 on
    SQLite): the server's own work for a call, which a loaded machine does not inflate the way it does wall
    time. The database must be the benchmark's alone (as tg_serve_* schemas' databases are)."""
    if engine.dialect.name != "postgresql":
        return lambda: 0.0
    from cputree import pg_backends  # benchmarks/ is on sys.path when run as a script

    pids = pg_backends(engine.url.render_as_string(hide_password=False))

    def total() -> float:
        spent = 0.0
        for pid in pids():
            with contextlib.suppress(OSError):  # a backend that ended since it was listed
                spent += process_cpu(pid)
        return spent

    return total


def breakdown(engine: Engine, call: Callable[[str], Any], ids: list[str]) -> tuple[float, float, float, int, float]:
    """p50 wall ms, client CPU ms, ms inside the database driver (each statement from execute to its last
    row fetched), round trips (statements) of ``call`` over ``ids``, and the mean PostgreSQL backend CPU ms
    per call (the server side of the database time)."""
    from sqlalchemy import event

    spent: list[float] = []

    def before(conn: Any, cursor: Any, statement: Any, parameters: Any, context: Any, executemany: Any) -> None:
        context._bench_t0 = time.perf_counter()

    def after(conn: Any, cursor: Any, statement: Any, parameters: Any, context: Any, executemany: Any) -> None:
        spent.append(time.perf_counter() - context._bench_t0)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    walls, cpus, dbs, trips = [], [], [], []
    server = backend_cpu(engine)
    call(ids[0])  # the pool's connection exists before its backend is measured
    s0 = server()
    try:
        for eid in ids:
            spent.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            call(eid)
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
            dbs.append(sum(spent) * 1000)
            trips.append(len(spent))
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    srv = (server() - s0) * 1000 / len(ids)
    return statistics.median(walls), statistics.median(cpus), statistics.median(dbs), int(statistics.median(trips)), srv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--entities", type=int, default=2_000)
    ap.add_argument(
        "--clients",
        default="1,4",
        help="concurrency levels (keep-alive connections), comma-separated; targets use the first",
    )
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint (split over clients)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--reuse",
        type=Path,
        metavar="DIR",
        help="keep the store in DIR and reuse it when DIR/bench.db exists (same --articles/--entities/--seed)",
    )
    ap.add_argument(
        "--pg",
        metavar="URL",
        help="PostgreSQL database instead of SQLite: the store is the schema tg_serve_<articles>_<actors>_<seed> "
        "in it, kept and reused by later runs with the same sizes",
    )
    ap.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds at most per HTTP endpoint and concurrency level (library calls: 120 s each)",
    )
    ap.add_argument("--fill-only", action="store_true", help="fill (or reuse) the store, then stop without measuring")
    ap.add_argument(
        "--only",
        metavar="WORDS",
        help="measure only the endpoints and library calls whose label contains one of these comma-separated words "
        "(e.g. 'search'; the static-file anchor is always measured)",
    )
    args = ap.parse_args()
    only = [w.strip() for w in args.only.split(",")] if args.only else None

    def chosen(label: str) -> bool:
        return only is None or label == "static file (anchor)" or any(w in label for w in only)

    from threatgraph.store.db import open_store

    with contextlib.ExitStack() as stack:
        if args.reuse:
            tmp = args.reuse.resolve()
            tmp.mkdir(parents=True, exist_ok=True)
        else:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tg-bench-serve-")))
        os.environ["THREATGRAPH_HOME"] = str(tmp / "home")
        sizes = f"{args.articles} articles, {args.entities} actors, seed {args.seed}"
        if args.pg:
            db_url, filled = pg_store(args.pg, args.articles, args.entities, args.seed)
            reused = filled is not None
        else:
            db_url = f"sqlite:///{tmp / 'bench.db'}"
            reused = (tmp / "bench.db").is_file() and (tmp / "filled").is_file()
            if not reused:  # a fill that was interrupted: start over
                for leftover in ("bench.db", "bench.db-wal", "bench.db-shm"):
                    (tmp / leftover).unlink(missing_ok=True)
            filled = (tmp / "filled").read_text() if reused else None
        engine = open_store(db_url)
        if reused and not (filled or "").startswith(sizes + ";"):
            sys.exit(f"{db_url} holds a store of {(filled or '').strip()}, not {sizes}: use another DIR")
        if reused:
            ents = make_entities(args.entities, random.Random(args.seed))  # the ids fill() gave them
            create_missing_indexes(engine)
            print(f"  archive: reusing {engine.url.render_as_string()} ({(filled or '').strip()})")
        else:
            t0 = time.perf_counter()
            ents = (fill_pg if args.pg else fill)(engine, args.articles, args.entities, args.seed)
            print(f"  archive: {args.articles:,} articles, {len(ents):,} actors in {time.perf_counter() - t0:.1f} s")
            t0 = time.perf_counter()
            source = load_list(engine, tmp, ents)
            print(f"  list: {source}, loaded and indexed in {time.perf_counter() - t0:.1f} s")
            mark_filled(engine, tmp, f"{sizes}; {source}\n")
        if args.pg:
            from threatgraph.store.schema import metadata

            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                # the planner's statistics, as a maintained server has them (this store's tables, not every
                # schema in the database: another store's ANALYZE would wait for that store's writers)
                for table in metadata.sorted_tables:
                    conn.exec_driver_sql(f'ANALYZE "{table.name}"')
        if args.fill_only:
            return

        from threatgraph.screen.index import get_index
        from threatgraph.screen.yente import MatchOptions, match_request
        from threatgraph.store.articles import search_articles
        from threatgraph.store.read import dossier, entity_graph, find_entities, timeline

        rng = random.Random(args.seed)
        hot = ents[0][0]  # the most mentioned actor: the dossier's worst case
        sample = [e[0] for e in rng.sample(ents, 50)]
        with engine.connect() as conn:
            from threatgraph.store.schema import list_entries

            names = [r[0] for r in conn.execute(list_entries.select().with_only_columns(list_entries.c.caption))]
        queries = [rng.choice(names) for _ in range(200)]
        queries = [q if i % 2 else q.title()[:-1] for i, q in enumerate(queries)]  # half exact, half perturbed

        def match_body(i: int) -> dict[str, Any]:
            return {"queries": {"q": {"schema": "LegalEntity", "properties": {"name": [queries[i % len(queries)]]}}}}

        index = get_index(engine)
        older = timeline(engine, hot, limit=50).next_before  # the second page: an index seek below a cursor
        search_terms = [caption.split()[0] for _i, _s, caption in rng.sample(ents, 20)]
        calls: dict[str, Callable[[], list[float]]] = {
            "dossier (hot actor)": lambda: in_process(lambda i: dossier(engine, hot), 50),
            "dossier (random actors)": lambda: in_process(lambda i: dossier(engine, sample[i % len(sample)]), 100),
            "match": lambda: in_process(lambda i: match_request(index, match_body(i), MatchOptions(limit=5)), 200),
            "timeline page 2 (hot)": lambda: in_process(lambda i: timeline(engine, hot, before=older, limit=50), 50),
            "search (actor name)": lambda: in_process(lambda i: find_entities(engine, search_terms[i % 20]), 100),
            "search (article text)": lambda: in_process(
                lambda i: search_articles(engine, search_terms[i % 20], 50, 0), 100
            ),
            "graph depth 1 (hot actor)": lambda: in_process(lambda i: entity_graph(engine, hot, depth=1), 20),
            "graph depth 2 (hot actor)": lambda: in_process(lambda i: entity_graph(engine, hot, depth=2), 5),
        }
        lib: dict[str, list[float]] = {}
        print("\nin-process library calls (no HTTP), same store; load = 1-min load average after each:")
        for label, call in calls.items():
            if not chosen(label):
                continue
            lat = lib[label] = call()
            print(
                f"  {label:26} p50 {pct(lat, 0.5):7.1f} ms  p95 {pct(lat, 0.95):7.1f} ms  n {len(lat):4d}"
                f"  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        print("\nwhere a dossier's time goes (in process, p50 per call): client CPU, time in the database driver")
        print("(statement sent to rows fetched: server work, waits and transfer; of it the backends' CPU, mean)")
        print("and round trips")
        for label, ids in (("dossier (hot actor)", [hot] * 30), ("dossier (random actors)", sample)):
            if not chosen(label):
                continue
            wall, cpu, db, trips, srv = breakdown(engine, lambda eid: dossier(engine, eid), ids)
            print(
                f"  {label:26} wall {wall:6.1f} ms  client CPU {cpu:6.1f} ms  database {db:6.1f} ms"
                f" (server CPU {srv:5.1f} ms)  round trips {trips}  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        levels = [int(c) for c in args.clients.split(",")]
        html = {"accept": "text/html"}
        runs = {
            "static file (anchor)": lambda c, i: c.get("/static/app.css"),
            "dossier (hot actor)": lambda c, i: c.get(f"/entities/{hot}", headers=html),
            "dossier JSON (hot)": lambda c, i: c.get(f"/entities/{hot}.json"),
            "dossier (random actors)": lambda c, i: c.get(f"/entities/{sample[i % len(sample)]}", headers=html),
            "dossier JSON (random)": lambda c, i: c.get(f"/entities/{sample[i % len(sample)]}.json"),
            "timeline page 2 (hot)": lambda c, i: c.get(f"/entities/{hot}/timeline?before={older}&limit=50"),
            "search": lambda c, i: c.get("/search", params={"q": search_terms[i % 20]}, headers=html),
            "match": lambda c, i: c.post("/match/default", json=match_body(i)),
        }
        results: dict[int, dict[str, tuple[list[float], int]]] = {c: {} for c in levels}
        server_cpu: dict[tuple[int, str], float] = {}
        first_ms: dict[tuple[int, str], float] = {}
        loads: dict[tuple[int, str], float] = {}
        # First every page read anew (no kept pages: what a dossier costs), then the dossiers again on a server
        # that keeps rendered pages until the store changes (the archive does not change while measured).
        for page_cache, suffix, wanted in ((0, "", list(runs)), (None, " [kept]", [k for k in runs if "ossier" in k])):
            wanted = [k for k in wanted if chosen(k + suffix)]
            if not wanted:
                continue
            proc, url = start_server(db_url, tmp / "home", page_cache)
            try:
                for clients in levels:
                    per_client = max(1, args.requests // clients)
                    for label in wanted:
                        cpu0 = process_cpu(proc.pid)
                        warmup: list[float] = []
                        lat_err = load_test(url, runs[label], clients, per_client, args.budget, warmup)
                        first_ms[(clients, label + suffix)] = max(warmup)
                        results[clients][label + suffix] = lat_err
                        loads[(clients, label + suffix)] = os.getloadavg()[0]
                        served = len(lat_err[0]) + clients  # and one warm-up request per client
                        server_cpu[(clients, label + suffix)] = (process_cpu(proc.pid) - cpu0) * 1000 / served
            finally:
                proc.terminate()
                proc.wait(timeout=10)

    lib_of = {"dossier JSON (random)": "dossier (random actors)", "dossier JSON (hot)": "dossier (hot actor)"}
    lib_of |= {k + " [kept]": v for k, v in [*lib_of.items(), *((v, v) for v in lib_of.values())]}
    for clients, res in results.items():
        anchor = statistics.median(res["static file (anchor)"][0])
        print(
            f"\n{clients} client(s) sending back to back, {args.requests // clients} requests each;"
            " loopback, uvicorn 1 worker"
        )
        print(
            f"{'endpoint':32} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} {'n':>5} {'errors':>6}"
            f" {'p50/anchor':>10} {'HTTP/lib':>8} {'srv CPU':>7} {'1st ms':>8} {'load':>5}"
        )
        for label, (lat, errors) in res.items():
            if not lat:
                print(f"{label:32} (no request finished)")
                continue
            lib_lat = lib.get(lib_of.get(label, label))
            ratio = f"{statistics.median(lat) / statistics.median(lib_lat):.1f}x" if lib_lat else "-"
            rps = clients * 1000 / statistics.mean(lat)
            print(
                f"{label:32} {pct(lat, 0.5):8.1f} {pct(lat, 0.95):8.1f} {pct(lat, 0.99):8.1f} {rps:7.0f} {len(lat):5d}"
                f" {errors:6d} {statistics.median(lat) / anchor:9.1f}x {ratio:>8} {server_cpu[(clients, label)]:7.1f}"
                f" {first_ms[(clients, label)]:8.1f} {loads[(clients, label)]:5.1f}"
            )
    first = results[levels[0]]
    print()
    for suffix, what in (("", "read anew"), (" [kept]", "pages kept until the store changes")):
        if "dossier (hot actor)" + suffix not in first or "dossier (random actors)" + suffix not in first:
            continue  # not measured (--only)
        hot_p95 = pct(first["dossier (hot actor)" + suffix][0], 0.95)
        rnd_p95 = pct(first["dossier (random actors)" + suffix][0], 0.95)
        verdict = "PASS" if max(hot_p95, rnd_p95) < 50 else "FAIL"
        print(
            f"target at {levels[0]} client(s), dossier p95 < 50 ms, {what}: hot actor {hot_p95:.1f} ms,"
            f" random {rnd_p95:.1f} ms -> {verdict}"
        )
    if "match" in first:
        match_p95 = pct(first["match"][0], 0.95)
        print(f"target /match p95 < 20 ms: {match_p95:.1f} ms -> {'PASS' if match_p95 < 20 else 'FAIL'}")


if __name__ == "__main__":
    main()
