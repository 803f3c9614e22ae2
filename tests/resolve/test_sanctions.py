"""Linking resolved news actors to sanctions-list entries (through the real screening index)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from threatgraph import resolve
from threatgraph.resolve.sanctions import set_status
from threatgraph.store.read import dossier, hits
from threatgraph.store.schema import mentions, sanction_links

from .conftest import build

FIXTURES = Path(__file__).parent / "fixtures"

ARTICLES = [
    build(
        "The Zainabiyoun Brigade recruited in Karachi. The Senate debated it. Abu Haidar was seen in Karachi.",
        [
            ("ArmedGroup", ["Zainabiyoun Brigade"]),
            ("Location", ["Karachi"]),
            ("PublicBody", ["Senate"]),
            ("Person", ["Abu Haidar"]),
        ],
    ),
    build(
        "Fighters of لواء زینبیون returned to Pakistan.",
        [("Organization", ["لواء زینبیون"]), ("Country", ["Pakistan"])],
    ),
]


def load_lists(store) -> None:
    from threatgraph.screen.lists import load_files

    load_files(store, [FIXTURES / "sdn.csv"], dataset="ofac")


def link_rows(store) -> list[tuple]:
    with store.connect() as conn:
        return conn.execute(
            select(
                sanction_links.c.entity_id, sanction_links.c.entry_id, sanction_links.c.score, sanction_links.c.status
            )
        ).all()


def test_no_lists_loaded_means_no_links_and_no_error(store, add) -> None:
    stats = resolve.update(store, add(*ARTICLES))
    assert stats.screened == 0 and stats.sanction_links == 0
    assert link_rows(store) == []


def test_update_links_the_group_and_ignores_generic_names(store, add) -> None:
    load_lists(store)
    stats = resolve.update(store, add(*ARTICLES))
    rows = link_rows(store)
    assert [r[1] for r in rows] == ["ofac-9001"]
    assert stats.sanction_links == 1
    with store.connect() as conn:
        group = conn.execute(select(mentions.c.entity_id).where(mentions.c.text == "لواء زینبیون")).scalar()
    assert rows[0][0] == group  # the Arabic spelling is the same (linked) entity
    d = dossier(store, group)
    assert d.sanctioned
    link = d.sanctions[0]
    assert link.programs == ["SDGT", "IRGC", "IFSR", "IRAN-HR"]
    assert link.listing_date == "2019-01-24" and link.listed_since == "2019-01-24"
    assert link.caption == "ZAYNABIYOUN BRIGADE"
    assert link.explanation["resolver_name_score"] >= 0.88
    assert [h.id for h in hits(store)] == [group]


def test_relink_after_lists_load_and_analyst_status_survives(store, add) -> None:
    ids = add(*ARTICLES)
    resolve.update(store, ids)
    assert link_rows(store) == []
    load_lists(store)
    stats = resolve.relink_sanctions(store)
    assert stats.sanction_links == 1
    (eid, entry, _, status) = link_rows(store)[0]
    assert status == "probable"  # an organisation whose every name part aligns
    assert set_status(store, eid, "ofac", entry, "rejected")
    resolve.relink_sanctions(store)
    assert [r[3] for r in link_rows(store)] == ["rejected"]
    assert hits(store) == [] and len(hits(store, include_rejected=True)) == 1
    with pytest.raises(ValueError, match="link status"):
        set_status(store, eid, "ofac", entry, "maybe")


def test_links_follow_rebuild(store, add) -> None:
    load_lists(store)
    resolve.update(store, add(*ARTICLES))
    before = [(r[0], r[1]) for r in link_rows(store)]
    resolve.rebuild(store)
    assert [(r[0], r[1]) for r in link_rows(store)] == before
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sanction_links)).scalar() == 1


def test_a_group_named_in_the_plural_finds_its_singular_listing(store, add, tmp_path: Path) -> None:
    """ "the Qurmulis" in the news, "QURMULI GROUP" on the list: the matcher compares whole words, so the
    plural is queried in the singular the name stack aligns it with (issue 9: "Houthis" was missed)."""
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text(
        '9101,"TANZIM AL-QURMUL",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'QURMULI GROUP\'."\n',
        encoding="utf-8",
    )
    load_files(store, [sdn], dataset="ofac")
    resolve.update(store, add(build("The Qurmulis fired a missile at a tanker.", [("ArmedGroup", ["Qurmulis"])])))
    assert [(r[1], r[3]) for r in link_rows(store)] == [("ofac-9101", "probable")]


def _one_entry_list(store, tmp_path: Path, row: str) -> None:
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text(row + "\n", encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")


def test_a_person_reported_designated_in_a_noun_phrase_is_probable(store, add, tmp_path: Path) -> None:
    """ "U.S.-designated <role> <Name>" is the article's own designation statement: with the full listed
    name it corroborates the link; the same name without it stays for review (issue 9)."""
    _one_entry_list(
        store, tmp_path, '9201,"RAWANDI, Karim Sadiq",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    )
    said = build(
        "Funds went to U.S.-designated Northern Front deputy chief Karim Sadiq Rawandi, who moved them.",
        [("Person", ["Karim Sadiq Rawandi"]), ("Organization", ["Northern Front"])],
    )
    resolve.update(store, add(said))
    assert [(r[1], r[3]) for r in link_rows(store)] == [("ofac-9201", "probable")]


def test_a_person_named_without_a_designation_stays_possible(store, add, tmp_path: Path) -> None:
    _one_entry_list(
        store, tmp_path, '9201,"RAWANDI, Karim Sadiq",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    )
    plain = build(
        "Funds went to Northern Front deputy chief Karim Sadiq Rawandi, who moved them.",
        [("Person", ["Karim Sadiq Rawandi"]), ("Organization", ["Northern Front"])],
    )
    resolve.update(store, add(plain))
    assert [(r[1], r[3]) for r in link_rows(store)] == [("ofac-9201", "possible")]


SACRED_FLAME = '9301,"SACRED FLAME OF IRAQ AND THE LEVANT",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '


def test_a_group_without_its_place_qualifier_links_where_the_place_is_named(store, add, tmp_path: Path) -> None:
    """ "the Sacred Flame" for "SACRED FLAME OF IRAQ AND THE LEVANT" in an article naming Syria (the Levant)."""
    _one_entry_list(store, tmp_path, SACRED_FLAME)
    art = build(
        "The Sacred Flame attacked a convoy in Syria.", [("ArmedGroup", ["Sacred Flame"]), ("Location", ["Syria"])]
    )
    resolve.update(store, add(art))
    rows = link_rows(store)
    assert [(r[1], r[3]) for r in rows] == [("ofac-9301", "probable")]


def test_a_namesake_group_elsewhere_is_not_linked(store, add, tmp_path: Path) -> None:
    _one_entry_list(store, tmp_path, SACRED_FLAME)
    art = build(
        "The Sacred Flame held a rally in Nigeria.", [("ArmedGroup", ["Sacred Flame"]), ("Location", ["Nigeria"])]
    )
    resolve.update(store, add(art))
    assert link_rows(store) == []


#: Two branches of one invented group, each listed with the city it acts in ("<GROUP> IN <City>").
BANNER_BRANCHES = "\n".join(
    f'{num},"VIGILANT BANNER IN {city}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    for num, city in ((9311, "MOMBASA"), (9312, "KISUMU"))
)


def test_a_branch_listed_in_a_city_links_where_the_article_names_that_city(store, add, tmp_path: Path) -> None:
    """ "the Vigilant Banner" for "VIGILANT BANNER IN MOMBASA": a city qualifies a branch as a country does, and only
    the branch whose city the article names is linked."""
    _one_entry_list(store, tmp_path, BANNER_BRANCHES)
    art = build(
        "The Vigilant Banner attacked a convoy in Mombasa.",
        [("ArmedGroup", ["Vigilant Banner"]), ("Location", ["Mombasa"])],
    )
    resolve.update(store, add(art))
    assert [(r[1], r[3]) for r in link_rows(store)] == [("ofac-9311", "probable")]


def test_a_branch_group_is_not_linked_where_no_listed_city_is_named(store, add, tmp_path: Path) -> None:
    _one_entry_list(store, tmp_path, BANNER_BRANCHES)
    art = build(
        "The Vigilant Banner held a rally in Nairobi.",
        [("ArmedGroup", ["Vigilant Banner"]), ("Location", ["Nairobi"])],
    )
    resolve.update(store, add(art))
    assert link_rows(store) == []


def test_a_group_named_with_two_listed_branches_cities_is_left_for_review(store, add, tmp_path: Path) -> None:
    """Both branches' cities are named: the bare name does not say which branch the article means."""
    _one_entry_list(store, tmp_path, BANNER_BRANCHES)
    art = build(
        "The Vigilant Banner moved fighters from Mombasa to Kisumu.",
        [("ArmedGroup", ["Vigilant Banner"]), ("Location", ["Mombasa"]), ("Location", ["Kisumu"])],
    )
    resolve.update(store, add(art))
    assert sorted((r[1], r[3]) for r in link_rows(store)) == [("ofac-9311", "possible"), ("ofac-9312", "possible")]


