"""Response shapes of the paged read endpoints, published in the OpenAPI schema.

The read routes send the JSON form of the store's read records (``store/records.py``, ``to_json()``)
without a copy through a model, which costs more than the query; these models only document that shape
for the OpenAPI schema. ``tests/test_records.py`` holds their fields to the records', and schemathesis
checks every answer against them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from threatgraph.store.records import EntityRef, EventCounts


class TimelineEvent(BaseModel):
    """One event of an actor's timeline: the date as an ISO interval plus its human label."""

    event_id: int
    date: str | None = Field(description="ISO start of the event's date interval (or the publication day)")
    date_end: str | None = Field(description="ISO end of the interval; null for a single day or published date")
    date_text: str | None = Field(description="the date words in the article, e.g. 'late July'")
    date_precision: str | None = Field(description="day, month, season, year…, or 'published' when undated")
    date_note: str | None = Field(
        None, description="why the date is not the sentence's own (publication date, carried from the lead)"
    )
    date_label: str = Field(description="short human label by precision, e.g. 'late Jul 2022', '2018–2020'")
    type: str
    subtype: str | None
    trigger: str | None
    role: str = Field(description="'source' or 'target': the actor's role in the event")
    source: EntityRef | None
    target: EntityRef | None
    place: str | None
    negated: bool
    hedged: bool
    modality: str = Field(
        "asserted", description="asserted, negated, hypothetical, demanded or claimed; only asserted is a fact"
    )
    sentence: str | None
    article_id: str | None
    article_title: str | None
    outlet: str | None
    published: str | None


class TimelinePage(BaseModel):
    """A page of an actor's events, newest ids first, each page sorted by date.

    Pass ``next_before`` as ``before`` for the next (older) page; it is null on the last page.
    """

    entity: EntityRef
    events: list[TimelineEvent]
    limit: int
    before: int | None
    next_before: int | None
    more: bool
    counts: EventCounts
