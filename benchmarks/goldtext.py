"""How every benchmark folds gold and system text before comparing them: one rule for every score."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def norm(text: str | None) -> str:
    """Casefolded words without a leading article or possessive: "The group’s" -> "group"."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = " ".join(re.findall(r"\w+", s))
    return re.sub(r"^(the|a|an) ", "", s)


def trim_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """The span without the ``chars`` (quotation marks, spaces, punctuation) at either end: each corpus marks
    its spans with or without them, so both sides are trimmed alike before spans are compared."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


@dataclass(slots=True)
class PRF:
    """Counts behind precision, recall and F1 (fractional counts allowed, for partial credit)."""

    tp: float = 0
    sys: float = 0
    gold: float = 0

    def add(self, other: PRF) -> None:
        self.tp, self.sys, self.gold = self.tp + other.tp, self.sys + other.sys, self.gold + other.gold

    @property
    def p(self) -> float:
        return self.tp / self.sys if self.sys else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def line(self) -> str:
        counts = f"(tp {self.tp:g}, system {self.sys:g}, gold {self.gold:g})"
        return f"P {self.p:.3f} R {self.r:.3f} F1 {self.f1:.3f} {counts}"
