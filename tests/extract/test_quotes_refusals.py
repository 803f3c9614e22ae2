"""Stances through an infinitive: a refusal ("declined to comment") and a call on someone to act (issue 12, s21).

PolNeAR annotates the infinitive as the content of the refusal's source; the product keeps it as kind stance (no
claim). The texts are invented.
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
        ("Ada Vale declined to comment.", "declined", "to comment"),
        ("The spokesman refused to answer questions on the deal.", "refused", "to answer questions on the deal"),
        ("Ada Vale declined to say whether she would run.", "declined", "to say whether she would run"),
    ],
)
def test_a_refusal_takes_its_infinitive_as_a_stance(analyse, sentence: str, cue: str, content: str) -> None:
    (q,) = analyse(sentence).quotes
    assert (q.cue, q.text, q.kind) == (cue, content, "stance")


@pytest.mark.parametrize("sentence", ["Sales declined 5 percent in May.", "Jon Roe declined the invitation."])
def test_a_decline_without_an_infinitive_is_no_refusal(analyse, sentence: str) -> None:
    assert analyse(sentence).quotes == []


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        (
            "Senator Ada Vale called on the council to close the port.",
            "called on",
            "the council to close the port",
        ),
        (
            "Senator Ada Vale called upon the regime to free the prisoners.",
            "called upon",
            "the regime to free the prisoners",
        ),
    ],
)
def test_calling_on_someone_to_act_is_a_stance(analyse, sentence: str, cue: str, content: str) -> None:
    (q,) = analyse(sentence).quotes
    assert (sentence[q.cue_start : q.cue_end], q.text, q.kind) == (cue, content, "stance")


def test_calling_on_someone_without_an_infinitive_is_a_visit(analyse) -> None:
    assert analyse("Ada Vale called on Jon Roe at his office on Monday.").quotes == []
