"""One response, two representations: HTML for browsers, JSON for everything else.

Datasette style: every page's data is the JSON answer of the same URL, so the templates
only ever render what an API client would get. A browser (``Accept: text/html``) gets the
page; ``.json`` URLs and API clients get the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from threatgraph.web.highlight import highlight
from threatgraph.web.when import datetime_attr

WEB = Path(__file__).parent
STATIC = WEB / "static"
templates = Jinja2Templates(directory=WEB / "templates")


def thousands(n: Any) -> Any:
    """Counts as people read them: "showing 100 of 4,213 events"."""
    return f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else n


templates.env.filters["highlight"] = highlight
templates.env.filters["thousands"] = thousands
templates.env.globals["when_attr"] = datetime_attr


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def respond(
    request: Request, template: str, data: Any, status_code: int = 200, page: dict[str, Any] | None = None
) -> Response:
    """Render ``template`` with ``data`` for a browser, else return ``data`` as JSON.

    ``page`` holds extras only the HTML needs (e.g. the graph drawn from data already in ``data``).
    """
    if wants_html(request):
        ctx = {"data": data, **(page or {})}
        return templates.TemplateResponse(request, template, ctx, status_code=status_code)
    try:  # the stage libraries return JSON-ready dicts; encoding them generically costs more than the query
        return JSONResponse(data, status_code=status_code)
    except (TypeError, ValueError):
        return JSONResponse(jsonable_encoder(data), status_code=status_code)
