"""A state's body named without the state's official long name (issue 9, s21): "<Country> <Body>" for the listed
"<Official name of the country> <Body>" aligns in full; every other word must still be there, and the country
word must stay. Country names come from rigour's territory table; the bodies are invented."""

from __future__ import annotations

from threatgraph.names.align import ALIGNED, MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.names.qualifiers import official_words
from threatgraph.resolve.judge import PROBABLE, ActorFacts, judge


def _o(name: str):
    return name_form(name, "Organization")


def test_official_words_are_the_long_names_own() -> None:
    assert official_words("iran") == {"islamic", "republic"}
    assert official_words("egyptian") == {"arab", "republic"}
    assert official_words("russian") == {"federation"}
    assert official_words("quillan") == frozenset()  # no country
    assert "ireland" not in official_words("british")  # a territory of its own is no official word


def test_the_official_name_left_out_aligns() -> None:
    for news, listed in (
        ("Iran Coastal Lines", "ISLAMIC REPUBLIC OF IRAN COASTAL LINES"),
        ("Egyptian Army Engineers", "EGYPTIAN ARAB ARMY ENGINEERS"),
        ("Russian Coastal Survey Service", "COASTAL SURVEY SERVICE OF THE RUSSIAN FEDERATION"),
    ):
        s = compare_names(_o(news), _o(listed))
        assert s.feature == "official-name" and s.score == ALIGNED, (news, s)


def test_other_words_are_another_body() -> None:
    # a word that is no part of the country's official name: another body
    assert compare_names(_o("Iran Coastal Lines"), _o("ISLAMIC FREE IRAN COASTAL LINES")).score < MATCH_THRESHOLD
    assert compare_names(_o("Egyptian Engineers"), _o("EGYPTIAN NATIONAL ENGINEERS")).score < MATCH_THRESHOLD
    # the official word away from the country word says something else
    assert compare_names(_o("Egyptian Engineers Union"), _o("EGYPTIAN ENGINEERS ARAB UNION")).score < MATCH_THRESHOLD
    # a country alone is no body
    assert compare_names(_o("Egypt"), _o("ARAB REPUBLIC OF EGYPT")).feature != "official-name"


def test_a_body_so_named_reads_as_the_listed_one() -> None:
    entry = {"schema": "Organization", "properties": {"name": ["EGYPTIAN ARAB ARMY ENGINEERS"]}, "links": []}
    j = judge(ActorFacts("Organization", [_o("Egyptian Army Engineers")], {}), entry, "Organization")
    assert j.state == PROBABLE and j.name_kind == "full"
