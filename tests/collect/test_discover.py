"""Links out of feeds, sitemaps, URL lists and GDELT files; pages to articles; canonical URLs."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.collect.discover import DiscoverError, feed_links, gdelt_links, sitemap_links, url_list
from threatgraph.collect.pages import PageError, page_article
from threatgraph.collect.urls import UrlError, canonical_url, host_key

from .conftest import article_page, rss

BASE = "https://news.example.org/feed.xml"


def test_feed_links_in_order_resolved_and_canonical() -> None:
    data = rss([("/a?utm_source=rss", "A"), ("https://news.example.org/b#top", "B")]).encode()
    found = feed_links(data, BASE)
    assert found.urls == ["https://news.example.org/a", "https://news.example.org/b"]
    assert found.outlet == "Example Wire" and not found.problems


def test_atom_feed_links() -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        '<entry><title>One</title><link rel="alternate" href="https://atom.example.org/1"/><id>1</id></entry>'
        "</feed>"
    )
    assert feed_links(atom.encode()).urls == ["https://atom.example.org/1"]


def test_feed_item_without_link_is_a_problem_not_a_url() -> None:
    data = rss([("", "No link"), ("https://x.example.org/ok", "Ok")]).encode()
    found = feed_links(data)
    assert found.urls == ["https://x.example.org/ok"]
    assert found.problems == ["item 1: no link"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty feed"),
        (b"<html><body>not a feed</body></html>", "not an RSS/Atom feed"),
        (b"<rss version='2.0'><channel><item><title>x</ti", "malformed feed with no usable item link"),
        (b"\x00\x01garbage<<<", "not a readable RSS/Atom feed|not an RSS/Atom feed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><channel>'
            b"<item><link>&b;</link></item></channel></rss>",
            "entity declarations",
        ),
    ],
)
def test_bad_feeds_are_errors_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DiscoverError, match=reason):
        feed_links(data)


def test_truncated_feed_keeps_complete_items_and_says_so() -> None:
    whole = rss([(f"https://t.example.org/{n}", f"T{n}") for n in range(3)])
    cut = whole[: whole.rindex("<item>") + 20].encode()
    found = feed_links(cut)
    assert found.urls[:2] == ["https://t.example.org/0", "https://t.example.org/1"]
    assert any("malformed feed" in p for p in found.problems)


SITEMAP = (
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>https://s.example.org/1</loc><lastmod>2024-03-01</lastmod></url>"
    "<url><loc> https://s.example.org/2 </loc></url><url><loc>ftp://s.example.org/3</loc></url></urlset>"
)


def test_sitemap_urls_plain_and_gzipped() -> None:
    for data in (SITEMAP.encode(), gzip.compress(SITEMAP.encode())):
        found = sitemap_links(data)
        assert found.urls == ["https://s.example.org/1", "https://s.example.org/2"]
        assert len(found.problems) == 1 and "not an http(s) URL" in found.problems[0]


def test_sitemap_index_lists_child_sitemaps() -> None:
    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>https://s.example.org/news.xml</loc></sitemap></sitemapindex>"
    )
    found = sitemap_links(index.encode())
    assert found.sitemaps == ["https://s.example.org/news.xml"] and found.urls == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<urlset><url><loc>x</loc>", "malformed sitemap XML"),
        (b"<rss></rss>", "not a sitemap"),
        (b"\x1f\x8b\x08\x00broken", "broken gzip"),
        (b"   ", "empty sitemap"),
    ],
)
def test_bad_sitemaps(data: bytes, reason: str) -> None:
    with pytest.raises(DiscoverError, match=reason):
        sitemap_links(data)


def test_url_list_skips_comments_and_names_bad_lines() -> None:
    found = url_list("# reading list\nhttps://l.example.org/a\n\nnot a url\n", "list.txt")
    assert found.urls == ["https://l.example.org/a"]
    assert found.problems == ["list.txt:4: not an http(s) URL: 'not a url'"]


def _gkg_row(url: str, kind: str = "1") -> str:
    cols = [""] * 27
    cols[0], cols[2], cols[3], cols[4] = "20240101000000-1", kind, "example.org", url
    return "\t".join(cols)


def _event_row(url: str, width: int = 61) -> str:
    cols = ["x"] * width
    cols[-1] = url
    return "\t".join(cols)


def test_gdelt_gkg_events_and_zip(tmp_path: Path) -> None:
    gkg = tmp_path / "20240101.gkg.csv"
    gkg.write_text(
        "\n".join([_gkg_row("https://g.example.org/1"), _gkg_row("Some Citation", kind="2"), _gkg_row("bad")]) + "\n"
    )
    found = gdelt_links(gkg)
    assert found.urls == ["https://g.example.org/1"] and found.problems == ["line 3: not an http(s) URL: 'bad'"]
    events = tmp_path / "20240101.export.CSV"
    events.write_text("\n".join(_event_row(u) for u in ["https://e.example.org/1"] * 3 + ["https://e.example.org/2"]))
    zipped = tmp_path / "20240101.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(events, events.name)
    for path in (events, zipped):
        assert gdelt_links(path).urls == ["https://e.example.org/1", "https://e.example.org/2"]  # one per URL
    v1 = tmp_path / "v1.csv"
    v1.write_text(_event_row("https://e.example.org/v1", width=58))
    assert gdelt_links(v1).urls == ["https://e.example.org/v1"]


def test_gdelt_wrong_shape_is_an_error(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(DiscoverError, match="not a GDELT GKG 2.1, Events or Mentions file: line 1 has 1"):
        gdelt_links(wrong)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DiscoverError, match="empty GDELT file"):
        gdelt_links(empty)


def test_canonical_urls() -> None:
    assert (
        canonical_url("HTTPS://News.Example.org:443/a/?utm_medium=x&b=2&a=1#c") == "https://news.example.org/a/?a=1&b=2"
    )
    assert canonical_url("../b", "https://n.example.org/x/y") == "https://n.example.org/b"
    for bad in ("mailto:a@b.org", "javascript:alert(1)", "https:///nohost", "https://x.example.org/" + "a" * 2100):
        with pytest.raises(UrlError):
            canonical_url(bad)
    assert host_key("https://A.example.org:443/x") == "https://a.example.org"
    assert host_key("http://a.example.org:8080/x") == "http://a.example.org:8080"


@settings(deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "utm_source", "id", "q"]), max_size=4), st.text("abc/-_.", max_size=12))
def test_canonical_url_is_idempotent(keys: list[str], path: str) -> None:
    url = "https://h.example.org/" + path + ("?" + "&".join(f"{k}=1" for k in keys) if keys else "")
    once = canonical_url(url)
    assert canonical_url(once) == once


def test_page_article_uses_metadata_and_declared_canonical() -> None:
    html = article_page(3, canonical="https://wire.example.org/story-3?utm_source=x").encode()
    art = page_article(html, "https://wire.example.org/amp/3", min_words=20, outlet="Feed Title")
    assert art.url == "https://wire.example.org/story-3" and art.title == "Report 3"
    assert art.outlet == "Example Wire" and art.published is not None and art.source.endswith("/amp/3")
    assert art.author == "Jane Roe"
    assert "Officials said on Tuesday" in art.text and "Home | World" not in art.text


def test_paywalled_and_short_pages_are_failures_not_articles() -> None:
    teaser = (
        b'<html><head><title>Locked</title><script type="application/ld+json">{"@type": "NewsArticle", '
        b'"isAccessibleForFree": false}</script></head><body><article><h1>Locked</h1>'
        b"<p>The first paragraph of a long report about the border crossing is all you can read today.</p>"
        b"<p>Subscribe to continue reading this article and every other story.</p></article></body></html>"
    )
    with pytest.raises(PageError, match="paywalled"):
        page_article(teaser, "https://p.example.org/1", min_words=10)
    with pytest.raises(PageError, match="fewer than 200"):
        page_article(article_page(1).encode(), "https://p.example.org/2", min_words=200)
    with pytest.raises(PageError, match="no article text"):
        page_article(b"<html><body><nav>Home</nav></body></html>", "https://p.example.org/3", min_words=10)


@settings(deadline=None)
@given(st.binary(max_size=400))
def test_feed_and_sitemap_readers_fail_only_with_a_reason(data: bytes) -> None:
    for reader in (feed_links, sitemap_links):
        try:
            found = reader(data)
        except DiscoverError as exc:
            assert str(exc)
        else:
            assert all(u.startswith(("http://", "https://")) for u in found.urls)


@settings(deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30), max_size=30))
def test_gdelt_reader_fails_only_with_a_reason(tmp_path_factory, cells: list[str]) -> None:
    path = tmp_path_factory.mktemp("gdelt") / "x.csv"
    path.write_text("\t".join(cells), encoding="utf-8")
    try:
        found = gdelt_links(path)
    except DiscoverError as exc:
        assert str(exc)
    else:
        assert all(u.startswith(("http://", "https://")) for u in found.urls)
