"""Verbs of knowledge and perception with a clause of their own (issue 12, session 21).

PARC attributes "X knows/realised/saw/learned that …" to X as a state of mind (kind belief). Each text is
invented (a regression test, not evidence of quality); quality is measured on PolNeAR by
``benchmarks/quotes_polnear.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2016, 3, 5))


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Senator Ada Vale knows that the bill will fail in the house.", "knows", "the bill will fail in the house"),
        ("Ada Vale realised that the deal with the union was dead.", "realised", "the deal with the union was dead"),
        ("Governor Jon Roe saw that the vote would be close.", "saw", "the vote would be close"),
        ("Jon Roe learned that the port had been mined overnight.", "learned", "the port had been mined overnight"),
    ],
)
def test_a_knowledge_verb_with_a_clause_attributes_it_as_a_belief(
    analyse, sentence: str, cue: str, content: str
) -> None:
    (q,) = analyse(sentence).quotes
    assert (q.cue, q.text, q.kind) == (cue, content, "belief")


@pytest.mark.parametrize(
    "sentence",
    [
        "Jon Roe knew Ada Vale well from their years in the army.",
        "Voters saw the crowd outside the hall on Monday night.",
        "The deal, you know, is dead and the union has gone home.",
        "Ada Vale did not know that the port had been mined.",
        "The ministry learned that the port had been mined overnight.",
    ],
)
def test_a_knowledge_verb_without_a_clause_or_a_person_attributes_nothing(analyse, sentence: str) -> None:
    """An object ("knew Ada Vale"), a parenthetical "you know", a negation, or a body that "learned" (a state of
    mind is held by people; the ministry's knowledge is the writer's account) is no attribution."""
    assert analyse(sentence).quotes == []
