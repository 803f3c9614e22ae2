"""Each list file is its own dataset, named from its content as yente clients name it (issue 13).

The real files under ../shared/data/sanctions: OFAC's non-SDN consolidated list (2018, sdnList XML like the SDN
list's sdn.xml) must become ``us_ofac_cons`` and never replace ``us_ofac_sdn``; the UN list ``un_sc_sanctions``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph.screen.datasets import UnknownDataset, catalog_data, dataset_for, is_ofac_non_sdn, scope
from threatgraph.screen.formats import parse_files
from threatgraph.screen.index import get_index
from threatgraph.screen.lists import list_summary, load_files
from threatgraph.screen.query import Query


def real(shared_data: Path, *parts: str) -> Path:
    path = shared_data.joinpath("sanctions", *parts)
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path


def test_catalogue_is_consistent() -> None:
    data = catalog_data()
    assert set(data["formats"].values()) <= set(data["datasets"])
    assert {"default", "sanctions"} <= set(data["collections"])


def test_non_sdn_list_identified_from_content(shared_data: Path, tmp_path: Path) -> None:
    path = real(shared_data, "ofac", "consolidated-non-sdn-2018.xml")
    renamed = tmp_path / "sdn.xml"  # the name says SDN; the content says otherwise
    renamed.write_bytes(path.read_bytes())
    (plist,) = parse_files([renamed])
    assert (plist.dataset, plist.format, len(plist.entries)) == ("us_ofac_cons", "ofac-xml", 639)


def test_sdn_rule_on_entries() -> None:
    def entry(*programs: str) -> dict:
        return {"properties": {}, "sanction": {"properties": {"program": list(programs)}}}

    sdn = [entry("SDGT")] * 95 + [entry("CMIC-EO13959")] * 5  # the SDN list carries a few non-SDN programs too
    assert dataset_for("ofac-csv", sdn) == "us_ofac_sdn"
    assert is_ofac_non_sdn([entry("UKRAINE-EO13662")] * 3 + [entry("IRAN")])
    assert not is_ofac_non_sdn([])
    assert dataset_for("un-xml", [entry("IRAN")]) == "un_sc_sanctions"


def test_non_sdn_never_replaces_sdn(store, shared_data: Path, fixtures: Path) -> None:
    first = load_files(store, [fixtures / "sdn.csv"])
    assert [v.dataset for v in first.versions] == ["us_ofac_sdn"]
    second = load_files(store, [real(shared_data, "ofac", "consolidated-non-sdn-2018.xml")])
    assert [(v.dataset, v.removed) for v in second.versions] == [("us_ofac_cons", 0)]
    summary = {s["dataset"]: s["entries"] for s in list_summary(store)}
    assert summary == {"us_ofac_sdn": 5, "us_ofac_cons": 639}
    index = get_index(store)
    hit = index.match(Query(["Zainabiyoun Brigade"]), limit=1)[0]
    assert hit.dataset == "us_ofac_sdn" and hit.match
    cons = index.match(Query(["Bank Markazi Jomhouri Islami Iran"]), limit=1, datasets=["us_ofac_cons"])[0]
    assert cons.dataset == "us_ofac_cons" and cons.entry_id == "ofac-4632"


def test_un_list_is_un_sc_sanctions(shared_data: Path) -> None:
    (plist,) = parse_files([real(shared_data, "un", "consolidated-2025-11-20.xml")])
    assert plist.dataset == "un_sc_sanctions" and len(plist.entries) == 1000
    assert str(plist.published) == "2025-11-20"


def test_scope_of_names() -> None:
    loaded = ["us_ofac_sdn", "us_ofac_cons", "un_sc_sanctions"]
    assert scope("default", loaded) is None and scope("sanctions", loaded) is None
    assert scope("us_ofac", loaded) == {"us_ofac_sdn", "us_ofac_cons"}
    assert scope("un_sc_sanctions", loaded) == {"un_sc_sanctions"}
    with pytest.raises(UnknownDataset, match="no dataset 'ofac'.*us_ofac_sdn"):
        scope("ofac", loaded)
