"""Rarity counts one person's own given-name forms as one name, not as namesakes (issue 9, s19).

Before, "Oleksandr <X>", "Aleksandr <X>" and "Alexander <X>" were three names carrying "<X>", so when two of them
were compared the third read as a namesake: the surname looked shared, the full name not rare, and a Ukrainian
official quoted in three releases in different company stayed three actors. Now the forms of one given name the
vocabulary knows count as one name (:func:`threatgraph.resolve.rarity.counted_name`). Controls: another given name
with the surname ("Mykola <X>") is still a namesake, and two middle initials are still two people. Every surname here
is invented."""

from __future__ import annotations

from sqlalchemy import select

from threatgraph.resolve.cluster import Resolver, common_context, load_groups
from threatgraph.resolve.decisions import Decisions
from threatgraph.resolve.rarity import NameStats, counted_name, name_share
from threatgraph.store.schema import mentions

from .conftest import build

RELEASES = [
    ("Oleksandr Xelbrin", "Vostok Mining, Perun Bank and Dnister Freight"),
    ("Aleksandr Xelbrin", "Harrow Shipping, Ostrand Bank and Miravel Group"),
    ("Alexander Xelbrin", "Kestrel Holdings, Amber Line and Corvid Trading"),
]


def _release(name: str, companies: str):
    return build(
        f"{name} said {companies} were designated.",
        [("Person", [name]), *[("Company", [c]) for c in companies.replace(" and ", ", ").split(", ")]],
    )


def _entities(store, ids: list[str]) -> dict[str, set[str]]:
    """Person mention text -> entity ids, after one job resolves these articles (a large archive assumed)."""
    with store.connect() as conn:
        trans = conn.begin()
        groups = load_groups(conn, ids)
        resolver = Resolver(conn, Decisions(), names=NameStats.of(conn, groups, 100))
        resolver.resolve_groups(groups, common=common_context(conn, groups))
        resolver.flush()
        out: dict[str, set[str]] = {}
        for text, eid in conn.execute(
            select(mentions.c.text, mentions.c.entity_id).where(mentions.c.label == "Person")
        ):
            out.setdefault(text, set()).add(eid)
        trans.rollback()
    return out


def test_one_given_name_in_three_forms_counts_once(store, add) -> None:
    ids = add(*[_release(n, c) for n, c in RELEASES])
    with store.connect() as conn:
        share = name_share(conn, load_groups(conn, ids))
    assert share.new["Person|t:xelbrin"] == {"Person:aleksandr xelbrin"}  # before: three names
    assert counted_name("Person:tony xelbrin") == counted_name("Person:antony xelbrin")
    # controls: another given name, a middle initial, a surname that is a short form, a body's name
    assert counted_name("Person:mykola xelbrin") != counted_name("Person:aleksandr xelbrin")
    assert counted_name("Person:john a xelbrin") != counted_name("Person:john b xelbrin")
    assert counted_name("Person:patricia xelbrin") != counted_name("Person:patrick xelbrin")
    assert counted_name("Person:george will") == "Person:george will"
    assert counted_name("Organization:bill holdings") == "Organization:bill holdings"


def test_an_official_named_three_ways_in_different_company_is_one_actor(store, add) -> None:
    found = _entities(store, add(*[_release(n, c) for n, c in RELEASES]))
    assert len(set().union(*(found[n] for n, _ in RELEASES))) == 1, found


def test_control_a_namesake_with_another_given_name_keeps_the_full_names_apart(store, add) -> None:
    """With "Mykola Xelbrin" named too, the surname is shared by two people: the releases in different company
    are no longer rare-name evidence, and the namesake never joins."""
    extra = _release("Mykola Xelbrin", "Lutsk Grain, Solvay Port and Tiras Oil")
    found = _entities(store, add(*[_release(n, c) for n, c in RELEASES], extra))
    people = set().union(*(found[n] for n, _ in RELEASES))
    assert len(people) > 1
    assert not found["Mykola Xelbrin"] & people
