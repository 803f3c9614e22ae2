"""Courtesy titles and the sex they say, from the one name vocabulary (issue 9, s21). Names invented."""

from __future__ import annotations

import pytest

from threatgraph.names.titles import BOTH, FEMALE, MALE, contradict, title_sex
from threatgraph.names.vocabulary import VocabularyError, parse


@pytest.mark.parametrize(
    ("before", "name", "sex"),
    [
        ("Officials said Mrs. ", "Halvey", FEMALE),
        ("Officials said Mr. ", "Halvey", MALE),
        ("according to Ms ", "Halvey", FEMALE),
        ("", "Lady Halvey", FEMALE),
        ("knighted as Sir ", "Dorian Halvey", MALE),
        ("the guests, Mr. and Mrs. ", "Halvey", BOTH),
        ("Mr. & Mrs. ", "Halvey", BOTH),
    ],
)
def test_a_courtesy_title_says_the_sex(before: str, name: str, sex: str) -> None:
    assert title_sex(before, name) == sex


@pytest.mark.parametrize(
    ("before", "name"),
    [
        ("said President ", "Halvey"),  # an office says no sex
        ("said Gen. ", "Halvey"),  # nor a rank
        ("said Dr. ", "Halvey"),
        ("Mrs. Osrandi met ", "Halvey"),  # a title before another name
        ("", "Halvey"),
        ("", "Lady"),  # a one-word name is no title and a name
    ],
)
def test_control_no_sex_without_a_courtesy_title_right_before(before: str, name: str) -> None:
    assert title_sex(before, name) is None


def test_two_sexes_or_a_couple_contradict_and_agreement_or_silence_does_not() -> None:
    assert contradict({MALE}, {FEMALE})
    assert contradict({BOTH}, {MALE})
    assert not contradict({MALE}, {MALE})
    assert not contradict(set(), {FEMALE})


def test_a_title_under_both_sexes_is_an_error_in_the_vocabulary() -> None:
    with pytest.raises(VocabularyError):
        parse({"title_genders": {"male": ["mr"], "female": ["mr"]}})
    with pytest.raises(VocabularyError):
        parse({"title_genders": {"neuter": ["mx"]}})
