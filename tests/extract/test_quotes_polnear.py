"""Attribution classes found missing or broken on PolNeAR train (issue 12, session 17).

Each text is invented (a regression test, not evidence of quality); quality is measured on PolNeAR by
``benchmarks/quotes_polnear.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.extract.quote_kinds import is_quote_kind
from threatgraph.extract.quote_speakers import attribution_for

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2016, 3, 5))


def test_an_inverted_surname_keeps_its_own_source_span(nlp: Language) -> None:
    """'…," said Wrenfield' with the surname left untagged resolves through the full name mentioned before the
    cue; the source span is the surname where it is written, never one ending before it starts."""
    text = (
        "Governor Ada Wrenfield spoke at the rally in the capital on Monday afternoon.\n\n"
        "“We will win this state and then we will win the country,” said Wrenfield."
    )
    doc = nlp(text)
    surname = text.rindex("Wrenfield")
    mentions = [m for m in extract_mentions(doc) if m.start != surname]  # as if the tagger had missed it
    cue = next(t for t in doc if t.lower_ == "said")
    att = attribution_for(cue, MentionIndex(doc, mentions))
    assert att.speaker is not None and att.speaker.text == "Ada Wrenfield"
    assert att.source is not None and text[att.source[0] : att.source[1]] == "Wrenfield"


@pytest.mark.parametrize("dateline", ["New Harbor (AFP) –", "NEW HARBOR (AP) –"])
def test_a_dateline_parsed_as_the_subject_is_never_the_speaker(analyse, dateline: str) -> None:
    """A dateline the parser reads as the subject of the main verb ('Place (Agency) – Ada Vale has …, saying
    that …') is a place and an agency, nobody's voice; in title case too, where its agency credit marks it."""
    a = analyse(
        "Vale attacks rival over trade.\n\n"
        f"{dateline} Democrat Ada Vale has criticised her rival over trade, saying that the plan would cost "
        "thousands of jobs in the state."
    )
    (q,) = [q for q in a.quotes if is_quote_kind(q.kind)]  # "has criticised her rival" is a stance
    assert q.speaker == "Ada Vale"
    assert "Harbor" not in q.speaker and "HARBOR" not in q.speaker


def test_a_party_and_state_after_a_name_is_no_dateline() -> None:
    from threatgraph.extract.quote_marks import DATELINE

    assert DATELINE.match("Mexico City (Reuters) — The") is not None
    assert DATELINE.match("Ada Vale (D-Ohio) — said") is None


def test_two_apostrophes_mark_a_quotation_as_double_quotes_do(analyse) -> None:
    """Typewriter and archive copy writes ''…'' for “…”: the quotation is found from its marks, framed by
    its cue, and its second part after the frame is the same speaker's."""
    a = analyse(
        "The mayor, Tom Vale, spoke at the town hall on Monday.\n\n"
        "''Nobody expected the budget to pass this early,'' he said. ''Now we have to spend it well.''"
    )
    first = next(q for q in a.quotes if "budget" in q.text)
    second = next(q for q in a.quotes if "spend it" in q.text)
    assert (first.text, first.direct, first.speaker) == (
        "Nobody expected the budget to pass this early",
        True,
        "Tom Vale",
    )
    assert (second.direct, second.speaker) == (True, "Tom Vale")


def test_a_characterisation_without_quotation_marks_is_the_subjects_claim(analyse) -> None:
    """'X called the Y a Z' attributes to X the view that Y is a Z (PARC content: the object and its
    predicate), with or without quotation marks; a participle's subject is its speaker."""
    a = analyse("Governor Tom Brisk spoke in Dayton, calling the new budget a betrayal of every taxpayer in the state.")
    (q,) = a.quotes
    assert (q.speaker, q.cue, q.text) == (
        "Tom Brisk",
        "calling",
        "the new budget a betrayal of every taxpayer in the state",
    )
    b = analyse("The governor, Tom Brisk, described the plan as a gimmick that voters would reject within a year.")
    (r,) = b.quotes
    assert r.speaker == "Tom Brisk" and r.text.startswith("the plan as a gimmick")


def test_a_naming_or_a_phone_call_is_no_characterisation(analyse) -> None:
    a = analyse("A group called the River Harbour Trust met on Monday. Ada Roe called the mayor on Tuesday.")
    assert a.quotes == []
