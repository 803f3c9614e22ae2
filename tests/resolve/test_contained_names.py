"""A listed body's name found inside a longer, different body's name must not read as sanctioned (issue 9, s15).

Every name here is invented. The listed "<X>" and the article's "<X> Supreme Council", "Ministry of <X> Affairs",
"<X> Relief Foundation of <Place>", "<X> Foundation": the article's extra name words make it another body (a council,
a ministry, a charity of it or named after it), which the list does not hold. A reported designation or the entry's
own Linked To party named alongside fits both bodies (a council of a group is named with the group's sponsors), so
neither makes such a link probable. Place words, nationality adjectives and a kind word that heads a group's own
name ("<X> Movement", "<X> Group") say where or what the listed body is, not that it is another: controls below.
"""

from __future__ import annotations

import pytest

from threatgraph.names.forms import name_form
from threatgraph.resolve.judge import ActorFacts, added_name_words, judge

SCHEMA = "Organization"
ZARQA = {
    "schema": SCHEMA,
    "properties": {"name": ["ZARQA"], "alias": ["ZARQA MOVEMENT"]},
    "links": ["QANDOR REVOLUTIONARY FRONT"],
}


def _actor(*names: str, designated: bool = True, sponsor: bool = True) -> ActorFacts:
    context = {"Organization:qandor revolutionary": 2} if sponsor else {}
    return ActorFacts(SCHEMA, [name_form(n, SCHEMA) for n in names], context, designated=designated)


@pytest.mark.parametrize(
    "name",
    [
        "Zarqa Supreme Council",
        "Ministry of Zarqa Affairs",
        "Zarqa Relief Foundation of Tamsin",
        "Zarqa Foundation",
        "Zarqa Council",
        "Zarqa Trading",
        "Zarqa in Tamsin",  # a branch in a region the list does not name: "<Group> in <Region>"
    ],
)
def test_a_longer_body_named_after_a_listed_one_is_left_for_review(name: str) -> None:
    """Designated and named with the entry's own Linked To party, and still only "possible"."""
    j = judge(_actor(name), ZARQA, SCHEMA)
    assert j.state == "possible", j.as_dict()
    assert any("another body" in x for x in j.evidence_against), j.as_dict()


@pytest.mark.parametrize(
    "name",
    ["Zarqa", "Zarqa Movement", "Zarqa Group", "Zarqa in Kenya", "Kenyan Zarqa", "the Zarqa"],
)
def test_the_listed_body_under_its_own_name_stays_probable(name: str) -> None:
    """Control: the same evidence with the listed name, its heading kind word, a place or a nationality."""
    j = judge(_actor(name), ZARQA, SCHEMA)
    assert j.state == "probable", j.as_dict()
    assert added_name_words((name, "ZARQA"), SCHEMA) == []


def test_added_words_are_the_news_names_own_words_without_partner() -> None:
    assert added_name_words(("Zarqa Supreme Council", "ZARQA"), SCHEMA) == ["supreme", "council"]
    # a transliteration of a listed word has its partner; a word the listed name has is no addition
    assert added_name_words(("Hizbalah Relief", "HEZBOLLAH RELIEF"), SCHEMA) == []
    # an acronym or a name in another script is compared as a whole elsewhere
    assert added_name_words(("ZRQ", "ZARQA REVOLUTIONARY QUORUM"), SCHEMA) == []
