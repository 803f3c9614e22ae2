"""Collection runs against a local site and a real store: new articles, conditional re-polls, resume after a kill."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sqlalchemy import func, select

from threatgraph.collect import Collector, source_health, sync_sources
from threatgraph.collect.state import URL_RETRY_DELAY
from threatgraph.store.schema import articles, collect_sources, collect_urls
from threatgraph.watch import add_watch, list_alerts

from .conftest import PlainExtractor, article_page, make_collector, rss

WATCHED = "Crescent Valley Front"  # invented


def collector(store, settings, **kw) -> Collector:
    return make_collector(store, settings, **kw)


def setup(store, settings) -> None:
    sync_sources(store, settings.sources, None)


def url_rows(store) -> dict[str, tuple[str, str | None]]:
    with store.connect() as conn:
        return {r.url: (r.status, r.error) for r in conn.execute(select(collect_urls))}


def n_articles(store) -> int:
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(articles)).scalar()


def test_feed_pages_are_stored_and_watches_alert(store, site, settings_for) -> None:
    site.robots()
    links = site.pages(range(6))
    site.static("/news/6", article_page(6, extra=f"Witnesses blamed the {WATCHED} for the attack."))
    links.append(site.url("/news/6"))
    site.cached("/feed.xml", rss([(u, f"Report {i}") for i, u in enumerate(links)]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml")}])
    setup(store, settings)
    watch = add_watch(store, WATCHED)

    report = collector(store, settings).poll(force=True)

    assert len(report.ingest.ingested) == 7 and report.new_urls == 7 and not report.page_failures
    assert {s for s, _e in url_rows(store).values()} == {"done"}
    alerts = list_alerts(store)
    assert [a.watch_id for a in alerts] == [watch["id"]]
    with store.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == alerts[0].article_id)).one()
    assert row.url == site.url("/news/6") and row.title == "Report 6" and row.outlet == "Example Wire"
    health = source_health(store)[0]
    assert health["health"] == "ok" and health["urls"]["done"] == 7 and health["last_http_status"] == 200


def test_second_poll_with_nothing_new_is_one_conditional_request_per_source(store, site, settings_for) -> None:
    site.robots()
    a, b = site.pages(range(2)), site.pages(range(2, 4))
    site.cached("/a.xml", rss([(u, "A") for u in a]), "application/rss+xml", etag='"a1"')
    site.cached("/b.xml", rss([(u, "B") for u in b]), "application/rss+xml", etag='"b1"')
    smap = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{}</loc></url></urlset>'
    site.cached("/sitemap.xml", smap.format(site.url("/news/0")), "application/xml", etag='"s1"')
    sources = [
        {"name": "a", "feed": site.url("/a.xml")},
        {"name": "b", "feed": site.url("/b.xml")},
        {"name": "s", "sitemap": site.url("/sitemap.xml")},
    ]
    settings = settings_for(sources)
    setup(store, settings)
    first = collector(store, settings).poll(force=True)
    assert len(first.ingest.ingested) == 4
    site.hits.clear()

    second = collector(store, settings).poll(force=True)  # a new process: nothing kept in memory

    assert sorted(h.path for h in site.hits) == ["/a.xml", "/b.xml", "/sitemap.xml"]
    assert {h.headers.get("If-None-Match") for h in site.hits} == {'"a1"', '"b1"', '"s1"'}
    assert second.unchanged == 3 and second.requests == 3 and not second.ingest.ingested
    assert {s["last_status"] for s in source_health(store)} == {"unchanged"}


def test_nothing_due_means_no_request(store, site, settings_for) -> None:
    site.robots()
    site.cached("/feed.xml", rss([(u, "x") for u in site.pages(range(2))]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml"), "every": "1h"}])
    setup(store, settings)
    collector(store, settings).poll()
    site.hits.clear()
    report = collector(store, settings).poll()
    assert report.sources == 0 and site.hits == []


def test_killed_run_resumes_without_losing_or_duplicating(store, site, settings_for) -> None:
    site.robots()
    links = site.pages(range(12))
    site.cached("/feed.xml", rss([(u, "x") for u in links]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml")}], batch_size=2)
    setup(store, settings)

    with pytest.raises(KeyboardInterrupt):  # the process dies mid-run, after a few articles
        collector(store, settings, extractor=PlainExtractor(fail_after=5)).poll(force=True)
    stored_before = n_articles(store)
    assert 0 < stored_before < 12
    statuses = [s for s, _e in url_rows(store).values()]
    assert statuses.count("pending") >= 12 - stored_before  # nothing lost: the rest is still to do

    report = collector(store, settings).poll(force=True)

    assert n_articles(store) == 12  # everything, once
    assert len(report.ingest.ingested) == 12 - stored_before
    assert {s for s, _e in url_rows(store).values()} == {"done"}  # stored before the kill: still its own
    with store.connect() as conn:
        ids = [r[0] for r in conn.execute(select(collect_urls.c.article_id))]
    assert len(ids) == len(set(ids)) == 12


def test_kill_before_the_source_is_recorded_keeps_the_old_validators(store, site, settings_for) -> None:
    site.robots()
    site.cached("/feed.xml", rss([(u, "x") for u in site.pages(range(3))]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml")}])
    setup(store, settings)
    from threatgraph.collect import state

    real = state.record_found

    def dies(*_a, **_k):
        raise KeyboardInterrupt

    state.record_found = dies
    try:
        with pytest.raises(KeyboardInterrupt):
            collector(store, settings).poll(force=True)
    finally:
        state.record_found = real
    with store.connect() as conn:
        assert conn.execute(select(collect_sources.c.etag)).scalar() is None  # so the next poll is unconditional
    assert collector(store, settings).poll(force=True).new_urls == 3 and n_articles(store) == 3


def test_failures_are_recorded_per_url_and_per_source(store, site, settings_for) -> None:
    site.robots("User-agent: *\nDisallow: /private/\n")
    good = site.pages([1])
    site.static("/missing", "nope", "text/plain", status=404)
    site.static("/busy", "later", "text/plain", status=503)
    site.static("/private/1", article_page(2))
    teaser = "<p>The first lines of a report on the crossing. Subscribe to read the rest of it.</p>"
    site.static("/short", f"<html><body><article>{teaser}</article></body></html>")
    site.static("/pdf", b"%PDF-1.4", "application/pdf")
    paths = ["/missing", "/busy", "/private/1", "/short", "/pdf"]
    site.cached("/feed.xml", rss([(u, "x") for u in good + [site.url(p) for p in paths]]), "application/rss+xml")
    site.static("/broken.xml", "<rss version='2.0'><channel><item><title>cut", "application/rss+xml")
    site.static("/down.xml", "oops", "text/plain", status=500)
    settings = settings_for(
        [
            {"name": "wire", "feed": site.url("/feed.xml")},
            {"name": "broken", "feed": site.url("/broken.xml")},
            {"name": "down", "feed": site.url("/down.xml")},
        ]
    )
    setup(store, settings)

    report = collector(store, settings).poll(force=True)

    rows = url_rows(store)
    assert rows[good[0]][0] == "done"
    assert rows[site.url("/missing")] == ("failed", "HTTP 404")
    assert rows[site.url("/busy")] == ("pending", "HTTP 503")  # passing trouble: tried again later
    assert rows[site.url("/private/1")][0] == "disallowed"
    assert rows[site.url("/short")][0] == "failed" and "not an article page" in rows[site.url("/short")][1]
    assert rows[site.url("/pdf")] == ("failed", "unexpected content type 'application/pdf' for a page")
    assert n_articles(store) == 1  # no empty or teaser articles
    failed_sources = {f.source: f.reason for f in report.source_failures}
    assert set(failed_sources) == {"broken", "down"}
    assert "malformed feed" in failed_sources["broken"] and failed_sources["down"] == "HTTP 500"
    health = {s["name"]: s for s in source_health(store)}
    assert health["down"]["failures"] == 1 and health["down"]["health"] == "degraded"
    assert health["wire"]["urls"] == {"pending": 1, "done": 1, "duplicate": 0, "failed": 3, "disallowed": 1}
    with store.connect() as conn:
        busy = conn.execute(select(collect_urls).where(collect_urls.c.url == site.url("/busy"))).one()
        due = {r.name: r.next_due_at for r in conn.execute(select(collect_sources))}
    assert busy.attempts == 1 and busy.next_attempt_at is not None
    assert (due["down"] - due["wire"]).total_seconds() > -1  # a failing source is not polled sooner
    assert URL_RETRY_DELAY.total_seconds() >= 60


def test_feed_content_mode_ingests_item_text(store, site, settings_for) -> None:
    site.robots()
    items = "".join(
        f"<item><title>Item {n}</title><link>{site.url(f'/i/{n}')}</link>"
        f"<description><![CDATA[<p>Paragraph for item {n} about the {WATCHED} and the convoy.</p>]]></description>"
        "</item>"
        for n in range(3)
    )
    body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
    site.cached("/full.xml", body, "application/rss+xml")
    settings = settings_for([{"name": "full", "feed": site.url("/full.xml"), "content": "feed"}])
    setup(store, settings)
    add_watch(store, WATCHED)
    report = collector(store, settings).poll(force=True)
    assert len(report.ingest.ingested) == 3 and not any(p.startswith("/i/") for p in site.paths())
    assert {s for s, _e in url_rows(store).values()} == {"done"} and len(list_alerts(store)) == 3
    site.hits.clear()
    again = collector(store, settings).poll(force=True)
    assert again.unchanged == 1 and [h.path for h in site.hits] == ["/full.xml"]


def test_sitemap_index_and_gzipped_child(store, site, settings_for) -> None:
    site.robots()
    links = site.pages(range(3))
    urlset = "".join(f"<url><loc>{u}</loc></url>" for u in links)
    child = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urlset}</urlset>'
    site.static("/news.xml.gz", gzip.compress(child.encode()), "application/gzip")
    index = f"<sitemapindex><sitemap><loc>{site.url('/news.xml.gz')}</loc></sitemap></sitemapindex>"
    site.static("/sitemap.xml", index, "application/xml")
    settings = settings_for([{"name": "s", "sitemap": site.url("/sitemap.xml")}])
    setup(store, settings)
    report = collector(store, settings).poll(force=True)
    assert len(report.ingest.ingested) == 3


def test_local_url_list_and_gdelt_files(store, site, settings_for, tmp_path: Path) -> None:
    site.robots()
    links = site.pages(range(4))
    listing = tmp_path / "list.txt"
    listing.write_text("# to read\n" + "\n".join(links[:2]) + "\n")
    gkg = tmp_path / "gkg.csv"
    rows = []
    for u in links[2:]:
        cols = [""] * 27
        cols[2], cols[4] = "1", u
        rows.append("\t".join(cols))
    gkg.write_text("\n".join(rows) + "\n")
    settings = settings_for([{"name": "list", "urls_file": "list.txt"}, {"name": "gdelt", "gdelt": "gkg.csv"}])
    sync_sources(store, settings.sources, tmp_path)
    report = collector(store, settings).poll(force=True)
    assert len(report.ingest.ingested) == 4
    again = collector(store, settings).poll(force=True)
    assert again.unchanged == 2 and again.requests == 0


def test_same_story_under_two_addresses_is_stored_once(store, site, settings_for) -> None:
    site.robots()
    canonical = site.url("/story")
    site.static("/amp/story", article_page(1, canonical=canonical))
    site.static("/story", article_page(1, canonical=canonical))
    site.static("/copy", article_page(2))
    site.static("/copy-again", article_page(2))  # same text, no canonical: the content hash finds it
    links = [site.url(p) for p in ("/story", "/copy")]
    later = [site.url(p) for p in ("/amp/story", "/copy-again")]
    site.cached("/feed.xml", rss([(u, "x") for u in links]), "application/rss+xml")
    site.cached("/feed2.xml", rss([(u, "x") for u in later]), "application/rss+xml")
    settings = settings_for([{"name": "one", "feed": site.url("/feed.xml")}])
    setup(store, settings)
    collector(store, settings).poll(force=True)
    settings2 = settings_for([{"name": "two", "feed": site.url("/feed2.xml")}])
    setup(store, settings2)
    collector(store, settings2).poll(force=True, names=["two"])
    assert n_articles(store) == 2
    rows = url_rows(store)
    assert rows[site.url("/amp/story")][0] == "duplicate" and rows[site.url("/copy-again")][0] == "duplicate"


def test_fetch_urls_by_hand(store, site, settings_for) -> None:
    site.robots()
    links = site.pages(range(2))
    settings = settings_for([])
    report = collector(store, settings).fetch([*links, "not a url"])
    assert len(report.ingest.ingested) == 2
    assert [f.source for f in report.page_failures] == ["not a url"]
    site.hits.clear()
    again = collector(store, settings).fetch(links)
    assert site.hits == [] and len(again.ingest.duplicates) == 2  # already collected: no request at all


def test_max_items_caps_new_urls_per_poll(store, site, settings_for) -> None:
    site.robots()
    links = site.pages(range(5))
    site.static("/feed.xml", rss([(u, "x") for u in links]), "application/rss+xml")
    settings = settings_for([{"name": "wire", "feed": site.url("/feed.xml"), "max_items": 2}])
    setup(store, settings)
    assert collector(store, settings).poll(force=True).new_urls == 2
    assert collector(store, settings).poll(force=True).new_urls == 2  # the next two, not the same two again
    assert sorted(url_rows(store)) == sorted(links[:4])


def test_a_source_dropped_from_the_file_is_no_longer_polled(store, site, settings_for) -> None:
    from threatgraph.collect import add_source, one_source

    site.robots()
    site.cached("/a.xml", rss([]), "application/rss+xml")
    site.cached("/b.xml", rss([]), "application/rss+xml")
    both = settings_for([{"name": "a", "feed": site.url("/a.xml")}, {"name": "b", "feed": site.url("/b.xml")}])
    setup(store, both)
    add_source(store, one_source({"name": "web", "feed": site.url("/b.xml")}))
    only_a = settings_for([{"name": "a", "feed": site.url("/a.xml")}])
    setup(store, only_a)
    health = {s["name"]: s for s in source_health(store)}
    assert (health["a"]["enabled"], health["b"]["enabled"], health["web"]["enabled"]) == (True, False, True)
    assert health["b"]["health"] == "disabled"
    report = collector(store, only_a).poll(force=True)
    assert report.sources == 2 and "/a.xml" in site.paths()
    setup(store, both)
    assert {s["name"] for s in source_health(store) if s["enabled"]} == {"a", "b", "web"}


def test_feed_content_mode_on_a_page_that_is_no_feed_fails_the_source(store, site, settings_for) -> None:
    site.robots()
    site.static("/full.xml", "<html><body><p>Moved.</p></body></html>", "text/xml")
    site.cached("/empty.xml", rss([]), "application/rss+xml")
    settings = settings_for(
        [
            {"name": "wrong", "feed": site.url("/full.xml"), "content": "feed"},
            {"name": "empty", "feed": site.url("/empty.xml"), "content": "feed"},
        ]
    )
    setup(store, settings)
    report = collector(store, settings).poll(force=True)
    assert [f.source for f in report.source_failures] == ["wrong"]
    health = {s["name"]: s for s in source_health(store)}
    assert health["wrong"]["last_status"] == "failed" and "not an RSS/Atom feed" in health["wrong"]["last_error"]
    assert health["empty"]["last_status"] == "ok" and health["empty"]["failures"] == 0
