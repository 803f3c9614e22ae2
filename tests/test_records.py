"""The read records: one definition of each shape, its JSON form, and the API's documented models held to it."""

from __future__ import annotations

import dataclasses
import json

import pytest
from pydantic import BaseModel

from threatgraph.api import responses
from threatgraph.store import records
from threatgraph.store.parc import SPAN_COLUMNS


def _names(record: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record)]


def _documented(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


@pytest.mark.parametrize(
    ("model", "record", "added"),
    [
        (responses.TimelineEvent, records.TimelineEvent, ["date_label"]),  # the label is presentation (web)
        (responses.TimelinePage, records.TimelinePage, []),
    ],
)
def test_api_models_document_exactly_the_record_fields(model, record, added) -> None:
    assert sorted(_documented(model)) == sorted(_names(record) + added)


def test_shared_shapes_are_documented_by_the_records_themselves() -> None:
    assert responses.TimelinePage.model_fields["counts"].annotation is records.EventCounts
    assert responses.TimelinePage.model_fields["entity"].annotation is records.EntityRef


def _event(**kw) -> records.TimelineEvent:
    base = {f.name: None for f in dataclasses.fields(records.TimelineEvent)}
    base |= {"event_id": 7, "type": "ARREST", "role": "target", "negated": False, "hedged": False}
    base |= {"modality": "asserted"}
    return records.TimelineEvent(**(base | kw))


def test_json_form_keeps_field_order_and_nests_records() -> None:
    police = records.EntityRef(id="ent-1", caption="Police", schema="PublicBody")
    ev = _event(source=police, target=records.EntityRef(caption="three men"))
    out = ev.to_json()
    assert list(out) == _names(records.TimelineEvent)
    assert out["source"] == {"id": "ent-1", "caption": "Police", "schema": "PublicBody"}
    assert out["target"] == {"caption": "three men"}  # an unresolved actor is only the article's words
    page = records.TimelinePage(
        entity=police,
        events=[ev],
        limit=1,
        before=None,
        next_before=None,
        more=False,
        counts=records.EventCounts(0, 1, 0),
    )
    assert json.loads(json.dumps(page.to_json()))["events"][0]["target"] == {"caption": "three men"}


def test_counterpart_and_fact_read_the_role_and_modality() -> None:
    police = records.EntityRef(id="ent-1", caption="Police", schema="PublicBody")
    ev = _event(source=police, target=records.EntityRef(id="ent-2", caption="Group", schema="ArmedGroup"))
    assert ev.counterpart is police and ev.is_fact
    assert not _event(modality="hypothetical").is_fact and not _event(negated=True).is_fact


@pytest.mark.parametrize(
    ("table", "record", "renamed"),
    [
        ("articles", records.ArticleText, {"seq": None}),  # ingest order is bookkeeping, not shown
        (
            "events",
            records.ArticleEvent,
            {c: "date" for c in ("date_text", "date_start", "date_end", "date_precision", "date_note")},
        ),
        (
            "quotes",
            records.ArticleQuote,
            {c: "parc" for c in SPAN_COLUMNS},
        ),
    ],
)
def test_article_page_records_hold_every_stored_column(table, record, renamed) -> None:
    """A column added to the table must be added to its record: the page fails loudly, never drops it."""
    from threatgraph.store import schema

    columns = {renamed.get(col.key, col.key) for col in getattr(schema, table).c} - {None}
    assert columns == set(_names(record)), f"store/records.py {record.__name__} vs table {table}"
