"""Whether screening can answer at all, and how old the lists behind its answers are.

A compliance tool must never answer "no match" when it cannot know. With no list loaded every
answer would be an empty "no match", so screening refuses (:class:`NoListsError`). A list older
than the configured age (``THREATGRAPH_LIST_MAX_AGE_DAYS``, by its own publication date when the
file carries one, else by the day it was loaded) has probably missed designations, so every
answer carries a warning naming it; the CLI, the API and the web page show the same warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from threatgraph.config import list_max_age_days
from threatgraph.screen.lists import CurrentList, current_lists


class NoListsError(RuntimeError):
    """No sanctions list is loaded: any "no match" would be meaningless."""


NO_LISTS = (
    "no sanctions lists loaded: nothing can be screened (a 'no match' would mean nothing); "
    "load one with `threatgraph lists load FILE`"
)


@dataclass(slots=True)
class ListsStatus:
    """The loaded lists' ages and one warning per list older than ``max_age_days``."""

    max_age_days: int
    lists: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return bool(self.warnings)

    def as_dict(self) -> dict[str, Any]:
        return {"max_age_days": self.max_age_days, "stale": self.stale, "lists": self.lists, "warnings": self.warnings}


def _as_of(current: CurrentList) -> tuple[date, str]:
    if current.published:
        return current.published, "published"
    return current.loaded_at.date(), "loaded"


def lists_status(engine: Engine, today: date | None = None, lists: Sequence[CurrentList] | None = None) -> ListsStatus:
    """The current version of every loaded list with its age; raises :class:`NoListsError` when none is.

    ``lists``: the current versions when the caller read them already (:func:`current_lists`, also the
    screening index's key), so a screening request reads them once."""
    current = current_lists(engine) if lists is None else lists
    if not current:
        raise NoListsError(NO_LISTS)
    today = today or datetime.now(UTC).date()
    status = ListsStatus(list_max_age_days())
    for row in sorted(current, key=lambda c: c.dataset):
        as_of, basis = _as_of(row)
        age = (today - as_of).days
        stale = age > status.max_age_days
        status.lists.append({"dataset": row.dataset, "as_of": as_of.isoformat(), "age_days": age, "stale": stale})
        if stale:
            status.warnings.append(
                f"list {row.dataset!r} is {age} days old ({basis} {as_of.isoformat()}; limit "
                f"{status.max_age_days} days): a 'no match' may miss newer designations; load a current version"
            )
    return status
