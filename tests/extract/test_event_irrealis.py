"""No irrealis shown as fact: one invented sentence per construction class that governs an event's
modality (negation, plans and intentions, purposes, conditions, calls and demands, allegations),
beside the factual sentences of the same shape that must stay asserted."""

from __future__ import annotations

import pytest

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _events(extractor: Extractor, text: str) -> list[Event]:
    return next(extractor.analyse([Article(text=text)])).events


def _modality(extractor: Extractor, text: str, trigger: str) -> str:
    found = [e for e in _events(extractor, text) if e.trigger == trigger]
    assert found, f"no event on {trigger!r} in {_events(extractor, text)}"
    return found[0].modality


NEGATED = [
    ("The Kestrel Front never attacked the army post in Sirte.", "attacked"),
    ("The Kestrel Front denied attacking the army post in Sirte.", "attacking"),
    ("The Kestrel Front no longer attacks army posts in Sirte.", "attacks"),
    ("Ruritania stopped short of imposing sanctions on the Kestrel Front.", "sanctions"),
    ("Ruritania refused to impose sanctions on the Kestrel Front.", "sanctions"),
    ("Ruritania declined to impose sanctions on the Kestrel Front.", "sanctions"),
    ("Ruritania has yet to impose sanctions on the Kestrel Front.", "sanctions"),
    ("Ruritania refused to commit to any direct assistance to the Kestrel Front.", "assistance"),
    ("Nobody was killed in the attack on the army post in Sirte.", "killed"),
    ("The Kestrel Front did not carry out the attack on the post in Sirte.", "attack"),
]

HYPOTHETICAL = [
    # modals, plans, intentions, attempts, threats
    ("The Kestrel Front would attack army posts in Sirte if provoked.", "attack"),
    ("The Kestrel Front may attack army posts in Sirte.", "attack"),
    ("The Kestrel Front intends to attack army posts in Sirte.", "attack"),
    ("The Kestrel Front is preparing to attack army posts in Sirte.", "attack"),
    ("The Kestrel Front sought to seize the port of Sirte.", "seize"),
    ("The Kestrel Front attempted to seize the port of Sirte.", "seize"),
    ("The Kestrel Front threatened to attack army posts in Sirte.", "attack"),
    ("The Kestrel Front warned it would attack army posts in Sirte.", "attack"),
    ("The Kestrel Front is unlikely to be listed by the United Nations.", "listed"),
    ("Ruritania is likely to impose sanctions on the Kestrel Front.", "sanctions"),
    ("Ruritania is considering whether to impose sanctions on the Kestrel Front.", "sanctions"),
    ("The risk of attacks on army posts in Sirte is growing.", "attacks"),
    # purposes
    ("The Kestrel Front raised funds to carry out attacks in Sirte.", "attacks"),
    ("The Kestrel Front bought rifles in order to attack army posts in Sirte.", "attack"),
    ("The Kestrel Front recruited fighters for the purpose of attacking army posts in Sirte.", "attacking"),
    ("The Kestrel Front recruited fighters with the aim of attacking army posts in Sirte.", "attacking"),
    ("Ruritania seeks to deny the Kestrel Front the resources to carry out further attacks.", "attacks"),
    # conditions
    ("Unless Borduria arrests the leaders, Ruritania will impose sanctions on it.", "arrests"),
    ("The army will retaliate if the Kestrel Front attacks the camp in Sirte.", "attacks"),
]

DEMANDED = [
    ("Ruritania called on Borduria to impose sanctions on the Kestrel Front.", "sanctions"),
    ("Ruritania demanded that Borduria impose sanctions on the Kestrel Front.", "sanctions"),
    ("Borduria must impose sanctions on the Kestrel Front, the minister said.", "sanctions"),
    ("Borduria should impose sanctions on the Kestrel Front, the minister said.", "sanctions"),
    ("The minister asked Borduria to arrest the leaders of the Kestrel Front.", "arrest"),
    ("Ruritania wants Borduria to arrest the leaders of the Kestrel Front.", "arrest"),
]

CLAIMED = [
    ("The Kestrel Front allegedly attacked the army post in Sirte.", "attacked"),
    ("The Kestrel Front is accused of attacking the army post in Sirte.", "attacking"),
    ("The Kestrel Front was alleged to have attacked the army post in Sirte.", "attacked"),
    ("The Kestrel Front is believed to have attacked the army post in Sirte.", "attacked"),
]

# the same shapes around a happening the text reports as done
ASSERTED = [
    ("No group has claimed responsibility for the attack on the army post in Sirte.", "attack"),
    ("The Kestrel Front denied responsibility for the attack on the army post in Sirte.", "attack"),
    ("The Kestrel Front has not claimed the attack on the army post in Sirte.", "attack"),
    ("Nobody claimed the bombing of the market in Sirte.", "bombing"),
    ("The minister called for an end to the attacks on army posts in Sirte.", "attacks"),
    ("The aim of the attack on the army post in Sirte was to frighten voters.", "attack"),
    ("The minister condemned the attack on the army post in Sirte.", "attack"),
    ("The army did not say who carried out the attack on the post in Sirte.", "attack"),
    ("The Kestrel Front not only attacked the post but also burned the depot in Sirte.", "attacked"),
    ("The Kestrel Front attacked the army post in Sirte to seize its weapons.", "attacked"),
    ("The Kestrel Front organized a general strike in Sirte.", "strike"),
]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [(t, w, "negated") for t, w in NEGATED]
    + [(t, w, "hypothetical") for t, w in HYPOTHETICAL]
    + [(t, w, "demanded") for t, w in DEMANDED]
    + [(t, w, "claimed") for t, w in CLAIMED]
    + [(t, w, "asserted") for t, w in ASSERTED],
)
def test_modality_by_construction(extractor: Extractor, text: str, trigger: str, expected: str) -> None:
    assert _modality(extractor, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Ruritania has proposed sanctions against the Kestrel Front.", "sanctions"),
        ("The Kestrel Front planned an attack on the army post in Sirte, but police foiled it.", "attack"),
        ("Officials could not confirm that militants attacked the post in Sirte.", "attacked"),
    ],
)
def test_never_a_fact(extractor: Extractor, text: str, trigger: str) -> None:
    """Constructions whose exact class is arguable (a proposal, a foiled plan, an unconfirmed report):
    whichever it is, the event is not drawn as a fact."""
    assert _modality(extractor, text, trigger) != "asserted"
