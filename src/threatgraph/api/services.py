"""The stage libraries the HTTP layer calls, looked up where they live.

The API is a thin shell: entity reads come from ``store.read`` (resolve stage), matching from
``screen``, ingest from ``pipeline``, watches from ``watch``. Stages land independently, so
each call is resolved here once; a stage that is not installed turns into a clear 503
(:class:`Unavailable`) instead of an import error at start-up, and the entity reads fall back
to :mod:`threatgraph.api.queries` so pages work on any store.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from threatgraph.api import queries


class Unavailable(RuntimeError):
    """A stage the request needs is not available; the message names it (HTTP 503)."""


def _shared(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _need(module: str, name: str) -> Callable[..., Any]:
    fn = _shared(module, name)
    if fn is None:
        raise Unavailable(f"{module}.{name} is not available in this installation")
    return fn


def find_entities(engine: Engine, name: str, limit: int = 10) -> list[dict[str, Any]]:
    fn = _shared("threatgraph.store.read", "find_entities") or queries.find_entities
    return fn(engine, name, limit=limit)


def dossier(engine: Engine, entity_id: str) -> dict[str, Any] | None:
    fn = _shared("threatgraph.store.read", "dossier") or queries.dossier
    return fn(engine, entity_id)


def entity_graph(engine: Engine, entity_id: str) -> dict[str, Any]:
    fn = _shared("threatgraph.store.read", "entity_graph") or queries.entity_graph
    return fn(engine, entity_id)


def match(engine: Engine, body: dict[str, Any], limit: int, threshold: float | None, algorithm: str) -> dict[str, Any]:
    """Run a yente-shaped match request against the screening index of this store."""
    get_index = _need("threatgraph.screen.index", "get_index")
    match_request = _need("threatgraph.screen.yente", "match_request")
    return match_request(get_index(engine), body, limit=limit, threshold=threshold, algorithm=algorithm)


def ingest(engine: Engine, paths: list[Path]) -> Any:
    return _need("threatgraph.pipeline", "ingest")(engine, paths)


def list_watches(engine: Engine) -> list[dict[str, Any]]:
    return _need("threatgraph.watch", "list_watches")(engine)


def add_watch(
    engine: Engine, name: str, entity_id: str | None, note: str | None, threshold: float | None
) -> dict[str, Any]:
    return _need("threatgraph.watch", "add_watch")(engine, name, entity_id=entity_id, note=note, threshold=threshold)


def backfill(engine: Engine, watch_id: int) -> list[dict[str, Any]]:
    return _need("threatgraph.watch", "backfill")(engine, watch_id)


def remove_watch(engine: Engine, watch_id: int) -> Any:
    return _need("threatgraph.watch", "remove_watch")(engine, watch_id)


def list_alerts(engine: Engine, since: Any = None, limit: int = 50) -> list[dict[str, Any]]:
    return _need("threatgraph.watch", "list_alerts")(engine, since=since, limit=limit)
