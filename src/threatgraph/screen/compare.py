"""Comparing names and the facts around them: the scoring half of the matcher, free of any index.

:func:`compare_names` aligns the tokens of two names (see :mod:`normalize`) one-to-one, greedily by
similarity, and returns a weighted soft-Dice score in [0, 1]: every token on either side counts by its
weight, matched pairs contribute their similarity. Tokens that say little ("brigade", "al", "ltd") weigh
little, so "Zainabiyun" still scores high against "ZAYNABIYOUN BRIGADE" while "Islamic State" and "Islamic
Jihad" stay apart. The joined-up comparison catches "Alrahman" vs "Al Rahman".

Spelling variants as reporting produces them are handled in the token comparison, not by loosening the
threshold: romanisation folds ("Yousuf"/"Yusuf", "Zeinab"/"Zaynab", "Qasim"/"Kasim", see the name vocabulary),
adjacent words read as one where they spell a word of the other name ("Abdul Rahman"/"Abdulrahman",
"Abu Obaidah"/"Abuobaydah"), and a middle name one side leaves out weighing less ("Emmerson MNANGAGWA" /
"Emmerson Dambudzo MNANGAGWA") — only between two exactly matched name words, and not when both names have
middle words of their own (that is a difference, not an omission).

The other features (schema, country, birth date, identifiers) add or subtract a fixed contribution each;
their sizes are in ``FEATURES`` so the explanation can show exactly what moved the score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from followthemoney import model
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from threatgraph.names.align import MIDDLE_INITIAL
from threatgraph.names.cyrillic import is_patronymic
from threatgraph.names.parts import one_given_name, same_person_part
from threatgraph.names.romanised import romanised_variant
from threatgraph.names.tokens import NAME, name_tokens, phonetic, romanisation_fold, skeleton, token_class
from threatgraph.names.translit import (
    PartKey,
    consonant_keys,
    join_parts,
    keys_close,
    part_key,
    part_similarity,
    token_source,
)

#: Contributions of the non-name features (added to the name similarity, result clamped to [0, 1]).
FEATURES = {
    "schema_conflict": -0.3,  # a Person query against a listed vessel or company (and never above the cap)
    "country_match": 0.05,
    "country_conflict": -0.1,
    "birth_date_match": 0.05,
    "birth_date_conflict": -0.15,
    "identifier_match": 0.25,
}
#: Opening consonants that spell one sound in some romanisation (c/k/q, g/j/q, v/w, t/s for the Arabic
#: tha, d/z for dad and dha); two words opening with consonants of no shared class count this much of their
#: similarity.
OPENING_CLASSES = ("ckq", "gjq", "vw", "ts", "dz", "fp", "xkh")
FIRST_CONSONANT_FACTOR = 0.9
_NOT_CONSONANTS = frozenset("aeiouyhw")
#: Token pairs below MIN_TOKEN_SIM are not aligned at all (different words); up to FULL_TOKEN_SIM they count less.
MIN_TOKEN_SIM = 0.6
FULL_TOKEN_SIM = 0.8
PHONETIC_SIM = 0.9
PHONETIC_BONUS = 0.1
SKELETON_SIM = 0.85
JOINED_FACTOR = 0.95
JOINED_MAX_EDITS = 2
#: Two spellings that agree once romanisation conventions are folded ("yousuf"/"yusuf") score this much of
#: their folded edit similarity: a little below an exact match, well above a different name.
FOLD_FACTOR = 0.95
#: Two words that may be one Arabic-origin word under two romanisations of its letters (:mod:`names.romanised`:
#: "Gahtani"/"Qahtani", "Ramadhan"/"Ramazan") count at least this much: a near spelling, below the fold's sure
#: conventions, so a name paired only through it still needs the judge's corroboration to read as sanctioned.
ROMANISED_SIM = 0.85
#: Two words of person names the vocabulary knows as one given name (:func:`names.parts.one_given_name`: "Oleh"/"Oleg",
#: "Serhiy"/"Sergei", "Tony"/"Antony") count this much: one name in another language's form or its short form, a
#: convention as the romanisation fold is, not a near spelling of another name.
GIVEN_FORM_FACTOR = FOLD_FACTOR
#: A Cyrillic word matched through another of its conventional Latin spellings (:mod:`names.cyrillic`) counts
#: this much of that spelling's similarity: the same word, a shade below the same letters (which rank first).
SPELLING_FACTOR = 0.98
#: A Cyrillic word none of whose spellings is the Latin word: the systems are accounted for, what differs is
#: another name or a typo, and counts this much of its closeness ("Жуков" / "ZHIDKOV").
INEXACT_SPELLING_FACTOR = 0.9
#: An unmatched word between two matched words of the same name (a middle name left out by the other side,
#: "Emmerson MNANGAGWA" / "Emmerson Dambudzo MNANGAGWA") counts this much of its weight against the score.
MIDDLE_FACTOR = 0.35
ANCHOR_SIM = 0.9
#: A query whose word order cannot be trusted, aligned crossed with a longer listed name that keeps name words
#: of its own, counts its aligned words this much: which part it left out is a guess ("Козлов Сергей" against
#: "Sergey Mikhaylovich KOZLOV"), so two of three equal parts stay below the threshold.
CROSSED_PARTIAL_FACTOR = 0.94
#: A Chinese or Korean reading with a syllable unaligned on either side counts its aligned syllables this much:
#: "Kang Song Min" and "Min KANG" share two of three syllables, which are two names' parts, not one name.
SYLLABLE_PARTIAL_FACTOR = 0.9
#: Up to this many adjacent words of one name may be read as one word of the other ("Abd al Rahman" / "Abdulrahman").
MAX_JOIN = 3
#: At most this many readings of a script query with one word read as two are compared per listed name.
MAX_SPLIT_READINGS = 2
REJOIN_SIM = 0.88
_NON_DIGITS = re.compile(r"\D+")


def token_similarity(a: str, b: str) -> float:
    """Similarity of two normalised tokens in [0, 1]: edit distance, or a floor when they sound alike.

    Numbers only match exactly ("Brigade 313" is not "Brigade 314").
    """
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    sim = Levenshtein.normalized_similarity(a, b)
    folded = _fold_similarity(a, b)
    if not _same_opening(a, b):
        # Spellings of one name rarely differ in an opening consonant beyond the classes romanisations share
        # (c/k/q, g/j); names that do are other names ("goran" / "zoran", "marko" / "zarko"), unless the
        # letters are one Arabic-origin word's ("gahtani" / "qahtani": the qaf written "g").
        return max(FIRST_CONSONANT_FACTOR * max(sim, folded), _romanised_floor(a, b))
    if sim < PHONETIC_SIM and len(a) >= 3 and len(b) >= 3:
        pa = phonetic(a)
        if len(pa) >= 3 and pa == phonetic(b):
            # Sounding alike lifts a near spelling ("zainabiyun" ~ "zaynabiyoun"), not a distant one
            # ("monnier" and "manera" share a metaphone but are different names).
            sim = min(PHONETIC_SIM, sim + PHONETIC_BONUS)
        if sim < SKELETON_SIM and (_vowel_poor(a) or _vowel_poor(b)):
            sk = skeleton(a)
            if len(sk) >= 3 and sk == skeleton(b) and (_abjad_fits(a, b) or _abjad_fits(b, a)):
                sim = SKELETON_SIM  # an abjad transliteration ("zynbywn") against a vowelled spelling
    return max(sim, folded, _romanised_floor(a, b))


def _romanised_floor(a: str, b: str) -> float:
    """ROMANISED_SIM for two words that may be one Arabic-origin word under two romanisations, else 0."""
    return ROMANISED_SIM if romanised_variant(a, b) else 0.0


def _same_opening(a: str, b: str) -> bool:
    """Whether two words open alike: the same letter, a vowel or glide on either side, or opening consonants
    of one romanisation class (after the romanisation fold: "qasim"/"kasim", "gamal"/"jamal")."""
    x, y = romanisation_fold(a)[:1], romanisation_fold(b)[:1]
    if x == y or not x or not y or x in _NOT_CONSONANTS or y in _NOT_CONSONANTS:
        return True
    return any(x in cls and y in cls for cls in OPENING_CLASSES)


def _fold_similarity(a: str, b: str) -> float:
    """Edit similarity of the romanisation folds ("yousuf"/"yusuf" -> 0.95), without phonetic bonus: the
    fold already accounts for the spelling convention, sounding alike must not be counted twice."""
    if len(a) < 3 or len(b) < 3:
        return 0.0
    fa, fb = romanisation_fold(a), romanisation_fold(b)
    if fa == a and fb == b:
        return 0.0
    return FOLD_FACTOR * Levenshtein.normalized_similarity(fa, fb)


def spelling_similarity(a: str, b: str) -> float:
    """Similarity as letters and romanisation conventions see it, without the sound-alike and skeleton floors
    (used where two words are read as one, so that a made-up joined word cannot match by sound alone)."""
    if a == b:
        return 1.0
    return max(Levenshtein.normalized_similarity(a, b), _fold_similarity(a, b))


def _ramp(sim: float) -> float:
    """Token similarity as it counts in a name: full from FULL_TOKEN_SIM up, fading to nothing at
    MIN_TOKEN_SIM, so "tahini"/"taheri" (0.67) add little while "zainabiyun"/"zaynabiyoun" (0.9) add much."""
    if sim >= FULL_TOKEN_SIM:
        return sim
    if sim <= MIN_TOKEN_SIM:
        return 0.0
    return sim * (sim - MIN_TOKEN_SIM) / (FULL_TOKEN_SIM - MIN_TOKEN_SIM)


#: Letters an abjad transliteration writes for a long vowel, and the vowels a vowelled spelling writes for them.
_GLIDE_VOWELS = {"y": "yie", "w": "wuo"}


def _abjad_fits(poor: str, other: str) -> bool:
    """Whether every letter of the vowel-poor spelling is found, in order, in the other (a glide as its long vowel):
    an abjad transliteration leaves out vowels but keeps every consonant and written vowel ("zynbywn" in
    "zainabiyun", "hsyn" in "hussein"); two names that only share a consonant skeleton once digraphs lose their
    h ("cheng" / "cuiying") are different names."""
    at = 0
    for ch in poor:
        found = -1
        for alt in _GLIDE_VOWELS.get(ch, ch):
            i = other.find(alt, at)
            if i >= 0 and (found < 0 or i < found):
                found = i
        if found < 0:
            return False
        at = found + 1
    return True


@lru_cache(maxsize=65536)
def _vowel_poor(token: str) -> bool:
    """Few written vowels: the mark of a transliterated Arabic/Persian/Hebrew-script word ("zynbywn")."""
    vowels = sum(token.count(v) for v in "aeiou")
    return len(token) >= 4 and vowels * 5 <= len(token)


@dataclass(frozen=True, slots=True)
class NameScore:
    """How two names compare: the score and the aligned token pairs that produced it."""

    score: float
    pairs: tuple[tuple[str, str, float], ...]
    joined: bool = False  # the joined-up comparison won
    #: Both names open with a given name and these are two different names ("mahmoud"/"muhammad"): whatever
    #: else agrees, a person of another given name is another person (a brother, a cousin) - see
    #: :func:`given_name_conflict`. Empty when the given names agree, or one side has none.
    given_conflict: tuple[str, str] | None = None


def compare_names(
    q_tokens: Sequence[str],
    q_weights: Sequence[float],
    a_tokens: Sequence[str],
    a_weights: Sequence[float],
    q_keys: Sequence[PartKey] | None = None,
    order_marked: bool = True,
    q_spellings: Sequence[tuple[str, ...]] | None = None,
    a_spellings: Sequence[tuple[str, ...]] | None = None,
    syllables: bool = False,
    person: bool = False,
    given_names: bool = True,
) -> NameScore:
    """Weighted soft-Dice similarity of two token lists, in [0, 1], with the token alignment.

    Before aligning, adjacent words of either name that together spell a word of the other are read as one
    ("abdul rahman" / "abdulrahman"); after aligning, a word one name has between two aligned words (a middle
    name the other left out) weighs MIDDLE_FACTOR of its weight. ``q_keys``: the query tokens transliterate an
    Arabic-script name, these are their consonant keys, and a token also aligns with a Latin word of the same
    key (:mod:`names.translit`). ``order_marked``: the query's word order can be trusted (a Latin name, where
    "SURNAME, Given" marks the surname); when it cannot (a name in another script, Cyrillic surname-first or
    not), a word left out counts as a middle name only if the aligned words keep the same order on both sides:
    "Козлов Сергей" does not drop a middle name of "Sergey Mikhaylovich KOZLOV", it names two common parts
    of it in an order that says nothing of which part is missing. ``q_spellings``/``a_spellings``: per token of
    a Cyrillic name, its Latin spellings (:mod:`names.cyrillic`); a token is as close to a word of the other
    name as its closest spelling is ("Артём" / "ARTYOM"). ``syllables``: the query's words are the syllables of
    a Chinese or Korean name's reading (:mod:`names.cjk`): a syllable aligns only where spelled alike (the
    systems' spellings are the readings'), syllables join into a listed word only where they spell it, never
    by the whole names' letters run together, and none is a middle name left out (a syllable more or less,
    or of another vowel, is another name). ``person``: the names are a person's; in a query in another script
    (order not marked), a word whose form says it is a patronymic or a closing nisba, unaligned, counts as a
    middle name left out (in an organisation's name the nisba is an adjective that tells two bodies apart:
    "the Egyptian ..."). ``given_names``: whether to look for two different given names (:attr:`NameScore.
    given_conflict`); a caller comparing with a name that is no person's leaves it out, as it reads nothing there."""
    if not q_tokens or not a_tokens or sum(q_weights) + sum(a_weights) <= 0:
        return NameScore(0.0, ())
    args = (order_marked, q_spellings, a_spellings, syllables, person, given_names)
    best = _compare_names(q_tokens, q_weights, a_tokens, a_weights, q_keys, *args)
    if q_keys is not None and any(k.splits for k in q_keys):
        for split in _split_readings(q_tokens, q_weights, q_keys, a_tokens):
            s_tokens, s_weights, s_keys, halves = split
            ns = _compare_names(s_tokens, s_weights, a_tokens, a_weights, s_keys, *args)
            aligned = [p[0] for p in ns.pairs]
            if ns.score > best.score and all(any(h in t for t in aligned) for h in halves):
                best = ns
    return best


