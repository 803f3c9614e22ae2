"""Lemmas checked against the tag and English spelling (``events_lemmas._pick``; issue 12, session 21).

spaCy's rule lemmatizer strips endings blindly and prefers the last match, so without a check "hopes" became
"hop", "business" "busines" and "need" "nee": every cue and trigger lexicon missed those words.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.events_lemmas import _regular, lemma


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("She hopes that the vote will pass.", "hopes", "hope"),
        ("They hoped the vote would pass.", "hoped", "hope"),
        ("He was hoping to win the seat.", "hoping", "hope"),
        ("They hoped the vote would pass.", "pass", "pass"),
        ("We need a new business plan.", "need", "need"),
        ("We need a new business plan.", "business", "business"),
        ("The news from the front is bad.", "news", "news"),
        ("The rabbits hopped across the field.", "hopped", "hop"),
        ("She visited the camp twice.", "visited", "visit"),
        ("The choir was singing all night.", "singing", "sing"),
        ("The taxes on fuel rose again.", "taxes", "tax"),
        ("The militia waged war on the town.", "waged", "wage"),
    ],
)
def test_a_lemma_is_spelled_back_into_its_word(nlp: Language, sentence: str, word: str, expected: str) -> None:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    assert lemma(tok) == expected


def test_regular_spelling_doubles_a_one_syllable_closed_stem_only() -> None:
    assert "hopped" in _regular("hop") and "hoped" not in _regular("hop")
    assert {"hoped", "hoping", "hopes"} <= _regular("hope")
    assert {"visited", "visitted"} <= _regular("visit")
    assert {"seeing"} <= _regular("see") and {"taxes"} <= _regular("tax") and {"tries", "tried"} <= _regular("try")
