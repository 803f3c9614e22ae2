"""Screening routes: batch ``/screen``, the screening form and its CSV upload (yente's ``/match`` is in
:mod:`api.yente`).

All build a yente match body and hand it to the screening stage, so the form, the CSV upload and API clients
get the same scores and the same explanations.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import Engine

from threatgraph.api import services
from threatgraph.api.models import HAS_TEXT, MATCHABLE, MAX_QUERIES, MAX_SCREEN, ScreenItem, ScreenRequest
from threatgraph.api.reading import HTML, engine_of
from threatgraph.screen import names_csv
from threatgraph.screen.freshness import ListsStatus, NoListsError, lists_status
from threatgraph.web.render import respond
from threatgraph.web.screening_report import state_counts, summary_rows, to_csv, to_xlsx

router = APIRouter()
CSV_MAX_BYTES = 1024 * 1024


def run_match(
    engine: Engine, body: dict[str, Any], limit: int, threshold: float | None, lists: list[Any] | None = None
) -> dict[str, Any]:
    """yente matching over every loaded list, returning every scored candidate (cutoff 0): the form and the
    batch show candidates below the threshold as candidates, marked unflagged, rather than hiding them.

    With no list loaded there is nothing to match against: 503, never an empty "no match". Every answer
    carries ``warnings`` (empty when every list is within the configured age). ``lists``: the current list
    versions when the caller read them already (:func:`services.current_lists`).
    """
    from threatgraph.screen.yente import MatchOptions

    if lists is None:
        lists = services.current_lists(engine)  # once, for the lists' ages and the index
    status = lists_status_or_503(engine, lists)
    opts = MatchOptions(limit=limit, threshold=threshold, cutoff=0.0)
    try:
        answer = services.match(engine, body, "default", opts, lists)
    except (LookupError, ValueError) as exc:
        raise HTTPException(400, f"cannot match: {exc}") from exc
    answer["warnings"] = status.warnings
    return answer


def lists_status_or_503(engine: Engine, lists: list[Any] | None = None) -> ListsStatus:
    """The loaded lists' status; 503 (Service Unavailable: cannot screen) when none is loaded. ``lists``: the
    current list versions when the caller read them already (:func:`services.current_lists`)."""
    try:
        return lists_status(engine, lists=lists)
    except NoListsError as exc:
        raise HTTPException(503, str(exc)) from exc


def screen_items(
    engine: Engine, items: list[ScreenItem], limit: int, threshold: float | None, lists: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Screen names in yente-sized batches; one answer per name, in input order. Every batch is screened against
    the list versions read once at the start (``lists``, else read here): one read, and one set of lists for all."""
    if lists is None:
        lists = services.current_lists(engine)
    out: list[dict[str, Any]] = []
    for start in range(0, len(items), MAX_QUERIES):
        chunk = items[start : start + MAX_QUERIES]
        body = {"queries": {str(i): item.as_query() for i, item in enumerate(chunk)}}
        answer = run_match(engine, body, limit, threshold, lists)
        for i, item in enumerate(chunk):
            resp = answer.get("responses", {}).get(str(i), {})
            results = resp.get("results", [])
            row: dict[str, Any] = {
                "name": item.name,
                "schema": item.schema_,
                "match": any(r.get("match") for r in results),
                "results": results,
                "warnings": answer["warnings"],  # a stale list is flagged on every answer
            }
            if resp.get("error"):  # this name could not be screened: never report it as "no match"
                row.update(match=None, error=resp["error"])
            out.append(row)
    return out


