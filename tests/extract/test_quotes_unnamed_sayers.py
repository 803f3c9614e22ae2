"""Sayings passed on by nobody named (issue 12, session 22).

"It was reported that …": the expletive passive of a verb of saying names no sayer; the clause is kept as a
sourceless hedge, never a claim. (People's expectations, "analysts expect the bank to …", were tried and
reverted: on held-out dev they cost a strict source phrase.) The texts are invented.
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


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("It has been reported that the mayor sold the old ferry.", "that the mayor sold the old ferry"),
        ("It is feared that the river dam will break this winter.", "that the river dam will break this winter"),
    ],
)
def test_an_expletive_passive_of_saying_is_a_sourceless_hedge(analyse, sentence: str, content: str) -> None:
    (q,) = analyse(sentence).quotes
    assert (q.text, q.kind, q.speaker, q.source_start) == (content, "hedge", None, -1)
    assert not is_quote_kind(q.kind)


def test_a_passive_of_saying_with_a_subject_of_its_own_is_no_expletive_hedge(analyse) -> None:
    """ "It was reported to the police": no clause, nothing said."""
    assert analyse("It was reported to the harbour police on Monday.").quotes == []
