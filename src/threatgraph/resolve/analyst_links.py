"""Analyst link states across ``rebuild``: carried by name, not only by entity id.

Why: a confirmed or rejected link hangs on an entity id (``sanction_links.entity_id``, cascading on
delete). ``rebuild`` gives most entities their ids back, but not all: when an analyst merge joined
two entities, the rebuilt one may come back under the other's id, and the old id is deleted at the
end, taking the analyst's link state with it. So before a rebuild the analyst states are saved with
the name keys of the entity they were on, and afterwards each one whose entity did not come back is
put on the entity that now carries most of those names (by mentions). When two saved states meet on
one entity and list entry and disagree, ``rejected`` wins: a wrong "sanctioned" label is the worst
error, and the analyst can confirm again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from threatgraph.names.forms import decision_key, family
from threatgraph.store.schema import aliases, entities, sanction_links
from threatgraph.store.states import ANALYST_STATES

BATCH = 500


@dataclass(slots=True)
class SavedLink:
    """One analyst link state and the names of the entity it was on."""

    entity_id: str
    dataset: str
    entry_id: str
    status: str
    score: float
    explanation: dict[str, Any]
    family: str
    norms: dict[str, int]  # alias norm -> mentions


def save(engine: Engine) -> list[SavedLink]:
    """Every confirmed or rejected link with its entity's alias norms (read before ``rebuild`` wipes aliases)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                sanction_links.c.entity_id,
                sanction_links.c.dataset,
                sanction_links.c.entry_id,
                sanction_links.c.status,
                sanction_links.c.score,
                sanction_links.c.explanation,
                entities.c.schema,
                entities.c.norm,
            )
            .join(entities, entities.c.id == sanction_links.c.entity_id)
            .where(sanction_links.c.status.in_(ANALYST_STATES))
        ).all()
        ids = sorted({r[0] for r in rows})
        norms: dict[str, dict[str, int]] = defaultdict(dict)
        for i in range(0, len(ids), BATCH):
            for eid, norm, count in conn.execute(
                select(aliases.c.entity_id, aliases.c.norm, aliases.c.count).where(
                    aliases.c.entity_id.in_(ids[i : i + BATCH])
                )
            ):
                if norm:
                    norms[eid][norm] = norms[eid].get(norm, 0) + int(count or 0)
    out = []
    for eid, dataset, entry_id, status, score, explanation, schema, norm in rows:
        names = dict(norms.get(eid) or {})
        if norm and norm not in names:
            names[norm] = 1
        out.append(
            SavedLink(eid, dataset, entry_id, status, float(score), dict(explanation or {}), family(schema), names)
        )
    return out


def _new_home(conn: Any, link: SavedLink) -> str | None:
    """The entity of the same kind now carrying most of the link's names (weighted by their old mentions)."""
    weight: dict[str, int] = defaultdict(int)
    norms = sorted(link.norms)
    for i in range(0, len(norms), BATCH):
        for eid, schema, norm in conn.execute(
            select(aliases.c.entity_id, entities.c.schema, aliases.c.norm)
            .join(entities, entities.c.id == aliases.c.entity_id)
            .where(aliases.c.norm.in_(norms[i : i + BATCH]))
        ):
            if decision_key(schema, norm) == decision_key(link.family, norm):
                weight[eid] += max(1, link.norms.get(norm, 1))
    if not weight:
        return None
    return max(sorted(weight), key=lambda e: weight[e])


def restore(engine: Engine, saved: list[SavedLink]) -> int:
    """Put back every saved analyst state whose link is gone or lost its state; returns how many were put back."""
    if not saved:
        return 0
    restored = 0
    with engine.begin() as conn:
        wanted: dict[tuple[str, str, str], SavedLink] = {}
        for link in saved:
            alive = conn.execute(select(entities.c.id).where(entities.c.id == link.entity_id)).first()
            home = link.entity_id if alive else _new_home(conn, link)
            if home is None:
                continue
            key = (home, link.dataset, link.entry_id)
            if key not in wanted or link.status == "rejected":
                wanted[key] = link
        for (eid, dataset, entry_id), link in wanted.items():
            row = conn.execute(
                select(sanction_links.c.id, sanction_links.c.status).where(
                    sanction_links.c.entity_id == eid,
                    sanction_links.c.dataset == dataset,
                    sanction_links.c.entry_id == entry_id,
                )
            ).first()
            if row is None:
                conn.execute(
                    insert(sanction_links).values(
                        entity_id=eid,
                        dataset=dataset,
                        entry_id=entry_id,
                        score=link.score,
                        explanation=link.explanation,
                        status=link.status,
                        created_at=datetime.now(UTC),
                    )
                )
                restored += 1
            elif row[1] != link.status:
                conn.execute(update(sanction_links).where(sanction_links.c.id == row[0]).values(status=link.status))
                restored += 1
    return restored
