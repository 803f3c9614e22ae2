"""Web pages: trafilatura finds the main text and the page's title, date, site name and URL.

Boilerplate (menus, "most read", footers) is what trafilatura removes; we only add the checks it
does not make: a page cut off mid-download is refused instead of half-ingested, and a page with
no article text is an error rather than an empty article.
"""

from __future__ import annotations

import re

import trafilatura

from threatgraph.ingest.decode import check_not_binary, decode
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.fields import article_from
from threatgraph.model import Article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Fewer words than this is navigation residue ("Home"), not an article.
MIN_WORDS = 5
_OPEN = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _check_complete(html: str) -> None:
    tail = html[-4096:].lower()
    for tag in {m.group(1).lower() for m in _OPEN.finditer(html[:65536])}:
        if f"</{tag}>" not in tail:
            raise InputError(f"truncated HTML: the page ends before </{tag}>")


def parse_html(html: str, source: str) -> Article:
    """An Article from one saved web page."""
    if not html.strip():
        raise InputError("empty file")
    _check_complete(html)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the HTML page")
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if lines and doc.title and lines[0] == doc.title.strip():
        lines = lines[1:]  # trafilatura repeats the headline as the first paragraph
    words = sum(len(line.split()) for line in lines)
    if words < MIN_WORDS:
        plural = "" if words == 1 else "s"
        raise InputError(f"no article text found in the HTML page (only {words} word{plural} besides the headline)")
    meta = {
        "title": doc.title,
        "author": doc.author,
        "published": doc.date,
        "outlet": doc.sitename,
        "url": doc.url,
        "lang": doc.language,
    }
    return article_from(meta, "\n\n".join(lines), source)


def read_html(data: bytes, source: str) -> Article:
    check_not_binary(data)
    return parse_html(decode(data, fallback=_declared_charset(data)), source)
