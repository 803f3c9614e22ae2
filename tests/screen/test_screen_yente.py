"""The yente /match request and response shape."""

from __future__ import annotations

import pytest

from threatgraph.screen.index import get_index
from threatgraph.screen.yente import MatchRequestError, match_request


def test_yente_shape(loaded) -> None:
    body = {
        "queries": {
            "q1": {"schema": "Organization", "properties": {"name": ["Zainabiyoun Brigade"]}},
            "q2": {"schema": "Person", "properties": {"name": ["Karim Qaradaghi"], "nationality": ["iq"],
                                                      "birthDate": ["1971"], "passportNumber": ["A1234567"]}},
            "q3": {"schema": "Person", "properties": {"firstName": ["Emily"], "lastName": ["Clarke"]}},
        }
    }  # fmt: skip
    out = match_request(get_index(loaded), body, limit=3)
    assert out["limit"] == 3
    q1 = out["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"] == {"value": len(q1["results"]), "relation": "eq"}
    hit = q1["results"][0]
    assert set(hit) >= {"id", "caption", "schema", "properties", "datasets", "score", "match", "features"}
    assert (hit["id"], hit["datasets"], hit["match"]) == ("ofac-100", ["us_ofac_sdn"], True)
    assert hit["properties"]["name"] == ["ZAYNABIYOUN BRIGADE"]
    q2 = out["responses"]["q2"]["results"][0]
    assert q2["id"] == "ofac-102" and q2["score"] == 1.0
    assert q2["features"]["identifier_match"] > 0 and q2["features"]["country_match"] > 0
    assert not any(r["match"] for r in out["responses"]["q3"]["results"])


def test_bad_query_gets_400_others_answered(loaded) -> None:
    body = {"queries": {"bad": {"schema": "Spaceship", "properties": {"name": ["x"]}}, "empty": {"properties": {}},
                        "ok": {"properties": {"name": ["Zainabiyun"]}},
                        "date": {"properties": {"name": ["X"], "birthDate": ["someday"]}}}}  # fmt: skip
    out = match_request(get_index(loaded), body)
    assert out["responses"]["bad"]["status"] == 400 and "Spaceship" in out["responses"]["bad"]["error"]
    assert out["responses"]["empty"]["status"] == 400 and "no name" in out["responses"]["empty"]["error"]
    assert out["responses"]["ok"]["results"][0]["id"] == "ofac-100"
    assert out["responses"]["date"]["status"] == 400 and "someday" in out["responses"]["date"]["error"]


def test_dataset_filter_and_threshold(loaded) -> None:
    body = {"queries": {"q": {"properties": {"name": ["Zainabiyoun Brigade"]}}}}
    assert match_request(get_index(loaded), body, dataset="un_sc_sanctions")["responses"]["q"]["results"] == []
    hamid = {"queries": {"q": {"properties": {"name": ["Hamid al-Badri"]}}}}
    assert (
        match_request(get_index(loaded), hamid, dataset="un_sc_sanctions")["responses"]["q"]["results"][0]["id"]
        == "un-QDi.900"
    )
    assert all(
        r["datasets"] == ["us_ofac_sdn"]
        for r in match_request(get_index(loaded), hamid, dataset="us_ofac_sdn")["responses"]["q"]["results"]
    )
    strict = match_request(get_index(loaded), body, threshold=0.99)
    assert not strict["responses"]["q"]["results"][0]["match"]


@pytest.mark.parametrize("body", [[], {"queries": []}, {"nope": {}}, {"queries": {str(i): {} for i in range(101)}}])
def test_bad_body_raises(loaded, body) -> None:
    with pytest.raises(MatchRequestError):
        match_request(get_index(loaded), body)


def test_unknown_algorithm(loaded) -> None:
    with pytest.raises(MatchRequestError, match="algorithm"):
        match_request(get_index(loaded), {"queries": {}}, algorithm="magic")
