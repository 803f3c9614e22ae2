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


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "Six in 10 say the mayor is at least somewhat decisive.",
            "Six in 10",
            "the mayor is at least somewhat decisive",
        ),
        (
            "Several said they would rather the county run the schools.",
            "Several",
            "they would rather the county run the schools",
        ),
        (
            "Most believe that the harbour has improved since the mayor was elected.",
            "Most",
            "the harbour has improved since the mayor was elected",
        ),
    ],
)
def test_a_quantity_of_people_is_an_unnamed_source(analyse, sentence: str, source: str, content: str) -> None:
    """A poll's share or a bare quantifier as the subject ("six in 10 say", "several said", "most believe") is
    people left unnamed: the claim is kept with its source as written and credited to nobody."""
    (q,) = analyse(sentence).quotes
    assert q.text == content
    assert sentence[q.source_start : q.source_end] == source
    assert q.speaker is None and q.speaker_group == -1


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Campaign strategists think farmers are likely to decide the race in the north.", "Campaign strategists"),
        ("Many of his donors think the levy can be reversed before the spring.", "Many"),
    ],
)
def test_people_named_by_what_they_do_hold_beliefs(analyse, sentence: str, source: str) -> None:
    """A state of mind is held by people only; an agent noun ("strategists", "donors") names people by its form,
    so their belief is an attribution, credited to no named actor."""
    (q,) = analyse(sentence).quotes
    assert q.kind == "belief"
    assert sentence[q.source_start : q.source_end] == source
    assert q.speaker_group == -1


def test_a_persons_team_holds_a_belief_that_is_not_the_persons_own(analyse) -> None:
    """ "Vale's team believes …" is his people's view: an attribution of the team, never credited to Vale."""
    a = analyse(
        "Senator Jon Vale spoke in the capital on Monday.\n\n"
        "Vale's team believes the northern towns are ripe targets for the senator."
    )
    (q,) = a.quotes
    assert q.kind == "belief"
    assert q.speaker == "Vale's team" and q.speaker_group == -1


@pytest.mark.parametrize(
    "sentence",
    [
        "The governments believe the treaty will hold until the summer.",
        "Most of the region believes the treaty will hold until the summer.",
    ],
)
def test_bodies_and_places_hold_no_belief(analyse, sentence: str) -> None:
    """A body's or a place's "belief" is the writer's summary of a position nobody is quoted stating: neither a
    plural that is no agent noun ("governments") nor a quantity of a place is a source of one."""
    assert [q for q in analyse(sentence).quotes if q.kind == "belief"] == []


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "County records show the mill has flown its flag only twice since 2011.",
            "County records",
            "the mill has flown its flag only twice since 2011",
        ),
        (
            "A new county poll shows the mayor with a narrow lead over her rival.",
            "A new county poll",
            "the mayor with a narrow lead over her rival",
        ),
        (
            "A recent harbour survey found broad support for the new ferry.",
            "A recent harbour survey",
            "broad support for the new ferry",
        ),
    ],
)
def test_a_poll_or_records_report_their_finding(analyse, sentence: str, source: str, content: str) -> None:
    """Records, results and polls state findings, through a clause ("records show the mill has …") or a noun
    phrase ("a poll shows the mayor with a narrow lead"): a report attribution with the source as written."""
    (q,) = analyse(sentence).quotes
    assert q.kind == "report"
    assert q.text == content
    assert sentence[q.source_start : q.source_end] == source


@pytest.mark.parametrize(
    "sentence",
    ["The jury found the mayor guilty of fraud last week.", "The mayor showed great courage during the flood."],
)
def test_a_verdict_or_a_deed_is_no_finding(analyse, sentence: str) -> None:
    """Only a finding source reports a noun phrase it finds or shows: a jury's verdict and a person's deed are
    not attributions."""
    assert analyse(sentence).quotes == []


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "In the latest county poll, the mayor has a ten-point lead over her rival.",
            "the latest county poll",
            "the mayor has a ten-point lead over her rival",
        ),
        (
            "The mayor still trails her rival by four points in the polls.",
            "the polls",
            "The mayor still trails her rival by four points",
        ),
    ],
)
def test_a_clause_in_a_poll_is_the_polls_finding(analyse, sentence: str, source: str, content: str) -> None:
    """ "In the latest poll, X leads" attributes the clause to the poll as "according to the poll" does: a
    report, the preposition its cue."""
    (q,) = analyse(sentence).quotes
    assert (q.kind, q.cue, q.text) == ("report", "in", content)
    assert sentence[q.source_start : q.source_end] == source


