"""The contract with yente, field by field (issue 13).

The tables below are yente's request and response models as published in opensanctions/yente
(``yente/data/common.py``, ``yente/data/freebase.py``, ``yente/routers/*.py``; read at commit 916a474, yente
5.x): every field a yente client may read must be in threatgraph's answer with the JSON type yente gives it,
and every query parameter a yente client may send must be accepted by name (honoured, or refused with a 400
that says why, never dropped). Where a model of yente's dependencies is installed (nomenklatura's
``FeatureResult`` and ``AlgorithmDocs``, FollowTheMoney's ``DatasetModel``) the answer is validated with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

FIXTURES = Path(__file__).resolve().parent.parent / "screen" / "fixtures"
STR, INT, NUM, BOOL, LIST, DICT, NONE = str, int, (int, float), bool, list, dict, type(None)

ENTITY_RESPONSE = {
    "id": STR,
    "caption": STR,
    "schema": STR,
    "properties": DICT,
    "datasets": LIST,
    "referents": LIST,
    "target": BOOL,
    "first_seen": (STR, NONE),
    "last_seen": (STR, NONE),
    "last_change": (STR, NONE),
}
SCORED_ENTITY_RESPONSE = {**ENTITY_RESPONSE, "score": NUM, "explanations": DICT, "match": BOOL}
TOTAL_SPEC = {"value": INT, "relation": STR}
ENTITY_EXAMPLE = {"id": (STR, NONE), "schema": STR, "properties": DICT}
ENTITY_MATCHES = {"status": INT, "results": LIST, "total": DICT, "query": DICT}
ENTITY_MATCH_RESPONSE = {"responses": DICT, "limit": INT}
SEARCH_RESPONSE = {"limit": INT, "offset": INT, "total": DICT, "results": LIST, "facets": DICT}
SEARCH_FACET = {"label": STR, "values": LIST}
SEARCH_FACET_ITEM = {"name": STR, "label": STR, "count": INT}
DATA_CATALOG = {"datasets": LIST, "current": LIST, "outdated": LIST, "index_stale": BOOL}
ALGORITHM_RESPONSE = {"algorithms": LIST, "default": STR, "best": STR}
ALGORITHM = {"name": STR, "description": (STR, NONE), "features": DICT, "docs": DICT}
STATUS = {"status": STR}
FREEBASE_MANIFEST = {
    "versions": LIST,
    "name": STR,
    "identifierSpace": STR,
    "schemaSpace": STR,
    "documentation": STR,
    "batchSize": INT,
    "view": DICT,
    "preview": DICT,
    "suggest": DICT,
    "defaultTypes": LIST,
}
FREEBASE_TYPE = {"id": STR, "name": STR, "description": (STR, NONE)}
FREEBASE_SCORED_ENTITY = {"id": STR, "name": STR, "description": (STR, NONE), "type": LIST, "score": NUM, "match": BOOL}
FREEBASE_SUGGEST = {"code": STR, "status": STR, "prefix": STR, "result": LIST}
#: yente's query parameters (routers/match.py, routers/search.py, routers/reconcile.py).
MATCH_PARAMS = ["limit", "threshold", "cutoff", "algorithm", "include_dataset", "exclude_schema", "exclude_dataset",
                "topics", "changed_since", "exclude_entity_ids"]  # fmt: skip
SEARCH_PARAMS = ["q", "schema", "include_dataset", "exclude_dataset", "exclude_schema", "changed_since", "countries",
                 "topics", "datasets", "limit", "offset", "target", "fuzzy", "simple", "facets"]  # fmt: skip
#: yente's search parameters threatgraph refuses (400), with the reason in the answer.
SEARCH_REFUSED = ["filter", "sort", "filter_op"]


def conforms(data: Any, fields: dict[str, Any], where: str) -> None:
    assert isinstance(data, dict), f"{where}: not an object"
    for name, kind in fields.items():
        assert name in data, f"{where}: missing field {name!r}"
        ok = isinstance(data[name], kind) and not (kind is INT and isinstance(data[name], bool))
        assert ok, f"{where}.{name}: {type(data[name]).__name__} is not {kind}"


@pytest.fixture
def client(store) -> TestClient:
    from threatgraph.api.app import create_app
    from threatgraph.screen.lists import load_files

    load_files(store, [FIXTURES / "sdn.csv", FIXTURES / "alt.csv", FIXTURES / "add.csv"])
    load_files(store, [FIXTURES / "un.xml"])
    return TestClient(create_app(store), base_url="http://127.0.0.1")


def test_match_response_walks_yente_models(client: TestClient) -> None:
    from nomenklatura.matching.types import FeatureResult

    a = {"id": "mine-1", "schema": "Organization", "properties": {"name": ["Zainabiyun"]}}
    b = {"schema": "Person", "properties": {"name": "Hamid al-Badri", "birthDate": "1975"}}
    body = {"queries": {"a": a, "b": b}}
    r = client.post("/match/sanctions", json=body, params={"cutoff": 0.2})
    assert r.status_code == 200 and r.headers["x-batch-size"] == "2"
    data = r.json()
    conforms(data, ENTITY_MATCH_RESPONSE, "EntityMatchResponse")
    for key, matches in data["responses"].items():
        conforms(matches, ENTITY_MATCHES, f"EntityMatches[{key}]")
        conforms(matches["total"], TOTAL_SPEC, "TotalSpec")
        conforms(matches["query"], ENTITY_EXAMPLE, "EntityExample")
        assert all(isinstance(v, list) for v in matches["query"]["properties"].values())
        assert matches["results"], key
        for res in matches["results"]:
            conforms(res, SCORED_ENTITY_RESPONSE, "ScoredEntityResponse")
            for feature in res["explanations"].values():
                FeatureResult.model_validate(feature)
            assert res["match"] == (res["score"] >= 0.8)
        assert matches["total"]["value"] == sum(r["match"] for r in matches["results"])
    assert data["responses"]["a"]["query"]["id"] == "mine-1"


def test_every_yente_match_parameter_is_accepted(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Organization", "properties": {"name": ["Zainabiyoun Brigade"]}}}}
    params = {"limit": 3, "threshold": 0.7, "cutoff": 0.5, "algorithm": "best", "include_dataset": "us_ofac_sdn",
              "exclude_schema": "Vessel", "exclude_dataset": "un_sc_sanctions", "topics": "sanction",
              "changed_since": "2020-01-01", "exclude_entity_ids": "ofac-999"}  # fmt: skip
    assert set(params) == set(MATCH_PARAMS)
    r = client.post("/match/default", json=body, params=params)
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["responses"]["q"]["results"]] == ["ofac-100"]
    r = client.post("/match/default", json=body, params={"treshold": 0.5})
    assert r.status_code == 400 and "treshold" in r.json()["detail"]
    assert client.post("/match/default", json=body, params={"limit": 501}).status_code == 422
    assert client.post("/match/nosuch", json=body).status_code == 404
    r = client.post("/match/default", json={**body, "config": {"no_such_var": 1}})
    assert r.status_code == 400 and "no_such_var" in r.json()["detail"]


def test_search_response_walks_yente_models(client: TestClient) -> None:
    params = {"q": "Zaynabiyoun", "schema": "Organization", "include_dataset": "us_ofac_sdn", "exclude_dataset": "x",
              "exclude_schema": "Vessel", "changed_since": "2020-01-01", "countries": "", "topics": "sanction",
              "datasets": "us_ofac_sdn", "limit": 5, "offset": 0, "target": "true", "fuzzy": "false",
              "simple": "false", "facets": ["countries", "topics", "datasets"]}  # fmt: skip
    assert set(params) == set(SEARCH_PARAMS)
    params.pop("countries")
    r = client.get("/search/default", params=params)
    assert r.status_code == 200, r.text
    data = r.json()
    conforms(data, SEARCH_RESPONSE, "SearchResponse")
    conforms(data["total"], TOTAL_SPEC, "TotalSpec")
    assert data["results"][0]["id"] == "ofac-100"
    for res in data["results"]:
        conforms(res, ENTITY_RESPONSE, "EntityResponse")
    for facet in data["facets"].values():
        conforms(facet, SEARCH_FACET, "SearchFacet")
        for item in facet["values"]:
            conforms(item, SEARCH_FACET_ITEM, "SearchFacetItem")
    for name in SEARCH_REFUSED:
        r = client.get("/search/default", params={"q": "x", name: "y"})
        assert r.status_code == 400 and name in r.json()["detail"]


def test_entity_response_nested(client: TestClient) -> None:
    data = client.get("/entities/ofac-100", params={"nested": "true"}).json()
    conforms(data, ENTITY_RESPONSE, "EntityResponse")
    assert data["datasets"] == ["us_ofac_sdn"] and data["target"] is True
    (sanction,) = data["properties"]["sanctions"]
    conforms(sanction, ENTITY_RESPONSE, "EntityResponse (nested)")
    assert sanction["schema"] == "Sanction" and "entity" not in sanction["properties"]
    flat = client.get("/entities/ofac-100").json()
    assert "sanctions" not in flat["properties"]
    assert client.get("/entities/ofac-does-not-exist").status_code == 404


def test_system_endpoints_walk_yente_models(client: TestClient) -> None:
    from followthemoney.dataset.dataset import DatasetModel
    from nomenklatura.matching.types import AlgorithmDocs

    conforms(client.get("/healthz").json(), STATUS, "StatusResponse")
    conforms(client.get("/readyz").json(), STATUS, "StatusResponse")
    algos = client.get("/algorithms").json()
    conforms(algos, ALGORITHM_RESPONSE, "AlgorithmResponse")
    for algo in algos["algorithms"]:
        conforms(algo, ALGORITHM, "Algorithm")
        AlgorithmDocs.model_validate(algo["docs"])
    assert {"threatgraph", "logic-v2", "logic-v1"} <= {a["name"] for a in algos["algorithms"]}
    catalog = client.get("/catalog").json()
    conforms(catalog, DATA_CATALOG, "DataCatalogModel")
    names = {d["name"] for d in catalog["datasets"]}
    assert {"us_ofac_sdn", "un_sc_sanctions", "default", "sanctions"} <= names
    for ds in catalog["datasets"]:
        DatasetModel.model_validate({k: v for k, v in ds.items() if k in DatasetModel.model_fields})


def test_readyz_without_lists(store) -> None:
    from threatgraph.api.app import create_app

    r = TestClient(create_app(store), base_url="http://127.0.0.1").get("/readyz")
    assert r.status_code == 503 and "lists load" in r.json()["detail"]


def test_reconciliation_walks_freebase_models(client: TestClient) -> None:
    manifest = client.get("/reconcile/default").json()
    conforms(manifest, FREEBASE_MANIFEST, "FreebaseManifest")
    for ftype in manifest["defaultTypes"]:
        conforms(ftype, FREEBASE_TYPE, "FreebaseType")
    r = client.get("/reconcile/default", params={"queries": '{"q0": {"query": "Zainabiyoun Brigade"}}'})
    result = r.json()["q0"]["result"]
    for res in result:
        conforms(res, FREEBASE_SCORED_ENTITY, "FreebaseScoredEntity")
    assert result[0]["id"] == "ofac-100"
    for kind in ("entity", "type", "property"):
        conforms(client.get(f"/reconcile/default/suggest/{kind}", params={"prefix": "na"}).json(), FREEBASE_SUGGEST,
                 f"suggest/{kind}")  # fmt: skip
