"""The sources page: health for everyone (HTML and JSON), adding a source only with the token."""

from __future__ import annotations

from fastapi.testclient import TestClient

from threatgraph.api.app import create_app
from threatgraph.collect import source_health, sync_sources

from .conftest import PlainExtractor, make_collector, rss

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HTML = {"accept": "text/html"}


def test_page_shows_sources_and_their_health(store, site, settings_for) -> None:
    site.robots()
    site.cached("/feed.xml", rss([(u, "x") for u in site.pages(range(2))]), "application/rss+xml")
    site.static("/down.xml", "oops", "text/plain", status=500)
    settings = settings_for(
        [{"name": "Good wire", "feed": site.url("/feed.xml")}, {"name": "Dead wire", "feed": site.url("/down.xml")}]
    )
    sync_sources(store, settings.sources, None)
    make_collector(store, settings, extractor=PlainExtractor()).poll(force=True)
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")

    data = client.get("/sources").json()["sources"]
    by_name = {s["name"]: s for s in data}
    assert by_name["Good wire"]["health"] == "ok" and by_name["Good wire"]["urls"]["done"] == 2
    assert by_name["Dead wire"]["health"] == "degraded" and by_name["Dead wire"]["last_error"] == "HTTP 500"
    assert client.get("/sources.json").json()["sources"] == data
    page = client.get("/sources", headers=HTML).text
    assert "Good wire" in page and "health-degraded" in page and "HTTP 500" in page
    assert 'action="/sources/form"' in page and 'type="password"' in page
    assert '<a href="/sources">Sources</a>' in client.get("/", headers=HTML).text


def test_adding_a_source_needs_the_token(store) -> None:
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")
    body = {"name": "New wire", "kind": "feed", "url": ["https://news.example.org/rss.xml"], "every": "30m"}
    assert client.post("/sources", json=body).status_code == 401
    assert client.post("/sources", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    r = client.post("/sources", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "New wire" and r.json()["origin"] == "web" and r.json()["health"] == "new"
    assert client.post("/sources", json=body, headers=AUTH).status_code == 409
    bad = body | {"name": "Two", "url": ["https://a.example.org/", "https://b.example.org/"]}
    r = client.post("/sources", json=bad, headers=AUTH)
    assert r.status_code == 400 and "one URL" in r.json()["detail"]
    r = client.post("/sources", json=body | {"name": "Bad every", "every": "often"}, headers=AUTH)
    assert r.status_code == 400 and "every" in r.json()["detail"]
    r = client.post("/sources", json=body | {"name": "x", "path": "/etc/passwd"}, headers=AUTH)
    assert r.status_code == 422
    assert [s["name"] for s in source_health(store)] == ["New wire"]
    read_only = TestClient(create_app(store, token=""), base_url="http://127.0.0.1")
    assert read_only.post("/sources", json=body | {"name": "Other"}, headers=AUTH).status_code == 403


def test_the_form_adds_with_the_token_and_explains_refusals(store) -> None:
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")
    form = {"name": "Form wire", "kind": "sitemap", "url": "https://news.example.org/sitemap.xml", "every": "1h"}
    r = client.post("/sources/form", data=form | {"token": "wrong"}, headers=HTML)
    assert r.status_code == 401 and "wrong token" in r.text
    r = client.post("/sources/form", data=form | {"token": TOKEN}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/sources"
    assert "Form wire" in client.get("/sources", headers=HTML).text
    r = client.post("/sources/form", data=form | {"token": TOKEN, "name": "B", "url": "file:///etc"}, headers=HTML)
    assert r.status_code == 400 and "cannot add source" in r.text
    page = TestClient(create_app(store, token=""), base_url="http://127.0.0.1").get("/sources", headers=HTML).text
    assert "Adding sources is disabled" in page and 'type="password"' not in page


def test_a_source_added_on_the_web_is_collected(store, site, settings_for) -> None:
    site.robots()
    site.cached("/feed.xml", rss([(u, "x") for u in site.pages(range(2))]), "application/rss+xml")
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")
    body = {"name": "Added", "kind": "feed", "url": [site.url("/feed.xml")]}
    assert client.post("/sources", json=body, headers=AUTH).status_code == 201
    report = make_collector(store, settings_for([]), extractor=PlainExtractor()).poll()
    assert len(report.ingest.ingested) == 2


def test_collected_article_page_shows_its_byline(store, site, settings_for) -> None:
    site.robots()
    [url] = site.pages([4])
    make_collector(store, settings_for([]), extractor=PlainExtractor()).fetch([url])
    client = TestClient(create_app(store, token=TOKEN), base_url="http://127.0.0.1")
    [row] = client.get("/articles").json()["results"]
    data = client.get(f"/articles/{row['id']}").json()
    assert data["article"]["author"] == "Jane Roe"
    assert "by Jane Roe" in client.get(f"/articles/{row['id']}", headers=HTML).text
