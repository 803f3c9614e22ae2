"""How every benchmark folds gold and system text before comparing them: one rule for every score."""

from __future__ import annotations

import re
import unicodedata


def norm(text: str | None) -> str:
    """Casefolded words without a leading article or possessive: "The group’s" -> "group"."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = " ".join(re.findall(r"\w+", s))
    return re.sub(r"^(the|a|an) ", "", s)
