"""Which sanctions-link states read as "sanctioned".

Every reader (CLI, API, web, exports, benchmarks) asks :func:`reads_sanctioned` instead of
comparing status strings, so the rule lives in one place.
"""

from __future__ import annotations

#: Link states that are shown as sanctioned. Until judgements get states, every link that an
#: analyst has not rejected reads as sanctioned.
SANCTIONED_STATES = frozenset({"auto", "confirmed"})


def reads_sanctioned(status: str) -> bool:
    """True when a link in this state may be shown as "sanctioned"."""
    return status in SANCTIONED_STATES
