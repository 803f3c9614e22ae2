"""An entity's type voted across the document from cues in the text (invented regression cases)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[Mention]:
        return extract_mentions(nlp(text))

    return run


def _labels(ms: list[Mention], text: str) -> set[str]:
    return {m.label for m in ms if m.text == text}


def test_members_and_officers_make_a_name_a_group_in_every_mention(mentions) -> None:
    ms = mentions(
        "Harakat Dawla militants shot at least nine travellers near the border on Friday. "
        "A Harakat Dawla spokesman said the travellers were spies. "
        "Harakat Dawla is targeting civilians, the district commissioner said."
    )
    labels = {m.label for m in ms if "Dawla" in m.text}
    assert labels and labels <= {"ArmedGroup", "Organization"}


def test_a_place_noun_in_apposition_makes_a_place(mentions) -> None:
    ms = mentions("The killings occurred on the outskirts of Qardhaweyne, a town north of the capital.")
    assert _labels(ms, "Qardhaweyne") == {"Location"}


def test_a_two_word_person_hung_off_a_county_stays_a_person(mentions) -> None:
    ms = mentions("The convoy escorted the governor of Mandera County, Ali Roba, who was campaigning in the area.")
    assert _labels(ms, "Ali Roba") == {"Person"}


def test_a_name_before_its_country_is_a_place(mentions) -> None:
    ms = mentions("The soldiers were serving at the base in Ceel-Dheere, Somalia, when it was attacked.")
    assert "Location" in _labels(ms, "Ceel-Dheere")


def test_a_list_after_in_is_a_list_of_places_even_when_the_parse_breaks_it(mentions) -> None:
    ms = mentions(
        "The cells also hit bases and positions in al-Hamra, al-Tuba and al-Qira, with reports that one post fell."
    )
    assert _labels(ms, "al-Tuba") == {"Location"} and _labels(ms, "al-Qira") == {"Location"}


def test_the_village_of_a_name_makes_a_place(mentions) -> None:
    ms = mentions("Gunmen entered the village of Dhuusa late on Friday and burned two houses.")
    assert _labels(ms, "Dhuusa") == {"Location"}


def test_a_title_apposed_to_a_name_makes_a_person(mentions) -> None:
    ms = mentions("The target of the attack was Joan Pellar, co-founder of the Liberty Defense Forum.")
    assert _labels(ms, "Joan Pellar") == {"Person"}


def test_a_dateline_near_still_makes_a_place_and_a_list_of_bodies_is_no_list_of_places(mentions) -> None:
    ms = mentions("Near Qasr Dalim, one strike destroyed a repeater station.")
    assert "Person" not in _labels(ms, "Qasr Dalim")
    ms = mentions(
        "Today at the museum in Baghdad, the U.S. Embassy Counsellor, Jon Halvers and Dr. Amir Kassem opened the hall."
    )
    assert "Location" not in _labels(ms, "Jon Halvers")


def test_a_name_the_model_took_for_a_product_is_a_body_when_it_names_an_agency(nlp: Language) -> None:
    """ "its Qandor or Vellacott news agencies": the parse ties "Qandor" to "agencies", a body noun."""
    from spacy.tokens import Doc, Span

    from threatgraph.extract.mentions import _named_body

    words = ["from", "its", "Qandor", "or", "Vellacott", "news", "agencies", "and", "the", "Qandor", "app"]
    heads = [0, 6, 5, 2, 2, 6, 0, 0, 10, 10, 0]
    deps = ["ROOT", "poss", "nmod", "cc", "conj", "compound", "pobj", "cc", "det", "compound", "conj"]
    pos = ["ADP", "PRON", "PROPN", "CCONJ", "PROPN", "NOUN", "NOUN", "CCONJ", "DET", "PROPN", "NOUN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _named_body(Span(doc, 2, 3, label="PRODUCT")) == "Organization"
    assert _named_body(Span(doc, 9, 10, label="PRODUCT")) is None  # an app is a product


def test_a_body_noun_in_apposition_says_what_kind_of_body_a_name_is(mentions) -> None:
    """ "X, a militant group" and "X, an airline" are organisations even when the model read a person."""
    ms = mentions("Officials said Qandor Vell, a militant group based in the north, attacked the base.")
    assert _labels(ms, "Qandor Vell") == {"Organization"}
    ms = mentions("The sanctions target Mahan Vardi, an airline that flies weapons.")
    assert _labels(ms, "Mahan Vardi") == {"Company"}


def test_a_person_noun_in_apposition_keeps_a_person_and_a_group_noun_does_not_make_one(mentions) -> None:
    ms = mentions("Police arrested Tomas Grel, a businessman from the city.")
    assert _labels(ms, "Tomas Grel") == {"Person"}
    ms = mentions("The Vellacott group claimed the attack on Monday.")
    assert _labels(ms, "Vellacott") == {"Organization"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He is the group's emir of Kaya and Djibasso in the Sahel Region of Burkina Faso.", ("Kaya", "Djibasso")),
        ("The officers were travelling on a road between Mpeketoni and Witu in Lamu County.", ("Mpeketoni", "Witu")),
        ("Fighters attacked Garsale, Dumasi and Kobe in Jowhar District overnight.", ("Dumasi", "Kobe")),
    ],
)
def test_names_located_in_a_division_are_places(mentions, text: str, names: tuple[str, ...]) -> None:
    ms = mentions(text)
    for name in names:
        assert _labels(ms, name) == {"Location"}, name


def test_a_surname_located_in_a_division_stays_the_person(mentions) -> None:
    ms = mentions("Police named the driver as Hamisi Juma Mwinyi. Mwinyi in Kilifi County was later released.")
    assert _labels(ms, "Mwinyi") == {"Person"}
    assert _labels(ms, "Hamisi Juma Mwinyi") == {"Person"}


def test_a_titled_name_in_a_division_stays_a_person(mentions) -> None:
    assert _labels(mentions("Sheikh Omari in Kwale County led the prayers."), "Omari") == {"Person"}


def test_a_person_in_a_city_is_not_a_division_cue(mentions) -> None:
    assert _labels(mentions("Fatuma and her son met Kiprono in Nairobi."), "Kiprono") == {"Person"}
