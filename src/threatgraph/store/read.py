"""Read-side queries over resolved entities: lookup, actor dossier, relations graph, sanctions hits.

Shared by the CLI (``threatgraph entity``, ``hits``), the API (returns these dicts as JSON as they
are) and the web pages. Every function returns plain JSON-ready values (dates as ISO strings) and
reads with indexed lookups and LIMITs only, so a dossier stays fast on a large archive: the
articles of an entity are taken from its most recent mentions (``ix_mentions_entity`` walked
backwards), its events from the newest ids of the two role indexes, and the quotes about it from
its mentions in those articles (``ix_mentions_entity_article``), never from a scan or a join
over all its mentions. Lists are bounded; true totals (``counts``) and :func:`timeline` pages
say and fetch what lies beyond. ``tests/test_read.py`` checks every statement's plan for scans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select, union

from threatgraph.names.align import compare_names
from threatgraph.names.forms import blocking_keys, family, name_form
from threatgraph.store.schema import (
    aliases,
    articles,
    entities,
    events,
    list_entries,
    list_versions,
    mentions,
    quotes,
    resolve_keys,
    sanction_links,
)
from threatgraph.store.states import SANCTIONED_STATES, reads_sanctioned

#: Limits that keep a dossier bounded whatever the archive size.
ARTICLES = 50
RECENT_MENTIONS = 600
SENTENCES_PER_ARTICLE = 3
TIMELINE = 200
QUOTES = 50
RELATED = 30
ALIASES = 100
GRAPH_FANOUT = 8
#: Lowest name score a lookup hit needs.
FIND_THRESHOLD = 0.6
_FAMILIES = {"Person": "Person", "Organization": "Organization", "Place": "Location", "Nationality": "Nationality"}


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


# --- lookup ---------------------------------------------------------------------------------


def find_entities(engine: Engine, name: str, limit: int = 10) -> list[dict[str, Any]]:
    """Entities whose aliases match ``name`` (fuzzy, any script), best first.

    Each hit: id, schema, caption, score, matched alias, mention/article counts and whether the
    entity has a sanctions link. An entity id ("ent-…") is accepted as well.
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
                    .limit(200)
                )
            ]
        if not cands:  # nothing shares a key: a substring of an alias still counts
            cands = [
                r[0]
                for r in conn.execute(
                    select(aliases.c.entity_id).where(aliases.c.name.ilike(f"%{_like(name)}%", escape="\\")).limit(50)
                )
            ]
        if cands:
            schema_of = {
                r[0]: r[1]
                for r in conn.execute(select(entities.c.id, entities.c.schema).where(entities.c.id.in_(cands)))
            }
            for eid, alias in conn.execute(
                select(aliases.c.entity_id, aliases.c.name).where(aliases.c.entity_id.in_(cands))
            ):
                schema = schema_of.get(eid)
                if schema is None:
                    continue
                fam = family(schema)
                query = forms.get(fam) or name_form(name, schema)
                s = compare_names(query, name_form(alias, schema), person=fam == "Person").score
                if name.casefold() in alias.casefold():
                    s = max(s, 0.7)
                if s > scores.get(eid, (0.0, ""))[0]:
                    scores[eid] = (s, alias)
        hits = [(eid, s, alias) for eid, (s, alias) in scores.items() if s >= FIND_THRESHOLD]
        if not hits:
            return []
        rows = {
            r["id"]: r for r in conn.execute(select(entities).where(entities.c.id.in_([h[0] for h in hits]))).mappings()
        }
        linked = {
            r[0]
            for r in conn.execute(
                select(sanction_links.c.entity_id)
                .where(sanction_links.c.entity_id.in_(list(rows)), sanction_links.c.status.in_(SANCTIONED_STATES))
                .distinct()
            )
        }
    out = []
    for eid, s, alias in hits:
        r = rows.get(eid)
        if r is None:
            continue
        out.append(
            {
                "id": eid,
                "schema": r["schema"],
                "caption": r["caption"],
                "score": round(s, 3),
                "matched": alias,
                "mention_count": r["mention_count"],
                "article_count": r["article_count"],
                "sanctioned": eid in linked,
            }
        )
    out.sort(key=lambda h: (-h["score"], -h["mention_count"], h["caption"]))
    return out[:limit]


