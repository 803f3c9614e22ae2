"""/match (yente shape), batch /screen, the screening form and CSV upload, over the test list."""

from __future__ import annotations

import pytest
from fastapi import HTTPException
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.api.screening import parse_csv

HTML = {"accept": "text/html"}


def _match(client, body, dataset="default", **params):
    return client.post(f"/match/{dataset}", json=body, params=params)


def test_match_answers_in_yente_shape(client):
    body = {
        "queries": {
            "q1": {"schema": "Organization", "properties": {"name": ["Liwa Zaynabiyoun"]}},
            "q2": {"schema": "Person", "properties": {"name": ["Karim Haqqani"], "birthDate": ["1971"]}},
        }
    }
    r = _match(client, body, limit=3)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["limit"] == 3 and set(data["responses"]) == {"q1", "q2"}
    q1 = data["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"]["value"] == len(q1["results"]) <= 3
    top = q1["results"][0]
    assert top["id"] == "tg-test-zainabiyoun" and top["datasets"] == ["testlist"] and top["match"] is True
    assert 0.0 < top["score"] <= 1.0 and top["features"]
    assert {"id", "caption", "schema", "properties", "score", "match", "features"} <= set(top)
    assert data["responses"]["q2"]["results"][0]["id"] == "tg-test-person"


def test_match_on_a_named_dataset_and_unknown_dataset(client):
    body = {"queries": {"q": {"schema": "Organization", "properties": {"name": ["Fatemiyoun Division"]}}}}
    assert _match(client, body, "testlist").json()["responses"]["q"]["results"][0]["id"] == "tg-test-fatemiyoun"
    r = _match(client, body, "nosuchlist")
    assert r.status_code == 404 and "nosuchlist" in r.json()["detail"] and "testlist" in r.json()["detail"]


def test_unrelated_name_is_not_a_match(client):
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Marie Curie-Sklodowska"]}}}}
    results = _match(client, body).json()["responses"]["q"]["results"]
    assert not any(r["match"] for r in results)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({}, "queries"),
        ({"queries": {}}, "queries"),
        ({"queries": {str(i): {"schema": "Person", "properties": {"name": ["x"]}} for i in range(101)}}, "queries"),
    ],
)
def test_malformed_match_bodies_are_422_naming_the_problem(client, body, needle):
    r = _match(client, body)
    assert r.status_code == 422 and needle in r.json()["detail"], r.text


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["x"]}}}}, "Spaceship"),
        ({"queries": {"q": {"schema": "Person", "properties": {"country": ["ir"]}}}}, "no name"),
        ({"queries": {"q": {"schema": "Person", "properties": {"name": ["x"], "hullColour": ["red"]}}}}, "hullColour"),
        ({"queries": {"q": {"schema": "Person", "properties": {"name": ["x"], "birthDate": ["someday"]}}}}, "someday"),
    ],
)
def test_unanswerable_match_queries_are_400_naming_query_and_reason(client, body, needle):
    """yente refuses the whole request when an example cannot be read: an empty answer for one query would
    read as "no match"."""
    r = _match(client, body)
    assert r.status_code == 400 and needle in r.json()["detail"] and "'q'" in r.json()["detail"], r.text


def test_unknown_algorithm_is_400(client):
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x"]}}}}
    r = _match(client, body, algorithm="nope")
    assert r.status_code == 400 and "nope" in r.json()["detail"]


def test_batch_screen_keeps_input_order(client):
    names = [{"name": "Nobody Inparticular"}, {"name": "Zaynabiyoun Brigade", "schema": "Organization"}]
    data = client.post("/screen", json={"names": names, "limit": 2}).json()
    assert [r["name"] for r in data["results"]] == ["Nobody Inparticular", "Zaynabiyoun Brigade"]
    assert data["results"][1]["match"] is True and not data["results"][0]["match"]
    assert data["results"][1]["results"][0]["explanation"]


def test_screen_form_shows_candidates_with_features(client):
    r = client.get("/screen", params={"name": "Zaynabiyoun Brigade"}, headers=HTML)
    assert r.status_code == 200 and "possible match" in r.text and 'table class="features"' in r.text
    assert client.get("/screen", headers=HTML).status_code == 200
    assert client.get("/screen.json", params={"name": "Zainabiyoun"}).json()["results"][0]["results"]
    assert client.get("/screen", params={"name": "x", "schema": "Spaceship"}).status_code == 422
    blank = client.get("/screen.json", params={"name": "?!"}).json()
    assert blank["results"] == [] and "no letter or digit" in blank["error"]


