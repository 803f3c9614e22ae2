"""Finding article URLs in a source document: feeds, sitemaps, URL lists and GDELT files.

Each reader takes the bytes (fetched, or read from a local file) and returns :class:`Found`
links plus the problems met on the way; a malformed document is a :class:`DiscoverError` with
the reason, never a partial guess. XML goes through defusedxml first (entity bombs and external
entities are refused), as in the ingest feed reader.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from threatgraph.collect.urls import UrlError, canonical_url
from threatgraph.ingest import InputError
from threatgraph.ingest.feed import check_safe_xml

#: A sitemap holds at most 50,000 URLs (sitemaps.org); an index at most 50,000 sitemaps.
SITEMAP_MAX_URLS = 50_000
#: Decompressed size cap for gzipped sitemaps and zipped GDELT files (zip/gzip bombs stop here).
MAX_UNPACKED = 200_000_000


class DiscoverError(ValueError):
    """A source document that cannot be read as what its source says it is."""


@dataclass(slots=True)
class Found:
    """What one source document yields: article links, nested sitemaps, and per-entry problems."""

    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    outlet: str | None = None

    def add(self, raw: str | None, base: str | None = None, where: str = "") -> None:
        if not raw or not raw.strip():
            self.problems.append(f"{where}: no link".strip(": "))
            return
        try:
            self.urls.append(canonical_url(raw.strip(), base))
        except UrlError as exc:
            self.problems.append(f"{where}: {exc}".strip(": "))


def feed_links(data: bytes, base: str | None = None) -> Found:
    """Item links of an RSS/Atom feed, in feed order."""
    if not data.strip():
        raise DiscoverError("empty feed")
    try:
        check_safe_xml(data)
    except InputError as exc:
        raise DiscoverError(str(exc)) from None
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise DiscoverError(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        if not parsed.get("version"):
            raise DiscoverError("not an RSS/Atom feed")
        return Found(outlet=parsed.feed.get("title"))
    found = Found(outlet=parsed.feed.get("title"))
    if parsed.get("bozo") and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType
    ):
        found.problems.append(f"malformed feed, read {len(parsed.entries)} items up to: {parsed.bozo_exception}")
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        if not link:  # Atom may carry only <link rel="alternate" href=...> inside links
            link = next((lk.get("href") for lk in entry.get("links") or [] if lk.get("href")), None)
        found.add(link, base, f"item {n}")
    if not found.urls and parsed.get("bozo"):
        raise DiscoverError(f"malformed feed with no usable item link: {parsed.get('bozo_exception')}")
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(MAX_UNPACKED + 1)
    if len(out) > MAX_UNPACKED:
        raise DiscoverError(f"gzipped sitemap unpacks to over {MAX_UNPACKED:,} bytes")
    return out


def sitemap_links(data: bytes, base: str | None = None) -> Found:
    """``<urlset>`` page links or ``<sitemapindex>`` child sitemaps (gzipped sitemaps are unpacked)."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data)
        except (OSError, EOFError) as exc:
            raise DiscoverError(f"broken gzip data: {exc}") from None
    if not data.strip():
        raise DiscoverError("empty sitemap")
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise DiscoverError(f"XML with entity declarations or external references is refused ({exc})") from None
    except SafeET.ParseError as exc:
        raise DiscoverError(f"malformed sitemap XML: {exc}") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise DiscoverError(f"not a sitemap: the root element is <{kind}>, not <urlset> or <sitemapindex>")
    found = Found()
    child = "url" if kind == "urlset" else "sitemap"
    for n, el in enumerate((e for e in root if _local(e.tag) == child), 1):
        if n > SITEMAP_MAX_URLS:
            found.problems.append(f"more than {SITEMAP_MAX_URLS:,} entries; the rest are ignored")
            break
        loc = next((c.text for c in el if _local(c.tag) == "loc"), None)
        if kind == "urlset":
            found.add(loc, base, f"entry {n}")
        elif loc and loc.strip():
            try:
                found.sitemaps.append(canonical_url(loc.strip(), base))
            except UrlError as exc:
                found.problems.append(f"sitemap {n}: {exc}")
    return found


def url_list(text: str, where: str = "") -> Found:
    """One URL per line; blank lines and ``#`` comments skipped."""
    found = Found()
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            found.add(line, None, f"{where}:{n}" if where else f"line {n}")
    return found


def _unzip(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise DiscoverError(f"expected one file in the zip archive, found {len(members)}")
            if members[0].file_size > MAX_UNPACKED:
                raise DiscoverError(f"zipped file unpacks to {members[0].file_size:,} bytes (limit {MAX_UNPACKED:,})")
            with zf.open(members[0]) as fh:
                return fh.read(MAX_UNPACKED + 1)
    except zipfile.BadZipFile as exc:
        raise DiscoverError(f"broken zip archive: {exc}") from None


#: Column of the article URL by number of columns, for the GDELT 2.x tab-separated tables:
#: GKG 2.1 (27 columns: DocumentIdentifier), Events 2.0 (61: SOURCEURL), Events 1.0 (58: SOURCEURL),
#: Mentions 2.0 (16: MentionIdentifier).
GDELT_URL_COLUMN = {27: 4, 61: 60, 58: 57, 16: 5}
#: Column telling the identifier's kind, where the table has one (1 = a web URL).
GDELT_KIND_COLUMN = {27: 2, 16: 3}


def _gdelt_rows(text: str) -> Iterator[list[str]]:
    csv.field_size_limit(10_000_000)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        yield from reader
    except csv.Error as exc:
        raise DiscoverError(f"line {reader.line_num}: not tab-separated GDELT data ({exc})") from None


def gdelt_links(path: Path) -> Found:
    """Article URLs of a downloaded GDELT GKG, Events or Mentions file (plain or zipped, tab-separated)."""
    try:
        data = _unzip(path) if zipfile.is_zipfile(path) else path.read_bytes()
    except OSError as exc:
        raise DiscoverError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_UNPACKED:
        raise DiscoverError(f"file is over {MAX_UNPACKED:,} bytes")
    text = data.decode("utf-8", errors="replace")
    found = Found()
    width: int | None = None
    for n, row in enumerate(_gdelt_rows(text), 1):
        if not row or row == [""]:
            continue
        if width is None:
            width = len(row)
            if width not in GDELT_URL_COLUMN:
                raise DiscoverError(
                    f"not a GDELT GKG 2.1, Events or Mentions file: line 1 has {width} tab-separated columns "
                    f"(expected one of {', '.join(str(w) for w in sorted(GDELT_URL_COLUMN))})"
                )
        if len(row) != width:
            found.problems.append(f"line {n}: {len(row)} columns, expected {width}")
            continue
        kind_col = GDELT_KIND_COLUMN.get(width)
        if kind_col is not None and row[kind_col].strip() not in ("1", ""):
            continue  # not a web document (e.g. a citation-only or broadcast identifier)
        found.add(row[GDELT_URL_COLUMN[width]], None, f"line {n}")
    if width is None:
        raise DiscoverError("empty GDELT file")
    seen: set[str] = set()
    found.urls = [u for u in found.urls if not (u in seen or seen.add(u))]  # Events repeat URLs per event
    return found
