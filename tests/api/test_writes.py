"""Writes need the bearer token; bodies are size-limited; watches and alerts round-trip."""

from __future__ import annotations

import pytest
from api_archive import TOKEN, ZB
from fastapi.testclient import TestClient

from threatgraph.api.app import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_writes_refused_without_configured_token(archive, monkeypatch):
    monkeypatch.delenv("THREATGRAPH_TOKEN", raising=False)
    client = TestClient(create_app(archive["engine"]), base_url="http://127.0.0.1")
    r = client.post("/watches", json={"name": "Zainabiyoun"}, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "THREATGRAPH_TOKEN" in r.json()["detail"]


def test_token_from_environment(archive, monkeypatch):
    monkeypatch.setenv("THREATGRAPH_TOKEN", "from-env")
    client = TestClient(create_app(archive["engine"]), base_url="http://127.0.0.1")
    assert client.post("/watches", json={"name": "X"}, headers={"Authorization": "Bearer from-env"}).status_code == 201


def test_missing_or_wrong_token_is_401(client):
    r = client.post("/watches", json={"name": "Zainabiyoun"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = client.post("/watches", json={"name": "Zainabiyoun"}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and "invalid" in r.json()["detail"]
    assert client.get("/watches").json()["watches"] == []


def test_watch_lifecycle(client):
    r = client.post("/watches", json={"name": "Zainabiyoun Brigade", "entity_id": ZB, "note": "t"}, headers=AUTH)
    assert r.status_code == 201, r.text
    wid = r.json()["id"]
    assert [w["id"] for w in client.get("/watches").json()["watches"]] == [wid]
    assert "Zainabiyoun Brigade" in client.get("/watches", headers={"accept": "text/html"}).text
    assert client.delete(f"/watches/{wid}", headers=AUTH).json() == {"removed": wid}
    r = client.delete(f"/watches/{wid}", headers=AUTH)
    assert r.status_code == 404 and str(wid) in r.json()["detail"]


def test_watch_on_unknown_entity_is_404(client):
    r = client.post("/watches", json={"name": "x", "entity_id": "ent-missing"}, headers=AUTH)
    assert r.status_code == 404 and "ent-missing" in r.json()["detail"]


def test_backfill_raises_alerts_from_the_archive(client):
    r = client.post("/watches", params={"backfill": True}, json={"name": "Zainabiyoun Brigade"}, headers=AUTH)
    assert r.status_code == 201
    assert r.json()["alerts"] >= 1
    alerts = client.get("/alerts").json()["alerts"]
    assert alerts and all(a["watch_name"] == "Zainabiyoun Brigade" for a in alerts)
    assert "Zainabiyoun" in client.get("/alerts", headers={"accept": "text/html"}).text
    assert client.get("/alerts", params={"since": "2999-01-01T00:00:00Z"}).json()["alerts"] == []
    assert client.get("/alerts", params={"since": "not-a-date"}).status_code == 422


@pytest.mark.parametrize(
    "body",
    [{}, {"name": ""}, {"name": "x", "threshold": 2}, {"name": "x" * 501}, [], "nonsense"],
)
def test_bad_watch_bodies_are_422(client, body):
    r = client.post("/watches", json=body, headers=AUTH)
    assert r.status_code == 422 and r.json()["detail"].startswith("invalid request")


def test_malformed_json_is_422(client):
    r = client.post("/watches", content=b"{not json", headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]


def test_body_limit_by_declared_length(archive):
    client = TestClient(create_app(archive["engine"], token=TOKEN, max_body=1000), base_url="http://127.0.0.1")
    r = client.post("/screen", content=b"x" * 5000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "1000 bytes" in r.json()["detail"]


def test_body_limit_while_streaming(archive):
    """A chunked body without Content-Length is cut off at the limit too."""
    client = TestClient(create_app(archive["engine"], token=TOKEN, max_body=1000), base_url="http://127.0.0.1")

    def chunks():
        for _ in range(10):
            yield b'{"names": [' + b" " * 500

    r = client.post("/screen", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_ingest_requires_token(client):
    r = client.post("/ingest", files={"files": ("a.txt", b"hello", "text/plain")})
    assert r.status_code == 401


def test_ingest_upload(client, shared_data):
    """Uploads go through the real pipeline; a bad file is reported by its uploaded name."""
    pytest.importorskip("threatgraph.pipeline")
    text = (shared_data / "articles" / "arabnews-zainabiyoun.txt").read_bytes()
    files = [("files", ("zainabiyoun.txt", text, "text/plain")), ("files", ("empty.txt", b"", "text/plain"))]
    r = client.post("/ingest", files=files, headers=AUTH)
    assert r.status_code == 200, r.text
    report = r.json()
    assert len(report["ingested"]) == 1
    assert [f["source"] for f in report["failed"]] == ["upload:empty.txt"]
    assert client.get("/").json()["articles"] == 4
    stored = client.get(f"/articles/{report['ingested'][0]}").json()["article"]
    assert stored["source"] == "upload:zainabiyoun.txt"


def test_ingest_articles_as_json(client):
    """JSON articles go through the pipeline like files; the same text twice is a duplicate."""
    pytest.importorskip("threatgraph.pipeline")
    art = {
        "text": "The Fajr Brigade recruited fighters in Quetta in March 2021, police said.",
        "title": "Invented test report",
        "published": "2021-04-02",
        "outlet": "Test Wire",
    }
    r = client.post("/ingest/articles", json={"articles": [art, art]}, headers=AUTH)
    assert r.status_code == 200, r.text
    report = r.json()
    assert len(report["ingested"]) == 1 and len(report["duplicates"]) == 1
    stored = client.get(f"/articles/{report['ingested'][0]}").json()
    assert stored["article"]["published"] == "2021-04-02" and stored["mentions"]
    assert client.post("/ingest/articles", json={"articles": [art]}).status_code == 401
    bad = client.post("/ingest/articles", json={"articles": [{"text": "   "}]}, headers=AUTH)
    assert bad.status_code == 422 and "text" in bad.json()["detail"]
