"""The issue's targets at full size, with the real extractor: 1,000 feed items end to end, and a real kill.

Slow-marked (``-m slow``): each parses hundreds of articles with spaCy.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from threatgraph.collect import load_sources, source_health, sync_sources
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles, collect_urls
from threatgraph.watch import add_watch, list_alerts

from .conftest import article_page, make_collector, rss

WATCHED = "Crescent Valley Front"  # invented
pytestmark = pytest.mark.slow


def serve_feed(site, n: int, every: int = 100) -> set[str]:
    """``n`` pages in one feed; every ``every``-th names the watched group. Returns those pages' URLs."""
    site.robots()
    watched = set()
    for i in range(n):
        extra = f"Witnesses blamed the {WATCHED} for the attack." if i % every == 7 else ""
        site.static(f"/news/{i}", article_page(i, extra=extra))
        if extra:
            watched.add(site.url(f"/news/{i}"))
    items = [(site.url(f"/news/{i}"), f"Report {i}") for i in range(n)]
    site.cached("/feed.xml", rss(items), "application/rss+xml")
    return watched


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def test_a_thousand_item_feed_collected_extracted_and_alerted_in_one_run(store, site, settings_for) -> None:
    watched = serve_feed(site, 1000)
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml")}], per_host={"rate": 400, "concurrency": 8})
    sync_sources(store, settings.sources, None)
    watch = add_watch(store, WATCHED)

    start = time.monotonic()
    report = make_collector(store, settings, real=True).poll(force=True)  # the real extractor, resolve and watch hooks
    elapsed = time.monotonic() - start

    assert len(report.ingest.ingested) == 1000, (report.page_failures[:3], report.ingest.failed[:3])
    assert not report.page_failures and not report.ingest.failed
    alerts = list_alerts(store, limit=500)
    with store.connect() as conn:
        alerted = {conn.execute(select(articles.c.url).where(articles.c.id == a.article_id)).scalar() for a in alerts}
    assert {a.watch_id for a in alerts} == {watch["id"]} and alerted == watched
    assert source_health(store)[0]["urls"]["done"] == 1000
    print(f"\n1,000 items: {elapsed:.1f} s, {report.requests} requests")  # noqa: T201 - shown with -s
    site.hits.clear()
    again = make_collector(store, settings, real=True).poll(force=True)
    assert again.requests == 1 and [h.path for h in site.hits] == ["/feed.xml"]


def test_a_killed_collector_process_resumes_without_loss_or_duplicates(site, tmp_path: Path) -> None:
    serve_feed(site, 300)
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "per_host: {rate: 400, concurrency: 8}\nbatch_size: 8\n"
        f"sources:\n  - name: wire\n    feed: {site.url('/feed.xml')}\n"
    )
    db = tmp_path / "kill.db"
    env = os.environ | {"THREATGRAPH_HOME": str(tmp_path / "home")}
    env.pop("THREATGRAPH_WEBHOOK", None)
    cmd = [sys.executable, "-m", "threatgraph.cli", "collect", str(sources), "--once", "--db", str(db), "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            stored = count_articles(db)  # read-only peek: the store is the child's to migrate
            if stored >= 40:
                break
        assert proc.poll() is None, "the collector finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert 40 <= stored < 300

    loaded = load_sources(sources)
    engine = open_store(f"sqlite:///{db}")
    with engine.connect() as conn:
        at_kill = conn.execute(select(func.count()).select_from(articles)).scalar()
    sync_sources(engine, loaded.settings.sources, loaded.base)
    report = make_collector(engine, loaded.settings, real=True).poll(force=True)

    with engine.connect() as conn:
        n_articles = conn.execute(select(func.count()).select_from(articles)).scalar()
        urls = conn.execute(select(articles.c.url)).scalars().all()
        statuses = conn.execute(select(collect_urls.c.status)).scalars().all()
    assert n_articles == 300 and len(set(urls)) == 300  # nothing lost, nothing twice
    assert set(statuses) <= {"done", "duplicate"} and len(statuses) == 300
    assert len(report.ingest.ingested) == 300 - at_kill
