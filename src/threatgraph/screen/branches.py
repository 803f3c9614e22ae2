"""Where a listed body's branch operates, read from the structure of its own names.

Armed groups list their branches under the group's name and a place: "<Group> - Khorasan", "<Group> in
Yemen", "Sinai Province", "Wilayat Barqa", "<ACRONYM>-West Africa". A query naming only that place (a region in
a news text, "Khorasan", "خراسان", "West Africa") aligns with the one word the listed name has beside the
group's designators, and those weigh little, so it would score as the branch itself. The place words are found
by where they stand, not by a gazetteer (most of these regions are in none: Khorasan, Sinai, the Sahel): after a
dash or "in", beside "province" or "branch", after "wilayat", after a short acronym joined by a hyphen. The
index (:meth:`screen.index.ScreenIndex._candidate`) never flags an organisation on those words alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from threatgraph.names.acronyms import looks_like_acronym
from threatgraph.names.tokens import NAME, token_class
from threatgraph.names.vocabulary import vocabulary
from threatgraph.screen.queryprep import listed_tokens

#: A dash between two parts of a name, spaced or not for the long dashes ("<Group> - Libya", "<Group>—Khorasan").
_DASH = re.compile(r"\s[-–—]\s|[–—]")
_IN = re.compile(r"\bin\b", re.IGNORECASE)
#: A place before "province" or "branch" (one word: "Sinai Province"), after "wilayat" or "province of".
_BEFORE_MARKER = re.compile(r"(\w+)\s+(?:province|branch)\b", re.IGNORECASE)
_AFTER_MARKER = re.compile(r"\b(?:wilayat|wilayah|wilaya|province\s+of)\s+([^,;()]+)", re.IGNORECASE)
#: "<ACRONYM>-<place>": an acronym of at most this many letters joined to the place by a hyphen ("ISIS-SOMALIA").
_HYPHENED = re.compile(r"^([A-Za-z]{2,4})-(\w.*)$")
_BRACKETS = re.compile(r"\([^()]*\)")
#: Words of a branch's place part that are no place: the markers themselves and function words.
_MARKERS = frozenset({"province", "branch", "wilayat", "wilayah", "wilaya", "of", "the", "al", "and"})


@lru_cache(maxsize=65536)
def branch_places(name: str) -> frozenset[str]:
    """The tokens of ``name`` (as the index makes them) that say where a branch operates; empty for a name with
    no such part."""
    text = _BRACKETS.sub(" ", name).strip()
    tails: list[str] = []
    parts = _DASH.split(text)
    if len(parts) > 1:
        tails.append(parts[-1])
    pieces = _IN.split(text)
    if len(pieces) > 1 and pieces[0].strip():
        tails.append(pieces[-1])
    tails.extend(m.group(1) for m in _BEFORE_MARKER.finditer(text))
    tails.extend(m.group(1) for m in _AFTER_MARKER.finditer(text))
    hyphened = _HYPHENED.match(text)
    if hyphened and _designator(hyphened.group(1)) and not _joining(hyphened.group(2)):
        tails.append(hyphened.group(2))
    out: set[str] = set()
    for tail in tails:
        tokens = [t for t in listed_tokens(tail) if len(t) > 1 and t not in _MARKERS]
        out.update(tokens)
        out.update(a + b for a, b in zip(tokens, tokens[1:], strict=False))  # read as one word by the matcher
    return frozenset(out)


def _joining(rest: str) -> bool:
    """Whether the part after the hyphen opens with a joining particle ("HIZB-UT-TAHRIR", "JAISH-E-..."): the
    hyphens join one name's words."""
    return rest.split("-")[0].casefold() in vocabulary().joining_particles or "-" in rest


def _designator(word: str) -> bool:
    """A short acronym naming the group ("ISIS", "IS"), not a word of a name joined by hyphens ("HIZB-UT-...")."""
    folded = word.casefold()
    return looks_like_acronym(word) and token_class(folded) == NAME and folded not in vocabulary().synonyms
