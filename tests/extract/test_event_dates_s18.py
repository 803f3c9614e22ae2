"""A wire story's dateline day (session 18, issue 11; invented texts): "OSLO, March 4 (Xinhua) --" says the
story was filed on the 4th even when the feed dates it the 5th, so its present-tense statements are of the
4th and its weekdays count back from the 4th."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_lead import dateline_day

from .conftest import analyser, events_with

PUBLISHED = date(2026, 3, 5)  # a Thursday; the datelines below say Wednesday the 4th


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def test_the_day_a_wire_dateline_states() -> None:
    assert dateline_day("\n\nOSLO, March 4 (Xinhua) --\n\nThe Norwegian ...", PUBLISHED) == date(2026, 3, 4)
    assert dateline_day("STRELSAU, Dec. 31 (AP) _\n\nTwo bombs ...", date(2027, 1, 1)) == date(2026, 12, 31)
    assert dateline_day("OSLO, March 24 (Xinhua) --\n\n...", PUBLISHED) is None  # after publication: no fit
    assert dateline_day("STRELSAU, Ruritania (AP) _\n\n...", PUBLISHED) is None  # no day stated
    assert dateline_day("OSLO, March 4 (Xinhua) --\n\n...", None) is None


def test_a_statement_in_the_present_is_of_the_dateline_day(analyse) -> None:
    text = "OSLO, March 4 (Xinhua) --\n\nNorway condemns the bombing of the Freedonian embassy in Strelsau."
    condemns = events_with(analyse(text).events, "condemns")[0]
    assert condemns.date is not None and (condemns.date.start, condemns.date.end) == (date(2026, 3, 4),) * 2
    assert "dateline" in (condemns.date.note or "")


def test_weekdays_count_back_from_the_dateline_day(analyse) -> None:
    text = "OSLO, March 4 (Xinhua) --\n\nGunmen attacked a bus near Strelsau on Thursday, police said."
    attacked = events_with(analyse(text).events, "attacked")[0]
    assert attacked.date is not None and attacked.date.start == date(2026, 2, 26)  # not the feed's Thursday
