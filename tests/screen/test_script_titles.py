"""Titles in Arabic-script names told by their own spellings in the script and by where they stand (issue 13).

Names here are invented; the script forms are the vocabulary's (``script_honorifics``)."""

from __future__ import annotations

import pytest

from threatgraph.names.translit import orthographic_fold, title_positions, title_words
from threatgraph.names.vocabulary import VocabularyError, parse
from threatgraph.screen.index import TITLE_WEIGHT, build_index
from threatgraph.screen.query import Query
from threatgraph.screen.queryprep import query_tokens, titled_reading


def person(pid: str, name: str) -> dict:
    return {"id": pid, "schema": "Person", "dataset": "t", "properties": {"name": [name]}}


@pytest.mark.parametrize(
    "spellings",
    [
        ["أمير", "امير", "امیر", "أَمِير", "الأمير"],  # alef forms, Persian ye, vowel marks, the article
        ["سيدة", "سیده", "السيده"],  # ta marbuta and ha
        ["مولوي", "مولوی", "مولوى", "مولوے"],  # ya, Persian ye, alef maqsura, Urdu ye
        ["حجت\u200cالاسلام", "حجتالاسلام"],  # a zero-width non-joiner
        ["كريم", "کریم"],  # Arabic and Persian kaf
    ],
)
def test_spellings_of_one_word_fold_alike(spellings: list[str]) -> None:
    assert len({orthographic_fold(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("الشيخ يوسف الكاتب", [True, True, False, False, False]),  # Arabic, the article with its title
        ("حاجی رحیم کرمانی", [True, False, False]),  # Persian ye
        ("مولوی عبدالکریم", [True, False]),  # Urdu/Pashto
        ("ملا نصیر", [True, False]),
        ("آية الله حسن", [True, True, True, False]),  # a title of two words
        ("عمر عامر سعيد سعد", [False, False, False, False]),  # names of a title's consonants are no titles
        ("نبيل العامر", [False, False, False]),
    ],
)
def test_a_word_is_a_title_only_where_its_script_letters_spell_one(name: str, flags: list[bool]) -> None:
    assert list(title_words(name)) == flags


def test_a_title_word_after_a_name_word_is_a_name() -> None:
    _tokens, keys = query_tokens("كريم حافظ الخطاب")  # Hafiz the father's name
    assert keys is not None and [k.title for k in keys] == [False, True, False, False]
    assert title_positions(keys) == [False, False, False, False]
    _tokens, keys = query_tokens("حاجی رحیم و حاجی نوید")  # the conjunction opens a second name
    assert keys is not None and title_positions(keys) == [True, False, False, True, False]


def test_title_weight_follows_the_script_not_the_consonants() -> None:
    index = build_index([person("p1", "Omar Nabil KHATIB")])
    _t, weights, _k, _s = index.prepare("عمر نبيل الخطيب", "Person")
    assert weights[0] == index.token_weight("mr")  # Omar weighs as a name, not as the title Amir
    _t, weights, _k, _s = index.prepare("حاجی نبيل الخطيب", "Person")
    assert weights[0] == pytest.approx(index.token_weight("hajy") * TITLE_WEIGHT)


def test_a_title_word_the_list_dropped_after_a_name_word_is_found_as_the_name() -> None:
    """The Latin list drops "EL SAYED" closing a name as a title; the script name writes it as the family name
    and weighs it as one, and it aligns with the dropped word."""
    assert titled_reading("Karim Mahmoud EL SAYED") is not None
    assert titled_reading("Sayed Karim MAHMOUD") is None  # before the name: both sides read it as a title
    index = build_index([person("p1", "Karim Mahmoud EL SAYED"), person("p2", "Karim Mahmoud NASSAR")])
    hit = index.match(Query(["كريم محمود السيد"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "p1" and hit.match, hit


def test_a_given_name_the_list_dropped_for_folding_like_a_title_is_found() -> None:
    """A Latin list drops "Aamir" as the title Amir (they fold alike); the script writes the name "عامر", which
    spells no title, and aligns with it. "Seyyed", the title as spelled, stays dropped before the name."""
    assert titled_reading("Aamir Nabil KHATIB") == (("aamir", "nabil", "khatib"), (True, False, False))
    assert titled_reading("Seyyed Nabil KHATIB") is None
    assert titled_reading("THE NABIL KHATIB GROUP") is None  # a word left out that is no title stays out
    index = build_index([person("p1", "Aamir Nabil KHATIB"), person("p2", "Nabil Hamid KHATIB")])
    hit = index.match(Query(["عامر نبيل الخطيب"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "p1" and hit.match, hit


def test_a_given_name_of_a_titles_consonants_does_not_flag_the_titled_entry() -> None:
    """ "سعید" (Saeed) shares its consonants with the title Seyyed, which the list drops: the rest of the name
    alone must not flag the entry."""
    index = build_index([person("p1", "Seyyed Reza KAMALI")])
    hits = index.match(Query(["سعید کمالی"], schema="Person"), limit=1)
    assert not hits or not hits[0].match, hits


def test_script_honorifics_are_spellings_of_known_honorifics() -> None:
    parse({"honorifics": ["haji"], "script_honorifics": {"haji": ["حاجي"]}})
    with pytest.raises(VocabularyError, match="unknown honorifics"):
        parse({"honorifics": ["haji"], "script_honorifics": {"sultan": ["سلطان"]}})
