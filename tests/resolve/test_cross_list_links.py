"""A probable link holds for the same body on the other loaded lists (issue 9, session 14: cross-list aliases).

Invented lists: an OFAC-style row that lacks the name the article uses, and a second list (FtM JSON lines) whose
entry carries that name and shares another name with the OFAC row. The lists' own shared name is what says the two
entries are one body; without it, nothing is carried over.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.store.schema import sanction_links

from .conftest import build

OFAC_ROW = (
    '9601,"CRESCENT RELIEF NETWORK",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'SHINING CRESCENT TRUST\'."'
)


def _second_list(path: Path, aliases: list[str]) -> Path:
    entity = {
        "id": "other-77",
        "schema": "Organization",
        "properties": {"name": ["Valley Aid Foundation"], "alias": aliases, "topics": ["sanction"]},
        "datasets": ["other_list"],
    }
    path.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    return path


def _load(store, tmp_path: Path, aliases: list[str]) -> None:
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text(OFAC_ROW + "\n", encoding="utf-8")
    load_files(store, [sdn], dataset="us_ofac_sdn")
    load_files(store, [_second_list(tmp_path / "other.ftm.jsonl", aliases)])


def _links(store) -> dict[str, str]:
    with store.connect() as conn:
        rows = conn.execute(select(sanction_links.c.entry_id, sanction_links.c.status, sanction_links.c.explanation))
        return {entry: status for entry, status, _ in rows}


ARTICLE = (
    "The State Department designated the Valley Aid Foundation for funding the militia.",
    [("Organization", ["Valley Aid Foundation"])],
)


def test_the_same_body_on_another_list_is_linked_through_a_shared_name(store, add, tmp_path: Path) -> None:
    _load(store, tmp_path, ["Shining Crescent Trust"])
    resolve.update(store, add(build(*ARTICLE)))
    links = _links(store)
    assert links.get("other-77") == "probable"
    assert links.get("ofac-9601") == "probable"
    with store.connect() as conn:
        (expl,) = conn.execute(
            select(sanction_links.c.explanation).where(sanction_links.c.entry_id == "ofac-9601")
        ).scalars()
    assert any("the same body as other-77" in x for x in expl["judgement"]["for"])


def test_no_shared_name_means_no_link_carried_over(store, add, tmp_path: Path) -> None:
    _load(store, tmp_path, ["Mountain Aid Trust"])
    resolve.update(store, add(build(*ARTICLE)))
    links = _links(store)
    assert links.get("other-77") == "probable"
    assert "ofac-9601" not in links


def test_a_list_sharing_names_with_two_of_its_entries_names_neither() -> None:
    from threatgraph.resolve.listnames import build as build_names
    from threatgraph.resolve.sanctions import same_body_elsewhere

    def row(dataset: str, entry_id: str, *names: str) -> tuple[str, str, str, dict]:
        return (dataset, entry_id, "Organization", {"properties": {"name": [names[0]], "alias": list(names[1:])}})

    source = row("other_list", "o1", "Valley Aid Foundation", "Shining Crescent Trust", "Hill Country Mission")
    one = row("us_ofac_sdn", "s1", "CRESCENT RELIEF NETWORK", "SHINING CRESCENT TRUST")
    assert set(same_body_elsewhere("other_list/o1", build_names([source, one]))) == {"us_ofac_sdn/s1"}
    two = row("us_ofac_sdn", "s2", "HILL COUNTRY MISSION")
    assert same_body_elsewhere("other_list/o1", build_names([source, one, two])) == {}


def test_a_birth_year_inside_the_other_lists_range_agrees() -> None:
    """One list gives "between 1970 and 1973" (both ends stored), the other 1972: the same person, written alike."""
    from types import SimpleNamespace

    from threatgraph.resolve.sanctions import _years_agree, same_listed

    assert _years_agree({"1972"}, {"1970", "1973"})
    assert not _years_agree({"1981"}, {"1970", "1973"})
    assert not _years_agree({"1972"}, {"1950", "1990"})  # two far-apart years are alternatives, not a range

    def cand(dataset: str, entry_id: str, name: str, *years: str) -> SimpleNamespace:
        data = {"id": entry_id, "schema": "Person", "properties": {"name": [name], "birthDate": list(years)}}
        return SimpleNamespace(dataset=dataset, entry_id=entry_id, schema="Person", entity=data)

    ofac = cand("us_ofac_sdn", "o1", "Tariq KARIMI", "1972")
    un = cand("un_sc_sanctions", "u1", "TARIQ KARIMI", "1970", "1973")
    assert same_listed([ofac, un], None) == frozenset({frozenset(("o1", "u1"))})
    assert same_listed([ofac, cand("un_sc_sanctions", "u2", "TARIQ KARIMI", "1981")], None) == frozenset()


def test_an_entry_with_evidence_against_is_not_raised_by_the_other_lists_link() -> None:
    """The other list's entry was judged on its own name and found wanting (its name adds words to the article's,
    its listed party is never named): the body both lists describe is the same, but whether *this actor* is that
    body is what the evidence against doubts. Only an entry judged with nothing against is raised."""
    from threatgraph.resolve.judge import Judgement
    from threatgraph.resolve.listnames import build as build_names
    from threatgraph.resolve.sanctions import cross_list_links

    def row(dataset: str, entry_id: str, *names: str) -> tuple[str, str, str, dict]:
        return (dataset, entry_id, "Organization", {"properties": {"name": [names[0]], "alias": list(names[1:])}})

    names = build_names(
        [
            row("other_list", "o1", "Valley Aid Foundation", "Shining Crescent Trust"),
            row("us_ofac_sdn", "s1", "CRESCENT RELIEF NETWORK", "SHINING CRESCENT TRUST"),
        ]
    )

    def run(against: list[str]) -> str:
        verdicts = {
            "o1": Judgement("probable", 1.0, "full", ("Valley Aid Foundation", "Valley Aid Foundation"), ["name"]),
            "s1": Judgement(
                "possible", 0.6, "partial", ("Valley Aid Foundation", "CRESCENT RELIEF NETWORK"), [], against
            ),
        }
        rows = [
            {"entry_id": k, "dataset": d, "status": verdicts[k].state, "explanation": {}, "score": 0.9}
            for k, d in (("o1", "other_list"), ("s1", "us_ofac_sdn"))
        ]
        cross_list_links("e1", verdicts, rows, None, names, set())  # type: ignore[arg-type]
        return rows[1]["status"]

    assert run([]) == "probable"  # control: nothing against, the lists' shared name carries the link
    assert run(["affiliation: listed as linked to NORTHERN RIVERS FRONT, never named with it"]) == "possible"
