"""A country named as an actor (its state) or as a place (issue 12 item 3; invented sentences).

re3d types "the United States condemns", "U.S. forces", "talks with Qandor" Organisation ("a government") and
"in Qandor" Location. The mention keeps its Country type (resolution and screening see one country) and
carries ``state_actor``, read from the parse: subject, party preposition, modifier of a noun or participle.
"""

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
