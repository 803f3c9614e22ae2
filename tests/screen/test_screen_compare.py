"""Name comparison: bounded, symmetric, exact names score 1, different names score low."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.names.tokens import name_tokens, token_class
from threatgraph.screen.compare import compare_names, identifiers_match, schemata_compatible, token_similarity

names = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Pd")), max_size=40)


def score(a: str, b: str) -> float:
    ta, tb = name_tokens(a), name_tokens(b)
    return compare_names(ta, [token_class(t) for t in ta], tb, [token_class(t) for t in tb]).score


@settings(deadline=None)
@given(names, names)
def test_score_bounded_and_symmetric(a: str, b: str) -> None:
    s = score(a, b)
    assert 0.0 <= s <= 1.0
    assert abs(s - score(b, a)) < 1e-9


@settings(deadline=None)
@given(names)
def test_a_name_matches_itself(a: str) -> None:
    if name_tokens(a):
        assert score(a, a) == pytest.approx(1.0, abs=1e-9)  # a weighted mean of 1.0s may round to 0.99…98


def test_spelling_variants_score_high_and_strangers_low() -> None:
    assert score("Zainabiyoun Brigade", "ZAYNABIYOUN BRIGADE") > 0.85
    assert score("Liwa Zainebiyoun", "ZAYNABIYOUN BRIGADE") > 0.85
    assert score("لواء زینبیون", "ZAYNABIYOUN BRIGADE") > 0.8
    assert score("Zainabiyun", "ZAYNABIYOUN BRIGADE") > 0.8
    assert score("Islamic State", "Islamic Jihad") < 0.6
    assert score("Emily Clarke", "ZAYNABIYOUN BRIGADE") < 0.3
    assert score("Brigade 313", "Brigade 314") < 0.7


def test_token_similarity_numbers_exact() -> None:
    assert token_similarity("313", "313") == 1.0
    assert token_similarity("313", "314") == 0.0


def test_schemata_and_identifiers() -> None:
    assert schemata_compatible("Person", "Person")
    assert schemata_compatible("LegalEntity", "Person")
    assert schemata_compatible(None, "Vessel")
    assert not schemata_compatible("Person", "Vessel")
    assert not schemata_compatible("Organization", "Person")
    assert identifiers_match(["9123453"], ["IMO9123453"]) == "IMO9123453"
    assert identifiers_match(["a-123-4567"], ["A1234567"]) == "A1234567"
    assert identifiers_match(["B999"], ["A1234567"]) is None


def test_transliteration_conventions() -> None:
    assert score("Mohammed Yousuf", "Muhammad Yusuf") > 0.85
    assert score("Zeinab Qassem", "Zaynab Kasem") > 0.85
    assert score("Oomar PATEK", "Umar PATEK") > 0.9
    assert score("Liwa el-Fajr", "Liwa al-Fajr") > 0.999
    # Folding keeps the vowels: different names stay apart.
    assert score("Omar Khan", "Amir Khan") < 0.8


def test_joined_and_split_words() -> None:
    assert score("Abdul Rahman", "Abdulrahman") > 0.95
    assert score("Abd al-Rahman", "Abdulrahman") > 0.85
    assert score("ALAKSA", "AL-AQSA") > 0.85
    assert score("ELDIABLO", "El Diablo") > 0.9  # the article written onto the word, in its other spelling
    assert score("AL-JAWLANI, AbuMuhammad", "Abu Muhammad AL-JAWLANI") > 0.95
    assert score("Abu Seta Trading", "Abuseta Shipping") < 0.8  # the joined word alone does not make a match


def test_dropped_middle_name_and_order() -> None:
    assert score("Emmerson MNANGAGWA", "Emmerson Dambudzo MNANGAGWA") > 0.85
    assert score("MNANGAGWA, Emmerson Dambudzo", "Emmerson Dambudzo MNANGAGWA") > 0.999
    # No discount when the words around the missing one are not both name words, or only roughly alike.
    assert score("Green Ltd", "GREEN SHIPPING LTD") < 0.8
    assert score("Chen Li", "Cheng Yu LI") < 0.8
    assert score("Shaykh AL-LIBI", "Abd al-Muhsin AL-LIBI") < 0.8


letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)


@settings(deadline=None)
@given(letters, letters, letters)
def test_two_words_written_as_one_still_match(a: str, b: str, c: str) -> None:
    """Whatever the words, "a b c" and "ab c" (and the reverse) align fully."""
    split, joined = [a, b, c], [a + b, c]
    if len({a, b, c, a + b}) < 4:
        return
    weights = [1.0, 1.0, 1.0]
    assert compare_names(split, weights, joined, [1.0, 1.0]).score > 0.95
    assert compare_names(joined, [1.0, 1.0], split, weights).score > 0.95


def test_left_out_middle_name_needs_a_trusted_order() -> None:
    """A name whose word order cannot be trusted (another script) drops a middle name only when its aligned
    words keep the list's order; crossed, two common parts of a three-part name are not enough - unless the
    part left out has the form of a patronymic, which says which part it is."""
    q, listed = name_tokens("Morozov Ivan"), name_tokens("Ivan Kuzma MOROZOV")
    qw, lw = [token_class(t) for t in q], [token_class(t) for t in listed]
    marked = compare_names(q, qw, listed, lw).score
    unmarked = compare_names(q, qw, listed, lw, order_marked=False).score
    assert marked > 0.85 and unmarked < marked - 0.1
    same_order = name_tokens("Ivan Morozov")
    ws = [token_class(t) for t in same_order]
    assert compare_names(same_order, ws, listed, lw, order_marked=False).score > 0.85
    patronymic = name_tokens("Ivan Petrovich MOROZOV")
    pw = [token_class(t) for t in patronymic]
    assert compare_names(q, qw, patronymic, pw, order_marked=False, person=True).score > 0.85
    assert compare_names(q, qw, patronymic, pw, order_marked=False).score < marked - 0.1  # not a person's name
    latin = name_tokens("Ivan Morozov")  # a Latin name against a Latin name: no patronymic is read as left out
    assert compare_names(latin, ws, name_tokens("Ivan MOROZOV Petrovich"), pw, person=True).score < 0.85
