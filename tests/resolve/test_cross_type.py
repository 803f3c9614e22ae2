"""A name typed a person in one article and a body in another (issue 9, session 14): one actor when the name
is exact and of two words or more; a one-word name, a different name or a person's namesake guard keep apart."""

from __future__ import annotations

from threatgraph import resolve

from .conftest import build as article
from .test_cluster import entity_of


def test_an_exact_name_joins_across_a_type_conflict(store, add) -> None:
    ids = add(
        article("Qandor Wings flew cargo to Dorland for the militia.", [("Company", ["Qandor Wings"])]),
        article("Officials said Qandor Wings carried fighters.", [("Person", ["Qandor Wings"])]),
        article("The airline Vellacott Air was named; Vellacott denied it.", [("Company", ["Vellacott Air"])]),
        article("Vellacott spoke to reporters.", [("Person", ["Vellacott"])]),
        article("Ostrova Wings is a new carrier.", [("Person", ["Ostrova Wing"])]),
    )
    resolve.update(store, ids)
    assert len(entity_of(store, "Qandor Wings")) == 1
    # one word is a surname as often as a body's name; a different name is not matched across types
    assert entity_of(store, "Vellacott").isdisjoint(entity_of(store, "Vellacott Air"))
    assert entity_of(store, "Ostrova Wing").isdisjoint(entity_of(store, "Qandor Wings"))


def test_the_cross_type_join_keeps_the_order_of_articles_irrelevant(store, add) -> None:
    ids = add(
        article("Officials said Amsel Brothers carried fighters.", [("Person", ["Amsel Brothers"])]),
        article("Amsel Brothers, a trading house in Dorland, was designated.", [("Organization", ["Amsel Brothers"])]),
    )
    resolve.update(store, ids)
    assert len(entity_of(store, "Amsel Brothers")) == 1
