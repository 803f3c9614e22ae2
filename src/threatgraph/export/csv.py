"""CSV export: one file per table (entities, aliases, articles, mentions, events, quotes, memberships,
sanctions) in a directory, for spreadsheets and pandas.

Files are UTF-8 with a byte-order mark so spreadsheet programs show Arabic and Persian names
correctly. Because these files hold text written by the people we report on, cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) are
prefixed with an apostrophe (:func:`cell`); everything else round-trips exactly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from threatgraph.export.snapshot import ExportError
from threatgraph.export.source import ExportSource
from threatgraph.export.stats import ExportStats
from threatgraph.extract.events_modality import stated
from threatgraph.extract.plover_map import codes_for
from threatgraph.store.parc import SPAN_COLUMNS

ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TABLES: dict[str, list[str]] = {
    "entities": ["id", "schema", "caption", "aliases", "mention_count", "article_count", "first_seen", "last_seen"],
    "aliases": ["entity_id", "name", "script", "count"],
    "articles": ["id", "title", "outlet", "url", "published", "lang", "source", "ingested_at"],
    "mentions": ["id", "article_id", "entity_id", "start", "end", "text", "label", "canonical", "origin", "sentence"],
    "events": [
        "id",
        "article_id",
        "type",
        "subtype",
        "trigger",
        "source_text",
        "source_entity_id",
        "target_text",
        "target_entity_id",
        "place",
        "date_text",
        "date_start",
        "date_end",
        "date_precision",
        "date_note",
        "negated",
        "hedged",
        "modality",
        "plover_root",
        "plover_mode",
        "cameo",
        "acled_event_type",
        "acled_sub_event_type",
        "sentence",
        "start",
        "end",
    ],
    "quotes": [
        "id",
        "article_id",
        "text",
        "direct",
        "speaker",
        "speaker_entity_id",
        "speaker_title",
        "speaker_affiliation",
        "cue",
        "outlet",
        "sentence",
        "start",
        "end",
        "kind",
        *SPAN_COLUMNS,
    ],
    "memberships": ["member", "organization", "role", "article_ids"],
    "sanctions": ["entity_id", "dataset", "entry_id", "listed_caption", "listed_schema", "score", "status"],
}


def cell(value: Any) -> Any:
    """A CSV cell: ISO dates, and text that cannot run as a spreadsheet formula."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_table(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    """Write one table; returns the row count."""
    n = 0
    with path.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(c)) for c in columns])
            n += 1
    return n


class _Tables:
    """One open writer per table, so a single pass over the source fills every file."""

    def __init__(self, out: Path, stats: ExportStats) -> None:
        self.out = out
        self.stats = stats
        self.handles: dict[str, Any] = {}
        self.writers: dict[str, Any] = {}

    def __enter__(self) -> _Tables:
        for table, columns in TABLES.items():
            path = self.out / f"{table}.csv"
            fh = path.open("w", encoding=ENCODING, newline="")
            self.handles[table] = fh
            self.writers[table] = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
            self.writers[table].writerow(columns)
            self.stats.counts.setdefault(table, 0)
            self.stats.files.append(path)
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in self.handles.values():
            fh.close()

    def row(self, table: str, row: dict[str, Any]) -> None:
        self.writers[table].writerow([cell(row.get(c)) for c in TABLES[table]])
        self.stats.count(table)


def write(source: ExportSource, out: Path, stats: ExportStats) -> None:
    """Stream every table into ``<out>/<table>.csv`` (``out`` is an existing directory) in one pass."""
    with _Tables(out, stats) as t:
        for e in source.entity_stream():
            t.row("entities", e | {"aliases": [a["name"] for a in e["aliases"]]})
            for a in e["aliases"]:
                t.row("aliases", a)
            for s in e.get("sanctions") or []:
                entry = s["entry"] or {}
                t.row("sanctions", s | {"listed_caption": entry.get("caption"), "listed_schema": entry.get("schema")})
        for group in source.article_stream():
            t.row("articles", group.article)
            for m in group.mentions:
                t.row("mentions", m)
            for ev in group.events:
                t.row("events", ev | codes_for(ev["type"], ev["subtype"]) | {"modality": stated(ev)})
            for q in group.quotes:
                t.row("quotes", q)
        for mem in source.memberships():
            t.row("memberships", mem)


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=ENCODING, newline="") as fh:
        return list(csv.DictReader(fh))


def validate_dir(out: Path, stats: ExportStats) -> int:
    """Read every table back: the header must be the expected columns and the row count what was written."""
    total = 0
    for table, columns in TABLES.items():
        path = out / f"{table}.csv"
        try:
            with path.open(encoding=ENCODING, newline="") as fh:
                reader = csv.reader(fh)
                header = next(reader)
                n = sum(1 for _ in reader)
        except (OSError, csv.Error, StopIteration, UnicodeDecodeError) as exc:
            raise ExportError(f"{path}: cannot read back: {exc}") from exc
        if header != columns:
            raise ExportError(f"{path}: header {header} is not {columns}")
        if n != stats.counts.get(table, 0):
            raise ExportError(f"{path}: {n} rows read back, {stats.counts.get(table, 0)} written")
        total += n
    return total
