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
