"""A body's name made only of words groups name themselves with asks for corroboration (issue 9, session 17).

"Supporters of <Faith>", "<Resistance> Front", "Army of <Justice>": each word is rare on the list, yet groups in
several countries have taken such a name, so a list entry matched on it alone is left for review. Every name, list
row and sentence here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.names.vocabulary import vocabulary

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links

ROWS = [_row(9801, "ANSAR AL-ADL"), _row(9802, "ANSAR AL-QANDORI"), _row(9803, "MUQAWAMA TAHRIR FRONT")]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_descriptive_words_are_read_as_a_core_holds_them() -> None:
    assert set(name_form("Ansar al-Adl").core) <= vocabulary().descriptive
    assert "qandori" not in vocabulary().descriptive


@pytest.mark.parametrize(("name", "entry"), [("Ansar al-Adl", "ofac-9801"), ("Muqawama Tahrir Front", "ofac-9803")])
def test_a_name_of_descriptive_words_alone_is_left_for_review(listed, add, name: str, entry: str) -> None:
    """Failed before session 17: the full name alone read as the listed body."""
    art = build(f"Fighters of {name} attacked a checkpoint near the border.", [("ArmedGroup", [name])])
    resolve.update(listed, add(art))
    assert links(listed).get(name) == [(entry, "possible")]


def test_control_a_reported_designation_corroborates_it(listed, add) -> None:
    art = build("Treasury designated Ansar al-Adl for attacks on shipping.", [("ArmedGroup", ["Ansar al-Adl"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Ansar al-Adl") == [("ofac-9801", "probable")]


def test_control_a_word_of_its_own_makes_the_name_specific(listed, add) -> None:
    art = build("Fighters of Ansar al-Qandori attacked a checkpoint.", [("ArmedGroup", ["Ansar al-Qandori"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Ansar al-Qandori") == [("ofac-9802", "probable")]