FLY_DILMUN = '9401,"FLY DILMUN AIRLINES COMPANY",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '


def test_a_firm_named_without_its_listed_kind_words_is_judged(store, add, tmp_path: Path) -> None:
    """ "Fly Dilmun" for the listed "FLY DILMUN AIRLINES COMPANY": news leaves off what kind of body a firm is. The
    name scorer dropped it; judged as a partial name, it reads as sanctioned where the article reports the
    designation (session 13, issue 9)."""
    _one_entry_list(store, tmp_path, FLY_DILMUN)
    art = build("Treasury designated Fly Dilmun for flying weapons to the militia.", [("Company", ["Fly Dilmun"])])
    resolve.update(store, add(art))
    assert [(r[1], r[3]) for r in link_rows(store)] == [("ofac-9401", "probable")]


def test_a_firm_named_without_its_kind_words_and_no_corroboration_is_left_for_review(
    store, add, tmp_path: Path
) -> None:
    _one_entry_list(store, tmp_path, FLY_DILMUN)
    art = build("Fly Dilmun added a route to Basra.", [("Company", ["Fly Dilmun"])])
    resolve.update(store, add(art))
    assert [(r[1], r[3]) for r in link_rows(store)] == [("ofac-9401", "possible")]


def test_kind_trimmed_needs_two_name_words_and_only_trailing_kind_words() -> None:
    from types import SimpleNamespace

    from threatgraph.names.forms import name_form
    from threatgraph.resolve.sanctions import kind_trimmed

    def cand(*names: str) -> SimpleNamespace:
        return SimpleNamespace(entity={"properties": {"name": list(names)}})

    org = "Organization"
    assert kind_trimmed([name_form("Fly Dilmun", org)], cand("FLY DILMUN AIRLINES COMPANY"), org)
    assert kind_trimmed([name_form("Dilmun", org)], cand("DILMUN BANK"), org) is None  # one word names many
    assert kind_trimmed([name_form("Fly Dilmun", org)], cand("FLY DILMUN CARGO SERVICES"), org) is None
    assert kind_trimmed([name_form("Fly Dilmun", org)], cand("FLY DILMUN"), org) is None  # nothing trimmed
    assert kind_trimmed([name_form("Dilmun Airlines", org)], cand("FLY DILMUN AIRLINES"), org) is None