def _profile(row: Any) -> dict[str, Any]:
    """The fields every entity summary carries (hits, dossier), JSON-ready."""
    return {
        "id": row["id"],
        "schema": row["schema"],
        "caption": row["caption"],
        "mention_count": row["mention_count"],
        "article_count": row["article_count"],
        "first_seen": _iso(row["first_seen"]),
        "last_seen": _iso(row["last_seen"]),
    }


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- sanctions ------------------------------------------------------------------------------


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


def _links(conn: Connection, entity_ids: list[str], include_rejected: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Sanctions links of these entities with their list entry's data and version dates."""
    if not entity_ids:
        return {}
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
        .where(sanction_links.c.entity_id.in_(entity_ids))
        .order_by(sanction_links.c.score.desc())
    )
    if not include_rejected:
        q = q.where(sanction_links.c.status != "rejected")
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(q).mappings():
        summary = entry_summary(r["data"])
        out[r["entity_id"]].append(
            {
                "dataset": r["dataset"],
                "entry_id": r["entry_id"],
                "caption": r["caption"],
                "schema": r["schema"],
                "score": round(float(r["score"]), 3),
                "status": r["status"],
                # Only confirmed and probable links read as sanctioned; possible ones await review.
                "sanctioned": reads_sanctioned(r["status"]),
                "judgement": (r["explanation"] or {}).get("judgement"),
                "programs": summary["programs"],
                "listing_date": summary["listing_date"],
                # Lists without designation dates: the first loaded version that carried the entry.
                "listed_since": summary["listing_date"] or _iso(r["first_published"]),
                "first_list_version": _iso(r["first_published"]) or _iso(_day(r["first_loaded"])),
                "authority": summary["authority"],
                "entry_names": summary["names"],
                "entry_countries": summary["countries"],
                "removed_from_list": r["removed_version_id"] is not None,
                "removed_date": _iso(r["removed_published"]),
                "explanation": r["explanation"],
                "linked_at": _iso(r["created_at"]),
            }
        )
    return out


def hits(engine: Engine, include_rejected: bool = False) -> list[dict[str, Any]]:
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
        links = _links(conn, ids, include_rejected)
        rows = conn.execute(select(entities).where(entities.c.id.in_(ids))).mappings().all()
    out = [
        {
            **_profile(r),
            "best_score": max((link["score"] for link in links.get(r["id"], [])), default=0.0),
            "sanctioned": any(link["sanctioned"] for link in links.get(r["id"], [])),
            "links": links.get(r["id"], []),
        }
        for r in rows
    ]
    out.sort(key=lambda h: (not h["sanctioned"], -h["mention_count"], -h["best_score"], h["caption"]))
    return out


# --- dossier --------------------------------------------------------------------------------


def _recent_articles(conn: Connection, entity_id: str) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    """Most recently ingested articles of an entity and up to three evidence sentences in each."""
    rows = conn.execute(
        select(mentions.c.article_id, mentions.c.sentence, mentions.c.text, mentions.c.start, mentions.c.end)
        .where(mentions.c.entity_id == entity_id)
        .order_by(mentions.c.id.desc())
        .limit(RECENT_MENTIONS)
    ).all()
    order: list[str] = []
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for aid, sentence, text, start, end in rows:
        if aid not in evidence:
            if len(order) >= ARTICLES:
                continue
            order.append(aid)
        ev = evidence[aid]
        if len(ev) < SENTENCES_PER_ARTICLE and all(e["sentence"] != sentence for e in ev):
            ev.append({"sentence": sentence, "text": text, "start": start, "end": end})
    for ev in evidence.values():
        ev.sort(key=lambda e: e["start"])
    return order, evidence


