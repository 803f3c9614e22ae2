"""The learned doer chooser (issue 11, session 12): it fills in a doer only where the rules give
none, only when it is sure, and never where the writer leaves the doer unsaid. Invented text."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events import extract_events
from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.events_chooser import candidates, family, model
from threatgraph.extract.pipeline import Extractor, extract_mentions
from threatgraph.model import Article, Event

CAMPAIGN = (
    "The Northwind Brigade is an armed group based in Eastland. Northwind Brigade’s campaign of violence "
    "against the government of Eastland has killed hundreds of people."
)
KILLED = (
    "The Northwind Brigade is an armed group based in Eastland. Its commander, Tariq Mansoor, was killed in June 2020."
)


@pytest.fixture(scope="module")
def run(nlp: Language):
    extractor = Extractor(nlp=nlp)

    def go(text: str, choose: bool = True) -> list[Event]:
        article = Article(text=text, published=date(2021, 6, 10))
        doc = extractor.nlp(text)
        return extract_events(doc, extract_mentions(doc), article, choose_doers=choose)

    return go


def _on(found: list[Event], trigger: str) -> Event:
    hits = [e for e in found if e.trigger == trigger]
    assert hits, [(e.trigger, e.source, e.target) for e in found]
    return hits[0]


def test_shipped_model_is_a_probability_model() -> None:
    mdl = model()
    assert 0.5 <= mdl.threshold <= 1.0  # a fill must at least be likelier than not
    assert mdl.weights and all(isinstance(w, float) for w in mdl.weights.values())
    assert 0.0 < mdl.probability({"same_sentence": 1.0}) < 1.0


def test_possessor_of_the_campaign_is_the_doer(run) -> None:
    """ "X's campaign of violence": the rules give no doer (the possessor is the campaign's); the
    chooser reads X off the parse (possessor above the trigger, an armed group for a use of force)."""
    assert _on(run(CAMPAIGN, choose=False), "violence").source is None
    assert _on(run(CAMPAIGN), "violence").source == "Northwind Brigade"


def test_agentless_passive_keeps_no_doer(run) -> None:
    """ "was killed in June 2020": the writer leaves the killer unsaid; the group named before is
    his own, not his killer, so no doer is filled in."""
    event = _on(run(KILLED), "killed")
    assert event.source is None
    assert event.target == "Tariq Mansoor"


def test_candidates_leave_out_the_target_and_mark_places(nlp: Language) -> None:
    doc = nlp(CAMPAIGN)
    index = MentionIndex(doc, extract_mentions(doc))
    trigger = next(t for t in doc if t.text == "violence")
    found = candidates(trigger, "ASSAULT", "noun", index, exclude=set())
    names = {c.actor.text for c in found}
    assert "Northwind Brigade" in names
    brigade = next(c for c in found if c.actor.text == "Northwind Brigade")
    assert brigade.features["possessor_above"] == 1.0
    assert brigade.features["force_armed"] == 1.0
    group = brigade.actor.group
    assert all(c.actor.group != group for c in candidates(trigger, "ASSAULT", "noun", index, exclude={group}))


def test_family_follows_the_plover_root() -> None:
    assert family("ARREST") == "force"  # COERCE
    assert family("SANCTION") == "measure"
    assert family("TRAIN") == "ties"  # AID
