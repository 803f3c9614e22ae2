"""An entity by name (fuzzy, any script, through the one name stack) or by id, best first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from threatgraph.names.align import compare_names
from threatgraph.names.forms import blocking_keys, family, name_form
from threatgraph.store.read import limits
from threatgraph.store.records import SearchHit
from threatgraph.store.schema import aliases, entities, resolve_keys, sanction_links
from threatgraph.store.states import SANCTIONED_STATES

_FAMILIES = {"Person": "Person", "Organization": "Organization", "Place": "Location", "Nationality": "Nationality"}
#: Candidates scored per lookup: those sharing most blocking keys, else those with the text in an alias.
KEY_CANDIDATES = 200
SUBSTRING_CANDIDATES = 50


def like(text: str) -> str:
    """``text`` escaped for a LIKE pattern (``\\`` is the escape character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_entities(engine: Engine, name: str, limit: int = 10) -> list[SearchHit]:
    """Entities whose aliases match ``name`` (fuzzy, any script), best first.

    Each hit: id, schema, caption, score, matched alias, mention/article counts and whether the
    entity has a sanctions link that reads as sanctioned. An entity id ("ent-…") is accepted as well.
    """
    name = (name or "").strip()
    if not name:
        return []
    with engine.connect() as conn:
        scores: dict[str, tuple[float, str]] = {}
        if name.startswith("ent-") and conn.execute(select(entities.c.id).where(entities.c.id == name)).first():
            scores[name] = (1.0, name)
        keys: set[str] = set()
        forms = {}
        for fam, label in _FAMILIES.items():
            form = name_form(name, label)
            if form.core:
                forms[fam] = form
                keys |= blocking_keys(form, label)
        cands: list[str] = []
        if keys:
            cands = [
                r[0]
                for r in conn.execute(
                    select(resolve_keys.c.entity_id, func.count().label("n"))
                    .where(resolve_keys.c.key.in_(sorted(keys)))
                    .group_by(resolve_keys.c.entity_id)
                    .order_by(func.count().desc())
                    .limit(KEY_CANDIDATES)
                )
            ]
        if not cands:  # nothing shares a key: a substring of an alias still counts
            cands = [
                r[0]
                for r in conn.execute(
                    select(aliases.c.entity_id)
                    .where(aliases.c.name.ilike(f"%{like(name)}%", escape="\\"))
                    .limit(SUBSTRING_CANDIDATES)
                )
            ]
        # One statement for every candidate: its row, whether it reads as sanctioned, and its aliases to score (the
        # old path sent four, each a round trip a busy server waits for longer than the database works on it).
        flagged = (
            select(sanction_links.c.id)
            .where(sanction_links.c.entity_id == entities.c.id, sanction_links.c.status.in_(SANCTIONED_STATES))
            .exists()
        )
        scored = set(cands)
        rows: dict[str, Any] = {}
        wanted = sorted(scored | set(scores))
        candidates = (
            select(
                entities.c.id,
                entities.c.schema,
                entities.c.caption,
                entities.c.mention_count,
                entities.c.article_count,
                flagged.label("sanctioned"),
                aliases.c.name,
            )
            .select_from(entities.outerjoin(aliases, aliases.c.entity_id == entities.c.id))
            .where(entities.c.id.in_(wanted))
            .order_by(entities.c.id, aliases.c.id)
        )
        for r in conn.execute(candidates).mappings().all() if wanted else []:
            eid, alias = r["id"], r["name"]
            rows.setdefault(eid, r)
            if alias is None or eid not in scored:
                continue
            fam = family(r["schema"])
            query = forms.get(fam) or name_form(name, r["schema"])
            s = compare_names(query, name_form(alias, r["schema"]), person=fam == "Person").score
            if name.casefold() in alias.casefold():
                s = max(s, 0.7)
            if s > scores.get(eid, (0.0, ""))[0]:
                scores[eid] = (s, alias)
    found = [(eid, s, alias) for eid, (s, alias) in scores.items() if s >= limits.FIND_THRESHOLD]
    out = [
        SearchHit(
            id=eid,
            schema=rows[eid]["schema"],
            caption=rows[eid]["caption"],
            score=round(s, 3),
            matched=alias,
            mention_count=rows[eid]["mention_count"],
            article_count=rows[eid]["article_count"],
            sanctioned=bool(rows[eid]["sanctioned"]),
        )
        for eid, s, alias in found
        if eid in rows
    ]
    out.sort(key=lambda h: (-h.score, -h.mention_count, h.caption))
    return out[:limit]


def resolve_ref(engine: Engine, ref: str) -> str | None:
    """An entity id for a CLI/API reference: an id, or a name whose best hit is unambiguous."""
    found = find_entities(engine, ref, limit=2)
    if not found:
        return None
    if found[0].id == ref or len(found) == 1 or found[0].score > found[1].score:
        return found[0].id
    return None
