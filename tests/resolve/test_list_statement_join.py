"""A list's statement that two names are one body's joins an entity read as sanctioned, with or without shared
company (issue 9, s18). Before, shared company lifted an acronym over the list's own score, the acronym then
stood as the evidence and the sanctioned-join guard refused it: the body stayed split exactly when the article
agreed with the entity. All names are invented."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from threatgraph import resolve
from threatgraph.store.schema import sanction_links

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row
from .test_cluster import entity_of

ROWS = [_row(9801, "QANDOR AMSEL RIVER LIBERATION FRONT", remarks="a.k.a. 'QARLF'.")]

FIRST = build(
    "The QARLF shelled Tamsin with help from Brenna Holt.",
    [("ArmedGroup", ["QARLF"]), ("Location", ["Tamsin"]), ("Person", ["Brenna Holt"])],
)
SAME_COMPANY = build(
    "The Qandor Amsel River Liberation Front met Brenna Holt in Amselburg.",
    [("ArmedGroup", ["Qandor Amsel River Liberation Front"]), ("Person", ["Brenna Holt"]), ("Location", ["Amselburg"])],
)
OTHER_BODY = build(
    "The Qandor Amsel Rail Logistics Firm met Brenna Holt in Amselburg.",
    [("ArmedGroup", ["Qandor Amsel Rail Logistics Firm"]), ("Person", ["Brenna Holt"]), ("Location", ["Amselburg"])],
)


def _flag(store) -> str:
    (eid,) = entity_of(store, "QARLF")
    with store.begin() as conn:
        conn.execute(
            insert(sanction_links).values(
                entity_id=eid,
                dataset="ofac",
                entry_id="ofac-9801",
                score=0.95,
                explanation={},
                status="probable",
                created_at=datetime.now(UTC),
            )
        )
    return eid


def test_the_long_name_the_list_gives_joins_the_sanctioned_acronym_in_shared_company(store, add, tmp_path) -> None:
    listed = load_sdn_rows(store, tmp_path, ROWS)
    resolve.update(listed, add(FIRST), screen=False)
    eid = _flag(listed)
    resolve.update(listed, add(SAME_COMPANY), screen=False)
    assert entity_of(listed, "Qandor Amsel River Liberation Front") == {eid}


def test_control_another_body_of_the_same_initials_stays_apart(store, add, tmp_path) -> None:
    listed = load_sdn_rows(store, tmp_path, ROWS)
    resolve.update(listed, add(FIRST), screen=False)
    eid = _flag(listed)
    stats = resolve.update(listed, add(OTHER_BODY), screen=False)
    assert entity_of(listed, "Qandor Amsel Rail Logistics Firm") != {eid} and stats.guarded >= 1
