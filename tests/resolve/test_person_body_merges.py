"""A body named after a person is another actor (issue 9, s22): a person's name the model typed as a body bridges
no person and body into one entity. All names are invented."""

from __future__ import annotations

from threatgraph import resolve

from .conftest import build as article
from .test_cluster import entity_of


def _person_and_foundation():
    return (
        article(
            "Senator Marla Quintrell spoke to Dorland voters with Orlo Venn. Quintrell promised new roads.",
            [("Person", ["Marla Quintrell", "Quintrell"]), ("Person", ["Orlo Venn"])],
        ),
        article(
            "The Quintrell Foundation paid for a clinic in Dorland, its board said.",
            [("Organization", ["Quintrell Foundation"])],
        ),
    )


def test_a_name_typed_a_body_bridges_no_person_into_the_body_named_after_her(store, add) -> None:
    """Before: the third article's group (the person's full name and surname, typed Organization) joined the person
    by its exact full name and merged the foundation in through its surname ("Quintrell" fits "Quintrell
    Foundation"), so the person's entity held the foundation."""
    ids = add(
        *_person_and_foundation(),
        article(
            "Marla Quintrell toured the port. Quintrell said the money was there.",
            [("Organization", ["Marla Quintrell", "Quintrell"])],
        ),
    )
    resolve.update(store, ids)
    person, body = entity_of(store, "Marla Quintrell"), entity_of(store, "Quintrell Foundation")
    assert len(person) == 1 and len(body) == 1
    assert person.isdisjoint(body)


def test_control_two_bodies_one_group_names_both_ways_are_still_bridged(store, add) -> None:
    """The bridge itself stays: one body's group naming two bodies' entities both ways makes them one."""
    ids = add(
        article("The Vessa Relief Trust paid for a clinic.", [("Organization", ["Vessa Relief Trust"])]),
        article("Vessa Relief opened an office in Dorland.", [("Organization", ["Vessa Relief"])]),
        article(
            "The Vessa Relief Trust, or Vessa Relief, paid again.",
            [("Organization", ["Vessa Relief Trust", "Vessa Relief"])],
        ),
    )
    resolve.update(store, ids)
    assert entity_of(store, "Vessa Relief Trust") == entity_of(store, "Vessa Relief")


def test_a_short_name_fits_a_body_only_within_the_groups_own_longer_name() -> None:
    from threatgraph.names.forms import name_form
    from threatgraph.resolve.compare import fits_by_own_short_form

    def org(*names: str):
        return [name_form(n, "Organization") for n in names]

    assert fits_by_own_short_form(org("Marla Quintrell", "Quintrell"), org("Quintrell Foundation"))
    # control: the group's long name fits too, or the group has no longer name of its own
    assert not fits_by_own_short_form(org("Quintrell Foundation", "Quintrell"), org("Quintrell Foundation"))
    assert not fits_by_own_short_form(org("Quintrell"), org("Quintrell Foundation"))
