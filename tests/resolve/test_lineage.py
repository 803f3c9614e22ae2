"""A listed name's optional parts (lineage chain, kunya) left out by the news (issue 9, session 18).

The list writes an Arabic name in full ("<Given> bin <Father> bin <Grandfather> BIN <FAMILY>"); the news writes
given and family name. Scored against the whole listed name the entry fell under the matcher's bar and was never
judged. Every name and list row here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge
from threatgraph.resolve.lineage import without_optional_parts

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        ("Qasim bin Harith bin Zubair BIN TALLAQ", ("Qasim BIN TALLAQ", "bin Harith bin Zubair")),
        ("Qasim ibn Harith WARDANI", ("Qasim WARDANI", "ibn Harith")),
        ("Qasim bin Abd al-Wahid AL-WARDANI", ("Qasim AL-WARDANI", "bin Abd al-Wahid")),
        ("Abu Harith Qasim AL-WARDANI", ("Qasim AL-WARDANI", "Abu Harith")),
        ("Abd al-Qadir bin Harith AL-WARDANI", ("Abd al-Qadir AL-WARDANI", "bin Harith")),
        # nothing optional, or too little left: a nisba or a kunya alone is no name
        ("Qasim BIN TALLAQ", None),
        ("ABU HARITH AL-WARDANI", None),
        ("Qasim Harith WARDANI", None),
        ("Qasim bin Harith", None),
    ],
)
def test_the_lineage_chain_and_the_kunya_are_set_aside(listed: str, expected: tuple[str, str] | None) -> None:
    assert without_optional_parts(listed) == expected


ENTRY = {
    "schema": "Person",
    "properties": {"name": ["Qasim bin Harith bin Zubair BIN TALLAQ"], "birthDate": ["1961"]},
    "links": [],
}


def _facts(name: str, designated: bool) -> ActorFacts:
    return ActorFacts("Person", [name_form(name, "Person")], {}, designated=designated)


def test_given_and_family_name_without_the_chain_is_a_full_name() -> None:
    """Failed before session 18: the article's two parts were a partial match of the five-part listed name."""
    j = judge(_facts("Kasim bin Tallaq", True), ENTRY, "Person")
    assert j.name_kind == "full" and j.state == PROBABLE
    assert any("leaves out 'bin Harith bin Zubair'" in x for x in j.evidence_for)


def test_a_full_name_without_the_chain_still_needs_corroboration() -> None:
    assert judge(_facts("Kasim bin Tallaq", False), ENTRY, "Person").state == POSSIBLE


def test_a_relative_of_another_given_name_stays_a_namesake() -> None:
    """Control: the family name alone with another given name is a brother or a son, not the listed man."""
    j = judge(_facts("Nadir bin Tallaq", True), ENTRY, "Person")
    assert j.state == POSSIBLE and j.name_kind != "full"


ROWS = [
    _row(9701, "BIN TALLAQ, Qasim bin Harith bin Zubair", "individual", "DOB 1961; POB Taizz, Yemen."),
    _row(9702, "BIN TALLAQ, Nadir", "individual", "DOB 1985; POB Taizz, Yemen."),
]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_the_entry_under_the_matchers_bar_for_its_chain_is_judged_and_linked(listed, add) -> None:
    """Failed before session 18: the matcher scored the five-part listed name under its bar against the article's
    three words, so the judge read the entry as a partial name under the bar and left it for review."""
    art = build("Treasury designated Kasim bin Tallaq on Tuesday.", [("Person", ["Kasim bin Tallaq"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Kasim bin Tallaq") == [("ofac-9701", "probable")]


def test_without_corroboration_the_chain_match_stays_for_review(listed, add) -> None:
    """A name alone: the entry is now proposed for review (it was never proposed before session 18), not sanctioned."""
    art = build("Kasim bin Tallaq spoke in Taizz on Tuesday.", [("Person", ["Kasim bin Tallaq"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Kasim bin Tallaq") == [("ofac-9701", "possible")]


def test_a_namesake_whose_age_contradicts_stays_unlinked(listed, add) -> None:
    """Control: the listed man was born in 1961; the article's is 24 in 2024."""
    art = build(
        "Treasury designated Kasim bin Tallaq, 24, on Tuesday.",
        [("Person", ["Kasim bin Tallaq"])],
    )
    resolve.update(listed, add(art))
    assert ("ofac-9701", "probable") not in (links(listed).get("Kasim bin Tallaq") or [])