def test_csv_upload(client):
    csv = b"name,country\nZainabiyoun Brigade,pk\nKarim Haqani,\n"
    r = client.post("/screen/csv", files={"file": ("names.csv", csv, "text/csv")})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["name"] for x in results] == ["Zainabiyoun Brigade", "Karim Haqani"]
    assert all(x["match"] for x in results)


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00b\x00a", "UTF-8"),
        (b"name\n\n  \n", "no names"),
        (b"a\x00b\n", "binary"),
        (b"name,schema\nX,Spaceship\n", "line 2"),
        (b'name\n"Acme Trading LLC\nZainabiyoun Brigade\n', "line 2: broken CSV"),  # never 1 row, no match
        (b"name\nAcme, Inc\n", "line 2: 2 fields"),
        (b"name\n" + b"Z" * 200_000 + b"\n", "characters"),
    ],
)
def test_bad_csv_is_400_naming_the_file(client, raw, needle):
    r = client.post("/screen/csv", files={"file": ("bad.csv", raw, "text/csv")})
    assert r.status_code == 400 and "bad.csv" in r.json()["detail"] and needle in r.json()["detail"], r.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_parse_csv_never_crashes(raw):
    """Any upload yields names or a 400 naming the file, never another exception."""
    try:
        items = parse_csv("f.csv", raw)
    except HTTPException as exc:
        assert exc.status_code == 400 and "f.csv" in exc.detail
    else:
        assert items and all(i.name.strip() for i in items)


def test_csv_upload_summary_and_downloads(client):
    import csv as csvmod
    import io
    import json as jsonmod

    from openpyxl import load_workbook

    raw = b"name,schema\nZainabiyoun Brigade,Organization\n=HYPERLINK(1),Person\nNobody Inparticular,Person\n"
    page = client.post("/screen/csv", files={"file": ("names.csv", raw, "text/csv")}).json()
    states = {row["name"]: row["state"] for row in page["summary"]}
    assert states["Zainabiyoun Brigade"] == "possible match"
    assert states["Nobody Inparticular"] in ("below threshold", "no candidate")
    assert sum(page["counts"].values()) == 3

    as_csv = client.post("/screen/csv", params={"format": "csv"}, files={"file": ("names.csv", raw, "text/csv")})
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert 'filename="names-screening.csv"' in as_csv.headers["content-disposition"]
    rows = list(csvmod.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Zainabiyoun Brigade", "'=HYPERLINK(1)", "Nobody Inparticular"]

    as_xlsx = client.post("/screen/csv", params={"format": "xlsx"}, files={"file": ("names.csv", raw, "text/csv")})
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [c.value for c in sheet[1]][:3] == ["name", "schema", "state"] and sheet.max_row == 4

    again = client.post(
        "/screen/export", data={"queries": jsonmod.dumps(page["queries"]), "format": "csv", "file": "names.csv"}
    )
    assert again.status_code == 200 and again.content == as_csv.content
    bad = client.post("/screen/export", data={"queries": "{}", "format": "csv"})
    assert bad.status_code == 400 and "queries" in bad.json()["detail"]


def _badges(html: str) -> list[tuple[str, str]]:
    """Every badge on a page as (its classes, its text)."""
    import re

    return [(m[1], m[2].strip()) for m in re.finditer(r'<span class="(badge[^"]*)"[^>]*>([^<]*)</span>', html)]


@pytest.mark.parametrize("form", ["one", "csv"])
def test_a_screening_hit_reads_as_needing_review_never_as_sanctioned(client, form):
    """A screening hit is a name match only: the page shows it in the review colour ("possible"), never in the
    sanctioned colour that the dossier keeps for confirmed and probable links."""
    if form == "one":
        html = client.get("/screen", params={"name": "Zaynabiyoun Brigade"}, headers=HTML).text
    else:
        raw = b"name,schema\nZainabiyoun Brigade,Organization\nNobody Inparticular,Person\n"
        html = client.post("/screen/csv", files={"file": ("names.csv", raw, "text/csv")}, headers=HTML).text
    badges = _badges(html)
    assert any(text in ("possible match", "possible") for _, text in badges), badges
    assert not [b for b in badges if "sanctioned" in b[0]], badges
    assert all("possible" in cls for cls, text in badges if text in ("match", "possible match")), badges
