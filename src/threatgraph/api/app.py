"""The FastAPI application: routes, limits, error pages, static files.

:func:`create_app` wires the routers over one :class:`~threatgraph.app.Threatgraph` (the composition
root: engine, extractor, index, hooks); the CLI ``serve`` command, the tests and the benchmark all build
the app the same way. Every error leaves as a 4xx/5xx
with a sentence naming the input and the reason (HTML for browsers, JSON otherwise).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from threatgraph.api import activity, reading, review, screening, sources, writing, yente
from threatgraph.api.middleware import LOOPBACK_HOSTS, BodyLimit, JsonSuffix, MiB, SecurityHeaders, TrustedHosts
from threatgraph.app import Threatgraph
from threatgraph.config import page_cache_size
from threatgraph.config import trusted_hosts as configured_hosts
from threatgraph.web.pagecache import PageCache
from threatgraph.web.render import STATIC, compile_templates, templates, wants_html

log = logging.getLogger(__name__)

COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "bad input; `detail` says which and why"},
    413: {"description": "request body too large"},
    422: {"description": "validation error; `detail` names each field and the reason"},
    503: {"description": "the store could not answer (locked or unreachable); retry"},
}


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def validation_message(exc: RequestValidationError) -> str:
    parts = [f"{_field(err.get('loc', ()))}: {err.get('msg', 'invalid')}" for err in exc.errors()]
    return "invalid request: " + "; ".join(parts[:10])


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if wants_html(request):
        ctx = {"data": {"status": status, "detail": message}}
        return templates.TemplateResponse(request, "error.html", ctx, status_code=status, headers=headers)
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            return _error(request, 422, validation_message(exc))
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return JSONResponse({"detail": validation_message(exc), "errors": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(OperationalError)
    async def _busy(request: Request, exc: OperationalError) -> Response:
        return _error(request, 503, f"the store could not answer: {exc.orig}")


@asynccontextmanager
async def warm_first(app: FastAPI) -> AsyncIterator[None]:
    """Startup: load what the first request would otherwise wait for, before the server accepts connections.

    Why at startup and not in a background thread: rigour's name tables (read by the first comparison of two
    person names, e.g. on the first ``/search``) load in native code that holds the GIL, so a background load
    froze every request of the process anyway, and the first ``/search`` on a fresh server waited 8-30 s for it.
    The page templates are compiled then too (a fresh process compiles each on its first page).
    Any ASGI server (``threatgraph serve``, ``uvicorn --factory``) runs this lifespan; a TestClient used
    without ``with`` does not.
    """
    seconds = await run_in_threadpool(app.state.threatgraph.warm)
    log.info("threatgraph: screening index and name tables loaded in %.1f s", seconds)
    pages = await run_in_threadpool(compile_templates)
    log.info("threatgraph: %d page templates compiled", pages)
    yield


def create_app(
    engine: Engine | None = None,
    *,
    db: str | None = None,
    threatgraph: Threatgraph | None = None,
    token: str | None = None,
    max_body: int = 2 * MiB,
    max_ingest: int = 25 * MiB,
    hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The threatgraph web app over ``threatgraph``, or an application built over ``engine`` (or the store at ``db``).

    ``token`` overrides $THREATGRAPH_TOKEN (tests, embedding). ``max_body`` caps every request
    body except ``/ingest`` uploads, which get ``max_ingest``. ``hosts`` are the Host names it
    answers to (default: $THREATGRAPH_TRUSTED_HOSTS, else the loopback names).
    """
    app = FastAPI(
        title="threatgraph",
        version="0.1.0",
        description="Evidence-backed graph of armed groups from news reporting, screened against sanctions lists. "
        "`POST /match/{dataset}` follows yente. Every page is also JSON (append `.json` or send "
        "`Accept: application/json`). Writes need `Authorization: Bearer $THREATGRAPH_TOKEN`.",
        responses=COMMON_ERRORS,
        # Swagger UI and ReDoc load their scripts from a CDN; the UI must not. /api lists the operations instead.
        docs_url=None,
        redoc_url=None,
        lifespan=warm_first,
    )
    if threatgraph is None:
        threatgraph = Threatgraph(engine, db=db)
    elif engine is not None or db is not None:
        raise ValueError("create_app: give a Threatgraph, an engine or a database URL, not several")
    app.state.threatgraph = threatgraph
    app.state.engine = threatgraph.engine
    app.state.token = token
    app.state.pages = PageCache(page_cache_size())  # dossiers kept until the store version changes
    _install_error_handlers(app)
    app.include_router(reading.router)
    app.include_router(activity.router)
    app.include_router(screening.router)
    app.include_router(writing.router)
    app.include_router(sources.router)
    app.include_router(yente.router)
    app.include_router(review.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, default=max_body, per_path={"/ingest": max_ingest})
    app.add_middleware(JsonSuffix)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedHosts, hosts=hosts if hosts is not None else configured_hosts() or LOOPBACK_HOSTS)
    return app
