"""Incremental resolution against a whole-job rebuild, on the same stored mentions.

Why: ``Threatgraph.ingest`` resolves batch by batch (``resolve.update`` after every stored batch), while
``threatgraph resolve --rebuild`` and the Spark path resolve the whole job at once. Session 15 found them
apart on ``benchmarks/bulk.py``'s input (1,089 entities after batches of 64, 883 after a rebuild). This script
reproduces that without NLP in the loop: it extracts and stores the articles once (no hooks), then resolves
the same mentions twice in a copy of the store - in ingest-order batches of ``--batch`` articles through
``update``, and with ``rebuild`` - and compares the clusters (each entity as the set of its mention ids).

Printed: entities each way, whether the clusters are identical, and for each cluster that differs the names of
the pieces the other run made of it (``--show`` caps the list): which merges one run made and the other did not.
The dev articles are one half of the linking gold's tuning documents (``--half``, cut with ``--half-salt`` as
``linking.py`` cuts them), never the held-out ones: the differences printed are system output on those texts.

    PYTHONPATH=src .venv/bin/python benchmarks/incremental.py --synthetic 200 --dev-repeat 1 --batch 64 \\
        [--store /tmp/inc.sqlite [--reuse]]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import shutil
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import Engine, delete, select, update

from bulk import SHARED, synthetic, write_inputs  # benchmarks/ is on sys.path when run as a script
from threatgraph.app import Threatgraph
from threatgraph.resolve import rebuild
from threatgraph.resolve import update as resolve_update
from threatgraph.store import work
from threatgraph.store.db import open_store
from threatgraph.store.schema import (
    aliases,
    articles,
    entities,
    events,
    mentions,
    pending_work,
    quotes,
    resolve_keys,
    sanction_links,
)

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "dev" / "links.json"


def tuning_half(salt: str, half: str) -> set[str]:
    """Dev document ids of one half of the linking gold's tuning documents (as ``linking.py --halves
    --half-salt`` cuts them): the held-out splits' documents are never read here."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    hidden = set().union(*(set(d) for name, d in gold["split"].items() if not name.startswith("tune")))
    tuning = set(gold["docs"]) - hidden
    a = {d for d in tuning if hashlib.sha1((salt + d).encode("utf-8")).digest()[0] % 2 == 0}
    return a if half == "A" else tuning - a


def dev_items(repeat: int, docs: set[str]) -> list[dict]:
    """The dev articles among ``docs``, each copy made unique by a trailing line (as ``bulk.py`` copies them)."""
    path = SHARED / "articles" / "dev" / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {**{k: d.get(k) for k in ("title", "url", "published")}, "text": d["text"] + f"\n\n(copy {k})"}
        for k in range(repeat)
        for d in rows
        if d["id"] in docs
    ]


def build(store: Path, n_synthetic: int, repeat: int, seed: int, docs: set[str]) -> None:
    """Extract and store the articles once, resolving nothing (hooks off)."""
    items = synthetic(n_synthetic, seed) + dev_items(repeat, docs)
    with tempfile.TemporaryDirectory() as tmp:
        write_inputs(Path(tmp), items, 4)
        app = Threatgraph(db=f"sqlite:///{store}", hooks=())
        report = app.ingest([tmp], batch_size=64, hooks=False)
        app.engine.dispose()  # checkpoints SQLite's write-ahead log: the copies below read the file whole
    if report.failed:
        raise SystemExit(f"ingest failed: {[f.reason for f in report.failed[:3]]}")
    print(f"stored {len(report.ingested)} articles in {store}")


def unresolve(engine: Engine) -> list[str]:
    """Forget every resolution (an empty entity table, as in a new store); returns article ids in ingest order."""
    with engine.begin() as conn:
        conn.execute(update(mentions).values(entity_id=None))
        conn.execute(update(events).values(source_entity_id=None, target_entity_id=None))
        conn.execute(update(quotes).values(speaker_entity_id=None))
        for table in (resolve_keys, aliases, sanction_links, entities):
            conn.execute(delete(table))
        conn.execute(delete(pending_work).where(pending_work.c.kind == work.RESOLVE))
        return [r[0] for r in conn.execute(select(articles.c.id).order_by(articles.c.seq))]


#: Sequence numbers of articles copied in start here (above the source's own), so ``seq`` is the arrival order.
ARRIVAL_SEQ = 1_000_000
#: The tables an article's extraction fills, parents first (entity references are all empty in the source copy).
ARTICLE_TABLES = ("articles", "mentions", "events", "quotes")


