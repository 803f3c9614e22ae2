"""Written variants of one name: the ways news copy and lists write the same letters differently.

Why: the gazetteer matches names token by token, so "Kata'ib" never meets "Kata’ib" (one token each,
different characters) and "AL QA'IDA" never meets "al-Qa’ida" (the hyphen is a token of its own). A reader
sees one name; the matcher sees different tokens. Each list or seed name is therefore added in every
written variant: apostrophes of every kind, and particles ("al", "e", "ul" - ``joining_particles`` in the
vocabulary) joined to the next word by a hyphen or set apart by a space.
"""

from __future__ import annotations

import itertools
import re

from threatgraph.names.vocabulary import vocabulary

#: Apostrophes a name may be written with: lists write "Kata'ib", news copy "Kata’ib".
APOSTROPHES = ("'", "’")
#: Particle boundaries varied per name at most (2**n variants).
MAX_JOINS = 2
_BOUNDARY = re.compile(r"(?<=\w)[ -](?=\w)")


def apostrophe_variants(text: str) -> list[str]:
    """``text`` with each kind of apostrophe it uses written every other way ("Kata'ib" -> "Kata’ib"...)."""
    used = [a for a in APOSTROPHES if a in text]
    out = [text]
    for a in used:
        out.extend(text.replace(a, b) for b in APOSTROPHES if b != a)
    return list(dict.fromkeys(out))


def joining_variants(text: str) -> list[str]:
    """``text`` with each space or hyphen next to a joining particle written both ways.

    "AL QA'IDA" -> "AL-QA'IDA"; "Lashkar-e-Taiba" -> "Lashkar e Taiba", "Lashkar e-Taiba", ... Only
    boundaries beside a particle vary, so "Abu Dhabi" never becomes "Abu-Dhabi".
    """
    joins = vocabulary().joining_particles
    spots: list[int] = []
    for m in _BOUNDARY.finditer(text):
        before = re.search(r"(\w+)$", text[: m.start()])
        after = re.match(r"(\w+)", text[m.end() :])
        words = {w.group(1).casefold() for w in (before, after) if w}
        if words & joins:
            spots.append(m.start())
    if not spots or len(spots) > MAX_JOINS:
        return [text]
    out = []
    for seps in itertools.product(" -", repeat=len(spots)):
        chars = list(text)
        for pos, sep in zip(spots, seps, strict=True):
            chars[pos] = sep
        out.append("".join(chars))
    return list(dict.fromkeys([text, *out]))


def written_variants(text: str) -> list[str]:
    """Every written variant of ``text`` (apostrophes × particle joins), ``text`` first."""
    return list(dict.fromkeys(v for j in joining_variants(text) for v in apostrophe_variants(j)))
