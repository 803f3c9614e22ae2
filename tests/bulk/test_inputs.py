"""Line numbers of JSON lines inputs: one counting job for every file, the numbers zipWithIndex gave per file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatgraph.bulk.inputs import first_lines


def test_first_lines_restart_at_every_file() -> None:
    assert first_lines([0, 0, 0, 1, 1, 2], [3, 0, 2, 4, 1, 5]) == [0, 3, 3, 0, 4, 0]


@given(st.lists(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=6), max_size=6))
def test_first_lines_are_the_lines_before_each_partition_in_its_file(files: list[list[int]]) -> None:
    owners = [i for i, parts in enumerate(files) for _ in parts]
    counts = [n for parts in files for n in parts]
    expected = [sum(parts[:k]) for parts in files for k in range(len(parts))]
    assert first_lines(owners, counts) == expected


def test_a_partition_count_that_does_not_match_is_refused() -> None:
    with pytest.raises(ValueError):
        first_lines([0, 0], [1])


@pytest.mark.slow
def test_every_line_of_every_file_is_named_by_its_file_and_line(spark, tmp_path: Path) -> None:
    """Files split into several partitions, blank lines and a bad line: each named ``path:line`` as
    ``threatgraph ingest`` names it, from one counting job whatever the number of files."""
    from threatgraph.bulk.codec import ITEM_COLUMNS
    from threatgraph.bulk.inputs import numbered_lines

    uris = []
    for f in range(3):
        path = tmp_path / f"part-{f}.jsonl"
        lines = [json.dumps({"title": f"t{f}-{i}", "text": f"Text {f} {i}. " * 40}) for i in range(30 + 7 * f)]
        lines[5] = "{not json"
        lines[9] = ""
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        uris.append(path.as_uri())
    sc = spark.sparkContext
    sc.setJobGroup("lines", "numbered lines")
    try:
        rows = [dict(zip(ITEM_COLUMNS, r, strict=True)) for r in numbered_lines(spark, uris, 1 << 20).collect()]
        jobs = list(sc.statusTracker().getJobIdsForGroup("lines"))
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    assert len(jobs) == 2  # the count and the collect, not a job per file
    names = sorted(r["source"].rsplit("/", 1)[-1] for r in rows)
    expected = sorted(f"part-{f}.jsonl:{i + 1}" for f in range(3) for i in range(30 + 7 * f) if i != 9)
    assert names == expected
    bad = sorted(r["source"].rsplit("/", 1)[-1] for r in rows if r["reason"])
    assert bad == ["part-0.jsonl:6", "part-1.jsonl:6", "part-2.jsonl:6"]
    for r in rows:
        if not r["reason"]:  # an article: its title says which file and line it came from
            name, line = r["source"].rsplit("/", 1)[-1].split(":")
            assert r["title"] == f"t{name[5:-6]}-{int(line) - 1}"
