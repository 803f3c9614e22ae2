"""Name normalisation and fuzzy scoring for watches, plus a scan of raw article text.

Watches must match names the way screening does ("same matcher"), so names are normalised by
the screening stage's ``name_tokens`` (rigour casefold, ICU transliteration, org types,
honorifics, term synonyms such as liwa → brigade) and scored by its ``compare_names``; without
the screening stage a rigour + rapidfuzz stand-in is used.
Callers only see :func:`normalise`, :func:`similarity` and :func:`find_in_text`, so a change of
backend never touches the watch logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
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


def _screen_scorer() -> Callable[[str, str], float] | None:
    """The screening matcher's name comparison (weighted soft-Dice over aligned tokens), if present."""
    try:
        from threatgraph.screen.compare import compare_names
        from threatgraph.screen.normalize import token_class
    except ImportError:  # pragma: no cover - screening stage absent
        return None

    weight = lru_cache(maxsize=65536)(token_class)

    def score(a: str, b: str) -> float:
        ta, tb = a.split(), b.split()
        return compare_names(ta, [weight(t) for t in ta], tb, [weight(t) for t in tb]).score

    return score


_SCORER = _screen_scorer()


def _fallback_similarity(a: str, b: str) -> float:
    """Whole-string and token-order-free edit similarity, lifted when consonant skeletons agree."""
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0
    if score < SKELETON_SCORE and len(a.split()) == len(b.split()):
        key = _skeleton_key(a)
        if len(key.replace(" ", "")) >= _MIN_SKELETON and key == _skeleton_key(b):
            score = SKELETON_SCORE
    return score


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
    if _SCORER is not None:
        return _SCORER(a, b)
    return _fallback_similarity(a, b)  # pragma: no cover - screening stage absent


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
    words: list[tuple[int, int, str]] = []
    positions: dict[str, list[int]] = {}
    skeletons: dict[str, set[str]] = {}
    for m in _WORD.finditer(text):
        norm = normalise(m.group())
        if not norm:
            continue
        positions.setdefault(norm, []).append(len(words))
        words.append((m.start(), m.end(), norm))
    if _SKELETON is not None:
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
