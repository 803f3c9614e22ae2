"""Watches fire on newly ingested articles: by entity, by fuzzy name, and by raw text."""

from __future__ import annotations

from sqlalchemy import func, select

from archive import add_article, add_entity, link_mentions
from threatgraph.store.schema import alerts, entities, watches
from threatgraph.watch import add_watch, backfill, check, list_alerts, list_watches, remove_watch

ZB_TEXT = (
    "Fighters of the Zainabiyoun Brigade were redeployed near Aleppo in late July. "
    "A spokesman declined to comment on the move."
)
OTHER_TEXT = "The harbour authority in Karachi opened a new container terminal on Monday."


def _count(store) -> int:
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(alerts)).scalar()


def test_name_watch_fires_on_other_spelling_in_new_article(store) -> None:
    w = add_watch(store, "Zaynabiyoun Brigade", note="IRGC-QF proxy")
    zb = add_article(store, ZB_TEXT, [("Zainabiyoun Brigade", "ArmedGroup"), ("Aleppo", "Location")])
    other = add_article(store, OTHER_TEXT, [("Karachi", "Location")])
    found = check(store, [zb, other])
    assert [(a.watch_id, a.article_id) for a in found] == [(w["id"], zb)]
    alert = found[0]
    assert alert.matched == "Zainabiyoun Brigade"
    assert 0.85 <= alert.score < 1.0
    assert "redeployed near Aleppo" in alert.sentence
    assert alert.watch_name == "Zaynabiyoun Brigade"
    assert alert.article_outlet == "Test Wire"
    assert alert.delivered_at is None


def test_partial_name_does_not_fire(store) -> None:
    add_watch(store, "Ali Khan")
    aid = add_article(store, "Officials named a man called Khan as the courier.", [("Khan", "Person")])
    assert check(store, [aid]) == []


def test_name_watch_fires_on_persian_script_mention(store) -> None:
    add_watch(store, "Zainabiyoun Brigade")
    text = "A banner reading لواء زینبیون was seen at the funeral."
    aid = add_article(store, text, [("لواء زینبیون", "ArmedGroup")])
    [alert] = check(store, [aid])
    assert alert.matched == "لواء زینبیون"


def test_check_is_idempotent(store) -> None:
    add_watch(store, "Zainabiyoun Brigade")
    zb = add_article(store, ZB_TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])
    assert len(check(store, [zb])) == 1
    assert check(store, [zb]) == []
    assert check(store, []) == []
    assert _count(store) == 1


def test_entity_watch_fires_on_resolved_mention_whatever_the_spelling(store) -> None:
    add_entity(store, "ent-zb", "Zainabiyoun Brigade", "ArmedGroup", ["Zainabiyoun Brigade", "Liwa Zainebiyoun"])
    w = add_watch(store, "", entity_id="ent-zb")
    assert w["name"] == "Zainabiyoun Brigade" and w["schema"] == "ArmedGroup"
    text = "The unit, known locally as the Fatemiyoun auxiliaries, moved south."
    aid = add_article(store, text, [("Fatemiyoun auxiliaries", "ArmedGroup")])
    link_mentions(store, aid, "Fatemiyoun auxiliaries", "ent-zb")  # resolve decided these are one actor
    found = check(store, [aid])
    assert len(found) == 1 and found[0].score == 1.0 and found[0].entity_id == "ent-zb"


def test_entity_watch_also_matches_unresolved_aliases(store) -> None:
    add_entity(store, "ent-zb", "Zainabiyoun Brigade", "ArmedGroup", ["Liwa Zainebiyoun"])
    add_watch(store, "", entity_id="ent-zb")
    aid = add_article(store, "Liwa Zainabiyoun recruits were seen in Qom.", [("Liwa Zainabiyoun", "ArmedGroup")])
    found = check(store, [aid])
    assert len(found) == 1 and found[0].matched == "Liwa Zainabiyoun"


def test_text_fallback_finds_name_the_ner_missed(store) -> None:
    add_watch(store, "Crescent Gate Trading LLC")
    text = "Investigators said payments were routed through crescent gate trading before reaching the militia."
    aid = add_article(store, text, [])  # no mentions at all
    found = check(store, [aid])
    assert len(found) == 1
    assert found[0].matched == "crescent gate trading"
    assert 0.85 <= found[0].score < 1.0  # the article drops "LLC"
    assert found[0].sentence.startswith("Investigators said payments")


def test_new_watch_ignores_archive_unless_backfilled(store) -> None:
    old = add_article(store, ZB_TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])
    w = add_watch(store, "Zainabiyoun Brigade")
    assert check(store, []) == []
    found = backfill(store, w["id"])
    assert [a.article_id for a in found] == [old]
    assert backfill(store, w["id"]) == []


def test_missed_hook_is_caught_up_by_next_check(store) -> None:
    add_watch(store, "Zainabiyoun Brigade")
    missed = add_article(store, ZB_TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])  # hook never called
    later = add_article(store, OTHER_TEXT, [])
    found = check(store, [later])
    assert [a.article_id for a in found] == [missed]
    with store.connect() as conn:
        assert conn.execute(select(watches.c.last_seq)).scalar() == 2


def test_unknown_article_ids_are_ignored(store) -> None:
    add_watch(store, "Zainabiyoun Brigade")
    assert check(store, ["0" * 40]) == []


def test_remove_watch_drops_its_alerts(store) -> None:
    w = add_watch(store, "Zainabiyoun Brigade")
    check(store, [add_article(store, ZB_TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])])
    assert _count(store) == 1
    assert remove_watch(store, w["id"]) is True
    assert remove_watch(store, w["id"]) is False
    assert list_watches(store) == [] and _count(store) == 0
    assert list_alerts(store) == []


def test_entity_watch_follows_its_name_after_re_resolution(store) -> None:
    add_entity(store, "ent-old", "Zainabiyoun Brigade", "ArmedGroup", ["Zainabiyoun Brigade"])
    w = add_watch(store, "", entity_id="ent-old")
    with store.begin() as conn:  # what a rebuild does: the entity goes, a new id carries the actor
        conn.execute(entities.delete().where(entities.c.id == "ent-old"))
    add_entity(store, "ent-new", "Zainabiyoun Brigade", "ArmedGroup", ["Zainabiyoun Brigade", "the Fatemi unit"])
    text = "Men of the Fatemi unit were seen in Homs."
    aid = add_article(store, text, [("Fatemi unit", "ArmedGroup")])
    link_mentions(store, aid, "Fatemi unit", "ent-new")
    [alert] = check(store, [aid], deliver=False)
    assert alert.score == 1.0 and alert.entity_id == "ent-new"
    assert [x["entity_id"] for x in list_watches(store) if x["id"] == w["id"]] == ["ent-new"]
