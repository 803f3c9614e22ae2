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


#: Words of a state's official name that are no part of a name: linking words.
_LINKING = frozenset({"of", "the", "and"})


@lru_cache(maxsize=65536)
def official_words(token: str) -> frozenset[str]:
    """The words a country's official long name adds to its common one, for a word naming that country ("egyptian"
    -> {"arab", "republic"} of the Arab Republic of Egypt, "iran" -> {"islamic", "republic"}, "russian" ->
    {"federation"}): rigour's territory table, the long name's words less the common name's, linking words, the
    word itself and words naming a territory of their own. Empty for any other word.

    Why: a state's bodies carry its official name in their listed names ("Islamic Republic of Iran <Body>", "... of
    the Russian Federation", "<Demonym> Arab <Body>") and news copy names them by the common one ("Iran's <Body>",
    "the Russian <Body>"); left unaligned, the official word reads as a word of another body's name ("<Name>
    Brigade" is not "<Other> <Name> Brigade")."""
    territory = lookup_territory(token)
    if territory is None or not territory.full_name:
        return frozenset()
    common = set(fold(territory.name).split())
    words = set(fold(territory.full_name).split()) - common - _LINKING - {token}
    return frozenset(w for w in words if lookup_territory(w) is None)


def official_words_left_out(short: tuple[str, ...], long_: tuple[str, ...], extra: list[int]) -> bool:
    """Whether the long name's words at positions ``extra`` (those the short name lacks) are all words of the
    official name of a country that a word right beside them names (:func:`official_words`), every other word of the
    short name being in the long one: "<demonym> navy" within "<demonym> arab navy". The caller makes sure the short
    name keeps the country word and a word more (a designator counts): a country's name alone is no body's."""
    if not extra or not short:
        return False
    extras = set(extra)
    for pos in extra:
        left = next((k for k in range(pos - 1, -1, -1) if k not in extras), None)
        right = next((k for k in range(pos + 1, len(long_)) if k not in extras), None)
        near = [long_[k] for k in (left, right) if k is not None and long_[k] in short]
        if not any(long_[pos] in official_words(word) for word in near):
            return False
    return True
