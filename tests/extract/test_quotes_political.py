"""Attribution in political news (issue 12, session 12): the PARC classes long news articles are made of.

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


def test_a_verb_raising_its_subject_attributes_nothing(analyse) -> None:
    a = analyse(
        "“We hold the bridge and the road to the north,” wrote Karim Sallow, a fighter thought to be based in "
        "the hills. “The next weeks will decide everything.”"
    )
    second = quote_with(a.quotes, "next weeks")
    assert (second.speaker, second.cue) == ("Karim Sallow", "wrote")
    assert not any(q.cue == "thought" for q in a.quotes)


def test_a_passive_said_to_be_is_no_attribution(analyse) -> None:
    """Nobody is named saying so: no claim, and nobody credited (kept only as a sourceless hedge since s21)."""
    a = analyse("Governor Ruth Palmer was said to be furious about the vote in the assembly.")
    assert [q for q in a.quotes if is_quote_kind(q.kind) or q.speaker or q.source_start >= 0] == []


def test_any_verb_in_a_frame_after_the_quotation_is_its_cue(analyse) -> None:
    a = analyse(
        "Governor Tom Brandt spoke in Dayton on Friday.\n\n"
        "“The people of this state deserve better,” he continued. “And they will get it.”"
    )
    first, second = quote_with(a.quotes, "deserve better"), quote_with(a.quotes, "get it")
    assert (first.speaker, first.cue) == ("Tom Brandt", "continued")
    assert (second.speaker, second.cue) == ("Tom Brandt", "continued")


def test_an_inverted_frame_with_any_verb_names_its_speaker(analyse) -> None:
    a = analyse("“I am not worried about the polls,” laughed Maria Delgado, who chairs the committee.")
    assert quote_with(a.quotes, "not worried").speaker == "Maria Delgado"


def test_a_short_quotation_that_is_a_whole_utterance_is_kept(analyse) -> None:
    a = analyse("Asked whether he would endorse the mayor, Governor Tom Brandt said: “We'll see.”")
    q = quote_with(a.quotes, "We'll see")
    assert (q.speaker, q.cue) == ("Tom Brandt", "said")


def test_a_short_title_in_quotation_marks_is_no_utterance(analyse) -> None:
    a = analyse("Governor Tom Brandt praised the film “Green Harbour.” It opens on Friday.")
    assert [q.kind for q in a.quotes] == ["stance"]  # his praise is a stance; the title is nobody's utterance


def test_first_person_outside_quotation_marks_is_the_text_itself(analyse) -> None:
    a = analyse(
        "Remarks by President Ana Ruiz on the storm.\n\nTonight we pledge that we shall rebuild every town "
        "the storm destroyed, and we will never forget the families who lost everything."
    )
    assert not [q for q in a.quotes if q.speaker]


def test_an_unnamed_description_speaks_as_its_own_words(analyse) -> None:
    a = analyse("The senator, who spoke on condition of anonymity, said the vote would be close.")
    q = quote_with(a.quotes, "vote would be close")
    assert q.speaker == "senator" and q.speaker_group == -1


def test_unnamed_aides_in_according_to_are_the_source_not_an_actor(analyse) -> None:
    a = analyse("According to aides familiar with the matter, Governor Tom Brandt will skip the next debate.")
    q = quote_with(a.quotes, "skip the next debate")
    assert q.speaker == "aides" and q.speaker_group == -1


def test_a_quotation_woven_into_a_relative_clause_is_its_subjects(analyse) -> None:
    a = analyse(
        "Critics say the measure goes too far. Among them is Sen. Alan Wexler, who called it "
        "“a disaster waiting to happen in every county.”"
    )
    q = quote_with(a.quotes, "disaster waiting")
    assert (q.speaker, q.cue) == ("Alan Wexler", "called")


def test_an_object_pronoun_is_no_evidence_of_the_subjects_gender(analyse) -> None:
    a = analyse(
        "Former Vice President Joe Marlow spoke at the convention on Thursday. Senator Ruth Okafor introduced "
        "him at the podium.\n\nLater, Okafor met reporters. “The party is united behind this ticket,” she said."
    )
    assert quote_with(a.quotes, "united behind").speaker == "Ruth Okafor"


def test_the_statement_said_is_the_voice_of_whoever_issued_it(analyse) -> None:
    a = analyse(
        "The Harbour Workers Union issued a statement on Monday. “We are confident that members will see "
        "through these attacks,” the statement said."
    )
    assert quote_with(a.quotes, "confident").speaker == "Harbour Workers Union"


def test_a_report_released_by_a_body_states_its_findings(analyse) -> None:
    a = analyse(
        "The report, released by the Government Accountability Office on Friday, found that the program had "
        "wasted two billion dollars."
    )
    assert quote_with(a.quotes, "wasted").speaker == "Government Accountability Office"


def test_a_poll_shows_is_an_attribution_to_the_poll(analyse) -> None:
    a = analyse("A new poll shows that Governor Ruth Palmer leads by six points among likely voters.")
    q = quote_with(a.quotes, "leads by six points")
    assert q.speaker_group == -1 and "poll" in q.speaker


def test_a_time_right_after_the_cue_is_no_part_of_the_content(analyse) -> None:
    text = "WASHINGTON — The Justice Department said on Monday it had opened an investigation into the leak."
    q = quote_with(analyse(text).quotes, "investigation")
    assert q.text == "it had opened an investigation into the leak"


def test_the_source_span_never_starts_with_the_closing_mark(analyse) -> None:
    text = "“The numbers don't lie,” the mayor's spokesman, Dan Everly, said in an email."
    q = quote_with(analyse(text).quotes, "numbers")
    assert text[q.source_start : q.source_end] == "the mayor's spokesman, Dan Everly"


def test_a_subject_before_the_cue_speaks_not_the_name_opening_the_content(analyse) -> None:
    a = analyse(
        "Senator Claire Whitman met voters on Tuesday. Whitman, speaking at a union hall in Davenport, said "
        "Victor Strand had no plan at all for farmers."
    )
    assert quote_with(a.quotes, "no plan at all").speaker == "Claire Whitman"


def test_the_words_before_a_name_in_another_clause_are_no_title(analyse) -> None:
    a = analyse(
        "Senator Claire Whitman and businessman Victor Strand traded attacks on Tuesday.\n\n"
        "At a rally in Sioux City, the real estate developer told supporters that Whitman had done nothing."
    )
    q = quote_with(a.quotes, "done nothing")
    assert q.speaker_group == -1 and q.speaker == "real estate developer"


def test_a_pronoun_after_a_paragraph_break_skips_the_person_talked_about(analyse) -> None:
    a = analyse(
        "Senator Claire Whitman and businessman Victor Strand traded attacks on Tuesday.\n\n"
        "Whitman, speaking in Davenport, said Strand had no plan. “He talks and talks and explains nothing,” "
        "she said.\n\n"
        "At a rally in Sioux City, the real estate developer told supporters that Whitman had “fixed nothing.”\n\n"
        "“She's a career politician,” he said."
    )
    assert quote_with(a.quotes, "career politician").speaker == "Victor Strand"


def test_a_quotation_split_by_its_cue_is_reported_once_per_part(analyse) -> None:
    a = analyse(
        "Senator Claire Whitman spoke in Ames.\n\n“We're going to work for every vote,” she said, "
        "“right up until the polls close.”"
    )
    assert [q.text for q in a.quotes].count("We're going to work for every vote") == 1
    assert quote_with(a.quotes, "polls close").speaker == "Claire Whitman"


def test_a_persons_advisers_are_not_that_person(analyse) -> None:
    a = analyse("Victor Strand toured the state. Strand's advisers believe the race is closer than the polls suggest.")
    q = quote_with(a.quotes, "race is closer")
    assert q.speaker_group == -1 and q.speaker == "Strand's advisers"
