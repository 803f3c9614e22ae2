"""Glue: a list loaded AFTER the news was ingested still links the stored entity (``lists load`` re-screens)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.ingest.samples import samples_dir
from threatgraph.screen.lists import demo_list_path

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    return f"sqlite:///{tmp_path / 'relink.db'}"


def _links(db: str) -> set[tuple[str, str]]:
    from threatgraph.store.db import open_store
    from threatgraph.store.schema import entities, sanction_links

    engine = open_store(db)
    with engine.connect() as conn:
        rows = conn.execute(
            select(entities.c.caption, sanction_links.c.entry_id).join(
                sanction_links, sanction_links.c.entity_id == entities.c.id
            )
        ).all()
    engine.dispose()
    return {(caption, entry) for caption, entry in rows}


def test_list_loaded_after_ingest_links_existing_entity(db: str) -> None:
    ingest = runner.invoke(app, ["ingest", str(samples_dir() / "fajr-brigade-designation.txt"), "--db", db, "--json"])
    assert ingest.exit_code == 0, ingest.output
    assert not any(entry.startswith("demo-") for _c, entry in _links(db)), "no list yet, so no demo link"

    res = runner.invoke(app, ["lists", "load", str(demo_list_path()), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    relinked = json.loads(res.stdout)["relinked"]
    assert relinked["screened"] >= 1 and relinked["new_links"] >= 1
    links = _links(db)
    assert any(entry == "demo-liwa-al-fajr" and "Fajr" in caption for caption, entry in links), links

    # The same file again: no new version, nothing re-screened, the links stay.
    again = runner.invoke(app, ["lists", "load", str(demo_list_path()), "--db", db, "--json"])
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout)
    assert data["version_id"] is None and data["versions"][0]["unchanged"] and data["relinked"] is None
    assert _links(db) == links


def test_after_lists_loaded_without_entities(store) -> None:
    from threatgraph.app import Threatgraph
    from threatgraph.screen.lists import load_files

    load_files(store, [demo_list_path()])
    assert Threatgraph(store).lists_loaded() == {"screened": 0, "sanction_links": 0, "new_links": 0}


def test_demo_list_is_marked_invented() -> None:
    lines = [json.loads(line) for line in demo_list_path().read_text(encoding="utf-8").splitlines()]
    parties = [e for e in lines if e["schema"] != "Sanction"]
    assert parties and all("INVENTED" in " ".join(e["properties"]["notes"]) for e in parties)
    assert (demo_list_path().parent / "README.md").read_text(encoding="utf-8").count("invented") >= 2