def _split_readings(
    q_tokens: Sequence[str], q_weights: Sequence[float], q_keys: Sequence[PartKey], a_tokens: Sequence[str]
) -> list[tuple[list[str], list[float], list[PartKey], tuple[str, str]]]:
    """The script query with one word read as two (:func:`names.translit.split_points`), where that word's keys
    spell no listed word and one half's keys do: each half a part of the word's weight, and the two halves'
    tokens (the split counts only where both are aligned)."""
    latin = [consonant_keys(t) for t in a_tokens]
    out: list[tuple[list[str], list[float], list[PartKey], tuple[str, str]]] = []
    for i, key in enumerate(q_keys):
        if not key.splits or any(key.keys & b for b in latin):
            continue
        for left, right in key.splits:
            kl, kr = part_key(left), part_key(right)
            if not any((kl.keys | kr.keys) & b for b in latin):
                continue
            tl = "".join(name_tokens(token_source(left))) or left
            tr = "".join(name_tokens(token_source(right))) or right
            out.append(
                (
                    [*q_tokens[:i], tl, tr, *q_tokens[i + 1 :]],
                    [*q_weights[:i], q_weights[i], q_weights[i], *q_weights[i + 1 :]],
                    [*q_keys[:i], kl, kr, *q_keys[i + 1 :]],
                    (tl, tr),
                )
            )
    return out[:MAX_SPLIT_READINGS]


