"""Metadata keys to :class:`~threatgraph.model.Article` fields, shared by front matter and JSON lines.

The accepted key names live in ``fields.yaml`` so a new source's spelling ("headline",
"pubDate") is a one-line data change, not a code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from threatgraph.datafiles import load_yaml
from threatgraph.ingest.dates import parse_published
from threatgraph.ingest.decode import clean_text
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.schemas import FieldsFile
from threatgraph.model import Article

#: Longest metadata value we accept; longer is a sign of a shifted column or an embedded body.
MAX_FIELD_CHARS = 4000


@lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[str, ...]]:
    data = load_yaml(Path(__file__).with_name("fields.yaml"), FieldsFile)
    return {field: tuple(k.lower() for k in keys) for field, keys in data.items()}


def pick(meta: Mapping[str, Any], field: str) -> tuple[str | None, Any]:
    """The (key, value) of the first accepted key for ``field`` present in ``meta``."""
    lowered = {str(k).lower(): k for k in meta}
    for key in aliases()[field]:
        if key in lowered and meta[lowered[key]] is not None:
            return lowered[key], meta[lowered[key]]
    return None, None


def _string(meta: Mapping[str, Any], field: str) -> str | None:
    key, value = pick(meta, field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"field {key!r} must be text, got {type(value).__name__}")
    text = " ".join(str(value).split())
    if len(text) > MAX_FIELD_CHARS:
        raise InputError(f"field {key!r} is {len(text)} characters long (limit {MAX_FIELD_CHARS})")
    return text or None


def _author(meta: Mapping[str, Any]) -> str | None:
    """A byline: text, or the list of names (or of ``{"name": ...}`` objects, as JSON-LD writes them)."""
    key, value = pick(meta, "author")
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        value = ", ".join(str(n).strip() for n in names if isinstance(n, str) and n.strip()) or None
        return _string({key or "author": value}, "author") if value else None
    return _string(meta, "author")


def _primary_language(tag: str | None) -> str:
    """ "en-GB", "EN_us", "en" → "en": the extractor picks its pipeline by primary language only."""
    primary = (tag or "").replace("_", "-").split("-")[0].strip().lower()
    return primary[:16] if primary.isalpha() else "en"


def article_from(meta: Mapping[str, Any], text: str | None, source: str) -> Article:
    """Build an Article from metadata and a body (``text=None`` takes the body from ``meta``)."""
    if text is None:
        key, value = pick(meta, "text")
        if value is None:
            raise InputError(f"no article text (expected one of the keys {', '.join(aliases()['text'])})")
        if not isinstance(value, str):
            raise InputError(f"field {key!r} must be text, got {type(value).__name__}")
        text = value
    body = clean_text(text)
    if not body:
        raise InputError("article text is empty")
    _key, published = pick(meta, "published")
    return Article(
        text=body,
        url=_string(meta, "url"),
        outlet=_string(meta, "outlet"),
        title=_string(meta, "title"),
        author=_author(meta),
        published=parse_published(published),
        lang=_primary_language(_string(meta, "lang")),
        source=source,
    )
