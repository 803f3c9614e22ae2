"""Attitudes through a predicate adjective (issue 12, session 22): "X is confident that …", "X was eager to …",
"it is unclear whether …".

PolNeAR annotates a copula with an adjective of a state of mind as an attribution: the subject is the source, the
adjective's clause (or, for an adjective of will, the subject's infinitive) the content. With an expletive "it" an
adjective weighing a proposition is the writer's, an attribution without a source kept as kind hedge. The texts
are invented.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.quote_kinds import is_quote_kind

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2016, 3, 5))


def _attitude(analysed, text: str):
    found = [q for q in analysed.quotes if q.cue_start >= 0 and q.kind in ("belief", "stance", "hedge")]
    return [(q.text, text[q.cue_start : q.cue_end], q.kind, q.speaker) for q in found]


@pytest.mark.parametrize(
    ("sentence", "content", "cue", "speaker"),
    [
        (
            "Mayor Ada Vale is confident that the ferry will run again in May.",
            "the ferry will run again in May",
            "is confident",
            "Ada Vale",
        ),
        (
            "Jon Brook was worried that the mill would close before winter.",
            "the mill would close before winter",
            "was worried",
            "Jon Brook",
        ),
        (
            "Senator Lena Marsh is not sure whether the harbour bill can pass.",
            "whether the harbour bill can pass",
            "is not sure",
            "Lena Marsh",
        ),
    ],
)
def test_an_adjective_of_mind_with_a_clause_is_its_subjects_belief(
    analyse, sentence: str, content: str, cue: str, speaker: str
) -> None:
    found = _attitude(analyse(sentence), sentence)
    assert found == [(content, cue, "belief", speaker)]
    assert is_quote_kind("belief")


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "Governor Tom Reyes was eager to settle the dispute with the dock workers.",
            "to settle the dispute with the dock workers",
        ),
        ("Councillor Mia Holt is reluctant to sign the new lease.", "to sign the new lease"),
    ],
)
def test_an_adjective_of_will_takes_its_subjects_infinitive_as_a_stance(analyse, sentence: str, content: str) -> None:
    found = _attitude(analyse(sentence), sentence)
    assert [(text, kind) for text, _cue, kind, speaker in found if speaker] == [(content, "stance")]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("It is unclear whether the bridge will reopen this year.", "whether the bridge will reopen this year"),
        (
            "It is likely that the vote on the harbour plan will be delayed.",
            "the vote on the harbour plan will be delayed",
        ),
    ],
)
def test_an_evaluative_adjective_with_an_expletive_is_a_sourceless_hedge(analyse, sentence: str, content: str) -> None:
    quotes = analyse(sentence).quotes
    assert [(q.text, q.kind, q.speaker, q.source_start) for q in quotes] == [(content, "hedge", None, -1)]
    assert sentence[quotes[0].cue_start : quotes[0].cue_end].lower().startswith("it ")


@pytest.mark.parametrize(
    "sentence",
    [
        "The new ferry is sure to attract tourists from the coast.",  # a raising adjective holds nothing
        "Jon Brook is happy with the new harbour and its cafes.",  # no clause, no infinitive
        "It is clear to the engineers and the crew.",  # no clause
        "The storm was likely to hit the coast by Friday.",  # raising, not the writer's evaluation of a clause
    ],
)
def test_no_attitude_without_a_clause_or_with_a_raising_adjective(analyse, sentence: str) -> None:
    assert _attitude(analyse(sentence), sentence) == []
