"""Joining an entity that reads as sanctioned needs more than the bare merge threshold (issue 9): one wrong
mention there shows its actor as sanctioned. A name that aligns whole still joins; a weaker one (middle
names left out, string-similar) joins only in the entity's company."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from threatgraph import resolve
from threatgraph.store.schema import sanction_links

from .conftest import build
from .test_cluster import entity_of

FIRST = build(
    "Dorian K. Vellacott financed the Qandor Front with Brenna Holt.",
    [("Person", ["Dorian K. Vellacott"]), ("ArmedGroup", ["Qandor Front"]), ("Person", ["Brenna Holt"])],
)
LATER = build("Dorian Vellacott spoke in Amselburg.", [("Person", ["Dorian Vellacott"]), ("Location", ["Amselburg"])])
SAME_COMPANY = build(
    "Dorian Vellacott met the Qandor Front and Brenna Holt in Amselburg.",
    [("Person", ["Dorian Vellacott"]), ("ArmedGroup", ["Qandor Front"]), ("Person", ["Brenna Holt"])],
)
ALIGNED = build("Dorian K. Vellacott was seen in Amselburg.", [("Person", ["Dorian K. Vellacott"])])


def _flag(store, status: str) -> str:
    (eid,) = entity_of(store, "Dorian K. Vellacott")
    with store.begin() as conn:
        conn.execute(
            insert(sanction_links).values(
                entity_id=eid,
                dataset="test",
                entry_id="t-1",
                score=0.95,
                explanation={},
                status=status,
                created_at=datetime.now(UTC),
            )
        )
    return eid


def test_a_weaker_name_joins_an_entity_that_is_not_flagged(store, add) -> None:
    resolve.update(store, add(FIRST), screen=False)
    eid = _flag(store, "possible")  # a name-only link reads as nothing: no guard
    resolve.update(store, add(LATER), screen=False)
    assert entity_of(store, "Dorian Vellacott") == {eid}


def test_a_weaker_name_alone_does_not_join_a_sanctioned_entity(store, add) -> None:
    resolve.update(store, add(FIRST), screen=False)
    eid = _flag(store, "probable")
    stats = resolve.update(store, add(LATER), screen=False)
    assert entity_of(store, "Dorian Vellacott") != {eid} and stats.guarded >= 1
    # the whole name aligned joins it
    resolve.update(store, add(ALIGNED), screen=False)
    assert entity_of(store, "Dorian K. Vellacott") == {eid}


def test_shared_company_lets_a_weaker_name_join_a_sanctioned_entity(store, add) -> None:
    resolve.update(store, add(FIRST), screen=False)
    eid = _flag(store, "probable")
    resolve.update(store, add(SAME_COMPANY), screen=False)
    assert entity_of(store, "Dorian Vellacott") == {eid}
