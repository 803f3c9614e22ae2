"""What an analyst reviews: the queue of doubtful links and merges, one list entry, every link by state.

Why a module of its own: these are the read side of the review pages (``/review``, ``/hits``,
``/lists/{dataset}/{entry_id}``), and they rank and page rows differently from the dossier in
:mod:`threatgraph.store.read`.

The queue holds three kinds of items, ranked together by how much a wrong answer would cost:

- **links** in the ``possible`` state (a list entry whose name fits a news actor, with nothing else
  that corroborates it), and ``probable`` links whose evidence includes something against (they read
  as sanctioned, so a contradiction there matters most). Entries on a sanctions list come first, among
  them what reads as sanctioned now, then the most mentioned actors.
- **actors that read as one list entry** (:func:`same_entry_items`): a merge proposed, never made.
- **doubtful merges**: a mention group the resolver joined to an entity although the group's name fits
  the entity's other names only weakly (a partial person name, a bare given name, a short acronym, a
  containment at the threshold), so it joined on shared context alone or through a chain of names. The
  resolver keeps no trace of why a group joined, so the doubt is measured again, on the groups' own
  (canonical) names the entity records, with the one name stack
  (:func:`threatgraph.names.align.best_name_score`). A name an analyst already said belongs (a ``merge``
  decision) is not asked about again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, asc, desc, func, select

from threatgraph.names.align import MATCH_THRESHOLD, best_name_score
from threatgraph.names.forms import decision_key, family, name_form
from threatgraph.store.schema import (
    aliases,
    entities,
    list_entries,
    list_versions,
    resolve_decisions,
    sanction_links,
)
from threatgraph.store.states import REVIEW_STATES, SANCTIONED_STATES, STATES, reads_sanctioned

#: A name that fits the entity's other names below this is doubtful: it joined at the merge
#: threshold or on shared context alone (partial person names score 0.8, short acronyms 0.86).
DOUBT_BELOW = MATCH_THRESHOLD + 0.02
#: Entities with several names looked at per queue request, most mentioned first (plus every
#: entity with a list link): bounds the cost of a page on a large archive.
MERGE_SCAN = 1000
#: Names of one entity compared for doubt (most used first).
MERGE_NAMES = 25
#: Sort keys of the hits table and the columns they order by.
HIT_SORTS = ("mentions", "score", "actor", "entry", "state", "dataset", "listed")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _props(data: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    return dict((data or {}).get("properties") or {})


def entry_brief(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """What a reviewer needs of a list entry beside a link: names, programs, listing date, identifying facts."""
    props = _props(data)
    sanction = _props((data or {}).get("sanction"))
    names: list[str] = []
    for p in ("name", "alias", "weakAlias", "previousName", "abbreviation"):
        names += [str(n) for n in props.get(p) or [] if n not in names]
    listed = sorted(str(d)[:10] for p in ("listingDate", "startDate") for d in sanction.get(p) or [] if d)
    facts = {
        p: [str(v) for v in props[p]]
        for p in ("birthDate", "birthPlace", "nationality", "citizenship", "country", "gender", "position", "notes")
        if props.get(p)
    }
    return {
        "names": names[:20],
        "programs": list(dict.fromkeys(str(p) for p in sanction.get("program") or [])),
        "authority": (sanction.get("authority") or [None])[0],
        "listing_date": listed[0] if listed else None,
        "facts": facts,
        "sanctions_list": is_sanction_entry(data),
    }


def is_sanction_entry(data: Mapping[str, Any] | None) -> bool:
    """True for an entry a sanctions authority lists (a Sanction record or the ``sanction`` topic)."""
    topics = [str(t) for t in _props(data).get("topics") or []]
    return bool((data or {}).get("sanction")) or any(t.startswith("sanction") for t in topics)


# --- the review queue ----------------------------------------------------------------------


def _entity_summary(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "schema": row["schema"],
        "caption": row["caption"],
        "mention_count": row["mention_count"],
        "article_count": row["article_count"],
    }


def _link_select(*extra: Any) -> Select:
    """Links joined to their actor and (when still stored) their list entry: the columns both sides of a link
    show, plus ``extra``."""
    return (
        select(
            sanction_links.c.dataset,
            sanction_links.c.entry_id,
            sanction_links.c.score,
            sanction_links.c.status,
            sanction_links.c.explanation,
            entities.c.id,
            entities.c.schema,
            entities.c.caption,
            entities.c.mention_count,
            entities.c.article_count,
            list_entries.c.caption.label("entry_caption"),
            list_entries.c.data,
            *extra,
        )
        .join(entities, entities.c.id == sanction_links.c.entity_id)
        .outerjoin(
            list_entries,
            and_(
                list_entries.c.dataset == sanction_links.c.dataset, list_entries.c.entry_id == sanction_links.c.entry_id
            ),
        )
    )


def link_items(conn: Connection, states: Iterable[str] = REVIEW_STATES) -> list[dict[str, Any]]:
    """Links in ``states`` with both sides and the evidence for and against, unranked."""
    q = _link_select(
        sanction_links.c.entity_id, list_entries.c.schema.label("entry_schema"), list_entries.c.removed_version_id
    ).where(sanction_links.c.status.in_(list(states)))
    out = []
    for r in conn.execute(q).mappings():
        expl = dict(r["explanation"] or {})
        judgement = expl.get("judgement") or {}
        out.append(
            {
                "kind": "link",
                "entity": _entity_summary(r),
                "dataset": r["dataset"],
                "entry_id": r["entry_id"],
                "entry_caption": r["entry_caption"] or r["entry_id"],
                "entry_schema": r["entry_schema"],
                "entry": entry_brief(r["data"]),
                "removed_from_list": r["removed_version_id"] is not None,
                "score": round(float(r["score"]), 3),
                "status": r["status"],
                "sanctioned": reads_sanctioned(r["status"]),
                "evidence_for": list(judgement.get("for") or []),
                "evidence_against": list(judgement.get("against") or []),
                "name_kind": judgement.get("name_kind"),
                "query_names": list(expl.get("query_names") or []),
            }
        )
    return out


def _kept(conn: Connection) -> dict[str, set[str]]:
    """Decision key → keys an analyst said belong to the same actor (newest judgement on a pair wins)."""
    out: dict[str, set[str]] = defaultdict(set)
    rows = conn.execute(
        select(resolve_decisions.c.left_key, resolve_decisions.c.right_key, resolve_decisions.c.judgement).order_by(
            resolve_decisions.c.id
        )
    )
    for left, right, judgement in rows:
        if judgement == "merge":
            out[left].add(right)
            out[right].add(left)
        else:
            out[left].discard(right)
            out[right].discard(left)
    return out


def _scan_ids(conn: Connection, limit: int) -> list[str]:
    """Entities worth checking for doubtful names: every one with a list link, then the most mentioned."""
    several = select(aliases.c.entity_id).group_by(aliases.c.entity_id).having(func.count() > 1).subquery()
    linked = select(sanction_links.c.entity_id).where(sanction_links.c.status != "rejected").distinct()
    first = [r[0] for r in conn.execute(select(several.c.entity_id).where(several.c.entity_id.in_(linked)))]
    rest = conn.execute(
        select(entities.c.id)
        .where(entities.c.id.in_(select(several.c.entity_id)))
        .order_by(entities.c.mention_count.desc(), entities.c.id)
        .limit(limit)
    )
    return list(dict.fromkeys([*first, *(r[0] for r in rest)]))


def doubtful_names(
    schema: str, caption: str, names: list[tuple[str, str, int]], kept: Mapping[str, set[str]]
) -> list[dict[str, Any]]:
    """The names of one entity that fit its other names only weakly, each with its best partner.

    ``names`` are (name, norm, mentions), most used first. A name counts as doubtful when its best
    score against every other name of the entity is below :data:`DOUBT_BELOW` and no analyst
    decision ties it to one of them.
    """
    person = family(schema) == "Person"
    forms = {n: name_form(n, schema) for n, _, _ in names}
    keys = {n: decision_key(schema, norm) for n, norm, _ in names}
    out = []
    for name, _norm, count in names:
        if not forms[name].core:
            continue
        others = [o for o, _, _ in names if o != name and forms[o].core]
        if not others:
            continue
        best, closest = None, None
        for o in others:  # most used first: a name that fits one of them well is settled at once
            score = best_name_score([forms[name]], [forms[o]], person)
            if best is None or score.score > best.score:
                best, closest = score, o
            if best.score >= DOUBT_BELOW:
                break
        if best is None or best.score >= DOUBT_BELOW:
            continue
        if any(keys[o] in kept.get(keys[name], ()) for o, _, _ in names if o != name):
            continue
        out.append(
            {
                "name": name,
                "mentions": count,  # articles naming the group so (joined names) or mentions (aliases)
                "score": round(best.score, 3),
                "feature": best.feature,
                "closest": closest,
                "caption": name == caption,
            }
        )
    # The caption itself being "doubtful" means the others are: report the names that are not the caption.
    return [d for d in out if not d["caption"]] or out


def shared_context(context: Mapping[str, int], limit: int = 6) -> list[str]:
    """Co-mentioned names seen with the actor in more than one article ("kunar (Place, Organization) ×2").

    Context keys are "<kind>:<norm>" as the resolver stores them; one name typed two ways is shown once.
    """
    by_name: dict[str, tuple[int, list[str]]] = {}
    for key, n in context.items():
        kind, _, name = str(key).partition(":")
        if not name or int(n) < 2:
            continue
        count, kinds = by_name.get(name, (0, []))
        by_name[name] = (max(count, int(n)), [*kinds, kind])
    ranked = sorted(by_name.items(), key=lambda x: (-x[1][0], x[0]))[:limit]
    return [f"{name} ({', '.join(sorted(kinds))}) ×{count}" for name, (count, kinds) in ranked]


def joined_names(schema: str, props: Mapping[str, Any] | None) -> list[tuple[str, str, int]]:
    """The names the resolver joined across articles: each mention group's canonical name, with its group count.

    A surname or short form an article itself tied to a full name ("Khan" after "Bilal Kajaba Khan") came
    along with that name and is no merge of the resolver's; only the groups' own names are. Empty when the
    entity carries no such record (then its aliases stand in).
    """
    canonical = dict((props or {}).get("canonical") or {})
    ranked = sorted(canonical.items(), key=lambda x: (-int(x[1]), x[0]))[:MERGE_NAMES]
    return [(name, name_form(name, schema).norm, int(n)) for name, n in ranked if name]


def merge_items(conn: Connection, scan: int = MERGE_SCAN) -> list[dict[str, Any]]:
    """Entities carrying a name that fits their other names only weakly (see the module docstring)."""
    ids = _scan_ids(conn, scan)
    if not ids:
        return []
    kept = _kept(conn)
    rows: dict[str, Any] = {}
    names: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    linked: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in conn.execute(select(entities).where(entities.c.id.in_(chunk))).mappings():
            rows[r["id"]] = r
        for eid, name, norm, count in conn.execute(
            select(aliases.c.entity_id, aliases.c.name, aliases.c.norm, aliases.c.count)
            .where(aliases.c.entity_id.in_(chunk))
            .order_by(aliases.c.entity_id, aliases.c.count.desc(), aliases.c.name)
        ):
            if len(names[eid]) < MERGE_NAMES:
                names[eid].append((name, norm, count))
        for eid, dataset, entry_id, status in conn.execute(
            select(
                sanction_links.c.entity_id, sanction_links.c.dataset, sanction_links.c.entry_id, sanction_links.c.status
            ).where(sanction_links.c.entity_id.in_(chunk), sanction_links.c.status != "rejected")
        ):
            linked[eid].append({"dataset": dataset, "entry_id": entry_id, "status": status})
    out = []
    for eid in ids:
        row = rows.get(eid)
        if row is None:
            continue
        joined = joined_names(row["schema"], row["props"]) or names[eid]
        doubtful = doubtful_names(row["schema"], row["caption"], joined, kept)
        if not doubtful:
            continue
        labels = dict((row["props"] or {}).get("labels") or {})
        against = [f"“{d['name']}” fits the other names only at {d['score']:.2f} ({d['feature']})" for d in doubtful]
        if len(labels) > 1:
            typed = ", ".join(f"{lbl} ×{n}" for lbl, n in sorted(labels.items(), key=lambda x: (-x[1], x[0])))
            against.append(f"its mentions were typed differently: {typed}")
        evidence_for = [
            f"“{d['name']}” is closest to “{d['closest']}”; it joined on shared context or through other names"
            for d in doubtful
            if d["closest"]
        ]
        shared = shared_context((row["props"] or {}).get("context") or {})
        if shared:
            evidence_for.append("its articles repeatedly name: " + "; ".join(shared))
        out.append(
            {
                "kind": "merge",
                "entity": _entity_summary(row),
                "names": [n for n, _, _ in names[eid]],
                "doubtful": doubtful,
                "labels": labels,
                "links": linked.get(eid, []),
                "sanctioned": any(x["status"] in SANCTIONED_STATES for x in linked.get(eid, [])),
                "evidence_for": evidence_for,
                "evidence_against": against,
            }
        )
    return out


def _split_pairs(conn: Connection) -> set[frozenset[str]]:
    """Name-key pairs an analyst said are different actors (newest judgement on a pair wins)."""
    out: set[frozenset[str]] = set()
    rows = conn.execute(
        select(resolve_decisions.c.left_key, resolve_decisions.c.right_key, resolve_decisions.c.judgement).order_by(
            resolve_decisions.c.id
        )
    )
    for left, right, judgement in rows:
        pair = frozenset((left, right))
        if judgement == "split":
            out.add(pair)
        else:
            out.discard(pair)
    return out


def same_entry_items(conn: Connection) -> list[dict[str, Any]]:
    """News actors of one kind that read as the same list entry: a merge to propose, not to make.

    Why: a group's popular name and its own name ("the Qurmulis", "Ansar al-Zahir") may stay two actors
    (the resolver found no name evidence to join them) while both are linked to the one entry that lists
    both. Shown apart, the dossier and the hits page count one listed actor twice and split its reporting.
    Joining them automatically would let one wrong link pull an unrelated actor in, so the queue asks
    instead: merge (op ``merge``), or reject the link that does not belong. Pairs an analyst split are not
    asked about again.
    """
    rows = conn.execute(
        _link_select(sanction_links.c.entity_id).where(sanction_links.c.status.in_(list(SANCTIONED_STATES)))
    ).mappings()
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["dataset"], r["entry_id"], family(r["schema"]))].append(r)
    groups = {k: v for k, v in groups.items() if len({r["id"] for r in v}) > 1}
    if not groups:
        return []
    ids = sorted({r["id"] for v in groups.values() for r in v})
    keys: dict[str, set[str]] = defaultdict(set)
    for i in range(0, len(ids), 500):
        for eid, schema, name, norm in conn.execute(
            select(aliases.c.entity_id, entities.c.schema, aliases.c.name, aliases.c.norm)
            .join(entities, entities.c.id == aliases.c.entity_id)
            .where(aliases.c.entity_id.in_(ids[i : i + 500]))
        ):
            keys[eid].add(decision_key(schema, norm or name_form(name, schema).norm))
    split = _split_pairs(conn)
    out = []
    for (dataset, entry_id, _fam), links in groups.items():
        links = sorted(links, key=lambda r: (-r["mention_count"], r["id"]))
        head, others = (
            links[0],
            [
                r
                for r in links[1:]
                if not any(frozenset((a, b)) in split for a in keys[links[0]["id"]] for b in keys[r["id"]])
            ],
        )
        if not others:
            continue
        caption = head["entry_caption"] or entry_id
        out.append(
            {
                "kind": "same-entry",
                "entity": _entity_summary(head),
                "others": [{**_entity_summary(r), "status": r["status"]} for r in others],
                "dataset": dataset,
                "entry_id": entry_id,
                "entry_caption": caption,
                "links": [{"dataset": dataset, "entry_id": entry_id, "status": head["status"]}],
                "sanctioned": True,
                "score": max(float(r["score"]) for r in links),
                "evidence_for": [
                    f"“{r['caption']}” and “{head['caption']}” both read as {caption} ({r['status']}, {head['status']})"
                    for r in others
                ],
                "evidence_against": [
                    "the resolver found too little name evidence to join them: one of the links may be wrong"
                ],
            }
        )
    return out


def _rank(item: Mapping[str, Any]) -> tuple:
    """Sanctions-list items first (a link to a sanctions entry, a merge on a listed actor), among them what
    reads as sanctioned now (a wrong label there is the worst error), then the most mentioned actors."""
    on_list = item["entry"]["sanctions_list"] if item["kind"] == "link" else bool(item["links"])
    return (
        not on_list,
        not item["sanctioned"],
        -item["entity"]["mention_count"],
        -item.get("score", 0.0),
        item["entity"]["id"],
    )


def queued_links(conn: Connection) -> list[dict[str, Any]]:
    """Links to review: every possible one, and probable ones whose evidence includes something against."""
    items = link_items(conn, (*REVIEW_STATES, "probable"))
    return [i for i in items if i["status"] in REVIEW_STATES or i["evidence_against"]]


def review_queue(engine: Engine, limit: int = 50, offset: int = 0, kind: str | None = None) -> dict[str, Any]:
    """One page of the review queue, most consequential first, with the totals per kind."""
    with engine.connect() as conn:
        links = queued_links(conn) if kind in (None, "link") else []
        merges = merge_items(conn) if kind in (None, "merge") else []
        same = same_entry_items(conn) if kind in (None, "merge", "same-entry") else []
    items = sorted([*links, *merges, *same], key=_rank)
    return {
        "total": len(items),
        "links": len(links),
        "merges": len(merges),
        "same_entry": len(same),
        "limit": limit,
        "offset": offset,
        "kind": kind,
        "items": items[offset : offset + limit],
    }


# --- one list entry ------------------------------------------------------------------------


def _version(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "id": row["id"],
        "dataset": row["dataset"],
        "format": row["format"],
        "source": row["source"],
        "published": _iso(row["published"]),
        "loaded_at": _iso(row["loaded_at"]),
        "digest": row["digest"],
        "entry_count": row["entry_count"],
    }


def list_entry(engine: Engine, dataset: str, entry_id: str) -> dict[str, Any] | None:
    """A stored list entry with all its fields, the list versions that carried it, and the news actors
    linked to it (rejected links included: they say who it is *not*). None when no such entry."""
    with engine.connect() as conn:
        row = (
            conn.execute(
                select(list_entries).where(list_entries.c.dataset == dataset, list_entries.c.entry_id == entry_id)
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        wanted = {row["first_version_id"], row["last_version_id"], row["removed_version_id"]} - {None}
        versions = {
            v["id"]: v for v in conn.execute(select(list_versions).where(list_versions.c.id.in_(wanted))).mappings()
        }
        current = (
            conn.execute(
                select(list_versions)
                .where(list_versions.c.dataset == dataset)
                .order_by(list_versions.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        actors = conn.execute(
            select(
                sanction_links.c.status,
                sanction_links.c.score,
                sanction_links.c.explanation,
                entities.c.id,
                entities.c.schema,
                entities.c.caption,
                entities.c.mention_count,
                entities.c.article_count,
            )
            .join(entities, entities.c.id == sanction_links.c.entity_id)
            .where(sanction_links.c.dataset == dataset, sanction_links.c.entry_id == entry_id)
            .order_by(entities.c.mention_count.desc(), entities.c.id)
        ).mappings()
        linked = [
            {
                **_entity_summary(a),
                "status": a["status"],
                "sanctioned": reads_sanctioned(a["status"]),
                "score": round(float(a["score"]), 3),
                "evidence_for": list(((a["explanation"] or {}).get("judgement") or {}).get("for") or []),
                "evidence_against": list(((a["explanation"] or {}).get("judgement") or {}).get("against") or []),
            }
            for a in actors
        ]
    data = dict(row["data"] or {})
    sanction = dict(data.get("sanction") or {})
    return {
        "dataset": dataset,
        "entry_id": entry_id,
        "caption": row["caption"],
        "schema": row["schema"],
        "properties": _props(data),
        "sanction": {"id": sanction.get("id"), "properties": _props(sanction)} if sanction else None,
        "links": data.get("links") or None,
        "summary": entry_brief(data),
        "digest": row["digest"],
        "first_version": _version(versions.get(row["first_version_id"])),
        "last_version": _version(versions.get(row["last_version_id"])),
        "removed_version": _version(versions.get(row["removed_version_id"])),
        "current_version": _version(current),
        "removed": row["removed_version_id"] is not None,
        "actors": linked,
    }


# --- every link, by state ------------------------------------------------------------------


def hits_page(
    engine: Engine,
    *,
    states: Iterable[str] = STATES,
    dataset: str | None = None,
    schema: str | None = None,
    sort: str = "mentions",
    descending: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of links (actor ↔ list entry) filtered by state, list and actor type, with facet counts."""
    if sort not in HIT_SORTS:
        raise ValueError(f"sort must be one of {', '.join(HIT_SORTS)}, not {sort!r}")
    states = [s for s in states if s in STATES]
    listed = func.coalesce(list_versions.c.published, func.date(list_versions.c.loaded_at))
    columns = {
        "mentions": entities.c.mention_count,
        "score": sanction_links.c.score,
        "actor": entities.c.caption,
        "entry": list_entries.c.caption,
        "state": sanction_links.c.status,
        "dataset": sanction_links.c.dataset,
        "listed": listed,
    }
    base = _link_select(
        sanction_links.c.id.label("link_id"), list_entries.c.removed_version_id, listed.label("first_listed")
    ).outerjoin(list_versions, list_versions.c.id == list_entries.c.first_version_id)
    conds = [sanction_links.c.status.in_(states)]
    if dataset:
        conds.append(sanction_links.c.dataset == dataset)
    if schema:
        conds.append(entities.c.schema == schema)
    order = desc if descending else asc
    query = (
        base.where(*conds)
        .order_by(
            order(columns[sort]), desc(entities.c.mention_count), desc(sanction_links.c.score), sanction_links.c.id
        )
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        total = conn.execute(
            select(func.count())
            .select_from(sanction_links.join(entities, entities.c.id == sanction_links.c.entity_id))
            .where(*conds)
        ).scalar_one()
        rows = conn.execute(query).mappings().all()
        by_state = dict(
            conn.execute(select(sanction_links.c.status, func.count()).group_by(sanction_links.c.status)).all()
        )
        datasets = [
            r[0] for r in conn.execute(select(sanction_links.c.dataset).distinct().order_by(sanction_links.c.dataset))
        ]
        schemas = [
            r[0]
            for r in conn.execute(
                select(entities.c.schema)
                .where(entities.c.id.in_(select(sanction_links.c.entity_id)))
                .distinct()
                .order_by(entities.c.schema)
            )
        ]
    results = []
    for r in rows:
        brief = entry_brief(r["data"])
        judgement = (r["explanation"] or {}).get("judgement") or {}
        results.append(
            {
                "entity": _entity_summary(r),
                "dataset": r["dataset"],
                "entry_id": r["entry_id"],
                "entry_caption": r["entry_caption"] or r["entry_id"],
                "score": round(float(r["score"]), 3),
                "status": r["status"],
                "sanctioned": reads_sanctioned(r["status"]),
                "programs": brief["programs"],
                "listing_date": brief["listing_date"],
                "listed_since": brief["listing_date"] or _iso(r["first_listed"]),
                "removed_from_list": r["removed_version_id"] is not None,
                "evidence_for": list(judgement.get("for") or []),
                "evidence_against": list(judgement.get("against") or []),
            }
        )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "sort": sort,
        "order": "desc" if descending else "asc",
        "filters": {"state": sorted(states, key=STATES.index), "dataset": dataset, "schema": schema},
        "counts": {s: int(by_state.get(s, 0)) for s in STATES},
        "datasets": datasets,
        "schemas": schemas,
        "results": results,
    }


