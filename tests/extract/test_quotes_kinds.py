"""Attribution kinds and the attributions PARC-style gold has beyond sayings (issue 12, session 18).

PolNeAR annotates stances (X wants / endorses / accused …), beliefs held by groups of people and findings of
polls as attributions; the product extracts them with their kind (``extract/quote_kinds.py``). Each text is
invented; quality is measured on PolNeAR by ``benchmarks/quotes_polnear.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.quotes import parc_record
from threatgraph.model import Quote

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2016, 3, 5))


def _one(quotes: list[Quote], word: str) -> Quote:
    found = [q for q in quotes if word in q.text]
    assert len(found) == 1, [(q.speaker, q.text) for q in quotes]
    return found[0]


def _source(text: str, q: Quote) -> str:
    return text[q.source_start : q.source_end]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Governor Ada Wrenfield endorsed Tom Brook on Monday, a week before the primary.",
            "Ada Wrenfield",
            "Tom Brook",
        ),
        (
            "Senator Ada Wrenfield accused the county clerk of hiding the budget figures.",
            "Ada Wrenfield",
            "the county clerk of hiding the budget figures",
        ),
        (
            "Tom Brook vowed to cut taxes for small bakeries in the valley.",
            "Tom Brook",
            "to cut taxes for small bakeries in the valley",
        ),
    ],
)
def test_a_stance_verb_takes_its_object_or_infinitive_as_content(
    analyse, text: str, speaker: str, content: str
) -> None:
    """'X endorsed Y', 'X accused Y of Z', 'X vowed to Z': the position X takes is the content, of kind stance
    (old code: no clause, no attribution)."""
    q = _one(analyse(text).quotes, content.split()[-1])
    assert (q.speaker, q.text, q.kind, q.direct) == (speaker, content, "stance", False)


@pytest.mark.parametrize(
    "text",
    [
        "Voters supporting Tom Brook filled the hall in Eastfield on Saturday night.",
        "The new bill supports farmers in the valley with cheaper loans.",
        "Tom Brook was endorsed by the county paper on Sunday morning.",
        "The rebels attacked the army base near Eastfield on Tuesday night.",
        "The militants planned the attack on the army base for months.",
        "After the fighters had left the town, the governor announced a curfew.",
    ],
)
def test_no_stance_without_a_subject_that_takes_it(analyse, text: str) -> None:
    """A participle takes its source from another clause, a bill holds no position, a passive's subject is the
    one endorsed, and an attack, a plan of one or a curfew announced are deeds, no stance: none of them is an
    attribution."""
    assert analyse(text).quotes == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Many farmers in the valley fear that the new tariff will raise the price of feed.", "Many farmers"),
        ("Some Democrats worry that the turnout in the city will fall this year.", "Some Democrats"),
        ("They believe that the mill will close before the winter.", "They"),
    ],
)
def test_people_hold_beliefs_whether_or_not_they_are_named(analyse, text: str, source: str) -> None:
    """A belief is held by people: a noun for people, a party's members or a pronoun is its source (old code:
    only a named person could believe, so these were dropped); the kind is belief."""
    (q,) = analyse(text).quotes
    assert (_source(text, q), q.kind) == (source, "belief")
    assert q.text.startswith("the ")


def test_the_united_states_believing_is_no_persons_belief(analyse) -> None:
    """A country 'believes' only in the writer's summary of its policy: no attribution, as before."""
    assert analyse("The United States believes that the ceasefire will hold through the winter.").quotes == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ada Wrenfield said on Monday that the talks had failed after the second round.", "speech"),
        ("Ada Wrenfield said in a statement that the talks had failed after the second round.", "written"),
        ("Ada Wrenfield wrote on her blog that the talks had failed after the second round.", "written"),
        ("According to Ada Wrenfield, the talks failed after the second round in the capital.", "according"),
        ("A new poll by Eastfield College shows that Tom Brook leads the race by ten points.", "report"),
    ],
)
def test_every_attribution_has_a_kind(analyse, text: str, kind: str) -> None:
    """Speech, writing, according-to and a poll's finding are told apart; the PARC record carries the kind."""
    (q,) = analyse(text).quotes
    assert q.kind == kind
    assert parc_record(q, text)["kind"] == kind


