"""Offices, programme names and numbered units (issue 12 item 3, session 16; invented sentences).

- an office title ("Coordinator for X", "Ambassador-at-Large for X") before a holder's name: the holder is a
  Person, the portfolio word the model joined to the name is not an organisation;
- "<Name words> for <Name>" is one body's name ("Veterans for Peace"), not a body called after the last word;
- an ordinal opens a military unit's name ("the 212th Fighter Wing");
- an article alone is never a name.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.mentions import without_office
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[tuple[str, str]]:
        ms: list[Mention] = extract_mentions(nlp(text))
        return [(m.text, m.label) for m in ms]

    return run


@pytest.mark.parametrize(
    "text",
    [
        "Coordinator for Counternarcotics Selma Ivers opened the conference in Vienna.",
        "Ambassador-at-Large for Counternarcotics Selma Ivers will lead the delegation.",
    ],
)
def test_an_office_holder_after_a_portfolio_is_a_person(mentions, text: str) -> None:
    found = mentions(text)
    assert ("Selma Ivers", "Person") in found
    assert not any("Counternarcotics" in name for name, _ in found)


def test_name_words_before_for_belong_to_the_body(mentions) -> None:
    found = mentions("The Lanterns for Justice campaign opened two libraries in Tarsa last year.")
    assert ("Lanterns for Justice", "Organization") in found
    assert not any(name == "Justice" for name, _ in found)


def test_a_title_before_for_is_no_body_name(mentions) -> None:
    found = mentions("Deputy Secretary for Asian Affairs Tomas Berg met the delegation.")
    assert not any(name.startswith("Secretary for") or name.startswith("Deputy") for name, _ in found)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Airmen of the 212th Fighter Wing landed at the base on Friday.", "212th Fighter Wing"),
        ("The 41st Signal Battalion set up a relay station.", "41st Signal Battalion"),
    ],
)
def test_an_ordinal_opens_a_numbered_unit(mentions, text: str, unit: str) -> None:
    found = mentions(text)
    assert (unit, "PublicBody") in found
    assert not any(name.casefold() == "the" for name, _ in found)


def test_an_office_the_model_took_into_a_person_is_cut_off(nlp: Language) -> None:
    doc = nlp("Deputy Spokesperson Mara Tull told reporters the ceasefire had largely held.")
    assert any(e.text == "Spokesperson Mara Tull" for e in doc.ents)  # the model's reading this test is about
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Mara Tull", "Person")]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Sheikh Omar Halane led the prayers.", "Sheikh Omar Halane"),  # an honorific is part of how he is named
        ("Col. Ada Roe led the patrol.", "Col. Ada Roe"),
        ("Spokesperson Roe led the briefing.", "Spokesperson Roe"),  # no two-word name would be left
    ],
)
def test_honorifics_and_short_names_keep_their_words(nlp: Language, text: str, kept: str) -> None:
    doc = nlp(text)
    span = doc.char_span(0, len(kept), label="PERSON")
    assert span is not None
    assert without_office(span).text == kept


def test_a_room_is_a_place(nlp: Language) -> None:
    doc = nlp("Reporters waited in the Press Briefing Room for the minister.")
    assert [(m.text, m.label) for m in extract_mentions(doc)] == [("Press Briefing Room", "Location")]


def test_a_body_named_after_a_place_keeps_of_place(nlp: Language) -> None:
    doc = nlp("Members of the Qorvel Defence Council in the Valleys of Tarsa withdrew.")
    assert any(e.text.endswith("Valleys") for e in doc.ents)  # the model's cut this test is about
    found = [(m.text, m.label) for m in extract_mentions(doc)]
    assert found == [("Qorvel Defence Council in the Valleys of Tarsa", "Organization")]
