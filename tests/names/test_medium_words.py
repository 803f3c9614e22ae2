"""A medium word beside a body's name ("<Name> TV"): its spellings align, its absence is no weak word. Invented."""

from __future__ import annotations

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.names.vocabulary import vocabulary
from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge


def _score(a: str, b: str) -> float:
    return compare_names(name_form(a, "Organization"), name_form(b, "Organization")).score


def _judged(news: str, listed: str, designated: bool = False):
    actor = ActorFacts("Organization", [name_form(news, "Organization")], {}, designated=designated)
    return judge(actor, {"schema": "Organization", "properties": {"name": [listed]}, "links": []}, "Organization")


def test_two_spellings_of_the_medium_word_align() -> None:
    # before: "television" and "tv" were two different words, 0.5
    assert _score("Al-Qandor Television", "AL-QANDOR TV") >= MATCH_THRESHOLD
    assert _judged("Al-Qandor Television", "AL-QANDOR TV").state == PROBABLE


def test_control_the_bare_name_is_not_the_broadcaster_on_the_name_alone() -> None:
    assert "tv" not in vocabulary().generic_words  # never a weak extra word
    assert _score("Al-Qandor", "AL-QANDOR TV") < MATCH_THRESHOLD
    assert _judged("Al-Qandor", "AL-QANDOR TV").state == POSSIBLE
    assert _judged("Al-Qandor", "AL-QANDOR TV", designated=True).name_kind == "partial"


def test_control_two_media_are_two_bodies() -> None:
    assert _score("Qandor TV", "Qandor Radio") < MATCH_THRESHOLD - 0.15


def test_a_kind_word_the_core_keeps_aligns_with_its_translation() -> None:
    # "hizb" and "party" are one vocabulary word of kind term, kept in the core as written
    assert _score("Hizb Vellacott", "Party Vellacott") >= MATCH_THRESHOLD
