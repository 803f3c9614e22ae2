"""Analyst overrides: merge entities the resolver kept apart, split names off an entity.

Both store their judgement in ``resolve_decisions`` keyed by name (see
:mod:`threatgraph.resolve.decisions`) before changing any entity, so ``rebuild`` reaches the
same result; both run in one transaction, so a bad request changes nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Connection, Engine, delete, insert, select, update

from threatgraph.names.forms import blocking_keys, decision_key, name_form, script_of
from threatgraph.resolve.cluster import Resolver, load_groups, pick_label
from threatgraph.resolve.decisions import load_decisions, record, retract
from threatgraph.resolve.sanctions import screen_entities
from threatgraph.store.schema import aliases, entities, mentions, resolve_keys


class ResolveError(ValueError):
    """A merge or split request that cannot be applied; the message names the input and why."""


def _alias_keys(conn: Connection, entity_id: str, schema: str) -> dict[str, str]:
    """name → decision key of every alias of an entity."""
    rows = conn.execute(select(aliases.c.name, aliases.c.norm).where(aliases.c.entity_id == entity_id))
    return {name: decision_key(schema, norm) for name, norm in rows if norm}


def _entity(conn: Connection, entity_id: str) -> dict:
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
    if row is None:
        raise ResolveError(f"no entity with id {entity_id!r}")
    return dict(row)


def merge_entities(engine: Engine, keep_id: str, other_ids: list[str], note: str | None = None) -> str:
    """Merge ``other_ids`` into ``keep_id``; the judgement is stored and survives ``rebuild``.

    Returns the surviving entity id. Raises :class:`ResolveError` for unknown ids, a merge of an
    entity with itself, or entities of incompatible types (a person and an organisation).
    """
    from threatgraph.names.forms import family

    others = [o for o in dict.fromkeys(other_ids) if o != keep_id]
    if not others:
        raise ResolveError(f"merge needs at least two different entities (got {[keep_id, *other_ids]})")
    with engine.begin() as conn:
        keep = _entity(conn, keep_id)
        keep_key = decision_key(keep["schema"], keep["norm"])
        keep_keys = set(_alias_keys(conn, keep_id, keep["schema"]).values()) | {keep_key}
        pairs: list[tuple[str, str]] = []
        for oid in others:
            other = _entity(conn, oid)
            if family(other["schema"]) != family(keep["schema"]):
                raise ResolveError(
                    f"cannot merge {oid} ({other['schema']} {other['caption']!r}) into {keep_id} "
                    f"({keep['schema']} {keep['caption']!r}): incompatible types"
                )
            okeys = set(_alias_keys(conn, oid, other["schema"]).values()) | {
                decision_key(other["schema"], other["norm"])
            }
            pairs.extend((keep_key, k) for k in sorted(okeys))
            retract(conn, keep_keys, okeys, "split")
        record(conn, pairs, "merge", note)
        resolver = Resolver(conn, load_decisions(conn))
        resolver.load_profiles([keep_id, *others])
        target = resolver.profiles[keep_id]
        for oid in others:
            target = resolver.merge(target, resolver.profiles[oid])
        resolver.flush()
    screen_entities(engine, [keep_id])
    return keep_id


def split_entity(engine: Engine, entity_id: str, names: list[str], note: str | None = None) -> list[str]:
    """Split the named aliases (and the mention groups they name) off an entity.

    The split names are stored as "not the same actor" as every remaining name, then their
    mention groups are resolved again (they become a new entity, or join another one that fits).
    Returns the ids the split-off mentions ended up on.
    """
    wanted = {n.casefold().strip() for n in names if n.strip()}
    if not wanted:
        raise ResolveError("split needs at least one alias name")
    with engine.begin() as conn:
        ent = _entity(conn, entity_id)
        schema = ent["schema"]
        keys = _alias_keys(conn, entity_id, schema)
        norms_wanted = {name_form(n, schema).norm for n in names}
        split_keys = {k for name, k in keys.items() if name.casefold() in wanted or k.partition(":")[2] in norms_wanted}
        if not split_keys:
            raise ResolveError(
                f"entity {entity_id} ({ent['caption']!r}) has no alias {sorted(names)!r}; aliases: {sorted(keys)}"
            )
        remaining = set(keys.values()) - split_keys
        if not remaining:
            raise ResolveError(f"splitting {sorted(names)!r} would leave entity {entity_id} without any name")
        retract(conn, split_keys, remaining, "merge")
        record(conn, [(a, b) for a in sorted(split_keys) for b in sorted(remaining)], "split", note)

        # Which mention groups go: those whose canonical name, or all of whose names, are split off.
        rows = conn.execute(
            select(mentions.c.id, mentions.c.article_id, mentions.c.grp, mentions.c.text, mentions.c.canonical).where(
                mentions.c.entity_id == entity_id
            )
        ).all()
        groups: dict[tuple[str, int], list[tuple[int, str, str]]] = defaultdict(list)
        for mid, aid, grp, text, canonical in rows:
            groups[(aid, grp if grp >= 0 else -mid)].append((mid, text, canonical))
        moved: list[int] = []
        articles_touched: set[str] = set()
        for (aid, _), ms in groups.items():
            canon_key = decision_key(schema, name_form(ms[0][2] or ms[0][1], schema).norm)
            all_split = all(decision_key(schema, name_form(t, schema).norm) in split_keys for _, t, _ in ms)
            if canon_key in split_keys or all_split:
                moved.extend(m for m, _, _ in ms)
                articles_touched.add(aid)
        if len(moved) == len(rows):
            raise ResolveError(f"splitting {sorted(names)!r} would move every mention of entity {entity_id}")
        for i in range(0, len(moved), 500):
            conn.execute(update(mentions).where(mentions.c.id.in_(moved[i : i + 500])).values(entity_id=None))
        _rebuild_profile(conn, entity_id, schema)
        resolver = Resolver(conn, load_decisions(conn))
        resolver.resolve_groups(load_groups(conn, sorted(articles_touched)))
        resolver.flush()
        resolver.link_events(sorted(articles_touched))
        landed = sorted(
            {
                r[0]
                for i in range(0, len(moved), 500)
                for r in conn.execute(
                    select(mentions.c.entity_id).where(mentions.c.id.in_(moved[i : i + 500])).distinct()
                )
                if r[0]
            }
        )
    screen_entities(engine, [entity_id, *landed])
    return landed


def _rebuild_profile(conn: Connection, entity_id: str, schema: str) -> None:
    """Recompute an entity's aliases, keys and counters from the mentions it still has."""
    counts: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    canon: Counter[str] = Counter()
    articles_seen: set[str] = set()
    for text, label, canonical, aid in conn.execute(
        select(mentions.c.text, mentions.c.label, mentions.c.canonical, mentions.c.article_id).where(
            mentions.c.entity_id == entity_id
        )
    ):
        counts[name_form(text, label).text] += 1
        labels[label] += 1
        canon[name_form(canonical or text, label).text] += 1
        articles_seen.add(aid)
    conn.execute(delete(aliases).where(aliases.c.entity_id == entity_id))
    conn.execute(delete(resolve_keys).where(resolve_keys.c.entity_id == entity_id))
    if counts:
        conn.execute(
            insert(aliases),
            [
                {
                    "entity_id": entity_id,
                    "name": n,
                    "norm": name_form(n, schema).norm,
                    "script": script_of(n),
                    "count": c,
                }
                for n, c in counts.items()
                if n
            ],
        )
        keys = set()
        for n in counts:
            keys |= blocking_keys(name_form(n, schema), schema)
        conn.execute(insert(resolve_keys), [{"key": k, "entity_id": entity_id} for k in sorted(keys)])
    props = dict(conn.execute(select(entities.c.props).where(entities.c.id == entity_id)).scalar() or {})
    props["labels"] = dict(labels)
    if labels:
        values_schema = pick_label(dict(labels))
    props["canonical"] = dict(canon)
    caption = max(canon, key=lambda n: (script_of(n) == "Latin", canon[n], len(n))) if canon else None
    values: dict = {"props": props, "mention_count": sum(counts.values()), "article_count": len(articles_seen)}
    if labels:
        values["schema"] = values_schema
    if caption:
        values["caption"] = caption
        values["norm"] = name_form(caption, schema).norm
    conn.execute(update(entities).where(entities.c.id == entity_id).values(**values))