def _compare_names(
    q_tokens: Sequence[str],
    q_weights: Sequence[float],
    a_tokens: Sequence[str],
    a_weights: Sequence[float],
    q_keys: Sequence[PartKey] | None,
    order_marked: bool,
    q_spellings: Sequence[tuple[str, ...]] | None,
    a_spellings: Sequence[tuple[str, ...]] | None,
    syllables: bool,
    person: bool,
    given_names: bool,
) -> NameScore:
    """:func:`compare_names` for one reading of the query."""
    if syllables:  # a listed word weighs by its kind, not its rarity: a common syllable is a name all the same
        a_weights = [token_class(t) for t in a_tokens]
    if q_keys is None and (len(q_tokens) > 1 or len(a_tokens) > 1):
        # a spelled (Cyrillic) side keeps its words: its spellings are per word
        if q_spellings is None:
            q_tokens, q_weights = _rejoin(q_tokens, q_weights, a_tokens)
        if a_spellings is None:
            a_tokens, a_weights = _rejoin(a_tokens, a_weights, q_tokens)
    if q_keys is not None:
        a_spellings = None  # the listed words may be joined below: a script query compares by its own keys
        q_tokens, q_weights, q_keys, a_tokens, a_weights = rejoin_script(
            q_tokens, q_weights, q_keys, a_tokens, a_weights
        )
    total = sum(q_weights) + sum(a_weights)
    # Only pairs that can reach MIN_TOKEN_SIM are examined: edit similarity >= 0.5 (found by rapidfuzz in C),
    # or equal consonant skeletons where one side is an abjad transliteration.
    close = cdist(q_tokens, a_tokens, scorer=Levenshtein.normalized_similarity, score_cutoff=0.5, workers=1)
    pairs_ij = set(zip(*(ix.tolist() for ix in np.nonzero(close)), strict=True))
    poor_q = [i for i, t in enumerate(q_tokens) if _vowel_poor(t)]
    poor_a = [j for j, t in enumerate(a_tokens) if _vowel_poor(t)]
    if poor_q or poor_a:
        skel_a: dict[str, list[int]] = {}
        for j, t in enumerate(a_tokens):
            skel_a.setdefault(skeleton(t), []).append(j)
        for i, t in enumerate(q_tokens):
            for j in skel_a.get(skeleton(t), ()):
                if i in poor_q or j in poor_a:
                    pairs_ij.add((i, j))
    if q_keys is not None:
        pairs_ij.update(_script_pairs(q_keys, a_tokens))
    spelled = _spelled_pairs(q_tokens, q_spellings, a_tokens, a_spellings) if q_spellings or a_spellings else {}
    pairs_ij.update(spelled)
    latin_person = person and given_names and q_keys is None and not syllables
    given_forms = _given_form_pairs(q_tokens, a_tokens) if latin_person else set()
    pairs_ij.update(given_forms)
    sims = []
    for i, j in pairs_ij:
        sim = token_similarity(q_tokens[i], a_tokens[j])
        if (i, j) in spelled:
            sim = max(sim, SPELLING_FACTOR * token_similarity(*spelled[i, j]))
            if sim < SPELLING_FACTOR:
                sim *= INEXACT_SPELLING_FACTOR
        if q_keys is not None:
            sim = max(sim, part_similarity(q_keys[i], a_tokens[j]))
        if (i, j) in given_forms:
            sim = max(sim, GIVEN_FORM_FACTOR)
        if syllables and sim < 1.0:
            continue  # a syllable of another vowel or letter is another syllable ("jong"/"jang"): another name
        s = _ramp(sim)
        if s > 0.0:
            # A transliterated script part says nothing of what kind of word it is ("bd" is the particle
            # "abd"): aligned, it weighs what its Latin spelling weighs.
            w = 2 * a_weights[j] if q_keys is not None else q_weights[i] + a_weights[j]
            sims.append((s, w, i, j))
    sims.sort(key=lambda x: (-x[0], -x[1], x[2] + x[3], x[2]))
    used_q: set[int] = set()
    used_a: set[int] = set()
    anchors_q: list[int] = []
    anchors_a: list[int] = []
    gained = 0.0
    pairs: list[tuple[str, str, float]] = []
    matched: dict[int, tuple[int, float]] = {}  # query position -> (listed position, similarity)
    for s, w, i, j in sims:
        if i in used_q or j in used_a:
            continue
        used_q.add(i)
        used_a.add(j)
        gained += s * w
        if q_keys is not None:
            total += a_weights[j] - q_weights[i]
        pairs.append((q_tokens[i], a_tokens[j], round(s, 3)))
        matched[i] = (j, s)
        if s >= ANCHOR_SIM and token_class(q_tokens[i]) == NAME and token_class(a_tokens[j]) == NAME:
            anchors_q.append(i)
            anchors_a.append(j)
    if latin_person and order_marked:
        for i, j in _initial_pairs(q_tokens, a_tokens, used_q, used_a, anchors_q, anchors_a):
            used_q.add(i)
            used_a.add(j)
            gained += MIDDLE_INITIAL * (q_weights[i] + a_weights[j])
            pairs.append((q_tokens[i], a_tokens[j], MIDDLE_INITIAL))
            matched[i] = (j, MIDDLE_INITIAL)
    crossed = not order_marked and _crossed(anchors_q, anchors_a)
    # the syllables of a Chinese or Korean given name are one name: one left out is another name, no omission
    omitting = not syllables
    middle_q = 0.0 if crossed or not omitting else _middle_weight(q_weights, anchors_q, used_q)
    middle_a = 0.0 if crossed or not omitting else _middle_weight(a_weights, anchors_a, used_a)
    omit_q = omit_a = frozenset()
    if omitting and person and not order_marked:
        # patronymics and nisbas are parts of a person's name only, and read as left out only across scripts,
        # where the two names were written by different hands: between two Latin names (leave-one-alias-out
        # on the SDN list) the rule flagged 19 more other persons' entries than it found right ones (+6)
        omit_q = _omissible_script(q_keys) if q_keys is not None else _omissible_latin(q_tokens)
        omit_a = _omissible_latin(a_tokens)
    patronymic_q = _left_omissible(q_tokens, q_weights, anchors_q, used_q, crossed, a_tokens, used_a, omit_q)
    patronymic_a = _left_omissible(a_tokens, a_weights, anchors_a, used_a, crossed, q_tokens, used_q, omit_a)
    if crossed and not patronymic_a and any(token_class(t) == NAME for j, t in enumerate(a_tokens) if j not in used_a):
        gained *= CROSSED_PARTIAL_FACTOR
    if syllables and (
        len(used_q) < len(q_tokens) or any(token_class(t) == NAME and j not in used_a for j, t in enumerate(a_tokens))
    ):
        gained *= SYLLABLE_PARTIAL_FACTOR  # a syllable of one name the other lacks: part of a name is no name
    if not (middle_q and middle_a):  # both names having their own middle words is a difference, not an omission
        total -= (1.0 - MIDDLE_FACTOR) * (middle_q + middle_a)
    total -= (1.0 - MIDDLE_FACTOR) * (patronymic_q + patronymic_a)
    score = min(1.0, gained / total) if total > 0 else 0.0
    conflict = (
        given_name_conflict(q_tokens, a_tokens, matched, q_keys is not None, q_weights)
        if given_names and (order_marked or q_keys is not None)
        else None
    )
    # Letters run together: for a word written apart on one side, or a near spelling of a short name; not where
    # two words of the same place open with consonants of no shared class ("goran x" / "zoran x": other names)
    # nor for a Cyrillic name, whose words were compared in every spelling.
    if (
        (len(q_tokens) > 1 or len(a_tokens) > 1)
        and not syllables
        and (
            len(q_tokens) != len(a_tokens)
            or (
                q_spellings is None
                and a_spellings is None
                and all(_same_opening(x, y) for x, y in zip(q_tokens, a_tokens, strict=True))
            )
        )
    ):
        qj, aj = "".join(q_tokens), "".join(a_tokens)
        if _digits(qj) != _digits(aj):
            return NameScore(score, tuple(pairs), given_conflict=conflict)
        # Only for near-identical letters split differently ("Alrahman" / "Al Rahman"): on long names a
        # joined edit ratio would let shared common words outweigh the one word that differs; on short ones
        # one edit is already a different name ("yang hao" / "yan gao").
        if Levenshtein.distance(qj, aj, score_cutoff=JOINED_MAX_EDITS) <= JOINED_MAX_EDITS:
            sim = Levenshtein.normalized_similarity(qj, aj)
            joined = JOINED_FACTOR * sim
            if sim >= REJOIN_SIM and joined > score:
                return NameScore(joined, ((qj, aj, round(joined / JOINED_FACTOR, 3)),), True)
    return NameScore(score, tuple(pairs), given_conflict=conflict)


