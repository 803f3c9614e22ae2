"""Cost of the review pages against the dossier of the most-mentioned actor, measured in one process.

Why: the review queue measures doubtful merges again from stored aliases with the name stack on every
request (the resolver keeps no trace of why a name joined), bounded by ``MERGE_SCAN`` entities; this
shows what that costs next to the page analysts open most. The archive is the resolution benchmark's
synthetic one (``benchmarks/resolve.py``: Zipf-popular actors, spelling variants, persons often named by
surname only), resolved with ``rebuild``; every 10th screened entity gets a ``possible`` link and every
30th a ``probable`` one.

Printed: p50 of the dossier (the anchor), the review queue's first page (links + merges), merges only,
and the hits table's first page, each as milliseconds and as a ratio to the anchor; and how many
entities the merge scan read and how many items it found.

Run: ``.venv/bin/python benchmarks/review.py [--articles 3000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolve import make_actors, make_article, store_articles  # noqa: E402 - the sibling benchmark's archive


def p50(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm: name tables, statement caches
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tg-bench-review-"))
    os.environ.setdefault("THREATGRAPH_HOME", str(tmp / "home"))
    from sqlalchemy import insert, select

    from threatgraph import resolve
    from threatgraph.store import review
    from threatgraph.store.db import open_store
    from threatgraph.store.read import dossier
    from threatgraph.store.schema import entities, sanction_links

    engine = open_store(f"sqlite:///{tmp / 'bench.db'}")
    rng = random.Random(args.seed)
    n = args.articles
    actors = make_actors(rng, n_groups=max(50, n // 10), n_people=max(100, n // 4), n_places=max(30, n // 50))
    weights = [1.0 / (1 + k) ** 0.8 for k in range(len(actors))]
    rng.shuffle(weights)
    analyses = [make_article(i, actors, weights, rng)[0] for i in range(n)]
    for start in range(0, n, 1000):
        store_articles(engine, analyses[start : start + 1000])
    resolve.rebuild(engine, screen=False)
    with engine.begin() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                select(entities.c.id)
                .where(entities.c.schema.in_(["Person", "Organization", "ArmedGroup"]))
                .order_by(entities.c.id)
            )
        ]
        now = datetime.now(UTC)
        rows = [
            {
                "entity_id": eid,
                "dataset": "bench",
                "entry_id": f"bench-{k}",
                "score": 0.9,
                "explanation": {"judgement": {"for": ["name"], "against": ["partial name"] if k % 60 == 0 else []}},
                "status": "probable" if k % 30 == 0 else "possible",
                "created_at": now,
            }
            for k, eid in enumerate(ids)
            if k % 10 == 0 or k % 30 == 0
        ]
        conn.execute(insert(sanction_links), rows)
        top = conn.execute(select(entities.c.id).order_by(entities.c.mention_count.desc()).limit(1)).scalar()
    print(f"archive: {n} articles, {len(ids)} screened-type entities, {len(rows)} links")

    anchor = p50(lambda: dossier(engine, top), args.runs)
    queue = review.review_queue(engine)
    with engine.connect() as conn:
        scanned = len(review._scan_ids(conn, review.MERGE_SCAN))
    print(
        f"merge scan: {scanned} entities with several names read (cap {review.MERGE_SCAN}); "
        f"queue: {queue['links']} links, {queue['merges']} doubtful merges"
    )
    print(f"anchor: dossier of the most-mentioned actor p50 {anchor:.1f} ms")
    for label, fn in [
        ("review queue, first page", lambda: review.review_queue(engine, limit=50)),
        ("review queue, merges only", lambda: review.review_queue(engine, limit=50, kind="merge")),
        ("review queue, links only", lambda: review.review_queue(engine, limit=50, kind="link")),
        ("hits, first page", lambda: review.hits_page(engine, limit=50)),
    ]:
        ms = p50(fn, args.runs)
        print(f"{label}: p50 {ms:.1f} ms = {ms / anchor:.1f}x the dossier")


if __name__ == "__main__":
    main()
