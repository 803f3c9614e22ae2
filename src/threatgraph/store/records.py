"""What the read side returns, defined once: typed records for entities, links, events, quotes and graphs.

Every reader of the store (CLI printing, the API's JSON, the web pages, exports) gets these records from
:mod:`threatgraph.store.read` instead of ``dict[str, Any]`` shaped anew at each call site, so a field has
one name and one type everywhere and a typo is a type error, not a silently empty cell. Dates and instants
are ISO strings already (the records are what a reader shows, not what the database holds).

:meth:`Record.to_json` gives the JSON form the API publishes: the fields in declaration order, nested
records and lists converted, nothing renamed. The API's JSON is pinned by tests, so field order here is
the key order on the wire. The records are library-free (no pydantic): the API documents their shape in
``api/responses.py``, and ``tests/test_records.py`` holds those models to the fields declared here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Record:
    """Base of the read records: the JSON form, field names as keys in declaration order."""

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._names = ()  # filled on first use: the dataclass decorator runs after this hook

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready values (the API's response body for it)."""
        names = type(self)._names or _field_names(type(self))
        return {name: _plain(getattr(self, name)) for name in names}


def _field_names(cls: type[Record]) -> tuple[str, ...]:
    cls._names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return cls._names


@dataclass(slots=True)
class EntityRef(Record):
    """An actor something names: a resolved entity (``id``, ``schema``), or only the text an article used."""

    caption: str | None
    id: str | None = None
    schema: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.id is None:
            return {"caption": self.caption}
        return {"id": self.id, "caption": self.caption, "schema": self.schema}


@dataclass(slots=True)
class SearchHit(Record):
    """An entity found by name (any alias, any script): how well it matched and whether it reads as sanctioned."""

    id: str
    schema: str
    caption: str
    score: float
    matched: str
    mention_count: int
    article_count: int
    sanctioned: bool


@dataclass(slots=True)
class SanctionLink(Record):
    """A link from a news actor to a sanctions-list entry, with the entry's programs and list history.

    Only confirmed and probable links read as ``sanctioned``; possible ones await review. ``listed_since``
    is the designation date, or for lists without one the first loaded list version that carried the entry.
    """

    dataset: str
    entry_id: str
    caption: str | None
    schema: str | None
    score: float
    status: str
    sanctioned: bool
    judgement: dict[str, Any] | None
    programs: list[str]
    listing_date: str | None
    listed_since: str | None
    first_list_version: str | None
    authority: str | None
    entry_names: list[str]
    entry_countries: list[str]
    removed_from_list: bool
    removed_date: str | None
    explanation: dict[str, Any] | None
    linked_at: str | None


@dataclass(slots=True)
class SanctionsHit(Record):
    """A news actor with at least one sanctions link (``threatgraph hits``): its profile and links."""

    id: str
    schema: str
    caption: str
    mention_count: int
    article_count: int
    first_seen: str | None
    last_seen: str | None
    best_score: float
    sanctioned: bool
    links: list[SanctionLink]


