"""Attribution mechanisms that hold across genres (issue 12, session 11): speaker chains, titles, clean spans.

Each text is invented (a regression test, not evidence of quality); quality is measured on real text by
``benchmarks/extraction_dev.py`` (dev, tune2 and the re3d/Arab News splits).
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


def test_a_pronoun_the_article_gave_one_person_never_moves_to_another(analyse) -> None:
    a = analyse(
        "Senator Mark Ellison met Governor Ruth Palmer on Tuesday. Ellison has long opposed the plan.\n"
        '"We will not give up on this," he said. "It matters too much to the people of this state."\n'
        'Palmer disagreed. "The numbers that Mark has put forth are simply wrong," she said.'
    )
    assert quote_with(a.quotes, "give up").speaker == "Mark Ellison"
    assert quote_with(a.quotes, "simply wrong").speaker == "Ruth Palmer"


def test_a_description_is_the_person_given_that_title_not_the_nearest(analyse) -> None:
    a = analyse(
        "Foreign Minister Lena Haas met the army chief, General Piet Vos, in Geneva on Monday. Vos arrived late.\n"
        '"We have agreed on a framework," the minister said.'
    )
    assert quote_with(a.quotes, "framework").speaker == "Lena Haas"


def test_an_apposed_title_names_the_person_a_description_means(analyse) -> None:
    a = analyse(
        "Tom Reyes, the interior minister, met the envoy Clara Blum on Friday. Blum praised the talks.\n"
        "The minister told reporters that the border would reopen next week."
    )
    assert quote_with(a.quotes, "border would reopen").speaker == "Tom Reyes"


def test_a_bare_surname_the_tagger_missed_is_the_person_named_before(analyse) -> None:
    a = analyse(
        "Senator Mark Ellison met Governor Ruth Palmer on Tuesday. Palmer said the plan would fail without money."
    )
    q = quote_with(a.quotes, "plan would fail")
    assert q.speaker == "Ruth Palmer" and q.speaker_group >= 0


def test_a_surname_two_people_share_names_neither(analyse) -> None:
    a = analyse(
        "Senator Mark Ellison met his brother, Judge Paul Ellison, on Tuesday. "
        "Ellison said the plan would fail without money."
    )
    q = quote_with(a.quotes, "plan would fail")
    assert q.speaker not in ("Mark Ellison", "Paul Ellison") or q.speaker_group < 0


def test_a_heading_line_is_no_part_of_the_reported_content(analyse) -> None:
    text = (
        "Relief Supplies Reach the Northern Districts\nAid convoys reached four districts on Sunday, the agency said."
    )
    a = analyse(text)
    q = quote_with(a.quotes, "Aid convoys")
    assert text[q.start : q.end] == "Aid convoys reached four districts on Sunday"


def test_a_hard_wrapped_line_stays_in_the_content(analyse) -> None:
    text = "In the past day the coalition\nconducted five strikes near the dam, Governor Ruth Palmer said."
    a = analyse(text)
    assert quote_with(a.quotes, "five strikes").start == 0


def test_an_invisible_format_character_is_no_part_of_a_quotation(analyse) -> None:
    text = "“\u200eWe will rebuild the bridge before winter,” said Mayor Ines Kalb."
    q = quote_with(analyse(text).quotes, "rebuild")
    assert text[q.start : q.end] == "We will rebuild the bridge before winter"


def test_a_quotation_run_on_after_a_missing_stop_is_the_content(analyse) -> None:
    text = (
        "Mayor Ines Kalb toured the district. The convoy left at dawn  "
        "“The road is open again and the trucks are moving,” Kalb said."
    )
    q = quote_with(analyse(text).quotes, "road is open")
    assert text[q.start : q.end] == "The road is open again and the trucks are moving"
    assert q.direct and q.speaker == "Ines Kalb"


def test_a_quotation_woven_into_the_clause_keeps_the_clause(analyse) -> None:
    text = "Governor Ruth Palmer called the budget “a betrayal of every family in the state,” her office said."
    a = analyse(text)
    assert not any(q.text.startswith("a betrayal") and q.direct and q.speaker_group >= 0 for q in a.quotes)


def test_an_indefinite_description_is_someone_new_and_unnamed(analyse) -> None:
    a = analyse(
        "President Alan Brook visited the border on Monday. "
        "A senior official, speaking on condition of anonymity, said the troops would stay until spring."
    )
    q = quote_with(a.quotes, "troops would stay")
    assert q.speaker_group < 0 and q.speaker != "Alan Brook"


def test_a_spokesman_is_not_the_minister_named_before(analyse) -> None:
    a = analyse(
        "Defence Minister Karl Dunn opened the base on Monday. "
        "A spokesman for the ministry said the base would house 2,000 troops."
    )
    assert quote_with(a.quotes, "house 2,000").speaker_group < 0


def test_a_definite_description_nobody_was_given_names_nobody(analyse) -> None:
    a = analyse(
        "President Alan Brook visited the border on Monday. The official said the troops would stay until spring."
    )
    assert quote_with(a.quotes, "troops would stay").speaker_group < 0


def test_a_title_noun_the_article_gave_someone_describes_them(analyse) -> None:
    a = analyse(
        "Governor Ruth Palmer said the budget would pass. But her deputy, Sam Ortiz, warned that the vote was "
        "close. The deputy said he had counted only 40 votes."
    )
    assert quote_with(a.quotes, "counted only 40").speaker == "Sam Ortiz"


def test_an_abbreviated_title_is_the_word_a_description_uses(analyse) -> None:
    a = analyse(
        "Foreign Minister Lena Haas met Lt. Gen. Piet Vos in Geneva. Haas spoke first.\n"
        "The general said the troops would stay until the spring."
    )
    assert quote_with(a.quotes, "troops would stay").speaker == "Piet Vos"


def test_an_interrupting_attribution_leaves_the_content_in_two_parts(analyse) -> None:
    text = "The talks, Senator Jon Vale said, would resume next week."
    parts = [text[q.start : q.end] for q in analyse(text).quotes if q.speaker == "Jon Vale"]
    assert parts == ["The talks", "would resume next week"]


def test_a_closing_according_to_still_ends_the_content(analyse) -> None:
    text = "The ceasefire is holding, according to the UN envoy Jon Vale."
    q = quote_with(analyse(text).quotes, "ceasefire")
    assert text[q.start : q.end] == "The ceasefire is holding"


def test_a_heading_above_the_speaker_is_neither_speaker_nor_title(analyse) -> None:
    for text in (
        "Details\nSenator Jon Vale said the talks would resume next week.",
        "Highlights\nJon Vale told reporters the talks would resume next week.",
    ):
        q = quote_with(analyse(text).quotes, "talks would resume")
        assert q.speaker == "Jon Vale" and q.speaker_title in (None, "Senator")
        assert text[q.source_start : q.source_end] in ("Jon Vale", "Senator Jon Vale")


def test_the_domain_of_a_title_is_not_a_description_of_its_holder(analyse) -> None:
    a = analyse(
        "Senior Superintendent of Police Omar Fadl told reporters the men were held overnight. "
        "According to police, two of the suspects had fought abroad before joining the militia."
    )
    q = quote_with(a.quotes, "fought abroad")
    assert q.speaker != "Omar Fadl"


def test_a_belief_or_finding_with_a_clause_is_an_attribution(analyse) -> None:
    a = analyse(
        "Senator Jon Vale thinks the deal will collapse. "
        "A UN report found that the militia had recruited children. Ruth Palmer agreed that the plan needed work."
    )
    assert quote_with(a.quotes, "deal will collapse").speaker == "Jon Vale"
    assert quote_with(a.quotes, "recruited children").speaker == "UN"
    assert quote_with(a.quotes, "plan needed work").speaker == "Ruth Palmer"


def test_a_belief_verb_without_a_clause_attributes_nothing(analyse) -> None:
    a = analyse(
        "The soldiers were found dead near the river. Ruth Palmer agreed to meet the envoy on Friday. "
        "It is expected that the vote will pass."
    )
    assert not [q for q in a.quotes if q.speaker_group >= 0 and is_quote_kind(q.kind)]  # "agreed to meet": a stance


def test_a_pronoun_after_an_untagged_surname_is_that_person(analyse) -> None:
    a = analyse(
        "WASHINGTON — President Alan Brook on Tuesday defended his plan to withdraw troops from the region, days "
        "after Senator Mark Ellison called it reckless.\n"
        'Ellison, a Republican from Ohio, has led the criticism. "This is a gift to our enemies," he told reporters '
        "on Monday.\n"
        'Brook, speaking at the White House, rejected that. "We have done our job and it is time to come home," '
        "he said."
    )
    assert quote_with(a.quotes, "gift to our enemies").speaker == "Mark Ellison"
    assert quote_with(a.quotes, "come home").speaker == "Alan Brook"


@pytest.mark.parametrize(
    "text",
    [
        "KABUL, Afghanistan (AP) — The Taliban said their fighters had seized a district in the north.",
        "WASHINGTON (Reuters) - The Taliban said their fighters had seized a district in the north.",
    ],
)
def test_a_dateline_with_country_and_agency_is_never_the_speaker(analyse, text: str) -> None:
    q = quote_with(analyse(text).quotes, "seized a district")
    assert q.speaker == "Taliban"


def test_a_body_owned_by_a_named_actor_speaks_as_that_body(analyse) -> None:
    q = quote_with(
        analyse("ISLAMABAD: Pakistan's foreign office said on Friday that the talks would resume next month.").quotes,
        "talks would resume",
    )
    assert q.speaker == "Pakistan's foreign office"


def test_the_passive_subject_of_a_cue_heard_it_and_the_agent_said_it(analyse) -> None:
    a = analyse(
        "Ruth Palmer was told that the talks had failed and that the envoy had left the city. "
        "Jon Vale was warned by Ruth Palmer that the militia would attack the convoy."
    )
    assert not any(q.speaker == "Ruth Palmer" for q in a.quotes if "talks had failed" in q.text)
    assert quote_with(a.quotes, "attack the convoy").speaker == "Ruth Palmer"


def test_quoted_as_saying_still_names_the_person_quoted(analyse) -> None:
    a = analyse("Jon Vale was quoted by the state news agency as saying that the talks had failed.")
    assert quote_with(a.quotes, "talks had failed").speaker == "Jon Vale"


def test_an_adverb_on_the_saying_is_no_part_of_the_content(analyse) -> None:
    text = "The president's spokesman, Ali Reza, said only that the president would address the nation on Friday."
    q = quote_with(analyse(text).quotes, "address the nation")
    assert text[q.start : q.end] == "the president would address the nation on Friday"