def link_exists(engine: Engine, entity_id: str, dataset: str, entry_id: str) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(
                select(sanction_links.c.id).where(
                    sanction_links.c.entity_id == entity_id,
                    sanction_links.c.dataset == dataset,
                    sanction_links.c.entry_id == entry_id,
                )
            ).first()
            is not None
        )


def merge_choices(engine: Engine, entity_id: str, found: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Search hits another entity could be merged from: not the entity itself, and of the same kind of actor."""
    with engine.connect() as conn:
        schema = conn.execute(select(entities.c.schema).where(entities.c.id == entity_id)).scalar()
    if schema is None:
        return []
    return [
        dict(h)
        for h in found
        if h.get("id") and h["id"] != entity_id and family(str(h.get("schema") or "")) == family(schema)
    ]


def entity_brief(engine: Engine, entity_id: str) -> dict[str, Any] | None:
    """An entity's summary and names (most used first): one side of a merge decision."""
    with engine.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
        if row is None:
            return None
        names = [
            {"name": n, "count": c}
            for n, c in conn.execute(
                select(aliases.c.name, aliases.c.count)
                .where(aliases.c.entity_id == entity_id)
                .order_by(aliases.c.count.desc(), aliases.c.name)
                .limit(MERGE_NAMES)
            )
        ]
    return {**_entity_summary(row), "aliases": names}
