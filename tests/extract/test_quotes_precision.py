"""What is not an attribution, or not this speaker's (issue 12, session 13): headings, a person's representative,
names and titles in quotation marks, rule texts and evidence verbs.

Each text is invented (a regression test, not evidence of quality); quality is measured on real text by
``benchmarks/extraction_dev.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.quote_kinds import is_quote_kind

from .conftest import analyser, quote_with


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2024, 3, 5))


def test_a_headline_says_nothing_and_does_not_swallow_the_story(analyse) -> None:
    a = analyse(
        "Mayor Says Port Deal Is Dead, Blames Union Leaders\n\n"
        "Mayor Ada Roe said on Monday that the harbour deal had collapsed after months of talks."
    )
    assert [(q.speaker, q.text) for q in a.quotes] == [
        ("Ada Roe", "the harbour deal had collapsed after months of talks")
    ]


def test_a_persons_representative_is_not_that_person(analyse) -> None:
    a = analyse(
        "Senator Tom Brandt said his case was strong and that he would fight the charges in court. "
        "His lawyer said the charges were politically motivated."
    )
    q = quote_with(a.quotes, "politically motivated")
    assert q.speaker == "His lawyer" and q.speaker_group < 0


def test_a_named_persons_representative_is_the_one_introduced_so(analyse) -> None:
    a = analyse(
        "Senator Tom Brandt's lawyer, Jon Vale, spoke to reporters on Monday. "
        "Brandt's lawyer said the charges were politically motivated."
    )
    assert quote_with(a.quotes, "politically motivated").speaker == "Jon Vale"


def test_a_representative_nobody_was_introduced_as_stays_unnamed(analyse) -> None:
    a = analyse(
        "Senator Tom Brandt visited the harbour on Monday with his wife. "
        "Brandt's spokesman said the senator would not attend the hearing."
    )
    q = quote_with(a.quotes, "not attend the hearing")
    assert q.speaker != "Tom Brandt" and q.speaker_group < 0


@pytest.mark.parametrize(
    "text",
    [
        "Senator Tom Brandt published a book called “The Road Back to Prosperity” last year.",
        "The militia, which calls itself “The Army of the Righteous Path,” controls the hills in the north.",
        "Governor Ruth Palmer attended a screening of “Winds Over the Eastern Plains” in Dayton on Friday.",
    ],
)
def test_a_name_in_quotation_marks_is_no_quotation(analyse, text: str) -> None:
    assert analyse(text).quotes == []


def test_a_name_in_quotation_marks_stays_inside_the_reported_clause(analyse) -> None:
    a = analyse("Governor Ruth Palmer said the so-called “Fair Tax and Jobs Act” would hurt workers in the state.")
    assert [q.text for q in a.quotes] == ["the so-called “Fair Tax and Jobs Act” would hurt workers in the state"]


@pytest.mark.parametrize(
    "text",
    [
        "The law says that any citizen may appeal the decision of the board within thirty days.",
        "According to the constitution, the president must sign the bill within ten days of the vote.",
        "The treaty states that both sides will withdraw their forces from the valley by June.",
    ],
)
def test_a_rule_text_is_no_source(analyse, text: str) -> None:
    assert analyse(text).quotes == []


def test_a_finding_of_a_document_is_attributed_but_a_persons_deed_is_not(analyse) -> None:
    deed = analyse("Governor Ruth Palmer showed on Tuesday that she can win the rural vote in the north.")
    assert deed.quotes == []
    poll = analyse("Governor Ruth Palmer won easily. A poll by the Dayton Herald shows that she leads in the north.")
    assert quote_with(poll.quotes, "she leads in the north").speaker is not None


@pytest.mark.parametrize(
    "frame", ["said Brandt's lawyer", "Brandt's lawyer told reporters", "said Brandt's chief of staff"]
)
def test_an_inverted_frame_naming_the_owner_is_not_the_owners_quote(analyse, frame: str) -> None:
    a = analyse(f"Senator Tom Brandt was charged on Monday. “The charges are false and we will fight them,” {frame}.")
    q = quote_with(a.quotes, "charges are false")
    assert q.speaker is not None and q.speaker != "Tom Brandt" and q.speaker_group < 0


def test_words_of_the_frame_after_a_quotation_are_no_content(analyse) -> None:
    a = analyse(
        "Senator Tom Brandt was charged on Monday. “The charges are false and we will fight them,” a lawyer for "
        "Brandt, Jon Vale, said."
    )
    assert [(q.text, q.speaker) for q in a.quotes] == [("The charges are false and we will fight them", "Jon Vale")]


def test_a_participle_clause_before_a_colon_frame_is_no_content(analyse) -> None:
    a = analyse("Asked if he would resign, Brandt said: “Never.”")
    assert [q.text for q in a.quotes if q.kind != "question"] == ["Never."]  # the unnamed asker's question apart


def test_a_woven_quotation_belongs_to_its_own_clause_not_the_next_sentences_cue(analyse) -> None:
    a = analyse(
        "Union officials called the decision “a betrayal of the workers who built this company.” The union's "
        "president, Jon Vale, warned that strikes were possible."
    )
    q = quote_with(a.quotes, "a betrayal")
    assert (q.speaker, q.cue) == ("Union officials", "called")


def test_declining_to_say_reports_nothing(analyse) -> None:
    """No claim; the refusal itself is kept as a stance since s21 (PolNeAR annotates it)."""
    a = analyse("Governor Ruth Palmer declined to say how large a raise the workers of the port would get.")
    assert [q for q in a.quotes if is_quote_kind(q.kind)] == []


def test_a_pronoun_continues_the_unnamed_speaker_just_described(analyse) -> None:
    a = analyse(
        "Governor Ruth Palmer met the union on Monday.\n\n"
        "A spokeswoman for the union said workers would seek higher wages. She said the talks would resume in May."
    )
    q = quote_with(a.quotes, "resume in May")
    assert q.speaker == "spokeswoman" and q.speaker_group < 0


def test_a_pronoun_after_a_named_person_is_that_person(analyse) -> None:
    a = analyse(
        "A spokeswoman for the union said workers would seek higher wages. Governor Ruth Palmer rejected the "
        "demand on Tuesday. She said the budget could not pay for it."
    )
    assert quote_with(a.quotes, "could not pay").speaker == "Ruth Palmer"


def test_a_representative_named_in_apposition_is_that_person(analyse) -> None:
    a = analyse("Senator Tom Brandt denies the charges. His lawyer, Jon Vale, said the charges were false.")
    assert quote_with(a.quotes, "charges were false").speaker == "Jon Vale"
