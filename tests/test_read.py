"""Read side: entity lookup, dossier, relations graph, hits, and the ``entity``/``hits`` CLI."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import or_, select
from typer.testing import CliRunner

from resolve.conftest import build  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)
from statements import recorded
from threatgraph import resolve
from threatgraph.store import read
from threatgraph.store.articles import save_analysis
from threatgraph.store.read import limits
from threatgraph.store.schema import events

FIXTURES = Path(__file__).parent / "resolve" / "fixtures"


def js(record: Any) -> Any:
    """A read record in its JSON form (what the API sends), None as it is."""
    return None if record is None else record.to_json()


def seed(store) -> dict[str, str]:
    arts = [
        build(
            # The article names the brigade both ways, so its entity learns the bare name too (issue 9:
            # across articles a designator on one side only never merges names by itself).
            'Police arrested Zainabiyoun Brigade recruiters in Karachi. "They recruit boys," said Umar Karim. '
            "Zainabiyoun men fled.",
            [
                ("PublicBody", ["Police"]),
                ("ArmedGroup", ["Zainabiyoun Brigade", "Zainabiyoun"]),
                ("Location", ["Karachi"]),
                ("Person", ["Umar Karim"]),
            ],
            events=[("ARREST", 0, 1)],
            quotes=[("They recruit boys,", 3)],
        ),
        build(
            '"Zaynabiyoun fighters are back," said Umar Karim in Karachi.',
            [("Organization", ["Zaynabiyoun"]), ("Person", ["Umar Karim"]), ("Location", ["Karachi"])],
            quotes=[("Zaynabiyoun fighters are back,", 1)],
        ),
        build("Flags of لواء زینبیون in Syria.", [("Organization", ["لواء زینبیون"]), ("Country", ["Syria"])]),
    ]
    for a in arts:
        save_analysis(store, a)
    resolve.update(store, [a.article.id for a in arts])
    group = read.find_entities(store, "Zainabiyoun Brigade")[0].id
    person = read.find_entities(store, "Umar Karim")[0].id
    return {"group": group, "person": person, "article": arts[0].article.id}


def test_find_entities_any_spelling_and_script(store) -> None:
    ids = seed(store)
    for q in ["zainabiyoun", "Liwa Zaynabiyun", "زینبیون", "ZAYNABIYOUN BRIGADE", ids["group"]]:
        found = read.find_entities(store, q)
        assert found and found[0].id == ids["group"], q
    assert read.find_entities(store, "Hezbollah") == []
    assert read.find_entities(store, "   ") == []
    assert read.find_entities(store, "Zainab")[0].id == ids["group"]  # substring of an alias


def test_dossier_has_everything_and_is_json(store) -> None:
    ids = seed(store)
    d = js(read.dossier(store, ids["group"]))
    json.dumps(d)  # JSON-serialisable as it is
    assert d["caption"] == "Zainabiyoun Brigade" and d["schema"] == "ArmedGroup"
    assert d["mention_count"] == 4 and d["article_count"] == 3
    assert {"Latin", "Arabic"} <= set(d["scripts"])
    assert {a["name"] for a in d["aliases"]} >= {"Zainabiyoun Brigade", "Zaynabiyoun", "لواء زینبیون"}
    assert len(d["articles"]) == 3 and all(a["evidence"] for a in d["articles"])
    assert any("recruiters" in e["sentence"] for a in d["articles"] for e in a["evidence"])
    (ev,) = d["timeline"]
    assert ev["type"] == "ARREST" and ev["role"] == "target" and ev["source"]["caption"] == "Police"
    assert ev["date"] == "2024-01-01"
    assert [q["text"] for q in d["quotes_about"]] == ["Zaynabiyoun fighters are back,"]
    assert not d["sanctioned"] and d["sanctions"] == []
    related = {r["caption"]: r for r in d["related"]}
    assert related["Police"]["events"] == [{"type": "ARREST", "direction": "in", "count": 1}]
    assert related["Karachi"]["cooccurrence"] == 2
    p = js(read.dossier(store, ids["person"]))
    assert len(p["quotes_by"]) == 2
    assert js(read.dossier(store, "ent-missing")) is None


def test_entity_graph(store) -> None:
    ids = seed(store)
    g = js(read.entity_graph(store, ids["group"]))
    json.dumps(g)
    captions = {n["caption"] for n in g["nodes"]}
    assert {"Zainabiyoun Brigade", "Police", "Karachi", "Syria"} <= captions
    assert any(e["type"] == "ARREST" for e in g["edges"])
    g2 = js(read.entity_graph(store, ids["group"], depth=2))
    assert len(g2["nodes"]) >= len(g["nodes"])
    assert js(read.entity_graph(store, "ent-missing")) == {"nodes": [], "edges": []}


def test_cli_entity_and_hits(store, tmp_path) -> None:
    from threatgraph.cli import app
    from threatgraph.screen.lists import load_files

    ids = seed(store)
    load_files(store, [FIXTURES / "sdn.csv"], dataset="ofac")
    resolve.relink_sanctions(store)
    url = str(store.url)
    runner = CliRunner()
    env = {"THREATGRAPH_HOME": os.environ.get("THREATGRAPH_HOME", str(tmp_path)), "COLUMNS": "200"}
    out = runner.invoke(app, ["entity", "Zaynabiyoun", "--db", url], env=env)
    assert out.exit_code == 0, out.output
    assert "SANCTIONED: OFAC SDGT, IRGC, IFSR, IRAN-HR since 2019-01-24" in out.output
    assert "ZAYNABIYOUN BRIGADE" in out.output and "لواء زینبیون" in out.output
    js = runner.invoke(app, ["entity", "زینبیون", "--json", "--db", url], env=env)
    payload = json.loads(js.output)
    assert payload["dossier"]["id"] == ids["group"] and payload["dossier"]["sanctioned"]
    missing = runner.invoke(app, ["entity", "Nobody Atall", "--db", url], env=env)
    assert missing.exit_code == 1
    h = runner.invoke(app, ["hits", "--json", "--db", url], env=env)
    assert [r["id"] for r in json.loads(h.output)] == [ids["group"]]
    table = runner.invoke(app, ["hits", "--db", url], env=env)
    assert "Zainabiyoun Brigade" in table.output
    bad = runner.invoke(app, ["link", ids["group"], "ofac-9001", "rejected", "--db", url], env=env)
    assert bad.exit_code == 2 and "DATASET:ENTRY_ID" in bad.output
    rej = runner.invoke(app, ["link", ids["group"], "ofac:ofac-9001", "rejected", "--db", url], env=env)
    assert rej.exit_code == 0, rej.output
    assert json.loads(runner.invoke(app, ["hits", "--json", "--db", url], env=env).stdout) == []
    resolve.relink_sanctions(store)  # a re-screen keeps the analyst's judgement
    assert json.loads(runner.invoke(app, ["hits", "--json", "--db", url], env=env).stdout) == []


def test_cli_merge_split_resolve(store, tmp_path) -> None:
    from threatgraph.cli import app

    ids = seed(store)
    url = str(store.url)
    runner = CliRunner()
    env = {"THREATGRAPH_HOME": os.environ.get("THREATGRAPH_HOME", str(tmp_path)), "COLUMNS": "200"}
    bad = runner.invoke(app, ["merge", ids["group"], "Karachi", "--db", url], env=env)
    assert bad.exit_code == 2 and "incompatible types" in bad.output
    split = runner.invoke(app, ["split", ids["group"], "لواء زینبیون", "--db", url], env=env)
    assert split.exit_code == 0, split.output
    arabic = read.find_entities(store, "لواء زینبیون")[0].id
    assert arabic != ids["group"]
    merged = runner.invoke(app, ["merge", ids["group"], arabic, "--db", url], env=env)
    assert merged.exit_code == 0, merged.output
    assert read.find_entities(store, "لواء زینبیون")[0].id == ids["group"]
    res = runner.invoke(app, ["resolve", "--rebuild", "--json", "--db", url], env=env)
    assert res.exit_code == 0 and json.loads(res.stdout)["articles"] == 3
    # The analyst's merge survives re-resolution: the Arabic name and the brigade are one entity
    # (which of the merged ids it keeps depends on the order the names were first met).
    rebuilt = read.find_entities(store, "لواء زینبیون")[0].id
    assert read.find_entities(store, "Zainabiyoun Brigade")[0].id == rebuilt


def seed_busy(store) -> str:
    """Nine articles in which the police act on the Zainabiyoun Brigade and three in which the
    brigade acts on Karachi, with quotes that name the brigade; returns the brigade's id."""
    arts = []
    for i in range(12):
        police_acts = i < 9
        text = (
            f"Police arrested Zainabiyoun Brigade members in raid {i}. "
            if police_acts
            else f"Zainabiyoun Brigade fighters attacked Karachi in wave {i}. "
        ) + f'"Zainabiyoun Brigade men are everywhere, report {i}," said Umar Karim.'
        actors = [
            ("PublicBody", ["Police"]) if police_acts else ("Location", ["Karachi"]),
            ("ArmedGroup", ["Zainabiyoun Brigade"]),
            ("Person", ["Umar Karim"]),
        ]
        event = ("ARREST", 0, 1) if police_acts else ("ASSAULT", 1, 0)
        arts.append(
            build(
                text,
                actors,
                published=date(2024, 1, 1 + i),
                events=[event],
                quotes=[(f"Zainabiyoun Brigade men are everywhere, report {i},", 2)],
            )
        )
    for a in arts:
        save_analysis(store, a)
    resolve.update(store, [a.article.id for a in arts])
    return read.find_entities(store, "Zainabiyoun Brigade")[0].id