def test_same_listed_needs_the_lists_own_evidence() -> None:
    """Entries of two lists are one actor on a shared identifier or full birth date (people) or a name each list
    gives to that entry only (organisations); entries of one list never are."""
    from types import SimpleNamespace

    from threatgraph.resolve.listnames import build as build_names
    from threatgraph.resolve.sanctions import same_listed

    def cand(dataset: str, entry_id: str, schema: str, **props: list[str]) -> SimpleNamespace:
        data = {"id": entry_id, "schema": schema, "properties": props}
        return SimpleNamespace(dataset=dataset, entry_id=entry_id, schema=schema, entity=data)

    ofac = cand("ofac", "o1", "Person", name=["Tariq KARIMI"], birthDate=["1970-02-03"])
    un_same = cand("un", "u1", "Person", name=["TARIQ KARIMI"], birthDate=["1970-02-03"])
    un_year = cand("un", "u2", "Person", name=["TARIQ KARIMI"], birthDate=["1975"])
    un_passport = cand("un", "u3", "Person", name=["TARIQ KARIMI"], passportNumber=["A 12345"])
    ofac_passport = cand("ofac", "o2", "Person", name=["Tariq KARIMI"], passportNumber=["A12345"])
    ofac_twin = cand("ofac", "o3", "Person", name=["Tariq KARIMI"], birthDate=["1970-02-03"])
    un_years = cand("un", "u4", "Person", name=["KARIMI, Tariq"], birthDate=["1968", "1970"])
    ofac_circa = cand("ofac", "o4", "Person", name=["Tariq KARIMI"], birthDate=["1970-01-01"])
    un_namesake = cand("un", "u5", "Person", name=["TARIQ KARIMI"], birthDate=["1981"])
    assert same_listed([ofac_circa, un_years], None) == frozenset({frozenset(("o4", "u4"))})
    assert same_listed([ofac_circa, un_namesake], None) == frozenset()
    got = same_listed([ofac, un_same, un_year, un_passport, ofac_passport, ofac_twin], None)
    assert frozenset(("o1", "u1")) in got and frozenset(("o3", "u1")) in got
    assert frozenset(("o2", "u3")) in got
    assert frozenset(("o1", "u2")) not in got and frozenset(("o1", "o3")) not in got

    front = cand("ofac", "o9", "Organization", name=["NORTHERN RIVERS FRONT"])
    un_front = cand("un", "u9", "Organization", name=["NORTHERN RIVERS FRONT (NRF)"], alias=["Northern Rivers Front"])
    names = build_names([(c.dataset, c.entry_id, c.schema, c.entity) for c in (front, un_front)])
    assert same_listed([front, un_front], names) == frozenset({frozenset(("o9", "u9"))})
    second = cand("ofac", "o10", "Organization", name=["NORTHERN RIVERS FRONT"])
    names = build_names([(c.dataset, c.entry_id, c.schema, c.entity) for c in (front, second, un_front)])
    assert same_listed([front, second, un_front], names) == frozenset()  # one list naming two entries alike


