"""Screening reads a person's given name and middle initial as resolution's name stack does (issue 9, s19).

Before, the matcher scored words by letters alone: a Ukrainian official "Oleh <X>" against a listed "Oleg <Patronymic>
<X>" scored 0.62 and "Sergey V. <X>" against "Sergey Viktorovich <X>" 0.61, below the matcher's bar, so the link was
never even judged, while resolution already aligned both. Now a given name the vocabulary knows in another
language's form or as a short form counts as a spelling convention, and a middle initial counts as the middle name it
opens. The controls stay apart: two names of one family ("Oleksiy"/"Aleksandr", "Olga"/"Oleg"), an initial of
another letter, and an organisation's words. Every surname here is invented."""

from __future__ import annotations

import pytest

from threatgraph.names.tokens import name_tokens, token_class
from threatgraph.screen.compare import compare_names
from threatgraph.screen.index import build_index
from threatgraph.screen.query import MATCH_THRESHOLD, Query


def _score(a: str, b: str, person: bool = True) -> float:
    ta, tb = name_tokens(a), name_tokens(b)
    wa, wb = [token_class(t) for t in ta], [token_class(t) for t in tb]
    return compare_names(ta, wa, tb, wb, person=person, given_names=person).score


def _index():
    entries = [
        {"id": "p1", "schema": "Person", "dataset": "t", "properties": {"name": ["Oleg Petrovich TARVELOV"]}},
        {"id": "p2", "schema": "Person", "dataset": "t", "properties": {"name": ["Sergey Viktorovich KOLMINOV"]}},
        {"id": "p3", "schema": "Person", "dataset": "t", "properties": {"name": ["Aleksandr Ivanovich DROMENKO"]}},
        {"id": "p4", "schema": "Person", "dataset": "t", "properties": {"name": ["Antony ZELBRIGHT"]}},
    ]
    return build_index(entries)


def _top(idx, name: str):
    hits = idx.match(Query([name], schema="Person"), limit=1)
    return hits[0] if hits else None


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("Oleh Tarvelov", "p1"),  # Ukrainian form of the listed Russian one (before: 0.62)
        ("Sergey V. Kolminov", "p2"),  # the initial of the listed patronymic (before: 0.61)
        ("Oleksandr Dromenko", "p3"),
        ("Tony Zelbright", "p4"),  # a short form of the listed given name
    ],
)
def test_given_name_forms_and_middle_initials_flag_the_listed_person(query: str, entry: str) -> None:
    hit = _top(_index(), query)
    assert hit is not None and hit.entry_id == entry
    assert hit.match and hit.score >= MATCH_THRESHOLD, (query, hit.score, hit.features)


@pytest.mark.parametrize(
    "query",
    [
        "Olga Tarvelov",  # another name of the family: a sister, not the listed man
        "Sergey K. Kolminov",  # an initial of another letter: another middle name, another person
        "Oleksiy Dromenko",  # Alexei, not Alexander
    ],
)
def test_control_another_given_name_or_initial_stays_below_the_bar(query: str) -> None:
    hit = _top(_index(), query)
    assert hit is None or not hit.match, (query, hit.score, hit.features)


def test_the_name_stack_scores() -> None:
    assert _score("Serhiy Tarvelov", "Sergei TARVELOV") >= 0.95
    assert _score("John A. Tarvelov", "John Adam TARVELOV") >= 0.95
    assert _score("John A. Tarvelov", "John Adam TARVELOV") > _score("John B. Tarvelov", "John Adam TARVELOV") + 0.2
    # an organisation's words are no given names: only person names read the vocabulary's given names
    assert _score("Bill Tarvel Holdings", "William Tarvel Holdings", person=False) < 0.9
