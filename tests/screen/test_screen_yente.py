"""yente's /match semantics over the screening index (screen.yente), on the fixture lists."""

from __future__ import annotations

import pytest

from threatgraph.screen.index import get_index
from threatgraph.screen.yente import MatchOptions, MatchRequestError, match_request

ZB = {"queries": {"q": {"schema": "Organization", "properties": {"name": ["Zainabiyoun Brigade"]}}}}
HAMID = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Hamid al-Badri"]}}}}


def results(loaded, body, **opts) -> list[dict]:
    return match_request(get_index(loaded), body, MatchOptions(**opts))["responses"]["q"]["results"]


def test_yente_shape(loaded) -> None:
    body = {
        "queries": {
            "q1": {"id": "client-7", "schema": "Organization", "properties": {"name": "Zainabiyoun Brigade"}},
            "q2": {"schema": "Person", "properties": {"name": ["Karim Qaradaghi"], "nationality": ["Iraq"],
                                                      "birthDate": ["1971"], "passportNumber": ["A1234567"]}},
            "q3": {"schema": "Person", "properties": {"firstName": ["Emily"], "lastName": ["Clarke"]}},
        }
    }  # fmt: skip
    out = match_request(get_index(loaded), body, MatchOptions(limit=3))
    assert out["limit"] == 3
    q1 = out["responses"]["q1"]
    assert q1["status"] == 200 and q1["total"] == {"value": 1, "relation": "eq"}
    assert q1["query"] == {"id": "client-7", "schema": "Organization", "properties": {"name": ["Zainabiyoun Brigade"]}}
    hit = q1["results"][0]
    yente_fields = {"id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen",
                    "last_seen", "last_change", "score", "match", "explanations"}  # fmt: skip
    assert yente_fields <= set(hit)
    assert (hit["id"], hit["datasets"], hit["match"], hit["target"]) == ("ofac-100", ["us_ofac_sdn"], True, True)
    assert hit["properties"]["name"] == ["ZAYNABIYOUN BRIGADE"] and hit["first_seen"] and hit["last_change"]
    name = hit["explanations"]["name_similarity"]
    assert name["score"] == hit["score"] and name["candidate"] == "ZAYNABIYOUN BRIGADE"
    q2 = out["responses"]["q2"]
    assert q2["query"]["properties"]["nationality"] == ["iq"]  # echoed as FtM cleaned it
    assert q2["results"][0]["id"] == "ofac-102" and q2["results"][0]["score"] == 1.0
    assert q2["results"][0]["features"]["identifier_match"] > 0
    assert out["responses"]["q3"] == {**out["responses"]["q3"], "results": [], "total": {"value": 0, "relation": "eq"}}


def test_cutoff_and_total(loaded) -> None:
    """Default: only results at or above the threshold come back and total counts matches; a lower cutoff
    shows weaker candidates without counting them."""
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Hamid Karim"]}}}}
    strict = match_request(get_index(loaded), body)["responses"]["q"]
    assert all(r["match"] for r in strict["results"]) and strict["total"]["value"] == len(strict["results"])
    loose = match_request(get_index(loaded), body, MatchOptions(cutoff=0.1))["responses"]["q"]
    assert len(loose["results"]) > len(strict["results"]) and loose["total"] == strict["total"]
    assert any(not r["match"] for r in loose["results"])
    capped = match_request(get_index(loaded), body, MatchOptions(cutoff=0.99, threshold=0.5))["responses"]["q"]
    ids = [r["id"] for r in loose["results"] if r["score"] >= 0.5]
    assert [r["id"] for r in capped["results"]] == ids  # the cutoff is never above the threshold


def test_unreadable_query_refuses_the_request(loaded) -> None:
    for bad, needle in [
        ({"schema": "Spaceship", "properties": {"name": ["x"]}}, "Spaceship"),
        ({"properties": {}}, "no name"),
        ({"schema": "Person", "properties": {"name": ["X"], "birthDate": ["someday"]}}, "someday"),
        ({"schema": "Person", "properties": {"name": ["X"], "imoNumber": ["1"]}}, "imoNumber"),
    ]:
        body = {"queries": {"ok": {"properties": {"name": ["Zainabiyun"]}}, "bad": bad}}
        with pytest.raises(MatchRequestError, match=needle):
            match_request(get_index(loaded), body)


