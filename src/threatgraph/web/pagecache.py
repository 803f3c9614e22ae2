"""Rendered pages kept until the store changes: a page made from reads at store version ``n`` is served
again, byte for byte, while the store is at ``n`` (:func:`threatgraph.store.read.store_version`).

Why: an actor's dossier is the same page for every visitor until something is written that it shows,
and the most visited actors are the heaviest ones (thousands of articles). A hit costs one read of the
version (one short statement) instead of the dossier's reads and its rendering; a miss reads no version.
The version is raised by every committed write to what the pages show, in the writer's own transaction,
and the page is stored under the version read in the same snapshot as its data, so a kept page never
hides a write: no stale "sanctioned" label after an analyst's decision, no missing article after an
ingest. Stores without a version (SQLite) keep nothing.

Bounded: the newest version of at most ``size`` pages (least recently used out first; $THREATGRAPH_PAGE_CACHE,
0 keeps none), one cache per server process.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.responses import Response


@dataclass(slots=True, frozen=True)
class Page:
    """A rendered response: its body, status and media type."""

    body: bytes
    status: int
    media_type: str | None

    def response(self) -> Response:
        return Response(self.body, status_code=self.status, media_type=self.media_type)


class PageCache:
    """The newest rendered version of recently served pages, keyed by what the page depends on besides the
    store (URL, representation, whether the viewer may write)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, tuple[int, Page]] = OrderedDict()
        self._lock = threading.Lock()  # routes run in a thread pool
        self.hits = self.misses = 0

    def get(self, key: Hashable, version: Callable[[], int | None]) -> Response | None:
        """The page kept for ``key`` if it was made at the store's current version (``version()``), else None.

        The version is read only when a page is kept for ``key``: on a miss the page's own reads say which
        version they saw (:func:`threatgraph.store.read.dossier_at`), so a miss costs the store no extra round
        trip (at 1M articles, on a busy server, a round trip waits longer than the database works on it)."""
        with self._lock:
            if key not in self._pages:
                self.misses += 1
                return None
        current = version()
        with self._lock:
            found = self._pages.get(key)
            if current is None or found is None or found[0] != current:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return found[1].response()

    def put(self, key: Hashable, version: int | None, response: Response) -> Response:
        """Keep ``response`` as the page of ``key`` made at ``version`` (not when None, or not a 200)."""
        if version is None or response.status_code != 200 or self.size == 0:
            return response
        page = Page(bytes(response.body), response.status_code, response.media_type)
        with self._lock:
            kept = self._pages.get(key)
            if kept is None or kept[0] <= version:  # a slower reader of an older version never wins
                self._pages[key] = (version, page)
                self._pages.move_to_end(key)
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return response
