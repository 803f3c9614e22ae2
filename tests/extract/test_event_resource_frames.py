"""Designation-release happenings told with light verbs and their objects (session 16, issue 11):
moving, buying and seizing the means of a group, changing a listing, helping, convicting, working
with someone (invented sentences; each failed before these frames and words existed)."""

from __future__ import annotations

import pytest

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def events(extractor: Extractor, text: str) -> list[Event]:
    return next(extractor.analyse([Article(text=text)])).events


def by_trigger(extractor: Extractor, text: str, trigger: str) -> list[Event]:
    return [e for e in events(extractor, text) if e.trigger == trigger]


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("In 2019, Ivo Marek transported funds to Borduria on behalf of the Kestrel Front.", "transported", "SUPPORT"),
        ("Ivo Marek helped procure weapons for the Kestrel Front in 2019.", "procure", "SUPPORT"),
        ("Carrier flights delivered shipments of rifles to the Kestrel Front in 2019.", "delivered", "SUPPORT"),
        ("Ivo Marek distributes salaries for the Kestrel Front.", "distributes", "SUPPORT"),
        ("Ivo Marek materially assisted the Kestrel Front in 2019.", "assisted", "SUPPORT"),
        ("In 2019, Ruritanian police recovered dozens of firearms from the Kestrel Front.", "recovered", "COERCE"),
        ("In 2019, a court in Sirte convicted Ivo Marek.", "convicted", "COERCE"),
        ("Ivo Marek has worked in close coordination with the Kestrel Front since 2019.", "coordination", "COOPERATE"),
    ],
)
def test_resource_and_verdict_happenings_are_events(extractor: Extractor, text: str, trigger: str, typ: str) -> None:
    found = by_trigger(extractor, text, trigger)
    assert found and found[0].type == typ, events(extractor, text)


def test_goods_moved_on_behalf_of_a_group_are_for_that_group(extractor: Extractor) -> None:
    text = "In 2019, Ivo Marek transported funds to Borduria on behalf of the Kestrel Front."
    assert "Kestrel Front" in {e.target for e in by_trigger(extractor, text, "transported")}


def test_an_amended_list_is_a_sanction_whose_list_is_no_party(extractor: Extractor) -> None:
    text = "In May 2011, the Council amended its Sanctions List to name the Crescent Trust an alias."
    found = by_trigger(extractor, text, "amended")
    assert found and found[0].type == "SANCTION"
    assert all(e.target != "Sanctions List" for e in found)


def test_a_partner_named_in_an_apposition_is_the_partner(extractor: Extractor) -> None:
    text = "As of early 2016, Ivo Marek worked with his brother, Karl Mertens, and Otto Vane to carry cash to Sirte."
    found = by_trigger(extractor, text, "worked")
    assert [(e.source, e.target) for e in found] == [("Ivo Marek", "Karl Mertens")]


@pytest.mark.parametrize(
    "text",
    [
        "Ivo Marek bought a house in Sirte in 2019.",
        "The ministry recovered its costs in 2019.",
        "The Council amended its rules of procedure in 2019.",
        "Ivo Marek worked with children in Sirte in 2019.",
    ],
)
def test_the_same_verbs_on_other_objects_name_no_event(extractor: Extractor, text: str) -> None:
    assert events(extractor, text) == []


def test_rights_abuse_as_a_statutes_ground_is_no_assault(extractor: Extractor) -> None:
    text = "Ivo Marek is designated for grave human rights violations in Sirte in 2019."
    assert [e.type for e in events(extractor, text)] == ["SANCTION"]
    committed = "Kestrel Front units perpetrated brutal human rights violations in Sirte in 2019."
    assert [e.type for e in by_trigger(extractor, committed, "violations")] == ["ASSAULT"]


def test_each_kind_of_violence_in_a_list_is_its_own_event(extractor: Extractor) -> None:
    text = "Front fighters carried out suicide bombings, direct attacks, assassinations, and kidnappings in 2019."
    triggers = {e.trigger for e in events(extractor, text) if e.type == "ASSAULT"}
    assert {"bombings", "attacks", "assassinations", "kidnappings"} <= triggers


def test_a_war_on_a_named_country_is_an_assault(extractor: Extractor) -> None:
    text = "Ruritania condemned Borduria's war on Ukraine in 2019."
    assert [e.type for e in by_trigger(extractor, text, "war")] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Ruritania restated its commitment to disrupting the financing networks of the Kestrel Front.", "disrupting"),
        ("These measures aim to expose and shut down the Kestrel Front's smuggling network.", "shut"),
    ],
)
def test_acting_on_a_groups_means_is_coercion_not_yet_done(extractor: Extractor, text: str, trigger: str) -> None:
    found = by_trigger(extractor, text, trigger)
    assert [(e.type, e.target, e.modality) for e in found] == [("COERCE", "Kestrel Front", "hypothetical")]


def test_a_measure_told_by_its_means_is_the_means_alone(extractor: Extractor) -> None:
    text = "Treasury took action today to disrupt the Kestrel Front's fundraising networks by designating Karl Mertens."
    assert [e.trigger for e in events(extractor, text)] == ["designating"]


def test_other_disruptions_are_no_event(extractor: Extractor) -> None:
    assert events(extractor, "Heavy rain disrupted operations at the port of Sirte in 2019.") == []


@pytest.mark.parametrize(
    "text",
    [
        "From 2016 to 2019, Karl Mertens served as a courier for the Kestrel Front.",
        "Karl Mertens acted as the Kestrel Front's financier in 2019.",
    ],
)
def test_a_part_played_for_a_group_is_help_to_it(extractor: Extractor, text: str) -> None:
    found = [e for e in events(extractor, text) if e.type == "SUPPORT"]
    assert [(e.source, e.target) for e in found] == [("Karl Mertens", "Kestrel Front")]


def test_other_parts_played_are_no_event(extractor: Extractor) -> None:
    assert events(extractor, "Karl Mertens served as a nurse in Sirte in 2019.") == []


def test_taking_others_land_is_seizure(extractor: Extractor) -> None:
    text = "The Kestrel Front has been appropriating farmland and houses in Sirte since 2019."
    assert [e.type for e in by_trigger(extractor, text, "appropriating")] == ["COERCE"]


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "The Kestrel Front may be trying to hide its efforts to acquire military equipment for use in Borduria.",
            "Kestrel Front",
        ),
        ("Ruritania opposes attempts by the Sand Vipers to assist the Kestrel Front.", "Sand Vipers"),
    ],
)
def test_the_owner_of_an_effort_does_what_it_strives_for(extractor: Extractor, text: str, doer: str) -> None:
    found = [e for e in events(extractor, text) if e.type == "SUPPORT"]
    assert found and {e.source for e in found} == {doer}, events(extractor, text)
    assert {e.modality for e in found} == {"hypothetical"}


def test_a_transfer_of_goods_is_help_and_of_anything_else_no_event(extractor: Extractor) -> None:
    text = "Karl Mertens, who facilitated the transfer of funds to the Kestrel Front, was designated in 2019."
    assert ("SUPPORT", "Kestrel Front") in {(e.type, e.target) for e in by_trigger(extractor, text, "transfer")}
    assert events(extractor, "The transfer of hundreds of prisoners to Sirte took place in 2019.") == []
