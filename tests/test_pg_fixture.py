"""The shared ``pg_engine`` fixture keeps PostgreSQL tests apart: own schema per module, empty tables per test."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from threatgraph.model import Analysis, Article
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import articles

pytestmark = pytest.mark.postgres


def test_store_lives_in_a_schema_of_its_own(pg_engine) -> None:
    with pg_engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        tables = conn.execute(
            text("SELECT count(*) FROM information_schema.tables WHERE table_schema = :s AND table_name = 'articles'"),
            {"s": schema},
        ).scalar_one()
    assert schema.startswith("tg_test_") and tables == 1
    assert save_analysis(pg_engine, Analysis(Article(text="Left behind by the first test.")))


def test_each_test_starts_on_empty_tables(pg_engine) -> None:
    with pg_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 0
