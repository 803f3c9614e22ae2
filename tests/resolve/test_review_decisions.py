"""Decisions taken in the browser's review outlive re-screening and ``resolve --rebuild`` (real resolution)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from archive import add_sanction_link
from threatgraph import resolve
from threatgraph.store.review import review_queue
from threatgraph.store.schema import mentions, sanction_links

from .conftest import build

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

LINKED = [
    build(
        "The Zainabiyoun Brigade recruited in Karachi. Abbas Haidari was seen in Karachi.",
        [("ArmedGroup", ["Zainabiyoun Brigade"]), ("Location", ["Karachi"]), ("Person", ["Abbas Haidari"])],
    ),
]
# A partial person name joins the full one on shared context alone: a doubtful merge.
PARTIAL = [
    build(
        "Hamid Rasul Qadri met the Kunar shura. Kunar Front fighters attended.",
        [("Person", ["Hamid Rasul Qadri"]), ("Location", ["Kunar"]), ("ArmedGroup", ["Kunar Front"])],
    ),
    build(
        "Rasul Qadri addressed the Kunar shura. Kunar Front fighters attended.",
        [("Person", ["Rasul Qadri"]), ("Location", ["Kunar"]), ("ArmedGroup", ["Kunar Front"])],
    ),
]


@pytest.fixture
def client(store):
    from threatgraph.api.app import create_app

    return TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")


def entity_of(store, text: str) -> set[str]:
    with store.connect() as conn:
        return {r[0] for r in conn.execute(select(mentions.c.entity_id).where(mentions.c.text == text))}


def links(store) -> dict[tuple[str, str], str]:
    with store.connect() as conn:
        rows = conn.execute(select(sanction_links.c.entity_id, sanction_links.c.entry_id, sanction_links.c.status))
        return {(e, x): s for e, x, s in rows}


def test_link_decisions_survive_rescreening_and_rebuild(store, add, client) -> None:
    from threatgraph.screen.lists import load_files

    load_files(store, [FIXTURES / "sdn.csv"], dataset="ofac")
    resolve.update(store, add(*LINKED))
    (group,), (person,) = entity_of(store, "Zainabiyoun Brigade"), entity_of(store, "Abbas Haidari")
    before = links(store)
    assert before[(person, "ofac-9003")] == "possible"  # a person on a name alone is never probable
    queue = client.get("/review.json").json()
    assert (person, "ofac-9003") in {(i["entity"]["id"], i["entry_id"]) for i in queue["items"]}

    body = {"entity_id": person, "dataset": "ofac", "entry_id": "ofac-9003", "status": "rejected"}
    assert client.post("/review/links", json=body, headers=AUTH).status_code == 200
    body = {"entity_id": group, "dataset": "ofac", "entry_id": "ofac-9001", "status": "confirmed"}
    assert client.post("/review/links", json=body, headers=AUTH).status_code == 200
    want = {(person, "ofac-9003"): "rejected", (group, "ofac-9001"): "confirmed"}

    resolve.relink_sanctions(store)
    assert links(store) == want
    resolve.rebuild(store)
    assert entity_of(store, "Abbas Haidari") == {person} and entity_of(store, "Zainabiyoun Brigade") == {group}
    assert links(store) == want
    assert client.get("/review.json").json()["links"] == 0
    hits = client.get("/hits.json?state=rejected").json()["results"]
    assert [(h["entity"]["id"], h["status"], h["sanctioned"]) for h in hits] == [(person, "rejected", False)]

    # "back to automatic" hands the link to the judge again
    body = {"entity_id": person, "dataset": "ofac", "entry_id": "ofac-9003", "status": "auto"}
    assert client.post("/review/links", json=body, headers=AUTH).status_code == 200
    assert links(store)[(person, "ofac-9003")] == "possible"


def test_a_short_form_the_article_tied_to_the_full_name_is_no_doubtful_merge(store, add) -> None:
    resolve.update(
        store,
        add(
            build(
                "Hamid Rasul Qadri met the Kunar shura. Qadri left early.",
                [("Person", ["Hamid Rasul Qadri", "Qadri"]), ("Location", ["Kunar"])],
            )
        ),
    )
    assert entity_of(store, "Qadri") == entity_of(store, "Hamid Rasul Qadri")
    assert review_queue(store)["merges"] == 0


def test_keep_answers_a_doubtful_merge_for_good(store, add, client) -> None:
    resolve.update(store, add(*PARTIAL))
    (eid,) = entity_of(store, "Hamid Rasul Qadri")
    assert entity_of(store, "Rasul Qadri") == {eid}
    item = client.get("/review.json?kind=merge").json()["items"][0]
    assert item["entity"]["id"] == eid and [d["name"] for d in item["doubtful"]] == ["Rasul Qadri"]
    assert any("kunar" in x for x in item["evidence_for"]) and item["evidence_against"]

    body = {"entity_id": eid, "names": ["Rasul Qadri"], "decision": "keep"}
    assert client.post("/review/merges", json=body).status_code == 401
    assert client.post("/review/merges", json={**body, "names": ["Nobody"]}, headers=AUTH).status_code == 400
    assert client.post("/review/merges", json={**body, "entity_id": "ent-none"}, headers=AUTH).status_code == 404
    assert client.post("/review/merges", json=body, headers=AUTH).json()["recorded"] >= 1
    assert review_queue(store)["merges"] == 0
    resolve.rebuild(store)
    assert entity_of(store, "Rasul Qadri") == entity_of(store, "Hamid Rasul Qadri")
    assert review_queue(store)["merges"] == 0


def test_split_from_the_queue_form_survives_rebuild(store, add, client) -> None:
    resolve.update(store, add(*PARTIAL))
    (eid,) = entity_of(store, "Hamid Rasul Qadri")
    do = f"op=split&entity={eid}&name=Rasul+Qadri"
    done = client.post("/review/form", data={"token": TOKEN, "do": do, "next": "/review"}, follow_redirects=False)
    assert done.status_code == 303
    (other,) = entity_of(store, "Rasul Qadri")
    assert other != eid and entity_of(store, "Hamid Rasul Qadri") == {eid}
    assert review_queue(store)["merges"] == 0
    resolve.rebuild(store)
    assert entity_of(store, "Rasul Qadri").isdisjoint(entity_of(store, "Hamid Rasul Qadri"))


def test_dossier_merge_and_split_survive_rebuild(store, add, client) -> None:
    a = build("Asa'ib Ahl al-Haq fired rockets at Baghdad.", [("ArmedGroup", ["Asa'ib Ahl al-Haq"])])
    b = build("The League of the Righteous denied it.", [("ArmedGroup", ["League of the Righteous"])])
    resolve.update(store, add(a, b))
    (x,), (y,) = entity_of(store, "Asa'ib Ahl al-Haq"), entity_of(store, "League of the Righteous")
    assert x != y
    do = f"op=merge&entity={x}&other={y}"
    assert client.post("/review/form", data={"token": TOKEN, "do": do}, follow_redirects=False).status_code == 303
    assert entity_of(store, "League of the Righteous") == {x}
    add_sanction_link(store, x, "ofac", "ofac-9002", 0.9, status="possible")
    body = {"entity_id": x, "dataset": "ofac", "entry_id": "ofac-9002", "status": "confirmed"}
    assert client.post("/review/links", json=body, headers=AUTH).status_code == 200
    resolve.rebuild(store, screen=False)
    (merged,) = entity_of(store, "Asa'ib Ahl al-Haq")
    assert entity_of(store, "League of the Righteous") == {merged}
    # the rebuilt entity may come back under the other id: the analyst's state follows its names
    assert links(store) == {(merged, "ofac-9002"): "confirmed"}
    split = client.post(f"/entities/{merged}/split", json={"names": ["League of the Righteous"]}, headers=AUTH)
    assert split.status_code == 200 and split.json()["now_on"] and merged not in split.json()["now_on"]
    resolve.rebuild(store, screen=False)
    assert entity_of(store, "League of the Righteous").isdisjoint(entity_of(store, "Asa'ib Ahl al-Haq"))


@pytest.mark.parametrize(
    ("kept", "gone", "result"), [("possible", "confirmed", "confirmed"), ("confirmed", "rejected", "rejected")]
)
def test_a_merge_keeps_the_analysts_link_state(store, add, kept, gone, result) -> None:
    from threatgraph.resolve import merge_entities

    a = build("Asa'ib Ahl al-Haq fired rockets at Baghdad.", [("ArmedGroup", ["Asa'ib Ahl al-Haq"])])
    b = build("The League of the Righteous denied it.", [("ArmedGroup", ["League of the Righteous"])])
    resolve.update(store, add(a, b))
    (x,), (y,) = entity_of(store, "Asa'ib Ahl al-Haq"), entity_of(store, "League of the Righteous")
    add_sanction_link(store, x, "ofac", "ofac-9002", 0.9, status=kept)
    add_sanction_link(store, y, "ofac", "ofac-9002", 0.9, status=gone)
    merge_entities(store, x, [y])
    assert links(store) == {(x, "ofac-9002"): result}


# Two names of one listed group the resolver kept apart (no name evidence joins them).
TWO_NAMES = [
    build(
        "The Qurmulis fired at a tanker near Hodeidah.",
        [("ArmedGroup", ["Qurmulis"]), ("Location", ["Hodeidah"])],
    ),
    build(
        "Ansar al-Zahir claimed the drone attack on Marib.",
        [("ArmedGroup", ["Ansar al-Zahir"]), ("Location", ["Marib"])],
    ),
]


def test_two_actors_read_as_one_list_entry_are_proposed_for_a_merge(store, add, client) -> None:
    """Issue 9: two news actors linked to one list entry are shown as one merge to decide, never merged
    automatically; the analyst's merge joins them and the item leaves the queue."""
    resolve.update(store, add(*TWO_NAMES))
    (a,), (b,) = entity_of(store, "Qurmulis"), entity_of(store, "Ansar al-Zahir")
    assert a != b
    add_sanction_link(store, a, "ofac", "ofac-9101", 0.9)
    add_sanction_link(store, b, "ofac", "ofac-9101", 0.95)
    items = [i for i in review_queue(store)["items"] if i["kind"] == "same-entry"]
    assert len(items) == 1 and {items[0]["entity"]["id"], *(o["id"] for o in items[0]["others"])} == {a, b}
    assert entity_of(store, "Qurmulis") != entity_of(store, "Ansar al-Zahir")  # proposed, not made
    page = client.get("/review", headers={"Accept": "text/html"}).text
    assert "Read as one list entry" in page

    head, other = items[0]["entity"]["id"], items[0]["others"][0]["id"]
    assert client.post(f"/entities/{head}/merge", json={"other_ids": [other]}, headers=AUTH).status_code == 200
    assert entity_of(store, "Qurmulis") == entity_of(store, "Ansar al-Zahir")
    assert not [i for i in review_queue(store)["items"] if i["kind"] == "same-entry"]


def test_a_possible_link_to_the_same_entry_is_no_merge_proposal(store, add) -> None:
    resolve.update(store, add(*TWO_NAMES))
    (a,), (b,) = entity_of(store, "Qurmulis"), entity_of(store, "Ansar al-Zahir")
    add_sanction_link(store, a, "ofac", "ofac-9101", 0.9)
    add_sanction_link(store, b, "ofac", "ofac-9101", 0.7, status="possible")
    assert not [i for i in review_queue(store)["items"] if i["kind"] == "same-entry"]
