"""Hedged statements: verbs of appearance raising their subject (issue 12, session 21).

PolNeAR annotates "X seems/appears to Y" as an attribution without a source whose content is the subject and the
complement; the product keeps it as kind hedge, never as anyone's claim. The texts are invented.
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
    ("sentence", "cue", "parts"),
    [
        ("Senator Ada Vale appeared to be on the upswing.", "appeared", ["Senator Ada Vale", "to be on the upswing"]),
        ("The campaign team seemed paralyzed.", "seemed", ["The campaign team", "paralyzed"]),
        ("It appears that the game wasn't boring to everyone.", "appears", ["that the game wasn't boring to everyone"]),
    ],
)
def test_a_verb_of_appearance_is_a_sourceless_hedge(analyse, sentence: str, cue: str, parts: list[str]) -> None:
    quotes = analyse(sentence).quotes
    assert [q.text for q in quotes] == parts
    assert {(q.cue, q.kind, q.speaker, q.source_start) for q in quotes} == {(cue, "hedge", None, -1)}
    assert not any(is_quote_kind(q.kind) for q in quotes)


@pytest.mark.parametrize(
    "sentence",
    ["Ada Vale appeared on the Sunday program with her rival.", "Jon Roe appeared in court on Monday morning."],
)
def test_an_appearance_on_a_stage_is_no_hedge(analyse, sentence: str) -> None:
    assert analyse(sentence).quotes == []


def test_a_hedge_inside_a_saying_is_part_of_the_saying(analyse) -> None:
    """'Ada Roe said the senator seemed ready to quit': the appearance is Roe's claim, nested in it, and the hedge
    never takes the saying's place."""
    (q,) = analyse("Ada Roe said the senator seemed ready to quit the race.").quotes
    assert (q.speaker, q.kind, q.text) == ("Ada Roe", "speech", "the senator seemed ready to quit the race")


def test_a_passive_raising_verb_with_its_infinitive_is_a_hedge(analyse) -> None:
    """ "X is expected to …", "X was said to have …": nobody named says so; a sourceless hedge, never a claim."""
    text = "The fighter was said to have fled to the hills."
    quotes = analyse(text).quotes
    assert [q.text for q in quotes] == ["The fighter", "to have fled to the hills"]
    assert {(q.kind, q.speaker) for q in quotes} == {("hedge", None)}


def test_a_passive_without_an_infinitive_is_no_hedge(analyse) -> None:
    assert analyse("The senator was considered a liberal by his colleagues.").quotes == []


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "Asked whether Jon Roe would hold a cabinet post, she laughed.",
            "whether Jon Roe would hold a cabinet post",
        ),
        (
            "She was asked if she had ever been turned away at the border.",
            "if she had ever been turned away at the border",
        ),
    ],
)
def test_a_question_put_by_an_unnamed_asker_is_a_sourceless_question(analyse, sentence: str, content: str) -> None:
    """PolNeAR annotates "Asked whether …" with no source: the asker goes unnamed. Kind question, no claim, and the
    one answering is never made the asker."""
    (q,) = [q for q in analyse(sentence).quotes if q.kind == "question"]
    assert (q.text, q.speaker, q.source_start) == (content, None, -1)


def test_the_one_answering_a_wh_question_is_never_made_its_asker(analyse) -> None:
    """ "Asked what she would do …, X said …" (session 22): X answers; the question is put by nobody named, so it
    is a sourceless question, never X's speech, and X's answer is X's."""
    quotes = analyse("Asked what she would do about the fares, Mayor Ada Vale said she would cut them.").quotes
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("what she would do about the fares", "question", None),
        ("she would cut them", "speech", "Ada Vale"),
    ]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("It has been reported that the mayor sold the old ferry.", "that the mayor sold the old ferry"),
        ("It is feared that the river dam will break this winter.", "that the river dam will break this winter"),
    ],
)
def test_an_expletive_passive_of_saying_is_a_sourceless_hedge(analyse, sentence: str, content: str) -> None:
    """ "It was reported that …" (session 22): the expletive passive names no sayer; the clause is a hedge."""
    (q,) = analyse(sentence).quotes
    assert (q.text, q.kind, q.speaker, q.source_start) == (content, "hedge", None, -1)
    assert not is_quote_kind(q.kind)


def test_a_passive_of_saying_with_a_subject_of_its_own_is_no_expletive_hedge(analyse) -> None:
    """ "It was reported to the police": no clause, nothing said."""
    assert analyse("It was reported to the harbour police on Monday.").quotes == []


def test_unnamed_questions_are_read_once_by_their_verb(nlp: Language) -> None:
    """One reading of the unasked question serves both uses in ``extract_quotes`` (the verb is no claim's cue; the
    clause is a sourceless question): keyed by the verb, nothing read inside a span left out (a quotation)."""
    from threatgraph.extract.quote_raising import unnamed_questions

    text = "Asked whether the ferry would run, she laughed. “Asked if it would, I laughed,” he said."
    doc = nlp(text)
    quotation = (text.index("“"), text.index("”") + 1)
    found = unnamed_questions(doc, [quotation])
    assert [(doc[i].text, text[a:b]) for i, (_verb, (a, b)) in found.items()] == [
        ("Asked", "whether the ferry would run")
    ]
    assert all(doc[i] == verb for i, (verb, _span) in found.items())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor said that the ferry would run in May.", True),
        ("The mayor said that was the last ferry of the year.", False),
    ],
)
def test_the_complementiser_that_is_told_from_a_subject_that(nlp: Language, sentence: str, expected: bool) -> None:
    """``opening_that`` is the one test by which a verb's and an adjective's content leave out the complementiser
    (PARC 3.0) and keep a "that" that is what was said."""
    from threatgraph.extract.quote_content import opening_that

    doc = nlp(sentence)
    (that,) = [t for t in doc if t.lower_ == "that"]
    assert opening_that(that) is expected
