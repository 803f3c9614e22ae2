"""Read side: entity lookup, dossier, relations graph, hits, and the ``entity``/``hits`` CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from resolve.conftest import build  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)
from threatgraph import resolve
from threatgraph.store import read
from threatgraph.store.articles import save_analysis

FIXTURES = Path(__file__).parent / "resolve" / "fixtures"


def seed(store) -> dict[str, str]:
    arts = [
        build(
            'Police arrested Zainabiyoun Brigade recruiters in Karachi. "They recruit boys," said Umar Karim.',
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
    group = read.find_entities(store, "Zainabiyoun Brigade")[0]["id"]
    person = read.find_entities(store, "Umar Karim")[0]["id"]
    return {"group": group, "person": person, "article": arts[0].article.id}


def test_find_entities_any_spelling_and_script(store) -> None:
    ids = seed(store)
    for q in ["zainabiyoun", "Liwa Zaynabiyun", "زینبیون", "ZAYNABIYOUN BRIGADE", ids["group"]]:
        found = read.find_entities(store, q)
        assert found and found[0]["id"] == ids["group"], q
    assert read.find_entities(store, "Hezbollah") == []
    assert read.find_entities(store, "   ") == []
    assert read.find_entities(store, "Zainab")[0]["id"] == ids["group"]  # substring of an alias


def test_dossier_has_everything_and_is_json(store) -> None:
    ids = seed(store)
    d = read.dossier(store, ids["group"])
    json.dumps(d)  # JSON-serialisable as it is
    assert d["caption"] == "Zainabiyoun Brigade" and d["schema"] == "ArmedGroup"
    assert d["mention_count"] == 3 and d["article_count"] == 3
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
    p = read.dossier(store, ids["person"])
    assert len(p["quotes_by"]) == 2
    assert read.dossier(store, "ent-missing") is None


def test_entity_graph(store) -> None:
    ids = seed(store)
    g = read.entity_graph(store, ids["group"])
    json.dumps(g)
    captions = {n["caption"] for n in g["nodes"]}
    assert {"Zainabiyoun Brigade", "Police", "Karachi", "Syria"} <= captions
    assert any(e["type"] == "ARREST" for e in g["edges"])
    g2 = read.entity_graph(store, ids["group"], depth=2)
    assert len(g2["nodes"]) >= len(g["nodes"])
    assert read.entity_graph(store, "ent-missing") == {"nodes": [], "edges": []}


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
    arabic = read.find_entities(store, "لواء زینبیون")[0]["id"]
    assert arabic != ids["group"]
    merged = runner.invoke(app, ["merge", ids["group"], arabic, "--db", url], env=env)
    assert merged.exit_code == 0, merged.output
    assert read.find_entities(store, "لواء زینبیون")[0]["id"] == ids["group"]
    res = runner.invoke(app, ["resolve", "--rebuild", "--json", "--db", url], env=env)
    assert res.exit_code == 0 and json.loads(res.stdout)["articles"] == 3
    assert read.find_entities(store, "لواء زینبیون")[0]["id"] == ids["group"]
