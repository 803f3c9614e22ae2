"""Who an actor is related to: entities sharing its recent articles and counterparts of its asserted events;
the relations graph one or two hops out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from sqlalchemy import Connection, Engine, func, select

from threatgraph.store.read import limits
from threatgraph.store.read.common import captions
from threatgraph.store.records import EntityRef, EventTie, Graph, GraphEdge, GraphNode, Related, TimelineEvent
from threatgraph.store.schema import entities, events, mentions

#: other entity id -> "TYPE:out|in" -> how many asserted events
Edges = dict[str, Counter[str]]


def timeline_edges(entity_id: str, timeline: list[TimelineEvent]) -> Edges:
    """Event counterparts in a dossier timeline: only what the text asserts happened counts."""
    edges: Edges = defaultdict(Counter)
    for ev in timeline:
        other = ev.counterpart
        if other is not None and other.id and other.id != entity_id and ev.is_fact:
            direction = "out" if ev.role == "source" else "in"
            edges[other.id][f"{ev.type}:{direction}"] += 1
    return edges


def _event_edges(conn: Connection, entity_id: str) -> Edges:
    """The same counts as :func:`timeline_edges` over the same newest events, from light rows.

    The relations graph needs only these counts, not timeline rows with their articles and
    captions, so each hop costs two index walks of at most ``TIMELINE`` short rows.
    """
    rows: dict[int, tuple[str | None, str | None, str, bool]] = {}
    for role in (events.c.source_entity_id, events.c.target_entity_id):
        for eid, src, tgt, typ, mod, neg in conn.execute(
            select(
                events.c.id,
                events.c.source_entity_id,
                events.c.target_entity_id,
                events.c.type,
                events.c.modality,
                events.c.negated,
            )
            .where(role == entity_id)
            .order_by(events.c.id.desc())
            .limit(limits.TIMELINE)
        ):
            rows[eid] = (src, tgt, typ, mod == "asserted" and not neg)
    edges: Edges = defaultdict(Counter)
    for eid in sorted(rows, reverse=True)[: limits.TIMELINE]:
        src, tgt, typ, fact = rows[eid]
        other, direction = (tgt, "out") if src == entity_id else (src, "in")
        if other and other != entity_id and fact:  # only what the text asserts happened draws an edge
            edges[other][f"{typ}:{direction}"] += 1
    return edges


def recent_article_ids(conn: Connection, entity_id: str) -> list[str]:
    """The entity's most recently ingested articles (``ix_mentions_entity_id`` walked backwards)."""
    rows = conn.execute(
        select(mentions.c.article_id)
        .where(mentions.c.entity_id == entity_id)
        .order_by(mentions.c.id.desc())
        .limit(limits.RECENT_MENTIONS)
    )
    return list(dict.fromkeys(r[0] for r in rows))[: limits.ARTICLES]


def related(
    conn: Connection, entity_id: str, article_ids: list[str], edges: Edges, keep: int | None = None
) -> list[Related]:
    """Co-occurring entities (shared recent articles) and event counterparts, strongest first.

    ``keep`` cuts to the strongest few before captions are read (a graph's second hop); ties at
    the cut then go by id rather than caption.
    """
    co: Counter[str] = Counter()
    if article_ids:
        for eid, n in conn.execute(
            select(mentions.c.entity_id, func.count(mentions.c.article_id.distinct()))
            .where(mentions.c.article_id.in_(article_ids), mentions.c.entity_id.is_not(None))
            .group_by(mentions.c.entity_id)
        ):
            if eid != entity_id:
                co[eid] = n
    ids = strongest(co, edges, keep)
    return rank_related(co, edges, ids, captions(conn, ids))


def strongest(co: Counter[str], edges: Edges, keep: int | None = None) -> set[str]:
    """The ids :func:`related` shows: the ``RELATED`` most co-occurring (ties by id, so the cut does not depend
    on the order rows came in) and every event counterpart; ``keep`` cuts those to the strongest few."""
    ids = set(sorted(co, key=lambda e: (-co[e], e))[: limits.RELATED]) | set(edges)
    if keep is not None:
        strength = {e: co.get(e, 0) + (sum(edges[e].values()) if e in edges else 0) for e in ids}
        ids = set(sorted(ids, key=lambda e: (-strength[e], e))[:keep])
    return ids


def rank_related(co: Counter[str], edges: Edges, ids: set[str], refs: Mapping[str, EntityRef]) -> list[Related]:
    """The entities ``ids`` that still exist (``refs``) as relations, strongest first."""
    out = []
    for eid in ids:
        ref = refs.get(eid)
        if ref is None:
            continue
        ties = [
            EventTie(type=k.split(":")[0], direction=k.split(":")[1], count=n)
            for k, n in (edges[eid].items() if eid in edges else ())
        ]
        out.append(
            Related(
                id=eid, caption=ref.caption or "", schema=ref.schema or "", cooccurrence=co.get(eid, 0), events=ties
            )
        )
    out.sort(key=lambda r: (-r.strength, r.caption))
    return out[: limits.RELATED + len(edges)]


def entity_graph(engine: Engine, entity_id: str, depth: int = 1) -> Graph:
    """Nodes and edges around an entity (co-occurrence and event edges), ``depth`` hops (max 2)."""
    depth = max(1, min(2, depth))
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    frontier = [entity_id]
    with engine.connect() as conn:
        root = conn.execute(
            select(entities.c.id, entities.c.caption, entities.c.schema).where(entities.c.id == entity_id)
        ).first()
        if root is None:
            return Graph()
        nodes[entity_id] = GraphNode(id=root[0], caption=root[1], schema=root[2], depth=0)
        for level in range(1, depth + 1):
            nxt: list[str] = []
            # The second hop expands only the strongest neighbours, and keeps their strongest
            # relations, so a graph stays readable and bounded (~10 dossier-sized reads).
            for eid in frontier if level == 1 else frontier[: limits.GRAPH_FANOUT]:
                keep = limits.GRAPH_FANOUT if level > 1 else None
                for rel in related(conn, eid, recent_article_ids(conn, eid), _event_edges(conn, eid), keep):
                    if rel.id not in nodes:
                        nodes[rel.id] = GraphNode(id=rel.id, caption=rel.caption, schema=rel.schema, depth=level)
                        nxt.append(rel.id)
                    a, b = sorted((eid, rel.id))
                    if rel.cooccurrence:
                        edges.setdefault((a, b, "cooccurrence"), GraphEdge(a, b, "cooccurrence", rel.cooccurrence))
                    for tie in rel.events:
                        src, tgt = (eid, rel.id) if tie.direction == "out" else (rel.id, eid)
                        # First seen wins, as for co-occurrence: an edge keeps the count of the
                        # nearer entity's window, so the root's edges match its dossier.
                        edges.setdefault((src, tgt, tie.type), GraphEdge(src, tgt, tie.type, tie.count))
            frontier = nxt
    return Graph(nodes=list(nodes.values()), edges=list(edges.values()))