@dataclass(slots=True)
class Evidence(Record):
    """A sentence of an article that mentions the entity, with the mention's text and offsets."""

    sentence: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class ArticleEvidence(Record):
    """An article an entity appears in, with up to a few of the sentences that mention it."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    evidence: list[Evidence]


@dataclass(slots=True)
class TimelineEvent(Record):
    """One event an actor is source or target of, dated (the event's interval, else the publication day).

    ``modality`` says whether the text asserts it happened (only ``asserted`` is a fact); ``type`` is PLOVER.
    """

    event_id: int
    date: str | None
    date_end: str | None
    date_text: str | None
    date_precision: str | None
    date_note: str | None  # why the date is not the sentence's own (publication day, the lead's)
    type: str
    subtype: str | None
    trigger: str | None
    role: str
    source: EntityRef | None
    target: EntityRef | None
    place: str | None
    negated: bool
    hedged: bool
    modality: str
    sentence: str | None
    article_id: str | None
    article_title: str | None
    outlet: str | None
    published: str | None

    @property
    def counterpart(self) -> EntityRef | None:
        """The other actor of the event, seen from the timeline's entity."""
        return self.target if self.role == "source" else self.source

    @property
    def is_fact(self) -> bool:
        """What the reporting says happened: asserted and not negated (only these draw graph edges)."""
        return self.modality == "asserted" and not self.negated


@dataclass(slots=True)
class Quote(Record):
    """A quotation (PARC source/cue/content) by or about an entity; ``speaker_entity`` is set for quotes about it."""

    quote_id: int
    text: str
    direct: bool
    speaker: str | None
    speaker_entity: EntityRef | None
    speaker_title: str | None
    speaker_affiliation: str | None
    cue: str | None
    outlet: str | None
    article_id: str
    article_title: str | None
    published: str | None
    kind: str = "speech"  # speech | written | according | belief | report (extract/quote_kinds.py)


@dataclass(slots=True)
class EventTie(Record):
    """How many asserted events of one PLOVER type go from (``out``) or to (``in``) the entity."""

    type: str
    direction: str
    count: int


@dataclass(slots=True)
class Related(Record):
    """An entity related to another: articles they share (co-occurrence) and events between them."""

    id: str
    caption: str
    schema: str
    cooccurrence: int
    events: list[EventTie]

    @property
    def strength(self) -> int:
        return self.cooccurrence + sum(e.count for e in self.events)


@dataclass(slots=True)
class EventCounts(Record):
    """True totals behind a cut list (an event with the actor in both roles counts in both)."""

    source_events: int
    target_events: int
    quotes_by: int


@dataclass(slots=True)
class Alias(Record):
    """A name an entity goes by, its script and how often the articles used it."""

    name: str
    script: str
    count: int


@dataclass(slots=True)
class Dossier(Record):
    """Everything known about one actor. Lists are bounded; ``counts`` holds the true totals and
    ``timeline_next_before`` pages on through :func:`threatgraph.store.read.timeline` (None: nothing older)."""

    id: str
    schema: str
    caption: str
    mention_count: int
    article_count: int
    first_seen: str | None
    last_seen: str | None
    norm: str | None
    labels: dict[str, Any]
    aliases: list[Alias]
    scripts: list[str]
    sanctioned: bool
    sanctions: list[SanctionLink]
    articles: list[ArticleEvidence]
    timeline: list[TimelineEvent]
    counts: EventCounts
    timeline_next_before: int | None
    quotes_by: list[Quote]
    quotes_about: list[Quote]
    related: list[Related]


@dataclass(slots=True)
class TimelinePage(Record):
    """A page of an actor's events, newest ids first, sorted by date; ``next_before`` continues (None: last page)."""

    entity: EntityRef
    events: list[TimelineEvent]
    limit: int
    before: int | None
    next_before: int | None
    more: bool
    counts: EventCounts


@dataclass(slots=True)
class GraphNode(Record):
    """An entity of a relations graph, ``depth`` hops from the centre."""

    id: str
    caption: str
    schema: str
    depth: int


@dataclass(slots=True)
class GraphEdge(Record):
    """A relation: ``cooccurrence`` (shared articles) or an event type, from source to target, with its count."""

    source: str
    target: str
    type: str
    weight: int


@dataclass(slots=True)
class Graph(Record):
    """Nodes and edges around an entity; empty when there is no such entity."""

    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)


# --- articles ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleSummary(Record):
    """An article in a list: what names it, where it ran, and a snippet (the search hit when searched)."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    snippet: str


# --- one article, as the highlighted article page shows it -------------------------------------


@dataclass(slots=True)
class ArticleText(Record):
    """A stored article with its whole text (what mention offsets point into)."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None
    lang: str
    source: str | None
    text: str
    ingested_at: str | None


@dataclass(slots=True)
class ArticleMention(Record):
    """A mention in an article: offsets into its text, the extractor's label, and the resolved entity if any."""

    start: int
    end: int
    text: str
    label: str
    norm: str
    canonical: str
    group: int
    origin: str
    entity_id: str | None
    entity_caption: str | None


