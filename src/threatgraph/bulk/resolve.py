"""Resolution at scale: the single-machine resolver, run on independent blocks in parallel.

The resolver (:mod:`threatgraph.resolve.cluster`) assigns mention groups one after another, and a
group's decision depends on the entities earlier groups built. It can only ever compare a group
with entities that share one of the blocking keys it looks up (its names' ``blocking_keys`` and
the keys of stored merge decisions), and merges only entities that were candidates together.
So groups (and stored entities) that are not connected through shared keys can never influence
each other, and each connected block can be resolved on its own, in the same order, by the same
:class:`~threatgraph.resolve.cluster.Resolver`, with the same result as one run over everything.

The job:

1. **keys** (executors): each partition of new article ids loads its mention groups
   (``load_groups``), computes the keys each group will look up, and finds the stored entities
   filed under those keys (``resolve_keys``): an incremental run touches only the blocks of the
   new mentions; per context key, how many of its articles name it; and its share of the name
   statistic (:mod:`threatgraph.resolve.rarity`: its new names under each name-part key, the
   archive's entities there);
2. **blocks** (driver): the edge rows read once, as Arrow in one Spark job (:func:`_read_edges`): the job-wide
   statistics - the common-context statistic summed from the partitions' counts (``common_from_counts``), the
   name statistic from the distinct names per key - then connected components over group–key–entity edges
   (union–find on interned names), leaving out the common name parts the resolver never looks up: a given
   name that hundreds of people share no longer chains them into one block;
3. **score and decide** (executors): blocks of new groups only, packed into partitions largest first (a
   block never spans two partitions; :func:`pack_blocks`); each partition is one transaction in which a
   ``Resolver`` scores its candidates with those statistics (``resolve_groups(common=...)``, the name
   statistic broadcast) and writes entities, aliases and keys;
   **re-decide** (driver): blocks that reach stored entities are decided again whole with the new groups, as
   ``update`` decides them (:func:`_redecide_stored`), so an incremental job clusters as the single machine;
4. **link** (executors): events and quotes of the new articles point at their entities
   (``link_events``), after every block has committed;
5. new or renamed entities are screened against loaded lists (driver, ``resolve.run.screen``), and the blocks of
   entities read as sanctioned only now are re-decided knowing it (driver, ``resolve.run.settle_flagged``).

A test resolves the same articles this way and with ``rebuild`` and finds identical clusters.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from threatgraph.bulk.inputs import id_frame
from threatgraph.bulk.pools import RESOLVE, worker_pool
from threatgraph.bulk.tasks import worker_engine
from threatgraph.resolve import ResolveStats
from threatgraph.resolve.blocks import lookup_keys
from threatgraph.resolve.cluster import Resolver, archive_persons, common_from_counts, load_groups
from threatgraph.resolve.decisions import load_decisions
from threatgraph.resolve.links import link_events
from threatgraph.resolve.listnames import list_names
from threatgraph.resolve.rarity import RARE_AFTER, NameStats, name_share
from threatgraph.store.schema import resolve_keys

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

EDGE_DDL = "node string, key string"
BLOCK_DDL = "article_id string, grp long, block long"
RESULT_DDL = "kind string, value string"
#: Edge-row prefix of a context key's article count (group nodes start with "g", entities with "@").
CONTEXT = "#ctx:"
#: Edge-row prefixes of the name statistic's shares: a new name under a counted key, the archive's entities there.
NEW_NAME = "#new:"
STORED_NAMES = "#old:"
#: Ids per ``IN (...)`` query on the executors.
CHUNK = 500
#: New articles per transaction when blocks reaching stored entities are re-decided (the ingest's batch, whose
#: ``update`` re-decides them on one machine).
REDECIDE_BATCH = 32
#: Stats fields summed over blocks.
_COUNTED = ("articles", "groups", "mentions", "created", "joined", "merged", "linked_events", "linked_quotes")


def group_node(article_id: str, grp: int) -> str:
    return f"g{grp}:{article_id}"


def _parse_group(node: str) -> tuple[str, int]:
    grp, _, aid = node[1:].partition(":")
    return aid, int(grp)


def _ids(batches: Iterator[Any], column: str) -> list[str]:
    return [v for b in batches for v in b.column(column).to_pylist()]


def _batches(rows: list[dict[str, Any]], names: tuple[str, ...]) -> Iterator[Any]:
    import pyarrow as pa

    schema = pa.schema([(n, pa.string()) for n in names])
    for i in range(0, max(len(rows), 1), 1024):
        yield pa.RecordBatch.from_pylist(rows[i : i + 1024], schema=schema)


def _entities_under(conn: Any, keys: list[str]) -> Iterator[tuple[str, str]]:
    """(key, entity id) of stored entities filed under these blocking keys."""
    for i in range(0, len(keys), CHUNK):
        found = conn.execute(
            select(resolve_keys.c.key, resolve_keys.c.entity_id).where(resolve_keys.c.key.in_(keys[i : i + CHUNK]))
        )
        yield from found


def _edges_task(url: str, batches: Iterator[Any]) -> Iterator[Any]:
    """Executor: group–key edges of a partition of new articles, and stored entities under those keys."""
    engine = worker_engine(url)
    ids = _ids(batches, "id")
    rows: list[dict[str, Any]] = []
    context: dict[str, set[str]] = {}
    with engine.connect() as conn:
        decisions = load_decisions(conn)
        listed = list_names(conn)
        keys: set[str] = set()
        groups = load_groups(conn, ids)
        share = name_share(conn, groups)  # read before any block is resolved: the archive at the job's start
        for g in groups:
            for k in g.context:  # the common-context statistic counts every group, as one run would
                context.setdefault(k, set()).add(g.article_id)
            node = group_node(g.article_id, g.grp)
            if g.entity_id:  # resolved before (a re-run): only its stray mentions join that entity
                if g.unassigned:
                    rows.append({"node": node, "key": "@" + g.entity_id})
                continue
            if not g.forms():
                continue  # nothing to resolve
            mine = lookup_keys(g, decisions, listed)
            keys |= mine
            rows.extend({"node": node, "key": k} for k in sorted(mine))
        rows.extend({"node": "@" + eid, "key": key} for key, eid in _entities_under(conn, sorted(keys)))
    # Partitions hold disjoint articles, so the driver sums these per-partition article counts.
    rows.extend({"node": CONTEXT + k, "key": str(len(arts))} for k, arts in sorted(context.items()))
    # Names may recur across partitions: the driver counts distinct (key, name) rows.
    rows.extend({"node": NEW_NAME + k, "key": i} for k, idents in sorted(share.new.items()) for i in sorted(idents))
    rows.extend({"node": STORED_NAMES + k, "key": str(n)} for k, n in sorted(share.stored.items()))
    yield from _batches(rows, ("node", "key"))


class _Blocks:
    """Union–find over interned node and key names (path halving, union by size)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.parent: list[int] = []
        self.size: list[int] = []

    def intern(self, name: str) -> int:
        """The number of a node or key name (a new one for a name not seen before)."""
        i = self.index.get(name)
        if i is None:
            i = self.index[name] = len(self.parent)
            self.parent.append(i)
            self.size.append(1)
        return i

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        self.join(self.intern(a), self.intern(b))

    def join(self, a: int, b: int) -> None:
        """Join the blocks of two interned numbers."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if self.size[ra] < self.size[rb]:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.size[ra] += self.size[rb]

    def groups(self) -> Iterator[tuple[str, int]]:
        """(group node, block root) for every group node."""
        for name, i in self.index.items():
            if name.startswith("g"):
                yield name, self.find(i)

    def roots_of(self, names: Iterable[str]) -> set[int]:
        """The block roots of these nodes."""
        return {self.find(self.index[n]) for n in names if n in self.index}


def pack_blocks(sizes: dict[int, int], bins: int) -> dict[int, int]:
    """The bin (partition) of each block: the largest block first, each to the bin with the fewest groups so far.

    Blocks are independent, so which partition resolves a block changes no decision, only when it is done.
    Hashing blocks to partitions (as before) left one partition with the largest blocks running alone at the
    end of the stage; packed largest first (LPT), the partitions carry near-equal numbers of groups, the
    largest block lands in bin 0 and Spark, which launches a stage's tasks in partition order, starts it first.
    Ties break by block id, so the packing is the same on every run.
    """
    loads = [0] * max(bins, 1)
    out: dict[int, int] = {}
    for block, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        b = loads.index(min(loads))
        out[block] = b
        loads[b] += size
    return out


def _identity(key: int) -> int:
    return key


def _resolve_task(url: str, common: frozenset[str], names: Any, batches: Iterator[Any]) -> Iterator[Any]:
    """Executor: resolve a partition's blocks with the single-machine Resolver, in one transaction.

    Blocks share no key, so resolving several in one Resolver run decides exactly what resolving each
    alone would (its order within a block is the same); one run per partition saves a transaction and
    the decision and group queries per block. ``common`` is the common-context statistic of the whole
    input (computed once on the driver), so no partition decides with a statistic of its own part; so is
    ``names`` (a broadcast :class:`~threatgraph.resolve.rarity.NameStats`), name rarity and the common name
    parts (read per partition from the store, it would depend on how far the other partitions had got).
    """
    engine = worker_engine(url)
    wanted: set[tuple[str, int]] = set()
    for b in batches:
        wanted.update(zip(b.column("article_id").to_pylist(), b.column("grp").to_pylist(), strict=True))
    out: list[dict[str, Any]] = []
    if wanted:
        with engine.begin() as conn:
            resolver = Resolver(conn, load_decisions(conn), names=names.value)
            loaded = load_groups(conn, sorted({a for a, _ in wanted}))
            resolver.resolve_groups([g for g in loaded if (g.article_id, g.grp) in wanted], common=set(common))
            resolver.flush()
        out.extend({"kind": "changed", "value": resolver.final(e)} for e in resolver.changed)
        counts = {n: getattr(resolver.stats, n) for n in _COUNTED}
        out.append({"kind": "stats", "value": json.dumps(counts)})
    yield from _batches(out, ("kind", "value"))


def _link_task(url: str, batches: Iterator[Any]) -> Iterator[Any]:
    """Executor: point the events and quotes of a partition of articles at their entities."""
    engine = worker_engine(url)
    ids = _ids(batches, "id")
    with engine.begin() as conn:
        n_events, n_quotes = link_events(conn, ids) if ids else (0, 0)
    yield from _batches([{"kind": "linked", "value": json.dumps([n_events, n_quotes])}], ("kind", "value"))


class _EdgePass:
    """What the driver takes from the edge rows, read once: the job-wide statistics and the block edges.

    The statistics come first in meaning (a common name part joins no block, and which parts are common is known
    only once every partition's names are counted), so the block edges are kept as interned key numbers while the
    rows are read and joined after. One read of the rows, where a Spark job per statistic (each a shuffle of the
    rows) and a streamed read (one Spark job per partition, each a hand-over between driver and JVM) were made.
    """

    def __init__(self) -> None:
        self.context: dict[str, int] = {}  # article counts of context keys, summed over partitions
        self.new: dict[str, set[str]] = {}  # new names per counted key (names recur across partitions)
        self.stored: dict[str, int] = {}  # the archive's entities per counted key (every partition read alike)
        self.blocks = _Blocks()  # every node and key interned once; joined after the statistics
        self.nodes = array("q")  # the edges as interned numbers, node then key: 16 bytes an edge
        self.keys = array("q")
        self.strays: set[str] = set()  # groups resolved before (a re-run) whose stray mentions join their entity

    def add(self, node: str, key: str) -> None:
        if node.startswith(CONTEXT):
            k = node[len(CONTEXT) :]
            self.context[k] = self.context.get(k, 0) + int(key)
        elif node.startswith(NEW_NAME):
            self.new.setdefault(node[len(NEW_NAME) :], set()).add(key)
        elif node.startswith(STORED_NAMES):
            k = node[len(STORED_NAMES) :]
            self.stored[k] = max(self.stored.get(k, 0), int(key))
        else:
            if key.startswith("@"):
                self.strays.add(node)
            self.nodes.append(self.blocks.intern(node))
            self.keys.append(self.blocks.intern(key))

    def names(self, persons: int) -> NameStats:
        """The name statistic: distinct new names per key over the partitions, plus the archive's entities there."""
        return NameStats.from_counts({k: len(v) for k, v in self.new.items()}, self.stored, persons)


def _read_edges(edges: DataFrame, url: str) -> tuple[dict[str, int], NameStats, _Blocks, set[str], set[str]]:
    """One pass over the edge rows, sent to the driver as Arrow in one Spark job whatever the partitions: the
    common-context counts, the name statistic (read before any block is resolved), the blocks with the common name
    parts left out, the stored entities in them, and the groups resolved before whose stray mentions join their
    entity. The driver holds the rows as Arrow while it reads them (tens of bytes a row; the union–find already
    held every name), where they were streamed a partition at a time before."""
    from threatgraph.store.db import open_store

    read = _EdgePass()
    for batch in edges.toArrow().to_batches():
        for node, key in zip(batch.column("node").to_pylist(), batch.column("key").to_pylist(), strict=True):
            read.add(node, key)
    with open_store(url).connect() as conn:
        names = read.names(archive_persons(conn, up_to=RARE_AFTER))
    blocks = read.blocks
    name_of = list(blocks.index)  # interned number -> name (numbers are given in insertion order)
    common = {i for i in set(read.keys) if names.common(name_of[i])}
    stored: set[str] = set()  # stored entities found under a key a new group looks up
    for n, k in zip(read.nodes, read.keys, strict=True):
        if k not in common:  # a common name part joins no block (the resolver never looks it up)
            blocks.join(n, k)
            if name_of[n].startswith("@"):
                stored.add(name_of[n])
    return read.context, names, blocks, stored, read.strays


def _redecide_stored(url: str, article_ids: list[str], stats: ResolveStats) -> set[str]:
    """Decide the groups of blocks that reach stored entities with those entities, as ``update`` does; returns the
    entities that changed.

    Decided against the stored entities as they stood, a job's groups could never undo what an earlier job decided
    without them: a bare acronym stored when one body of its letters existed stayed in that body, and a second body
    of the same letters arriving now was merged into the entity carrying the acronym (two bodies, one entity).
    ``update`` re-opens the stored blocks its new groups touch and decides them whole with the new groups
    (:func:`threatgraph.resolve.run.redecide`); these groups go through that same code, in article-id order and in
    batches of :data:`REDECIDE_BATCH` articles (the ingest's batch), so a job after a job clusters as the single
    machine does. They run on the driver, one transaction after another, after every new-only block has committed:
    re-opened blocks may reach entities other blocks write, and ``update``'s bound on a re-opened block (stored
    articles spanned) applies per batch. A job into a new store has no such block.
    """
    from threatgraph.resolve.run import redecide
    from threatgraph.store.db import open_store

    changed: set[str] = set()
    if not article_ids:
        return changed
    engine = open_store(url)
    for i in range(0, len(article_ids), REDECIDE_BATCH):
        part, live = redecide(engine, article_ids[i : i + REDECIDE_BATCH])
        for name in _COUNTED:
            if name not in ("articles", "linked_events", "linked_quotes"):  # counted by the link stage
                setattr(stats, name, getattr(stats, name) + getattr(part, name))
        changed |= live
    return changed


def resolve_articles(
    session: SparkSession,
    url: str,
    article_ids: Iterable[str] | DataFrame,
    partitions: int | None = None,
    screen: bool = True,
    count: int | None = None,
) -> tuple[ResolveStats, dict[str, int]]:
    """Resolve the mentions of these stored articles on Spark; returns the stats and block sizes.

    ``article_ids`` is a DataFrame with an ``id`` column (a job's own output, which stays on the executors)
    or a few ids in a list (``count``: how many ids the DataFrame holds, when the caller knows; see
    :func:`~threatgraph.bulk.inputs.id_frame`). ``url`` must name a PostgreSQL store every executor can
    reach (blocks commit concurrently).
    """
    # every Spark function of resolution runs in the resolution pool's workers (threatgraph.bulk.pools)
    with worker_pool(session.sparkContext, RESOLVE):
        return _resolve_articles(session, url, article_ids, partitions, screen, count)


def _resolve_articles(
    session: SparkSession,
    url: str,
    article_ids: Iterable[str] | DataFrame,
    partitions: int | None,
    screen: bool,
    count: int | None,
) -> tuple[ResolveStats, dict[str, int]]:
    from threatgraph.resolve.run import flagged_entities, settle_flagged
    from threatgraph.resolve.run import screen as screen_entities
    from threatgraph.store.db import open_store

    stats = ResolveStats()
    shape = {"blocks": 0, "largest_block": 0, "groups": 0}
    frame, count = id_frame(session, article_ids, count)
    if not count:
        return stats, shape
    n = partitions or max(session.sparkContext.defaultParallelism * 2, 1)
    ids_df = frame.repartition(n)
    edges = ids_df.mapInArrow(partial(_edges_task, url), EDGE_DDL)
    context, names, blocks, stored, strays = _read_edges(edges, url)
    with open_store(url).connect() as conn:
        common = frozenset(common_from_counts(conn, context))
    # Blocks that reach a stored entity are decided again with it, as ``update`` decides them (below); the others
    # hold new groups only and are decided on the executors, as are the stray mentions of groups resolved before
    # (a re-run), which join their own entity whatever block it is in.
    reaching = blocks.roots_of(stored)
    everything = [(*_parse_group(node), root, node) for node, root in blocks.groups()]
    assigned = [(a, g, root) for a, g, root, node in everything if root not in reaching or node in strays]
    redecided = sorted({a for a, _, root, node in everything if root in reaching and node not in strays})
    sizes: dict[int, int] = {}
    for _, _, root, _ in everything:
        sizes[root] = sizes.get(root, 0) + 1
    shape = {
        "blocks": len(sizes),
        "largest_block": max(sizes.values(), default=0),
        "groups": len(everything),
        "stored_blocks": len(reaching),
        "redecided_articles": len(redecided),
    }
    if assigned:
        bins = pack_blocks(sizes, n)
        # Each row goes to its block's bin; the bin is the partition (a Python shuffle of small rows).
        keyed = session.sparkContext.parallelize([(bins[r], (a, g, r)) for a, g, r in assigned], n)
        block_df = session.createDataFrame(keyed.partitionBy(n, _identity).values(), BLOCK_DDL)
        changed: set[str] = set()
        shared = session.sparkContext.broadcast(names)
        for row in block_df.mapInArrow(partial(_resolve_task, url, common, shared), RESULT_DDL).collect():
            if row["kind"] == "changed":
                changed.add(row["value"])
            else:
                part = json.loads(row["value"])
                for name in _COUNTED:
                    setattr(stats, name, getattr(stats, name) + part[name])
    else:
        changed = set()
    changed |= _redecide_stored(url, redecided, stats)
    for row in ids_df.mapInArrow(partial(_link_task, url), RESULT_DDL).collect():
        n_events, n_quotes = json.loads(row["value"])
        stats.linked_events += n_events
        stats.linked_quotes += n_quotes
    stats.articles = count
    if screen and changed:
        engine = open_store(url)
        before = flagged_entities(engine, changed)
        stats.screened, stats.sanction_links = screen_entities(engine, changed)
        # the blocks of entities read as sanctioned only now are re-decided knowing it, as on one machine
        settle_flagged(engine, stats, flagged_entities(engine, changed) - before)
    return stats, shape
