"""Review over HTTP: the queue, link decisions (JSON and the token form), list entries and hits."""

from __future__ import annotations

import json

import pytest
from api_archive import ANALYST, IRGC, TOKEN, ZB
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from archive import add_sanction_link
from threatgraph.screen.lists import load_files
from threatgraph.store.schema import sanction_links

AUTH = {"Authorization": f"Bearer {TOKEN}"}
HTML = {"Accept": "text/html"}


@pytest.fixture
def queued(archive, tmp_path):
    """Three possible links: two to sanctions entries (IRGC 3 mentions, Rahimi 2) and one to a non-sanctions entry."""
    engine = archive["engine"]
    peps = tmp_path / "peps.ftm.jsonl"
    entry = {"id": "tg-test-pep", "schema": "Person", "properties": {"name": ["Farid Rahimi"], "topics": ["role.pep"]}}
    peps.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    load_files(engine, [peps], dataset="peps")
    judgement = {"state": "possible", "for": ["the listed name in full"], "against": ["born 1971: no age given"]}
    add_sanction_link(engine, ANALYST, "peps", "tg-test-pep", 0.99, status="possible")
    add_sanction_link(
        engine, ANALYST, "testlist", "tg-test-person", 0.86, status="possible", explanation={"judgement": judgement}
    )
    add_sanction_link(engine, IRGC, "testlist", "tg-test-fatemiyoun", 0.7, status="possible")
    return archive


def status_of(engine, entity_id: str, entry_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(
            select(sanction_links.c.status).where(
                sanction_links.c.entity_id == entity_id, sanction_links.c.entry_id == entry_id
            )
        ).scalar()


def test_queue_puts_sanctions_entries_first_then_mentions(client, queued) -> None:
    data = client.get("/review.json").json()
    assert data["links"] == 3 and data["merges"] == 0
    order = [(i["entity"]["id"], i["entry_id"]) for i in data["items"]]
    assert order == [(IRGC, "tg-test-fatemiyoun"), (ANALYST, "tg-test-person"), (ANALYST, "tg-test-pep")]
    item = data["items"][1]
    assert item["entity"]["caption"] == "Farid Rahimi" and item["entry_caption"] == "Karim Abdul Haqqani"
    assert item["entry"]["facts"]["birthDate"] == ["1971-03-02"] and item["entry"]["programs"] == ["SDGT"]
    assert item["evidence_for"] and item["evidence_against"] and item["sanctioned"] is False
    assert data["items"][2]["entry"]["sanctions_list"] is False
    # the probable link is not in the queue: it already reads as sanctioned and needs no review
    assert ZB not in [i["entity"]["id"] for i in data["items"]]
    page = client.get("/review?limit=1&offset=1", headers=HTML)
    assert page.status_code == 200 and "Karim Abdul Haqqani" in page.text and "Fatemiyoun" not in page.text
    assert 'form="decide"' in page.text and 'name="token"' in page.text


def test_link_decision_needs_the_token(client, queued) -> None:
    body = {"entity_id": ANALYST, "dataset": "testlist", "entry_id": "tg-test-person", "status": "confirmed"}
    assert client.post("/review/links", json=body).status_code == 401
    assert client.post("/review/links", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert status_of(queued["engine"], ANALYST, "tg-test-person") == "possible"
    ok = client.post("/review/links", json=body, headers=AUTH)
    assert ok.status_code == 200 and ok.json()["status"] == "confirmed"
    assert status_of(queued["engine"], ANALYST, "tg-test-person") == "confirmed"
    assert [i["entry_id"] for i in client.get("/review.json").json()["items"]] == ["tg-test-fatemiyoun", "tg-test-pep"]
    dossier = client.get(f"/entities/{ANALYST}.json").json()
    assert dossier["sanctioned"] is True


def test_writes_are_refused_when_no_token_is_configured(queued, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from threatgraph.api.app import create_app

    monkeypatch.delenv("THREATGRAPH_TOKEN", raising=False)
    client = TestClient(create_app(queued["engine"]), base_url="http://127.0.0.1")
    body = {"entity_id": ANALYST, "dataset": "testlist", "entry_id": "tg-test-person", "status": "rejected"}
    assert client.post("/review/links", json=body, headers=AUTH).status_code == 403
    assert client.post("/review/form", data={"token": TOKEN, "do": "op=reject"}).status_code == 403
    assert 'name="token"' not in client.get("/review", headers=HTML).text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"entity_id": "ent-none", "dataset": "testlist", "entry_id": "tg-test-person", "status": "rejected"}, 404),
        ({"entity_id": ANALYST, "dataset": "testlist", "entry_id": "no-such-entry", "status": "rejected"}, 404),
        ({"entity_id": ANALYST, "dataset": "testlist", "entry_id": "tg-test-person", "status": "maybe"}, 422),
        ({"entity_id": "", "dataset": "testlist", "entry_id": "tg-test-person", "status": "rejected"}, 422),
        ({"entity_id": "x" * 201, "dataset": "testlist", "entry_id": "tg-test-person", "status": "rejected"}, 422),
        ({"entity_id": ANALYST, "dataset": "testlist", "entry_id": "tg-test-person"}, 422),
    ],
)
def test_bad_link_decisions(client, queued, body, status) -> None:
    assert client.post("/review/links", json=body, headers=AUTH).status_code == status
    assert status_of(queued["engine"], ANALYST, "tg-test-person") == "possible"


