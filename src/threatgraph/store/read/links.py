"""Sanctions links of news actors, with what the matched list entry says (programs, listing date, history)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Select, and_, select

from threatgraph.store.read.common import day, iso, profile
from threatgraph.store.records import SanctionLink, SanctionsHit
from threatgraph.store.schema import entities, list_entries, list_versions, sanction_links
from threatgraph.store.states import reads_sanctioned


def _props(data: dict[str, Any] | None) -> dict[str, list[Any]]:
    return dict((data or {}).get("properties") or {})


def entry_summary(data: dict[str, Any] | None) -> dict[str, Any]:
    """Programs, listing date, authority and names of a stored list entry (FtM dict + "sanction")."""
    data = data or {}
    props = _props(data)
    sanction = _props(data.get("sanction"))
    dates = sorted(
        str(d)[:10] for p in ("listingDate", "startDate") for d in (sanction.get(p) or []) if d and str(d)[:4].isdigit()
    )
    names: list[str] = []
    for p in ("name", "alias", "weakAlias", "previousName"):
        for n in props.get(p) or []:
            if n not in names:
                names.append(n)
    return {
        "programs": list(dict.fromkeys(sanction.get("program") or [])),
        "listing_date": dates[0] if dates else None,
        "authority": (sanction.get("authority") or [None])[0],
        "names": names[:20],
        "countries": list(dict.fromkeys(props.get("country") or props.get("nationality") or [])),
        "topics": props.get("topics") or [],
    }


def links_query(which: ColumnElement[bool], include_rejected: bool = True) -> Select[Any]:
    """The sanctions links ``which`` selects (a condition on ``sanction_links``) joined with their list entry
    and its first and removal versions, best score first (one row per link; :func:`link_record` makes it a record)."""
    first = list_versions.alias("first_version")
    removed = list_versions.alias("removed_version")
    q = (
        select(
            sanction_links.c.entity_id,
            sanction_links.c.dataset,
            sanction_links.c.entry_id,
            sanction_links.c.score,
            sanction_links.c.status,
            sanction_links.c.explanation,
            sanction_links.c.created_at,
            list_entries.c.caption,
            list_entries.c.schema,
            list_entries.c.data,
            first.c.published.label("first_published"),
            first.c.loaded_at.label("first_loaded"),
            removed.c.published.label("removed_published"),
            list_entries.c.removed_version_id,
        )
        .select_from(
            sanction_links.outerjoin(
                list_entries,
                and_(
                    list_entries.c.dataset == sanction_links.c.dataset,
                    list_entries.c.entry_id == sanction_links.c.entry_id,
                ),
            )
            .outerjoin(first, first.c.id == list_entries.c.first_version_id)
            .outerjoin(removed, removed.c.id == list_entries.c.removed_version_id)
        )
        .where(which)
        .order_by(sanction_links.c.score.desc())
    )
    if not include_rejected:
        q = q.where(sanction_links.c.status != "rejected")
    return q


def link_record(r: Mapping[str, Any]) -> SanctionLink:
    """One row of :func:`links_query` as a record, with what its list entry says."""
    summary = entry_summary(r["data"])
    return SanctionLink(
        dataset=r["dataset"],
        entry_id=r["entry_id"],
        caption=r["caption"],
        schema=r["schema"],
        score=round(float(r["score"]), 3),
        status=r["status"],
        sanctioned=reads_sanctioned(r["status"]),
        judgement=(r["explanation"] or {}).get("judgement"),
        programs=summary["programs"],
        listing_date=summary["listing_date"],
        listed_since=summary["listing_date"] or iso(r["first_published"]),
        first_list_version=iso(r["first_published"]) or iso(day(r["first_loaded"])),
        authority=summary["authority"],
        entry_names=summary["names"],
        entry_countries=summary["countries"],
        removed_from_list=r["removed_version_id"] is not None,
        removed_date=iso(r["removed_published"]),
        explanation=r["explanation"],
        linked_at=iso(r["created_at"]),
    )


def links_of(conn: Connection, entity_ids: list[str], include_rejected: bool = True) -> dict[str, list[SanctionLink]]:
    """Sanctions links of these entities with their list entry's data and version dates, best score first."""
    if not entity_ids:
        return {}
    out: dict[str, list[SanctionLink]] = defaultdict(list)
    for r in conn.execute(links_query(sanction_links.c.entity_id.in_(entity_ids), include_rejected)).mappings():
        out[r["entity_id"]].append(link_record(r))
    return out


def hits(engine: Engine, include_rejected: bool = False) -> list[SanctionsHit]:
    """Every news actor with a sanctions link, most mentioned first, with its links.

    Each hit says whether it reads as sanctioned (a confirmed or probable link) or only awaits
    review (possible links); sanctioned hits come first."""
    with engine.connect() as conn:
        q = select(sanction_links.c.entity_id).distinct()
        if not include_rejected:
            q = q.where(sanction_links.c.status != "rejected")
        ids = [r[0] for r in conn.execute(q)]
        if not ids:
            return []
        links = links_of(conn, ids, include_rejected)
        rows = conn.execute(select(entities).where(entities.c.id.in_(ids))).mappings().all()
    out = []
    for r in rows:
        own = links.get(r["id"], [])
        out.append(
            SanctionsHit(
                **profile(r),
                best_score=max((link.score for link in own), default=0.0),
                sanctioned=any(link.sanctioned for link in own),
                links=own,
            )
        )
    out.sort(key=lambda h: (not h.sanctioned, -h.mention_count, -h.best_score, h.caption))
    return out
