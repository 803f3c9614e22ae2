"""Attribution classes PolNeAR train half A (salt s19) showed missing (issue 12, session 19).

Each text is invented (a regression test, not evidence of quality); quality is measured on PolNeAR by
``benchmarks/quotes_polnear.py``.
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
        (
            "Jon Vale said if the river rises again, the lower town will have to be evacuated.",
            "if the river rises again, the lower town will have to be evacuated",
        ),
        (
            "The harbour master said that if the dam fails, the valley will flood within hours.",
            "if the dam fails, the valley will flood within hours",
        ),
        (
            "Ada Roe said unless the strike ends, the port will stay shut for a month.",
            "unless the strike ends, the port will stay shut for a month",
        ),
    ],
)
def test_a_condition_opening_the_reported_clause_is_part_of_the_claim(analyse, sentence: str, content: str) -> None:
    """ "said if X, Y" states Y under a condition: the "if" marks a clause inside the content, not the content
    itself, so it is no indirect question and stays in the content as PARC keeps it."""
    (q,) = [q for q in analyse(sentence).quotes if is_quote_kind(q.kind)]
    assert q.text == content


@pytest.mark.parametrize("opener", ["whether", "if"])
def test_an_indirect_question_after_a_saying_is_still_no_claim(analyse, opener: str) -> None:
    a = analyse(f"Ada Roe did not say {opener} the plant in the valley would close next year.")
    assert [q for q in a.quotes if is_quote_kind(q.kind)] == []

