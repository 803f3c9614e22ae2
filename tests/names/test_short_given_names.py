"""English given names and the short forms their bearers go by (issue 9, s18): "Tony <Surname>" in one release and
"Antony <Surname>" in another is one person; the short form never makes two full names one. Surnames invented."""

from __future__ import annotations

import pytest

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.names.parts import same_person_part


def _person(a: str, b: str) -> float:
    return compare_names(name_form(a, "Person"), name_form(b, "Person"), True).score


@pytest.mark.parametrize(
    ("short", "full"), [("tony", "antony"), ("tony", "anthony"), ("bill", "william"), ("pat", "patrick")]
)
def test_a_short_form_is_the_name_it_shortens(short: str, full: str) -> None:
    assert same_person_part(short, full) and same_person_part(full, short)


@pytest.mark.parametrize(("a", "b"), [("patrick", "patricia"), ("edward", "theodore"), ("tony", "tom")])
def test_control_two_names_are_not_made_one_through_a_short_form(a: str, b: str) -> None:
    assert not same_person_part(a, b)


def test_the_full_name_aligns_with_its_short_form() -> None:
    # before: 0.5 ("fuzzy"): "Tony" is no spelling of "Antony"
    assert _person("Tony Halvey", "Antony Halvey") >= MATCH_THRESHOLD
    assert _person("Tony Halvey", "Tom Halvey") < MATCH_THRESHOLD  # control
    assert _person("Tony Halvey", "Antony Osrandi") < MATCH_THRESHOLD  # control: another surname
