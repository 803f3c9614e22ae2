"""What a screening query asks and what it gets back.

:class:`Query` is the one input shape of the matcher (the CLI, the CSV batch and yente-style bodies all
become one); :class:`Candidate` is one ranked answer with the FtM entity data, the score, the match flag and
the explanation of how the score came about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from followthemoney.types import registry

from threatgraph.screen.entries import parse_dates

#: The documented match threshold: a candidate with ``score >= MATCH_THRESHOLD`` is flagged as a match.
#: Chosen on the real OFAC list with ``benchmarks/screening.py`` (leave-one-alias-out recall vs. the
#: false-positive rate on non-listed names); see the benchmark output in the screen stage's notes.
MATCH_THRESHOLD = 0.8
#: Longest name screened anywhere (CLI, CSV, API, web form): real names, including the longest
#: transliterated company names on the lists, are far shorter; longer input is not a name.
MAX_NAME_CHARS = 500


@dataclass(slots=True)
class Query:
    """A party to screen: one or more names, optionally its kind, countries, birth dates and identifiers.

    Countries may be ISO codes or names ("IR", "Iran"); birth dates any of "1971", "1971-03-12", "12 Mar 1971".
    Anything else raises ``ValueError`` naming the value, rather than being silently ignored.
    """

    names: list[str]
    schema: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if isinstance(self.names, str):
            self.names = [self.names]
        self.names = [n for n in (str(n).strip() for n in self.names) if n]
        for name in self.names:  # the same refusals as the API's request models, for every caller
            if "\x00" in name:
                raise ValueError(f"name contains a NUL byte: {name[:60]!r}")
            if len(name) > MAX_NAME_CHARS:
                raise ValueError(f"name of {len(name)} characters (at most {MAX_NAME_CHARS}): {name[:60]!r}…")
        countries: list[str] = []
        for raw in self.countries:
            if not str(raw).strip():
                continue
            code = registry.country.clean(str(raw), fuzzy=True)
            if code is None:
                raise ValueError(f"unknown country: {raw!r} (use an ISO code such as 'IR' or a name such as 'Iran')")
            countries.append(code)
        self.countries = countries
        dates: list[str] = []
        for raw in self.birth_dates:
            if not str(raw).strip():
                continue
            found = parse_dates(str(raw))
            if not found:
                raise ValueError(f"unreadable birth date: {raw!r} (use e.g. '1971', '1971-03-12' or '12 Mar 1971')")
            dates.extend(found)
        self.birth_dates = dates
        self.identifiers = [str(i).strip() for i in self.identifiers if str(i).strip()]


@dataclass(slots=True)
class Candidate:
    """One listed entry that may be the queried party.

    ``features`` holds each feature's contribution to ``score`` (``name_similarity`` is the base; the others
    are added); ``explanation`` says which query name matched which listed name, token by token.
    """

    entry_id: str
    dataset: str
    caption: str
    schema: str
    score: float
    match: bool
    features: dict[str, float]
    explanation: dict[str, Any]
    entity: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "dataset": self.dataset,
            "caption": self.caption,
            "schema": self.schema,
            "score": self.score,
            "match": self.match,
            "features": self.features,
            "explanation": self.explanation,
            "entity": self.entity,
        }