def test_a_poll_that_frames_a_saying_is_its_medium_not_its_source(analyse) -> None:
    """ "In a survey released on Monday, the ministry said …": the verb says it, the ministry is the source."""
    (q,) = analyse("In a survey released on Monday, the ministry said that exports had fallen.").quotes
    assert q.cue == "said" and q.text == "exports had fallen"


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        (
            "Ada Roe said the ferry would run again in May and warned that fares would rise.",
            "the ferry would run again in May",
            "fares would rise",
        ),
        (
            "He said his recent visits to the port have given the campaign momentum and said that the harbour "
            "board did not represent the town.",
            "his recent visits to the port have given the campaign momentum",
            "the harbour board did not represent the town",
        ),
    ],
)
def test_a_second_saying_coordinated_into_the_content_is_the_same_speakers(
    analyse, sentence: str, first: str, second: str
) -> None:
    """ "X said Y and warned that Z", parsed with "warned" as a conjunct inside Y: two attributions of X; Y ends
    before "and", and Y's subject ("the ferry") is never the source of Z."""
    a, b = analyse(sentence).quotes
    assert (a.text, b.text) == (first, second)
    assert sentence[b.source_start : b.source_end] == sentence[a.source_start : a.source_end]
    assert a.speaker == b.speaker


def test_a_coordinated_clause_with_its_own_subject_stays_one_content(analyse) -> None:
    (q,) = analyse("Jon Vale said the mill had closed and the workers had gone home.").quotes
    assert q.text == "the mill had closed and the workers had gone home"


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "Most of the aldermen said they support the new ferry to the island.",
            "Most",
            "they support the new ferry to the island",
        ),
        ("Two of the aldermen told reporters that the port would close in May.", "Two", "the port would close in May"),
    ],
)
def test_a_verb_of_saying_makes_a_quantity_its_speakers(analyse, sentence: str, source: str, content: str) -> None:
    """ "Most of the aldermen said …": whatever noun the "of" names, a verb of saying makes the quantity one of
    speakers (session 23; a belief still asks the noun to name people, see ``test_bodies_and_places_hold_no_belief``).
    The claim is kept with its source as written and credited to nobody."""
    quotes = [q for q in analyse(sentence).quotes if q.kind == "speech"]
    assert [(q.text, sentence[q.source_start : q.source_end], q.speaker) for q in quotes] == [(content, source, None)]


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "Economists estimate that the port will lose money next year.",
            "Economists",
            "the port will lose money next year",
        ),
        ("Local farmers reported that the river had flooded twice.", "Local farmers", "the river had flooded twice"),
        (
            "Crime experts have concluded that most thefts happen at night.",
            "Crime experts",
            "most thefts happen at night",
        ),
    ],
)
def test_people_report_estimate_and_conclude_as_bodies_do(analyse, sentence: str, source: str, content: str) -> None:
    """The weak verbs of report ("reported", "estimate", "concluded") took only a named actor, a state body or a
    document; people unnamed ("economists", "farmers") report what they find as much."""
    (q,) = analyse(sentence).quotes
    assert (q.text, sentence[q.source_start : q.source_end], q.speaker_group) == (content, source, -1)


def test_people_show_nothing_by_saying(analyse) -> None:
    """A verb of evidence is no saying for people: "experts showed that …" is what their work proves."""
    assert analyse("Experts showed that the dam was weak.").quotes == []


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "content"),
    [
        (
            "Mayor Ada Vale is running a quiet campaign, refusing to criticise the council.",
            "Mayor Ada Vale",
            "refusing",
            "to criticise the council",
        ),
        (
            "The senator wrote to his donors, vowing to stay in the race until June.",
            "The senator",
            "vowing",
            "to stay in the race until June",
        ),
    ],
)
def test_a_participle_after_its_clause_is_the_subjects_stance(
    analyse, sentence: str, source: str, cue: str, content: str
) -> None:
    """ "X ran a quiet campaign, refusing to criticise the council": a participle set off after its clause takes that
    clause's subject, as "…, saying …" does; kind stance, no claim."""
    found = [q for q in analyse(sentence).quotes if q.kind == "stance"]
    assert [(q.text, sentence[q.source_start : q.source_end], sentence[q.cue_start : q.cue_end]) for q in found] == [
        (content, source, cue)
    ]


def test_a_participle_on_a_noun_takes_no_stance(analyse) -> None:
    """ "Voters supporting the levy gathered outside": the participle describes the voters; nobody takes a
    position the text reports."""
    assert [
        q for q in analyse("Voters supporting the levy gathered outside the hall.").quotes if q.kind == "stance"
    ] == []


def test_a_clause_closed_by_a_colon_frames_the_quotation_whatever_its_verb(analyse) -> None:
    """ "The mayor addressed the harbour workers: “…”": a colon closing a clause whose subject can speak introduces the
    quotation through that verb, as '“…,” she continued' does; a thing's verb frames nothing."""
    text = (
        "Mayor Ada Vale addressed the harbour workers: “Nobody regrets the sale more than I do. The ferry should never "
        "have been sold.”"
    )
    (q,) = analyse(text).quotes
    assert (text[q.cue_start : q.cue_end], q.speaker) == ("addressed", "Ada Vale")
    (q,) = analyse("The ferry timetable changed: “Boats leave at nine and at noon every day.”").quotes
    assert q.cue_start == -1 and q.speaker is None