def _recent_article_ids(conn: Connection, entity_id: str) -> list[str]:
    """The articles :func:`_recent_articles` picks, without their evidence (for the graph)."""
    rows = conn.execute(
        select(mentions.c.article_id)
        .where(mentions.c.entity_id == entity_id)
        .order_by(mentions.c.id.desc())
        .limit(RECENT_MENTIONS)
    )
    return list(dict.fromkeys(r[0] for r in rows))[:ARTICLES]


def _captions(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    ids.discard(None)  # type: ignore[arg-type]
    if not ids:
        return {}
    return {
        r[0]: {"id": r[0], "caption": r[1], "schema": r[2]}
        for r in conn.execute(
            select(entities.c.id, entities.c.caption, entities.c.schema).where(entities.c.id.in_(sorted(ids)))
        )
    }


def _timeline(
    conn: Connection, entity_id: str, before: int | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """The newest ``limit`` events the entity is source or target of (ids below ``before``), by date.

    Each role is one backwards walk of its index (``ix_events_source_entity`` /
    ``ix_events_target_entity``), so a page costs the same for an actor in 40k events as in 4.
    """
    cols = [
        events.c.id,
        events.c.article_id,
        events.c.type,
        events.c.subtype,
        events.c.trigger,
        events.c.source_text,
        events.c.source_entity_id,
        events.c.target_text,
        events.c.target_entity_id,
        events.c.place,
        events.c.date_text,
        events.c.date_start,
        events.c.date_end,
        events.c.date_precision,
        events.c.negated,
        events.c.hedged,
        events.c.modality,
        events.c.sentence,
    ]
    limit = limit or TIMELINE
    walks = []
    for role in (events.c.source_entity_id, events.c.target_entity_id):
        q = select(events.c.id).where(role == entity_id)
        if before is not None:
            q = q.where(events.c.id < before)
        walks.append(q.order_by(events.c.id.desc()).limit(limit).subquery())
    # Ids first (index-only walks), then the newest ``limit`` of their union as whole rows.
    newest = union(*(select(w.c.id) for w in walks)).subquery()
    unique = (
        conn.execute(
            select(*cols).where(events.c.id.in_(select(newest.c.id))).order_by(events.c.id.desc()).limit(limit)
        )
        .mappings()
        .all()
    )
    art = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute(
            select(articles.c.id, articles.c.title, articles.c.published, articles.c.outlet).where(
                articles.c.id.in_(sorted({r["article_id"] for r in unique}))
            )
        )
    }
    caps = _captions(conn, {r["source_entity_id"] for r in unique} | {r["target_entity_id"] for r in unique})
    out = []
    for r in unique:
        title, published, outlet = art.get(r["article_id"], (None, None, None))
        when = r["date_start"] or published
        out.append(
            {
                "event_id": r["id"],
                "date": _iso(when),
                "date_end": _iso(r["date_end"]),
                "date_text": r["date_text"],
                "date_precision": r["date_precision"] if r["date_start"] else ("published" if published else None),
                "type": r["type"],
                "subtype": r["subtype"],
                "trigger": r["trigger"],
                "role": "source" if r["source_entity_id"] == entity_id else "target",
                "source": caps.get(r["source_entity_id"])
                or ({"caption": r["source_text"]} if r["source_text"] else None),
                "target": caps.get(r["target_entity_id"])
                or ({"caption": r["target_text"]} if r["target_text"] else None),
                "place": r["place"],
                "negated": bool(r["negated"]),
                "hedged": bool(r["hedged"]),
                "modality": r["modality"],
                "sentence": r["sentence"],
                "article_id": r["article_id"],
                "article_title": title,
                "outlet": outlet,
                "published": _iso(published),
            }
        )
    out.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["event_id"]))
    return out


