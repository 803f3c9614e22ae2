"""Publication dates from whatever a source carries: ISO strings, RFC 822 feed dates, "3 Sept 2022".

The publication date anchors every relative date the extractor resolves ("last year", "in late
July"), so a value we cannot read is an error, never a silent ``None``; an absent value is fine.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from threatgraph.ingest.errors import InputError

#: Dates outside this window are almost always parse slips (epoch 0, year 20222, "0001-01-01").
EARLIEST = date(1900, 1, 1)


def _plausible(value: date, raw: object) -> date:
    latest = date(datetime.now(UTC).year + 1, 12, 31)
    if not EARLIEST <= value <= latest:
        raise InputError(f"implausible publication date {raw!r} (outside {EARLIEST.year}..{latest.year})")
    return value


def parse_published(value: object) -> date | None:
    """A ``date`` for ``value`` or None when empty; InputError when present but unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    if isinstance(value, time.struct_time):
        return _plausible(date(value.tm_year, value.tm_mon, value.tm_mday), time.strftime("%Y-%m-%d", value))
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"publication date must be text, got {type(value).__name__}")
    raw = str(value).strip()
    if len(raw) > 64:
        raise InputError(f"unreadable publication date {raw[:40]!r}… (too long)")
    try:
        return _plausible(datetime.fromisoformat(raw.replace("Z", "+00:00")).date(), raw)
    except ValueError:
        pass
    import dateparser  # slow to import; only needed for non-ISO dates

    try:
        parsed = dateparser.parse(
            raw, languages=["en"], settings={"REQUIRE_PARTS": ["month", "year"], "PREFER_DAY_OF_MONTH": "first"}
        )
    except Exception:  # noqa: BLE001 - dateparser raises many types on odd input
        parsed = None
    if parsed is None:
        raise InputError(f"unreadable publication date {raw!r}")
    return _plausible(parsed.date(), raw)
