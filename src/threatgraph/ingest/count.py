"""A quick estimate of how many items a batch holds, so progress bars can show a total and an ETA.

Counting is a byte scan (newlines in JSON lines, ``<item``/``<entry`` tags in feeds), far cheaper
than parsing; the estimate can be off by the odd blank line or malformed item, never by much.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from threatgraph.ingest.paths import iter_files
from threatgraph.ingest.sniff import sniff

_FEED_ITEM = re.compile(rb"<(?:item|entry)[\s>]", re.IGNORECASE)
_CHUNK = 1 << 20


def _count_file(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
            fmt = sniff(path, head)
            if fmt not in ("jsonl", "feed"):
                return 1
            fh.seek(0)
            count, tail = 0, b""
            while chunk := fh.read(_CHUNK):
                if fmt == "jsonl":
                    count += chunk.count(b"\n")
                    tail = chunk[-1:]
                else:  # tags in the carried-over overlap were counted with the previous chunk
                    block = tail + chunk
                    count += len(_FEED_ITEM.findall(block)) - len(_FEED_ITEM.findall(tail))
                    tail = block[-16:]
            if fmt == "jsonl" and tail and tail != b"\n":
                count += 1  # a last line without a newline
            return max(count, 1)
    except OSError:
        return 1


def estimate_items(paths: Iterable[str | os.PathLike[str]]) -> int:
    """Roughly how many articles (or failures) ``read_paths(paths)`` will yield."""
    given = list(paths)
    files = [p for p in given if str(p) != "-"]
    stdin = len(given) - len(files)  # stdin cannot be read twice: it counts as one item
    return stdin + sum(1 if not isinstance(item, Path) else _count_file(item) for item in iter_files(files))
