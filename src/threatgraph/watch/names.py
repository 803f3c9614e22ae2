"""Name normalisation and fuzzy scoring for watches, plus a scan of raw article text.

Watches must match names the way screening does ("same matcher"), so names are normalised by
the screening stage's ``name_tokens`` (rigour casefold, ICU transliteration, org types,
honorifics, term synonyms such as liwa → brigade) and scored by its ``compare_names``.
Callers only see :func:`normalise`, :func:`similarity` and :func:`find_in_text`, so a change of
backend never touches the watch logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from threatgraph.names.tokens import name_tokens, skeleton, token_class
from threatgraph.screen.compare import compare_names

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The comparable form of a name: screening's tokens joined by spaces (cached; names recur)."""
    return " ".join(name_tokens(name))


@lru_cache(maxsize=65536)
def _weight(token: str) -> float:
    return token_class(token)


@lru_cache(maxsize=65536)
def _skeleton_key(norm: str) -> str:
    """Sorted consonant skeletons of a normalised name: where abjad transliterations meet Latin spellings."""
    return " ".join(sorted(skeleton(tok) for tok in norm.split()))


@lru_cache(maxsize=262144)
def similarity(a: str, b: str) -> float:
    """Similarity of two *normalised* names in [0, 1] (cached: watch names meet the same actor names
    in article after article).

    The screening matcher's own name score (tokens aligned one to one, weighted so that
    "brigade" or "al" count little, phonetic and consonant-skeleton agreement for
    transliterations) — so a watch fires where screening would match. Token *subsets* score
    low: watching "Ali Khan" does not fire on every "Khan".
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = a.split(), b.split()
    return compare_names(ta, [_weight(t) for t in ta], tb, [_weight(t) for t in tb]).score


@dataclass(slots=True, frozen=True)
class TextHit:
    """Where a watched name was found in raw text, with the surrounding sentence as evidence."""

    matched: str
    score: float
    start: int
    end: int
    sentence: str


#: How close (rapidfuzz ratio, 0-100) a word must be to a name token to anchor a window there.
ANCHOR_CUTOFF = 70


@dataclass(slots=True)
class TextIndex:
    """An article's words, normalised like names, indexed for anchoring: built once per article and
    shared by every watch that scans it."""

    text: str
    words: list[tuple[int, int, str]]  # (start, end, normalised word), empty words dropped
    positions: dict[str, list[int]]  # normalised word -> indexes into words
    skeletons: dict[str, set[str]]  # consonant skeleton -> normalised words


def index_text(text: str) -> TextIndex:
    """Index an article's words (each normalised like a name, offsets kept) for :func:`find_in_text`."""
    words: list[tuple[int, int, str]] = []
    positions: dict[str, list[int]] = {}
    skeletons: dict[str, set[str]] = {}
    for m in _WORD.finditer(text):
        norm = normalise(m.group())
        if not norm:
            continue
        positions.setdefault(norm, []).append(len(words))
        words.append((m.start(), m.end(), norm))
    for norm in positions:
        key = _skeleton_key(norm)
        if len(key) >= 3:
            skeletons.setdefault(key, set()).add(norm)
    return TextIndex(text, words, positions, skeletons)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (a cheap splitter: evidence, not linguistics)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() + 1 if m else len(text)
    return " ".join(text[left:right].split())


def find_in_text(text: str, name: str, threshold: float, index: TextIndex | None = None) -> TextHit | None:
    """Best fuzzy occurrence of ``name`` in ``text`` at or above ``threshold``, or None.

    This is the fallback for names the NER missed. Words close to one of the name's tokens
    (rapidfuzz ratio ≥ :data:`ANCHOR_CUTOFF`, or the same consonant skeleton) anchor the search;
    only windows of the name's length (and one word fewer/more, for "Liwa Zainabiyoun" vs
    "Zainabiyoun") around those anchors are normalised like any other name and scored, so an
    article that shares nothing with the name costs one vocabulary lookup per token.
    """
    target = normalise(name)
    if not target or not text:
        return None
    idx = index if index is not None else index_text(text)
    if not idx.words:
        return None
    tokens = target.split()
    anchor_tokens = {t for t in tokens if len(t) >= 3} or set(tokens)
    vocab = list(idx.positions)
    anchors: set[int] = set()
    for tok in anchor_tokens:
        close = {
            w
            for w, _score, _i in process.extract(tok, vocab, scorer=fuzz.ratio, score_cutoff=ANCHOR_CUTOFF, limit=None)
        }
        close |= idx.skeletons.get(_skeleton_key(tok), set())
        for w in close:
            anchors.update(idx.positions[w])
    if not anchors:
        return None
    words = idx.words
    best: TextHit | None = None
    best_words = (0, 0)
    seen: set[tuple[int, int]] = set()
    for size in sorted({max(1, len(tokens) - 1), len(tokens), len(tokens) + 1}):
        for a in sorted(anchors):
            for first in range(max(0, a - size + 1), min(a, len(words) - size) + 1):
                if (first, size) in seen:
                    continue
                seen.add((first, size))
                start, end = words[first][0], words[first + size - 1][1]
                score = similarity(target, normalise(text[start:end]))
                if score >= threshold and (best is None or score > best.score):
                    best = TextHit(text[start:end], score, start, end, "")
                    best_words = (first, first + size)
    if best is None:
        return None
    # Trim edge words that add nothing ("Fajr Brigade, a" -> "Fajr Brigade").
    lo, hi = best_words
    while hi - lo > 1:
        for cut in ((lo + 1, hi), (lo, hi - 1)):
            start, end = words[cut[0]][0], words[cut[1] - 1][1]
            score = similarity(target, normalise(text[start:end]))
            if score >= best.score:
                best, (lo, hi) = TextHit(text[start:end], score, start, end, ""), cut
                break
        else:
            break
    return TextHit(best.matched, best.score, best.start, best.end, sentence_at(text, best.start, best.end))