def test_the_form_decides_without_javascript_and_returns_to_the_page(client, queued) -> None:
    do = "op=reject&entity=ent-rahimi&dataset=testlist&entry=tg-test-person"
    form = {"token": TOKEN, "do": do, "next": f"/entities/{ANALYST}"}
    wrong = client.post("/review/form", data={**form, "token": "nope"}, headers=HTML, follow_redirects=False)
    assert wrong.status_code == 401 and "token" in wrong.text
    assert status_of(queued["engine"], ANALYST, "tg-test-person") == "possible"
    done = client.post("/review/form", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/entities/{ANALYST}"
    assert status_of(queued["engine"], ANALYST, "tg-test-person") == "rejected"
    # the button beside the token field carries no decision; a foreign "next" never leaves the server
    check = client.post(
        "/review/form", data={"token": TOKEN, "do": "", "next": "https://evil.example/x"}, follow_redirects=False
    )
    assert check.status_code == 303 and check.headers["location"] == "/review"
    bad = client.post("/review/form", data={"token": TOKEN, "do": "op=explode&entity=x"}, follow_redirects=False)
    assert bad.status_code == 422
    missing = client.post("/review/form", data={"token": TOKEN, "do": "op=confirm&entity=ent-rahimi"})
    assert missing.status_code == 422 and "dataset" in missing.json()["detail"]


def test_dossier_offers_the_decisions(client, queued) -> None:
    page = client.get(f"/entities/{ANALYST}", headers=HTML).text
    assert "Confirm: same actor" in page and "Reject: not this entry" in page
    assert "/lists/testlist/tg-test-person" in page
    assert f'action="/entities/{ANALYST}/merge"' in page
    # one name only: nothing to split off
    assert "Split off" not in page
    assert "Split off" in client.get(f"/entities/{ZB}", headers=HTML).text


def test_list_entry_page(client, queued) -> None:
    data = client.get("/lists/testlist/tg-test-person.json").json()
    assert data["caption"] == "Karim Abdul Haqqani" and data["schema"] == "Person"
    assert data["properties"]["birthDate"] == ["1971-03-02"] and data["properties"]["alias"] == ["Karim Haqani"]
    assert data["sanction"]["properties"]["listingDate"] == ["2012-05-01"]
    assert data["summary"]["listing_date"] == "2012-05-01"
    assert data["first_version"]["dataset"] == "testlist" and data["first_version"]["source"].endswith(".jsonl")
    assert data["current_version"]["id"] == data["first_version"]["id"] and data["removed"] is False
    assert [(a["id"], a["status"], a["sanctioned"]) for a in data["actors"]] == [(ANALYST, "possible", False)]
    page = client.get("/lists/testlist/tg-test-person", headers=HTML)
    assert page.status_code == 200 and "1971-03-02" in page.text and f"/entities/{ANALYST}" in page.text
    assert client.get("/lists/testlist/no-such-entry.json").status_code == 404
    assert client.get("/lists/nolist/tg-test-person.json").status_code == 404
    assert client.get("/lists/bad%20list/tg-test-person.json").status_code == 422
    assert client.get("/lists/testlist/" + "x" * 129).status_code == 422


def test_hits_filters_sorts_and_pages(client, queued) -> None:
    default = client.get("/hits.json").json()
    assert default["total"] == 4 and default["counts"] == {"confirmed": 0, "rejected": 0, "probable": 1, "possible": 3}
    assert [h["entity"]["id"] for h in default["results"]][0] == ZB  # most mentioned first
    possible = client.get("/hits.json?state=possible&sort=score&order=asc").json()
    assert [h["score"] for h in possible["results"]] == [0.7, 0.86, 0.99]
    people = client.get("/hits.json?schema=Person&dataset=testlist").json()
    assert [(h["entity"]["id"], h["entry_id"]) for h in people["results"]] == [(ANALYST, "tg-test-person")]
    paged = client.get("/hits.json?limit=2&offset=2&sort=actor&order=asc").json()
    assert paged["total"] == 4 and len(paged["results"]) == 2
    assert client.get("/hits.json?state=rejected").json()["total"] == 0
    assert client.get("/hits.json?sort=nonsense").status_code == 422
    assert client.get("/hits.json?state=sanctioned").status_code == 422
    page = client.get("/hits?state=possible&state=probable", headers=HTML)
    assert (
        page.status_code == 200 and "Karim Abdul Haqqani" in page.text and "/lists/testlist/tg-test-person" in page.text
    )


def test_merge_search_and_merge_from_the_dossier(client, queued) -> None:
    found = client.get(f"/entities/{ZB}/merge.json?q=Islamic Revolutionary Guard Corps").json()
    assert [c["id"] for c in found["candidates"]] == [IRGC]  # same kind of actor, never itself
    people = client.get(f"/entities/{ANALYST}/merge.json?q=Islamic Revolutionary Guard Corps").json()
    assert people["candidates"] == []  # a person is never offered an organisation
    assert client.get("/entities/ent-none/merge.json?q=x").status_code == 404
    assert client.post(f"/entities/{ZB}/merge", json={"other_ids": [IRGC]}).status_code == 401
    assert client.post(f"/entities/{ZB}/merge", json={"other_ids": ["ent-none"]}, headers=AUTH).status_code == 404
    assert client.post(f"/entities/{ZB}/merge", json={"other_ids": []}, headers=AUTH).status_code == 422
    refused = client.post(f"/entities/{ZB}/merge", json={"other_ids": [ANALYST]}, headers=AUTH)
    assert refused.status_code == 400 and "incompatible" in refused.json()["detail"]
    merged = client.post(f"/entities/{ZB}/merge", json={"other_ids": [IRGC], "note": "test"}, headers=AUTH)
    assert merged.status_code == 200 and merged.json() == {"entity_id": ZB, "merged": [IRGC]}
    assert client.get(f"/entities/{IRGC}.json").status_code == 404
    names = {a["name"] for a in client.get(f"/entities/{ZB}.json").json()["aliases"]}
    assert "IRGC" in names


def test_a_probable_link_with_evidence_against_is_queued_first(client, queued) -> None:
    engine = queued["engine"]
    judgement = {"state": "probable", "for": ["designation reported"], "against": ["listed in another country"]}
    with engine.begin() as conn:
        conn.execute(
            update(sanction_links).where(sanction_links.c.entity_id == ZB).values(explanation={"judgement": judgement})
        )
    first = client.get("/review.json").json()["items"][0]
    assert (first["entity"]["id"], first["status"], first["sanctioned"]) == (ZB, "probable", True)
    assert first["evidence_against"] == ["listed in another country"]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/x",
        "//evil.example/x",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "x/y",
        "",
    ],
)
def test_the_form_never_returns_to_another_host(target) -> None:
    from threatgraph.api.review import local_path

    assert local_path(target) == "/review"