def ingest_like(engine: Engine, source: Path, order: list[str], k: int) -> None:
    """Resolve as ``Threatgraph.ingest`` does, without NLP: the store holds no article at first, then each batch
    of ``k`` is copied in from the extracted ``source`` (rows as extraction stored them) and resolved by
    ``update`` before the next is stored. Archive-wide figures (articles stored, persons seen) are then what a
    real ingest's hook reads after each batch. Articles get ``seq`` in the order they arrive here, as a real
    ingest in that order would number them."""
    with engine.begin() as conn:
        for table in reversed(ARTICLE_TABLES):
            conn.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    with sqlite3.connect(source) as src:
        for i in range(0, len(order), k):
            batch = order[i : i + k]
            marks = ",".join("?" * len(batch))
            with engine.begin() as conn:
                for table in ARTICLE_TABLES:
                    col = "id" if table == "articles" else "article_id"
                    cur = src.execute(f"SELECT * FROM {table} WHERE {col} IN ({marks})", batch)  # noqa: S608
                    rows = cur.fetchall()
                    if rows:
                        holes = ",".join("?" * len(cur.description))
                        conn.exec_driver_sql(f"INSERT INTO {table} VALUES ({holes})", rows)  # noqa: S608
                for n, aid in enumerate(batch, start=ARRIVAL_SEQ + i):  # stored in arrival order, as an ingest stores
                    conn.execute(update(articles).where(articles.c.id == aid).values(seq=n))
            resolve_update(engine, batch, screen=False)


def clusters(engine: Engine) -> dict[frozenset[int], str]:
    """Each entity as the set of its mention ids -> its most frequent mention text."""
    members: dict[str, set[int]] = defaultdict(set)
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    with engine.connect() as conn:
        for mid, eid, text in conn.execute(select(mentions.c.id, mentions.c.entity_id, mentions.c.text)):
            if eid is not None:
                members[eid].add(mid)
                texts[eid][text] += 1
    return {frozenset(m): texts[e].most_common(1)[0][0] for e, m in members.items()}


def pieces(whole: dict[frozenset[int], str], parts: dict[frozenset[int], str]) -> list[tuple[str, list[str]]]:
    """Clusters of ``whole`` that ``parts`` holds as two or more clusters: (name, the pieces' names)."""
    where: dict[int, frozenset[int]] = {m: c for c in parts for m in c}
    out = []
    for c, name in whole.items():
        split = {where[m] for m in c if m in where}
        if len(split) > 1:
            out.append((name, sorted(f"{parts[s]} ({len(s)})" for s in split)))
    return sorted(out, key=lambda x: (-len(x[1]), x[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--synthetic", type=int, default=200)
    ap.add_argument("--dev-repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--half", choices=("A", "B"), default="A", help="dev articles: this half of the tuning documents")
    ap.add_argument("--half-salt", default="s16")
    ap.add_argument("--batch", type=int, action="append", help="articles per incremental batch (repeatable)")
    ap.add_argument("--store", type=Path, help="keep the extracted store here")
    ap.add_argument("--reuse", action="store_true", help="with --store: use the store as it is (no extraction)")
    ap.add_argument("--show", type=int, default=20, help="differing clusters listed per direction")
    ap.add_argument(
        "--shuffle",
        type=int,
        action="append",
        help="also feed the batches in an arrival order shuffled with this seed (repeatable; 0 = ingest order)",
    )
    args = ap.parse_args()
    batches = args.batch or [64]
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "source.sqlite"
        if not (args.reuse and store.exists()):
            if store.exists():
                store.unlink()
            build(store, args.synthetic, args.dev_repeat, args.seed, tuning_half(args.half_salt, args.half))
        work_db = Path(tmp) / "work.sqlite"
        with sqlite3.connect(store) as src, sqlite3.connect(work_db) as dst:
            src.backup(dst)  # a consistent copy, whatever the source's write-ahead log holds
        engine = open_store(f"sqlite:///{work_db}")
        order = unresolve(engine)
        source = Path(tmp) / "extracted.sqlite"  # the unresolved copy batches are stored from
        shutil.copy(work_db, source)
        t0 = time.perf_counter()
        rebuild(engine, screen=False)
        whole = clusters(engine)
        print(f"articles: {len(order)}; rebuild: {len(whole)} entities ({time.perf_counter() - t0:.1f} s)")
        for seed, k in itertools.product(args.shuffle or [0], batches):
            unresolve(engine)
            t0 = time.perf_counter()
            arrival = list(order)
            if seed:
                random.Random(seed).shuffle(arrival)
            ingest_like(engine, source, arrival, k)
            inc = clusters(engine)
            same = "identical" if set(inc) == set(whole) else "DIFFERENT"
            how = f"batches of {k}" + (f", arrival order shuffled (seed {seed})" if seed else "")
            print(f"{how}: {len(inc)} entities ({time.perf_counter() - t0:.1f} s); clusters {same}")
            if same == "identical":
                continue
            joined = pieces(whole, inc)
            print(f"  merged by rebuild, apart in batches of {k}: {len(joined)} clusters")
            for name, parts in joined[: args.show]:
                print(f"    {name}: {' | '.join(parts)}")
            apart = pieces(inc, whole)
            print(f"  merged in batches of {k}, apart in rebuild: {len(apart)} clusters")
            for name, parts in apart[: args.show]:
                print(f"    {name}: {' | '.join(parts)}")
        engine.dispose()


if __name__ == "__main__":
    main()
