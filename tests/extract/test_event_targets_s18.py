"""Whom or what an attack hit, and who was arrested, in the frames wire reports use (session 18, issue 11;
invented sentences): victims counted with a bound ("at least six people"), the object of a verb of impact
whose subject is the attack ("a blast damaged the consulate"), the passive subject such a verb's agent hit
("was wrecked by the explosion"), a structure named inside a name ("the Freedonian Embassy"), the victims of a
casualty clause the attack is the circumstance of ("were killed in an explosion"), the victims of a result
clause after a pattern trigger ("went off, killing three"), and the ones an arrest names by any noun."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.model import Event

from .conftest import analyser, events_with

PUBLISHED = date(2026, 3, 5)  # a Thursday


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def _events(analyse, text: str) -> list[Event]:
    return analyse(text).events


def _targets(found: list[Event], word: str) -> list[str | None]:
    return [e.target for e in events_with(found, word)]


def test_victims_counted_with_a_bound_are_the_target(analyse) -> None:
    found = _events(analyse, "At least six people were wounded in Eastport on Monday.")
    assert any("people" in (t or "") for t in _targets(found, "wounded"))
    found = _events(analyse, "At most two guards were hurt when the convoy was ambushed near Sirte.")
    assert any("guards" in (t or "") for t in _targets(found, "hurt"))


def test_what_a_verb_of_impact_says_the_attack_hit(analyse) -> None:
    found = _events(analyse, "A powerful blast damaged the Freedonian consulate in Strelsau on Monday.")
    assert any("consulate" in (t or "") for t in _targets(found, "blast"))
    found = _events(analyse, "The police station in Eastport was wrecked by the explosion on Monday.")
    assert any("station" in (t or "") for t in _targets(found, "explosion"))
    found = _events(analyse, "On Monday an explosion tore through the Freedonian Embassy in Strelsau.")
    assert any("Embassy" in (t or "") for t in _targets(found, "explosion"))


def test_a_happening_with_no_victim_hit_nothing(analyse) -> None:
    found = _events(analyse, "The bombing in Strelsau on Monday shocked the town.")
    assert all(e.target is None for e in events_with(found, "bombing"))
    found = _events(analyse, "No Freedonians were affected by the blasts in Strelsau on Monday, the ministry said.")
    assert all(e.target is None and e.source is None for e in events_with(found, "blasts"))


def test_an_attack_the_circumstance_of_a_killing_hit_its_victims(analyse) -> None:
    found = _events(analyse, "On Monday nine guards were killed in an explosion in Eastport.")
    assert {t for e in found if e.type == "ASSAULT" for t in [e.target]} == {"nine guards"}


def test_a_pattern_trigger_takes_the_victims_of_its_result_clause(analyse) -> None:
    found = _events(analyse, "On Monday a grenade went off in the market of Eastport, killing three traders.")
    assert any("traders" in (t or "") for t in _targets(found, "went"))


def test_whoever_an_arrest_names_is_its_target(analyse) -> None:
    found = _events(analyse, "Police in Strelsau said on Monday they had arrested 11 foreigners.")
    assert _targets(found, "arrested") == ["11 foreigners"]


def test_the_other_side_of_a_meeting(analyse) -> None:
    found = _events(analyse, "On Monday, Ortega and Lindqvist met again in Strelsau to close the deal.")
    assert [(e.source, e.target) for e in events_with(found, "met")] == [("Ortega", "Lindqvist")]
    found = _events(analyse, "The envoy Karl Ortega was meeting with Freedonia's finance minister on Monday.")
    assert any("finance minister" in (t or "") for t in _targets(found, "meeting"))


def test_a_bare_count_names_the_people_it_includes(analyse) -> None:
    found = _events(analyse, "At least 30, including four officers, were killed in Eastport on Monday.")
    assert any("officers" in (t or "") for t in _targets(found, "killed"))


def test_a_time_phrase_between_an_attack_and_its_object(analyse) -> None:
    found = _events(
        analyse, "He said that terrorist bombings this month of Freedonian embassies show that terror is blind."
    )
    assert any("embassies" in (t or "") for t in _targets(found, "bombings"))


def test_one_party_named_twice_is_not_both_sides(analyse) -> None:
    text = (
        "On Monday Kestrel Front fighters attacked Ruritania near Sirte. "
        "Ruritania hit back on Tuesday with airstrikes on Front camps near the town."
    )
    strikes = events_with(_events(analyse, text), "airstrikes")
    assert strikes and all("Kestrel" not in (e.source or "") for e in strikes)


def _doers_barred(nlp: Language, text: str, trigger: str) -> tuple[set[int], list[Event]]:
    """The groups the learned chooser may never make the doer of ``trigger``, given the events before it."""
    from threatgraph.extract.events import _not_doers
    from threatgraph.extract.events_actors import MentionIndex
    from threatgraph.extract.pipeline import extract_mentions

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    earlier = [e for e in analyser(nlp, PUBLISHED)(text).events if e.end <= tok.idx]
    return _not_doers(tok, "ASSAULT", MentionIndex(doc, extract_mentions(doc)), earlier), earlier


def test_a_victim_of_a_named_doer_may_strike_back(nlp: Language) -> None:
    named = "The Kestrel Front attacked Norway on Monday. On Tuesday airstrikes destroyed three camps."
    barred, earlier = _doers_barred(nlp, named, "airstrikes")
    hit = [e.target_group for e in earlier if e.target == "Norway"]
    assert hit and hit[0] >= 0 and hit[0] not in barred  # a side hit by a named doer can be the next doer
    unnamed = "Norway was attacked on Monday. On Tuesday airstrikes destroyed three camps."
    barred, earlier = _doers_barred(nlp, unnamed, "airstrikes")
    hit = [e.target_group for e in earlier if e.target_group >= 0]
    assert hit and hit[0] in barred  # the victim of an attack pinned on nobody is never its author


def test_an_attack_named_by_its_site_does_not_repeat_another(analyse) -> None:
    text = (
        "On Tuesday Ruritanian forces launched missile strikes against rebel camps near Sirte. "
        "The embassy bombings, on March 2, killed 40 people in Strelsau."
    )
    bombings = events_with(_events(analyse, text), "bombings")
    assert bombings and all(e.source is None for e in bombings)  # not the doer of the strikes


def test_whoever_says_it_is_no_doer_however_the_clause_is_parsed(analyse) -> None:
    text = (
        "Minister Karl Ortega said that deadly bombings last week of Freedonian embassies in Strelsau, Ruritania, "
        "``show that terrorism is blind.''"
    )
    bombings = events_with(_events(analyse, text), "bombings")
    assert bombings and all("Ortega" not in (e.source or "") for e in bombings)