def _quotes(
    conn: Connection, entity_id: str, article_ids: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Quotes the entity spoke (newest first) and quotes naming it in its recent articles."""
    cols = [
        quotes.c.id,
        quotes.c.article_id,
        quotes.c.text,
        quotes.c.speaker,
        quotes.c.speaker_entity_id,
        quotes.c.speaker_title,
        quotes.c.speaker_affiliation,
        quotes.c.cue,
        quotes.c.outlet,
        quotes.c.direct,
    ]
    by = (
        conn.execute(
            select(*cols).where(quotes.c.speaker_entity_id == entity_id).order_by(quotes.c.id.desc()).limit(QUOTES)
        )
        .mappings()
        .all()
    )
    about = _quotes_about(conn, entity_id, article_ids, cols)
    aids = {r["article_id"] for r in [*by, *about]}
    art = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            select(articles.c.id, articles.c.title, articles.c.published).where(articles.c.id.in_(sorted(aids)))
        )
    }
    caps = _captions(conn, {r["speaker_entity_id"] for r in about})

    def row(r: Any) -> dict[str, Any]:
        title, published = art.get(r["article_id"], (None, None))
        return {
            "quote_id": r["id"],
            "text": r["text"],
            "direct": bool(r["direct"]),
            "speaker": r["speaker"],
            "speaker_entity": caps.get(r["speaker_entity_id"]) if r["speaker_entity_id"] != entity_id else None,
            "speaker_title": r["speaker_title"],
            "speaker_affiliation": r["speaker_affiliation"],
            "cue": r["cue"],
            "outlet": r["outlet"],
            "article_id": r["article_id"],
            "article_title": title,
            "published": _iso(published),
        }

    return [row(r) for r in by], [row(r) for r in about]


def _quotes_about(conn: Connection, entity_id: str, article_ids: list[str], cols: list[Any]) -> list[Any]:
    """Quotes (not spoken by the entity) whose span holds one of its mentions, in these articles.

    Two indexed reads matched in Python rather than one join: given a join, the planner walks
    every mention of the entity (``ix_mentions_entity``: 80k rows for a heavy actor) before it
    looks at the 50 articles; here the entity's spans come from ``ix_mentions_entity_article``
    (one seek per article) and the quotes from ``ix_quotes_article``.
    """
    if not article_ids:
        return []
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, start, end in conn.execute(
        select(mentions.c.article_id, mentions.c.start, mentions.c.end).where(
            mentions.c.entity_id == entity_id, mentions.c.article_id.in_(article_ids)
        )
    ):
        spans[aid].append((start, end))
    if not spans:
        return []
    rank = {aid: i for i, aid in enumerate(article_ids)}
    found = [
        r
        for r in conn.execute(
            select(*cols, quotes.c.start, quotes.c.end)
            .where(
                quotes.c.article_id.in_(sorted(spans)),
                or_(quotes.c.speaker_entity_id.is_(None), quotes.c.speaker_entity_id != entity_id),
            )
            .order_by(quotes.c.id)
        ).mappings()
        if any(r["start"] <= s0 and e0 <= r["end"] for s0, e0 in spans[r["article_id"]])
    ]
    found.sort(key=lambda r: rank[r["article_id"]])  # newest articles first, quotes in text order
    return found[:QUOTES]


def event_counts(conn: Connection, entity_id: str) -> dict[str, int]:
    """How many events have the entity as source and as target, and how many quotes it spoke.

    Counted on the role indexes alone (no table rows), ~1 ms each for an actor in 40k events.
    An event with the entity in both roles counts in both.
    """

    def count(col: Any, table: Any) -> Any:
        return select(func.count()).select_from(table).where(col == entity_id).scalar_subquery()

    row = conn.execute(
        select(
            count(events.c.source_entity_id, events),
            count(events.c.target_entity_id, events),
            count(quotes.c.speaker_entity_id, quotes),
        )
    ).one()
    return {"source_events": row[0], "target_events": row[1], "quotes_by": row[2]}


def timeline(engine: Engine, entity_id: str, before: int | None = None, limit: int | None = None) -> dict[str, Any]:
    """One page of an entity's timeline, for "more" beyond what the dossier carries.

    ``events`` are the newest ``limit`` events with an id below ``before`` (all when None),
    sorted by date like the dossier's; ``next_before`` is the ``before`` of the next (older)
    page, or None when this page reaches the oldest event.
    """
    limit = max(1, min(limit or TIMELINE, 1000))
    with engine.connect() as conn:
        page = _timeline(conn, entity_id, before, limit + 1)
    ids = sorted((e["event_id"] for e in page), reverse=True)
    more = len(ids) > limit
    if more:
        page = [e for e in page if e["event_id"] != ids[limit]]
    return {"events": page, "next_before": ids[limit - 1] if more else None}


def _timeline_edges(entity_id: str, timeline: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    """Event counterparts in a dossier timeline: other entity id -> "TYPE:out|in" -> count."""
    edges: dict[str, Counter[str]] = defaultdict(Counter)
    for ev in timeline:
        other = ev["target"] if ev["role"] == "source" else ev["source"]
        if (
            other
            and other.get("id")
            and other["id"] != entity_id
            and ev["modality"] == "asserted"
            and not ev["negated"]
        ):
            direction = "out" if ev["role"] == "source" else "in"
            edges[other["id"]][f"{ev['type']}:{direction}"] += 1
    return edges


def _event_edges(conn: Connection, entity_id: str) -> dict[str, Counter[str]]:
    """The same counts as :func:`_timeline_edges` over the same newest events, from light rows.

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
            .limit(TIMELINE)
        ):
            rows[eid] = (src, tgt, typ, mod == "asserted" and not neg)
    edges: dict[str, Counter[str]] = defaultdict(Counter)
    for eid in sorted(rows, reverse=True)[:TIMELINE]:
        src, tgt, typ, fact = rows[eid]
        other, direction = (tgt, "out") if src == entity_id else (src, "in")
        if other and other != entity_id and fact:  # only what the text asserts happened draws an edge
            edges[other][f"{typ}:{direction}"] += 1
    return edges


