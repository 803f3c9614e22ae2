"""Names against the surface of real copy (issue 12 item 3; invented sentences, regression tests only).

Web copy leaves invisible bidi marks beside words, romanises one name with and without an apostrophe, drops
the article inside a long name, cites laws by capitalised titles, names military units after a person-like
word and writes a person's middle initial. Each test holds one such case and its counter-case.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from threatgraph.extract import spans
from threatgraph.extract.gazetteer import Gazetteer
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention


@pytest.fixture(scope="module")
def mentions(nlp: Language):
    def run(text: str) -> list[Mention]:
        return extract_mentions(nlp(text))

    return run


def _typed(ms: list[Mention]) -> dict[str, str]:
    return {m.text: m.label for m in ms}


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u200b", "\ufeff"])
def test_an_invisible_mark_glued_to_a_name_is_a_token_of_its_own(nlp: Language, mark: str) -> None:
    doc = nlp(f"Troops entered Kirkuk{mark}, then moved on.")
    assert "Kirkuk" in [t.text for t in doc]
    assert doc.text == f"Troops entered Kirkuk{mark}, then moved on."  # offsets untouched


def test_a_zero_width_non_joiner_inside_a_word_is_kept(nlp: Language) -> None:
    word = "\u0645\u06cc\u200c\u0634\u0648\u062f"  # Persian spelling uses ZWNJ inside one word
    assert word in [t.text for t in nlp(f"He said {word} twice.")]


def _standalone(nlp: Language, name: str, label: str) -> Gazetteer:
    """A gazetteer of one name beside the shared pipeline (adding to the shared one would leak into other tests)."""
    gazetteer = Gazetteer(nlp, use_seed=False)
    gazetteer.add_names([(name, label)])
    return gazetteer


def test_a_listed_one_word_name_is_found_written_with_an_apostrophe(nlp: Language) -> None:
    gazetteer = _standalone(nlp, "Qabdiyun", "ArmedGroup")
    doc = nlp.make_doc("Airstrikes hit Qab’diyun positions. Qab'diyun fighters withdrew.")
    assert [(s.text, s.label_) for s in gazetteer.apostrophed(doc)] == [
        ("Qab’diyun", "ArmedGroup"),
        ("Qab'diyun", "ArmedGroup"),
    ]


def test_a_possessive_is_not_an_apostrophe_spelling(nlp: Language) -> None:
    gazetteer = _standalone(nlp, "Tarims", "Organization")
    assert not list(gazetteer.apostrophed(nlp.make_doc("Tarim's men crossed the river. Tarim’s too.")))


def test_a_listed_name_matches_without_its_inner_article(mentions) -> None:
    ms = mentions("Fighters of the Islamic State of Iraq and Levant retreated.")
    assert _typed(ms).get("Islamic State of Iraq and Levant") == "ArmedGroup"


def test_a_law_is_no_actor(mentions) -> None:
    ms = mentions("The Ruritanian Navy said it follows the Law of Naval Warfare and the Maritime Security Act.")
    assert not any("Law" in m.text or "Act" in m.text for m in ms)
    assert any(m.text == "Ruritanian Navy" for m in ms)


def test_a_unit_named_like_a_place_is_an_organisation(mentions) -> None:
    ms = mentions("Sgt. Dana Kowal, a gunner in Harrow Battery, fired the first round.")
    assert _typed(ms).get("Harrow Battery") == "Organization"


@pytest.mark.parametrize(
    ("name", "shaped"),
    [("Mark T. Dunleavy", True), ("Ann B. C. Marlowe", True), ("U.S. Central Command", False), ("Gulf of Aden", False)],
)
def test_a_middle_initial_keeps_a_name_person_shaped(nlp: Language, name: str, shaped: bool) -> None:
    doc = nlp.make_doc(f"Yesterday {name} arrived.")
    span = Span(doc, 1, len(doc) - 2, label="PERSON")
    assert span.text == name
    assert spans._person_shaped(span) is shaped  # its surname alone is then the person's (spans._surnames)
