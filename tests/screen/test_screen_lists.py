"""List versions: deltas between versions, idempotent reloads, and bad files leaving the store intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from threatgraph.screen.entries import ListError
from threatgraph.screen.index import get_index
from threatgraph.screen.lists import active_entries, list_summary, load_files, version_changes
from threatgraph.store.schema import list_entries, list_versions


def test_versions_record_added_removed_changed(store, fixtures: Path) -> None:
    first = load_files(store, [fixtures / "sdn.csv"])
    assert (first.added, first.removed, first.changed) == (5, 0, 0)
    second = load_files(store, [fixtures / "sdn-v2.csv"])
    assert (second.added, second.removed, second.changed) == (1, 1, 1)
    assert second.version_id is not None and second.version_id > first.version_id
    changes = {c["entry_id"]: c for c in version_changes(store, second.version_id)}
    assert changes["ofac-105"]["change"] == "added"
    assert changes["ofac-101"]["change"] == "removed"
    assert changes["ofac-102"]["change"] == "changed"
    detail = changes["ofac-102"]["detail"]
    assert detail["nationality"] == {"old": ["iq"], "new": ["iq", "sy"]}
    assert "KARIM AL-KURDI" in detail["alias"]["new"]
    active = {e["id"] for e in active_entries(store)}
    assert active == {"ofac-100", "ofac-102", "ofac-103", "ofac-104", "ofac-105"}
    (summary,) = list_summary(store)
    assert (summary["entries"], summary["versions"], summary["added"]) == (5, 2, 1)


def test_same_file_twice_is_not_a_new_version(store, fixtures: Path) -> None:
    load_files(store, [fixtures / "sdn.csv"])
    again = load_files(store, [fixtures / "sdn.csv"])
    assert again.version_id is None and again.versions[0].unchanged
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(list_versions)).scalar() == 1


def test_removed_entry_can_come_back(store, fixtures: Path) -> None:
    load_files(store, [fixtures / "sdn.csv"])
    load_files(store, [fixtures / "sdn-v2.csv"])
    back = load_files(store, [fixtures / "sdn.csv"])
    assert back.added == 1 and back.removed == 1  # 101 back, 105 gone
    assert "ofac-101" in {e["id"] for e in active_entries(store)}


def _snapshot(store) -> tuple:
    with store.connect() as conn:
        versions = conn.execute(select(list_versions.c.id, list_versions.c.digest)).all()
        entries = conn.execute(select(list_entries.c.entry_id, list_entries.c.digest)).all()
    return sorted(versions), sorted(entries)


@pytest.mark.parametrize(
    "content",
    [
        '<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><sdnList>&c;</sdnList>',
        '<?xml version="1.0"?><sdnList><sdnEntry><uid>1</uid><lastName>TRUNC',
        '<?xml version="1.0"?><rss><channel/></rss>',
    ],
    ids=["entity-expansion", "truncated", "wrong-root"],
)
def test_hostile_or_broken_file_keeps_previous_version(store, fixtures: Path, tmp_path: Path, content: str) -> None:
    load_files(store, [fixtures / "sdn.csv"])
    index_before = get_index(store)
    before = _snapshot(store)
    bad = tmp_path / "sdn.xml"
    bad.write_text(content)
    with pytest.raises(ListError) as err:
        load_files(store, [bad])
    assert str(bad) in str(err.value)
    assert _snapshot(store) == before
    assert get_index(store) is index_before
    assert get_index(store).match(_q("Zainabiyoun Brigade"))[0].entry_id == "ofac-100"


def test_one_bad_file_in_a_batch_stores_nothing(store, fixtures: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<CONSOLIDATED_LIST><INDIVIDUALS>")
    with pytest.raises(ListError):
        load_files(store, [fixtures / "un.xml", bad])
    assert list_summary(store) == []


def _q(name: str):
    from threatgraph.screen.query import Query

    return Query([name])


def test_formats_diff_against_each_other(store, fixtures: Path) -> None:
    """The same OFAC entries from CSV and then the Advanced XML: same ids, so only real differences count."""
    load_files(store, [fixtures / "sdn.csv"])
    res = load_files(store, [fixtures / "sdn_advanced.xml"])
    assert res.added == 0 and res.removed == 2  # 101 and 104 are not in the XML fixture
    assert res.versions[0].format == "ofac-advanced-xml"
    changes = {c["entry_id"]: c for c in version_changes(store, res.version_id)}
    assert changes["ofac-100"]["change"] == "changed"
    assert changes["ofac-100"]["detail"]["alias"] == {"old": [], "new": ["LIWA ZAINABIYOUN"]}


def test_two_versions_of_one_list_in_one_load_refused(store, fixtures: Path) -> None:
    with pytest.raises(ListError, match="second list for dataset 'us_ofac_sdn'"):
        load_files(store, [fixtures / "sdn.xml", fixtures / "sdn_advanced.xml"])
    with pytest.raises(ListError, match="second list for dataset 'mine'"):
        load_files(store, [fixtures / "un.xml", fixtures / "eu.xml"], dataset="mine")
    assert list_summary(store) == []
    both = load_files(store, [fixtures / "un.xml", fixtures / "eu.xml"])
    assert {v.dataset for v in both.versions} == {"un_sc_sanctions", "eu_fsf"}
