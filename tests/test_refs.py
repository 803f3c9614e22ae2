"""The one entity-reference resolver (store.refs): id, then exact caption/alias, then an unambiguous fuzzy hit."""

from __future__ import annotations

from sqlalchemy import Engine

from archive import add_entity
from threatgraph.store.refs import entity_id_for
from threatgraph.watch import lookup_entity


def _archive(store: Engine) -> None:
    add_entity(
        store, "ent-a", "Northern Lions Brigade", "ArmedGroup", ["Northern Lions Brigade", "NLB"], mention_count=9
    )
    add_entity(store, "ent-b", "Northern Lions", "Organization", ["Northern Lions"], mention_count=2)
    add_entity(store, "ent-c", "Tariq Mansoor", "Person", ["Tariq Mansoor", "NLB"], mention_count=1)


def test_an_id_names_its_entity(store: Engine) -> None:
    _archive(store)
    assert entity_id_for(store, "ent-c") == "ent-c"


def test_an_exact_caption_wins_over_a_longer_name(store: Engine) -> None:
    _archive(store)
    assert entity_id_for(store, "northern lions") == "ent-b"
    assert entity_id_for(store, "Northern Lions Brigade") == "ent-a"


def test_a_shared_alias_names_the_most_mentioned_entity(store: Engine) -> None:
    _archive(store)
    assert entity_id_for(store, "nlb") == "ent-a"


def test_unknown_reference_is_none(store: Engine) -> None:
    _archive(store)
    assert entity_id_for(store, "Southern Hawks Front") is None


def test_watch_and_resolve_commands_share_the_rule(store: Engine) -> None:
    _archive(store)
    for ref in ("ent-c", "northern lions", "NLB", "Southern Hawks Front"):
        row = lookup_entity(store, ref)
        assert (row["id"] if row else None) == entity_id_for(store, ref)
