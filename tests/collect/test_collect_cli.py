"""CLI: ``collect``, ``fetch`` and ``sources`` on a temporary SQLite file, the real extractor and hooks."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.collect import sync_sources

from .conftest import PlainExtractor, make_collector, rss

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("THREATGRAPH_WEBHOOK", raising=False)
    return str(tmp_path / "cli.db")


def sources_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text("per_host: {rate: 100, concurrency: 4}\nhttp: {timeout: 5s, retries: 0}\n" + body)
    return str(path)


def test_collect_once_then_sources_and_a_quiet_second_run(db: str, site, tmp_path: Path) -> None:
    site.robots()
    site.cached("/feed.xml", rss([(u, "x") for u in site.pages(range(3))]), "application/rss+xml")
    path = sources_file(tmp_path, f"sources:\n  - name: wire\n    feed: {site.url('/feed.xml')}\n")

    first = runner.invoke(app, ["collect", path, "--once", "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert len(data["ingested"]) == 3 and data["new_urls"] == 3 and data["page_failures"] == []

    second = runner.invoke(app, ["collect", path, "--once", "--db", db, "--json"])
    assert json.loads(second.stdout)["requests"] == 1 and json.loads(second.stdout)["unchanged"] == 1

    listed = runner.invoke(app, ["sources", "--db", db, "--json"])
    [row] = json.loads(listed.stdout)
    assert row["name"] == "wire" and row["urls"]["done"] == 3 and row["last_status"] == "unchanged"
    table = runner.invoke(app, ["sources", "--db", db])
    assert "wire" in table.stdout and "ok" in table.stdout


def test_collect_reports_failures_with_exit_code_1(db: str, site, tmp_path: Path) -> None:
    site.robots()
    site.static("/down.xml", "no", "text/plain", status=500)
    path = sources_file(tmp_path, f"sources:\n  - name: down\n    feed: {site.url('/down.xml')}\n")
    result = runner.invoke(app, ["collect", path, "--once", "--db", db])
    assert result.exit_code == 1 and "down" in result.stdout and "HTTP 500" in result.stdout


def test_bad_sources_file_is_one_clear_error(db: str, tmp_path: Path) -> None:
    path = sources_file(tmp_path, "sources:\n  - name: x\n    fed: https://x.example.org/rss\n")
    result = runner.invoke(app, ["collect", path, "--once", "--db", db])
    assert result.exit_code == 2 and "sources[0]: unknown key 'fed'" in result.stderr
    both = runner.invoke(app, ["collect", path, "--once", "--every", "5m", "--db", db])
    assert both.exit_code == 2 and "not both" in both.stderr
    ok = sources_file(tmp_path, "sources: []\n")
    bad_every = runner.invoke(app, ["collect", ok, "--every", "often", "--db", db])
    assert bad_every.exit_code == 2 and "--every" in bad_every.stderr


def test_fetch_command(db: str, site) -> None:
    site.robots("User-agent: *\nDisallow: /private/\n")
    [page] = site.pages([5])
    site.static("/private/1", "<html><body>secret</body></html>")
    result = runner.invoke(app, ["fetch", page, site.url("/private/1"), "--db", db, "--json", "--rate", "50"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["ingested"]) == 1
    assert [f["reason"] for f in data["disallowed"]] == [
        f"robots.txt of {site.url('')} disallows {site.url('/private/1')}"
    ]
    site.static("/news/9", "gone", "text/plain", status=404)
    agent = runner.invoke(app, ["fetch", site.url("/news/9"), "--db", db, "--user-agent", "custom-agent/2"])
    assert agent.exit_code == 1 and "HTTP 404" in agent.stdout
    assert site.hits[-1].headers["User-Agent"] == "custom-agent/2"


def test_every_keeps_polling_until_stopped(store, site, settings_for) -> None:
    site.robots()
    site.cached("/feed.xml", rss([(u, "x") for u in site.pages(range(2))]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml")}], every="1s")
    sync_sources(store, settings.sources, None)
    reports = []
    stop = threading.Event()
    loop = threading.Thread(
        target=make_collector(store, settings, extractor=PlainExtractor()).run_forever,
        args=(stop,),
        kwargs={"on_report": reports.append},
    )
    loop.start()
    deadline = time.monotonic() + 15
    while len([h for h in site.hits if h.path == "/feed.xml"]) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    loop.join(timeout=10)
    assert not loop.is_alive()
    feed_hits = [h for h in site.hits if h.path == "/feed.xml"]
    assert len(feed_hits) >= 3 and all(h.headers.get("If-None-Match") == '"v1"' for h in feed_hits[1:])
    assert len(reports[0].ingest.ingested) == 2 and all(r.unchanged == 1 for r in reports[1:])
    gaps = [b.at - a.at for a, b in zip(feed_hits, feed_hits[1:], strict=False)]
    assert min(gaps) >= 0.9  # once per 'every', not as fast as it can
