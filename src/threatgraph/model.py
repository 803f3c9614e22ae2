"""The one data model that flows through every stage.

ingest produces :class:`Article`; extract adds :class:`Mention`, :class:`Event` and
:class:`Quote` records (bundled in :class:`Analysis`); store writes an ``Analysis`` in one
transaction; resolve turns mentions into cross-article entities; screen, watch, export, api
and web read the same records back. Plain slotted dataclasses keep this layer free of any
library: spaCy, SQLAlchemy and followthemoney objects never cross a stage boundary.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

#: Entity types we use end to end; they are FollowTheMoney schema names, plus ``Nationality``
#: (a demonym/group adjective, not an FtM schema) and ``Date``.
ENTITY_TYPES = (
    "Person",
    "Organization",
    "ArmedGroup",
    "PublicBody",
    "Company",
    "Country",
    "Location",
    "Nationality",
    "Date",
)


def content_hash(text: str) -> str:
    """The article id: SHA-1 of the NFC-normalised text with whitespace runs folded.

    Folding whitespace makes the same story re-fetched with different line wrapping a
    duplicate, which is what an analyst means by "the same article".
    """
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """One news item as ingested: text plus whatever metadata the source carried."""

    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str = "en"
    source: str | None = None  # path or feed URL it came from, with line/item number
    id: str = ""
    author: str | None = None  # byline as the source gives it (page metadata, feed item, front matter)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)


@dataclass(slots=True)
class DateInterval:
    """A temporal expression normalised against the publication date.

    ``precision`` is one of day, month, season, year, range, unknown. ``start``/``end`` are
    None when the expression cannot be anchored (e.g. "last year" with no publication date);
    ``note`` then says why instead of guessing.
    """

    text: str
    start: date | None
    end: date | None
    precision: str
    note: str | None = None
    # TIMEX3 reading of the expression (type DATE/TIME/DURATION/SET and its value, "" when none) and
    # where it is in the article text (-1 when normalised outside a document)
    timex_type: str = "DATE"
    timex_value: str = ""
    start_char: int = -1
    end_char: int = -1


@dataclass(slots=True)
class Mention:
    """A typed span of an article. ``group`` ties mentions of one actor within the article."""

    start: int
    end: int
    text: str
    label: str  # one of ENTITY_TYPES
    norm: str  # normalised name used for grouping and resolution
    sentence: str
    sent_start: int
    group: int = -1  # in-document alias group
    canonical: str = ""  # best name of the in-document group
    source: str = "model"  # "model" or "gazetteer"
    entity_id: str | None = None  # cross-article entity, set by resolve
    # a country name standing for its state as an actor ("Qandor condemns", "Qandor forces"), not for a place; or a
    # people named as a body ("the Qandoris have cleared the town"), its state or forces acting
    state_actor: bool = False


@dataclass(slots=True)
class Event:
    """Who did what to whom, typed with the PLOVER ontology, with its evidence."""

    type: str
    trigger: str
    sentence: str
    start: int  # char offsets of the evidence sentence in the article text
    end: int
    source: str | None = None  # actor text (canonical name of its mention group)
    target: str | None = None
    source_group: int = -1
    target_group: int = -1
    place: str | None = None
    date: DateInterval | None = None
    negated: bool = False
    hedged: bool = False
    subtype: str | None = None  # the PLOVER mode where the trigger shows it ("aerial", "arrest")
    modality: str = "asserted"  # asserted | negated | hypothetical | demanded | claimed: only asserted is a fact


@dataclass(slots=True)
class Quote:
    """A direct or reported statement attributed to a speaker."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_group: int = -1
    speaker_title: str | None = None
    speaker_affiliation: str | None = None
    cue: str | None = None  # "said", "told"
    outlet: str | None = None  # "told Arab News" -> "Arab News"
    direct: bool = True
    sentence: str = ""
    # PARC-style spans as character offsets in the article text (-1 when unknown): the cue words and
    # the source as written ("he", "the police chief", "Ada Roe"); the content is start..end above
    cue_start: int = -1
    cue_end: int = -1
    source_start: int = -1
    source_end: int = -1
    # what kind of attribution it is (extract/quote_kinds.py): speech, written, according, belief or report;
    # what the product shows as someone's quote is speech, written and according
    kind: str = "speech"
    # the source's whole noun phrase as PARC and PolNeAR write it ("Ada Roe, a spokeswoman for the ministry,"):
    # appositions and relative clauses included; source_start..source_end above is the name up to its head
    phrase_start: int = -1
    phrase_end: int = -1

    @property
    def parc_type(self) -> str:
        """PARC's kind: direct (all quoted), mixed (a reported clause holding a quotation) or indirect."""
        return parc_type(self.direct, self.text)


#: quotation marks that make reported content a mixed quotation
_QUOTE_MARKS = frozenset('“”"„«»')


def parc_type(direct: bool, content: str) -> str:
    """``direct``, ``mixed`` or ``indirect`` for a quote's flag and content (one rule for extract, store, export)."""
    if direct:
        return "direct"
    return "mixed" if any(ch in _QUOTE_MARKS for ch in content) else "indirect"


@dataclass(slots=True)
class Analysis:
    """Everything extract found in one article; store writes it in one transaction."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateInterval] = field(default_factory=list)


@dataclass(slots=True)
class IngestFailure:
    """A bad input: where it was and why it was refused, so the batch can go on."""

    source: str
    reason: str


@dataclass(slots=True)
class IngestReport:
    """Summary of one ingest run, printed by the CLI and returned by the API."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)
    started: datetime | None = None
