"""JSON lines: one article object per line (text, title, url, published, outlet, lang).

Bulk exports can be far larger than memory, so the file is streamed and the size limit applies
per line: a gigantic line is reported (by line number) and skipped without being held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from threatgraph.ingest.decode import check_not_binary, text_encoding
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.fields import article_from
from threatgraph.model import Article


def parse_line(line: bytes | str, source: str) -> Article:
    """An Article from one JSON line; InputError with the reason otherwise."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8: invalid byte 0x{line[exc.start]:02x} at column {exc.start + 1}") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object per line, got {type(obj).__name__}")
    return article_from(obj, None, source)


def _lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; the line is None when it was longer than ``max_bytes``."""
    n = 0
    while True:
        chunk = fh.readline(max_bytes + 1)
        if not chunk:
            return
        n += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest without keeping it
                chunk = fh.readline(1 << 20)
            yield n, None
        else:
            yield n, chunk


def read_jsonl(fh: BinaryIO, source: str, max_bytes: int) -> Iterator[Article | tuple[str, InputError]]:
    """Articles, or (``path:line``, error) pairs for the lines that are not articles."""
    head = fh.read(8192)
    fh.seek(0)
    if not head.strip():
        yield source, InputError("empty file")
        return
    try:
        check_not_binary(head)
    except InputError as exc:
        yield source, exc
        return
    enc = text_encoding(head)
    if enc not in (None, "utf-8-sig"):  # one clear error, not one undecodable line after another
        yield source, InputError(f"JSON lines must be UTF-8; this file is {enc.upper()} (convert it to UTF-8)")
        return
    for n, line in _lines(fh, max_bytes):
        where = f"{source}:{n}"
        if line is None:
            yield where, InputError(f"line is longer than the {max_bytes:,}-byte limit")
            continue
        if not line.strip():
            continue
        try:
            yield parse_line(line, where)
        except InputError as exc:
            yield where, exc
