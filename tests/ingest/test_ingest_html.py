"""HTML reader: trafilatura's main text and metadata; truncated pages and pages without text fail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from threatgraph.ingest import partition, read_paths
from threatgraph.ingest.samples import samples_dir

PARAS = [
    "Police in Herat arrested a money changer on Thursday on suspicion of moving funds to the Fajr Brigade.",
    "The man, Abdul Wahid Karimi, had run a currency stall near the central bazaar since 2015, police said.",
    '"We followed the money for eight months," a police spokesman told reporters at a news conference.',
]


def page(body: str, head: str = "<title>Herat arrest | Border Post</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def article_html() -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return page(
        f"<nav><a href='/'>Home</a></nav><article><h1>Herat arrest</h1>{paras}</article><footer>© 2023</footer>",
        head="<meta charset='utf-8'><title>Herat arrest</title>"
        "<meta property='og:site_name' content='Border Post'>"
        "<meta property='article:published_time' content='2023-05-19T10:00:00Z'>"
        "<link rel='canonical' href='https://borderpost.example/herat'>",
    )


def test_bundled_html_sample() -> None:
    [art] = list(read_paths([samples_dir() / "quetta-recruiters.html"]))
    assert art.title == "Quetta police detain recruiters for Liwa al-Fajr"
    assert art.outlet == "Highland Courier"
    assert art.published == date(2022, 11, 28)
    assert art.url == "https://highlandcourier.example/2022/11/quetta-recruiters"
    assert art.text.startswith("Police in Quetta said on Monday")
    assert "Most read" not in art.text and "All rights reserved" not in art.text


def test_main_text_metadata_and_paragraphs(write) -> None:
    [art] = list(read_paths([write("herat.html", article_html())]))
    assert art.text.split("\n\n") == PARAS
    assert (art.title, art.outlet, art.published) == ("Herat arrest", "Border Post", date(2023, 5, 19))
    assert art.url == "https://borderpost.example/herat"
    assert "Home" not in art.text


def test_html_named_txt_is_still_html(write) -> None:
    [art] = list(read_paths([write("saved.txt", article_html())]))
    assert art.title == "Herat arrest" and "<p>" not in art.text


def test_truncated_html_fails(write) -> None:
    html = article_html()
    path = write("cut.html", html[: len(html) // 2])
    [fail] = list(read_paths([path]))
    assert fail.source == str(path) and "truncated HTML" in fail.reason


def test_html_without_text_fails(write) -> None:
    [fail] = list(read_paths([write("empty.html", page("<nav><a href='/'>Home</a></nav>"))]))
    assert "no article text" in fail.reason


def test_declared_charset_is_honoured(write) -> None:
    html = article_html().replace("charset='utf-8'", "charset='windows-1252'").replace("Karimi", "Karimí")
    [art] = list(read_paths([write("cp.html", html.encode("cp1252"))]))
    assert "Karimí" in art.text


def test_undeclared_non_utf8_html_fails(write) -> None:
    html = article_html().replace("<meta charset='utf-8'>", "").replace("Karimi", "Karimí")
    [fail] = list(read_paths([write("cp.html", html.encode("latin-1"))]))
    assert "cannot decode" in fail.reason


def test_shared_reference_article_reads_with_outlet(shared_data: Path) -> None:
    arts, fails = partition(read_paths([shared_data / "articles"]))
    assert not fails
    zain = next(a for a in arts if a.source and a.source.endswith("arabnews-zainabiyoun.txt"))
    assert zain.outlet == "arabnews"
    assert zain.text.startswith("The Zainabiyoun Brigade")
    assert "Source »" not in zain.text
