"""Romanised variants: two Latin spellings of one Arabic-origin word that disagree on a consonant's letters.

Why: romanisations of one Arabic letter disagree on how to write it, and news desks keep their own habits:
the qaf is "q" in scholarly spelling, "k" in French and Turkish, "g" where it is spoken so (Libyan, Gulf and
Bedouin Arabic: "Qahtani", "Kahtani", "Gahtani"); the dhal, dad and za are "dh", "d" or "z" ("Ramadhan" /
"Ramadan" / "Ramazan", "Dhahabi" / "Zahabi"); the tha is "th", "t" or "s" ("Uthman" / "Usman"). The
romanisation fold (:func:`threatgraph.names.tokens.romanisation_fold`) makes one spelling of each convention it
is sure of ("q" is "k", "dh" is "z"), so "Qadhi" and "Kadhi" agree, but a "g" for the qaf or a "d" for the
dhal stays another word, and one actor ends up split across spellings.

These letter classes are looser than the fold: under them, "Kamal" and "Gamal" (Egyptian "Jamal") would be one
word, and they are two names. So a match here is *evidence* that two words are one, never equality: the name
aligner scores a name whose parts pair only through it below the merge threshold
(:data:`threatgraph.names.align.ROMANISED`), so shared context must corroborate it, and a person is never
linked or merged on it alone. Short words are left out (:data:`MIN_LETTERS`): their letters leave too little
room to tell a variant from another name.

The vowels are kept, as the romanisation fold and :func:`threatgraph.names.parts.vowel_fold` read them ("e" as
"i", "o" as "u"), so "Hassan" and "Hussein", one consonant skeleton, stay two names here as well.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from threatgraph.names.parts import vowel_fold

#: Each letter (or digraph) a romanisation may write another way, with the classes it may stand for. A digraph is
#: read before its letters. Only a written "q" may be a "g": "g" and "k" alone are letters of every language
#: ("Keller"/"Geller", "Gordon"/"Kordon" are two names), while a "q" is the qaf of an Arabic-origin word.
#: Protected digraphs ("kh", "gh", "sh", "ch") spell letters of their own (kha, ghain, shin) and keep a class of
#: their own (upper case: untouched by the lower-case fold that follows).
LETTER_CLASSES: dict[str, tuple[str, ...]] = {
    "kh": ("X",),  # kha: never the qaf's "k"/"q"/"g"
    "gh": ("G",),  # ghain: "Ghazi" is not "Qazi"
    "sh": ("S",),
    "ch": ("C",),
    "dh": ("d", "z"),  # dhal, dad, za: "Ramadhan"/"Ramadan"/"Ramazan", "Dhakir"/"Zakir"
    "th": ("t", "s"),  # tha: "Uthman"/"Usman", "Thabit"/"Sabit"
    "q": ("k", "g"),  # qaf: "q", "k" (as the fold reads it) or "g" where spoken so ("Qahtani"/"Gahtani")
}
_GRAPHEMES = re.compile("|".join(sorted(LETTER_CLASSES, key=len, reverse=True)) + "|.")
#: Words shorter than this (either side) are never romanised variants: "Kamal" and "Gamal" are two names.
MIN_LETTERS = 6
#: At most this many keys per word (letters beyond it keep their first class).
MAX_KEYS = 16


@lru_cache(maxsize=65536)
def romanised_keys(token: str) -> frozenset[str]:
    """Every key of a Latin word under the letter classes, vowels folded as :func:`vowel_fold` reads them:
    "ramadhan" -> {"ramadan", "ramazan"}, "qahtani" -> {"kahtani", "gahtani"}. Empty for a short word or one
    with digits."""
    word = token.casefold()
    if len(word) < MIN_LETTERS or not word.isalpha() or not word.isascii():
        return frozenset()
    choices: list[tuple[str, ...]] = []
    size = 1
    for grapheme in _GRAPHEMES.findall(word):
        alts = LETTER_CLASSES.get(grapheme, (grapheme,))
        if size * len(alts) > MAX_KEYS:
            alts = alts[:1]
        size *= len(alts)
        choices.append(alts)
    return frozenset(vowel_fold("".join(combo)) for combo in product(*choices))


@lru_cache(maxsize=262144)
def romanised_variant(a: str, b: str) -> bool:
    """Whether two different Latin words may be one Arabic-origin word under two romanisations ("Gahtani" /
    "Qahtani", "Ramadhan" / "Ramadan"): they share a key of :func:`romanised_keys`. Evidence only, never
    equality (see the module)."""
    if a == b:
        return False
    return bool(romanised_keys(a) & romanised_keys(b))
