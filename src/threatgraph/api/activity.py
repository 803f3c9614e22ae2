"""Activity routes: an actor's map and monthly chart, and the same across the archive with filters.

Maps and charts are SVG drawn on the server (``image/svg+xml``): they work without JavaScript, in
screenshots and in reports; the HTML pages embed them and list the same figures as text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from threatgraph.api import queries, services
from threatgraph.api.reading import HTML, NOT_FOUND, EntityId, engine_of
from threatgraph.store.activity import ActivityFilter, activity_events, co_mentioned_places, event_types
from threatgraph.web.activity import dated, event_places, in_country, mention_places, top_actors
from threatgraph.web.charts import activity_svg
from threatgraph.web.geo.svgmap import render_map
from threatgraph.web.render import respond

router = APIRouter()
SVG = {200: {"content": {"image/svg+xml": {}}, "description": "an SVG image"}}


def _svg(body: str) -> Response:
    return Response(body, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


def _caption(engine: Engine, entity_id: str) -> str:
    if not queries.entity_exists(engine, entity_id):
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    found = services.find_entities(engine, entity_id, limit=1)
    return found[0].caption if found else entity_id


@router.get("/entities/{entity_id}/map.svg", responses={**SVG, **NOT_FOUND}, summary="Map of an actor's places")
def entity_map(entity_id: str = EntityId, engine: Engine = Depends(engine_of)) -> Response:
    """Filled circles: places of the actor's events; rings: places named in the same articles."""
    caption = _caption(engine, entity_id)
    events = event_places(activity_events(engine, ActivityFilter(entity_id=entity_id)))
    mentioned = mention_places(co_mentioned_places(engine, entity_id))
    return _svg(render_map(events.points + mentioned.points, f"Where {caption} is reported"))


@router.get("/entities/{entity_id}/activity.svg", responses={**SVG, **NOT_FOUND}, summary="An actor's activity")
def entity_activity(entity_id: str = EntityId, engine: Engine = Depends(engine_of)) -> Response:
    caption = _caption(engine, entity_id)
    rows = activity_events(engine, ActivityFilter(entity_id=entity_id))
    return _svg(activity_svg(dated(rows), f"Events involving {caption} over time"))


#: A calendar day or nothing (an HTML date field left empty).
DAY = r"^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$"


def _day(field: str, value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise HTTPException(400, f"{field}: {value!r} is not a date (YYYY-MM-DD)") from exc


class ArchiveFilter:
    """The archive view's query string: actor id, event types, country (ISO alpha-2), date window."""

    def __init__(
        self,
        actor: str = Query("", max_length=200, description="entity id: events where it is source or target"),
        type: list[str] = Query([], description="event types (PLOVER), any of"),  # noqa: A002
        country: str = Query("", max_length=2, pattern="^([A-Za-z]{2})?$", description="ISO 3166-1 alpha-2"),
        start: str = Query("", pattern=DAY, description="events on or after this date (YYYY-MM-DD)"),
        end: str = Query("", pattern=DAY, description="events on or before this date (YYYY-MM-DD)"),
    ) -> None:
        # An empty field from the HTML form means "no bound", so dates are parsed here rather than by FastAPI.
        self.actor, self.types, self.country = actor.strip(), tuple(t for t in type if t), country.upper()
        self.start, self.end = _day("start", start), _day("end", end)

    def rows(self, engine: Engine) -> list[dict[str, Any]]:
        if self.start and self.end and self.start > self.end:
            raise HTTPException(400, f"start {self.start} is after end {self.end}")
        where = ActivityFilter(self.actor or None, self.types, self.start, self.end)
        return in_country(activity_events(engine, where), self.country or None)

    def query(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "type": list(self.types),
            "country": self.country,
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
        }


@router.get("/activity", responses=HTML, summary="Activity across the archive: map, chart, actors (filtered)")
def archive_activity(request: Request, flt: ArchiveFilter = Depends(), engine: Engine = Depends(engine_of)) -> Response:
    rows = flt.rows(engine)
    places = event_places(rows)
    by_type: dict[str, int] = {}
    for r in rows:
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
    data = {
        "filter": flt.query(),
        "events": len(rows),
        "dated_events": len(dated(rows)),
        "types": dict(sorted(by_type.items(), key=lambda kv: -kv[1])),
        "places": sorted(((p.name, p.count) for p in places.points), key=lambda kv: -kv[1]),
        "unlocated_places": places.unlocated,
        "actors": top_actors(rows),
        "type_choices": event_types(engine),
    }
    query = str(request.url.query)
    return respond(request, "activity.html", data, page={"query": query})


@router.get("/activity/map.svg", responses=SVG, summary="Map of the filtered events' places")
def archive_map(flt: ArchiveFilter = Depends(), engine: Engine = Depends(engine_of)) -> Response:
    return _svg(render_map(event_places(flt.rows(engine)).points, "Where the filtered events happened"))


@router.get("/activity/chart.svg", responses=SVG, summary="The filtered events per month by type")
def archive_chart(flt: ArchiveFilter = Depends(), engine: Engine = Depends(engine_of)) -> Response:
    return _svg(activity_svg(dated(flt.rows(engine)), "Filtered events over time"))