def test_dataset_filters(loaded) -> None:
    assert results(loaded, ZB, scope=frozenset({"un_sc_sanctions"})) == []
    assert results(loaded, HAMID, scope=frozenset({"un_sc_sanctions"}))[0]["id"] == "un-QDi.900"
    assert results(loaded, HAMID, include_dataset=("un_sc_sanctions",))[0]["id"] == "un-QDi.900"
    assert results(loaded, HAMID, exclude_dataset=("un_sc_sanctions",), cutoff=0.0)[0]["id"] != "un-QDi.900"
    assert results(loaded, ZB, exclude_entity_ids=("ofac-100",), cutoff=0.0)[0]["id"] != "ofac-100"
    assert results(loaded, ZB, exclude_schema=("Organization",)) == []
    assert results(loaded, ZB, topics=("sanction",))[0]["id"] == "ofac-100"
    assert results(loaded, ZB, topics=("crime.terror",)) == []
    assert results(loaded, ZB, changed_since="2000-01-01")[0]["id"] == "ofac-100"
    assert results(loaded, ZB, changed_since="2999-01-01") == []


def test_threshold_decides_match(loaded) -> None:
    hit = results(loaded, ZB, threshold=0.99, cutoff=0.5)[0]
    assert hit["id"] == "ofac-100" and not hit["match"]


def test_weights_and_config_are_honoured_or_refused(loaded) -> None:
    body = {"queries": {"q": {"schema": "Organization", "properties": {"name": ["Zainabiyoun Brigade"],
                                                                       "country": ["fr"]}}}}  # fmt: skip
    base = results(loaded, body, cutoff=0.0)[0]
    heavier = results(loaded, body, cutoff=0.0, weights={"country_conflict": -0.5})[0]
    if "country_conflict" in base["features"]:
        assert heavier["score"] < base["score"]
    halved = results(loaded, ZB, cutoff=0.0, weights={"name_similarity": 0.5})[0]
    assert halved["score"] == pytest.approx(results(loaded, ZB)[0]["score"] * 0.5, abs=1e-3)
    with pytest.raises(MatchRequestError, match="weights"):
        results(loaded, ZB, weights={"nonsense": 1.0})
    with pytest.raises(MatchRequestError, match="configuration"):
        results(loaded, ZB, config={"nm_number_mismatch": 0.4})


@pytest.mark.parametrize("algorithm", ["magic", "logic-v9"])
def test_unknown_algorithm(loaded, algorithm) -> None:
    with pytest.raises(MatchRequestError, match="algorithm"):
        match_request(get_index(loaded), ZB, MatchOptions(algorithm=algorithm))


@pytest.mark.parametrize("body", [[], {"queries": []}, {"nope": {}}, {"queries": {}},
                                  {"queries": {str(i): {} for i in range(101)}}])  # fmt: skip
def test_bad_body_raises(loaded, body) -> None:
    with pytest.raises(MatchRequestError):
        match_request(get_index(loaded), body)


@pytest.mark.slow
def test_nomenklatura_algorithms_score_the_candidates(loaded) -> None:
    """logic-v2 (yente's default) is nomenklatura's own, not threatgraph's under another name."""
    ours = results(loaded, ZB)[0]
    for name in ("logic-v1", "logic-v2"):
        theirs = results(loaded, ZB, algorithm=name)[0]
        assert theirs["id"] == "ofac-100" and theirs["match"] and theirs["score"] != ours["score"]
        assert "features" in theirs and set(theirs["explanations"]) != {"name_similarity"}
    with pytest.raises(MatchRequestError, match="configuration"):
        results(loaded, ZB, algorithm="logic-v1", config={"nm_number_mismatch": 0.4})
    assert results(loaded, ZB, algorithm="logic-v2", config={"nm_number_mismatch": 0.4})[0]["id"] == "ofac-100"
