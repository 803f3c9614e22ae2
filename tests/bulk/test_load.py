"""``threatgraph load``: Parquet from a bulk run stores exactly what ingest would have stored."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import func, select
from typer.testing import CliRunner

from threatgraph.bulk import load_parquet
from threatgraph.bulk.codec import ROW_COLUMNS, to_row
from threatgraph.cli import app
from threatgraph.model import Analysis
from threatgraph.store.articles import save_analysis
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles, events, mentions, quotes


def _write(path: Path, analyses: list[Analysis]) -> Path:
    # the columns' types as the Spark job writes them (an all-empty column must not be inferred as null)
    schema = pa.schema([(c, pa.date32() if c == "published" else pa.string()) for c in ROW_COLUMNS])
    pq.write_table(pa.Table.from_pylist([to_row(a) for a in analyses], schema=schema), path)
    return path


def _counts(engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar() for t in (articles, mentions, events, quotes)
        )


def test_load_equals_saving_the_analyses(tmp_path: Path, store, sample_analyses: list[Analysis]) -> None:
    ref = open_store(f"sqlite:///{tmp_path / 'ref.db'}")
    for a in sample_analyses:
        save_analysis(ref, a)
    out = tmp_path / "run"
    out.mkdir()
    _write(out / "part-0.parquet", sample_analyses[:3])
    _write(out / "part-1.parquet", sample_analyses[2:])  # one article twice: stored once
    report = load_parquet(store, [out])
    assert not report.failed
    assert sorted(report.ingested) == sorted(a.article.id for a in sample_analyses)
    assert len(report.duplicates) == 1
    assert _counts(store) == _counts(ref)
    again = load_parquet(store, [out])  # a re-run adds nothing
    assert not again.ingested and len(again.duplicates) == len(sample_analyses) + 1
    assert _counts(store) == _counts(ref)


def test_load_resolves_like_ingest(tmp_path: Path, store, sample_analyses: list[Analysis]) -> None:
    from threatgraph.store.schema import entities

    _write(tmp_path / "a.parquet", sample_analyses)
    from threatgraph.app import DEFAULT_HOOKS

    assert not load_parquet(store, [tmp_path / "a.parquet"], hooks=DEFAULT_HOOKS).failed
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(entities)).scalar() > 0
        assert conn.execute(select(func.count()).where(mentions.c.entity_id.is_not(None))).scalar() > 0


def test_bad_parquet_is_a_failure_naming_the_file(tmp_path: Path, store) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1]}), other)
    report = load_parquet(store, [bad, other])
    assert [f.source for f in report.failed] == [str(bad), str(other)]
    assert "no column" in report.failed[1].reason
    result = CliRunner().invoke(app, ["load", str(other), "--db", str(tmp_path / "cli.db"), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failed"][0]["source"] == str(other)
