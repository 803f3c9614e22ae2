"""Single-word triggers of the use of force that reporting uses beside "attack" and "kill":
each is found and typed ASSAULT with its mode (invented sentences)."""

from __future__ import annotations

import pytest

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(
    ("text", "trigger", "subtype"),
    [
        ("Fighters of the Kestrel Front overran an army post near Sirte on Monday.", "overran", "attack"),
        ("The Kestrel Front besieged the town of Sirte for three weeks in 2019.", "besieged", "attack"),
        ("Kestrel Front fighters looted the central market of Sirte on Monday.", "looted", "property destruction"),
        ("Kestrel Front gunmen torched a police station in Sirte on Monday.", "torched", "property destruction"),
        ("The siege of Sirte by the Kestrel Front ended in May.", "siege", "attack"),
        (
            "A firefight between the army and the Kestrel Front near Sirte left six dead on Monday.",
            "firefight",
            "clash",
        ),
    ],
)
def test_force_words_are_assaults(extractor: Extractor, text: str, trigger: str, subtype: str) -> None:
    events = next(extractor.analyse([Article(text=text)])).events
    found = [e for e in events if e.trigger == trigger]
    assert found, events
    assert found[0].type == "ASSAULT" and found[0].subtype == subtype


def _events(extractor: Extractor, text: str) -> list:
    return next(extractor.analyse([Article(text=text)])).events


def test_a_threat_someone_made_is_a_threat_act(extractor: Extractor) -> None:
    found = [
        e
        for e in _events(extractor, "A new threat by the Kestrel Front against Ruritania appeared online on Monday.")
        if e.trigger == "threat"
    ]
    assert found and found[0].type == "THREATEN" and found[0].modality == "asserted"
    assert found[0].source == "Kestrel Front"
    issued = [
        e for e in _events(extractor, "The Kestrel Front issued threats against Ruritania.") if e.type == "THREATEN"
    ]
    assert issued and issued[0].source == "Kestrel Front"


def test_an_assessed_threat_is_no_threat_act(extractor: Extractor) -> None:
    text = "Officials say the Kestrel Front remains a threat to Ruritania."
    assert not [e for e in _events(extractor, text) if e.type == "THREATEN"]


def test_a_threat_against_someone_is_a_threat_act(extractor: Extractor) -> None:
    text = "Kestrel Front threats against Ruritania grew over the summer."  # no "by X", no verb of issuing
    found = [e for e in _events(extractor, text) if e.trigger == "threats"]
    assert found and found[0].type == "THREATEN"
    assert (found[0].source, found[0].target) == ("Kestrel Front", "Ruritania")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Ruritania helped the Kestrel Front in 2019.", "Ruritania", "Kestrel Front"),
        ("Ruritania helped Kestrel Front fighters cross the border in 2019.", "Ruritania", "Kestrel Front"),
    ],
)
def test_help_given_to_someone_is_aid(extractor: Extractor, text: str, source: str, target: str) -> None:
    found = [e for e in _events(extractor, text) if e.trigger == "helped"]
    assert found and found[0].type == "SUPPORT" and (found[0].source, found[0].target) == (source, target)


def test_help_with_a_deed_and_nobody_helped_is_no_aid(extractor: Extractor) -> None:
    text = "Ruritanian police helped evacuate the building on Monday."
    assert not [e for e in _events(extractor, text) if e.trigger == "helped"]


@pytest.mark.parametrize(
    "text",
    [
        "Letters of condolence were sent by the Ruritanian cabinet to both governments on Monday.",
        "A warning about the gang was circulated in a notice sent by Ruritanian police to every border post.",
    ],
)
def test_sending_a_thing_deploys_nothing(extractor: Extractor, text: str) -> None:
    assert not [e for e in _events(extractor, text) if e.type == "DEPLOY"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Ruritania sent 300 troops to Eastport on Monday.", "sent"),
        ("Ruritania sent two warships to the strait on Monday.", "sent"),
        ("The Ruritanian police dispatched dozens of agents to Eastport on Monday.", "dispatched"),
    ],
)
def test_sending_people_or_craft_of_war_deploys(extractor: Extractor, text: str, trigger: str) -> None:
    found = [e for e in _events(extractor, text) if e.trigger == trigger]
    assert found and found[0].type == "DEPLOY"


@pytest.mark.parametrize(
    "text",
    [
        "General Marten's supporters began a two day rally in Eastport.",
        "Supporters of the Kestrel Front marched in Eastport on Monday.",
    ],
)
def test_supporters_doing_something_else_are_no_support(extractor: Extractor, text: str) -> None:
    assert not [e for e in _events(extractor, text) if e.type == "SUPPORT"]


def test_a_supporter_said_of_a_party_is_support(extractor: Extractor) -> None:
    found = [e for e in _events(extractor, "Ruritania is a key supporter of the Kestrel Front.") if e.type == "SUPPORT"]
    assert found and (found[0].source, found[0].target) == ("Ruritania", "Kestrel Front")


@pytest.mark.parametrize(
    "text",
    [
        "The bomb outside the Ruritanian consulate in Eastport was the largest the city had seen in years.",
        "Panic spread through Eastport. Then a second bomb at a bank near the harbour.",
    ],
)
def test_a_bomb_placed_at_a_structure_is_its_blast(extractor: Extractor, text: str) -> None:
    found = [e for e in _events(extractor, text) if e.trigger == "bomb"]
    assert found and found[0].type == "ASSAULT" and found[0].subtype == "explosives"


@pytest.mark.parametrize(
    "text",
    [
        "Police found a bomb outside the Ruritanian consulate in Eastport on Monday.",
        "The bomb outside the Ruritanian consulate was defused by police on Monday.",
    ],
)
def test_a_bomb_found_or_defused_is_no_attack(extractor: Extractor, text: str) -> None:
    assert not [e for e in _events(extractor, text) if e.trigger == "bomb"]