def test_a_poll_suggests_its_finding(analyse) -> None:
    """'Exit polls suggested that …': a poll's finding, reported through a verb people use for their views (old
    code: only a person could 'suggest', so the finding was dropped); its kind is report."""
    text = "Exit polls in the county suggested that turnout among young voters fell by a third."
    (q,) = analyse(text).quotes
    assert (_source(text, q), q.kind) == ("Exit polls", "report")
    assert q.text == "turnout among young voters fell by a third"


@pytest.mark.parametrize(
    "text",
    [
        "Sales of the novel rose by a third last year, according to Nielsen.",
        "According to Gallup, the governor's approval rating has risen to the low fifties.",
    ],
)
def test_according_to_a_name_typed_as_a_place_is_a_source(analyse, text: str) -> None:
    """The object of "according to" is a source by its syntax; a pollster's or firm's name the tagger typed as
    a place is kept as written (old code: a place is nobody's voice, so the attribution was dropped) and is
    credited to no place entity."""
    (q,) = analyse(text).quotes
    assert q.kind == "according" and q.speaker in ("Nielsen", "Gallup") and q.speaker_group == -1


def test_a_stance_taken_through_its_preposition(analyse) -> None:
    """'X called for Y', 'X argued against Y': the preposition's object is the stance's content and the
    preposition is part of the cue (old code: "call" framed only a characterisation); 'called reporters to her
    office' takes no position."""
    text = "Senator Ada Vale called for a ban on imports of cheap steel."
    (q,) = analyse(text).quotes
    assert (q.speaker, q.text, q.kind) == ("Ada Vale", "a ban on imports of cheap steel", "stance")
    assert text[q.cue_start : q.cue_end] == "called for"
    assert analyse("Ada Vale called reporters to her office on Monday morning.").quotes == []


@pytest.mark.parametrize(
    ("text", "name", "phrase"),
    [
        (
            "Ada Wrenfield, a spokeswoman for the county board, said the vote had been moved to June.",
            "Ada Wrenfield",
            "Ada Wrenfield, a spokeswoman for the county board",
        ),
        (
            "Officials who spoke on condition of anonymity said the vote had been moved to June.",
            "Officials",
            "Officials who spoke on condition of anonymity",
        ),
        (
            "“The vote has been moved to June,” said Tom Brook, who chairs the board.",
            "Tom Brook",
            "Tom Brook, who chairs the board",
        ),
    ],
)
def test_the_source_is_also_kept_as_its_whole_noun_phrase(analyse, text: str, name: str, phrase: str) -> None:
    """PARC-style gold writes the source as the whole noun phrase, apposition and relative clause included; the
    quote keeps it beside the name span (old code: the name span only), never over the cue or the content."""
    (q,) = analyse(text).quotes
    assert text[q.source_start : q.source_end] == name
    assert text[q.phrase_start : q.phrase_end] == phrase
    assert parc_record(q, text)["source_phrase"]["text"] == phrase


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        ("A reporter asked Ada Vale whether she would sign the bill.", "whether she would sign the bill", "question"),
        (
            "Tom Brook asked if the mill would reopen before the winter.",
            "if the mill would reopen before the winter",
            "question",
        ),
        (
            "Ada Vale asked voters to back the bond measure in November.",
            "voters to back the bond measure in November",
            "stance",
        ),
    ],
)
def test_a_question_asked_is_an_attribution_of_its_own_kind(analyse, text: str, content: str, kind: str) -> None:
    """'X asked whether …' attributes a question (kind question, opener kept as PARC does) and 'X asked Y to …' a
    request (old code: "ask" was no cue); neither is shown as a claim."""
    (q,) = analyse(text).quotes
    assert (q.text, q.kind) == (content, kind)


def test_the_answer_to_an_unnamed_askers_question_is_the_answerers(analyse) -> None:
    """'Asked if …, X said …': the asker goes unnamed, so the question is nobody's (kept without a source, kind
    question, since session 21 as PolNeAR annotates it); X's answer is X's, and X never becomes the asker."""
    quotes = analyse("Asked if he would run again, Tom Brook said he had not decided yet.").quotes
    (q,) = [q for q in quotes if q.kind != "question"]
    assert (q.speaker, q.text, q.kind) == ("Tom Brook", "he had not decided yet", "speech")
    assert [(x.speaker, x.text) for x in quotes if x.kind == "question"] == [(None, "if he would run again")]
