"""A body's name with a run of its words written as their initials (issue 9, s18): "Q.A. Relief Council" and
"Qandor Amsel Relief Council" in one article are one body; across articles two initials are a short acronym
that needs shared company, since a country's two initials name several countries. Names invented."""

from __future__ import annotations

from threatgraph import resolve
from threatgraph.names.align import MATCH_THRESHOLD, SHORT_ACRONYM, compare_names
from threatgraph.names.forms import name_form

from .conftest import build
from .test_cluster import entity_of


def _org(a: str, b: str):
    return compare_names(name_form(a, "PublicBody"), name_form(b, "Organization"))


def test_initials_of_a_run_of_words_are_those_words() -> None:
    # before: 0.57 ("fuzzy"): "qa" found no partner
    s = _org("Qandor Amsel Relief Council", "Q.A. Relief Council")
    assert (s.score, s.feature) == (SHORT_ACRONYM, "acronym-part")
    assert _org("Qandor Amsel Tarvel Relief Council", "QAT Relief Council").score >= MATCH_THRESHOLD


def test_control_the_other_words_must_still_agree() -> None:
    assert _org("Qandor Amsel Relief Council", "QA Trade Council").score < MATCH_THRESHOLD - 0.15
    assert _org("Qandor Amsel Relief Council", "QB Relief Council").score < MATCH_THRESHOLD - 0.15


def test_one_article_names_the_body_both_ways(store, add) -> None:
    body = "The Qandor Amsel Relief Council met in Tamsin. Later the Q.A. Relief Council voted to send aid to Tamsin."
    art = build(
        body,
        [
            ("PublicBody", ["Qandor Amsel Relief Council"]),
            ("Organization", ["Q.A. Relief Council"]),
            ("Location", ["Tamsin"]),
        ],
    )
    resolve.update(store, add(art), screen=False)
    assert entity_of(store, "Q.A. Relief Council") == entity_of(store, "Qandor Amsel Relief Council")