def _given_form_pairs(q_tokens: Sequence[str], a_tokens: Sequence[str]) -> set[tuple[int, int]]:
    """(query, listed) positions of two words the vocabulary knows as one given name (:func:`names.parts.
    one_given_name`), whatever their letters: "Serhiy"/"Sergei" share too few to be aligned as spellings."""
    return {
        (i, j)
        for i, q in enumerate(q_tokens)
        for j, a in enumerate(a_tokens)
        if len(q) > 2 and len(a) > 2 and one_given_name(q, a)
    }


def _initial_pairs(
    q_tokens: Sequence[str],
    a_tokens: Sequence[str],
    used_q: set[int],
    used_a: set[int],
    anchors_q: list[int],
    anchors_a: list[int],
) -> list[tuple[int, int]]:
    """Middle initials of one person name paired with the middle names they open in the other ("Sergey V. <X>" /
    "Sergey Viktorovich <X>"), as resolution's name stack reads them (:func:`names.align._expanded_initials`,
    'initial-expands'). Both words lie unaligned between the two names' aligned name words, and the initial's
    letter opens the word as written or romanisation-folded. An initial of another letter is paired with nothing:
    with a middle word of its own on each side the names keep the score of a difference ("Sergey K. <X>")."""
    if len(anchors_q) < 2 or len(anchors_a) < 2:
        return []
    lo_q, hi_q, lo_a, hi_a = min(anchors_q), max(anchors_q), min(anchors_a), max(anchors_a)
    mid_q = [i for i in range(lo_q + 1, hi_q) if i not in used_q]
    mid_a = [j for j in range(lo_a + 1, hi_a) if j not in used_a]
    out: list[tuple[int, int]] = []
    taken_q: set[int] = set()
    taken_a: set[int] = set()
    for i in mid_q:
        for j in mid_a:
            if j in taken_a or i in taken_q:
                continue
            x, y = q_tokens[i], a_tokens[j]
            if (len(x) == 1) == (len(y) == 1):
                continue
            initial, word = (x, y) if len(x) == 1 else (y, x)
            if token_class(word) == NAME and initial.isalpha() and initial in (word[:1], romanisation_fold(word)[:1]):
                out.append((i, j))
                taken_q.add(i)
                taken_a.add(j)
    return out