def _related(
    conn: Connection, entity_id: str, article_ids: list[str], edges: dict[str, Counter[str]], keep: int | None = None
) -> list[dict]:
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
    ids = set(sorted(co, key=lambda e: -co[e])[:RELATED]) | set(edges)
    if keep is not None:
        strength = {e: co.get(e, 0) + sum(edges.get(e, Counter()).values()) for e in ids}
        ids = set(sorted(ids, key=lambda e: (-strength[e], e))[:keep])
    caps = _captions(conn, set(ids))
    out = []
    for eid in ids:
        if eid not in caps:
            continue
        out.append(
            {
                **caps[eid],
                "cooccurrence": co.get(eid, 0),
                "events": [
                    {"type": k.split(":")[0], "direction": k.split(":")[1], "count": n}
                    for k, n in edges.get(eid, Counter()).items()
                ],
            }
        )
    out.sort(key=lambda r: (-sum(e["count"] for e in r["events"]) - r["cooccurrence"], r["caption"]))
    return out[: RELATED + len(edges)]


def dossier(engine: Engine, entity_id: str) -> dict[str, Any] | None:
    """Everything known about one actor, or None: profile, aliases with scripts, sanctions links
    with the matched entry's programs and listing date, articles with evidence sentences, a dated
    timeline of events, quotes by and about it, and related entities for the relations graph.

    Lists are bounded (newest ARTICLES articles, TIMELINE events, QUOTES quotes; co-occurrence
    over the recent articles) so the heaviest actor reads in ~10 ms at 100k articles; ``counts``
    holds the true totals and ``timeline_next_before`` pages on through :func:`timeline`."""
    with engine.connect() as conn:
        ent = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
        if ent is None:
            return None
        alias_rows = conn.execute(
            select(aliases.c.name, aliases.c.script, aliases.c.count)
            .where(aliases.c.entity_id == entity_id)
            .order_by(aliases.c.count.desc(), aliases.c.name)
            .limit(ALIASES)
        ).all()
        links = _links(conn, [entity_id]).get(entity_id, [])
        order, evidence = _recent_articles(conn, entity_id)
        arts = {
            r["id"]: r
            for r in conn.execute(
                select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.url, articles.c.published).where(
                    articles.c.id.in_(order)
                )
            ).mappings()
        }
        timeline = _timeline(conn, entity_id)
        quotes_by, quotes_about = _quotes(conn, entity_id, order)
        if len(timeline) < TIMELINE and len(quotes_by) < QUOTES:  # nothing cut: the lists are the totals
            counts = {
                "source_events": sum(1 for e in timeline if (e["source"] or {}).get("id") == entity_id),
                "target_events": sum(1 for e in timeline if (e["target"] or {}).get("id") == entity_id),
                "quotes_by": len(quotes_by),
            }
        else:
            counts = event_counts(conn, entity_id)
        related = _related(conn, entity_id, order, _timeline_edges(entity_id, timeline))
    article_list = [
        {
            "id": aid,
            "title": arts[aid]["title"],
            "outlet": arts[aid]["outlet"],
            "url": arts[aid]["url"],
            "published": _iso(arts[aid]["published"]),
            "evidence": evidence[aid],
        }
        for aid in order
        if aid in arts
    ]
    article_list.sort(key=lambda a: a["published"] or "", reverse=True)
    complete = len(timeline) < TIMELINE or counts["source_events"] + counts["target_events"] <= TIMELINE
    props = ent["props"] or {}
    active = [link for link in links if link["sanctioned"]]
    return {
        **_profile(ent),
        "norm": ent["norm"],
        "labels": props.get("labels", {}),
        "aliases": [{"name": n, "script": s, "count": c} for n, s, c in alias_rows],
        "scripts": sorted({s for _, s, _ in alias_rows}),
        "sanctioned": bool(active),
        "sanctions": links,
        "articles": article_list,
        "timeline": timeline,
        # Totals behind the bounded lists: the timeline holds the newest TIMELINE events; older
        # pages come from timeline(engine, id, before=timeline_next_before).
        "counts": counts,
        "timeline_next_before": None if complete else min(e["event_id"] for e in timeline),
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "related": related,
    }


