"""Light-verb frames and their arguments: the object types the verb, the preposition names whom
it is for (invented sentences)."""

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
    ("text", "trigger"),
    [
        ("The Crescent Relief Trust solicits funds for the Kestrel Front in Europe.", "solicits"),
        ("The Crescent Relief Trust raised money for the Kestrel Front in 2019.", "raised"),
        ("Ivo Marek was convicted of sending money to the Kestrel Front in 2019.", "sending"),
    ],
)
def test_money_frames_support_whom_it_is_for(extractor: Extractor, text: str, trigger: str) -> None:
    found = [e for e in events(extractor, text) if e.trigger == trigger]
    assert found and found[0].type == "SUPPORT", events(extractor, text)
    assert found[0].target == "Kestrel Front"


def test_raising_troops_is_still_mobilising(extractor: Extractor) -> None:
    found = [
        e
        for e in events(extractor, "The Kestrel Front raised a militia of 500 fighters in Sirte.")
        if e.trigger == "raised"
    ]
    assert found and found[0].type == "MOBILIZE"


def test_a_list_the_parser_hung_off_its_owner_is_still_a_list(extractor: Extractor) -> None:
    text = "In 2016, Ivo Marek was placed on the Arab League (ALR 12) sanctions list."
    found = [e for e in events(extractor, text) if e.trigger == "placed"]
    assert found and found[0].type == "SANCTION", events(extractor, text)


def test_a_call_with_a_named_partner_is_a_consultation(extractor: Extractor) -> None:
    text = "The Ruritanian president raised the Kestrel Front in a call to King Ramos on Monday."
    found = [e for e in events(extractor, text) if e.trigger == "call"]
    assert found and found[0].type == "CONSULT" and found[0].target == "King Ramos"
    text = "The Kestrel Front issued a call to arms in Sirte on Monday."
    assert not [e for e in events(extractor, text) if e.trigger == "call"]


def test_the_claimant_of_responsibility_is_the_attacker(extractor: Extractor) -> None:
    text = "The Kestrel Front's claim of credit for the Kandahar truck bombing was posted online."
    found = [e for e in events(extractor, text) if e.trigger == "bombing"]
    assert found and found[0].source == "Kestrel Front" and found[0].modality == "claimed"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("This action targets Ivo Marek, a financier of the Kestrel Front.", "targets"),
        ("The new measures hit Ivo Marek and two companies he controls.", "hit"),
        ("Ivo Marek was hit by the new restrictions announced on Monday.", "hit"),
        ("Today's decision targets the Crescent Relief Trust and its director.", "targets"),
    ],
)
def test_force_done_by_an_act_of_law_is_no_assault(extractor: Extractor, text: str, trigger: str) -> None:
    found = [e for e in events(extractor, text) if e.trigger == trigger]
    assert all(e.type != "ASSAULT" for e in found), found


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Kestrel Front militants targeted a police checkpoint in Sirte on Monday.", "targeted"),
        ("The operation targeted Kestrel Front commanders in Sirte.", "targeted"),
        ("Military action targeted Kestrel Front positions near Sirte.", "targeted"),
    ],
)
def test_real_force_stays_an_assault(extractor: Extractor, text: str, trigger: str) -> None:
    found = [e for e in events(extractor, text) if e.trigger == trigger]
    assert found and found[0].type == "ASSAULT", events(extractor, text)
