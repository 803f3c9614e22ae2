"""Whether a short name is an acronym of a long one, the way news copy and lists form them.

Why not plain initials: real acronyms of armed groups and bodies take letters from particles or skip
them ("LeT" for Lashkar-e-Tayyiba keeps the "e", "TTP" for Tehreek-e-Taliban Pakistan drops it),
keep a parent's acronym whole before a branch's letters ("<Group>-GS" for "<Group> in the Greater
S..."), and often stop before a prepositional tail ("RDC" for "Relief and Development Council
of ..."). A fixed initials string misses all of these; a small alignment of the short
name's letters against the long name's words finds them without a list of acronyms.

Used by extraction (an article's own definitions, "Full Name (ABC)") and by name alignment
(:mod:`threatgraph.names.align`), so resolution and sanctions linking read acronyms the same way.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rigour.territories import lookup_territory

from threatgraph.names.ascii import ascii_fold
from threatgraph.names.vocabulary import vocabulary

#: Words an acronym may take a letter from or skip ("of", "the", "al", "e"...).
_EXTRA_SKIPPABLE = frozenset({"wa", "wal", "fi", "li", "bi", "ibn", "bin"})
_WORD = re.compile(r"[a-z0-9]+")
#: An acronym has at least this many letters (one letter is an initial, not a name).
MIN_LETTERS = 2
#: A long name with more words than this is not abbreviated letter by letter.
MAX_WORDS = 14


def _words(text: str) -> list[str]:
    folded = ascii_fold(text).casefold().replace("'", "").replace("’", "")
    return _WORD.findall(folded)


def _skippable(word: str) -> bool:
    voc = vocabulary()
    return word in voc.particles or word in voc.joining_particles or word in _EXTRA_SKIPPABLE


def looks_like_acronym(text: str) -> bool:
    """Written as an acronym: one word (hyphens and dots allowed), at least two capitals, few lower-case letters."""
    core = text.strip().strip("()[]")
    if not core or " " in core:
        return False
    letters = [c for c in core if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(letters) >= MIN_LETTERS and upper >= 2 and upper * 2 >= len(letters)


@lru_cache(maxsize=65536)
def acronym_fits(short: str, long: str, tail: bool = False) -> bool:
    """Whether ``short`` ("LeT", "<Group>-GS", "IRGC-QF") abbreviates ``long``.

    Every letter of the short name comes, in order, from the start of a word of the long name (a whole
    word may stand for itself: "ISIS" in "ISIS in the ..."); particles may give their letter or be
    skipped; any other word must give its letter. With ``tail`` (an article's own definition, "Full
    Name (ABC)"), a tail that starts with a particle ("... of <Parent>") may be left out once
    two words gave letters; between names with no such statement, it may not ("AQ" is not the acronym
    of a branch named "al-Q... in the ..."). An article's own definition is also read the looser ways
    official acronyms are coined, because the bracket right after the name already says it is one: a
    word may give its first few letters (syllable acronyms: "Northern Command (NORTHCOM)", "Mission in
    Ruritania (MIRU)"), or one word after the first may give none ("Ruritanian Union Peace Mission
    (RPM)"); the two are never combined.
    """
    letters = "".join(_words(short))
    words = _words(long)
    if len(letters) < MIN_LETTERS or len(words) < 2 or len(words) > MAX_WORDS or letters == "".join(words):
        return False
    if _align(letters, tuple(words), tail) or (tail and _pieces(letters, tuple(words))):
        return True
    # "<Country> Naval Forces Qandor Command's (NAVQAN)": the acronym of a national body leaves its country out
    own = _countryless(long) if tail else None
    return own is not None and acronym_fits(short, own, tail)


def _countryless(long: str) -> str | None:
    """The name without a leading country written as such ("U.S.", "Qandor"), when two words are left."""
    first, _, rest = long.strip().partition(" ")
    letters = [c for c in first if c.isalpha()]
    if len(letters) < 2 or not first[0].isupper() or len(_words(rest)) < 2 or _skippable(first.casefold()):
        return None
    return rest if lookup_territory(first) is not None else None


#: Words an official acronym made of pieces of words may leave out besides particles ("Forces", "Command").
MAX_LEFT_OUT = 2


@lru_cache(maxsize=65536)
def _pieces(letters: str, words: tuple[str, ...]) -> bool:
    """The way military commands' acronyms are coined, read only in an article's own definition: each word
    gives a syllable (its first two letters or more) or, after the first word, nothing, up to ``MAX_LEFT_OUT``
    words left out ("Naval Forces Qandor Command (NAVQAN)": NAV, QAN; "Forces" and "Command" give none).
    The first word must give the first letters and two words at least must give some; single letters with
    words left out ("VM" for "V... Union Relief Mission") stay unread, as initials skip at most one word."""

    @cache
    def fit(i: int, j: int, gave: int, left_out: int) -> bool:
        if i == len(letters):
            rest = sum(1 for w in words[j:] if not _skippable(w))
            return gave >= 2 and left_out + rest <= MAX_LEFT_OUT
        if j == len(words):
            return False
        word = words[j]
        if _skippable(word) and fit(i, j + 1, gave, left_out):
            return True
        if j > 0 and left_out < MAX_LEFT_OUT and not _skippable(word) and fit(i, j + 1, gave, left_out + 1):
            return True
        return any(
            letters.startswith(word[:k], i) and fit(i + k, j + 1, gave + 1, left_out) for k in range(len(word), 1, -1)
        )

    return fit(0, 0, 0, 0)


def _align(letters: str, words: tuple[str, ...], tail: bool, loose: str = "") -> bool:
    """Align ``letters`` with ``words``; ``loose`` (only for a definition's ``tail``) is "skip" (one word
    after the first gives no letter) or "syllables" (a word may give its first few letters)."""

    @cache
    def fit(i: int, j: int, gave: int, skipped: bool) -> bool:
        if i == len(letters):
            # all letters used: what is left must be particles, or (tail) start with one
            rest = words[j:]
            return all(_skippable(w) for w in rest) or (tail and gave >= 2 and _skippable(rest[0]))
        if j == len(words):
            return False
        word = words[j]
        more = min(gave + 1, 2)
        if _skippable(word) and fit(i, j + 1, gave, skipped):
            return True
        if word[0] == letters[i] and fit(i + 1, j + 1, more, skipped):
            return True
        if len(word) >= 2 and letters.startswith(word, i) and fit(i + len(word), j + 1, more, skipped):
            return True
        if loose == "syllables":
            return any(
                letters.startswith(word[:k], i) and fit(i + k, j + 1, more, skipped) for k in range(2, len(word))
            )
        return loose == "skip" and not skipped and j > 0 and fit(i, j + 1, gave, True)

    return fit(0, 0, 0, False) or (tail and not loose and any(_align(letters, words, tail, m) for m in _LOOSE))


#: the looser readings of an article's own definition, tried one at a time (never together)
_LOOSE = ("skip", "syllables")


@lru_cache(maxsize=65536)
def syllable_fits(short: str, long: str) -> bool:
    """Whether ``short`` is a syllable acronym of ``long``: each word gives a syllable, its first two letters or
    more ("<QAN><COM>" of "Qandor Command", "<NAV><QAN>"), particles may be skipped.

    Looser than :func:`acronym_fits` (a short string fits many names this way), so it is only read where an
    article offers exactly one candidate: the in-document grouping of a short form with the one organisation
    it fits. A single letter is an initial, and initials are :func:`acronym_fits`'s to read: a word-like
    acronym of four capitals fits too many names once one word may give two letters and the others one each
    (an agency's "<N><A><S><A>" read as "NA" + "S" + "A" of another agency of the article whose initials are
    three), so a reading that mixes syllables and initials is none (session 19)."""
    letters = "".join(_words(short))
    words = tuple(_words(long))
    if len(letters) < 4 or not 2 <= len(words) <= MAX_WORDS or letters == "".join(words):
        return False

    @cache
    def fit(i: int, j: int) -> bool:
        if i == len(letters):
            return all(_skippable(w) for w in words[j:])
        if j == len(words):
            return False
        word = words[j]
        if _skippable(word) and fit(i, j + 1):
            return True
        return any(letters.startswith(word[:k], i) and fit(i + k, j + 1) for k in range(len(word), 1, -1))

    return fit(0, 0)
