"""Collection state on PostgreSQL: the same runs, conflicts and health as on SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from threatgraph.collect import source_health, sync_sources
from threatgraph.store.schema import articles, collect_hosts

from .conftest import PlainExtractor, make_collector, rss

pytestmark = pytest.mark.postgres


def test_collect_resume_and_conditional_repoll_on_postgres(pg_engine, site, settings_for) -> None:
    site.robots()
    links = site.pages(range(8))
    site.cached("/feed.xml", rss([(u, "x") for u in links]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml")}], batch_size=2)
    sync_sources(pg_engine, settings.sources, None)
    assert sync_sources(pg_engine, settings.sources, None) == 0  # by name: once

    with pytest.raises(KeyboardInterrupt):
        make_collector(pg_engine, settings, extractor=PlainExtractor(fail_after=3)).poll(force=True)
    make_collector(pg_engine, settings, extractor=PlainExtractor()).poll(force=True)
    with pg_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == 8
        assert conn.execute(select(func.count()).select_from(collect_hosts)).scalar() == 1
    site.hits.clear()
    again = make_collector(pg_engine, settings, extractor=PlainExtractor()).poll(force=True)
    assert again.requests == 1 and [h.path for h in site.hits] == ["/feed.xml"]
    [health] = source_health(pg_engine)
    assert health["urls"]["done"] == 8 and health["last_status"] == "unchanged"