@dataclass(slots=True)
class DateSpan(Record):
    """An event's date as the extractor normalised it (TIMEX3-like): the words, the interval, its precision."""

    text: str | None
    start: str | None
    end: str | None
    precision: str | None
    note: str | None = None  # why the date is not the sentence's own (publication day, the lead's)


@dataclass(slots=True)
class ArticleEvent(Record):
    """An event as stored for one article: PLOVER type, actors (text, in-document group, entity), modality."""

    id: int
    article_id: str
    type: str
    subtype: str | None
    trigger: str
    source_text: str | None
    source_grp: int | None
    source_entity_id: str | None
    target_text: str | None
    target_grp: int | None
    target_entity_id: str | None
    place: str | None
    negated: bool
    hedged: bool
    modality: str
    sentence: str
    start: int
    end: int
    date: DateSpan | None


@dataclass(slots=True)
class TextSpan(Record):
    """A stretch of an article's text: character offsets and the words written there."""

    start: int
    end: int
    text: str | None


@dataclass(slots=True)
class QuoteSpans(Record):
    """One attribution as PARC-style spans: the source as written, the cue and the content (a span the
    extractor did not find is None), with the speaker it was resolved to, so others can score them."""

    type: str  # direct | mixed | indirect (model.parc_type)
    kind: str  # speech | written | according | belief | stance | report (extract/quote_kinds.py)
    source: TextSpan | None
    source_phrase: TextSpan | None  # the source's whole noun phrase (PARC/PolNeAR), appositions included
    speaker: str | None
    cue: TextSpan | None
    content: TextSpan


@dataclass(slots=True)
class ArticleQuote(Record):
    """A quote as stored for one article (PARC: source ``speaker``, ``cue``, content ``text``), with offsets."""

    id: int
    article_id: str
    text: str
    direct: bool
    speaker: str | None
    speaker_grp: int | None
    speaker_entity_id: str | None
    speaker_title: str | None
    speaker_affiliation: str | None
    cue: str | None
    outlet: str | None
    sentence: str
    start: int
    end: int
    kind: str  # speech | written | according | belief | report (extract/quote_kinds.py)
    parc: QuoteSpans  # the stored source/cue columns with the content, as spans


@dataclass(slots=True)
class ArticlePage(Record):
    """One article with its mentions, events and quotes, each in text order."""

    article: ArticleText
    mentions: list[ArticleMention]
    events: list[ArticleEvent]
    quotes: list[ArticleQuote]


# --- quotes and events found across the archive (``threatgraph quotes`` / ``events``) ---------


@dataclass(slots=True)
class QuoteHit(Record):
    """A quote found by speaker or subject, with its article."""

    id: int
    article_id: str
    article_title: str | None
    published: str | None
    text: str
    direct: bool
    speaker: str | None
    speaker_entity_id: str | None
    speaker_title: str | None
    speaker_affiliation: str | None
    cue: str | None
    outlet: str | None
    sentence: str
    parc: QuoteSpans


@dataclass(slots=True)
class EventHit(Record):
    """An event found by actor or type: actors as the resolved caption, else the article's words."""

    id: int
    type: str
    subtype: str | None
    trigger: str
    source: str | None
    source_entity_id: str | None
    target: str | None
    target_entity_id: str | None
    place: str | None
    date_text: str | None
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    date_note: str | None
    negated: bool
    hedged: bool
    modality: str
    sentence: str
    article_id: str
    article_title: str | None
    published: str | None


# --- alerts -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Alert(Record):
    """A watched actor showed up in an article: what matched, how well, where, and the delivery state.

    The same record reaches the CLI (``alerts --json``), the API and, less its delivery bookkeeping, the
    webhook body, so a consumer sees the same fields wherever it reads an alert. Instants are UTC ISO.
    """

    id: int
    watch_id: int
    article_id: str
    matched: str
    score: float
    sentence: str | None
    created_at: str
    delivered_at: str | None
    attempts: int
    next_attempt_at: str | None
    last_error: str | None
    watch_name: str
    entity_id: str | None
    watch_note: str | None
    article_title: str | None
    article_url: str | None
    article_outlet: str | None
    article_published: str | None
