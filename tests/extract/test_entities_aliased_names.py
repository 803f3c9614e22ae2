"""A full name the model took for a work of art, typed a person because the text gives its aliases
(invented names and sentences, in the style of designation notices)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.evidence import renamed_after
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[Mention]:
        return extract_mentions(nlp(text))

    return run


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Today, the Department of State is designating Hamadou Illiassou Tera – also known as Grand Boubou – as a "
            "Specially Designated Global Terrorist (SDGT).",
            "Hamadou Illiassou Tera",
        ),
        (
            "Today, the United States is designating Adamou Seydou Dori – also known as Petit Kader – as a Specially "
            "Designated Global Terrorist (SDGT) under Executive Order 13224.",
            "Adamou Seydou Dori",
        ),
    ],
)
def test_a_full_name_given_aliases_is_a_person(mentions, nlp: Language, text: str, name: str) -> None:
    # the statistical model alone calls the name a title: without the alias cue it would be dropped
    assert any(e.text == name and e.label_ == "WORK_OF_ART" for e in nlp(text).ents)
    assert {m.label for m in mentions(text) if m.text == name} == {"Person"}


def test_the_alias_after_the_name_follows_the_person(mentions) -> None:
    text = (
        "Today, the United States is designating Adamou Seydou Dori – also known as Petit Kader – as a Specially "
        "Designated Global Terrorist (SDGT) under Executive Order 13224."
    )
    assert {m.label for m in mentions(text) if m.text == "Petit Kader"} == {"Person"}


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("Ilse Marra Qandor – also known as Vell Qandor – was", 17, True),
        ("Ilse Marra Qandor, a.k.a. “Vell”, was", 17, True),
        ("Ilse Marra Qandor (alias Vell Qandor) was", 17, True),
        ("Ilse Marra Qandor, formerly known as Vell, was", 17, True),
        ("The Long Season, called a masterpiece by critics", 15, False),  # "called" alone names no alias
        ("The Long Season, also known as the film that", 15, False),  # no name after the cue
        ("Ilse Marra Qandor said the talks would resume", 17, False),
    ],
)
def test_renamed_after_reads_an_alias_cue(text: str, end: int, expected: bool) -> None:
    assert renamed_after(text, end) is expected


def test_a_work_without_aliases_stays_out(mentions) -> None:
    text = "The exhibition opened with the painting Summer Rain Over Tarsa, which critics praised."
    assert not any(m.label == "Person" and "Summer" in m.text for m in mentions(text))
