"""COPY through staging: one transaction per partition, idempotent, the same rows as ``save_analysis``."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from threatgraph.bulk.pgcopy import copy_analyses
from threatgraph.model import Analysis
from threatgraph.store.schema import articles, events, mentions, quotes

pytestmark = pytest.mark.postgres


def _rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every stored row without its serial id, in id order (what a reader sees)."""
    out = {}
    with engine.connect() as conn:
        for table in (mentions, events, quotes):
            cols = [c for c in table.c if c.name != "id"]
            out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(table.c.id))]
        cols = [c for c in articles.c if c.name not in ("ingested_at", "seq")]
        out["articles"] = [tuple(r) for r in conn.execute(select(*cols).order_by(articles.c.seq))]
    return out


def test_copy_stores_what_save_analysis_stores_and_reruns_add_nothing(
    pg_engine: Engine, sample_analyses: list[Analysis]
) -> None:
    from threatgraph.store.articles import save_analysis

    for a in sample_analyses:
        save_analysis(pg_engine, a)
    expected = _rows(pg_engine)
    with pg_engine.begin() as conn:
        for table in (quotes, events, mentions, articles):
            conn.execute(table.delete())

    first, second = sample_analyses[:4], sample_analyses[3:]  # article 4 in both partitions
    assert copy_analyses(pg_engine, first) == [a.article.id for a in first]
    assert copy_analyses(pg_engine, second + second[:1]) == [a.article.id for a in second[1:]]
    assert copy_analyses(pg_engine, sample_analyses) == []  # a retried task
    assert _rows(pg_engine) == expected
    with pg_engine.connect() as conn:
        seqs = [r[0] for r in conn.execute(select(articles.c.seq).order_by(articles.c.seq))]
        assert len(set(seqs)) == len(seqs) == len(sample_analyses)
        assert conn.execute(select(func.count()).select_from(mentions)).scalar() == sum(
            len(a.mentions) for a in sample_analyses
        )


def test_a_failing_partition_leaves_nothing(pg_engine: Engine, sample_analyses: list[Analysis]) -> None:
    from dataclasses import replace

    broken = replace(sample_analyses[1], mentions=[replace(sample_analyses[1].mentions[0], label=None)])  # NOT NULL
    with pytest.raises(Exception, match="label"):
        copy_analyses(pg_engine, [sample_analyses[0], broken])
    with pg_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(mentions)).scalar() == 0


def test_copy_refuses_sqlite(store, sample_analyses: list[Analysis]) -> None:
    with pytest.raises(ValueError, match="PostgreSQL"):
        copy_analyses(store, sample_analyses[:1])
