"""A name as an actor, a place or a people (issue 12 item 3; invented sentences).

re3d types "the United States condemns", "U.S. forces", "talks with Qandor" Organisation ("a government") and
"in Qandor" Location. The mention keeps its Country type (resolution and screening see one country) and
carries ``state_actor``, read from the parse: subject, party preposition, modifier of a noun or participle.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.mentions import coordinated_places
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[Mention]:
        return extract_mentions(nlp(text))

    return run


def _actor(ms: list[Mention], name: str) -> bool:
    found = [m for m in ms if m.text == name]
    assert found, f"{name!r} not extracted: {[(m.text, m.label) for m in ms]}"
    assert all(m.label == "Country" for m in found)  # the type stays Country either way
    return all(m.state_actor for m in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Canada sharply criticised the shelling of the harbour on Thursday.", "Canada"),
        ("Peru and Chile signed a fisheries accord after months of talks.", "Chile"),  # second conjunct
        ("Negotiators resumed their talks with Norway over the disputed quota.", "Norway"),
        ("Two Australia warships docked beside the tanker.", "Australia"),  # a modifier of what the state owns
        ("A Mexico-brokered truce held through the weekend.", "Mexico"),
        ("The ministers urged Portugal to reopen the consulate.", "Portugal"),  # the object of a party verb
        ("The council called on Ghana to extradite the suspects.", "Ghana"),
    ],
)
def test_a_country_that_acts_is_a_state_actor(mentions, text: str, name: str) -> None:
    assert _actor(mentions(text), name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The convoy reached Tarsa, Kenya, shortly before dawn.", "Kenya"),  # a place located by its country
        ("The delegation flew from Vienna to Austria's western border.", "Austria"),
        ("Relief workers visited Chad twice last year.", "Chad"),  # the object of a verb stays a place
        ("A Portugal-based charity shipped the blankets.", "Portugal"),  # a locating participle
        ("Floods in Kenya displaced thousands of farmers.", "Kenya"),
    ],
)
def test_a_country_named_as_a_place_is_not(mentions, text: str, name: str) -> None:
    assert not _actor(mentions(text), name)


def test_a_known_place_after_a_locative_preposition_is_no_people(nlp: Language) -> None:
    """The model reads some city names as a people (NORP); after "in"/"near" a known place is a place."""
    doc = nlp("The regime continues to bomb hospitals in Aleppo.")
    assert any(e.text == "Aleppo" and e.label_ == "NORP" for e in doc.ents)  # the model's reading this test is about
    assert [(m.text, m.label) for m in extract_mentions(doc) if m.text == "Aleppo"] == [("Aleppo", "Location")]


def _listed(nlp: Language, text: str, typed: list[tuple[str, str]]) -> list[str | None]:
    """The cues :func:`coordinated_places` gives mentions of ``typed`` (name, label) in ``text``."""
    doc = nlp(text)
    mentions, starts = [], []
    for name, label in typed:
        begin = text.index(name)
        span = doc.char_span(begin, begin + len(name))
        assert span is not None
        mentions.append(Mention(begin, begin + len(name), name, label, name.casefold(), text, 0))
        starts.append(span.start)
    cues: list[str | None] = [None] * len(mentions)
    coordinated_places(doc, mentions, starts, cues)
    return cues


def test_guesses_listed_with_a_place_after_in_are_places(nlp: Language) -> None:
    text = "Cells hit positions in Qorvel, Tarsa and Umm Sidr overnight."
    typed = [("Qorvel", "Organization"), ("Tarsa", "Location"), ("Umm Sidr", "Person")]
    assert _listed(nlp, text, typed) == ["Location", None, "Location"]


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        # a country is listed with the parties it deals with
        ("The envoy held talks in Qandor and Qorvel on Sunday.", [("Qandor", "Country"), ("Qorvel", "Organization")]),
        # "to" names a recipient as often as a place
        ("Aid was sent to Tarsa and Qorvel last week.", [("Tarsa", "Location"), ("Qorvel", "Organization")]),
        # not one list: a verb stands between the names
        ("Troops in Tarsa met Qorvel on Sunday.", [("Tarsa", "Location"), ("Qorvel", "Organization")]),
    ],
)
def test_no_place_list_no_cue(nlp: Language, text: str, typed: list[tuple[str, str]]) -> None:
    assert _listed(nlp, text, typed)[1] is None


def test_commas_alone_make_no_place_list(nlp: Language) -> None:
    text = "The strike hit a depot near Tarsa, Qandor, Roe said."
    typed = [("Tarsa", "Location"), ("Qandor", "Country"), ("Roe", "Person")]
    assert _listed(nlp, text, typed) == [None, None, None]


def test_a_stance_prefix_is_not_part_of_a_people(mentions) -> None:
    ms = mentions("The Tarsa Monitor, a pro-Kurdish research group, confirmed the attack.")
    assert [(m.text, m.label) for m in ms if m.label == "Nationality"] == [("Kurdish", "Nationality")]
