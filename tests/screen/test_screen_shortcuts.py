"""The matcher's shortcuts change no result (issue 13, speed): a name listed twice alike is compared once per
query form, a given-name conflict is looked for only against a listed person, and the given-name test runs its
letter tests before the name-symbol lookup. Every name here is invented."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.names.parts import same_person_part
from threatgraph.names.tokens import romanisation_fold
from threatgraph.screen.compare import _in_order, _same_given_name
from threatgraph.screen.index import build_index
from threatgraph.screen.query import Query

NAME = "Muhammad Velant OSTRAVI"


def _entries() -> list[dict]:
    """One name listed by a company first and then by two persons (the company's comparison, which needs no
    given-name test, is the one a careless shortcut would hand on to the persons)."""
    return [
        {"id": "c1", "schema": "Company", "dataset": "t", "properties": {"name": [NAME]}},
        {"id": "p1", "schema": "Person", "dataset": "t", "properties": {"name": [NAME]}},
        {"id": "p2", "schema": "Person", "dataset": "t", "properties": {"name": [NAME.upper()]}},
    ] + [  # other names, so that the shared words are as rare as a listed surname is
        {"id": f"f{k}", "schema": "Person", "dataset": "t", "properties": {"name": [f"{given} {family}"]}}
        for k, (given, family) in enumerate(
            (g, f) for g in ("Oren", "Talib", "Jorund", "Bexley") for f in ("HALVORK", "ZENTARI", "PUDLOW")
        )
    ]


def test_a_name_listed_alike_under_several_entries_is_compared_once_and_read_as_each_entrys() -> None:
    idx = build_index(_entries())
    form = next(idx._forms(Query(["Mahmoud Velant Ostravi"])))
    pos = {idx.entities[ent][0]: k for k, (ent, *_rest) in enumerate(idx.names)}
    seen: dict = {}
    company = idx._compare(form, pos["c1"], None, seen)
    person = idx._compare(form, pos["p1"], None, seen)
    assert company is not None and person is not None
    assert company.given_conflict is None  # no person's name: not looked for
    assert person.given_conflict == ("mahmoud", "muhammad")  # the company's comparison is not handed on
    assert idx._compare(form, pos["p2"], None, seen) is person  # the same words, weights and kind: compared once
    assert idx._compare(form, pos["p1"], None) == person  # and as a comparison of its own finds
    ranked = {c.entry_id: c for c in idx.rank(Query(["Mahmoud Velant Ostravi"]))}
    assert ranked["p1"].score == ranked["p2"].score
    assert ranked["p2"].explanation["matched_name"] == NAME.upper()
    assert ranked["p1"].explanation["matched_name"] == NAME


def test_the_same_name_flags_every_entry_listing_it() -> None:
    idx = build_index(_entries())
    found = idx.match(Query([NAME]), limit=5)
    assert {c.entry_id for c in found if c.match} == {"c1", "p1", "p2"}


def _reference_same_given_name(a: str, b: str) -> bool:
    """The given-name test as first written: symbol lookup first, then the letter tests."""
    if same_person_part(a, b):
        return True
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) or romanisation_fold(long_).startswith(romanisation_fold(short)):
        return True
    return _in_order(short, long_) or _in_order(romanisation_fold(short), romanisation_fold(long_))


WORDS = st.sampled_from(["muhammad", "mohd", "mohammed", "karim", "kareem", "m", "salem", "salim", "yusuf", "ali"])


@settings(max_examples=80, deadline=None)
@given(WORDS | st.text(alphabet="aehikmlnorsuy", min_size=1, max_size=9), WORDS)
def test_letter_tests_first_give_the_same_answer(a: str, b: str) -> None:
    assert _same_given_name(a, b) == _reference_same_given_name(a, b)
    assert _same_given_name(b, a) == _reference_same_given_name(b, a)
