"""Completing the work a killed or failed run left: resolve, re-screen, watch checks.

The store records what every stored row still needs (:mod:`threatgraph.store.work`). This module
does that work in the order an uninterrupted run does it: resolve the pending articles in ingest
order (which screens the entities it creates or renames), screen what still needs screening (all
entities after a new list version), then check the pending articles against the watches. Every
step clears its own records in the transaction that does the work, so resuming twice, or being
killed while resuming, is harmless.

``ingest`` and ``lists load`` call :func:`resume` before their own work, and ``resolve`` with no
flags is exactly :func:`resume`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from time import perf_counter

from sqlalchemy import Engine

from threatgraph.store import work

#: Articles resolved per transaction while catching up (the pipeline's batches are of this order).
RESOLVE_BATCH = 64


@dataclass(slots=True)
class ResumeStats:
    """What one :func:`resume` did: articles resolved, entities screened, articles watch-checked."""

    resolved_articles: int = 0
    mentions: int = 0
    created: int = 0
    merged: int = 0
    screened: int = 0
    sanction_links: int = 0
    watch_checked: int = 0
    alerts: int = 0
    seconds: float = 0.0

    @property
    def did_anything(self) -> bool:
        return bool(self.resolved_articles or self.screened or self.watch_checked)

    def as_dict(self) -> dict[str, int | float]:
        return asdict(self)


def resume(engine: Engine, *, progress: Callable[[str, int, int], None] | None = None) -> ResumeStats:
    """Do every pending work item; raises what the failing step raised (its items stay pending)."""
    from threatgraph.resolve import update
    from threatgraph.resolve.sanctions import relink_all, screen_entities
    from threatgraph.watch import check

    t0 = perf_counter()
    stats = ResumeStats()
    todo = work.pending_articles(engine, work.RESOLVE)
    for i in range(0, len(todo), RESOLVE_BATCH):
        part = update(engine, todo[i : i + RESOLVE_BATCH])
        stats.resolved_articles += part.articles or len(todo[i : i + RESOLVE_BATCH])
        stats.mentions += part.mentions
        stats.created += part.created
        stats.merged += part.merged
        stats.screened += part.screened
        stats.sanction_links += part.sanction_links
        if progress:
            progress("resolve", min(i + RESOLVE_BATCH, len(todo)), len(todo))
    screen_ids = work.pending(engine, work.SCREEN)
    if work.SCREEN_ALL in screen_ids:
        from threatgraph.extract.pipeline import clear_extractors

        clear_extractors()  # the gazetteer holds the listed names of the old version
        screened, links = relink_all(engine)
    else:
        screened, links = screen_entities(engine, screen_ids)
    stats.screened += screened
    stats.sanction_links += links
    unchecked = work.pending_articles(engine, work.WATCH)
    if unchecked:
        stats.alerts = len(check(engine, unchecked))
        stats.watch_checked = len(unchecked)
        if progress:
            progress("watch", len(unchecked), len(unchecked))
    stats.seconds = perf_counter() - t0
    return stats
