"""The type of an actor decided by all its mentions in the document (issue 12 item 3; invented cases).

Each test writes the strong cue on one form of the name (a surname alone, a second spelling) and checks
that it types every mention of the actor, and the counter-cases where the cue must not fire.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.evidence import title_only, vote_groups
from threatgraph.extract.labels import label_config
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.extract.places import is_place_spelling, place_key
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[Mention]:
        return extract_mentions(nlp(text))

    return run


def _labels(ms: list[Mention], word: str) -> set[str]:
    return {m.label for m in ms if word in m.text}


def test_a_surname_said_to_be_a_person_types_the_full_name_too(mentions) -> None:
    ms = mentions("Jamal Alzoubi told reporters that the talks failed. Alzoubi is a former diplomat.")
    assert _labels(ms, "Alzoubi") == {"Person"}
    assert len({m.group for m in ms if "Alzoubi" in m.text}) == 1
    assert any(m.text == "Alzoubi" for m in ms)  # the surname alone is a mention of the person


def test_a_surname_is_not_taken_out_of_another_name(mentions) -> None:
    ms = mentions("Omar Haddad met the elders. Residents of Haddad Street were evacuated on Sunday.")
    assert not any(m.text == "Haddad" for m in ms)


def test_a_direction_from_a_name_makes_it_a_place_in_every_mention(mentions) -> None:
    ms = mentions("Kurdish forces advanced on Qasrawiyah. The village lies 20 km west of Qasrawiyah.")
    assert _labels(ms, "Qasrawiyah") == {"Location"}


def test_an_honorific_opens_a_person_name_and_is_no_entity_alone(mentions) -> None:
    ms = mentions("Mufti Hamdan Qarib Wazir leads the group. The Mufti said nothing.")
    assert _labels(ms, "Wazir") == {"Person"}
    assert not any(m.text == "Mufti" for m in ms)


def test_a_category_after_as_is_no_entity_but_a_name_after_a_is(mentions) -> None:
    ms = mentions("The department designated the group as a Foreign Terrorist Organization.")
    assert not any("Terrorist" in m.text for m in ms)
    ms = mentions("He served with a Combined Joint Task Force in Iraq.")
    assert any(m.text == "Combined Joint Task Force" for m in ms)


def test_program_codes_are_not_actors(mentions) -> None:
    ms = mentions("The Treasury listed the financier as SDGT on Monday.")
    assert not any(m.text == "SDGT" for m in ms)


def test_a_list_item_after_a_comma_needs_and_to_be_governed_by_near(mentions) -> None:
    ms = mentions("The strike hit a building near Sarmada, Syria, Ellison said. Ellison declined to give details.")
    assert _labels(ms, "Ellison") <= {"Person"}


def test_place_key_meets_romanisations() -> None:
    assert place_key("Ar Raqqah") == place_key("Raqqa") == place_key("Raqqah")
    assert place_key("Al Hillah") == place_key("Hilla")
    assert is_place_spelling("Hilla") and not is_place_spelling("Smith")


def test_titles_alone_are_roles() -> None:
    config = label_config()
    assert title_only(["Sgt."], config) and title_only(["Mufti"], config)
    assert not title_only(["Defense", "Department"], config) and not title_only(["Mufti", "Wazir"], config)


def _m(text: str, label: str, group: int) -> Mention:
    return Mention(0, len(text), text, label, text.casefold(), "", 0, group=group)


def test_vote_groups_one_cue_outweighs_repeated_bare_guesses() -> None:
    ms = [_m("Ada Roe", "Organization", 0), _m("Roe", "Organization", 0), _m("Roe", "Organization", 0)]
    vote_groups(ms, ["Organization", "Organization", "Organization"], [None, "Person", "Person"], [False] * 3)
    assert {m.label for m in ms} == {"Person"}


def test_vote_groups_counts_a_repeated_surname_guess_once() -> None:
    ms = [_m("Ada Mira Roe", "Person", 0)] + [_m("Roe", "Person", 0) for _ in range(4)]
    vote_groups(ms, ["Person"] + ["Location"] * 4, [None] * 5, [False] * 5)
    assert {m.label for m in ms} == {"Person"}
    ms = [_m("Ada Mira Roe", "Person", 0), _m("Roe", "Person", 0), _m("Mira Roe", "Person", 0)]
    vote_groups(ms, ["Person", "Location", "Location"], [None, None, None], [False] * 3)
    assert {m.label for m in ms} == {"Location"}  # two different forms read as a place do add up


def test_vote_groups_full_name_guess_holds_against_surname_guesses_and_lists_win() -> None:
    ms = [_m("Ada Roe", "Person", 0), _m("Roe", "Person", 0), _m("Roe", "Person", 0)]
    vote_groups(ms, ["Person", "Organization", "Organization"], [None, None, None], [False] * 3)
    assert {m.label for m in ms} == {"Person"}  # a tie keeps the full name's type
    ms = [_m("Roe Brigade", "ArmedGroup", 0), _m("Roe", "ArmedGroup", 0)]
    vote_groups(ms, ["ArmedGroup", "Person"], [None, "Person"], [True, False])
    assert {m.label for m in ms} == {"ArmedGroup"}


def test_a_capitalised_coalition_alone_is_the_organisation_named_with_it(mentions) -> None:
    ms = mentions(
        "The Global Coalition against Daesh met in Rome. Coalition partners pledged funds, "
        "and the Coalition will meet again."
    )
    groups = {m.group for m in ms if "Coalition" in m.text}
    assert len(groups) == 1 and _labels(ms, "Coalition") == {"Organization"}
    assert not any(m.text == "coalition" for m in mentions("The coalition said the strikes would go on."))


def test_a_sentence_opening_coalition_counts_only_if_capitalised_mid_sentence_too(mentions) -> None:
    assert not any(m.text == "Coalition" for m in mentions("Coalition talks stalled. The parties left."))


def test_a_name_after_near_is_a_place_even_where_the_model_saw_nothing(mentions) -> None:
    ms = mentions("Near Al Qaraqosh, one strike destroyed a bunker. Near Dayr Hafir, two strikes hit a tank.")
    assert _labels(ms, "Qaraqosh") == {"Location"} and _labels(ms, "Hafir") == {"Location"}
    assert not any("Commander" in m.text for m in mentions("They met near Commander Roe's house."))


def test_photo_credits_name_no_actors(mentions) -> None:
    assert [m.text for m in mentions("Troops patrol in Baidoa. (AP Photo/Hassan Wardheere)") if m.label != "Date"] == [
        "Baidoa"
    ]
    assert not mentions("Photo credit: Reuters / Amina Dualeh")
    assert any(m.text == "Kabul" for m in mentions("The Photo Exhibition opened in Kabul."))


def test_a_surname_of_a_person_whose_given_name_is_also_a_town_joins_the_person(mentions) -> None:
    ms = mentions("The group's spokesman Ali Warsame said it would fight on. Warsame spoke on local radio.")
    assert {m.group for m in ms if "Warsame" in m.text} == {next(m.group for m in ms if m.text == "Ali Warsame")}
    assert any(m.text == "Warsame" for m in ms) and _labels(ms, "Warsame") == {"Person"}


def _mention_at(text: str, name: str, label: str, source: str = "model") -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, label, name.casefold(), text, 0, source=source)


def test_an_alias_is_the_kind_of_actor_its_name_is() -> None:
    from threatgraph.extract.evidence import alias_cues

    text = "Tarik Wahid Sulem, also known as Qandori and Abu Nasr, leads the cell."
    ms = [
        _mention_at(text, "Tarik Wahid Sulem", "Person"),
        _mention_at(text, "Qandori", "Organization"),
        _mention_at(text, "Abu Nasr", "Person"),
    ]
    cues: list[str | None] = [None, None, None]
    alias_cues(text, ms, cues, [False, False, False])
    assert [m.label for m in ms] == ["Person", "Person", "Person"]
    assert cues[1] == "Person"  # the later votes read the alias cue as the text's word


def test_an_alias_cue_after_a_clause_or_of_a_listed_name_changes_nothing() -> None:
    from threatgraph.extract.evidence import alias_cues

    text = "Tarik Sulem heads a cell known as Qandori Front."
    ms = [_mention_at(text, "Tarik Sulem", "Person"), _mention_at(text, "Qandori Front", "Organization")]
    alias_cues(text, ms, [None, None], [False, False])
    assert [m.label for m in ms] == ["Person", "Organization"]  # the cell is renamed, not the person
    text = "Qandor Front, also known as Tarik Sulem, attacked."
    ms = [_mention_at(text, "Qandor Front", "ArmedGroup", "gazetteer"), _mention_at(text, "Tarik Sulem", "Person")]
    alias_cues(text, ms, [None, None], [True, False])
    assert [m.label for m in ms] == ["ArmedGroup", "ArmedGroup"]  # a listed body's alias is that body


def test_a_numbered_order_is_a_text_not_a_body(mentions) -> None:
    ms = mentions("The Qandor Front was listed under Executive Order (E.O.) 14471 and Presidential Decree 12.")
    assert not any("Order" in m.text or "Decree" in m.text for m in ms)


def test_a_country_adjective_alone_is_a_nationality_but_a_city_is_not() -> None:
    from threatgraph.extract.mentions import _adjective_demonym

    assert _adjective_demonym("Nigerien") and _adjective_demonym("Malian")
    assert not _adjective_demonym("Niger") and not _adjective_demonym("Baghdad")


def test_a_personal_pronoun_after_a_name_written_like_a_persons_is_evidence(nlp) -> None:
    from threatgraph.extract.evidence import _personal_pronoun_next

    doc = nlp("We congratulate Ilse Varnow on her inauguration.")
    start = next(t.i for t in doc if t.text == "Ilse")
    assert _personal_pronoun_next(doc[start : start + 2])
    doc = nlp("We sanctioned Varnow Lindqvist on Monday. It moved her money.")
    start = next(t.i for t in doc if t.text == "Varnow")
    assert not _personal_pronoun_next(doc[start : start + 2])  # "it" is nearer: said of a body
