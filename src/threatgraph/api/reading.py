"""Read routes: home, search, entity dossier and graph, articles (HTML for browsers, JSON otherwise)."""

from __future__ import annotations

import unicodedata
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine

from threatgraph.api import queries, services
from threatgraph.api.auth import configured_token
from threatgraph.api.responses import TimelinePage
from threatgraph.app import Threatgraph
from threatgraph.store.read import limits
from threatgraph.store.records import Dossier, EventCounts, Related
from threatgraph.web.pagecache import PageCache
from threatgraph.web.render import respond, wants_html
from threatgraph.web.when import labelled

router = APIRouter()
HTML = {200: {"content": {"text/html": {}}, "description": "JSON, or the HTML page for `Accept: text/html`"}}
NOT_FOUND = {404: {"description": "no such item"}}

Limit = Query(50, ge=1, le=200, description="page size")
Offset = Query(0, ge=0, le=1_000_000, description="rows to skip")
EntityId = Path(min_length=1, max_length=200)


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def app_of(request: Request) -> Threatgraph:
    """The composition root the app was built over (engine, extractor, index, hooks)."""
    return request.app.state.threatgraph


def clean_query(q: str) -> str:
    """Drop control characters (NUL and friends) that no name contains but that break SQL engines."""
    return "".join(ch for ch in q if unicodedata.category(ch) not in ("Cc", "Cs")).strip()


@router.get("/", responses=HTML, summary="Home: search box, counts and newest articles")
def home(request: Request, engine: Engine = Depends(engine_of)) -> Response:
    data = {
        "articles": queries.article_count(engine),
        "datasets": queries.datasets(engine),
        "recent": queries.article_list(engine, None, 10, 0)["results"],
    }
    return respond(request, "home.html", data)


@router.get("/api", responses=HTML, summary="The API's operations, from its OpenAPI schema")
def api_index(request: Request) -> Response:
    schema = request.app.openapi()
    ops = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary") or "",
            "description": (op.get("description") or "").strip(),
            "parameters": [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False)}
                for p in op.get("parameters", [])
            ],
            "body": bool(op.get("requestBody")),
            "token": any("HTTPBearer" in sec for sec in op.get("security", [])),
        }
        for path, item in schema["paths"].items()
        for method, op in item.items()
    ]
    return respond(
        request, "api.html", {"title": schema["info"]["title"], "openapi": "/openapi.json", "operations": ops}
    )


@router.get("/search", responses=HTML, summary="Search entities (any alias, any script) and article text")
def search(
    request: Request,
    q: str = Query("", max_length=500, description="a name or words"),
    limit: int = Limit,
    offset: int = Offset,
    engine: Engine = Depends(engine_of),
) -> Response:
    text = clean_query(q)
    data: dict[str, Any] = {
        "q": q,
        "entities": [h.to_json() for h in services.find_entities(engine, text, limit=20)]
        if text and offset == 0
        else [],
        "articles": queries.article_list(engine, text or None, limit, offset),
    }
    return respond(request, "search.html", data)


def star_graph(dossier: Dossier, related: list[Related]) -> dict[str, Any]:
    """The dossier's relations (those in ``related``) as graph nodes/edges, so the page draws them without a
    second query.

    Event edges are typed and carry the start dates of their events (from the dossier's timeline), so the
    page can filter by type and date window; co-occurrence edges are their own kind, hidden by default.
    Negated events draw no edge: the graph shows what the reporting says happened.
    """
    centre = dossier.id
    shown = {rel.id for rel in related}
    nodes = [{"id": centre, "caption": dossier.caption, "schema": dossier.schema}]
    nodes += [{"id": rel.id, "caption": rel.caption, "schema": rel.schema} for rel in related]
    dated: dict[tuple[str, str, str], list[str]] = {}
    for ev in dossier.timeline:
        other = ev.counterpart
        if ev.negated or other is None or other.id not in shown or other.id == centre:
            continue
        src, tgt = (centre, other.id) if ev.role == "source" else (other.id, centre)
        dated.setdefault((src, tgt, ev.type), []).append(str(ev.date or "")[:10])
    edges: list[dict[str, Any]] = []
    for rel in related:
        if rel.cooccurrence:
            edges.append(
                {
                    "source": centre,
                    "target": rel.id,
                    "type": "cooccurrence",
                    "kind": "cooccurrence",
                    "weight": rel.cooccurrence,
                }
            )
        for tie in rel.events:
            src, tgt = (centre, rel.id) if tie.direction == "out" else (rel.id, centre)
            dates = sorted(d for d in dated.get((src, tgt, tie.type), []) if d)
            edge = {"source": src, "target": tgt, "type": tie.type, "kind": "event", "weight": tie.count}
            edges.append({**edge, "dates": dates})
    return {"nodes": nodes, "edges": edges}


#: What the HTML dossier shows before "show all": the newest events and the strongest relations. An
#: actor in thousands of articles otherwise makes a page of several hundred KB that no one reads whole.
#: The events are the dossier's own first page (``limits.TIMELINE``), and "older events" pages are as long.
PAGE_EVENTS = limits.TIMELINE
PAGE_RELATED = 40
#: Largest event id a ``before`` cursor may carry (SQLite and PostgreSQL bigint).
MAX_ID = 2**63 - 1


