"""Name normalisation and fuzzy scoring for watches, plus a scan of raw article text.

Watches must match names the way screening does ("same matcher"), so names are normalised by
the screening stage's ``name_tokens`` (rigour casefold, ICU transliteration, org types,
honorifics, term synonyms such as liwa → brigade) and compared with rapidfuzz plus the
screening consonant skeleton; without the screening stage a rigour-only normaliser stands in.
Callers only see :func:`normalise`, :func:`similarity` and :func:`find_in_text`, so a change of
backend never touches the watch logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rigour.names import remove_org_types, remove_person_prefixes, tokenize_name
from rigour.text.translit import ascii_text

#: Leading words that never distinguish one actor from another ("the Zainabiyoun Brigade").
_LEADING_STOP = frozenset({"the", "al", "el"})
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


def _screen_normaliser() -> Callable[[str], tuple[str, ...]] | None:
    """The screening stage's name normaliser (``screen.normalize.name_tokens``), if present."""
    try:
        from threatgraph.screen.normalize import name_tokens
    except ImportError:  # pragma: no cover - screening stage absent
        return None
    return name_tokens


def _screen_skeleton() -> Callable[[str], str] | None:
    """The screening stage's consonant skeleton, where Arabic-script and Latin spellings meet."""
    try:
        from threatgraph.screen.normalize import skeleton
    except ImportError:  # pragma: no cover
        return None
    return skeleton


_NAME_TOKENS = _screen_normaliser()
_SKELETON = _screen_skeleton()
#: Minimum skeleton length for skeleton agreement to count: "Ali"/"Ola" share "l" and mean nothing.
_MIN_SKELETON = 6
#: Score given to names whose consonant skeletons agree token for token (e.g. zynbywn ~ zainabiyoun).
SKELETON_SCORE = 0.88


def _fallback_tokens(name: str) -> tuple[str, ...]:
    """Casefold, drop honorifics and org-type words, transliterate to Latin, fold punctuation."""
    text = remove_person_prefixes(name)
    text = remove_org_types(text) or text
    tokens = tokenize_name(ascii_text(text).casefold())
    while len(tokens) > 1 and tokens[0] in _LEADING_STOP:
        tokens = tokens[1:]
    return tuple(tokens)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The comparable form of a name: screening's tokens joined by spaces (cached; names recur)."""
    tokens = _NAME_TOKENS(name) if _NAME_TOKENS is not None else _fallback_tokens(name)
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def _skeleton_key(norm: str) -> str:
    if _SKELETON is None:  # pragma: no cover
        return ""
    return " ".join(sorted(_SKELETON(tok) for tok in norm.split()))


def similarity(a: str, b: str) -> float:
    """Similarity of two *normalised* names in [0, 1].

    Whole-string edit similarity and token-order-free similarity, never token-*subset*
    similarity (watching "Ali Khan" must not fire on every "Khan"); names whose consonant
    skeletons agree token for token score at least :data:`SKELETON_SCORE`, which is how a
    Persian-script spelling meets its English transliteration.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0
    if score < SKELETON_SCORE and len(a.split()) == len(b.split()):
        key = _skeleton_key(a)
        if len(key.replace(" ", "")) >= _MIN_SKELETON and key == _skeleton_key(b):
            score = SKELETON_SCORE
    return score


@dataclass(slots=True, frozen=True)
class TextHit:
    """Where a watched name was found in raw text, with the surrounding sentence as evidence."""

    matched: str
    score: float
    start: int
    end: int
    sentence: str


Words = list[tuple[int, int, str]]


def text_words(text: str) -> Words:
    """Word spans of ``text`` with each word normalised on its own, so offsets stay exact.

    Computed once per article and shared by every watch scanning it.
    """
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        norm = word.casefold() if word.isascii() else " ".join(tokenize_name(ascii_text(word).casefold()))
        if norm:
            out.append((m.start(), m.end(), norm))
    return out


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (a cheap splitter: evidence, not linguistics)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() + 1 if m else len(text)
    return " ".join(text[left:right].split())


def _windows(words: Words, size: int) -> Iterator[tuple[int, int, str]]:
    for i in range(0, max(0, len(words) - size + 1)):
        chunk = words[i : i + size]
        yield chunk[0][0], chunk[-1][1], " ".join(w[2] for w in chunk)


def find_in_text(text: str, name: str, threshold: float, words: Words | None = None) -> TextHit | None:
    """Best fuzzy occurrence of ``name`` in ``text`` at or above ``threshold``, or None.

    This is the fallback for names the NER missed: windows of as many words as the name has
    (and one fewer/more, for "Liwa Zainabiyoun" vs "Zainabiyoun") are normalised like any
    other name and scored against it. A cheap prefilter skips windows whose edge words do not
    start like any word of the name.
    """
    target = normalise(name)
    raw = [w[2] for w in text_words(name)]
    if not target or not raw or not text:
        return None
    if words is None:
        words = text_words(text)
    first_chars = {w[0] for w in raw} | {t[0] for t in target.split()}
    best: TextHit | None = None
    for n in sorted({max(1, len(raw) - 1), len(raw), len(raw) + 1}):
        for start, end, window in _windows(words, n):
            if window[0] not in first_chars and window[window.rfind(" ") + 1] not in first_chars:
                continue
            score = similarity(target, normalise(text[start:end]))
            if score >= threshold and (best is None or score > best.score):
                best = TextHit(text[start:end], score, start, end, "")
    if best is None:
        return None
    return TextHit(best.matched, best.score, best.start, best.end, sentence_at(text, best.start, best.end))
