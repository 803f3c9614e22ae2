"""names.translit: Arabic-script name parts against Latin spellings (issue 13, cross-script screening)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatgraph.names.translit import (
    consonant_key,
    consonant_keys,
    is_arabic_script,
    join_parts,
    part_key,
    part_similarity,
    script_key,
    script_keys,
    script_words,
    token_source,
)
from threatgraph.screen.index import build_index
from threatgraph.screen.query import Query
from threatgraph.screen.queryprep import query_names, script_runs, without_acronym


@pytest.mark.parametrize(
    ("word", "spellings"),
    [
        ("حسين", ["Hussein", "Husayn", "Hossein", "Husain"]),
        ("خليل", ["Khalil", "Xalil", "Khaleel"]),
        ("قاسم", ["Qasim", "Kasim", "Qassem"]),
        ("شريف", ["Sharif", "Shareef"]),
        ("حمزة", ["Hamza", "Hamzah"]),
        ("ذاكر", ["Dhakir", "Zakir"]),
        ("پرویز", ["Parviz", "Perwiz"]),
        # regional and national spellings of one letter: dha as th/z, qaf as g, jim as g/dj, shin as ch
        ("كاظم", ["Kazim", "Kathim", "Kadhim"]),
        ("قاسمي", ["Qasimi", "Gasmi"]),
        ("رجب", ["Rajab", "Ragab"]),
        ("جمال", ["Jamal", "Djamel", "Gamal"]),
        ("علوش", ["Alloush", "Alouche"]),
        ("ولد", ["Walad", "Ould"]),  # an opening waw written as a vowel
        ("يحيى", ["Yahya", "Yahia"]),  # a closing ha is a consonant, not ta marbuta
        ("سليوة", ["Slewa", "Slaiwah"]),
    ],
)
def test_spellings_share_the_script_key(word: str, spellings: list[str]) -> None:
    for spelling in spellings:
        assert consonant_keys(spelling) & script_keys(word), spelling
        assert part_similarity(part_key(word), spelling) >= 0.85, spelling


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("حبيب الله", "Habibullah"),
        ("جلال الدين", "Jalaluddin"),
        ("عبد الرحمن", "Abdulrahman"),
        ("عبد الرحمن", "Abderrahmane"),  # the article assimilated to a sun letter
        ("السعدي", "Essaadi"),
        ("عبد الله", "Abdallah"),
    ],
)
def test_parts_written_apart_join_into_one_latin_word(name: str, latin: str) -> None:
    parts = tuple(part_key(w) for w in script_words(name))
    assert part_similarity(join_parts(parts), latin) >= 0.9
    assert all(part_similarity(p, latin) < 0.9 for p in parts)


def test_different_names_do_not() -> None:
    # h-s-n both, but the long i written in حسين is in no spelling of Hassan (حسن)
    assert part_similarity(part_key("حسين"), "Hassan") < 0.8 <= part_similarity(part_key("حسن"), "Hassan")
    assert part_similarity(part_key("كريم"), "Karam") < part_similarity(part_key("كريم"), "Karim")
    assert part_similarity(part_key("جمال"), "Kamal") == 0.0
    assert part_similarity(part_key("علي"), "Alexander") == 0.0  # one consonant says little: short words only
    assert part_similarity(part_key("محمد"), "Mohammadi") < 0.8 <= part_similarity(part_key("محمدی"), "Mohammadi")


def test_script_words_detach_the_article() -> None:
    assert script_words("علي التكريتي") == ["علي", "ال", "تكريتي"]
    assert script_words("رودي سليــوة") == ["رودي", "سليوة"]  # tatweel is no letter
    assert token_source("ساجدة") == "ساجد"  # the closing ta marbuta is not in the token
    assert is_arabic_script("لواء زینبیون") and not is_arabic_script("Liwa Zainabiyoun")


@given(st.text(max_size=30))
def test_keys_never_crash(text: str) -> None:
    assert isinstance(consonant_key(text), str) and isinstance(script_key(text), str)
    assert all(len(k) > 0 for k in script_keys(text) | consonant_keys(text))
    for word in script_words(text):
        assert 0.0 <= part_similarity(part_key(word), "Hussein") <= 1.0


def test_arabic_name_flags_latin_only_entry() -> None:
    """Invented entries: the Arabic-script name finds and flags the Latin-only entry, part by part."""
    index = build_index(
        [
            {"id": "p1", "schema": "Person", "dataset": "t", "properties": {"name": ["Khalil Ibrahim AL-JAZRAWI"]}},
            {"id": "p2", "schema": "Person", "dataset": "t", "properties": {"name": ["Kamal Ibrahim AL-JASIM"]}},
            {"id": "p3", "schema": "Person", "dataset": "t", "properties": {"name": ["Hassan Yusuf QASIM"]}},
        ]
    )
    hit = index.match(Query(["خليل إبراهيم الجزراوي"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "p1" and hit.match
    other = index.match(Query(["جمال إبراهيم الجزار"], schema="Person"), limit=1)
    assert not other or not other[0].match


def test_compound_and_vowel_forms_flag() -> None:
    """Invented entries: a compound with Allah written apart in the script and as one Latin word, and a long
    vowel after an opening ayn written as the Latin word's first letter."""
    index = build_index(
        [
            {"id": "c1", "schema": "Person", "dataset": "t", "properties": {"name": ["RAHMATULLAH KARIMI"]}},
            {"id": "c2", "schema": "Person", "dataset": "t", "properties": {"name": ["Essa Kamal NOORI"]}},
            {"id": "c3", "schema": "Person", "dataset": "t", "properties": {"name": ["Rahmat KARIMI"]}},
        ]
    )
    hit = index.match(Query(["رحمت الله کریمی"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "c1" and hit.match
    assert part_similarity(part_key("عیسی"), "Essa") >= 0.85
    hit = index.match(Query(["عیسی کمال نوری"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "c2" and hit.match


def test_bracketed_alternatives_are_screened_apart() -> None:
    index = build_index(
        [{"id": "b1", "schema": "Person", "dataset": "t", "properties": {"name": ["Tariq Hamid SAWALHA"]}}]
    )
    hit = index.match(Query(["Tariq Hamid Sawalha (original script: طارق حامد صوالحة)"]), limit=1)[0]
    assert hit.entry_id == "b1" and hit.score == 1.0
    assert query_names(["Relief Committee (Lebanon Branch)"]) == ["Relief Committee (Lebanon Branch)"]
    assert query_names(["Tariq Sawalha (طارق صوالحة)", "X (Y; Z)"]) == [
        "Tariq Sawalha",
        "طارق صوالحة",
        "X",
        "Y",
        "Z",
    ]


@pytest.mark.slow
def test_real_arabic_names_flag_their_latin_only_entries(shared_data: Path) -> None:
    """The issue's example on the real OFAC SDN list (Latin names only): the Arabic-script name reaches the
    threshold at rank 1, part by part."""
    from threatgraph.screen.formats import parse_files

    (sdn,) = parse_files([shared_data / "sanctions" / "ofac" / "sdn.csv"])
    index = build_index([{**e, "dataset": sdn.dataset} for e in sdn.entries])
    for name, listed in (
        ("صدام حسين التكريتي", "Saddam Hussein AL-TIKRITI"),
        ("عزت إبراهيم الدوري", "Izzat Ibrahim AL-DURI"),
    ):
        hit = index.match(Query([name], schema="Person"), limit=1)[0]
        assert hit.caption == listed and hit.match, (name, hit.caption, hit.score)


def test_cyrillic_surname_first_two_parts_do_not_flag() -> None:
    """Invented entries: a Cyrillic name in either order with a middle part left out. In the list's order it
    is an omitted middle name and flags; surname first it could leave out any part and does not - unless the
    part left out has the form of a patronymic, which says which part it is."""
    index = build_index(
        [
            {"id": "r1", "schema": "Person", "dataset": "t", "properties": {"name": ["Ivan Kuzma MOROZOV"]}},
            {"id": "r2", "schema": "Person", "dataset": "t", "properties": {"name": ["Oleg Petrovich SOLNTSEV"]}},
        ]
    )
    hits = index.match(Query(["Морозов Иван"], schema="Person"), limit=1)
    assert not hits or not hits[0].match
    hit = index.match(Query(["Иван Морозов"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "r1" and hit.match
    for query in ("Солнцев Олег", "Олег Солнцев", "Солнцев Олег Петрович"):
        hit = index.match(Query([query], schema="Person"), limit=1)[0]
        assert hit.entry_id == "r2" and hit.match, query


def test_conjunction_and_article_are_one_latin_word() -> None:
    """ "و" written apart before the article is the "wal" of Latin lists; alone it spells nothing."""
    wa, al = part_key("و"), part_key("ال")
    assert part_similarity(join_parts((wa, al)), "wal") >= 0.9
    assert part_similarity(wa, "wal") == 0.0 and part_similarity(join_parts((wa, al)), "ali") < 0.8
    index = build_index(
        [
            {"id": "o1", "schema": "Organization", "dataset": "t", "properties": {"name": ["JAYSH AL-FURSAN WAL-AMN"]}},
            {"id": "o2", "schema": "Organization", "dataset": "t", "properties": {"name": ["JAYSH AL-FURSAN"]}},
        ]
    )
    hit = index.match(Query(["جيش الفرسان و الأمن"], schema="Organization"), limit=1)[0]
    assert hit.entry_id == "o1" and hit.match, hit.explanation


def test_a_name_closed_by_its_own_acronym_is_also_the_name_without_it() -> None:
    assert without_acronym("HARAKAT AL-FURSAN / HAF") == "HARAKAT AL-FURSAN"
    assert without_acronym("JAMAAT-UL-FURSAN (JuF)") == "JAMAAT-UL-FURSAN"
    assert without_acronym("GREEN BROOK, LLC (USA)") is None  # not its acronym: a qualifier
    assert without_acronym("Fursan Group") is None
    assert query_names(["JAMAAT-UL-FURSAN (JuF)"]) == ["JAMAAT-UL-FURSAN (JuF)", "JAMAAT-UL-FURSAN"]
    index = build_index(
        [{"id": "a1", "schema": "Organization", "dataset": "t", "properties": {"name": ["HARAKAT AL-FURSAN / HAF"]}}]
    )
    hit = index.match(Query(["حركة الفرسان"], schema="Organization"), limit=1)[0]
    assert hit.entry_id == "a1" and hit.match and hit.explanation["matched_name"] == "HARAKAT AL-FURSAN"


def test_a_name_written_in_two_scripts_is_screened_as_each_writing() -> None:
    assert script_runs("Kamal Nuri Fahmi كمال نوري فهمي") == ["Kamal Nuri Fahmi", "كمال نوري فهمي"]
    assert script_runs("كمال نوري فهمي") == [] and script_runs("Bank بانك") == []  # one script; a run of one word
    assert script_runs("Kamal كمال Nuri نوري") == []  # interleaved: no two writings
    assert script_runs("نبيل فهمي and Sons") == []  # a name and a phrase: the writings do not spell each other
    index = build_index(
        [{"id": "w1", "schema": "Person", "dataset": "t", "properties": {"name": ["Haji Kamal Nuri FAHMI"]}}]
    )
    hit = index.match(Query(["Kamal Nuri Fahmi كمال نوري فهمي"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "w1" and hit.match


def test_function_words_of_the_script_weigh_as_particles() -> None:
    """Pashto "د" (of) and "او" (and) are no name parts: a Latin list translates or drops them."""
    assert part_key("د").function and part_key("او").function and not part_key("داود").function
    index = build_index(
        [{"id": "f1", "schema": "Company", "dataset": "t", "properties": {"name": ["NASIR AND GULAB COMPANY HAWALA"]}}]
    )
    hit = index.match(Query(["د ناصر او ګلاب کمپنی حواله"], schema="Company"), limit=1)[0]
    assert hit.entry_id == "f1" and hit.match, hit.score


def test_dhal_spelled_th_and_the_longer_latin_join_wins_a_tie() -> None:
    assert part_similarity(part_key("ذهب"), "Thahab") >= 0.9 and part_similarity(part_key("ذهب"), "Dhahab") >= 0.9
    index = build_index(
        [{"id": "j1", "schema": "Person", "dataset": "t", "properties": {"name": ["'Abd al-Latif Bin 'Abdallah NURI"]}}]
    )
    hit = index.match(Query(["عبداللطیف بن عبدلله نوري"], schema="Person"), limit=1)[0]
    assert hit.match and ["bdalltyf", "abdallatif", 0.95] in hit.explanation["token_pairs"], hit.explanation


def test_the_entry_listing_the_original_script_name_ranks_first() -> None:
    """Two lists' entries of one person, only one of them with the name in the original script: the script
    query ranks that entry first (by score, not by the order of entry ids)."""
    index = build_index(
        [
            {"id": "a-lat", "schema": "Person", "dataset": "a", "properties": {"name": ["Rashid Taan KAZIM"]}},
            {
                "id": "b-orig",
                "schema": "Person",
                "dataset": "b",
                "properties": {"name": ["Rashid Taan Kathim"], "alias": ["رشيد طعان كاظم"]},
            },
        ]
    )
    top = index.match(Query(["رشيد طعان كاظم"], schema="Person"), limit=2)
    assert [c.entry_id for c in top] == ["b-orig", "a-lat"] and top[0].score > top[1].score >= 0.8


def test_split_points_follow_the_non_joining_letters() -> None:
    """A word typed without the space after a letter that does not join the next reads as two; the article's
    alif and lam are never parted."""
    from threatgraph.names.translit import split_points

    assert ("محمد", "عبد") in split_points("محمدعبد")
    assert split_points("محمود") == () and split_points("حسين") == ()
    assert ("عبدا", "لرحمن") not in split_points("عبدالرحمن")


def test_two_names_typed_as_one_word_flag_only_where_the_list_spells_both() -> None:
    """Invented entries: the joined word is read as two names where the Latin entry has both; a word whose
    halves would only half-align ("شیرازی" is no "Shir" and something) stays one word."""
    index = build_index(
        [
            {"id": "a1", "schema": "Person", "dataset": "t", "properties": {"name": ["Nasir Mohammad Abdul HALIM"]}},
            {"id": "a2", "schema": "Person", "dataset": "t", "properties": {"name": ["Karim SHIR"]}},
        ]
    )
    hit = index.match(Query(["ناصر محمدعبد الحلیم"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "a1" and hit.match, hit
    hits = index.match(Query(["کریم شیرازی"], schema="Person"), limit=1)
    assert not hits or not hits[0].match


def test_a_closing_nisba_one_side_leaves_out() -> None:
    """Invented entries: the nisba ("al-X-i", of a place) written by one side only is left out as a middle
    name is, where the rest of both names agrees; with another name of its own on the other side it is not."""
    index = build_index(
        [
            {"id": "n1", "schema": "Person", "dataset": "t", "properties": {"name": ["Khalid Yasin AL-QARAWI"]}},
            {"id": "n2", "schema": "Person", "dataset": "t", "properties": {"name": ["Tariq Nabil SAFAR"]}},
        ]
    )
    hit = index.match(Query(["خالد ياسين"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "n1" and hit.match
    hit = index.match(Query(["طارق نبيل صفر الحموي"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "n2" and hit.match
    hits = index.match(Query(["طارق الحموي"], schema="Person"), limit=1)
    assert not hits or not hits[0].match


def test_the_construct_t_only_closes_a_latin_word() -> None:
    """A closing ta marbuta read -at spells a Latin word that closes with that t ("Asbat"), never the t that
    opens the next word of two Latin words run together (invented name)."""
    key = part_key("أسامة")
    assert part_similarity(key, "Usamat") >= 0.9
    assert part_similarity(key, "Oussamaatiya") == 0.0
    assert part_similarity(part_key("عصبة"), "Asbat") >= 0.9
    index = build_index([{"id": "t1", "schema": "Person", "dataset": "t", "properties": {"name": ["Oussama ATIYA"]}}])
    hit = index.match(Query(["أسامة عطية"], schema="Person"), limit=1)[0]
    assert hit.match and {p[1] for p in hit.explanation["token_pairs"]} == {"oussama", "atiya"}


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("ضياء الرحمن", "Ziaur Rahman"),
        ("ضياء الرحمن", "Zia-ur-Rehman"),
        ("فضل الرحمن خليل", "Fazlur Rehman KHALIL"),
        ("شمس الحق", "Shamsul HAQ"),
        ("نور الدين", "Noor ud Din"),
    ],
)
def test_the_article_written_onto_the_word_before_it(name: str, latin: str) -> None:
    """South Asian spellings write the article onto the word before it, assimilated to a sun letter ("-ur
    Rahman") or apart as "ur"/"ud" (invented entries)."""
    index = build_index(
        [
            {"id": "a1", "schema": "Person", "dataset": "t", "properties": {"name": [latin]}},
            {"id": "a2", "schema": "Person", "dataset": "t", "properties": {"name": ["Zia KHAN"]}},
        ]
    )
    hit = index.match(Query([name], schema="Person"), limit=1)[0]
    assert hit.entry_id == "a1" and hit.match


def test_a_join_closing_with_the_article_keeps_its_vowel() -> None:
    parts = tuple(part_key(w) for w in script_words("ضياء الرحمن"))
    joined = join_parts(parts[:2], parts[2])
    assert joined.article_tail and part_similarity(joined, "Ziaur") >= 0.85
    assert part_similarity(joined, "Zr") == 0.0  # no vowel of the article: no article in the word
    assert join_parts(parts[:2]).article_tail is False  # nothing after it: no article of a next word
