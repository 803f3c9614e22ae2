"""Characterisations are no happenings (session 16, issue 11): a danger the text itself names, and a
speaker's saying whose content is told as events of its own (invented sentences)."""

from __future__ import annotations

import pytest

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def events(extractor: Extractor, text: str) -> list[Event]:
    return next(extractor.analyse([Article(text=text)])).events


@pytest.mark.parametrize(
    "text",
    [
        "The Kestrel Front represents a grave threat to Borduria.",
        "To counter this threat, Borduria designated the Kestrel Front in 2019.",
        "Borduria remains worried about the growing danger of the Kestrel Front in Sirte.",
    ],
)
def test_a_danger_the_text_names_is_no_accusation(extractor: Extractor, text: str) -> None:
    assert [e for e in events(extractor, text) if e.type == "ACCUSE"] == []


def test_a_danger_someone_pronounces_is_still_their_judgement(extractor: Extractor) -> None:
    text = "Borduria's courts deemed Karl Mertens a threat to public order in 2019."
    assert [e.type for e in events(extractor, text) if e.trigger == "threat"] == ["ACCUSE"]


def test_a_saying_that_tells_happenings_is_no_accusation_besides_them(extractor: Extractor) -> None:
    found = events(extractor, "The minister said Karl Mertens had carried out attacks on Sirte in 2019.")
    assert [e.type for e in found] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said Karl Mertens was a member of a terrorist cell.",
        "The minister said the Kestrel Front would attack Sirte again.",
    ],
)
def test_a_bare_charge_or_a_saying_of_what_is_to_come_stays_an_accusation(extractor: Extractor, text: str) -> None:
    assert [e.trigger for e in events(extractor, text) if e.type == "ACCUSE"] == ["said"]
