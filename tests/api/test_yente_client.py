"""A real yente client against a live threatgraph server on the loopback interface (issue 13).

nomenklatura's ``YenteEnricher`` (what OpenSanctions' own pipelines use to query yente) matches entities over
HTTP and expands a match through ``GET /entities/{id}?nested=true``; an OpenRefine-style client adds the
reconciliation service from its manifest and sends form-encoded queries. Neither is adapted to threatgraph:
they must work unchanged.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

FIXTURES = Path(__file__).resolve().parent.parent / "screen" / "fixtures"


@pytest.fixture
def server(store) -> Iterator[str]:
    """threatgraph serving the fixture lists on 127.0.0.1 (a free port), stopped after the test."""
    from threatgraph.api.app import create_app
    from threatgraph.screen.lists import load_files

    load_files(store, [FIXTURES / "sdn.csv", FIXTURES / "alt.csv", FIXTURES / "add.csv"])
    load_files(store, [FIXTURES / "un.xml"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def enricher(tmp_path: Path, url: str, **config):  # noqa: ANN201 - a YenteEnricher
    from followthemoney import Dataset
    from nomenklatura.cache import Cache
    from nomenklatura.db import Session, get_engine
    from nomenklatura.enrich.yente import YenteEnricher

    dataset = Dataset.make({"name": "client", "title": "A yente client"})
    cache = Cache(Session(get_engine(f"sqlite:///{tmp_path / 'cache.db'}")), dataset, create=True)
    return dataset, YenteEnricher(dataset, cache, {"api": f"{url}/", **config})


def entity(dataset, schema: str, **props):  # noqa: ANN001, ANN201
    from followthemoney import StatementEntity

    key = "-".join(v for vals in props.values() for v in vals).replace(" ", "-")  # the enricher caches by id
    return StatementEntity.from_data(dataset, {"id": f"q-{key}", "schema": schema, "properties": props})


def test_yente_enricher_matches_and_expands(server: str, tmp_path: Path) -> None:
    dataset, client = enricher(tmp_path, server)
    query = entity(dataset, "Organization", name=["Zainabiyoun Brigade"])
    matches = list(client.match_wrapped(query))
    assert [m.id for m in matches] == ["ofac-100"]  # only results at the cutoff: the enricher takes every one
    match = matches[0]
    assert match.caption == "ZAYNABIYOUN BRIGADE" and match.get("sourceUrl") == [f"{server}/entities/ofac-100"]
    expanded = list(client.expand_wrapped(query, match))
    assert expanded[0].id == "ofac-100"
    sanctions = [e for e in expanded if e.schema.name == "Sanction"]
    assert sanctions and sanctions[0].get("entity") == ["ofac-100"] and sanctions[0].get("program")


def test_yente_enricher_scoped_to_a_dataset(server: str, tmp_path: Path) -> None:
    dataset, client = enricher(tmp_path, server, dataset="un_sc_sanctions")
    query = entity(dataset, "Person", name=["Hamid al-Badri"], nationality=["iq"])
    assert [m.id for m in client.match_wrapped(query)] == ["un-QDi.900"]
    assert list(client.match_wrapped(entity(dataset, "Organization", name=["Zainabiyoun Brigade"]))) == []
    nobody = entity(dataset, "Person", name=["Emily Clarke"])
    assert list(client.match_wrapped(nobody)) == []


def test_name_parts_only_and_plain_string_values(server: str) -> None:
    """yente reads an example with only firstName/lastName, and a property given as a plain string."""
    body = {"queries": {"p": {"schema": "Person", "properties": {"firstName": "Hamid", "lastName": ["al-Badri"]}}}}
    data = httpx.post(f"{server}/match/default", json=body, timeout=30).json()
    assert [r["id"] for r in data["responses"]["p"]["results"]] == ["un-QDi.900"]


@pytest.mark.slow  # the enricher retries a refused request with back-off (about 14 s)
def test_yente_enricher_refused_option_is_an_error_not_an_empty_answer(server: str, tmp_path: Path) -> None:
    from nomenklatura.enrich.common import EnrichmentException

    dataset, client = enricher(tmp_path, server, algorithm="no-such-algorithm")
    query = entity(dataset, "Organization", name=["Zainabiyoun Brigade"])
    with pytest.raises(EnrichmentException):
        list(client.match_wrapped(query))


def test_openrefine_reconciliation(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        manifest = http.get("/reconcile/sanctions").json()
        assert manifest["versions"] == ["0.2"] and any(t["id"] == "Person" for t in manifest["defaultTypes"])
        queries = {
            "q0": {"query": "Zainabiyoun Brigade", "type": "Organization", "limit": 3},
            "q1": {"query": "Karim Qaradaghi", "type": "Person",
                   "properties": [{"pid": "Person:birthDate", "v": "1971"}, {"pid": "nationality", "v": "iq"}]},
        }  # fmt: skip
        answer = http.post("/reconcile/sanctions", data={"queries": json.dumps(queries)}).json()
        top = answer["q0"]["result"][0]
        assert top["id"] == "ofac-100" and top["match"] is True and top["type"][0]["id"] == "Organization"
        assert answer["q1"]["result"][0]["id"] == "ofac-102"
        suggest = manifest["suggest"]["entity"]
        found = http.get(suggest["service_url"] + suggest["service_path"], params={"prefix": "Zaynab"}).json()
        assert found["result"][0]["id"] == "ofac-100"
        bad = http.post("/reconcile/sanctions", data={"queries": "{not json"})
        assert bad.status_code == 400 and "JSON" in bad.json()["detail"]
