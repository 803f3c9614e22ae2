"""Plain-text articles: optional front matter on top, optional "Source » outlet" line at the end.

Front matter is the block between a first line ``---`` and the next ``---`` (or ``...``) line,
read as YAML; loosely written ``key: value`` blocks that are not valid YAML (``title: Iran: a
proxy war``) are read line by line rather than refused, because that is how scrapers write
them. Copy-pasted news often ends with "Source » Arab News"; that line names the outlet and is
not part of the story.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from threatgraph.ingest.decode import check_not_binary, clean_text, decode
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.fields import article_from, pick
from threatgraph.model import Article

_FENCE = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)
_LOOSE_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]?(.*)$")
_SOURCE_LINE = re.compile(r"\n[ \t]*Source[ \t]*(?:»|>>)[ \t]*(\S[^\n]*?)[ \t]*\Z", re.IGNORECASE)
_OUTLET_MAX = 120


def _loose(block: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for n, line in enumerate(block.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LOOSE_LINE.match(line)
        if not m:
            raise InputError(f"front matter line {n} is not 'key: value': {line[:60]!r}")
        meta[m.group(1)] = m.group(2).strip().strip("\"'")
    return meta


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body); metadata is empty when the text has no front matter."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.startswith("---"):
        return {}, text
    m = _FENCE.match(text)
    if not m:
        if re.match(r"\A---[ \t]*\n", text):
            raise InputError("front matter opened with '---' but never closed")
        return {}, text
    block = m.group(1)
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError:
        meta = _loose(block)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f"front matter must be 'key: value' lines, got a YAML {type(meta).__name__}")
    return meta, text[m.end() :]


def split_source_line(body: str) -> tuple[str, str | None]:
    """(body without a trailing "Source » outlet" line, outlet or None)."""
    stripped = body.rstrip()
    m = _SOURCE_LINE.search(stripped)
    if not m or len(m.group(1)) > _OUTLET_MAX:
        return body, None
    return stripped[: m.start()], m.group(1).strip()


def parse_text(text: str, source: str) -> Article:
    """An Article from the text of a plain-text file; InputError when it cannot be one."""
    meta, body = split_front_matter(text)
    body, outlet = split_source_line(body)
    if outlet and pick(meta, "outlet")[1] is None:
        meta = {**meta, "outlet": outlet}
    if not clean_text(body):
        raise InputError("empty file" if not meta else "front matter but no article text")
    return article_from(meta, body, source)


def read_text(data: bytes, source: str) -> Article:
    check_not_binary(data)
    return parse_text(decode(data), source)
