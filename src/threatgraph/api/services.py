"""The stage libraries the HTTP layer calls, in one place.

The API is a thin shell: entity reads come from ``store.read``, matching from ``screen``, ingest
from the application (:class:`threatgraph.app.Threatgraph`, which owns the extractor and the
post-ingest hooks), watches from ``watch``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from threatgraph.app import Threatgraph


def find_entities(engine: Engine, name: str, limit: int = 10) -> list[dict[str, Any]]:
    from threatgraph.store.read import find_entities

    return find_entities(engine, name, limit=limit)


def dossier(engine: Engine, entity_id: str) -> dict[str, Any] | None:
    from threatgraph.store.read import dossier

    return dossier(engine, entity_id)


def entity_graph(engine: Engine, entity_id: str, depth: int = 1) -> dict[str, Any]:
    from threatgraph.store.read import entity_graph

    return entity_graph(engine, entity_id, depth=depth)


def match(
    engine: Engine,
    body: dict[str, Any],
    limit: int,
    threshold: float | None,
    algorithm: str,
    dataset: str | None = None,
) -> dict[str, Any]:
    """Run a yente-shaped match request against the screening index of this store.

    ``ValueError`` (the stage's ``MatchRequestError``) means the request itself is unusable.
    """
    from threatgraph.screen.index import get_index
    from threatgraph.screen.yente import match_request

    return match_request(
        get_index(engine), body, limit=limit, threshold=threshold, algorithm=algorithm, dataset=dataset
    )


def ingest_articles(tg: Threatgraph, items: Iterable[Any]) -> Any:
    return tg.ingest_items(items)


def load_lists(tg: Threatgraph, paths: list[Any], dataset: str | None) -> dict[str, Any]:
    """Load list files as new versions and re-screen the stored actors, as ``threatgraph lists load`` does.

    ``ListError`` means the files are unusable; nothing was stored then.
    """
    from threatgraph.screen.lists import load_files

    result = load_files(tg.engine, paths, dataset)
    data = result.to_dict()
    data["relinked"] = tg.lists_loaded() if result.version_id is not None else None
    return data


def list_watches(engine: Engine) -> list[dict[str, Any]]:
    from threatgraph.watch import list_watches

    return list_watches(engine)


def add_watch(
    engine: Engine, name: str, entity_id: str | None, note: str | None, threshold: float | None
) -> dict[str, Any]:
    from threatgraph.watch import add_watch

    return add_watch(engine, name, entity_id=entity_id, note=note, threshold=threshold)


def backfill(engine: Engine, watch_id: int) -> list[dict[str, Any]]:
    from threatgraph.watch import backfill

    return backfill(engine, watch_id)


def remove_watch(engine: Engine, watch_id: int) -> bool:
    from threatgraph.watch import remove_watch

    return remove_watch(engine, watch_id)


def list_alerts(engine: Engine, since: datetime | None = None, limit: int = 50) -> list[dict[str, Any]]:
    from threatgraph.watch import list_alerts

    return list_alerts(engine, since=since, limit=limit)


def timeline_page(engine: Engine, entity_id: str, before: int | None, limit: int) -> dict[str, Any] | None:
    """One page of an entity's events (``store.read.timeline``) with the entity's caption and true totals.

    None when there is no such entity. ``counts`` are the index-only totals of ``store.read.event_counts``
    (~1 ms each even for the heaviest actor), so every page can say "showing 100 of 4,213 events".
    """
    from sqlalchemy import select

    from threatgraph.store.read import event_counts, timeline
    from threatgraph.store.schema import entities

    with engine.connect() as conn:
        head = conn.execute(
            select(entities.c.id, entities.c.caption, entities.c.schema).where(entities.c.id == entity_id)
        ).first()
        if head is None:
            return None
        counts = event_counts(conn, entity_id)
    page = timeline(engine, entity_id, before=before, limit=limit)
    return {
        "entity": {"id": head.id, "caption": head.caption, "schema": head.schema},
        "events": page["events"],
        "limit": limit,
        "before": before,
        "next_before": page["next_before"],
        "more": page["next_before"] is not None,
        "counts": counts,
    }
