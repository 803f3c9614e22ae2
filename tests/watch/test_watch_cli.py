"""The watch/alerts commands are thin shells: exercise them end to end on a temporary store."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from archive import add_article, add_entity
from threatgraph.cli import app
from threatgraph.watch import check

runner = CliRunner()
TEXT = "Fighters of the Zainabiyoun Brigade were redeployed near Aleppo in late July."


def _db(store) -> str:
    return store.url.render_as_string(hide_password=False)


def test_watch_add_list_alerts_remove(store) -> None:
    db = _db(store)
    res = runner.invoke(app, ["watch", "add", "Zaynabiyoun Brigade", "--note", "proxy", "--json", "--db", db])
    assert res.exit_code == 0, res.output
    watch = json.loads(res.output)["watch"]
    check(store, [add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])], deliver=False)

    res = runner.invoke(app, ["watch", "list", "--json", "--db", db])
    assert [w["name"] for w in json.loads(res.output)] == ["Zaynabiyoun Brigade"]

    res = runner.invoke(app, ["alerts", "--json", "--since", "1d", "--db", db])
    assert res.exit_code == 0, res.output
    [alert] = json.loads(res.output)
    assert alert["watch_id"] == watch["id"] and alert["matched"] == "Zainabiyoun Brigade"
    res = runner.invoke(app, ["alerts", "--db", db])
    assert res.exit_code == 0 and "Zaina" in res.output  # table cells wrap in narrow terminals

    res = runner.invoke(app, ["alerts", "--since", "soon", "--db", db])
    assert res.exit_code == 2 and "soon" in res.output

    assert runner.invoke(app, ["watch", "remove", str(watch["id"]), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["watch", "remove", str(watch["id"]), "--db", db])
    assert res.exit_code == 1 and "no watch" in res.output


def test_watch_add_entity_with_backfill(store) -> None:
    add_entity(store, "ent-zb", "Zainabiyoun Brigade", "ArmedGroup", ["Liwa Zainebiyoun"])
    add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])
    args = ["watch", "add", "liwa zainebiyoun", "--entity", "--backfill", "--json", "--db", _db(store)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["watch"]["entity_id"] == "ent-zb" and len(out["alerts"]) == 1


def test_watch_add_unknown_entity_fails_clearly(store) -> None:
    res = runner.invoke(app, ["watch", "add", "Nobody Known", "--entity", "--db", _db(store)])
    assert res.exit_code == 1 and "Nobody Known" in res.output


def test_alerts_deliver_without_webhook_says_so(store) -> None:
    res = runner.invoke(app, ["alerts", "--deliver", "--json", "--db", _db(store)])
    assert res.exit_code == 0
    assert "no webhook configured" in res.output


def test_alerts_deliver_posts_to_the_given_webhook(store, serve) -> None:
    srv = serve(200)
    runner.invoke(app, ["watch", "add", "Zainabiyoun Brigade", "--db", _db(store)])
    check(store, [add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])], deliver=False)
    res = runner.invoke(app, ["alerts", "--deliver", "--webhook", srv.url, "--json", "--db", _db(store)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["delivery"]["delivered"] == 1 and out["alerts"][0]["delivered_at"]
    assert srv.bodies[0]["alert"]["matched"] == "Zainabiyoun Brigade"
