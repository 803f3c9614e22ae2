"""The real OFAC files under ../shared/data/sanctions/ofac (skipped where absent).

The fast test loads a slice of the real sdn.csv (the reference article's group plus the first rows); the
slow ones load both dated lists in full and check the version delta against an independent row-level diff.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from threatgraph.screen import index as index_mod
from threatgraph.screen.index import get_index
from threatgraph.screen.lists import load_files, version_changes
from threatgraph.screen.query import Query

SPELLINGS = ("Zainabiyoun Brigade", "Liwa Zainebiyoun", "Zainabiyun", "لواء زینبیون")
UNRELATED = ("Emily Clarke", "Toyota Motor Corporation", "Lisbon Bakery", "Oxford University Press", "Maria Schmidt")


def ofac(shared_data: Path) -> Path:
    path = shared_data / "sanctions" / "ofac"
    if not (path / "sdn.csv").is_file():
        pytest.skip("real OFAC files not present")
    return path


def raw_rows(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r[0]: [c.strip() for c in r] for r in csv.reader(fh) if len(r) == 12}


def test_real_slice_screens_reference_spellings(store, shared_data: Path, tmp_path: Path) -> None:
    lines = (ofac(shared_data) / "sdn.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    keep = lines[:300] + [ln for ln in lines if ln.startswith(("26347,", "26348,"))]
    part = tmp_path / "sdn.csv"
    part.write_text("".join(keep), encoding="utf-8")
    load_files(store, [part])
    idx = get_index(store)
    for spelling in SPELLINGS:
        top = idx.match(Query([spelling]))[0]
        assert (top.entry_id, top.match) == ("ofac-26348", True), (spelling, top)
        assert top.entity["sanction"]["properties"]["program"] == ["SDGT", "IRGC", "IFSR", "IRAN-HR"]


@pytest.mark.slow
def test_real_versions_delta_and_screening(store, shared_data: Path) -> None:
    base = ofac(shared_data)
    old_rows, new_rows = raw_rows(base / "sdn-2023-05-02.csv"), raw_rows(base / "sdn.csv")
    first = load_files(store, [base / "sdn-2023-05-02.csv"])
    assert first.added == len(old_rows) == 12211
    second = load_files(store, [base / "sdn.csv"])
    assert second.added == len(set(new_rows) - set(old_rows))
    assert second.removed == len(set(old_rows) - set(new_rows))
    raw_changed = {f"ofac-{k}" for k in set(old_rows) & set(new_rows) if old_rows[k] != new_rows[k]}
    changed = {c["entry_id"] for c in version_changes(store, second.version_id) if c["change"] == "changed"}
    assert changed == raw_changed

    idx = get_index(store)
    assert len(idx) == len(new_rows)
    for spelling in SPELLINGS:
        top = idx.match(Query([spelling]))[0]
        assert (top.caption, top.match) == ("ZAYNABIYOUN BRIGADE", True), (spelling, top.score)
    for name in UNRELATED:
        assert not any(c.match for c in idx.match(Query([name]))), name

    index_mod._CACHE.clear()  # as after a restart: the persisted index is loaded, not rebuilt
    reloaded = get_index(store)
    assert reloaded.key == idx.key and reloaded is not idx
    assert reloaded.match(Query(["Fatemiyoun Division"]))[0].caption == "FATEMIYOUN DIVISION"