def test_dossier_bounded_lists_carry_true_totals_and_page_on(store, monkeypatch) -> None:
    group = seed_busy(store)
    with store.connect() as conn:
        expected = {
            r[0]
            for r in conn.execute(
                select(events.c.id).where(or_(events.c.source_entity_id == group, events.c.target_entity_id == group))
            )
        }
    assert len(expected) == 12
    monkeypatch.setattr(limits, "TIMELINE", 5)
    d = js(read.dossier(store, group))
    assert d["counts"] == {"source_events": 3, "target_events": 9, "quotes_by": 0}
    assert len(d["timeline"]) == 5
    assert {e["event_id"] for e in d["timeline"]} == set(sorted(expected)[-5:])  # the newest five
    assert [e["date"] for e in d["timeline"]] == sorted(e["date"] for e in d["timeline"])
    seen = [e["event_id"] for e in d["timeline"]]
    before = d["timeline_next_before"]
    while before is not None:
        page = js(read.timeline(store, group, before=before, limit=5))
        assert 0 < len(page["events"]) <= 5 and all(e["event_id"] < before for e in page["events"])
        seen += [e["event_id"] for e in page["events"]]
        before = page["next_before"]
    assert sorted(seen) == sorted(expected)  # every event exactly once
    monkeypatch.setattr(limits, "TIMELINE", 200)
    whole = js(read.dossier(store, group))
    assert whole["timeline_next_before"] is None and len(whole["timeline"]) == 12
    assert whole["counts"] == d["counts"]  # counted from the lists when nothing was cut, by SQL otherwise
    assert js(read.timeline(store, group))["next_before"] is None