def given_name_conflict(
    q_tokens: Sequence[str],
    a_tokens: Sequence[str],
    matched: dict[int, tuple[int, float]],
    script_query: bool = False,
    q_weights: Sequence[float] | None = None,
) -> tuple[str, str] | None:
    """The two given names, when both person names open with one and they are different names, else None.

    The given name is each name's first name word (particles and generic words skipped) in a name whose word
    order is trusted. They contradict when the alignment either paired them with each other below
    FULL_TOKEN_SIM (no spelling variant: "mhmwd"/"muhammad") or left both unpaired (a word of their own on
    each side) - and they are not one name's spellings or short forms (rigour's name symbols, the
    romanisation fold, a prefix "Abd"/"Abdullah", letters kept in order "Mohd"/"Mohammed"). A given name one
    side leaves out is no contradiction: then the other side's first word is paired with a later word
    ("Nasir Sabbagh" / "Muhammad Nasir SABBAGH"), as it also is when one name puts the surname first.
    A query word weighing less than a name word (a script part that may be a title, "حاجی") is no given name."""
    qi = _first_name_word(q_tokens, q_weights)
    if qi is None:
        return None
    aj = _first_word(tuple(a_tokens))
    if aj is None:
        return None
    if qi in matched:
        j, sim = matched[qi]
        if j != aj or sim >= FULL_TOKEN_SIM:
            return None
    elif not matched:
        return None  # nothing else agrees either: no name to contradict
    elif any(j == aj for j, _s in matched.values()):
        return None
    q, a = q_tokens[qi], a_tokens[aj]
    if not script_query and _same_given_name(q, a):
        return None
    return (q, a)


