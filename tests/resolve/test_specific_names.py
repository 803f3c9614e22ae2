"""A full name of common parts that the list gives one entry only is no common name (issue 9, session 17).

``common_name`` sends a person to review when every part of the name is common on the list (under all its
spellings), because the list then holds many people so named. For three parts or more that premise can be checked:
how many entries carry every part. Every name and list row here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.sanctions import listed_carriers, spelling_frequency
from threatgraph.screen.index import get_index
from threatgraph.store.schema import sanction_links

from .conftest import build
from .test_adversarial_links import _row, links

#: Each spelling in 12 names, each part in 24 under both its spellings: every part is common (floor 20).
_FILLER = [
    _row(7100 + i, f"{w} QUILLON{i:02d} TRADING")
    for i, w in enumerate(w for w in ("OMAR", "UMAR", "HASSAN", "HASAN", "TARIQ", "TAREQ") for _ in range(12))
]


def _list(store, tmp_path: Path, *rows: str):
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text("\n".join([*rows, *_FILLER]) + "\n", encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")
    return store


def _against(store, entry: str) -> list[str]:
    """The evidence against the link to this entry."""
    with store.connect() as conn:
        rows = conn.execute(select(sanction_links.c.explanation).where(sanction_links.c.entry_id == entry)).all()
    return [x for (expl,) in rows for x in expl["judgement"]["against"]]


ONE = _row(9701, "HASSAN, Omar Tariq", "individual", "DOB 1970; nationality Kenya.")


@pytest.fixture
def one_carrier(store, tmp_path: Path):
    return _list(store, tmp_path, ONE)


@pytest.fixture
def two_carriers(store, tmp_path: Path):
    # another listed person carries the same three parts in another order: the name is not this entry's alone
    return _list(store, tmp_path, ONE, _row(9702, "OMAR, Tariq Hassan", "individual", "DOB 1981; nationality Chad."))


def test_every_part_is_common_but_one_entry_carries_them_all(one_carrier) -> None:
    index = get_index(one_carrier)
    core = name_form("Omar Tariq Hassan", "Person").core
    assert all(spelling_frequency(t, index) >= 20 for t in core)
    assert len(listed_carriers(core, index)) == 1
    assert len(listed_carriers(name_form("Omar Hassan", "Person").core, index)) == 1


def test_a_designated_three_part_name_the_list_gives_one_entry_is_probable(one_carrier, add) -> None:
    """Failed before session 17: each part common under its spellings sent the name to review."""
    art = build("Treasury designated Omar Tariq Hassan for smuggling charcoal.", [("Person", ["Omar Tariq Hassan"])])
    resolve.update(one_carrier, add(art))
    assert links(one_carrier).get("Omar Tariq Hassan") == [("ofac-9701", "probable")]


def test_control_two_entries_carrying_the_parts_keep_it_common(two_carriers, add) -> None:
    art = build("Treasury designated Omar Tariq Hassan for smuggling charcoal.", [("Person", ["Omar Tariq Hassan"])])
    resolve.update(two_carriers, add(art))
    assert ("ofac-9701", "possible") in links(two_carriers)["Omar Tariq Hassan"]
    assert any("common on the list" in x for x in _against(two_carriers, "ofac-9701"))


@pytest.fixture
def two_part(store, tmp_path: Path):
    return _list(store, tmp_path, _row(9703, "HASSAN, Omar", "individual", "DOB 1970; nationality Kenya."))


def test_control_two_common_parts_stay_common_with_one_carrier(two_part, add) -> None:
    # two common parts meet in many people off the list: one carrier on it says nothing
    index = get_index(two_part)
    assert len(listed_carriers(name_form("Omar Hassan", "Person").core, index)) == 1
    art = build("Treasury designated Omar Hassan for smuggling charcoal.", [("Person", ["Omar Hassan"])])
    resolve.update(two_part, add(art))
    assert links(two_part)["Omar Hassan"] == [("ofac-9703", "possible")]
    assert any("common on the list" in x for x in _against(two_part, "ofac-9703"))
