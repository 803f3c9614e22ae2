"""Person names made of the same parts in another order (names/align._reordered): invented names only."""

from __future__ import annotations

import pytest

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.resolve.compare import score_group


def _score(a: str, b: str) -> tuple[float, str]:
    s = compare_names(name_form(a, "Person"), name_form(b, "Person"), True)
    return s.score, s.feature


def test_father_and_son_around_a_patronymic_are_two_people() -> None:
    # before: the sorted-word ratio scored 0.9, at the merge threshold
    score, feature = _score("Tarvel bin Osrandi", "Osrandi bin Tarvel")
    assert feature == "lineage-swapped"
    assert score < MATCH_THRESHOLD - 0.15  # no shared context can merge them


def test_a_name_chain_read_backwards_is_another_person() -> None:
    score, feature = _score("Kelmor Dastani Varuq", "Varuq Dastani Kelmor")
    assert feature == "reordered"
    assert score < MATCH_THRESHOLD - 0.15


def test_family_name_moved_to_the_front_keeps_its_score() -> None:
    # control: a rotation is how lists and East Asian usage write one name ("<FAMILY> <Given>")
    score, feature = _score("Kelmor Dastani Varuq", "Varuq Kelmor Dastani")
    assert feature not in ("reordered", "lineage-swapped")
    assert score >= MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tarvel bin Osrandi", "Tarvel bin Osrandi"),
        ("Mohammed bin Osrandi", "Muhammad bin Osrandi"),  # spellings, in order
        ("Kelmor Dastani Varuq", "Kelmor Dastani Varuq"),
    ],
)
def test_control_the_same_order_still_aligns(a: str, b: str) -> None:
    assert _score(a, b)[0] >= MATCH_THRESHOLD


def test_a_swapped_pair_does_not_merge_without_shared_company() -> None:
    son, father = name_form("Tarvel bin Osrandi", "Person"), name_form("Osrandi bin Tarvel", "Person")
    swapped = score_group([son], {"Organization:vask front"}, [father], {"Organization:vask front": 1}, True)
    assert swapped.score < MATCH_THRESHOLD  # even with a shared co-mention
    same = score_group([son], set(), [name_form("Tarvel bin Osrandi", "Person")], {}, True)
    assert same.score >= MATCH_THRESHOLD  # control
