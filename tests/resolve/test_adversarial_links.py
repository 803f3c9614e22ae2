"""Adversarial mentions: namesakes of listed people and bodies must never read as sanctioned (issue 9, session 14).

Every name, list row and sentence here is invented. Each case is a class of false "sanctioned" label that one weak
piece of evidence could produce on text the team has not seen: a namesake with another given name, a namesake of
another nationality, a group sharing a generic word and a place with a listed one, a name made only of words common
on the list, an acronym the article defines otherwise, a name that is a strict part of the listed one. Each runs
end to end (hand-built articles, the real screening index over a small invented SDN file, the real judge) and
asserts that no link reads as sanctioned; where a link is made, it is left for review ("possible"), which every
reader shows as uncertainty. A positive control per class shows the list entry is found and linked when the
evidence is there, so each test can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.judge import ActorFacts, foreign_national, judge, stated_nationalities
from threatgraph.store.schema import entities, sanction_links
from threatgraph.store.states import reads_sanctioned

from .conftest import build, load_sdn_rows

_BLANK = ",-0- " * 7


def _row(num: int, name: str, kind: str = "-0- ", remarks: str = "-0- ") -> str:
    quoted = remarks if remarks == "-0- " else f'"{remarks}"'
    return f'{num},"{name}",{kind},"SDGT"{_BLANK},{quoted}'


#: Filler entries that make "national", "islamic", "army" and "front" common on the list (each in 25 names), as
#: they are on a real list; the list's own frequencies are what the judge reads commonness from.
_FILLER = [
    _row(8000 + i, f"{w} {tag} TRADING")
    for i, (w, tag) in enumerate(
        (w, t) for w in ("NATIONAL", "ISLAMIC", "ARMY", "FRONT") for t in (f"ZEPHYR{n:02d}" for n in range(25))
    )
]

ROWS = [
    _row(9501, "RAWANDI, Karim Sadiq", "individual", "DOB 1961; nationality Kenya; Linked To: NORTHERN RIVERS FRONT."),
    _row(9502, "WARSAME, Idris Farah", "individual", "DOB 1975; nationality Kenya."),
    _row(9503, "NORTHERN RIVERS FRONT", remarks="a.k.a. 'NRF'."),
    _row(9504, "SALVATION BRIGADES OF TANZANIA"),
    _row(9505, "NATIONAL ISLAMIC ARMY FRONT"),
    _row(9506, "OKONJO, Bartholomew Chidi", "individual", "DOB 1958; nationality Nigeria."),
    _row(9507, "MWANGI, Tobias Kamau", "individual", "DOB 1970; POB Mombasa, Kenya; nationality Kenya."),
    *_FILLER,
]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def links(store) -> dict[str, list[tuple[str, str]]]:
    """caption -> [(entry id, state)] for every link made."""
    with store.connect() as conn:
        rows = conn.execute(
            select(entities.c.caption, sanction_links.c.entry_id, sanction_links.c.status).join(
                entities, entities.c.id == sanction_links.c.entity_id
            )
        ).all()
    out: dict[str, list[tuple[str, str]]] = {}
    for caption, entry, status in rows:
        out.setdefault(caption, []).append((entry, status))
    return out


def sanctioned(store) -> list[tuple[str, str]]:
    return sorted((c, e) for c, ls in links(store).items() for e, s in ls if reads_sanctioned(s))


def test_a_namesake_with_another_given_name_is_not_sanctioned(listed, add) -> None:
    """The family name and one given name are listed; the article's person carries a given name the entry never
    has, and is reported designated (a release designating a relative)."""
    art = build(
        "Treasury designated Omar Sadiq Rawandi, who moved funds for the Northern Rivers Front.",
        [("Person", ["Omar Sadiq Rawandi"]), ("ArmedGroup", ["Northern Rivers Front"])],
    )
    resolve.update(listed, add(art))
    assert not [x for x in sanctioned(listed) if x[1] == "ofac-9501"]


def test_a_namesake_of_another_nationality_is_left_for_review(listed, add) -> None:
    """Full name and a reported designation, but the article calls the person a national of a country the entry
    does not state: a namesake designated under the same name, not the listed person."""
    art = build(
        "Treasury designated Somali businessman Idris Farah Warsame for smuggling charcoal.",
        [("Person", ["Idris Farah Warsame"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Idris Farah Warsame") == [("ofac-9502", "possible")]


def test_the_listed_person_with_the_entrys_nationality_is_sanctioned(listed, add) -> None:
    """Control: the same sentence with the entry's nationality reads as sanctioned, so the test above can fail."""
    art = build(
        "Treasury designated Kenyan businessman Idris Farah Warsame for smuggling charcoal.",
        [("Person", ["Idris Farah Warsame"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Idris Farah Warsame") == [("ofac-9502", "probable")]


def test_a_group_sharing_a_generic_word_and_a_place_elsewhere_is_not_sanctioned(listed, add) -> None:
    """ "Salvation Brigades" is the listed name without its place; the article places its namesake elsewhere."""
    art = build(
        "The Salvation Brigades marched in Uganda on Friday.",
        [("ArmedGroup", ["Salvation Brigades"]), ("Location", ["Uganda"])],
    )
    resolve.update(listed, add(art))
    assert sanctioned(listed) == []


def test_a_name_of_words_common_on_the_list_is_left_for_review(listed, add) -> None:
    """Every word of the group's name is carried by many listed names: the full name alone does not say this is
    the listed body."""
    art = build("The National Islamic Army Front held a rally.", [("ArmedGroup", ["National Islamic Army Front"])])
    resolve.update(listed, add(art))
    assert links(listed).get("National Islamic Army Front") == [("ofac-9505", "possible")]


def test_a_name_of_common_words_reported_designated_is_sanctioned(listed, add) -> None:
    """Control: the same name with the article's own designation reads as sanctioned."""
    art = build(
        "The State Department designated the National Islamic Army Front.",
        [("ArmedGroup", ["National Islamic Army Front"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("National Islamic Army Front") == [("ofac-9505", "probable")]


def test_an_acronym_the_article_defines_otherwise_is_not_sanctioned(listed, add) -> None:
    art = build(
        "The Nyanza Relief Fund (NRF) was designated on Monday. The NRF denied it.",
        [("Organization", ["Nyanza Relief Fund", "NRF"])],
    )
    resolve.update(listed, add(art))
    assert sanctioned(listed) == []


def test_a_strict_part_of_a_listed_person_name_is_not_sanctioned(listed, add) -> None:
    """Two of the three listed parts ("Karim Rawandi"), reported designated: one corroboration is not enough for a
    partial name."""
    art = build("Treasury designated Karim Rawandi on Monday.", [("Person", ["Karim Rawandi"])])
    resolve.update(listed, add(art))
    assert sanctioned(listed) == []


def test_a_full_name_alone_is_never_sanctioned_for_a_person(listed, add) -> None:
    art = build(
        "Bartholomew Chidi Okonjo opened a school in Lagos.",
        [("Person", ["Bartholomew Chidi Okonjo"]), ("Location", ["Lagos"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Bartholomew Chidi Okonjo") == [("ofac-9506", "possible")]


def _facts(roles: tuple[str, ...]) -> ActorFacts:
    return ActorFacts("Person", [name_form("Idris Farah Warsame", "Person")], {}, designated=True, roles=roles)


ENTRY = {"schema": "Person", "properties": {"name": ["Idris Farah WARSAME"], "nationality": ["ke"]}, "links": []}


@pytest.mark.parametrize(
    ("role", "nationality"),
    [
        ("Somali businessman", {"so"}),
        ("former Pakistani police official", {"pk"}),
        ("Lebanese", {"lb"}),
        ("Kabul police chief", set()),  # a city says where a person works, not whose national it is
        ("Iraq commander", set()),  # the country's own name: a theatre, not a nationality
        ("Iranian-backed militia leader", set()),  # a compound says who backs the group
        ("senior commander", set()),
        # adjectives not built on the country's name (session 16): the territory tables know them
        ("British businessman", {"gb"}),
        ("Saudi financier", {"sa"}),
        ("Swiss-Somali dual national", {"ch", "so"}),
        ("Saudi-led coalition spokesman", set()),
        ("KH Secretary General", set()),  # a group's acronym that is a country code
        # a country's name states a nationality before a citizenship noun, and only there
        ("U.S. citizen", {"us"}),
        ("dual U.S.-Somali citizen", {"us", "so"}),
        ("U.S. envoy", set()),
        ("citizen of Kenya", {"ke"}),
        ("U.S. national security adviser", set()),  # "national" of "national security", not a citizenship
        ("Kenya National Bank manager", set()),  # a name
        ("Kenya national", {"ke"}),
        ("Turkey envoy", set()),  # a country's name in another spelling than the list's caption
        ("Scottish businessman", {"gb"}),  # a nation within a state: the state's nationality
        ("national of the United Arab Emirates", {"ae"}),
        ("dual citizen of Sweden", set()),  # the second country was cut off with the role
        ("citizen of the world", set()),
    ],
)
def test_only_a_nationality_adjective_states_a_nationality(role: str, nationality: set[str]) -> None:
    assert stated_nationalities([role]) == nationality


def test_a_stated_nationality_the_entry_lacks_stops_a_probable_link() -> None:
    assert foreign_national(_facts(("Somali businessman",)), ENTRY) == ({"so"}, {"ke"})
    assert judge(_facts(("Somali businessman",)), ENTRY, "Person").state == "possible"
    assert foreign_national(_facts(("Kenyan businessman",)), ENTRY) is None
    assert judge(_facts(("Kenyan businessman",)), ENTRY, "Person").state == "probable"
    # an entry that states no country, or an article that states no nationality, says nothing either way
    bare = {"schema": "Person", "properties": {"name": ["Idris Farah WARSAME"]}, "links": []}
    assert foreign_national(_facts(("Somali businessman",)), bare) is None
    assert foreign_national(_facts(()), ENTRY) is None


def test_a_namesake_called_british_or_a_us_citizen_is_left_for_review(listed, add) -> None:
    """The nationality adjective ("British") or the citizenship ("a U.S. citizen") a release states is none of the
    entry's countries: a namesake, although the name is full and the designation reported. Failed before session 16,
    which read only adjectives sharing the country name's first letters ("Kenyan", not "British")."""
    art = build(
        "Treasury designated British businessman Idris Farah Warsame for smuggling charcoal. Treasury also designated "
        "Bartholomew Chidi Okonjo, a U.S. citizen, for laundering its proceeds.",
        [("Person", ["Idris Farah Warsame"]), ("Person", ["Bartholomew Chidi Okonjo"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Idris Farah Warsame") == [("ofac-9502", "possible")]
    assert links(listed).get("Bartholomew Chidi Okonjo") == [("ofac-9506", "possible")]


def test_a_namesake_called_a_citizen_of_another_country_is_left_for_review(listed, add) -> None:
    """ "<Name>, a citizen of <Country>, ...": the country after the citizenship noun is none of the entry's."""
    art = build(
        "Treasury also designated Bartholomew Chidi Okonjo, a citizen of Ghana, for laundering proceeds.",
        [("Person", ["Bartholomew Chidi Okonjo"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Bartholomew Chidi Okonjo") == [("ofac-9506", "possible")]


def test_the_listed_nationality_as_a_citizenship_is_sanctioned(listed, add) -> None:
    """Control: the entry's own country as a citizenship ("a Nigerian citizen") leaves the link probable."""
    art = build(
        "Treasury also designated Bartholomew Chidi Okonjo, a Nigerian citizen, for laundering proceeds.",
        [("Person", ["Bartholomew Chidi Okonjo"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Bartholomew Chidi Okonjo") == [("ofac-9506", "probable")]


def _group(*names: str) -> ActorFacts:
    return ActorFacts("Organization", [name_form(n, "Organization") for n in names], {})


FRONT = {"schema": "Organization", "properties": {"name": ["NORTHERN RIVERS FRONT"], "alias": ["NRF"]}, "links": []}


def test_an_actor_also_named_as_a_narrower_body_is_left_for_review() -> None:
    """One actor holding the listed name and a longer name built on it (a wing, a province, a council) is that
    narrower body or two bodies merged: the listed name alone does not say which."""
    assert judge(_group("Northern Rivers Front"), FRONT, "Organization").state == "probable"
    j = judge(_group("Northern Rivers Front", "Northern Rivers Front Youth Wing"), FRONT, "Organization")
    assert j.state == "possible"
    assert any("more specific body" in x for x in j.evidence_against)
    # a place or a nationality adjective says where the listed body acts, not that it is another
    assert judge(_group("Northern Rivers Front", "Kenyan Northern Rivers Front"), FRONT, "Organization").state == (
        "probable"
    )
    assert judge(_group("Northern Rivers Front", "Northern Rivers Front in Kenya"), FRONT, "Organization").state == (
        "probable"
    )


def test_a_merged_namesake_keeps_a_person_link_for_review() -> None:
    """One actor carrying the listed name and a namesake's (they share a given name): only the entry's own Linked
    To party would say the listed person is there."""
    entry = {"schema": "Person", "properties": {"name": ["Idris Farah WARSAME"]}, "links": []}
    alone = ActorFacts("Person", [name_form("Idris Farah Warsame", "Person")], {}, designated=True)
    assert judge(alone, entry, "Person").state == "probable"
    merged = ActorFacts(
        "Person",
        [name_form("Idris Farah Warsame", "Person"), name_form("Idris Hassan Mwangi", "Person")],
        {},
        designated=True,
    )
    j = judge(merged, entry, "Person")
    assert j.state == "possible" and any("shares a name part" in x for x in j.evidence_against)
    # a shorter form within the listed name, and a nom de guerre sharing nothing, are the same person
    same = ActorFacts(
        "Person",
        [name_form(n, "Person") for n in ("Idris Farah Warsame", "Idris Warsame", "Abu Layla")],
        {},
        designated=True,
    )
    assert judge(same, entry, "Person").state == "probable"


@pytest.mark.parametrize(
    ("apposition", "state"),
    [
        ("a Somali national", "possible"),  # a namesake of another nationality, stated after the name
        ("a Kenyan national", "probable"),  # control: the entry's own nationality
        ("a Somali-Kenyan businessman", "probable"),  # a dual national: one of the two is the entry's
        ("a charcoal trader", "probable"),  # no nationality stated: nothing either way
    ],
)
def test_a_nationality_stated_in_an_apposition_counts_like_one_before_the_name(
    listed, add, apposition: str, state: str
) -> None:
    """Releases state a designee's nationality after the name as often as before it ("<Name>, a Somali national,
    ..."): the same fact, the same weight (session 15)."""
    art = build(
        f"Treasury designated Idris Farah Warsame, {apposition}, for smuggling charcoal.",
        [("Person", ["Idris Farah Warsame"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Idris Farah Warsame") == [("ofac-9502", state)]


def test_a_namesake_whose_stated_age_contradicts_the_listed_birth_year_is_left_for_review(listed, add) -> None:
    """A court release gives the defendant's age beside the full listed name, and the listed Linked To group is
    named alongside: a man of 24 in 2024 is not the listed person born in 1961. Failed before session 16 (the
    article's ages were never read)."""
    art = build(
        "Karim Sadiq Rawandi, 24, of Springfield, was charged with trying to join the Northern Rivers Front.",
        [("Person", ["Karim Sadiq Rawandi"]), ("ArmedGroup", ["Northern Rivers Front"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Karim Sadiq Rawandi") == [("ofac-9501", "possible")]


def test_a_stated_age_that_fits_the_listed_birth_year_keeps_the_link(listed, add) -> None:
    """Control: the same release with an age that fits the listed 1961 reads as sanctioned."""
    art = build(
        "Karim Sadiq Rawandi, 62, of Springfield, was charged with leading the Northern Rivers Front.",
        [("Person", ["Karim Sadiq Rawandi"]), ("ArmedGroup", ["Northern Rivers Front"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Karim Sadiq Rawandi") == [("ofac-9501", "probable")]


def test_a_relative_with_the_listed_parts_in_another_order_is_not_sanctioned(listed, add) -> None:
    """A son named after his grandfather carries his father's words in another order ("<B> <A> <Family>" for the
    listed "<A> <B> <FAMILY>"); the family's Linked To group is named with him and his designation reported. Failed
    before session 16: the parts were compared as a set, and the son read as the listed father."""
    art = build(
        "Treasury designated Sadiq Karim Rawandi, who moved funds for the Northern Rivers Front.",
        [("Person", ["Sadiq Karim Rawandi"]), ("ArmedGroup", ["Northern Rivers Front"])],
    )
    resolve.update(listed, add(art))
    assert not [x for x in sanctioned(listed) if x[1] == "ofac-9501"]


def test_the_listed_order_with_the_family_name_first_is_sanctioned(listed, add) -> None:
    """Control: the listed parts in the listed order, the family name moved to the front as some sources write it,
    read as sanctioned."""
    art = build(
        "Treasury designated Rawandi Karim Sadiq, who moved funds for the Northern Rivers Front.",
        [("Person", ["Rawandi Karim Sadiq"]), ("ArmedGroup", ["Northern Rivers Front"])],
    )
    resolve.update(listed, add(art))
    assert ("Rawandi Karim Sadiq", "ofac-9501") in sanctioned(listed)


def test_a_namesake_born_in_another_country_is_left_for_review(listed, add) -> None:
    """ "<Nationality>-born" states a place of birth; the entry's is another country. Failed before session 16: a
    compound with "born" was read as nothing, and the full name with a reported designation read as sanctioned."""
    art = build(
        "Treasury designated Somali-born financier Tobias Kamau Mwangi for moving money.",
        [("Person", ["Tobias Kamau Mwangi"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Tobias Kamau Mwangi") == [("ofac-9507", "possible")]


def test_a_person_born_where_the_entry_was_born_is_sanctioned(listed, add) -> None:
    """Control: born in the entry's country of birth, the same release reads as sanctioned."""
    art = build(
        "Treasury designated Kenya-born financier Tobias Kamau Mwangi for moving money.",
        [("Person", ["Tobias Kamau Mwangi"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Tobias Kamau Mwangi") == [("ofac-9507", "probable")]


@pytest.mark.parametrize(
    ("role", "born"),
    [
        ("Somali-born businessman", {"so"}),
        ("Kenya-born", {"ke"}),
        ("U.S.-born cleric", {"us"}),
        ("Iranian-backed militia leader", set()),
        ("British-Somali-born", set()),  # two countries in one compound: which one is the birth's is unclear
        ("newly-born", set()),
    ],
)
def test_only_a_country_before_born_states_a_place_of_birth(role: str, born: set[str]) -> None:
    from threatgraph.resolve.judge import stated_birth_countries

    assert stated_birth_countries([role]) == born
