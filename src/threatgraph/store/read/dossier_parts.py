"""What a dossier is assembled from, however it was read (step by step on SQLite, one statement on
PostgreSQL), and the evidence pick both reads share, so the two give the same record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from threatgraph.store.read import limits
from threatgraph.store.records import EventCounts, Evidence, Quote, Related, SanctionLink, TimelineEvent


@dataclass(slots=True)
class Parts:
    """The rows and records of one dossier before assembly.

    ``entity`` is the entities row; ``aliases`` (name, script, count) rows, most used first; ``order`` the
    recent article ids (newest mention first) with ``evidence`` sentences and ``articles`` rows (title,
    outlet, url, published) by id; ``counts`` the stored totals, needed only when a list was cut (None
    when the reader knew it was not); ``version`` the store version read in the same snapshot."""

    entity: Mapping[str, Any]
    aliases: list[tuple[str, str, int]]
    links: list[SanctionLink]
    order: list[str]
    evidence: dict[str, list[Evidence]]
    articles: Mapping[str, Mapping[str, Any]]
    timeline: list[TimelineEvent]
    quotes_by: list[Quote]
    quotes_about: list[Quote]
    counts: EventCounts | None
    related: list[Related]
    #: The store version the parts were read at (``store_version``, migration 0006); None: not known (SQLite).
    version: int | None = None


def evidence_of(rows: Iterable[Sequence[Any]]) -> tuple[list[str], dict[str, list[Evidence]]]:
    """The first ``ARTICLES`` articles of mention rows (article id, sentence, text, start, end; newest first)
    and up to ``SENTENCES_PER_ARTICLE`` different sentences of the entity in each, in text order."""
    order: list[str] = []
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for aid, sentence, text, start, end in rows:
        if aid not in evidence:
            if len(order) >= limits.ARTICLES:
                continue
            order.append(aid)
        ev = evidence[aid]
        if len(ev) < limits.SENTENCES_PER_ARTICLE and all(e.sentence != sentence for e in ev):
            ev.append(Evidence(sentence=sentence, text=text, start=start, end=end))
    for ev in evidence.values():
        ev.sort(key=lambda e: e.start)
    return order, evidence
