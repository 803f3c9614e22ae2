"""CLI: lists load/show and screen (single name, JSON, CSV batch), through typer's runner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from threatgraph.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_lists_and_screen(tmp_path: Path, fixtures: Path, monkeypatch) -> None:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    res = run("lists", "load", fixtures / "sdn.csv", "--db", db, "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["added"] == 5
    res = run("lists", "load", fixtures / "sdn-v2.csv", "--db", db)
    assert res.exit_code == 0 and "us_ofac_sdn" in res.output
    res = run("lists", "show", "--db", db, "--json")
    assert json.loads(res.output)[0]["entries"] == 5
    res = run("lists", "show", "--changes", "2", "--db", db, "--json")
    assert {c["change"] for c in json.loads(res.output)} == {"added", "removed", "changed"}

    res = run("screen", "لواء زینبیون", "--db", db, "--json")
    assert res.exit_code == 0, res.output
    top = json.loads(res.output)["results"][0]
    assert top["id"] == "ofac-100" and top["match"] and top["explanation"]["matched_name"] == "ZAYNABIYOUN BRIGADE"
    res = run("screen", "Zainabiyoun Brigade", "--schema", "Organization", "--db", db)
    assert res.exit_code == 0 and "MATCH" in res.output

    batch = tmp_path / "in.csv"
    batch.write_text("id,name,country\n1,Liwa Zainebiyoun,\n2,Emily Clarke,GB\n3,Karim Qaradaghi,IQ\n4,X,Atlantis\n")
    out = tmp_path / "out.csv"
    res = run("screen", "--csv", batch, "--out", out, "--db", db)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open()))
    assert [r["match"] for r in rows] == ["true", "false", "true", "error"]
    assert "Atlantis" in rows[3]["error"]
    assert rows[0]["entry_id"] == "ofac-100" and rows[2]["entry_id"] == "ofac-102"


def test_cli_errors(tmp_path: Path, fixtures: Path, monkeypatch) -> None:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    res = runner.invoke(app, ["screen", "Anyone", "--db", db])
    assert res.exit_code == 1 and "no sanctions lists loaded" in res.output
    bad = tmp_path / "bad.xml"
    bad.write_text("<sdnList><sdnEntry>")
    res = runner.invoke(app, ["lists", "load", str(bad), "--db", db])
    assert res.exit_code == 1 and "bad.xml" in res.output and "Nothing was stored" in res.output
    run("lists", "load", fixtures / "sdn.csv", "--db", db)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("who,where\nX,Y\n")
    res = runner.invoke(app, ["screen", "--csv", str(nocol), "--db", db])
    assert res.exit_code == 1 and "no name column" in res.output
    res = runner.invoke(app, ["screen", "--db", db])
    assert res.exit_code == 2
    res = runner.invoke(app, ["screen", "Anyone", "--country", "Atlantis", "--db", db])
    assert res.exit_code == 2 and "unknown country" in res.output
