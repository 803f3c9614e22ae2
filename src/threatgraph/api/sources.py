"""Collection sources over HTTP: their health for everyone, adding one for whoever holds the token.

``GET /sources`` is the page (and JSON) an analyst checks to see whether the feeds are alive:
last fetch, last success, consecutive failures, next due time and URLs per status.
``POST /sources`` (bearer token) adds a feed, sitemap or URL list; the collector picks it up on
its next poll. Local-file sources (URL files, GDELT files) are refused here: a web client must not
make the server read its own files. The page's form posts to ``/sources/form`` with the token in a
password field, since a browser form cannot send an Authorization header.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import Engine

from threatgraph.api.auth import configured_token, require_token
from threatgraph.api.reading import HTML, engine_of
from threatgraph.api.writing import AUTH
from threatgraph.web.render import respond

router = APIRouter()

SourceUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000, pattern=r"^https?://[^/\s]+")]


class SourceIn(BaseModel):
    """A source to follow: a feed or sitemap URL, or a list of page URLs."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"\S")]
    kind: Literal["feed", "sitemap", "urls"]
    url: list[SourceUrl] = Field(min_length=1, max_length=1000, description="one URL for a feed or sitemap")
    every: str | None = Field(None, max_length=20, description="poll interval, e.g. 15m or 1h")
    content: Literal["page", "feed"] = Field("page", description="feeds: fetch item pages, or use the feed's text")


def _settings(body: SourceIn) -> Any:
    from threatgraph.collect import one_source

    if body.kind != "urls" and len(body.url) != 1:
        raise ValueError(f"a {body.kind} source has one URL, got {len(body.url)}")
    data: dict[str, Any] = {"name": body.name, body.kind: body.url if body.kind == "urls" else body.url[0]}
    if body.every is not None:
        data["every"] = body.every
    if body.content != "page":
        data["content"] = body.content
    return one_source(data)


def _add(engine: Engine, body: SourceIn) -> dict[str, Any]:
    from threatgraph.collect import SourcesError, add_source

    try:
        return add_source(engine, _settings(body), origin="web")
    except (SourcesError, ValueError) as exc:
        status = 409 if "already exists" in str(exc) else 400
        raise HTTPException(status, f"cannot add source {body.name!r}: {exc}") from None


def _page(request: Request, engine: Engine, error: str | None = None, status: int = 200) -> Response:
    from threatgraph.collect import source_health

    data = {"sources": source_health(engine), "writable": bool(configured_token(request)), "error": error}
    return respond(request, "sources.html", data, status_code=status)


@router.get("/sources", responses=HTML, summary="Collection sources and their health")
def sources(request: Request, engine: Engine = Depends(engine_of)) -> Response:
    return _page(request, engine)


@router.post(
    "/sources",
    status_code=201,
    dependencies=[Depends(require_token)],
    responses=AUTH | {400: {"description": "not a usable source"}, 409: {"description": "the name is taken"}},
    summary="Add a collection source (feed, sitemap or URL list)",
)
def add_source(body: SourceIn, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    return _add(engine, body)


@router.post("/sources/form", include_in_schema=False)
def add_source_form(
    request: Request,
    name: str = Form(""),
    kind: str = Form("feed"),
    url: str = Form(""),
    every: str = Form(""),
    token: str = Form(""),
    engine: Engine = Depends(engine_of),
) -> Response:
    """The page's form: the token comes in a password field; errors re-render the page with the reason."""
    expected = configured_token(request)
    if not expected:
        return _page(request, engine, "writes are disabled: set THREATGRAPH_TOKEN on the server", 403)
    if not secrets.compare_digest(token.encode(), expected.encode()):
        return _page(request, engine, "wrong token", 401)
    try:
        body = SourceIn(name=name, kind=kind, url=url.split(), every=every.strip() or None)  # type: ignore[arg-type]
    except ValueError as exc:
        return _page(request, engine, f"cannot add source {name!r}: {' '.join(str(exc).split())[:500]}", 400)
    try:
        _add(engine, body)
    except HTTPException as exc:
        return _page(request, engine, str(exc.detail), exc.status_code)
    return RedirectResponse("/sources", status_code=303)
