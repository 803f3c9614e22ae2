"""GraphML export (networkx): actors and articles as nodes; events, memberships, mentions and quotes as edges.

For Gephi, yEd or any graph tool: an entity node per actor/place (with aliases and whether a
sanctions list matched it), an article node per source, and a directed edge per event
(source actor → target actor, with type, trigger and evidence sentence, and ``source_state`` /
``target_state`` holding the country code when the actor is a country acting as its state; actor →
article when only one actor is identified), per membership, per
"mentioned in" (weighted by mention count) and per quote (speaker → article). GraphML only
carries scalar attributes and XML text, so absent values are left out and characters XML
cannot hold are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from threatgraph.export.mapping import acting_state
from threatgraph.export.snapshot import ExportError, Snapshot
from threatgraph.export.stats import ExportStats
from threatgraph.extract.events_lexicon import plover_of
from threatgraph.extract.events_modality import stated

#: Characters XML 1.0 cannot contain (hostile or broken input must not make an unreadable file).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _attrs(**values: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, datetime | date):
            value = value.isoformat()
        if isinstance(value, str):
            value = xml_safe(value)
        out[key] = value
    return out


def _article_node(article_id: str) -> str:
    return f"article:{article_id}"


def graph(snap: Snapshot, stats: ExportStats) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name=f"threatgraph {snap.focus or 'archive'}")
    listed: dict[str, list[str]] = {}
    for link in snap.sanctions:
        listed.setdefault(link["entity_id"], []).append(f"{link['dataset']}:{link['entry_id']}")
    for ent in snap.entities.values():
        g.add_node(
            ent["id"],
            **_attrs(
                kind="entity",
                label=ent["caption"],
                schema=ent["schema"],
                aliases="; ".join(a["name"] for a in ent["aliases"]),
                mention_count=int(ent["mention_count"] or 0),
                article_count=int(ent["article_count"] or 0),
                sanctioned=ent["id"] in listed,
                sanction_entries="; ".join(listed.get(ent["id"], [])),
            ),
        )
    for aid, art in snap.articles.items():
        g.add_node(
            _article_node(aid),
            **_attrs(
                kind="article",
                label=art["title"] or aid,
                outlet=art["outlet"],
                url=art["url"],
                published=art["published"],
            ),
        )
    mentioned = Counter(
        (m["entity_id"], m["article_id"])
        for m in snap.mentions
        if m["entity_id"] in snap.entities and m["article_id"] in snap.articles
    )
    for (eid, aid), n in sorted(mentioned.items()):
        g.add_edge(eid, _article_node(aid), key=f"mention:{eid}:{aid}", **_attrs(kind="mentioned_in", weight=n))
    for ev in snap.events:
        src, dst = ev["source_entity_id"], ev["target_entity_id"]
        # a country in an event role is its state acting (export/mapping.py): the edge names the state's code
        states = {
            f"{side}_state": acting_state(ent["schema"], ent["caption"]) if ent else None
            for side, ent in (("source", snap.entities.get(src)), ("target", snap.entities.get(dst)))
        }
        role = None
        if src not in snap.entities or dst not in snap.entities:
            # One identified actor: the edge goes from it to the article that reports the event.
            actor = src if src in snap.entities else dst if dst in snap.entities else None
            if actor is None or ev["article_id"] not in snap.articles:
                stats.skip("event without an exported actor")
                continue
            role = "source" if actor == src else "target"
            src, dst = actor, _article_node(ev["article_id"])
        g.add_edge(
            src,
            dst,
            key=f"event:{ev['id']}",
            **_attrs(
                kind="event",
                actor_role=role,
                label=ev["type"],
                type=ev["type"],
                subtype=ev["subtype"],
                trigger=ev["trigger"],
                sentence=ev["sentence"],
                article=ev["article_id"],
                place=ev["place"],
                date_start=ev["date_start"],
                date_end=ev["date_end"],
                negated=bool(ev["negated"]),
                hedged=bool(ev["hedged"]),
                modality=stated(ev),
                plover_root=plover_of(ev["type"], ev["subtype"])[0],
                **states,
            ),
        )
    for mem in snap.memberships:
        if mem["member"] in snap.entities and mem["organization"] in snap.entities:
            g.add_edge(
                mem["member"],
                mem["organization"],
                key=f"membership:{mem['member']}:{mem['organization']}",
                **_attrs(kind="member_of", label="member of", role=mem["role"]),
            )
    for q in snap.quotes:
        if q["speaker_entity_id"] in snap.entities and q["article_id"] in snap.articles:
            g.add_edge(
                q["speaker_entity_id"],
                _article_node(q["article_id"]),
                key=f"quote:{q['id']}",
                **_attrs(kind="quote", label="quoted in", text=q["text"], direct=bool(q["direct"])),
            )
    for kind in ("entity", "article"):
        stats.count(f"{kind} nodes", sum(1 for _n, k in g.nodes(data="kind") if k == kind))
    for kind in ("event", "mentioned_in", "member_of", "quote"):
        stats.count(f"{kind} edges", sum(1 for *_e, k in g.edges(data="kind") if k == kind))
    return g


def write(snap: Snapshot, out: Path, stats: ExportStats) -> nx.MultiDiGraph:
    """Write the snapshot's graph to ``out``; returns the graph (to check the read-back against)."""
    g = graph(snap, stats)
    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True)
    stats.files.append(out)
    return g


def validate_file(path: Path, expected: nx.MultiDiGraph | None = None) -> int:
    """Read the file back with networkx; with ``expected``, nodes, edges and labels must round-trip."""
    try:
        g = nx.read_graphml(path, force_multigraph=True)
    except Exception as exc:  # noqa: BLE001 - networkx raises many parser error types
        raise ExportError(f"{path}: networkx cannot read it back as GraphML: {exc}") from exc
    if expected is not None:
        if set(g.nodes) != set(expected.nodes) or g.number_of_edges() != expected.number_of_edges():
            raise ExportError(f"{path}: read-back graph differs from the exported one")
        for node, label in expected.nodes(data="label"):
            if g.nodes[node].get("label") != label:
                raise ExportError(f"{path}: node {node} label changed on read-back")
    return g.number_of_nodes() + g.number_of_edges()
