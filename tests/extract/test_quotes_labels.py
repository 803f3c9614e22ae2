"""Label attributions: 'Source: content' lines of headlines and transcripts (issue 12, session 21).

Each text is invented (a regression test, not evidence of quality); quality is measured on PolNeAR by
``benchmarks/quotes_polnear.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2016, 3, 5))


def _spans(text: str, q) -> tuple[str, str, str]:
    return text[q.source_start : q.source_end], text[q.cue_start : q.cue_end], q.text


@pytest.mark.parametrize(
    ("headline", "source", "content"),
    [
        (
            "Harwell: Vale’s Tax Plan Would Ruin the Farm Towns.",
            "Harwell",
            "Vale’s Tax Plan Would Ruin the Farm Towns",
        ),
        ("Poll: Vale and Harwell hold narrow leads in Ohio.", "Poll", "Vale and Harwell hold narrow leads in Ohio"),
        ("Vale camp: the new tariff threatens every farm in the state.", "Vale camp", None),
    ],
)
def test_a_headline_label_is_the_source_and_its_colon_the_cue(
    analyse, headline: str, source: str, content: str | None
) -> None:
    text = headline + "\n\nSenator Tom Harwell and Governor Ada Vale met in Dayton on Monday."
    (q,) = [q for q in analyse(text).quotes if q.cue_start >= 0 and text[q.cue_start : q.cue_end] == ":"]
    expected = content or headline.split(": ", 1)[1].rstrip(".")
    assert _spans(text, q) == (source, ":", expected)


def test_a_transcript_turn_in_capitals_is_the_named_persons(analyse) -> None:
    """'VALE: …' in a transcript is the turn of the person the article names in full (Ada Vale); a question
    asked in a turn is kind question, no claim."""
    text = (
        "Governor Ada Vale spoke to Tom Harwell on the Sunday program.\n\n"
        "HARWELL: Do you think the tariff will pass the senate this year?\n\n"
        "VALE: I think the senate will pass it before the summer recess."
    )
    quotes = {q.speaker: q for q in analyse(text).quotes if text[q.cue_start : q.cue_end] == ":"}
    assert quotes["Ada Vale"].text == "I think the senate will pass it before the summer recess"
    assert quotes["Tom Harwell"].kind == "question"


@pytest.mark.parametrize(
    "line",
    [
        "ISLAMABAD: The senate voted on Monday to pass the budget for the coming year.",
        "KABUL: Fighting went on in three districts of the province through the night.",
        "Photo: Reuters",
        "Note: This article was updated to correct the date of the vote in the senate.",
        "Related: Fighting in the north goes on for a third week.",
    ],
)
def test_a_dateline_field_or_heading_before_a_colon_is_no_source(analyse, line: str) -> None:
    """A place, a field name or a heading before a colon names no source, whatever the line says after it."""
    text = line + "\n\nThe ministry gave no figures for the districts."
    assert not [q for q in analyse(text).quotes if q.cue_start >= 0 and text[q.cue_start : q.cue_end] == ":"]


def test_a_quotation_after_a_label_keeps_the_label_as_its_source(analyse) -> None:
    text = "Senator Tom Harwell spoke in Dayton.\n\nPoll: “Voters in the farm towns have turned against the tariff.”"
    (q,) = [q for q in analyse(text).quotes if q.direct]
    assert _spans(text, q)[:2] == ("Poll", ":")
