"""Blocks: the groups and stored entities that can influence each other's resolution.

The resolver (:mod:`threatgraph.resolve.cluster`) only ever compares a group with entities filed under a key the
group looks up (:func:`lookup_keys`), and merges only entities that were candidates of one group. Groups and
entities that are not connected through such keys cannot change each other's decisions: each connected block
is decided on its own. The Spark path (:mod:`threatgraph.bulk.resolve`) resolves blocks in parallel; the
batch-by-batch ingest re-decides, with every batch, the stored blocks its new groups touch
(:func:`touched_block`), so that it decides them as a rebuild of the same mentions does.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from threatgraph.names.bodies import public_names
from threatgraph.resolve.cluster import cross_type_keys
from threatgraph.resolve.decisions import Decisions
from threatgraph.resolve.groups import CHUNK, Group, load_groups
from threatgraph.resolve.listnames import ListNames
from threatgraph.resolve.rarity import NameStats, spellings
from threatgraph.store.schema import mentions, resolve_keys

#: Stored articles a new batch's blocks may span and still be re-decided with it (:func:`touched_block`).
REOPEN_ARTICLES = 256


def lookup_keys(
    g: Group, decisions: Decisions, listed: ListNames | None = None, names: NameStats | None = None
) -> set[str]:
    """Every key under which the resolver may look this group up or file its entity.

    A superset on purpose: the blocking keys of every spelling of the group taken one by one (the
    resolver looks up one form per distinct core name, but files its entity under each alias, whose
    acronym or script may differ), of each spelling as it is stored as an alias, the name keys of
    stored merge decisions (which can pull the group to an entity its names would not find), the exact-name
    keys of the other family (the resolver also looks there: a body typed Person in one article), and for an
    organisation the name keys of the other names the loaded lists give its body (``listed``, see
    :mod:`threatgraph.resolve.listnames`) with its branches under them. A key too many only makes a block
    larger; a key too few could let two blocks meet. ``names`` (the job's
    :class:`~threatgraph.resolve.rarity.NameStats`) drops the common name parts, which the resolver never looks
    up either: the key is common or not for every group.
    """
    keys: set[str] = set().union(*spellings(g).values())
    for partner in decisions.merge_partners(g.keys()):
        fam, _, norm = partner.partition(":")
        keys.add(f"{fam}|n:{norm}")
    keys |= cross_type_keys(g)  # an entity of the other family named exactly so (a typing slip)
    if listed is not None and not g.person:
        keys |= listed.lookup_keys(g.list_keys())
    if not g.person:
        keys |= public_names().lookup_keys(g.forms())  # a body's other public names (names/bodies.py)
        keys |= public_names().branch_keys(g.forms())  # and its branches under them, as the resolver looks them up
    return names.blocking(keys) if names is not None else keys


def entities_under(conn: Connection, keys: Iterable[str]) -> set[str]:
    """Stored entities filed under any of these blocking keys."""
    ordered = sorted(set(keys))
    out: set[str] = set()
    for i in range(0, len(ordered), CHUNK):
        rows = conn.execute(select(resolve_keys.c.entity_id).where(resolve_keys.c.key.in_(ordered[i : i + CHUNK])))
        out.update(eid for (eid,) in rows)
    return out


def articles_of(conn: Connection, entity_ids: Iterable[str]) -> set[str]:
    """Articles with a mention resolved to one of these entities."""
    ordered = sorted(set(entity_ids))
    out: set[str] = set()
    for i in range(0, len(ordered), CHUNK):
        rows = conn.execute(
            select(mentions.c.article_id).where(mentions.c.entity_id.in_(ordered[i : i + CHUNK])).distinct()
        )
        out.update(aid for (aid,) in rows)
    return out


def touched_block(
    conn: Connection,
    groups: list[Group],
    decisions: Decisions,
    listed: ListNames | None,
    names: NameStats,
    most: int = REOPEN_ARTICLES,
    seeds: Iterable[str] = (),
) -> set[str] | None:
    """The stored entities a rebuild would decide in one block with these new groups: those filed under a key the
    groups look up, then, again and again, those filed under a key the groups of the entities found look up.

    Batch by batch, the entities of such a block were decided before the new groups existed: a bare name or an
    acronym that came first joined the one full name there was, and stays there when a second full name it fits as
    well arrives (a rebuild sees both and, unsure, joins neither). Re-deciding the whole block with the new groups,
    in the one order every path uses, reaches the rebuild's decisions; entities in no block of a new group cannot
    be affected and are not read. Common name parts are left out as the resolver leaves them out (``names``), or a
    given name would chain half the archive into one block.

    None when the block spans more than ``most`` stored articles: re-deciding it with every batch would make each
    batch's cost grow with the archive (an actor named in every article), so such a block is decided batch by
    batch as before, and may end up clustered otherwise than a rebuild would cluster it.

    ``seeds`` are stored entities whose blocks are wanted too (entities newly read as sanctioned: their blocks are
    re-decided once it is known, :func:`threatgraph.resolve.run.settle_flagged`).
    """
    frontier: set[str] = set()
    for g in groups:
        if not g.entity_id and g.forms():
            frontier |= lookup_keys(g, decisions, listed, names)
    seen_keys: set[str] = set()
    found: set[str] = set()
    spanned: set[str] = set()
    start = set(seeds)
    while frontier or start:
        seen_keys |= frontier
        fresh = (entities_under(conn, frontier) | start) - found
        start = set()
        if not fresh:
            break
        found |= fresh
        where = articles_of(conn, fresh)
        spanned |= where
        if len(spanned) > most:
            return None
        frontier = set()
        for g in load_groups(conn, sorted(where)):
            if g.entity_id is not None and g.entity_id in fresh:
                frontier |= lookup_keys(g, decisions, listed, names)
        frontier -= seen_keys
    return found
