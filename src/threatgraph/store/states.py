"""Sanctions-link states, and which of them read as "sanctioned".

A link between a news actor and a list entry is a judgement (:mod:`threatgraph.resolve.judge`):

- ``confirmed`` / ``rejected`` — an analyst's; always wins, never overwritten by a re-screen;
- ``probable`` — automatic and corroborated by more than the name;
- ``possible`` — a name match only: shown for review, never as sanctioned.

Every reader (CLI, API, web, exports, benchmarks) asks :func:`reads_sanctioned` (or filters on
:data:`SANCTIONED_STATES` in SQL) instead of comparing status strings, so the rule lives here.
"""

from __future__ import annotations

ANALYST_STATES = ("confirmed", "rejected")
AUTOMATIC_STATES = ("probable", "possible")
STATES = (*ANALYST_STATES, *AUTOMATIC_STATES)
#: Link states shown as sanctioned anywhere.
SANCTIONED_STATES = ("confirmed", "probable")
#: Link states an analyst should look at.
REVIEW_STATES = ("possible",)


def reads_sanctioned(status: str) -> bool:
    """True when a link in this state may be shown as "sanctioned"."""
    return status in SANCTIONED_STATES