def entity_graph(engine: Engine, entity_id: str, depth: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges around an entity (co-occurrence and event edges), ``depth`` hops (max 2)."""
    depth = max(1, min(2, depth))
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    frontier = [entity_id]
    with engine.connect() as conn:
        root = conn.execute(
            select(entities.c.id, entities.c.caption, entities.c.schema, entities.c.mention_count).where(
                entities.c.id == entity_id
            )
        ).first()
        if root is None:
            return {"nodes": [], "edges": []}
        nodes[entity_id] = {"id": root[0], "caption": root[1], "schema": root[2], "depth": 0}
        for level in range(1, depth + 1):
            nxt: list[str] = []
            # The second hop expands only the strongest neighbours, and keeps their strongest
            # relations, so a graph stays readable and bounded (~10 dossier-sized reads).
            for eid in frontier if level == 1 else frontier[:GRAPH_FANOUT]:
                keep = GRAPH_FANOUT if level > 1 else None
                related = _related(conn, eid, _recent_article_ids(conn, eid), _event_edges(conn, eid), keep)
                for rel in related:
                    if rel["id"] not in nodes:
                        nodes[rel["id"]] = {
                            "id": rel["id"],
                            "caption": rel["caption"],
                            "schema": rel["schema"],
                            "depth": level,
                        }
                        nxt.append(rel["id"])
                    a, b = sorted((eid, rel["id"]))
                    if rel["cooccurrence"]:
                        edges.setdefault(
                            (a, b, "cooccurrence"),
                            {"source": a, "target": b, "type": "cooccurrence", "weight": rel["cooccurrence"]},
                        )
                    for ev in rel["events"]:
                        src, tgt = (eid, rel["id"]) if ev["direction"] == "out" else (rel["id"], eid)
                        # First seen wins, as for co-occurrence: an edge keeps the count of the
                        # nearer entity's window, so the root's edges match its dossier.
                        edges.setdefault(
                            (src, tgt, ev["type"]),
                            {"source": src, "target": tgt, "type": ev["type"], "weight": ev["count"]},
                        )
            frontier = nxt
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def resolve_ref(engine: Engine, ref: str) -> str | None:
    """An entity id for a CLI/API reference: an id, or a name whose best hit is unambiguous."""
    found = find_entities(engine, ref, limit=2)
    if not found:
        return None
    if found[0]["id"] == ref or len(found) == 1 or found[0]["score"] > found[1]["score"]:
        return found[0]["id"]
    return None
