"""CLI tables at a terminal's narrowest common width: nothing wider than 80 columns, ids never split.

Rich folds the cells of a table that does not fit; at 80 columns the dossier's date, event and actor
cells used to fold into letter stacks and `hits` split entity ids across lines.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.commands import console
from threatgraph.store.db import open_store
from threatgraph.store.schema import entities

sys.path.insert(0, str(Path(__file__).resolve().parent / "api"))

from api_archive import ZB, build_archive  # noqa: E402

ENTITY_ID = re.compile(r"ent-[0-9a-z-]+")


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"
    build_archive(open_store(url))
    return url


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("argv", [["entity", ZB], ["hits"], ["entity", "a"]])
def test_fits_the_terminal_and_keeps_ids_whole(archive_db, monkeypatch, width, argv):
    monkeypatch.setattr(console, "_width", width)  # the property setter would outlive the test
    result = CliRunner().invoke(app, [*argv, "--db", archive_db])
    lines = result.output.splitlines()
    assert result.exit_code == 0, result.output
    assert max(len(line.rstrip()) for line in lines) <= width
    ids = [m.group() for line in lines for m in ENTITY_ID.finditer(line)]
    assert ids, result.output
    # an id cut by wrapping leaves a fragment that names no entity
    with open_store(archive_db).connect() as conn:
        real = set(conn.execute(select(entities.c.id)).scalars())
    assert set(ids) <= real, set(ids) - real


def test_dossier_keeps_dates_types_and_actors_readable_at_80(archive_db, monkeypatch):
    monkeypatch.setattr(console, "_width", 80)  # the property setter would outlive the test
    result = CliRunner().invoke(app, ["entity", ZB, "--db", archive_db])
    out = result.output
    assert "SANCTION" in out
    assert "Zainabiyoun Brigade" in out  # the actor name is whole on one line
    assert re.search(r"^\d{4}-\d{2}-\d{2}|^[A-Z][a-z]{2} \d{4}|^\d{1,2} [A-Z][a-z]{2} \d{4}", out, re.M), out


@pytest.mark.parametrize("argv", [["screen", "Zainabiyoun Brigade"], ["lists", "show"]])
def test_screening_tables_fit_80_columns_with_whole_ids(archive_db, monkeypatch, argv):
    monkeypatch.setattr(console, "_width", 80)  # the property setter would outlive the test
    result = CliRunner().invoke(app, [*argv, "--db", archive_db])
    assert result.exit_code == 0, result.output
    assert max(len(line.rstrip()) for line in result.output.splitlines()) <= 80
    assert ("tg-test-zainabiyoun" if argv[0] == "screen" else "testlist") in result.output
