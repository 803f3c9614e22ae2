"""Screening routes: yente-compatible ``/match/{dataset}``, batch ``/screen``, and the screening form.

All three build a yente match body and hand it to the screening stage, so the form, the CSV
upload and API clients get the same scores and the same explanations.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import Engine

from threatgraph.api import queries, services
from threatgraph.api.models import HAS_TEXT, MATCHABLE, MAX_QUERIES, MAX_SCREEN, MatchRequest, ScreenItem, ScreenRequest
from threatgraph.api.reading import HTML, engine_of
from threatgraph.web.render import respond

router = APIRouter()
CSV_MAX_BYTES = 1024 * 1024


def _check_dataset(engine: Engine, dataset: str) -> None:
    if dataset == "default":
        return
    known = [d["dataset"] for d in queries.datasets(engine)]
    if dataset not in known:
        raise HTTPException(404, f"dataset {dataset!r} is not loaded; use 'default' or one of {sorted(known)}")


def run_match(
    engine: Engine, dataset: str, body: dict[str, Any], limit: int, threshold: float | None, algorithm: str
) -> dict[str, Any]:
    """yente matching restricted to ``dataset`` ('default' = every loaded list); unusable requests are 400."""
    _check_dataset(engine, dataset)
    try:
        return services.match(engine, body, limit=limit, threshold=threshold, algorithm=algorithm, dataset=dataset)
    except ValueError as exc:
        raise HTTPException(400, f"cannot match: {exc}") from exc


@router.post("/match/{dataset}", responses={404: {"description": "dataset not loaded"}})
def match(
    body: MatchRequest,
    dataset: str = Path(min_length=1, max_length=64, description="'default' or a loaded list, e.g. ofac"),
    limit: int = Query(5, ge=1, le=100),
    threshold: float | None = Query(None, ge=0.0, le=1.0),
    algorithm: str = Query("best", max_length=64),
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    """Match example entities against the sanctions lists, in yente's request/response shape."""
    return run_match(engine, dataset, body.as_body(), limit, threshold, algorithm)


def screen_items(engine: Engine, items: list[ScreenItem], limit: int, threshold: float | None) -> list[dict[str, Any]]:
    """Screen names in yente-sized batches; one answer per name, in input order."""
    out: list[dict[str, Any]] = []
    for start in range(0, len(items), MAX_QUERIES):
        chunk = items[start : start + MAX_QUERIES]
        body = {"queries": {str(i): item.as_query() for i, item in enumerate(chunk)}}
        answer = run_match(engine, "default", body, limit, threshold, "best")
        for i, item in enumerate(chunk):
            resp = answer.get("responses", {}).get(str(i), {})
            results = resp.get("results", [])
            out.append(
                {
                    "name": item.name,
                    "schema": item.schema_,
                    "match": any(r.get("match") for r in results),
                    "results": results,
                }
            )
    return out


@router.post("/screen")
def screen_batch(body: ScreenRequest, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    """Screen a batch of names; each answer lists candidates with score, match flag and features."""
    return {"results": screen_items(engine, body.names, body.limit, body.threshold)}


@router.get("/screen", responses=HTML, summary="Screening form; with name= it screens that name")
def screen_form(
    request: Request,
    name: str = Query("", max_length=500),
    schema: str = Query("LegalEntity", json_schema_extra={"enum": MATCHABLE}),
    country: str = Query("", max_length=100),
    threshold: float | None = Query(None, ge=0.0, le=1.0),
    engine: Engine = Depends(engine_of),
) -> Response:
    data: dict[str, Any] = {"name": name, "schema": schema, "country": country, "results": []}
    if name.strip() and not re.search(HAS_TEXT, name):
        data["error"] = f"{name!r} has no letter or digit to screen"
    elif name.strip():
        try:
            item = ScreenItem(name=name, schema=schema, country=[country] if country.strip() else [])
        except ValidationError as exc:
            raise HTTPException(422, "; ".join(e["msg"] for e in exc.errors())) from exc
        data["results"] = screen_items(engine, [item], 5, threshold)
    return respond(request, "screen.html", data)


def parse_csv(filename: str, raw: bytes) -> list[ScreenItem]:
    """Names from an uploaded CSV: the ``name`` column if there is a header with one, else column one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"{filename}: not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise HTTPException(400, f"{filename}: binary data, expected CSV text")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise HTTPException(400, f"{filename}: broken CSV ({exc})") from exc
    if not rows:
        raise HTTPException(400, f"{filename}: empty file, expected one name per line")
    header = [c.strip().casefold() for c in rows[0]]
    cols = {key: header.index(key) for key in ("name", "schema", "country") if key in header}
    body = rows[1:] if "name" in cols else rows
    name_col = cols.get("name", 0)
    items: list[ScreenItem] = []
    for lineno, row in enumerate(body, start=2 if "name" in cols else 1):
        if len(row) <= name_col or not row[name_col].strip():
            continue
        fields: dict[str, Any] = {"name": row[name_col]}
        if "schema" in cols and len(row) > cols["schema"] and row[cols["schema"]].strip():
            fields["schema"] = row[cols["schema"]].strip()
        if "country" in cols and len(row) > cols["country"] and row[cols["country"]].strip():
            fields["country"] = [row[cols["country"]].strip()]
        try:
            items.append(ScreenItem(**fields))
        except ValidationError as exc:
            reason = "; ".join(e["msg"] for e in exc.errors())
            raise HTTPException(400, f"{filename} line {lineno}: {reason}") from exc
        if len(items) > MAX_SCREEN:
            raise HTTPException(400, f"{filename}: more than {MAX_SCREEN} names; split the file")
    if not items:
        raise HTTPException(400, f"{filename}: no names found")
    return items


@router.post(
    "/screen/csv",
    responses=HTML | {400: {"description": "unreadable CSV"}},
    summary="Screen every name of an uploaded CSV (column 'name', or the first column)",
)
async def screen_csv(
    request: Request,
    file: UploadFile = File(description="CSV, UTF-8, at most 1000 names"),
    engine: Engine = Depends(engine_of),
) -> Response:
    raw = await file.read(CSV_MAX_BYTES + 1)
    name = file.filename or "upload"
    if len(raw) > CSV_MAX_BYTES:
        raise HTTPException(413, f"{name}: larger than {CSV_MAX_BYTES} bytes")
    items = parse_csv(name, raw)
    data = {"name": "", "file": name, "results": screen_items(engine, items, 5, None)}
    return respond(request, "screen.html", data)
