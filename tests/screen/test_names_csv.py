"""Strict CSV of names (issue 10 items 2 and 9): every structural doubt refuses the file, naming the line,
the same in the CLI and in ``/screen/csv``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.screen import names_csv
from threatgraph.screen.names_csv import NamesCsvError, parse
from threatgraph.screen.query import MAX_NAME_CHARS, Query

BAD = [
    ('name\n"Acme Trading LLC\nZainabiyoun Brigade\nEmily Clarke\n', "line 2", "quote"),  # unbalanced quote to EOF
    ('name\n"Acme Trading\nZainabiyoun Brigade"\nEmily Clarke\n', "line 2", "runs on to line 3"),
    ('name\nAcme "Trading" LLC\n', "line 2", None),  # a quote inside an unquoted field is fine...
    ('name\n"Acme" Trading\n', "line 2", "broken CSV"),  # ...text after a closing quote is not
    ("name,country\nAcme, Inc,US\n", "line 2", "3 fields"),  # an unquoted comma splits a name
    ("name\nAcme\n\x00bad\n", "line 3", "NUL"),
    ("name,country\nAcme,IR\n,IR\n", "line 3", "no name"),
    ("name\n" + "A" * (MAX_NAME_CHARS + 1) + "\n", "line 2", "characters"),
]


@pytest.mark.parametrize(("text", "line", "why"), BAD)
def test_structural_doubt_refuses_the_file(text: str, line: str, why: str | None) -> None:
    if why is None:
        assert [r.name for r in parse(text, "in.csv").rows] == ['Acme "Trading" LLC']
        return
    with pytest.raises(NamesCsvError) as err:
        parse(text, "in.csv")
    assert str(err.value).startswith(f"in.csv {line}:") and why in str(err.value)


def test_rows_keep_their_line_and_cells() -> None:
    table = parse('ID,Name,Country\n1,"Doe, John",GB\n\n3,Acme,IR\n', "in.csv", header=True)
    assert table.fields == ["ID", "Name", "Country"]
    assert [(r.line, r.name, r.get("country")) for r in table.rows] == [(2, "Doe, John", "GB"), (4, "Acme", "IR")]


def test_header_rules() -> None:
    assert [r.name for r in parse("Acme\nZeta Corp\n", "x.csv").rows] == ["Acme", "Zeta Corp"]  # no header: column 1
    with pytest.raises(NamesCsvError, match="no name column"):
        parse("Acme\nZeta Corp\n", "x.csv", header=True)
    with pytest.raises(NamesCsvError, match=r"x.csv line 2: 2 fields where the first row has 1"):
        parse("Acme\nZeta,Corp\n", "x.csv")


def test_decode_names_the_line_of_a_bad_byte() -> None:
    with pytest.raises(NamesCsvError, match=r"x.csv line 3: not UTF-8"):
        names_csv.decode(b"name\nAcme\n\xffoo\n", "x.csv")
    assert names_csv.decode("\ufeffname\n".encode(), "x.csv") == "name\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40), max_size=8))
def test_well_formed_files_round_trip(names: list[str]) -> None:
    """Whatever the names (quotes, commas, any script), a file written by a CSV writer reads back exactly;
    and names that cannot be read faithfully (line breaks, NUL) refuse the file rather than lose rows."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["name"])
    for n in names:
        writer.writerow([n])
    faithful = not any(c in n for n in names for c in "\r\n\x00")
    expected = [n.strip() for n in names if n.strip()]  # blank rows are blank lines
    if faithful and expected:
        assert [r.name for r in parse(buf.getvalue(), "h.csv").rows] == expected
    else:
        with pytest.raises(NamesCsvError, match=r"^h\.csv"):
            parse(buf.getvalue(), "h.csv")


def test_query_refuses_nul_and_overlong_names_for_every_caller() -> None:
    with pytest.raises(ValueError, match="NUL"):
        Query(["Acme\x00"])
    with pytest.raises(ValueError, match="characters"):
        Query(["x" * 200_000])


def test_cli_refuses_unbalanced_quote_instead_of_no_match(tmp_path: Path, fixtures: Path, monkeypatch) -> None:
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["lists", "load", str(fixtures / "sdn.csv"), "--db", db]).exit_code == 0
    bad = tmp_path / "names.csv"
    bad.write_text('name\n"Acme Trading LLC\nZainabiyoun Brigade\nEmily Clarke\n')
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["screen", "--csv", str(bad), "--out", str(out), "--db", db])
    assert res.exit_code == 1 and "line 2" in res.output and "Screened" not in res.output
    assert not out.exists()
    for text, needle in (("name\nAcme\x00\n", "NUL"), ("name\n" + "Z" * 200_000 + "\n", "characters")):
        bad.write_text(text)
        res = runner.invoke(app, ["screen", "--csv", str(bad), "--db", db])
        assert res.exit_code == 1 and needle in res.output
    res = runner.invoke(app, ["screen", "Acme\x00", "--db", db])
    assert res.exit_code == 2 and "NUL" in res.output
