"""Name normalisation and fuzzy scoring for watches, plus a scan of raw article text.

Watches must match the way screening matches ("same matcher"), so this module is a thin
adapter: it uses the screening stage's normaliser and scorer when they are importable and
falls back to rigour normalisation + rapidfuzz otherwise. Callers only see
:func:`normalise`, :func:`similarity` and :func:`find_in_text`, so switching the backend never
touches the watch logic.
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


def _screen_backend() -> tuple[Callable[[str], str], Callable[[str, str], float]] | None:
    """The screening stage's normaliser and scorer, if that stage provides them."""
    try:  # pragma: no cover - depends on the screening stage being present
        from threatgraph.screen import names as screen_names  # type: ignore[attr-defined]
    except ImportError:
        return None
    norm = getattr(screen_names, "normalise_name", None) or getattr(screen_names, "normalize_name", None)
    score = getattr(screen_names, "name_similarity", None)
    if callable(norm) and callable(score):  # pragma: no cover
        return norm, score
    return None


def _fallback_normalise(name: str) -> str:
    """Casefold, drop honorifics and org-type words, transliterate to Latin, fold punctuation."""
    text = remove_person_prefixes(name)
    text = remove_org_types(text) or text
    text = ascii_text(text).casefold()
    tokens = tokenize_name(text)
    while len(tokens) > 1 and tokens[0] in _LEADING_STOP:
        tokens = tokens[1:]
    return " ".join(tokens)


def _fallback_similarity(a: str, b: str) -> float:
    """Similarity of two *normalised* names in [0, 1].

    Whole-string edit similarity and token-order-free similarity; never token *subset*
    similarity, so watching "Ali Khan" does not fire on every "Khan".
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0


_BACKEND = _screen_backend()


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The comparable form of a name (cached: the same mention names recur across articles)."""
    if _BACKEND is not None:  # pragma: no cover
        return _BACKEND[0](name)
    return _fallback_normalise(name)


def similarity(a: str, b: str) -> float:
    """Score two normalised names in [0, 1]."""
    if _BACKEND is not None:  # pragma: no cover
        return float(_BACKEND[1](a, b))
    return _fallback_similarity(a, b)


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
    (and one fewer/more, for "Liwa Zainabiyoun" vs "Zainabiyoun") are scored against it.
    """
    target = normalise(name)
    if not target or not text:
        return None
    size = len(target.split())
    if words is None:
        words = text_words(text)
    first_chars = {t[0] for t in target.split()}
    best: TextHit | None = None
    for n in {max(1, size - 1), size, size + 1}:
        for start, end, window in _windows(words, n):
            if window[0] not in first_chars and window[window.rfind(" ") + 1] not in first_chars:
                continue  # cheap prefilter: at least one edge word must start like a name word
            score = similarity(target, window)
            if score >= threshold and (best is None or score > best.score):
                best = TextHit(text[start:end], score, start, end, "")
                if score == 1.0:
                    break
    if best is None:
        return None
    return TextHit(best.matched, best.score, best.start, best.end, sentence_at(text, best.start, best.end))
