"""Strict reading of a CSV of names to screen: one parser for the CLI and the API.

A compliance batch must never be screened wrong without saying so. A lenient CSV reader turns one
unbalanced quote into a single "name" that swallows every following row, so the sanctioned names
below it are screened as part of one long string and come back "no match". So every structural
doubt refuses the whole file, naming the line: a quoted field that runs over several lines (names
never do), a quote in the middle of a field, more fields than the header has (an unquoted comma
inside a name), a row without a name, a NUL byte, text that is not UTF-8, a name longer than any
real name. Blank lines are skipped; nothing else is.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from threatgraph.screen.query import MAX_NAME_CHARS

#: Header names taken as the name column, in order of preference.
NAME_COLUMNS = ("name", "full_name", "fullname", "entity", "query")


class NamesCsvError(ValueError):
    """The file is not a CSV of names that can be screened faithfully; the message names file and line."""


@dataclass(slots=True)
class NameRow:
    """One data row: its physical line, its name, its cells as read and by (case-folded) column."""

    line: int
    name: str
    record: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass(slots=True)
class NamesCsv:
    """A parsed file: the header as written (empty when there is none) and the rows with a name."""

    fields: list[str]
    rows: list[NameRow]


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped); otherwise an error with the line and byte of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise NamesCsvError(f"{source} line {line}: not UTF-8 text (byte {exc.start})") from exc


def _check_name(name: str, source: str, line: int) -> None:
    if len(name) > MAX_NAME_CHARS:
        raise NamesCsvError(f"{source} line {line}: name of {len(name)} characters (at most {MAX_NAME_CHARS})")


def parse(text: str, source: str, *, header: bool | None = None) -> NamesCsv:
    """Rows of a CSV of names.

    ``header=True`` requires a header with a name column (one of :data:`NAME_COLUMNS`);
    ``header=None`` takes the first row as a header only if it has one, else every row's first
    column is the name. Raises :class:`NamesCsvError` naming ``source`` and the line.
    """
    nul = text.find("\x00")
    if nul >= 0:
        raise NamesCsvError(f"{source} line {text.count(chr(10), 0, nul) + 1}: NUL byte (binary data, not CSV text)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for record in reader:
            first, last = last + 1, reader.line_num
            if last > first:
                raise NamesCsvError(
                    f"{source} line {first}: a quoted field runs on to line {last} (an unbalanced quote?); "
                    "nothing was screened"
                )
            if any(cell.strip() for cell in record):
                records.append((first, record))
    except csv.Error as exc:  # named by the line its record began on: where the stray quote is
        raise NamesCsvError(
            f"{source} line {last + 1}: broken CSV ({exc}; an unbalanced quote?); nothing was screened"
        ) from exc
    if not records:
        raise NamesCsvError(f"{source}: empty file (no rows), expected a name per line")
    head_line, head = records[0]
    columns = [c.strip().casefold() for c in head]
    name_col = next((columns.index(c) for c in NAME_COLUMNS if c in columns), None)
    if name_col is None and header:
        raise NamesCsvError(
            f"{source} line {head_line}: no name column in the header (expected one of {', '.join(NAME_COLUMNS)})"
        )
    if name_col is None:  # no header: the first column holds the names
        columns, data, name_col, fields = [], records, 0, []
    else:
        data, fields = records[1:], list(head)
    width = len(columns) or len(records[0][1])
    rows = []
    for line, record in data:
        if len(record) > width:
            raise NamesCsvError(
                f"{source} line {line}: {len(record)} fields where the {'header has' if columns else 'first row has'} "
                f"{width} (a comma inside an unquoted name?); nothing was screened"
            )
        name = record[name_col].strip() if len(record) > name_col else ""
        if not name:
            raise NamesCsvError(f"{source} line {line}: no name in this row; nothing was screened")
        _check_name(name, source, line)
        cells = {c: record[i] for i, c in enumerate(columns) if i < len(record)}
        rows.append(NameRow(line, name, record, cells))
    if not rows:
        raise NamesCsvError(f"{source}: no names found")
    return NamesCsv(fields, rows)