def _companion_list(store, tmp_path: Path, *extra: str, group_program: str = "SDGT") -> None:
    """An invented militant listed with a place of birth and no Linked To party, and a listed group."""
    rows = [
        '9601,"MARWANDI, Idris Kamal",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1971; POB Kenya."',
        f'9602,"EASTERN RIVERS FRONT",-0- ,"{group_program}",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        *extra,
    ]
    _one_entry_list(store, tmp_path, "\n".join(rows))


COMPANION_TEXT = "Idris Kamal Marwandi planned the raid in Kenya, and the Eastern Rivers Front claimed it."
COMPANION_ACTORS = [
    ("Person", ["Idris Kamal Marwandi"]),
    ("Location", ["Kenya"]),
    ("ArmedGroup", ["Eastern Rivers Front"]),
]


def _person_link(store) -> list[tuple[str, str]]:
    return sorted((r[1], r[3]) for r in link_rows(store) if r[1] == "ofac-9601")


def test_a_full_name_with_its_country_and_a_listed_group_of_its_program_is_probable(store, add, tmp_path: Path) -> None:
    """The entry states no Linked To party: its country and a listed body of its program, named alongside the full
    name, corroborate it (issue 9)."""
    _companion_list(store, tmp_path)
    resolve.update(store, add(build(COMPANION_TEXT, COMPANION_ACTORS)))
    assert _person_link(store) == [("ofac-9601", "probable")]
    with store.connect() as conn:
        expl = conn.execute(
            select(sanction_links.c.explanation).where(sanction_links.c.entry_id == "ofac-9601")
        ).scalar_one()
    assert any(x.startswith("companion:") for x in expl["judgement"]["for"])


def test_a_full_name_and_a_listed_group_without_the_entrys_country_stays_possible(store, add, tmp_path: Path) -> None:
    _companion_list(store, tmp_path)
    text = "Idris Kamal Marwandi planned the raid in Peru, and the Eastern Rivers Front claimed it."
    actors = [("Person", ["Idris Kamal Marwandi"]), ("Location", ["Peru"]), ("ArmedGroup", ["Eastern Rivers Front"])]
    resolve.update(store, add(build(text, actors)))
    assert _person_link(store) == [("ofac-9601", "possible")]


def test_a_full_name_and_its_country_without_a_listed_group_stays_possible(store, add, tmp_path: Path) -> None:
    _companion_list(store, tmp_path)
    text = "Idris Kamal Marwandi planned the raid in Kenya, and the Harbour Sailing Club watched."
    actors = [("Person", ["Idris Kamal Marwandi"]), ("Location", ["Kenya"]), ("Organization", ["Harbour Sailing Club"])]
    resolve.update(store, add(build(text, actors)))
    assert _person_link(store) == [("ofac-9601", "possible")]


def test_a_listed_group_of_another_program_is_no_companion(store, add, tmp_path: Path) -> None:
    _companion_list(store, tmp_path, group_program="SDNTK")
    resolve.update(store, add(build(COMPANION_TEXT, COMPANION_ACTORS)))
    assert _person_link(store) == [("ofac-9601", "possible")]


def test_a_family_the_list_holds_other_members_of_needs_more_than_a_companion(store, add, tmp_path: Path) -> None:
    """A listed relative shares the family name, the country and the program: a father named like his listed son
    would read as the son on these facts alone."""
    relative = (
        '9603,"MARWANDI, Samir Idris",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1995; POB Kenya."'
    )
    _companion_list(store, tmp_path, relative)
    resolve.update(store, add(build(COMPANION_TEXT, COMPANION_ACTORS)))
    assert _person_link(store) == [("ofac-9601", "possible")]
