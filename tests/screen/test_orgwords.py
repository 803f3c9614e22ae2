"""screen.orgwords: kind words and misspelt legal forms learnt from the listed names (issue 13, item 2).

All names here are invented; the lists they form are big enough for the learnt thresholds.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.names.tokens import GENERIC, name_tokens
from threatgraph.screen.index import build_index
from threatgraph.screen.orgwords import MIN_ORG_NAMES, OrgWords, learn
from threatgraph.screen.query import Query

STEMS = [
    "Vostok", "Zapad", "Polyus", "Kedr", "Sever", "Almaz", "Granit", "Volna", "Iskra", "Raduga", "Zarya", "Orbita",
    "Kristall", "Signal", "Tekhnika", "Progress", "Impuls", "Vektor", "Format", "Gamma", "Delta", "Sigma", "Omega",
    "Titan", "Meteor",
]  # fmt: skip
PEOPLE = ["Ivan Petrov", "Anna Sokolova", "Pao Chiang Hua", "Oleg Orlov", "Maria Lebedeva"]


def entries() -> list[dict]:
    out = []
    for i, stem in enumerate(STEMS):
        out.append({"id": f"ao-{i}", "schema": "Company", "dataset": "t", "properties": {"name": [f"AO {stem}"]}})
        out.append(
            {
                "id": f"ooo-{i}",
                "schema": "Company",
                "dataset": "t",
                "properties": {"name": [f"Obshchestvo s Ogranichennoi Otvetstvennostyu {stem} Trans"]},
            }
        )
    out += [
        {"id": f"p-{i}", "schema": "Person", "dataset": "t", "properties": {"name": [n]}} for i, n in enumerate(PEOPLE)
    ]
    return out


@cache
def learnt() -> OrgWords:
    rows = [
        (e["properties"]["name"][0], name_tokens(e["properties"]["name"][0]), e["schema"] != "Person")
        for e in entries()
    ]
    return learn(rows)


def test_kind_words_are_frequent_in_organisations_and_absent_from_people() -> None:
    assert len(STEMS) >= MIN_ORG_NAMES
    words = learnt()
    assert "ao" in words.kind_tokens and "vostok" not in words.kind_tokens
    assert words.weight("ao", 0.9) == GENERIC and words.weight("vostok", 0.9) == 0.9
    assert "pao" not in words.kind_tokens  # a person's name syllable stays a name word


def test_misspelt_organisation_words_are_corrected_and_names_are_not() -> None:
    words = learnt()
    assert words.correct("Obshchestvo s Ogranychennoi Otvetstvenostyu Iskra Trans") == (
        "obshchestvo s ogranichennoi otvetstvennostyu iskra trans"
    )
    assert words.correct("Obshchestvo Iskra") is None  # spelt right: nothing to do
    assert words.correct("Ivan Petrow") is None  # person names are no correction targets
    assert words.correct("Vostak Signel") is None  # nor are the organisations' own names


def test_the_index_finds_an_entry_by_its_name_without_the_kind_word() -> None:
    index = build_index(entries())
    hit = index.match(Query(["Kedr"]), limit=1)[0]
    assert hit.entry_id == "ao-3" and hit.match
    assert index.match(Query(["Kedr AO"], schema="Company"), limit=1)[0].entry_id == "ao-3"
    typo = index.match(Query(["Obshchestvo s Ogranichennoi Otvetstvenostyu Kedr Trans"]), limit=1)[0]
    assert typo.entry_id == "ooo-3" and typo.match and typo.score >= 0.95
    other = index.match(Query(["Obshchestvo s Ogranichennoi Otvetstvenostyu Lotos Trans"]), limit=1)
    assert not other or not other[0].match  # the legal form alone never flags
    person = index.match(Query(["Pao Chiang"], schema="Person"), limit=1)[0]
    assert person.entry_id == "p-2"


@settings(deadline=None)  # the shared machine's load, not the code, makes single calls slow
@given(st.text(max_size=40))
def test_correct_never_crashes(text: str) -> None:
    fixed = learnt().correct(text)
    assert fixed is None or isinstance(fixed, str)
