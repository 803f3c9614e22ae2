"""Analyst merge/split decisions: applied at once, stored by name, and surviving ``rebuild``."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from threatgraph import resolve
from threatgraph.resolve import ResolveError, merge_entities, split_entity
from threatgraph.store.schema import entities, mentions, resolve_decisions, watches

from .conftest import build


def ents(store, *texts: str) -> set[str]:
    with store.connect() as conn:
        return {r[0] for r in conn.execute(select(mentions.c.entity_id).where(mentions.c.text.in_(texts)))}


def setup_two_names(store, add) -> tuple[str, str]:
    a = build(
        "Asa'ib Ahl al-Haq fired rockets at Baghdad.",
        [("ArmedGroup", ["Asa'ib Ahl al-Haq"]), ("Location", ["Baghdad"])],
    )
    b = build("The League of the Righteous denied it.", [("ArmedGroup", ["League of the Righteous"])])
    resolve.update(store, add(a, b))
    (x,), (y,) = ents(store, "Asa'ib Ahl al-Haq"), ents(store, "League of the Righteous")
    assert x != y  # different names: the resolver cannot know they are one group
    return x, y


def test_merge_applies_and_survives_rebuild(store, add) -> None:
    x, y = setup_two_names(store, add)
    with store.begin() as conn:
        conn.execute(watches.insert().values(name="AAH", entity_id=y, threshold=0.9, created_at=func.now(), last_seq=0))
    kept = merge_entities(store, x, [y], note="same group, English name")
    assert kept == x
    assert ents(store, "Asa'ib Ahl al-Haq", "League of the Righteous") == {x}
    with store.connect() as conn:
        assert conn.execute(select(entities.c.mention_count).where(entities.c.id == x)).scalar() == 2
        assert conn.execute(select(func.count()).select_from(entities).where(entities.c.id == y)).scalar() == 0
        assert conn.execute(select(watches.c.entity_id)).scalar() == x  # the watch followed the merge
    resolve.rebuild(store)
    assert len(ents(store, "Asa'ib Ahl al-Haq", "League of the Righteous")) == 1
    # and a new article with the English name joins the merged entity
    c = build("The League of the Righteous held a rally.", [("ArmedGroup", ["League of the Righteous"])])
    resolve.update(store, add(c))
    assert len(ents(store, "Asa'ib Ahl al-Haq", "League of the Righteous")) == 1


def test_split_applies_and_survives_rebuild(store, add) -> None:
    arts = [
        build(
            "Ansar al-Furqan attacked a border post in Sistan.",
            [("ArmedGroup", ["Ansar al-Furqan"]), ("Location", ["Sistan"])],
        ),
        build(
            "Ansar al-Furqan claimed the attack in Sistan.",
            [("ArmedGroup", ["Ansar al-Furqan"]), ("Location", ["Sistan"])],
        ),
        build("Ansar al-Forqan, a Nigerian gang, robbed a bank.", [("ArmedGroup", ["Ansar al-Forqan"])]),
    ]
    resolve.update(store, add(*arts))
    together = ents(store, "Ansar al-Furqan", "Ansar al-Forqan")
    assert len(together) == 1  # near-identical spellings: the resolver merged them
    (eid,) = together
    landed = split_entity(store, eid, ["Ansar al-Forqan"], note="different gang")
    assert ents(store, "Ansar al-Furqan") == {eid}
    assert ents(store, "Ansar al-Forqan") == set(landed) and eid not in landed
    with store.connect() as conn:
        assert conn.execute(select(entities.c.mention_count).where(entities.c.id == eid)).scalar() == 2
        assert conn.execute(select(func.count()).select_from(resolve_decisions)).scalar() >= 1
    resolve.rebuild(store)
    assert ents(store, "Ansar al-Furqan") != ents(store, "Ansar al-Forqan")
    d = build("Ansar al-Forqan struck again.", [("ArmedGroup", ["Ansar al-Forqan"])])
    resolve.update(store, add(d))
    assert ents(store, "Ansar al-Furqan").isdisjoint(ents(store, "Ansar al-Forqan"))


def test_rebuild_reproduces_ids(store, add) -> None:
    x, y = setup_two_names(store, add)
    with store.connect() as conn:
        before = sorted(conn.execute(select(entities.c.id, entities.c.caption, entities.c.mention_count)).all())
    stats = resolve.rebuild(store)
    assert stats.articles == 2
    with store.connect() as conn:
        assert sorted(conn.execute(select(entities.c.id, entities.c.caption, entities.c.mention_count)).all()) == before


def test_bad_requests_change_nothing(store, add) -> None:
    x, y = setup_two_names(store, add)
    place = ents(store, "Baghdad").pop()
    with pytest.raises(ResolveError, match="incompatible types"):
        merge_entities(store, x, [place])
    with pytest.raises(ResolveError, match="no entity"):
        merge_entities(store, x, ["ent-doesnotexist"])
    with pytest.raises(ResolveError, match="at least two"):
        merge_entities(store, x, [x])
    with pytest.raises(ResolveError, match="no alias"):
        split_entity(store, x, ["Hezbollah"])
    with pytest.raises(ResolveError, match="without any name"):
        split_entity(store, x, ["Asa'ib Ahl al-Haq"])
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(resolve_decisions)).scalar() == 0
    assert ents(store, "Asa'ib Ahl al-Haq") == {x} and ents(store, "League of the Righteous") == {y}
