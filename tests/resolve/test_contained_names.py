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
from sqlalchemy import select

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.enclosing import enclosing_name
from threatgraph.resolve.judge import ActorFacts, added_name_words, judge
from threatgraph.store.schema import sanction_links

from .conftest import build

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


def test_the_longer_name_around_a_mention_is_read_back_from_running_text() -> None:
    cases = {
        "The Zarqa Supreme Council met in Tamsin on Monday.": "Zarqa Supreme Council",
        "He served at the Ministry of Zarqa Affairs until 2019.": "Ministry of Zarqa Affairs",
        "Funds went to the Zarqa Relief Foundation of Tamsin.": "Zarqa Relief Foundation of Tamsin",
        # the mention ends its name: a verb, a possessive, a title opening a person's name, a date, a country
        "The Zarqa is a militia.": None,
        "The Zarqa’s leader fled.": None,
        "Zarqa Secretary General Omar Bello said so.": None,
        "US forces struck Zarqa Tuesday in Tamsin.": None,
        "Zarqa and the Qandor Front fought.": None,
        "He joined Zarqa Kenyan units.": None,
        # a headline capitalises every word
        "Treasury Sanctions Zarqa Financiers Operating in Tamsin": None,
    }
    for sentence, longer in cases.items():
        i = sentence.index("Zarqa")
        assert enclosing_name(sentence, i, i + len("Zarqa")) == longer, sentence
    # a mention ending in a full stop ends a sentence the splitter ran on
    run_on = "He was sent to lead Zarqa-K. Bello approved attacks."
    assert enclosing_name(run_on, run_on.index("Zarqa"), run_on.index(" Bello")) is None


def test_words_another_mention_covers_are_no_part_of_the_bodys_name(listed, add) -> None:
    """ "Zarqa Omar Bello": the words after the group's mention are a person's (its own mention), so the group's
    mention ends its name and the link stands on its own evidence."""
    art = build(
        "Treasury designated the Zarqa Omar Bello leads for funding attacks.",
        [("ArmedGroup", ["Zarqa"]), ("Person", ["Omar Bello"])],
    )
    resolve.update(listed, add(art))
    assert _states(listed) == ["probable"]


_ROWS = [
    '9701,"ZARQA",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'ZARQA MOVEMENT\'."',
]


@pytest.fixture
def listed(store, tmp_path):
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text("\n".join(_ROWS) + "\n", encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")
    return store


def _states(store) -> list[str]:
    with store.connect() as conn:
        return sorted(r[0] for r in conn.execute(select(sanction_links.c.status)))


def test_a_mention_cut_out_of_a_longer_name_is_not_sanctioned(listed, add) -> None:
    """The extractor marked only "Zarqa" of "the Zarqa Supreme Council"; the article reports the council designated.
    The name matches the listed "ZARQA" in full, yet the article never names the listed body on its own."""
    art = build(
        "Treasury designated the Zarqa Supreme Council for funding attacks.",
        [("ArmedGroup", ["Zarqa"])],
    )
    resolve.update(listed, add(art))
    assert _states(listed) == ["possible"]


def test_the_listed_body_named_on_its_own_is_sanctioned(listed, add) -> None:
    """Control: the same sentence naming the listed body itself."""
    art = build("Treasury designated the Zarqa for funding attacks.", [("ArmedGroup", ["Zarqa"])])
    resolve.update(listed, add(art))
    assert _states(listed) == ["probable"]