@lru_cache(maxsize=65536)
def _first_word(tokens: tuple[str, ...]) -> int | None:
    """:func:`_first_name_word` of a listed name, whatever its weights: once per name."""
    return _first_name_word(tokens)


def _first_name_word(tokens: Sequence[str], weights: Sequence[float] | None = None) -> int | None:
    for k, t in enumerate(tokens):
        if weights is not None and weights[k] < NAME / 2:
            continue
        if token_class(t) == NAME and not t.isdigit():
            return k
    return None


def _same_given_name(a: str, b: str) -> bool:
    """Spellings or short forms of one given name: "Mohammed"/"Muhammad", "Alex"/"Alexander", "Mohd"/"Mohammed",
    an initial "M"/"Muhammad". The letter tests come first: the name symbols behind :func:`names.parts.
    same_person_part` are looked up only for two words no letter test relates (the lookup is the slow one)."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) or romanisation_fold(long_).startswith(romanisation_fold(short)):
        return True
    if _in_order(short, long_) or _in_order(romanisation_fold(short), romanisation_fold(long_)):
        return True
    return same_person_part(a, b)


def _in_order(short: str, long_: str) -> bool:
    """Whether ``short`` opens as ``long_`` does and its letters appear in ``long_`` in order (an abbreviation)."""
    if not short or short[0] != long_[:1]:
        return False
    it = iter(long_)
    return all(ch in it for ch in short)


def _spelled_pairs(
    q_tokens: Sequence[str],
    q_spellings: Sequence[tuple[str, ...]] | None,
    a_tokens: Sequence[str],
    a_spellings: Sequence[tuple[str, ...]] | None,
) -> dict[tuple[int, int], tuple[str, str]]:
    """Per (query token, listed token) position pair, the two spellings closest in letters, where they reach
    edit similarity 0.5 (a token without spellings is its own one spelling)."""
    qs = q_spellings if q_spellings is not None else [(t,) for t in q_tokens]
    as_ = a_spellings if a_spellings is not None else [(t,) for t in a_tokens]
    flat_q = [v for sp in qs for v in sp]
    owner_q = [i for i, sp in enumerate(qs) for _v in sp]
    flat_a = [v for sp in as_ for v in sp]
    owner_a = [j for j, sp in enumerate(as_) for _v in sp]
    close = cdist(flat_q, flat_a, scorer=Levenshtein.normalized_similarity, score_cutoff=0.5, workers=1)
    best: dict[tuple[int, int], tuple[float, str, str]] = {}
    for r, c in zip(*(ix.tolist() for ix in np.nonzero(close)), strict=True):
        key = (owner_q[r], owner_a[c])
        value = float(close[r, c])
        if key not in best or value > best[key][0]:
            best[key] = (value, flat_q[r], flat_a[c])
    return {key: (qv, av) for key, (_v, qv, av) in best.items()}


def _script_pairs(q_keys: Sequence[PartKey], a_tokens: Sequence[str]) -> set[tuple[int, int]]:
    """(query part, Latin word) positions whose consonant keys agree (:func:`names.translit.keys_close`)."""
    out: set[tuple[int, int]] = set()
    for j, t in enumerate(a_tokens):
        b = consonant_keys(t)
        if b:
            out.update((i, j) for i, key in enumerate(q_keys) if keys_close(key.keys, b))
    return out


def rejoin_script(
    q_tokens: Sequence[str],
    q_weights: Sequence[float],
    q_keys: Sequence[PartKey],
    a_tokens: Sequence[str],
    a_weights: Sequence[float],
) -> tuple[Sequence[str], Sequence[float], Sequence[PartKey], Sequence[str], Sequence[float]]:
    """Script parts read as one Latin word, and Latin words read as one script part, where the joined keys
    agree exactly and the join spells the other side better than any of its parts: "حبيب الله" / "HABIBULLAH",
    "عبد الرحمن" / "Abdul Rahman" (abd + al), "عبدالرحمن" / "Abd al Rahman". Weights add up."""
    if len(q_tokens) > 1:
        latin_keys = [(j, t, consonant_keys(t)) for j, t in enumerate(a_tokens)]
        out_t: list[str] = []
        out_w: list[float] = []
        out_k: list[PartKey] = []
        i = 0
        while i < len(q_tokens):
            joined_at, best, best_key = 0, 0.0, None
            for n in range(2, min(MAX_JOIN, len(q_tokens) - i) + 1):
                key = join_parts(tuple(q_keys[i : i + n]), q_keys[i + n] if i + n < len(q_keys) else None)
                for _j, t, b in latin_keys:
                    if key.keys & b:
                        sim = part_similarity(key, t)
                        # the longer join wins a tie: "هدايت الله" is all of "HIDAYATULLAH", not "هدايت ال"
                        if sim >= best and sim > max(part_similarity(p, t) for p in q_keys[i : i + n]):
                            joined_at, best, best_key = n, sim, key
            if joined_at and best_key is not None:
                out_t.append("".join(q_tokens[i : i + joined_at]))
                out_w.append(sum(q_weights[i : i + joined_at]))
                out_k.append(best_key)
                i += joined_at
            else:
                out_t.append(q_tokens[i])
                out_w.append(q_weights[i])
                out_k.append(q_keys[i])
                i += 1
        q_tokens, q_weights, q_keys = out_t, out_w, out_k
    all_keys = frozenset().union(*(key.keys for key in q_keys))
    if len(a_tokens) > 1:
        a_out_t: list[str] = []
        a_out_w: list[float] = []
        j = 0
        while j < len(a_tokens):
            joined_at, best = 0, 0.0
            for n in range(2, min(MAX_JOIN, len(a_tokens) - j) + 1):
                part = a_tokens[j : j + n]
                if any(t.isdigit() for t in part):
                    break
                joined = "".join(part)
                b = consonant_keys(joined)
                if not b & all_keys:
                    continue
                for key in q_keys:
                    if key.keys & b:
                        sim = part_similarity(key, joined)
                        # the longer join wins a tie, as on the script side: "Abd al-Latif" is all of
                        # "عبداللطيف", not "Abd al" of another part ("عبدالله")
                        if sim >= best and sim > max(part_similarity(key, t) for t in part):
                            joined_at, best = n, sim
            if joined_at:
                a_out_t.append("".join(a_tokens[j : j + joined_at]))
                a_out_w.append(sum(a_weights[j : j + joined_at]))
                j += joined_at
            else:
                a_out_t.append(a_tokens[j])
                a_out_w.append(a_weights[j])
                j += 1
        a_tokens, a_weights = a_out_t, a_out_w
    return q_tokens, q_weights, q_keys, a_tokens, a_weights


def _rejoin(
    tokens: Sequence[str], weights: Sequence[float], other: Sequence[str]
) -> tuple[Sequence[str], Sequence[float]]:
    """``tokens`` with runs of 2..MAX_JOIN adjacent words joined where the joined word is a spelling of a word
    of ``other`` and closer to it than any of its parts (weights add up, so the name keeps its total weight)."""
    if len(tokens) < 2:
        return tokens, weights
    # Only words of the other name long enough to be two joined, by first letter: a joined word starts as
    # its first part does, so most names are passed over without a single comparison.
    targets: dict[str, list[str]] = {}
    for o in other:
        if len(o) >= 5 and o not in tokens:
            for first in {o[0], romanisation_fold(o)[0]}:  # "elsayyid" is also an "a" word ("alsaid")
                targets.setdefault(first, []).append(o)
    if not targets:
        return tokens, weights
    out_t: list[str] = []
    out_w: list[float] = []
    i = 0
    changed = False
    while i < len(tokens):
        joined_at, best = 0, 0.0
        candidates = targets.get(tokens[i][0]) if i < len(tokens) - 1 else None
        for n in range(2, min(MAX_JOIN, len(tokens) - i) + 1) if candidates else ():
            part = tokens[i : i + n]
            if any(t.isdigit() for t in part):
                break
            joined = "".join(part)
            for o in candidates:
                if abs(len(o) - len(joined)) > 3 or Levenshtein.normalized_similarity(joined, o) < 0.6:
                    continue
                sim = spelling_similarity(joined, o)
                if sim >= REJOIN_SIM and sim > best and sim > max(token_similarity(p, o) for p in part):
                    joined_at, best = n, sim
        if joined_at:
            out_t.append("".join(tokens[i : i + joined_at]))
            out_w.append(sum(weights[i : i + joined_at]))
            i += joined_at
            changed = True
        else:
            out_t.append(tokens[i])
            out_w.append(weights[i])
            i += 1
    return (out_t, out_w) if changed else (tokens, weights)


def _middle_weight(weights: Sequence[float], anchors: list[int], used: set[int]) -> float:
    """The weight of unaligned words lying between two anchors: name words (not generic or particles) aligned
    at ANCHOR_SIM or better. "Green Ltd" gets no discount for "GREEN SHIPPING LTD" ("ltd" is no anchor)."""
    if len(anchors) < 2:
        return 0.0
    lo, hi = min(anchors), max(anchors)
    return sum(weights[k] for k in range(lo + 1, hi) if k not in used)


#: Latin spellings of the Arabic article before a closing nisba ("AL-MASRI", "EL-HALABI").
_NISBA_ARTICLES = frozenset({"al", "el"})


def _omissible_latin(tokens: Sequence[str]) -> frozenset[int]:
    """Positions of a Latin name's words another writing of the name often leaves out, known by their form: East
    Slavic patronymics (:func:`names.cyrillic.is_patronymic`) and a closing nisba with its article ("AL-MASRI",
    the -i of origin after al-)."""
    out = {k for k, t in enumerate(tokens) if is_patronymic(t)}
    if len(tokens) > 2 and tokens[-2] in _NISBA_ARTICLES and tokens[-1][-1:] in "iy" and len(tokens[-1]) > 3:
        out.update((len(tokens) - 2, len(tokens) - 1))
    return frozenset(out)


def _omissible_script(keys: Sequence[PartKey]) -> frozenset[int]:
    """Positions of an Arabic-script name's closing nisba and its article ("المصري": al + a word closing with
    the long i of origin), which a Latin entry of the same person often leaves out."""
    if len(keys) > 2 and keys[-2].article and "i" in keys[-1].closing and keys[-1].consonants > 1:
        return frozenset((len(keys) - 2, len(keys) - 1))
    return frozenset()


def _left_omissible(
    tokens: Sequence[str],
    weights: Sequence[float],
    anchors: list[int],
    used: set[int],
    crossed: bool,
    other: Sequence[str],
    other_used: set[int],
    omissible: frozenset[int],
) -> float:
    """The weight of one name's unaligned words that count as left out by the other name, as a middle name
    does, because their form says what they are (``omissible``: a patronymic, a closing nisba): only where
    two name words anchor the alignment, those are this name's only unaligned name words and the other name
    has none of its own ("Козлов Сергей Михайлович" / "Sergey KOZLOV"; not "Ivan Lukashevich" / "Ivan
    IVANOV"). A word between two anchors of names in the same order is already a middle name
    (:func:`_middle_weight`)."""
    if len(anchors) < 2 or not omissible:
        return 0.0
    left = [k for k in range(len(tokens)) if k not in used and (k in omissible or token_class(tokens[k]) == NAME)]
    if not left or not all(k in omissible for k in left):
        return 0.0
    if not any(token_class(tokens[k]) == NAME for k in left):
        return 0.0
    if any(token_class(t) == NAME for j, t in enumerate(other) if j not in other_used):
        return 0.0
    lo, hi = min(anchors), max(anchors)
    return sum(weights[k] for k in left if crossed or not lo < k < hi)


def _crossed(anchors_q: list[int], anchors_a: list[int]) -> bool:
    """Whether the anchor pairs (aligned in the same list order) cross: the two names order them differently."""
    order = [j for _i, j in sorted(zip(anchors_q, anchors_a, strict=True))]
    return any(a > b for a, b in zip(order, order[1:], strict=False))


def _digits(text: str) -> str:
    return _NON_DIGITS.sub("", text)


def schemata_compatible(query_schema: str | None, entity_schema: str) -> bool:
    """True when no schema is asked for, or one schema is a kind of the other (Person ~ LegalEntity)."""
    if not query_schema:
        return True
    q, e = model.get(query_schema), model.get(entity_schema)
    if q is None or e is None:
        return True
    return e.is_a(q) or q.is_a(e)


def dates_compatible(a: str, b: str) -> bool:
    """Two ISO date prefixes agree when one is a prefix of the other ("1971" ~ "1971-03-12")."""
    return a.startswith(b) or b.startswith(a)


def norm_identifier(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def identifier_keys(value: str) -> list[str]:
    """Lookup keys of an identifier: its letters and digits ("IMO 9187629" -> "IMO9187629"), and its digits
    alone when they are most of it ("9187629"), the same rule :func:`identifiers_match` compares by."""
    norm = norm_identifier(value)
    if len(norm) < 4:
        return []
    keys = [norm]
    digits = "".join(ch for ch in norm if ch.isdigit())
    if len(digits) >= 6 and len(digits) >= len(norm) - 4 and digits != norm:
        keys.append(digits)
    return keys


def identifiers_match(query_ids: Sequence[str], entity_ids: Sequence[str]) -> str | None:
    """The first listed identifier equal to a queried one (ignoring punctuation and an IMO-style prefix)."""
    if not query_ids or not entity_ids:
        return None
    listed: dict[str, str] = {}
    for raw in entity_ids:
        norm = norm_identifier(raw)
        listed[norm] = raw
        digits = "".join(ch for ch in norm if ch.isdigit())
        if len(digits) >= 6 and len(digits) >= len(norm) - 4:
            listed.setdefault(digits, raw)
    for raw in query_ids:
        norm = norm_identifier(raw)
        if norm in listed:
            return listed[norm]
        digits = "".join(ch for ch in norm if ch.isdigit())
        if len(digits) >= 6 and len(digits) >= len(norm) - 4 and digits in listed:
            return listed[digits]
    return None
