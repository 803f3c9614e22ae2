"""Names written another way than listed (articles, hyphens, doubled vowels) and Arabic place names.

Each sentence is invented (a regression test); ``benchmarks/extraction_dev.py`` measures typing on real text.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.extract.gazetteer import spelling_key
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article


def _mentions(nlp, text: str) -> list:
    return next(Extractor(nlp=nlp).analyse([Article(text=text)])).mentions


def test_a_listed_group_written_without_hyphen_or_with_a_lower_article_keeps_its_type_and_group(nlp) -> None:
    ms = _mentions(nlp, "Jaish al Adl claimed the ambush. Later, jaish-watchers said JAISH AL-ADL had split.")
    first = next(m for m in ms if m.text == "Jaish al Adl")
    assert first.label == "ArmedGroup"


def test_spellings_of_one_group_form_one_in_document_group(nlp) -> None:
    ms = _mentions(nlp, "Asaib Ahl al Haq fighters left Baghdad. A spokesman for Asaib Ahl al-Haqq denied it.")
    groups = {m.group for m in ms if m.text.startswith("Asaib")}
    assert len(groups) == 1 and all(m.label == "ArmedGroup" for m in ms if m.text.startswith("Asaib"))


def test_a_name_without_an_article_is_not_matched_by_spelling() -> None:
    assert spelling_key("Shabab", require_article=True) is None
    assert spelling_key("al shabab") is None  # a lower-case word that is no article: no name


@given(st.sampled_from(["al", "Al", "el", "El"]), st.sampled_from([" ", "-"]), st.sampled_from(["aa", "a"]))
def test_article_hyphen_and_doubled_vowel_do_not_change_the_key(article: str, joiner: str, vowel: str) -> None:
    assert spelling_key(f"Harakat {article}{joiner}Shab{vowel}b") == spelling_key("Harakat al-Shabab")


def test_ayn_and_hamza_apostrophes_do_not_change_the_key() -> None:
    assert spelling_key("Hay’at Tahrir al-Sham") == spelling_key("Hayat Tahrir al-Sham")


def test_arabic_place_names_are_places_not_people(nlp) -> None:
    ms = _mentions(nlp, "Militias shelled Tell al-Hamra and fighting reached Wadi al Jawz by evening.")
    labels = {m.text: m.label for m in ms}
    assert labels.get("Tell al-Hamra") == "Location"
    assert labels.get("Wadi al Jawz") == "Location"


def test_a_gazetteer_place_after_a_place_preposition_is_a_place(nlp) -> None:
    ms = _mentions(nlp, "Two soldiers were wounded in Gardez, officials said.")
    assert {m.text: m.label for m in ms}.get("Gardez") == "Location"


def test_a_person_word_first_is_no_place_name(nlp) -> None:
    ms = _mentions(nlp, "Abu al-Hassan was arrested on Monday.")
    assert {m.text: m.label for m in ms}.get("Abu al-Hassan") != "Location"
