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
#: libxml2 (under lxml, under trafilatura) stops building the tree about 255 elements deep and the
#: text below is lost without an error; pages nested deeper are flattened first (see _flatten).
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
#: Elements that never hold children or that the parser closes implicitly: they do not nest.
_FLAT = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
    }
)
#: Layout and inline-style containers that carry no text of their own: removing their tags keeps every word.
_CONTAINERS = re.compile(
    r"</?(?:div|span|section|article|main|aside|header|footer|nav|font|center|figure|table|tbody|thead|tfoot"
    r"|b|i|em|strong|u|small|big)\b[^>]*>",
    re.IGNORECASE,
)


def nesting_depth(html: str) -> int:
    """How deep the elements of ``html`` nest (void and implicitly closed elements not counted)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _FLAT:
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _flatten(html: str) -> str:
    """The page with its layout containers unwrapped when it nests deeper than the parser follows."""
    if nesting_depth(html) <= MAX_DEPTH:
        return html
    flat = _CONTAINERS.sub(" ", html)
    depth = nesting_depth(flat)
    if depth > MAX_DEPTH:
        raise InputError(f"HTML nested {depth} elements deep even without layout containers (at most {MAX_DEPTH})")
    return flat


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
    html = _flatten(html)
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
