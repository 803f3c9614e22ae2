"""CLI: ``ingest``, ``articles`` and ``demo`` on a temporary SQLite file (real extractor and hooks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.ingest.samples import samples_dir

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    return str(tmp_path / "cli.db")


def test_ingest_json_then_duplicates(db: str) -> None:
    first = runner.invoke(app, ["ingest", str(samples_dir()), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert len(data["ingested"]) == 9 and data["failed"] == []
    second = runner.invoke(app, ["ingest", str(samples_dir()), "--db", db, "--json"])
    data = json.loads(second.stdout)
    assert second.exit_code == 0 and data["ingested"] == [] and len(data["duplicates"]) == 9


def test_ingest_failure_exit_code_and_one_line_errors(db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Police in Karachi arrested two suspected militants on Friday.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok line about a raid"}\n{oops}\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(good), str(bad), str(tmp_path / "missing.html"), "--db", db])
    assert result.exit_code == 1
    assert f"error: {bad}:2: invalid JSON" in result.stderr
    assert f"error: {tmp_path / 'missing.html'}: no such file or directory" in result.stderr
    assert "ingested" in result.stdout and "Failures" in result.stdout


def test_articles_list_and_search(db: str) -> None:
    empty = runner.invoke(app, ["articles", "--db", db])
    assert empty.exit_code == 0 and "No articles stored yet" in empty.stdout
    runner.invoke(app, ["ingest", str(samples_dir()), "--db", db, "--json"])
    result = runner.invoke(app, ["articles", "--search", "Tavakoli", "--db", db, "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["outlet"] for r in rows] == ["Gulf Monitor"]
    listing = runner.invoke(app, ["articles", "--limit", "3", "--db", db, "--json"])
    assert len(json.loads(listing.stdout)) == 3


def test_demo(db: str) -> None:
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "invented" in result.stdout and "Fajr" in result.stdout
    out = " ".join(result.stdout.split())
    assert "Loaded the demo sanctions list" in out
    assert "SANCTIONED: THREATGRAPH-DEMO SDGT since 2021-03-16" in out and "(demo-liwa-al-fajr" in out
    again = runner.invoke(app, ["demo", "--db", db])
    assert again.exit_code == 0, again.output
    out = " ".join(again.stdout.split())
    assert "already loaded" in out and re.search(r"ingested │ 0 │ │ duplicates │ 9", out), out
    assert "SANCTIONED: THREATGRAPH-DEMO SDGT since 2021-03-16" in out
    listing = runner.invoke(app, ["lists", "show", "--db", db, "--json"])
    versions = json.loads(listing.stdout)
    assert [(v["dataset"], v["versions"]) for v in versions] == [("threatgraph-demo", 1)], versions


def test_ingest_without_a_model_exits_2(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threatgraph.app

    def no_model(**kwargs: object) -> None:
        raise OSError("[E050] Can't find model")

    monkeypatch.setattr(threatgraph.app, "Extractor", no_model)
    path = tmp_path / "a.txt"
    path.write_text("A new article about a raid.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 2 and "error: cannot load the extractor" in result.stderr