@given(st.text(max_size=60))
def test_local_path_is_always_a_path_on_this_server(target) -> None:
    from threatgraph.api.review import local_path

    out = local_path(target)
    assert out.startswith("/") and not out.startswith("//")
    assert "\\" not in out and all(ord(ch) >= 0x20 and ord(ch) != 0x7F for ch in out)
    assert out == "/review" or target.strip().startswith(out)  # a fragment is dropped, nothing else changes


@pytest.mark.postgres
def test_review_pages_on_postgres(pg_engine, tmp_path) -> None:
    """The queue, hits (its date fallback and sort columns) and a list entry read the same on PostgreSQL."""
    from api_archive import build_archive
    from fastapi.testclient import TestClient

    from threatgraph.api.app import create_app

    build_archive(pg_engine)
    add_sanction_link(pg_engine, ANALYST, "testlist", "tg-test-person", 0.86, status="possible")
    client = TestClient(create_app(pg_engine, token=TOKEN), base_url="http://127.0.0.1")
    assert [i["entry_id"] for i in client.get("/review.json").json()["items"]] == ["tg-test-person"]
    for sort in ("mentions", "score", "actor", "entry", "state", "dataset", "listed"):
        page = client.get(f"/hits.json?sort={sort}&order=asc")
        assert page.status_code == 200 and page.json()["total"] == 2, sort
    assert client.get("/hits.json").json()["results"][0]["listed_since"] == "2019-01-24"
    entry = client.get("/lists/testlist/tg-test-person.json").json()
    assert [a["id"] for a in entry["actors"]] == [ANALYST]
    body = {"entity_id": ANALYST, "dataset": "testlist", "entry_id": "tg-test-person", "status": "confirmed"}
    assert client.post("/review/links", json=body, headers=AUTH).json()["status"] == "confirmed"
