"""A subject "he" continues the previous sentence's subject (centering); when that subject is a
name the mentions do not hold as a person (a surname read as a town, an unknown name), the pronoun
is still that name's, so it must not fall back to another person named earlier: a missed doer
beats a wrong one (issue 11, session 12). Invented text."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event

FOUNDER = "Jan Nowak founded the Northwind Brigade in 2015. "
LATER = (
    " has taken part in numerous raids on army posts. He led the brigade in the May 2019 attack on the Dunmore base."
)


@pytest.fixture(scope="module")
def attack(nlp: Language):
    extractor = Extractor(nlp=nlp)

    def run(subject: str) -> Event:
        text = FOUNDER + subject + LATER
        found = next(extractor.analyse([Article(text=text, published=date(2021, 6, 10))])).events
        hits = [e for e in found if e.trigger == "attack"]
        assert hits, [(e.trigger, e.source) for e in found]
        return hits[0]

    return run


@pytest.mark.parametrize("subject", ["Tillaberi", "Kidal"])  # typed as a place / no mention at all
def test_pronoun_of_an_untyped_subject_takes_no_other_person(attack, subject: str) -> None:
    assert attack(subject).source is None


def test_pronoun_of_a_person_subject_continues_it(attack) -> None:
    assert attack("Tariq Mansoor").source == "Tariq Mansoor"
