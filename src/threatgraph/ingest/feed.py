"""RSS and Atom feeds (feedparser): one article per item that carries content or a summary.

Feed items carry HTML fragments; we keep their paragraph breaks as blank lines so sentence
splitting downstream sees the same shape as a plain-text article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import defusedxml.ElementTree
import feedparser
import lxml.html
from defusedxml import DefusedXmlException

from threatgraph.ingest.decode import check_not_binary
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.fields import article_from
from threatgraph.model import Article

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
#: feedparser complaints that do not mean lost items (it decoded or parsed the feed anyway).
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_MARKUP = re.compile(r"<[a-zA-Z/!]")


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment with one blank line between block elements."""
    if not _MARKUP.search(fragment):
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on garbage
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    paras = [" ".join(p.split()) for p in root.text_content().split("\n\n")]
    return "\n\n".join(p for p in paras if p)


def _item_body(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value
    return entry.get("summary") or entry.get("description")


def _item_date(entry: Any) -> Any:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return parsed
        raw = entry.get(key)
        if raw:
            return raw  # feedparser could not read it; parse_published tries harder or reports it
    return None


def check_safe_xml(data: bytes) -> None:
    """Refuse entity declarations (billion laughs) and external entities before feedparser sees them.

    Well-formedness is not required here: feedparser's loose mode still recovers the complete
    items of a truncated feed, and that is reported separately.
    """
    try:
        defusedxml.ElementTree.fromstring(data)
    except DefusedXmlException as exc:
        raise InputError(f"XML with entity declarations or external references is refused ({exc})") from None
    except Exception:  # noqa: BLE001 - malformed XML: left to feedparser's recovery
        return


def read_feed(data: bytes, source: str) -> Iterator[Article | tuple[str, InputError]]:
    """Articles, or (``path#n``, error) pairs; a file that is not a feed is one error for ``source``."""
    if not data.strip():
        yield source, InputError("empty file")
        return
    try:
        check_not_binary(data)
        check_safe_xml(data)
    except InputError as exc:
        yield source, exc
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            yield source, InputError(f"not a readable RSS/Atom feed: {exc}")
        elif not parsed.get("version"):
            yield source, InputError("not an RSS/Atom feed")
        else:
            yield source, InputError("feed has no items")
        return
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _HARMLESS):
        yield source, InputError(f"malformed feed, read {len(parsed.entries)} items up to: {parsed.bozo_exception}")
    outlet = parsed.feed.get("title")
    lang = (parsed.feed.get("language") or "en").split("-")[0]
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{n}"
        try:
            body = _item_body(entry)
            if not body:
                raise InputError("item has neither content nor summary")
            meta = {
                "title": entry.get("title"),
                "author": entry.get("author"),
                "url": entry.get("link"),
                "outlet": outlet,
                "published": _item_date(entry),
                "lang": lang,
            }
            yield article_from(meta, html_fragment_text(body), where)
        except InputError as exc:
            title = entry.get("title")
            yield where, InputError(f"{exc}" + (f" (item {title[:60]!r})" if title else ""))
