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
from threatgraph.web.links import link_url
from threatgraph.web.present import article_name, is_claim
from threatgraph.web.when import datetime_attr, timestamp

WEB = Path(__file__).parent
STATIC = WEB / "static"
templates = Jinja2Templates(directory=WEB / "templates")


def compile_templates() -> int:
    """Compile every page template now; returns how many. A fresh process compiles each on its first page
    (21 templates: ~1 s at load 7), so a server does it at startup, before its first caller waits for it."""
    names = templates.env.list_templates(extensions=("html",))
    for name in names:
        templates.env.get_template(name)
    return len(names)


def thousands(n: Any) -> Any:
    """Counts as people read them: "showing 100 of 4,213 events"."""
    return f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else n


templates.env.filters["highlight"] = highlight
templates.env.filters["thousands"] = thousands
templates.env.filters["timestamp"] = timestamp
templates.env.filters["article_name"] = article_name
templates.env.filters["link_url"] = link_url
templates.env.globals["when_attr"] = datetime_attr
templates.env.tests["claim"] = is_claim


def _accepted(header: str) -> dict[str, float]:
    """``Accept`` as media type → quality (``q``), e.g. ``{"text/html": 1.0, "*/*": 0.8}``."""
    out: dict[str, float] = {}
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, val = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(val)
                except ValueError:
                    q = 0.0
        out[media.lower()] = max(q, out.get(media.lower(), 0.0))
    return out


def wants_html(request: Request) -> bool:
    """HTML when the client prefers it, by ``Accept`` quality: ``text/html`` over ``application/json``.

    A bare ``*/*`` states no preference: a browser navigating to the page (``Sec-Fetch-Dest: document``)
    gets HTML, and a program (curl, a yente client, a script) gets the JSON it can parse.
    """
    accepted = _accepted(request.headers.get("accept", ""))
    html = max(accepted.get("text/html", 0.0), accepted.get("text/*", 0.0))
    json_q = max(accepted.get("application/json", 0.0), accepted.get("application/*", 0.0))
    if html or json_q:
        return html > json_q
    return "*/*" in accepted and request.headers.get("sec-fetch-dest") == "document"


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
