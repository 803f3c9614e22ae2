"""A person name common on the list under all its spellings needs the listed affiliation (issue 9, session 16).

The list writes one name in many romanisations ("Omar"/"Umar", "Hassan"/"Hasan"), so each spelling alone may be
carried by too few names to count as common while the name, in all its spellings, is as common as any. Every name
and list row here is invented; the list's own frequencies are what the judge reads commonness from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.resolve.sanctions import spelling_frequency
from threatgraph.screen.index import get_index

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links

#: Each spelling in 12 names (below the list's floor of 20), each pair together in 24 (above it).
_FILLER = [
    _row(7000 + i, f"{w} ZEPHYR{i:02d} TRADING")
    for i, w in enumerate(w for w in ("OMAR", "UMAR", "HASSAN", "HASAN") for _ in range(12))
]
ROWS = [
    _row(9601, "HASSAN, Omar", "individual", "DOB 1970; nationality Kenya."),
    _row(9602, "VELLACOTT, Omar", "individual", "DOB 1970; nationality Kenya."),
    *_FILLER,
]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_a_part_is_counted_under_every_spelling_the_name_stack_aligns(listed) -> None:
    index = get_index(listed)
    assert index.df.get("umar", 0) < 20 and index.df.get("omar", 0) < 20
    assert spelling_frequency("umar", index) >= 20
    assert spelling_frequency("vellacott", index) == 1


def test_a_name_common_in_all_its_spellings_is_not_sanctioned_on_a_designation_alone(listed, add) -> None:
    """Failed before session 16: "omar" and "hassan" were each below the floor, so the full name and a reported
    designation read as the listed person."""
    art = build("Treasury designated Omar Hassan for smuggling charcoal.", [("Person", ["Omar Hassan"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Omar Hassan") == [("ofac-9601", "possible")]


def test_a_name_with_a_rare_part_is_sanctioned_on_a_designation(listed, add) -> None:
    """Control: one rare part ("Vellacott") makes the name specific enough for a reported designation."""
    art = build("Treasury designated Omar Vellacott for smuggling charcoal.", [("Person", ["Omar Vellacott"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Omar Vellacott") == [("ofac-9602", "probable")]