def test_quotes_about_are_quotes_holding_a_mention(store) -> None:
    group = seed_busy(store)
    d = js(read.dossier(store, group))
    assert len(d["quotes_about"]) == 12
    assert all("Zainabiyoun Brigade" in q["text"] and q["speaker"] == "Umar Karim" for q in d["quotes_about"])
    person = read.find_entities(store, "Umar Karim")[0].id
    p = js(read.dossier(store, person))
    assert p["quotes_about"] == [] and len(p["quotes_by"]) == 12 and p["counts"]["quotes_by"] == 12


def test_graph_edges_agree_with_dossier_relations(store, monkeypatch) -> None:
    group = seed_busy(store)
    for limit in (4, 200):  # the graph counts events over the same newest TIMELINE events as the dossier
        monkeypatch.setattr(limits, "TIMELINE", limit)
        monkeypatch.setattr(limits, "ARTICLES", limit)
        d = js(read.dossier(store, group))
        g = js(read.entity_graph(store, group))
        from_dossier = {
            (group, r["id"], e["type"]) if e["direction"] == "out" else (r["id"], group, e["type"]): e["count"]
            for r in d["related"]
            for e in r["events"]
        }
        from_graph = {
            (e["source"], e["target"], e["type"]): e["weight"] for e in g["edges"] if e["type"] != "cooccurrence"
        }
        assert from_graph == from_dossier and sum(from_graph.values()) == min(limit, 12)
        co = {r["id"]: r["cooccurrence"] for r in d["related"] if r["cooccurrence"]}
        assert {
            e["source"] if e["target"] == group else e["target"]: e["weight"]
            for e in g["edges"]
            if e["type"] == "cooccurrence"
        } == co
        g2 = js(read.entity_graph(store, group, depth=2))  # a second hop does not recount the root's edges
        assert {
            (e["source"], e["target"], e["type"]): e["weight"]
            for e in g2["edges"]
            if group in (e["source"], e["target"])
        } == {(e["source"], e["target"], e["type"]): e["weight"] for e in g["edges"]}


