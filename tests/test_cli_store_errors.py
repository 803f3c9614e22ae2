"""Every command that opens a store turns an unusable --db into one clear error (exit 2), not a traceback.

The commands share ``threatgraph.commands.open_store_or_exit`` and ``exit_on``; these tests hold
each command to that, so a new command that opens the store its own way is caught here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.commands import exit_on

COMMANDS = [
    ["articles"],
    ["ingest", "{sample}"],
    ["demo"],
    ["entity", "Zainabiyoun"],
    ["resolve"],
    ["merge", "ent-a", "ent-b"],
    ["split", "ent-a", "Some Name"],
    ["hits"],
    ["link", "ent-a", "ofac:1", "confirmed"],
    ["quotes"],
    ["events"],
    ["export", "--format", "ftm", "--out", "{tmp}/out.ftm.json"],
    ["watch", "add", "Zainabiyoun Brigade"],
    ["watch", "list"],
    ["watch", "remove", "1"],
    ["alerts"],
    ["lists", "show"],
    ["lists", "load", "{sample}"],
    ["screen", "Zainabiyoun Brigade"],
]


@pytest.fixture
def broken_db(tmp_path: Path) -> Path:
    """A file that is not a database: opening it fails inside SQLite, after the URL was accepted."""
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database\n")
    return path


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_unusable_store_is_one_clear_error(args: list[str], broken_db: Path, tmp_path: Path) -> None:
    sample = tmp_path / "article.txt"
    sample.write_text("The Zainabiyoun Brigade recruited in Karachi.\n")
    argv = [a.format(sample=sample, tmp=tmp_path) for a in args] + ["--db", str(broken_db)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert "cannot open store" in result.output and str(broken_db) in result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert broken_db.read_text() == "these are notes, not a database\n"  # nothing written over the user's file


def test_exit_on_reports_only_the_named_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as stopped, exit_on(ValueError):
        raise ValueError("--since 'soon': not a date")
    assert stopped.value.exit_code == 2
    assert "error: --since 'soon': not a date" in capsys.readouterr().err
    with pytest.raises(KeyError), exit_on(ValueError):
        raise KeyError("a bug is not a user error")
