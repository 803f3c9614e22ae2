"""What makes the largest resolution block of a stored input: its types, names and the keys that join them.

Spark resolves connected blocks of mention groups in parallel (:mod:`threatgraph.bulk.resolve`), so the
largest block is the job's serial floor. This script builds the same group-key graph over every group of a
store (as a first run over those articles would, ignoring the entities they were resolved to), prints the
block sizes, and for the largest block its labels, its most frequent names and the keys that join the most
distinct names: the candidates for a finer key, if the resolver's rules cannot cross it.

    .venv/bin/python benchmarks/resolve_blocks.py --db 'postgresql+psycopg://...?options=-csearch_path%3Dschema'

(``benchmarks/bulk.py --keep`` leaves its stores in schemas of the benchmark database.)
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from sqlalchemy import select

from threatgraph.bulk.resolve import _Blocks, group_node, lookup_keys
from threatgraph.resolve.cluster import load_groups
from threatgraph.resolve.decisions import load_decisions
from threatgraph.resolve.listnames import list_names
from threatgraph.resolve.rarity import COMMON_NAMES, NameStats, counted, input_names
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="store URL")
    ap.add_argument("--top", type=int, default=25, help="keys and names listed")
    ap.add_argument("--no-rarity", action="store_true", help="block on every key (before session 15)")
    args = ap.parse_args()
    engine = open_store(args.db)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(select(articles.c.id))]
        decisions, listed = load_decisions(conn), list_names(conn)
        groups = [g for g in load_groups(conn, ids) if g.forms()]
    for g in groups:
        g.entity_id = None  # as a first run over these articles reads them
    # the name statistic of that first run (nothing filed yet): common name parts join no block
    new: Counter[str] = Counter(k for keys in input_names(groups).values() for k in keys if counted(k))
    names = NameStats.from_counts(new, {}, 0)
    print(f"common name-part keys (more than {COMMON_NAMES} names): {sum(names.common(k) for k in new)}")
    blocks = _Blocks()
    keys_of = {}
    for g in groups:
        node = group_node(g.article_id, g.grp)
        keys_of[node] = (g, lookup_keys(g, decisions, listed, None if args.no_rarity else names))
        for k in keys_of[node][1]:
            blocks.union(node, k)
    root_of = {node: blocks.find(blocks.index[node]) for node in keys_of}
    sizes = Counter(root_of.values())
    largest = [n for _, n in sizes.most_common(5)]
    print(f"{len(ids)} articles, {len(keys_of)} groups in {len(sizes)} blocks; largest: {largest}")
    big = sizes.most_common(1)[0][0]
    members = [keys_of[n] for n, r in root_of.items() if r == big]
    print("largest block by label:", dict(Counter(g.label for g, _ in members).most_common()))
    print(
        "most frequent names:",
        ", ".join(f"{n} ({c})" for n, c in Counter(g.canonical for g, _ in members).most_common(args.top)),
    )
    names: dict[str, set[str]] = defaultdict(set)
    uses: Counter[str] = Counter()
    for g, keys in members:
        for k in keys:
            names[k].add(g.canonical.lower())
            uses[k] += 1
    print("keys joining the most distinct names (key: names, groups):")
    for k, s in sorted(names.items(), key=lambda x: (-len(x[1]), x[0]))[: args.top]:
        print(f"  {k:36} {len(s):5d} {uses[k]:6d}")


if __name__ == "__main__":
    main()
