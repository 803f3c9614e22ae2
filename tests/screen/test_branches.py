"""screen.branches: a bare place never flags the branch of a group named after it (issue 13). The group and
place names are invented for the test."""

from __future__ import annotations

from threatgraph.screen.branches import branch_places
from threatgraph.screen.index import WEAK_NAME_CAP, build_index
from threatgraph.screen.query import Query


def entry(entry_id: str, schema: str, **props: list[str]) -> dict:
    return {"id": entry_id, "schema": schema, "properties": props, "dataset": "test"}


def test_the_place_of_a_branch_is_read_from_the_structure_of_its_names() -> None:
    assert branch_places("VALIANT FRONT - ZANDORIA (VF-Z)") == {"zandoria"}
    assert branch_places("VALIANT FRONT IN ZANDORIA") == {"zandoria"}
    assert branch_places("ZANDORIA PROVINCE") == {"zandoria"}
    assert branch_places("WILAYAT ZANDORIA") == {"zandoria"}
    assert branch_places("VF-NORTH ZANDORIA") == {"north", "zandoria", "northzandoria"}
    # hyphens that join one name's words, or an article, are no branch
    assert branch_places("HIZB-UT-ZANDORIA") == frozenset()
    assert branch_places("AL-ZANDORIA") == frozenset()
    assert branch_places("VALIANT ZANDORIA FRONT") == frozenset()


def _branches() -> list[dict]:
    """A group with a branch in each of many (invented) regions, named as lists name them: its designators are
    words of many names, so they weigh little and the place is most of each branch name."""
    regions = [a + b for a in ("Zan", "Mor", "Tal", "Ves", "Kor", "Bal") for b in ("doria", "avia", "ustan", "enia")]
    out = []
    for i, region in enumerate(regions):
        aliases = [f"VF-{region}", f"VF {region.upper()}", f"Wilayat {region}", f"{region.upper()} PROVINCE"]
        out.append(entry(f"o{i}", "Organization", name=[f"VALIANT FRONT - {region.upper()}"], alias=aliases))
    out.append(entry("t1", "Organization", name=["ZANDORIA TRADING COMPANY"]))
    return out


def test_a_bare_place_does_not_flag_the_branch_but_the_branch_name_does() -> None:
    index = build_index(_branches())
    branch = next(h for h in index.rank(Query(["Zandoria"])) if h.entry_id == "o0")
    assert branch.features["name_similarity"] > WEAK_NAME_CAP  # the name alone would reach the cap
    assert not branch.match and "branch_place_only" in branch.features
    assert not any(h.match for h in index.rank(Query(["زاندوريا"])) if h.entry_id == "o0")
    for name in ("Wilayat Zandoria", "Zandoria Province", "Valiant Front Zandoria", "VF Zandoria"):
        hits = index.match(Query([name], schema="Organization"), limit=1)
        assert hits and hits[0].entry_id == "o0" and hits[0].match, name
    # a body whose own name it is still flags: its name has no branch structure
    hits = index.match(Query(["Zandoria Trading Company"], schema="Organization"), limit=1)
    assert hits and hits[0].entry_id == "t1" and hits[0].match
