"""A body's name with its territorial qualifier: "<Name> of <Territory> [and <Territory>]".

Many bodies carry the land they claim or serve in their full name and drop it in running text: the
group whose full name is "<Name> of Iraq and Syria" is "<Name>" in most reporting. The qualifier is
recognised by what it names, not by a list of group names: every part of the tail after the last
"of" is a country or territory (rigour's territory table) or a region of the vocabulary's ``places``.

Only "of" introduces such a qualifier. A branch is named with "in" or a dash ("<Name> in Somalia",
"<Name> - Caucasus Province"), and those stay other bodies. A name that says what kind of body it is
("Central Bank", "Ministry of Defense", "Popular Front": the vocabulary's ``institutions`` and kind
words) is not a name of its own without its country: every country has one. Even a proper name may
belong to another country's body, so alignment scores the qualifier dropped below the match
threshold (it merges only with shared context); a list naming the body decides it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.territories import lookup_territory

from threatgraph.names.vocabulary import fold, vocabulary

_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)
_BRANCH = re.compile(r"\s[-–—]\s|\bin\b|\bprovince\b|\bwilayat?\b|\bbranch\b", re.IGNORECASE)


def _territory(part: str) -> bool:
    words = part.strip().split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not words:
        return False
    name = " ".join(words)
    folded = fold(name)
    places = vocabulary().place_of
    if folded in places or folded.removeprefix("al ") in places:
        return True
    return lookup_territory(name) is not None


@lru_cache(maxsize=65536)
def territory_head(text: str) -> str | None:
    """The name without its territorial qualifier ("<Name> of Iraq and Syria" -> "<Name>"), or None
    when the name has no such qualifier (no "of", a non-territory after it, or a branch's "in")."""
    parts = _OF.split(text.strip())
    if len(parts) < 2 or not parts[0].strip() or _BRANCH.search(text):
        return None
    head, tail = " of ".join(parts[:-1]), parts[-1]
    pieces = [p for p in _JOIN.split(tail) if p.strip()]
    if not pieces or not all(_territory(p) for p in pieces) or _institutional(head):
        return None
    return head.strip()


def _institutional(head: str) -> bool:
    """The head says what kind of body it is ("Central Bank", "Popular Front", "Supreme Council"): every
    country has one, so without its territory it is nobody's name in particular."""
    voc = vocabulary()
    words = fold(head).split()
    return any(w in voc.institutions or w in voc.generic_words or w in voc.heads for w in words)
