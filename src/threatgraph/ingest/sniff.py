"""Which reader an input needs: content signatures first, then the extension, then plain text.

The format table is data (``formats.yaml``). Markup is recognised by content because saved
pages and feeds are often misnamed; JSON lines only by extension or a leading ``{`` in a file
with an unknown extension, because a news story never starts with a brace but may contain one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from threatgraph.datafiles import load_yaml
from threatgraph.ingest.decode import text_encoding
from threatgraph.ingest.schemas import FormatsFile

FORMATS = ("text", "html", "jsonl", "feed")

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(
    rb"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL
)


@lru_cache(maxsize=1)
def extensions() -> dict[str, str]:
    """Lower-case extension → format name."""
    data = load_yaml(Path(__file__).with_name("formats.yaml"), FormatsFile)
    return {ext.lower(): fmt for fmt, exts in data["extensions"].items() for ext in exts}


def _ascii_head(head: bytes) -> bytes:
    enc = text_encoding(head)
    if enc and enc != "utf-8-sig":
        try:
            return head.decode(enc, errors="ignore").encode("ascii", errors="ignore")
        except LookupError:  # pragma: no cover - codecs above always exist
            return head
    return head.removeprefix(b"\xef\xbb\xbf")


def sniff(path: Path, head: bytes) -> str:
    """The format name for a file given its first few KB."""
    lead = _ascii_head(head[:8192])
    stripped = lead.lstrip()
    if stripped.startswith(b"<"):
        if _HTML.match(lead):
            return "html"
        if _FEED.search(lead):
            return "feed"
    by_ext = extensions().get(path.suffix.lower())
    if by_ext:
        return by_ext
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"


def is_candidate(path: Path) -> bool:
    """Whether a file found while walking a directory is one we read (known extension, not hidden)."""
    # ``*.gold.json`` are evaluation annotations next to the samples, not articles.
    name = path.name
    return path.suffix.lower() in extensions() and not name.startswith(".") and not name.endswith(".gold.json")
