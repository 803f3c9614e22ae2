"""Person names the model cut (issue 12; invented sentences): at a hyphen inside a Korean given name ("Kim Jong-"
for "Kim Jong-un"), and at lower-case particles ("Anna" and "Berghe" for "Anna van der Berghe"). Both were two
mentions or a cut name before session 18, which resolution then compared against the lists as a shorter name."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from threatgraph.extract.mentions import hyphen_tail_extent
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[Mention]:
        return extract_mentions(nlp(text))

    return run


def test_a_given_name_joined_by_a_hyphen_is_not_cut_at_it(mentions) -> None:
    ms = mentions("North Korean leader Kim Jong-un met the visiting envoy.")
    assert [m.text for m in ms if m.label == "Person"] == ["Kim Jong-un"]
    ms = mentions("Foreign Minister Ri Yong-ho spoke on Tuesday.")
    assert [m.text for m in ms if m.label == "Person"] == ["Ri Yong-ho"]


def test_a_dash_between_words_is_no_name_hyphen(nlp: Language) -> None:
    doc = nlp("Ana Roe - the envoy - spoke.")
    assert hyphen_tail_extent(Span(doc, 0, 2, label="PERSON")).text == "Ana Roe"
    doc = nlp("North Korean leader Kim Jong-un spoke.")
    assert hyphen_tail_extent(Span(doc, 3, 5, label="PERSON")).text == "Kim Jong-un"  # closed before the hyphen


def test_name_particles_join_the_parts_of_one_person(mentions) -> None:
    ms = mentions("The EU envoy Staffan van der Berghe said talks would resume.")
    assert [m.text for m in ms if m.label == "Person"] == ["Staffan van der Berghe"]


def test_a_joining_word_of_a_body_does_not_join_two_people(mentions) -> None:
    ms = mentions("Maria Tolvane and John Roe met on Monday.")
    assert {m.text for m in ms if m.label == "Person"} == {"Maria Tolvane", "John Roe"}
