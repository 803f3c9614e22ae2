"""A particle glued to the word before it or hyphenated ("Hizb-ul-<Name>" / "HIZBUL <NAME>"): one name, invented."""

from __future__ import annotations

import pytest

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form, written_letters
from threatgraph.resolve.judge import PROBABLE, ActorFacts, judge


def _score(a: str, b: str) -> tuple[float, str]:
    s = compare_names(name_form(a, "Organization"), name_form(b, "Organization"))
    return s.score, s.feature


def test_written_letters_keep_particles_and_kind_words() -> None:
    assert written_letters("the Hizb-ul-Qandori") == written_letters("HIZBUL QANDORI") == "hizbulqandori"


@pytest.mark.parametrize(
    ("news", "listed"),
    [
        ("Hizb-ul-Qandori", "HIZBUL QANDORI"),  # before: 0.5, the glued "hizbul" kept in the core, "ul" dropped
        ("Jamaat-ul-Vellacott", "JAMAATUL VELLACOTT"),  # before: 0.6, "jamaat" a kind word on one side only
        ("Jaish-e-Qandor", "JAISHE QANDOR"),  # before: capped, the designator found on one side only
    ],
)
def test_a_glued_particle_aligns_with_the_hyphenated_one(news: str, listed: str) -> None:
    score, feature = _score(news, listed)
    assert feature == "joined-particle" and score >= MATCH_THRESHOLD


def test_a_glued_particle_reads_as_the_listed_name_in_full() -> None:
    actor = ActorFacts("Organization", [name_form("Hizb-ul-Qandori", "Organization")], {}, designated=True)
    entry = {"schema": "Organization", "properties": {"name": ["HIZBUL QANDORI"]}, "links": []}
    verdict = judge(actor, entry, "Organization")
    assert verdict.name_kind == "full" and verdict.state == PROBABLE


@pytest.mark.parametrize(
    ("news", "listed"),
    [
        ("Hizb-ul-Qandori", "HIZBUL QANDORA"),  # another letter: another name
        ("Hizb-ul-Qandori", "HIZB QANDORI"),  # no particle on one side: not the same letters
        ("Ul-Qan", "ULQAN"),  # too short to say anything
    ],
)
def test_control_other_letters_are_not_joined(news: str, listed: str) -> None:
    assert _score(news, listed)[1] != "joined-particle"