@router.post("/screen")
def screen_batch(body: ScreenRequest, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    """Screen a batch of names; each answer lists candidates with score, match flag and features."""
    results = screen_items(engine, body.names, body.limit, body.threshold)
    return {"results": results, "warnings": results[0]["warnings"] if results else []}


@router.get("/screen", responses=HTML, summary="Screening form; with name= it screens that name")
def screen_form(
    request: Request,
    name: str = Query("", max_length=500),
    schema: str = Query("LegalEntity", json_schema_extra={"enum": MATCHABLE}),
    country: str = Query("", max_length=100),
    threshold: float | None = Query(None, ge=0.0, le=1.0),
    engine: Engine = Depends(engine_of),
) -> Response:
    data: dict[str, Any] = {"name": name, "schema": schema, "country": country, "results": [], "warnings": []}
    lists = services.current_lists(engine)  # once, for the warning and the screening
    try:
        data["warnings"] = lists_status(engine, lists=lists).warnings
    except NoListsError as exc:  # the form still shows, with why nothing can be screened
        data["error"] = str(exc)
        return respond(request, "screen.html", data, status_code=503 if name.strip() else 200)
    if name.strip() and not re.search(HAS_TEXT, name):
        data["error"] = f"{name!r} has no letter or digit to screen"
    elif name.strip():
        try:
            item = ScreenItem(name=name, schema=schema, country=[country] if country.strip() else [])
        except ValidationError as exc:
            raise HTTPException(422, "; ".join(e["msg"] for e in exc.errors())) from exc
        data["results"] = screen_items(engine, [item], 5, threshold, lists)
    return respond(request, "screen.html", data)


def parse_csv(filename: str, raw: bytes) -> list[ScreenItem]:
    """Names from an uploaded CSV (the ``name`` column if a header has one, else column one), read by the
    same strict parser as the CLI: any structural doubt is a 400 naming the line, never a partial batch."""
    try:
        table = names_csv.parse(names_csv.decode(raw, filename), filename)
    except names_csv.NamesCsvError as exc:
        raise HTTPException(400, str(exc)) from exc
    if len(table.rows) > MAX_SCREEN:
        raise HTTPException(400, f"{filename}: {len(table.rows)} names, at most {MAX_SCREEN}; split the file")
    items: list[ScreenItem] = []
    for row in table.rows:
        fields: dict[str, Any] = {"name": row.name}
        if row.get("schema"):
            fields["schema"] = row.get("schema")
        if row.get("country"):
            fields["country"] = [row.get("country")]
        try:
            items.append(ScreenItem(**fields))
        except ValidationError as exc:
            reason = "; ".join(e["msg"] for e in exc.errors())
            raise HTTPException(400, f"{filename} line {row.line}: {reason}") from exc
    return items


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
}


def download(rows: list[dict[str, Any]], fmt: str, stem: str) -> Response:
    media, write = EXPORTS[fmt]
    safe_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "screening"
    return Response(
        write(rows),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{safe_stem}-screening.{fmt}"'},
    )


CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/html": {}, EXPORTS["csv"][0].split(";")[0]: {}, EXPORTS["xlsx"][0]: {}},
        "description": "JSON; the HTML page for `Accept: text/html`; with `format` a CSV or XLSX download",
    },
    400: {"description": "unreadable CSV"},
}


@router.post(
    "/screen/csv",
    responses=CSV_RESPONSES,
    summary="Screen every name of an uploaded CSV (column 'name', or the first column)",
)
async def screen_csv(
    request: Request,
    file: UploadFile = File(description="CSV, UTF-8, at most 1000 names"),
    format: str = Query("", pattern="^(|csv|xlsx)$", description="csv or xlsx: the summary table as a file"),  # noqa: A002
    engine: Engine = Depends(engine_of),
) -> Response:
    """Screen every name of the file; the answer is the summary table and each name's candidates (HTML or
    JSON), or with ``format`` the summary as a CSV or XLSX download."""
    raw = await file.read(CSV_MAX_BYTES + 1)
    name = file.filename or "upload"
    if len(raw) > CSV_MAX_BYTES:
        raise HTTPException(413, f"{name}: larger than {CSV_MAX_BYTES} bytes")
    items = parse_csv(name, raw)
    lists = services.current_lists(engine)
    status = lists_status_or_503(engine, lists)
    results = screen_items(engine, items, 5, None, lists)
    rows = summary_rows(results)
    if format:
        return download(rows, format, name.rsplit(".", 1)[0])
    data = {
        "name": "",
        "file": name,
        "summary": rows,
        "counts": state_counts(rows),
        "queries": [item.model_dump(by_alias=True) for item in items],
        "results": results,
        "warnings": status.warnings,
    }
    return respond(request, "screen.html", data)


@router.post(
    "/screen/export",
    responses={200: {"content": {"text/csv": {}, EXPORTS["xlsx"][0]: {}}}, 400: {"description": "bad names"}},
    summary="Screen names posted from the results page's form again and download the summary (no JS needed)",
)
def screen_export(
    queries_json: str = Form(alias="queries", max_length=CSV_MAX_BYTES * 4, description="JSON list of names"),
    fmt: str = Form(alias="format", pattern="^(csv|xlsx)$"),
    stem: str = Form("screening", alias="file", max_length=200),
    engine: Engine = Depends(engine_of),
) -> Response:
    """The results page carries its queries in a hidden field; screening is deterministic, so screening them
    again gives the table the page shows, as a file."""
    try:
        queries_in = json.loads(queries_json)
        if not isinstance(queries_in, list):
            raise TypeError("not a list")
        items = [ScreenItem(**q) for q in queries_in[: MAX_SCREEN + 1]]
    except (ValueError, TypeError, ValidationError) as exc:
        raise HTTPException(400, f"queries: not a list of names to screen ({exc.__class__.__name__})") from exc
    if not items or len(items) > MAX_SCREEN:
        raise HTTPException(400, f"queries: between 1 and {MAX_SCREEN} names")
    return download(summary_rows(screen_items(engine, items, 5, None)), fmt, stem.rsplit(".", 1)[0])
