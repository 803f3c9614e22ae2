"""Who does not speak (issue 12, session 14): a person a speaker only relates to, a verbless small clause, and a
pronoun of the other gender after a chain of pronouns.

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


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("A biography of President Mara Quist says she grew up on a farm near the river.", "grew up"),
        ("Supporters of President Mara Quist argued that the protests were organized abroad.", "organized"),
        ("Friends of the late Jon Vale recalled that he loved the sea and hated the city.", "loved the sea"),
        ("A spokesman for President Mara Quist said that she had not been consulted on the plan.", "consulted"),
        ("An aide to Governor Ada Roe said the governor would veto the bill next week.", "veto the bill"),
    ],
)
def test_a_person_the_speaker_only_relates_to_is_not_the_speaker(analyse, text: str, words: str) -> None:
    q = quote_with(analyse(text).quotes, words)
    assert q.speaker_group < 0, q.speaker


def test_a_title_with_a_preposition_still_names_its_holder(analyse) -> None:
    a = analyse("Minister for Foreign Affairs Ada Roe said the embassy would reopen in the spring.")
    assert quote_with(a.quotes, "embassy would reopen").speaker == "Ada Roe"


def test_a_person_apposed_to_the_speaker_is_the_speaker(analyse) -> None:
    a = analyse("The spokesman for the Interior Ministry, Jon Vale, said the attackers had been identified.")
    assert quote_with(a.quotes, "attackers had been identified").speaker == "Jon Vale"


def test_a_verbless_small_clause_is_no_reported_statement(analyse) -> None:
    a = analyse("The court found Jon Vale guilty of fraud and sentenced him to five years in prison.")
    assert a.quotes == []


def test_a_pronoun_of_the_other_gender_leaves_the_chain_for_someone_else(analyse) -> None:
    a = analyse(
        "President Mara Quist met Prime Minister Jon Vale on Monday. "
        '"We agreed on a timetable," she said. He said the talks had been difficult but useful.'
    )
    assert quote_with(a.quotes, "timetable").speaker == "Mara Quist"
    assert quote_with(a.quotes, "difficult but useful").speaker == "Jon Vale"


def test_a_quotation_modifying_the_noun_after_it_is_a_term(analyse) -> None:
    a = analyse(
        "Jon Vale said the deal was dead. Beijing has promised to respect the "
        '"one country, two systems" formula for fifty years.'
    )
    assert [q.text for q in a.quotes if is_quote_kind(q.kind)] == ["the deal was dead"]  # "promised to …": a stance


def test_an_earlier_sentences_cue_does_not_frame_a_quotation_inside_another_sentence(analyse) -> None:
    a = analyse(
        "Mara Quist said she would run again. "
        'Her campaign slogan, "a fair deal for every family," has been widely mocked by rivals.'
    )
    assert quote_with(a.quotes, "every family").speaker is None


def test_a_quotation_opening_its_sentence_still_continues_the_speaker_before(analyse) -> None:
    a = analyse('Jon Vale said the talks had failed. "There is no trust left between us and them."')
    assert quote_with(a.quotes, "no trust left").speaker == "Jon Vale"


def test_a_saying_reported_inside_another_speakers_content_is_not_stated_as_fact(analyse) -> None:
    a = analyse(
        "Ada Roe said that Jon Vale, the former minister, had told her the deal was off. "
        "Vale denied that on Tuesday, saying he had never spoken to her."
    )
    assert [(q.speaker, q.text) for q in a.quotes] == [
        ("Ada Roe", "Jon Vale, the former minister, had told her the deal was off"),
        ("Jon Vale", "he had never spoken to her"),
    ]


def test_the_complement_after_the_cue_is_the_content_not_the_clause_around_it(analyse) -> None:
    a = analyse("The announcement came a day after Jon Vale, the army chief, said his forces were ready.")
    assert [(q.speaker, q.text) for q in a.quotes] == [("Jon Vale", "his forces were ready")]


@pytest.mark.parametrize(
    "text",
    [
        "President Mara Quist is expected to say in her speech on Friday that the economy has recovered.",
        "If Ada Roe says the vote was rigged, her supporters may take to the streets in protest.",
        "Jon Vale will announce on Monday that the company is moving its headquarters abroad.",
    ],
)
def test_a_saying_that_has_not_happened_reports_no_claim(analyse, text: str) -> None:
    assert [q for q in analyse(text).quotes if is_quote_kind(q.kind) or q.speaker] == []  # a hedge at most


def test_a_saying_the_text_reports_as_made_is_kept(analyse) -> None:
    a = analyse("Jon Vale is reported to have said that the army would not intervene in the dispute.")
    assert quote_with([q for q in a.quotes if q.kind != "hedge"], "would not intervene").speaker == "Jon Vale"


def test_a_description_is_the_person_given_it_as_title_not_a_neighbour(analyse) -> None:
    a = analyse(
        "Jon Vale met Ada Roe, the opposition leader, on Tuesday. "
        "The opposition leader said afterwards that the meeting had been constructive."
    )
    assert quote_with(a.quotes, "constructive").speaker == "Ada Roe"


def test_a_saying_coordinated_with_another_is_a_statement_of_its_own(analyse) -> None:
    a = analyse("Ada Roe said the talks had failed, and Jon Vale said they would resume next week in Geneva.")
    assert quote_with(a.quotes, "resume next week").speaker == "Jon Vale"


def test_a_lower_case_title_naming_its_domain_still_names_its_holder(analyse) -> None:
    a = analyse("The minister for religious affairs Ada Roe said the ministry would be closed in the spring.")
    assert quote_with(a.quotes, "ministry would be closed").speaker == "Ada Roe"


def test_a_pronoun_of_the_other_gender_after_a_one_person_sentence_stays_open(analyse) -> None:
    a = analyse('Jon Vale arrived late. "We were delayed," she said. "It was a long trip," he said.')
    assert quote_with(a.quotes, "long trip").speaker == "Jon Vale"


@pytest.mark.parametrize(
    "text",
    [
        "Asked about the arrests, Jon Vale could only say that the investigation was continuing.",
        "Jon Vale tried to explain that the army had not been told about the plan in advance.",
    ],
)
def test_a_saying_told_through_could_or_an_effort_verb_did_happen(analyse, text: str) -> None:
    assert [q.speaker for q in analyse(text).quotes] == ["Jon Vale"]
