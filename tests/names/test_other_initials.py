"""Two acronyms with other letters are two bodies' initials (issue 9, s20): string similarity and shared company
never make them one. Names are invented or generic."""

from __future__ import annotations

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.resolve.compare import score_group, short_form_in_article


def _o(name: str):
    return name_form(name, "Organization")


def test_one_letter_more_is_another_acronym() -> None:
    for a, b in (("QDSA", "QSA"), ("TBC", "TBBC"), ("ORVA", "ORTA")):
        s = compare_names(_o(a), _o(b))
        assert s.feature == "other-initials"
        assert s.score < MATCH_THRESHOLD - 0.15  # shared context adds at most 0.15


def test_shared_company_does_not_join_two_acronyms() -> None:
    ctx = {"Organization:tamsin bank", "Person:orlo venn", "Organization:vell council"}
    gs = score_group([_o("QDSA")], ctx, [_o("QSA"), _o("Quillan Security Agency")], dict.fromkeys(ctx, 3), False)
    assert gs.score < MATCH_THRESHOLD


def test_control_an_acronym_still_meets_its_name_its_plural_and_itself() -> None:
    assert compare_names(_o("QSA"), _o("Quillan Security Agency")).score >= MATCH_THRESHOLD - 0.15
    assert compare_names(_o("QSA"), _o("QSA")).score == 1.0
    assert compare_names(_o("TBC"), _o("TBCs")).feature != "other-initials"
    # a one-word name that is no acronym keeps the spelling features ("Hezbollah"/"Hizballah")
    assert compare_names(_o("Hezbollah"), _o("Hizballah")).feature != "other-initials"


def test_another_acronym_of_the_article_is_no_short_form_of_a_body() -> None:
    """Before the feature's own name: "acronyms-differ" read as an acronym feature, so an article's other acronym
    counted as a second body its short form fits, and "QSA" stayed apart from "Quillan Security Agency"."""
    assert not short_form_in_article([_o("QSA")], [_o("QDSA")], False)
    assert short_form_in_article([_o("QSA")], [_o("Quillan Security Agency")], False)  # control
