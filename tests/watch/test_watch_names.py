"""Name normalisation, fuzzy scoring and the raw-text scan behind name watches."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.watch import parse_since
from threatgraph.watch.names import find_in_text, normalise, sentence_at, similarity

NAME_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)
FILLER = st.lists(st.sampled_from(["the", "said", "on", "monday", "in", "a", "report", "near", "and"]), max_size=30)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the Zainabiyoun Brigade", "Zainabiyoun Brigade"),
        ("ZAYNABIYOUN BRIGADE", "Zaynabiyoun Brigade"),
        ("Mr. Abu Ali", "Abu Ali"),
        ("Crescent Gate Trading LLC", "crescent gate trading L.L.C."),
    ],
)
def test_normalise_folds_case_articles_honorifics_org_types_and_terms(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_translated_and_transliterated_names_agree() -> None:
    assert similarity(normalise("Liwa Zainabiyoun"), normalise("Zainabiyoun Brigade")) == 1.0


def test_similarity_meets_persian_script_spelling() -> None:
    assert similarity(normalise("Zainabiyoun Brigade"), normalise("لواء زینبیون")) >= 0.85
    assert similarity(normalise("Hezbollah"), normalise("لواء زینبیون")) < 0.5


def test_similarity_rejects_token_subsets() -> None:
    assert similarity(normalise("Ali Khan"), normalise("Khan")) < 0.85
    assert similarity(normalise("Zaynabiyoun Brigade"), normalise("Zainabiyoun Brigade")) >= 0.85


@settings(max_examples=60, deadline=None)
@given(st.lists(NAME_WORD, min_size=1, max_size=3), FILLER, FILLER)
def test_name_planted_in_text_is_found(words: list[str], before: list[str], after: list[str]) -> None:
    name = " ".join(w.capitalize() for w in words)
    text = " ".join(before) + " " + name + ". " + " ".join(after)
    hit = find_in_text(text, name, 0.85)
    assert hit is not None and hit.score >= 0.85
    assert normalise(hit.matched) == normalise(name) or hit.score < 1.0
    assert name in hit.sentence or hit.matched in hit.sentence


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(min_size=1, max_size=30), st.floats(0.5, 1.0))
def test_scan_never_crashes_and_scores_are_bounded(text: str, name: str, threshold: float) -> None:
    hit = find_in_text(text, name, threshold)
    if hit is not None:
        assert threshold <= hit.score <= 1.0
        assert text[hit.start : hit.end] == hit.matched


def test_sentence_at_picks_the_enclosing_sentence() -> None:
    text = "First one. The Zainabiyoun moved. Last one."
    start = text.index("Zainabiyoun")
    assert sentence_at(text, start, start + 11) == "The Zainabiyoun moved."


def test_parse_since() -> None:
    now = datetime(2026, 1, 10, 12, tzinfo=UTC)
    assert parse_since("36h", now) == now - timedelta(hours=36)
    assert parse_since("2w", now) == now - timedelta(weeks=2)
    assert parse_since("2026-01-01") == datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_since(date(2026, 1, 2)) == datetime(2026, 1, 2, tzinfo=UTC)
    assert parse_since(None) is None
    with pytest.raises(ValueError, match="yesterday-ish"):
        parse_since("yesterday-ish")
