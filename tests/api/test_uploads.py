"""Lists and articles from the browser: POST /lists (token), the upload page and first-run guidance."""

from __future__ import annotations

from api_archive import LIST_FILE, TOKEN
from fastapi.testclient import TestClient

from threatgraph.api.app import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
HTML = {"accept": "text/html"}


def test_lists_upload_needs_the_token(client):
    files = {"files": ("list.ftm.jsonl", LIST_FILE.read_bytes(), "application/json")}
    assert client.post("/lists", files=files).status_code == 401
    writes_off = TestClient(create_app(client.app.state.engine, token=""), base_url="http://127.0.0.1")
    assert writes_off.post("/lists", files=files, headers=AUTH).status_code == 403


def test_lists_upload_loads_a_new_version_and_rescreens(store):
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")
    files = {"files": ("list.ftm.jsonl", LIST_FILE.read_bytes(), "application/json")}
    r = client.post("/lists", files=files, data={"dataset": "uploaded"}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert "relinked" in r.json()
    assert any(d["dataset"] == "uploaded" for d in client.get("/upload.json").json()["datasets"])


def test_bad_list_is_refused_and_nothing_stored(store):
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")
    before = client.get("/upload.json").json()["datasets"]
    bad = {"files": ("list.xml", b"<not-a-list><unclosed>", "application/xml")}
    r = client.post("/lists", files=bad, headers=AUTH)
    assert r.status_code == 400 and "nothing was stored" in r.json()["detail"]
    assert client.get("/upload.json").json()["datasets"] == before


def test_empty_store_home_page_says_how_to_start(store):
    page = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1").get("/", headers=HTML).text
    assert 'id="getting-started"' in page
    assert "threatgraph lists load" in page and "threatgraph ingest" in page and 'href="/upload"' in page


def test_filled_store_home_page_has_no_guidance(client):
    assert 'id="getting-started"' not in client.get("/", headers=HTML).text
