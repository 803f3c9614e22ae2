"""East Slavic given names under their Russian, Ukrainian and Belarusian forms (issue 9, s18): one name part in
resolution, while another name of the same family ("Oleksiy", "Oleksandra") stays another. Surnames are invented;
the given names are the vocabulary's (``given_names``)."""

from __future__ import annotations

import pytest

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.names.parts import same_person_part
from threatgraph.names.tokens import given_name
from threatgraph.names.vocabulary import VocabularyError, parse


def _person(a: str, b: str) -> float:
    return compare_names(name_form(a, "Person"), name_form(b, "Person"), True).score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("oleksandr", "aleksandr"),  # before: two names (rigour files them apart), so no merge and no link
        ("oleksandr", "alexander"),
        ("serhii", "sergey"),  # spellings of a form the romanisation fold relates need no line of their own
        ("volodymyr", "vladimir"),
        ("mykola", "nikolay"),
        ("hennadiy", "gennady"),
        ("dmytro", "dmitriy"),
        ("aliaksandr", "oleksandr"),  # Belarusian
    ],
)
def test_one_given_name_in_its_east_slavic_languages(a: str, b: str) -> None:
    assert same_person_part(a, b)
    assert given_name(a) == given_name(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("oleksandr", "oleksiy"),  # Alexander and Alexei: both open "Olek-", two names
        ("aleksandr", "aleksei"),
        ("oleksandr", "oleksandra"),  # before: one name (one letter apart); a man's and a woman's name
        ("aleksandr", "aleksandra"),
        ("olena", "olha"),
    ],
)
def test_control_two_names_of_one_family_stay_two(a: str, b: str) -> None:
    assert not same_person_part(a, b)


def test_a_word_the_vocabulary_does_not_list_is_no_given_name() -> None:
    assert given_name("tarvelov") == ""
    assert given_name("ivana") == ""


def test_full_names_align_across_the_languages() -> None:
    assert _person("Oleksandr Tarvelov", "Aleksandr Tarvelov") >= MATCH_THRESHOLD
    assert _person("Serhiy Osrandin", "Sergei Osrandin") >= MATCH_THRESHOLD
    assert _person("Oleksiy Tarvelov", "Aleksandr Tarvelov") < MATCH_THRESHOLD  # control: a brother
    assert _person("Oleksandra Tarvelova", "Oleksandr Tarvelov") < MATCH_THRESHOLD  # control


def test_a_form_under_two_names_is_an_error_in_the_vocabulary() -> None:
    data = {"labels": {}, "given_names": {"aleksandr": ["oleksandr"], "aleksei": ["oleksandr"]}}
    with pytest.raises(VocabularyError, match="form of two names"):
        parse(data)
