"""A batch screening as a table an analyst can sort, read at a glance and take away (CSV or XLSX).

One row per screened name: its best candidate, the score and the state — ``possible match`` (at or above
the threshold: needs review), ``below threshold`` (a candidate exists but does not reach it), ``no candidate``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

COLUMNS = ("name", "schema", "state", "score", "best_match", "entry_id", "datasets", "matched_name", "programs")
STATES = ("possible match", "below threshold", "no candidate", "not screened")


def summary_rows(results: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per screened name, from the ``screen_items`` answers."""
    rows = []
    for res in results:
        best = max(res.get("results") or [], key=lambda r: r.get("score") or 0.0, default=None)
        if res.get("error"):  # the matcher refused the name: never counted as a name without candidates
            state = "not screened"
        elif best is None:
            state = "no candidate"
        elif res.get("match"):
            state = "possible match"
        else:
            state = "below threshold"
        why = (best or {}).get("explanation") or {}
        props = (best or {}).get("properties") or {}
        rows.append(
            {
                "name": res.get("name", ""),
                "schema": res.get("schema", ""),
                "state": state,
                "score": round(float(best["score"]), 3) if best else None,
                "best_match": (best or {}).get("caption", ""),
                "entry_id": (best or {}).get("id", ""),
                "datasets": ", ".join((best or {}).get("datasets") or []),
                "matched_name": why.get("matched_name", "") if isinstance(why, dict) else "",
                "programs": ", ".join(props.get("program") or []),
            }
        )
    return rows


def state_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {s: sum(1 for r in rows if r["state"] == s) for s in STATES}


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting with = + - @ gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """An XLSX cell: control characters (which the format cannot hold) shown as U+FFFD, not dropped."""
    value = _safe(value)
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe("" if row.get(k) is None else row[k]) for k in COLUMNS})
    return out.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheet programs read UTF-8 names right


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "screening"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row.get(k)) for k in COLUMNS])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for col, width in zip("ABCDEFGHI", (32, 14, 16, 8, 40, 18, 16, 32, 24), strict=True):
        sheet.column_dimensions[col].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
