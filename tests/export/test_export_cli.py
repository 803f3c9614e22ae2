"""``threatgraph export`` end to end on a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

import stix2
from exportdata import build
from typer.testing import CliRunner

from threatgraph.cli import app

runner = CliRunner()


def test_export_entity_by_name_as_json(store, tmp_path: Path) -> None:
    build(store)
    db = store.url.render_as_string(hide_password=False)
    out = tmp_path / "zb.json"
    args = ["export", "--format", "stix", "--out", str(out), "--entity", "Liwa Zainabiyoun", "--json", "--db", db]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["validated"] is True and summary["counts"]["threat-actor"] == 1
    assert stix2.parse(out.read_text(), allow_custom=False).type == "bundle"

    res = runner.invoke(app, ["export", "-f", "graphml", "-o", str(tmp_path / "g.graphml"), "--db", db])
    assert res.exit_code == 0 and "validated" in res.output


def test_export_errors(store, tmp_path: Path) -> None:
    db = store.url.render_as_string(hide_password=False)
    res = runner.invoke(app, ["export", "-f", "pdf", "-o", str(tmp_path / "x"), "--db", db])
    assert res.exit_code == 2 and "pdf" in res.output
    res = runner.invoke(app, ["export", "-f", "ftm", "-o", str(tmp_path / "x"), "-e", "Nobody", "--db", db])
    assert res.exit_code == 1 and "Nobody" in res.output
    res = runner.invoke(app, ["export", "-f", "ftm", "-o", str(tmp_path / "no" / "x"), "--db", db])
    assert res.exit_code == 1 and "does not exist" in res.output


def test_export_stix_split_from_the_cli(store, tmp_path: Path) -> None:
    build(store)
    db = store.url.render_as_string(hide_password=False)
    out = tmp_path / "parts"
    res = runner.invoke(
        app, ["export", "-f", "stix", "-o", str(out), "--max-bundle-objects", "12", "--json", "--db", db]
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["counts"]["bundle"] == len(summary["files"]) == len(list(out.glob("bundle-*.json"))) > 1
    res = runner.invoke(app, ["export", "-f", "csv", "-o", str(out), "--max-bundle-bytes", "9000", "--db", db])
    assert res.exit_code == 1 and "apply to STIX" in res.output
