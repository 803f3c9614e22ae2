"""ingest: files, pages, JSON lines and feeds to :class:`~threatgraph.model.Article` records.

One reader module per format (``text``, ``html``, ``jsonl``, ``feed``), a format sniffer
(``sniff``) and the walker (``paths``) that names every bad input in an
:class:`~threatgraph.model.IngestFailure` and carries on.
"""

from __future__ import annotations

from threatgraph.ingest.count import estimate_items
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.paths import (
    DEFAULT_MAX_BYTES,
    iter_files,
    partition,
    read_bytes,
    read_file,
    read_paths,
    read_stdin,
)
from threatgraph.model import Article, IngestFailure

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "IngestFailure",
    "InputError",
    "estimate_items",
    "iter_files",
    "partition",
    "read_bytes",
    "read_file",
    "read_paths",
    "read_stdin",
]