def test_dossier_and_graph_reads_never_scan_a_table(store) -> None:
    """Every statement a dossier or graph runs finds its rows through an index (SQLite's plan
    for a tiny table is the plan for a large one: without ANALYZE it assumes ~1M rows), and the
    entity's mentions in given articles come from the (entity_id, article_id) index."""
    group = seed_busy(store)
    with recorded(store) as sent:
        js(read.dossier(store, group))
        js(read.entity_graph(store, group, depth=2))
    statements = [(s.statement, s.parameters) for s in sent if s.verb == "SELECT"]
    assert statements
    big = {"mentions", "events", "quotes", "articles", "aliases"}
    plans = []
    with store.connect() as conn:
        for statement, parameters in statements:
            lines = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            scans = [line for line in lines if line.startswith("SCAN ") and line.split()[1] in big]
            assert not scans, (statement, lines)
            plans.append(" | ".join(lines))
    assert any("ix_mentions_entity_article" in p for p in plans)


@pytest.mark.postgres
def test_dossier_timeline_and_graph_on_postgresql(pg_engine, monkeypatch) -> None:
    group = seed_busy(pg_engine)
    monkeypatch.setattr(limits, "TIMELINE", 5)
    d = js(read.dossier(pg_engine, group))
    json.dumps(d)
    assert d["counts"] == {"source_events": 3, "target_events": 9, "quotes_by": 0}
    assert len(d["timeline"]) == 5 and len(d["quotes_about"]) == 12
    seen = [e["event_id"] for e in d["timeline"]]
    before = d["timeline_next_before"]
    while before is not None:
        page = js(read.timeline(pg_engine, group, before=before, limit=5))
        seen += [e["event_id"] for e in page["events"]]
        before = page["next_before"]
    assert len(seen) == len(set(seen)) == 12
    g1, g2 = (js(read.entity_graph(pg_engine, group, depth=n)) for n in (1, 2))

    def own(g: dict[str, Any]) -> dict[tuple[str, str, str], int]:
        return {
            (e["source"], e["target"], e["type"]): e["weight"]
            for e in g["edges"]
            if group in (e["source"], e["target"])
        }

    assert own(g1) == own(g2) and sum(w for (_s, _t, typ), w in own(g1).items() if typ != "cooccurrence") == 5
    assert {n["caption"] for n in g2["nodes"]} >= {"Zainabiyoun Brigade", "Police", "Karachi", "Umar Karim"}


def test_only_asserted_events_draw_edges_the_rest_show_what_they_are(store) -> None:
    ids = seed(store)
    with store.begin() as conn:
        conn.execute(events.update().values(modality="hypothetical"))
    d = js(read.dossier(store, ids["group"]))
    (ev,) = d["timeline"]
    assert ev["modality"] == "hypothetical"  # still on the timeline, marked as not having happened
    related = {r["caption"]: r for r in d["related"]}
    assert related.get("Police", {"events": []})["events"] == []
    g = js(read.entity_graph(store, ids["group"]))
    assert not any(e["type"] == "ARREST" for e in g["edges"])


def test_sqlite_keeps_no_dossier_page(store) -> None:
    """SQLite stores have no version (migration 0006 is PostgreSQL's): every dossier request reads the store."""
    from fastapi.testclient import TestClient

    from threatgraph.api.app import create_app

    ids = seed(store)
    app = create_app(store)
    client = TestClient(app, base_url="http://127.0.0.1")
    for _ in range(2):
        assert client.get(f"/entities/{ids['group']}", headers={"accept": "text/html"}).status_code == 200
    assert read.store_version(store) is None and app.state.pages.hits == 0
