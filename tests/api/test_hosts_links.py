"""DNS rebinding and hostile link schemes (issue 10 items 6 and 9)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from threatgraph.api.middleware import host_name
from threatgraph.model import Analysis, Article
from threatgraph.store.articles import save_analysis
from threatgraph.web.links import link_url


def _app(store, **kwargs):
    from threatgraph.api.app import create_app

    return create_app(store, token="t" * 32, **kwargs)


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", "", "[::2]"]
)
def test_foreign_host_header_is_refused(store, host: str) -> None:
    client = TestClient(_app(store), base_url="http://127.0.0.1")
    r = client.get("/watches.json", headers={"host": host})
    assert r.status_code == 400 and "THREATGRAPH_TRUSTED_HOSTS" in r.json()["detail"]


def _page(store, article_id: str):
    client = TestClient(_app(store), base_url="http://127.0.0.1")
    return client.get(f"/articles/{article_id}", headers={"accept": "text/html"})


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000", "localhost."])
def test_loopback_names_are_served(store, host: str) -> None:
    client = TestClient(_app(store), base_url="http://127.0.0.1")
    assert client.get("/watches.json", headers={"host": host}).status_code == 200


def test_configured_hosts(store, monkeypatch) -> None:
    monkeypatch.setenv("THREATGRAPH_TRUSTED_HOSTS", "intel.example.org, 10.0.0.5")
    client = TestClient(_app(store), base_url="http://127.0.0.1")
    assert client.get("/watches.json", headers={"host": "intel.example.org"}).status_code == 200
    assert client.get("/watches.json", headers={"host": "10.0.0.5:8000"}).status_code == 200
    assert client.get("/watches.json", headers={"host": "127.0.0.1"}).status_code == 400  # only what is configured
    open_client = TestClient(_app(store, hosts=["*"]), base_url="http://127.0.0.1")
    assert open_client.get("/watches.json", headers={"host": "anything.example"}).status_code == 200


@given(st.text(max_size=60))
def test_host_name_never_raises(header: str) -> None:
    name = host_name(header)
    assert name is None or name == name.lower()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "/relative/path",
        "http://",
        "file:///etc/passwd",
    ],
)
def test_hostile_article_urls_are_not_links(store, url: str) -> None:
    assert link_url(url) is None
    art = Article(text="Officials met in Karachi on Tuesday.", url=url, title="t")
    save_analysis(store, Analysis(article=art))
    page = TestClient(_app(store), base_url="http://127.0.0.1").get(
        f"/articles/{art.id}", headers={"accept": "text/html"}
    )
    assert page.status_code == 200
    assert "not a web link" in page.text and 'rel="noopener noreferrer">original' not in page.text


def test_web_urls_stay_links(store) -> None:
    assert link_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    art = Article(text="Officials met in Quetta on Monday.", url="https://example.org/news/1", title="t")
    save_analysis(store, Analysis(article=art))
    page = TestClient(_app(store), base_url="http://127.0.0.1").get(
        f"/articles/{art.id}", headers={"accept": "text/html"}
    )
    assert 'href="https://example.org/news/1"' in page.text
