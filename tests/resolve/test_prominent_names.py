"""A public figure of the archive is not read as a namesake of itself (issue 9, s21): the namesake guard lowers a
full name seen in rich but disjoint company, which splits a person named in hundreds of articles into dozens of
entities, since the entity's profile keeps only its most frequent company. For an entity named in many articles
the guard weighs a whole full name as it weighs a rare one; a partial or one-word name keeps the guard. Names are
invented."""

from __future__ import annotations

from threatgraph.names.align import MATCH_THRESHOLD
from threatgraph.names.forms import name_form
from threatgraph.resolve.compare import score_group


def _p(name: str):
    return name_form(name, "Person")


GROUP_CTX = {"Organization:vell council", "Place:quent", "Person:ilse marr"}
ENTITY_CTX = {"Organization:dorr party": 40, "Place:tamsin": 30, "Person:orlo venn": 25, "Place:brask": 20}


def test_disjoint_company_splits_an_ordinary_full_name() -> None:
    gs = score_group([_p("Marta Quillen")], GROUP_CTX, [_p("Marta Quillen")], ENTITY_CTX, True)
    assert gs.score < MATCH_THRESHOLD


def test_a_public_figure_keeps_its_full_name_in_other_company() -> None:
    gs = score_group([_p("Marta Quillen")], GROUP_CTX, [_p("Marta Quillen")], ENTITY_CTX, True, prominent=True)
    assert gs.score >= MATCH_THRESHOLD


def test_partial_and_one_word_names_keep_the_guard() -> None:
    one = score_group(
        [_p("Quillen")], GROUP_CTX, [_p("Marta Quillen"), _p("Quillen")], ENTITY_CTX, True, prominent=True
    )
    assert one.score < MATCH_THRESHOLD
    part = score_group([_p("Marta Quillen")], GROUP_CTX, [_p("Marta Ann Quillen")], ENTITY_CTX, True, prominent=True)
    assert part.score < MATCH_THRESHOLD
