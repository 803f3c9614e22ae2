"""Shared pieces of the fault-injection suite: a corpus, a deterministic extractor, kills and snapshots.

A "kill" in the fast tests is :class:`Killed`, a ``BaseException`` raised at the n-th call of a
chosen function: nothing in the code under test catches it (it catches ``Exception``), the open
transaction is rolled back exactly as the database discards an uncommitted transaction after
kill -9, and no clean-up code of ours runs after it. The slow tests kill real processes.

The snapshot is everything a user can see that a crash could lose or duplicate: articles (with
their ingest order), mentions and which entity they resolve to, entities with their counts and
aliases, sanctions links, alerts and the pending work left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.schema import alerts, aliases, articles, entities, mentions, pending_work, sanction_links

#: Names the test extractor tags (an invented world: the demo list lists some of them).
NAMES = {
    "Fajr Brigade": "ArmedGroup",
    "Liwa al-Fajr": "ArmedGroup",
    "Hamid Reza Tavakoli": "Person",
    "Crescent Gate General Trading": "Company",
    "Umar Karim": "Person",
    "Saraya Saif al-Qadim": "ArmedGroup",
    "Harbor Lantern Maritime Services": "Company",
    "Karachi": "Location",
    "Aleppo": "Location",
}
_PATTERN = re.compile("|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)))

_TEMPLATES = [
    "The {a} recruited fighters in {p} last week, according to officials.",
    "{a} and {b} met in {p} on Tuesday to discuss shipments.",
    "Officials said {b} paid the {a} through intermediaries in {p}.",
    "A spokesman for {a} denied any role in the attack near {p}.",
]
_ACTORS = [n for n, t in NAMES.items() if t != "Location"]
_PLACES = [n for n, t in NAMES.items() if t == "Location"]


def corpus(n: int = 24) -> list[Article]:
    """``n`` distinct invented articles that mention the actors in varying pairs."""
    out = []
    for i in range(n):
        a, b = _ACTORS[i % len(_ACTORS)], _ACTORS[(3 * i + 1) % len(_ACTORS)]
        text = " ".join(
            t.format(a=a, b=b, p=_PLACES[(i + j) % len(_PLACES)]) for j, t in enumerate(_TEMPLATES[: 2 + i % 3])
        )
        out.append(Article(text=f"Report {i}. {text}", title=f"Report {i}", published=date(2024, 1, 1 + i % 28)))
    return out


class NameExtractor:
    """Tags the known names (one in-document group per name); deterministic and instant."""

    def analyse(self, arts: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
        for art in arts:
            groups: dict[str, int] = {}
            found = []
            for m in _PATTERN.finditer(art.text):
                name = m.group(0)
                grp = groups.setdefault(name, len(groups))
                found.append(Mention(m.start(), m.end(), name, NAMES[name], name.casefold(), art.text, 0, grp, name))
            yield Analysis(article=art, mentions=found)


class Killed(BaseException):
    """The process died here (raised, never caught by the code under test)."""


def kill_at(monkeypatch: pytest.MonkeyPatch, owner: Any, attr: str, nth: int, after: bool = False) -> list[int]:
    """Make the ``nth`` call (1-based) of ``owner.attr`` die, before it runs or right after it returned.

    Returns a one-item list counting the calls seen, so a test can assert the point was reached.
    """
    real: Callable[..., Any] = getattr(owner, attr)
    seen = [0]

    def dying(*args: Any, **kwargs: Any) -> Any:
        seen[0] += 1
        if seen[0] == nth and not after:
            raise Killed(f"{attr} #{nth}")
        result = real(*args, **kwargs)
        if seen[0] == nth and after:
            raise Killed(f"after {attr} #{nth}")
        return result

    monkeypatch.setattr(owner, attr, dying)
    return seen


def snapshot(engine: Engine) -> dict[str, Any]:
    """Everything a crash could lose or duplicate, in a comparable form (no timestamps, no row ids)."""
    with engine.connect() as conn:

        def rows(*cols: Any, order: Iterable[Any] | None = None) -> list[tuple[Any, ...]]:
            q = select(*cols).order_by(*(order if order is not None else cols))
            return [tuple(r) for r in conn.execute(q)]

        return {
            "articles": rows(articles.c.seq, articles.c.id),
            "mentions": rows(mentions.c.article_id, mentions.c.start, mentions.c.label, mentions.c.entity_id),
            "entities": rows(
                entities.c.id, entities.c.schema, entities.c.caption, entities.c.mention_count, entities.c.article_count
            ),
            "aliases": rows(aliases.c.entity_id, aliases.c.name, aliases.c.count),
            "links": rows(sanction_links.c.entity_id, sanction_links.c.dataset, sanction_links.c.entry_id),
            "alerts": rows(alerts.c.watch_id, alerts.c.article_id, alerts.c.matched),
            "pending": rows(pending_work.c.kind, pending_work.c.key),
        }


def fresh_store(path: Path) -> Engine:
    from threatgraph.store.db import open_store

    return open_store(f"sqlite:///{path}")