def newest_events(events: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The ``n`` newest events by id, still in date order: the same cut ``store.read.timeline`` pages by,
    so the "older events" link (``before`` = the smallest id shown) continues with no gap or repeat."""
    if len(events) <= n:
        return events
    keep = set(sorted((e["event_id"] for e in events), reverse=True)[:n])
    return [e for e in events if e["event_id"] in keep]


def events_total(counts: EventCounts | None, at_hand: int, complete: bool) -> int:
    """All events of the actor: the events at hand when they are all of them, else as source plus as target.

    The role counts are index-only (~1 ms for the heaviest actor); an event with the actor in both roles
    counts twice there, so they are used only when the list was cut, and never below what is at hand.
    """
    if complete or not counts:
        return at_hand
    return max(at_hand, counts.source_events + counts.target_events)


@router.get("/entities/{entity_id}", responses={**HTML, **NOT_FOUND}, summary="Actor dossier")
def entity(
    request: Request,
    entity_id: str = EntityId,
    full: bool = Query(False, description="HTML only: every event and relation the dossier carries"),
    nested: bool = Query(False, description="list entries: their Sanction entities inline (yente's nested form)"),
    engine: Engine = Depends(engine_of),
) -> Response:
    """An actor's dossier; for a sanctions-list entry id (``ofac-…``, ``un-…``) yente's entity response, so a
    yente client's expand step (``GET /entities/{id}?nested=true``) works."""
    pages: PageCache = request.app.state.pages
    writable = bool(configured_token(request))
    key = ("entity", entity_id, str(request.url.query), wants_html(request), writable)
    kept = pages.get(key, lambda: services.store_version(engine))
    if kept is not None:
        return kept
    record, version = services.dossier_at(engine, entity_id)
    if record is None:
        entry = services.list_entry(engine, entity_id, nested)
        if entry is None:
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        return JSONResponse(entry)
    data = record.to_json()
    events = data["timeline"]
    labelled(events)
    shown = events if full else newest_events(events, PAGE_EVENTS)
    older = record.timeline_next_before
    if len(shown) < len(events):
        older = min(e["event_id"] for e in shown)
    related = record.related if full else record.related[:PAGE_RELATED]
    page = {
        "timeline": shown,
        "related": data["related"][: len(related)],
        "full": full,
        "older_before": older,
        "events_total": events_total(record.counts, len(events), record.timeline_next_before is None),
        "graph": star_graph(record, related),
        "writable": writable,  # decision buttons (confirm/reject, split, merge)
    }
    return pages.put(key, version, respond(request, "entity.html", data, page=page))


@router.get(
    "/entities/{entity_id}/timeline",
    responses={
        200: {
            "model": TimelinePage,
            "content": {"text/html": {}},
            "description": "A page of events as JSON, or the HTML page for `Accept: text/html`",
        },
        **NOT_FOUND,
    },
    summary="Actor timeline, paged: newest events first, older pages with `before`",
)
def entity_timeline(
    request: Request,
    entity_id: str = EntityId,
    before: int | None = Query(
        None, ge=1, le=MAX_ID, description="only events with a smaller id: `next_before` of the previous page"
    ),
    limit: int = Query(PAGE_EVENTS, ge=1, le=200, description="page size"),
    engine: Engine = Depends(engine_of),
) -> Response:
    """Events where the actor is source or target, ``limit`` at a time by event id (newest first), each
    page sorted by date. Keyset paging: a page costs the same however deep, and events stored while a
    reader pages do not shift later pages. ``counts`` holds the totals."""
    record = services.timeline_page(engine, entity_id, before, limit)
    if record is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    data = record.to_json()
    labelled(data["events"])
    whole = before is None and not record.more
    return respond(
        request, "timeline.html", data, page={"events_total": events_total(record.counts, len(record.events), whole)}
    )


@router.get("/entities/{entity_id}/graph", responses=NOT_FOUND, summary="Relations graph: nodes and edges")
def entity_graph(
    entity_id: str = EntityId,
    depth: int = Query(1, ge=1, le=2, description="hops from the entity"),
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    graph = services.entity_graph(engine, entity_id, depth=depth)
    if not graph.nodes:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return graph.to_json()


@router.get("/articles", responses=HTML, summary="Articles, newest first (full-text filter with q)")
def article_list(
    request: Request,
    q: str = Query("", max_length=500),
    limit: int = Limit,
    offset: int = Offset,
    engine: Engine = Depends(engine_of),
) -> Response:
    text = clean_query(q)
    data = {"q": q, **queries.article_list(engine, text or None, limit, offset)}
    return respond(request, "articles.html", data)


@router.get("/articles/{article_id}", responses={**HTML, **NOT_FOUND}, summary="Article with mentions and events")
def article(
    request: Request, article_id: str = Path(min_length=1, max_length=64), engine: Engine = Depends(engine_of)
) -> Response:
    record = services.article_page(engine, article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    data = record.to_json()
    labelled(data["events"], key="date")
    return respond(request, "article.html", data)
