"""An analysed article survives the row form Spark and Parquet carry, exactly."""

from __future__ import annotations

import pytest

from threatgraph.bulk.codec import ROW_COLUMNS, from_row, to_row
from threatgraph.model import Analysis


def test_round_trip_of_real_extractor_output(sample_analyses: list[Analysis]) -> None:
    assert any(a.events for a in sample_analyses) and any(a.quotes for a in sample_analyses)
    assert any(e.date for a in sample_analyses for e in a.events)
    for analysis in sample_analyses:
        row = to_row(analysis)
        assert tuple(row) == ROW_COLUMNS
        assert from_row(row) == analysis


def test_a_row_that_is_not_an_analysis_is_refused_by_id() -> None:
    with pytest.raises(ValueError, match="abc"):
        from_row({"id": "abc", "text": "x", "analysis": "{not json"})
    with pytest.raises(ValueError, match="abc"):
        from_row({"id": "abc", "text": "x", "analysis": '{"mentions": [{"nope": 1}], "events": [], "quotes": []}'})
