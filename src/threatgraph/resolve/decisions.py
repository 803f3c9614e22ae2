"""User merge/split judgements: stored by name key, not entity id, so they survive re-resolution.

A decision says "these two names are (merge) or are not (split) the same actor". Keys are
``"<family>:<norm>"`` (see :func:`threatgraph.names.forms.decision_key`), so when ``rebuild``
throws every entity away and clusters again, the same judgement still applies to whichever
entities end up carrying those names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, delete, insert, or_, select

from threatgraph.store.schema import resolve_decisions


@dataclass(slots=True)
class Decisions:
    """All stored judgements, indexed for the resolver's per-group checks."""

    merge: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    split: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, left: str, right: str, judgement: str) -> None:
        # A later judgement on the same pair overrides an earlier one.
        other = self.split if judgement == "merge" else self.merge
        other[left].discard(right)
        other[right].discard(left)
        table = self.merge if judgement == "merge" else self.split
        table[left].add(right)
        table[right].add(left)

    def forbids(self, keys_a: set[str], keys_b: set[str]) -> bool:
        """True when a split decision separates any name of one side from any name of the other."""
        if not self.split:
            return False
        small, big = (keys_a, keys_b) if len(keys_a) <= len(keys_b) else (keys_b, keys_a)
        return any(not self.split.get(k, set()).isdisjoint(big) for k in small)

    def merge_partners(self, keys: set[str]) -> set[str]:
        out: set[str] = set()
        for k in keys:
            out |= self.merge.get(k, set())
        return out - keys


def load_decisions(conn: Connection) -> Decisions:
    """Read every decision, oldest first, so the newest judgement on a pair wins."""
    out = Decisions()
    rows = conn.execute(
        select(resolve_decisions.c.left_key, resolve_decisions.c.right_key, resolve_decisions.c.judgement).order_by(
            resolve_decisions.c.id
        )
    )
    for left, right, judgement in rows:
        out.add(left, right, judgement)
    return out


def retract(conn: Connection, left: set[str], right: set[str], judgement: str) -> None:
    """Delete stored judgements of one kind between two sets of keys (a newer, opposite one replaces them)."""
    if not left or not right:
        return
    lk, rk = sorted(left), sorted(right)
    conn.execute(
        delete(resolve_decisions).where(
            resolve_decisions.c.judgement == judgement,
            or_(
                and_(resolve_decisions.c.left_key.in_(lk), resolve_decisions.c.right_key.in_(rk)),
                and_(resolve_decisions.c.left_key.in_(rk), resolve_decisions.c.right_key.in_(lk)),
            ),
        )
    )


def record(conn: Connection, pairs: list[tuple[str, str]], judgement: str, note: str | None = None) -> int:
    """Store judgements for name-key pairs; returns how many were written."""
    if judgement not in ("merge", "split"):
        raise ValueError(f"judgement must be 'merge' or 'split', not {judgement!r}")
    rows = [
        {"left_key": a, "right_key": b, "judgement": judgement, "note": note, "created_at": datetime.now(UTC)}
        for a, b in pairs
        if a != b
    ]
    if rows:
        conn.execute(insert(resolve_decisions), rows)
    return len(rows)
