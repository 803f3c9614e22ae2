"""GraphML (read back with networkx) and CSV tables (read back with csv), including hostile text."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from exportdata import build
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from threatgraph.export import ExportError, export, ftm
from threatgraph.export.csv import cell, read_table, write_table
from threatgraph.store.schema import entities


def test_graphml_round_trips_through_networkx(store, tmp_path: Path) -> None:
    arch = build(store)
    out = tmp_path / "g.graphml"
    stats = export(store, "graphml", out)
    g = nx.read_graphml(out, force_multigraph=True)
    assert stats.counts["entity nodes"] == 8 and stats.counts["article nodes"] == 2
    assert g.nodes["ent-zb"]["sanctioned"] is True and g.nodes["ent-ali"]["sanctioned"] is False
    assert "ofac:32179" in g.nodes["ent-zb"]["sanction_entries"]
    events = {d["type"]: (u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "event"}
    src, dst, ev = events["SANCTION"]
    assert (src, dst) == ("ent-treasury", "ent-zb") and "actor_role" not in ev
    assert ev["date_start"] == "2024-04-30" and ev["negated"] is False
    # one identified actor: actor -> reporting article, role kept; negation carried, not hidden
    assert events["DEPLOY"][:2] == ("ent-zb", f"article:{arch.a1}") and events["DEPLOY"][2]["actor_role"] == "source"
    assert events["MOBILIZE"][2]["negated"] is True
    assert g.has_edge("ent-ali", "ent-gpi") and g.has_edge("ent-ali", f"article:{arch.a1}")
    mentioned = [d["weight"] for u, v, d in g.edges(data=True) if d["kind"] == "mentioned_in" and u == "ent-zb"]
    assert sorted(mentioned) == [1, 2]  # twice in the first article, once in the second


def test_graphml_survives_control_characters(store, tmp_path: Path) -> None:
    build(store)
    with store.begin() as conn:
        conn.execute(update(entities).where(entities.c.id == "ent-ali").values(caption="Ali\x00 Re\x0bza\ufffe"))
    out = tmp_path / "g.graphml"
    export(store, "graphml", out)
    assert nx.read_graphml(out).nodes["ent-ali"]["label"] == "Ali Reza"


def test_csv_tables(store, tmp_path: Path) -> None:
    arch = build(store)
    out = tmp_path / "tables"
    stats = export(store, "csv", out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in stats.counts)
    ents = {r["id"]: r for r in read_table(out / "entities.csv")}
    assert "لواء زینبیون" in ents["ent-zb"]["aliases"]
    arts = {r["id"]: r for r in read_table(out / "articles.csv")}
    assert arts[arch.a2]["title"] == '\'=HYPERLINK("x")'  # a formula never reaches a spreadsheet as one
    [sanc] = read_table(out / "sanctions.csv")
    assert (sanc["entity_id"], sanc["listed_caption"], float(sanc["score"])) == ("ent-zb", "ZAYNABIYOUN BRIGADE", 0.93)
    events = read_table(out / "events.csv")
    assert {e["negated"] for e in events} == {"True", "False"}
    assert (out / "entities.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets see UTF-8


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_csv_round_trip_of_odd_strings(tmp_path_factory: pytest.TempPathFactory, values: list[str]) -> None:
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    columns = [f"c{i}" for i in range(len(values))]
    assert write_table(path, columns, [dict(zip(columns, values, strict=True))]) == 1
    [row] = read_table(path)
    assert [row[c] for c in columns] == [cell(v) for v in values]
    for v in values:
        assert cell(v) == v or (cell(v) == "'" + v and v[:1] in "=+-@\t\r")


def test_csv_out_must_be_a_directory(store, tmp_path: Path) -> None:
    build(store)
    target = tmp_path / "file.csv"
    target.write_text("keep me")
    with pytest.raises(ExportError, match="must be a directory"):
        export(store, "csv", target)
    assert target.read_text() == "keep me"


@pytest.mark.parametrize(
    ("fmt", "out", "reason"),
    [
        ("xlsx", "x.out", "unknown"),
        ("ftm", "missing/dir/x.json", "does not exist"),
        ("stix", ".", "is a directory"),
    ],
)
def test_bad_requests_are_refused_clearly(store, tmp_path: Path, fmt: str, out: str, reason: str) -> None:
    with pytest.raises(ExportError, match=reason):
        export(store, fmt, tmp_path / out)


def test_unknown_entity_is_refused(store, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    with pytest.raises(ExportError, match="ent-nope"):
        export(store, "ftm", outdir / "x.json", entity_id="ent-nope")
    assert not list(outdir.iterdir())


def test_failed_validation_keeps_previous_export(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(store)
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "x.json"
    export(store, "ftm", out)
    good, good_parc = out.read_text(), (outdir / "x.parc.jsonl").read_text()

    real_check = ftm.check
    calls = []

    def broken(data: dict, where: str):
        calls.append(where)
        if len(calls) > 3:  # fails mid-stream, after some lines were written to the temporary file
            raise ExportError(f"{where}: simulated invalid entity")
        return real_check(data, where)

    monkeypatch.setattr("threatgraph.export.ftm.check", broken)
    with pytest.raises(ExportError, match="simulated"):
        export(store, "ftm", out)
    assert out.read_text() == good and (outdir / "x.parc.jsonl").read_text() == good_parc
    assert sorted(p.name for p in outdir.iterdir()) == ["x.json", "x.parc.jsonl"]  # no temporary left behind


def test_csv_module_writes_standard_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table(path, ["a", "b"], [{"a": 'x,"y"\nz', "b": 3}])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [["a", "b"], ['x,"y"\nz', "3"]]


@pytest.mark.parametrize("fmt", ["ftm", "stix", "graphml", "csv"])
def test_empty_archive_exports_validly(store, tmp_path: Path, fmt: str) -> None:
    stats = export(store, fmt, tmp_path / f"empty-{fmt}")
    assert stats.validated and sum(stats.counts.values()) == 0
