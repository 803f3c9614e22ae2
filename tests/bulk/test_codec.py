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


def test_first_per_id_keeps_the_copy_from_the_smallest_source_whatever_the_order() -> None:
    """The partition-local dedupe of the Spark path: same choice as ordering the copies by source."""
    from itertools import permutations

    from threatgraph.bulk.tasks import first_per_id
    from threatgraph.model import Article

    copies = [Article(text="same words", source=s) for s in ("b.jsonl:2", "a.jsonl:9", None, "a.jsonl:10")]
    other = Article(text="other words", source="z.txt")
    for order in permutations([*copies, other]):
        kept, repeats = first_per_id(order)
        assert sorted((a.id, a.source or "") for a in kept) == sorted([(copies[0].id, ""), (other.id, "z.txt")])
        assert sorted(a.source or "" for a in repeats) == ["a.jsonl:10", "a.jsonl:9", "b.jsonl:2"]
