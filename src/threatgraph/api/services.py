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
from threatgraph.store.records import Alert, ArticlePage, Dossier, Graph, SearchHit, TimelinePage


def find_entities(engine: Engine, name: str, limit: int = 10) -> list[SearchHit]:
    from threatgraph.store.read import find_entities

    return find_entities(engine, name, limit=limit)


def dossier(engine: Engine, entity_id: str) -> Dossier | None:
    from threatgraph.store.read import dossier

    return dossier(engine, entity_id)


def dossier_at(engine: Engine, entity_id: str) -> tuple[Dossier | None, int | None]:
    from threatgraph.store.read import dossier_at

    return dossier_at(engine, entity_id)


def store_version(engine: Engine) -> int | None:
    from threatgraph.store.read import store_version

    return store_version(engine)


def article_page(engine: Engine, article_id: str) -> ArticlePage | None:
    from threatgraph.store.read import article_page

    return article_page(engine, article_id)


def entity_graph(engine: Engine, entity_id: str, depth: int = 1) -> Graph:
    from threatgraph.store.read import entity_graph

    return entity_graph(engine, entity_id, depth=depth)


def current_lists(engine: Engine) -> list[Any]:
    """The current version of every loaded list (:func:`threatgraph.screen.lists.current_lists`): read once per
    screening request, for its index and for its lists' ages."""
    from threatgraph.screen.lists import current_lists

    return current_lists(engine)


def match(
    engine: Engine, body: dict[str, Any], dataset: str, opts: Any, lists: list[Any] | None = None
) -> dict[str, Any]:
    """Run a yente-shaped match request against the screening index of this store, scoped to ``dataset``.

    ``LookupError`` (``UnknownDataset``) means no such dataset; ``ValueError`` (``MatchRequestError``) means
    the request cannot be answered as asked. ``opts`` is a :class:`threatgraph.screen.yente.MatchOptions`;
    ``lists`` the current list versions when the caller read them already (:func:`current_lists`)."""
    from threatgraph.screen.yente import match_request

    index = scoped_index(engine, dataset, opts, lists)
    return match_request(index, body, opts)


def scoped_index(engine: Engine, dataset: str, opts: Any, lists: list[Any] | None = None) -> Any:
    """The screening index, with ``opts.scope`` set to what ``dataset`` stands for among the loaded lists."""
    from threatgraph.screen.datasets import scope
    from threatgraph.screen.index import get_index

    index = get_index(engine, lists)
    opts.scope = scope(dataset, {e[1] for e in index.entities})
    return index


def yente_search(engine: Engine, dataset: str, opts: Any) -> dict[str, Any]:
    from threatgraph.screen.yente import search

    return search(scoped_index(engine, dataset, opts.match), opts)


def reconcile(engine: Engine, dataset: str, queries: dict[str, Any], opts: Any) -> dict[str, Any]:
    from threatgraph.screen.reconcile import reconcile

    return reconcile(scoped_index(engine, dataset, opts), queries, opts)


def suggest_entity(engine: Engine, dataset: str, prefix: str, limit: int) -> dict[str, Any]:
    from threatgraph.screen.reconcile import suggest_entity
    from threatgraph.screen.yente import MatchOptions

    opts = MatchOptions()
    index = scoped_index(engine, dataset, opts)
    return suggest_entity(index, prefix, None if opts.scope is None else sorted(opts.scope), limit)


def list_entry(engine: Engine, entry_id: str, nested: bool) -> dict[str, Any] | None:
    """yente's ``EntityResponse`` for a list entry id, or None when no current list has it."""
    from threatgraph.screen.lists import entries_by_id
    from threatgraph.screen.yente import entity_response

    found = entries_by_id(engine, entry_id)
    return entity_response(found, nested=nested) if found else None


def catalog(engine: Engine) -> dict[str, Any]:
    """yente's ``DataCatalogModel``: the loaded lists and the collections over them."""
    from threatgraph.screen.datasets import catalog_data, describe
    from threatgraph.screen.lists import list_summary

    datasets = []
    loaded = list_summary(engine)
    names = [d["dataset"] for d in loaded]
    for row in loaded:
        meta = describe(row["dataset"])
        version = row["published"] or (row["loaded_at"] or "")[:10]
        datasets.append(
            {
                "name": row["dataset"],
                "title": meta["title"],
                "summary": meta.get("publisher"),
                "url": meta.get("url"),
                "updated_at": row["loaded_at"],
                "last_export": row["loaded_at"],
                "entity_count": row["entries"],
                "thing_count": row["entries"],
                "version": f"{version.replace('-', '')}-v{row['version_id']}",
                "index_version": f"{version.replace('-', '')}-v{row['version_id']}",
                "index_current": True,
                "load": True,
                "children": [],
                "tags": [],
                "resources": [],
            }
        )
    for name, coll in catalog_data()["collections"].items():
        members = names if coll["members"] == "*" else [m for m in coll["members"] if m in names]
        datasets.append(
            {
                "name": name,
                "title": coll["title"],
                "children": members,
                "entity_count": sum(r["entries"] for r in loaded if r["dataset"] in members),
                "load": False,
                "tags": [],
                "resources": [],
            }
        )
    return {"datasets": datasets, "current": [d["name"] for d in datasets], "outdated": [], "index_stale": False}


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


def backfill(engine: Engine, watch_id: int) -> list[Alert]:
    from threatgraph.watch import backfill

    return backfill(engine, watch_id)


def remove_watch(engine: Engine, watch_id: int) -> bool:
    from threatgraph.watch import remove_watch

    return remove_watch(engine, watch_id)


def list_alerts(engine: Engine, since: datetime | None = None, limit: int = 50) -> list[Alert]:
    from threatgraph.watch import list_alerts

    return list_alerts(engine, since=since, limit=limit)


def timeline_page(engine: Engine, entity_id: str, before: int | None, limit: int) -> TimelinePage | None:
    """One page of an entity's events with the entity's caption and true totals (``store.read.timeline``).

    None when there is no such entity. ``counts`` are index-only totals (~1 ms each even for the heaviest
    actor), so every page can say "showing 100 of 4,213 events".
    """
    from threatgraph.store.read import timeline

    return timeline(engine, entity_id, before=before, limit=limit)
