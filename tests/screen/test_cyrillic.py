"""Cyrillic names against Latin lists (and the reverse): spellings per word, aligned word by word.

Every name here is invented for the test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.names.cyrillic import is_cyrillic, spellings, ukrainian_spelling
from threatgraph.screen.index import build_index
from threatgraph.screen.query import Query
from threatgraph.screen.queryprep import cyrillic_parts


def test_spellings_follow_the_systems_letter_by_letter() -> None:
    assert {"artyom", "artem", "artiom"} <= set(spellings("Артём"))
    assert {"aleksandr", "alexander"} <= set(spellings("Александр"))
    assert {"alekseyevich", "alexeyevich", "alekseevich"} <= set(spellings("Алексеевич"))
    assert {"natalya", "natalia"} <= set(spellings("Наталья"))
    assert {"novitskiy", "novitskii", "novitsky", "novitski"} <= set(spellings("Новицкий"))
    assert {"khomov", "homov", "khomoff"} <= set(spellings("Хомов"))
    assert {"zhukova", "jukova"} <= set(spellings("Жукова"))
    assert {"yelena", "elena"} <= set(spellings("Елена"))
    assert "oleh" in spellings("Олег")  # Ukrainian г
    assert {"jovanovic", "jovanovich"} <= set(spellings("Јовановић"))  # Serbian
    assert spellings("Ivan") == () and spellings("أحمد") == ()


def test_a_spelling_departs_from_the_usual_one_in_few_letters() -> None:
    usual = spellings("Щербаковский")[0]
    for other in spellings("Щербаковский"):
        assert len(other) < len(usual) + 6
    assert len(spellings("Григорьевич")) <= 60


@settings(deadline=None)  # the first call builds the spelling tables: slow on a loaded machine
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџғқҳҷӣӯәңөұүһҗӏ-' ", max_size=30))
def test_spellings_of_any_cyrillic_text_are_ascii(text: str) -> None:
    for word in text.split():
        for spelled in spellings(word):
            assert spelled.isascii()
    parts = cyrillic_parts(text)
    if parts is not None:
        tokens, spelled = parts
        assert len(tokens) == len(spelled)
        assert all(sp and sp[0] == tok for tok, sp in zip(tokens, spelled, strict=True))


def _index():
    return build_index(
        [
            {"id": "p1", "schema": "Person", "dataset": "t", "properties": {"name": ["Pyotr Semyonovich ZHURAVLEV"]}},
            {"id": "p2", "schema": "Person", "dataset": "t", "properties": {"name": ["Yuliya Aleksandrovna KHOMOVA"]}},
            {"id": "p3", "schema": "Person", "dataset": "t", "properties": {"name": ["Maxim GRISHKOVETS"]}},
            {"id": "p4", "schema": "Person", "dataset": "t", "properties": {"name": ["Борислав Цонев Гешев"]}},
            {"id": "p5", "schema": "Person", "dataset": "t", "properties": {"name": ["Pavel Ignatyevich SOKOLNIKOV"]}},
        ]
    )


def test_cyrillic_query_flags_the_latin_entry_in_another_system() -> None:
    index = _index()
    for query, entry in (
        ("Пётр Семёнович Журавлёв", "p1"),
        ("Журавлёв Пётр Семёнович", "p1"),
        ("Пётр Журавлёв", "p1"),  # the patronymic left out, in the list's order
        ("Юлия Александровна Хомова", "p2"),
        ("Максим Гришковец", "p3"),
    ):
        hit = index.match(Query([query], schema="Person"), limit=1)[0]
        assert hit.entry_id == entry and hit.match, (query, hit.caption, hit.score)


def test_latin_query_flags_a_cyrillic_listed_alias() -> None:
    hit = _index().match(Query(["Borislav Tsonev GESHEV"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "p4" and hit.match, (hit.caption, hit.score)


def test_other_cyrillic_names_do_not_flag() -> None:
    index = _index()
    for query in ("Пётр Семёнович Журавский", "Юрий Хомяков", "Павел Соколов", "Максим Гришин"):
        hits = index.match(Query([query], schema="Person"), limit=1)
        assert not hits or not hits[0].match, (query, hits[0].caption, hits[0].score)


def test_is_cyrillic() -> None:
    assert is_cyrillic("Иван Petrov-Водкин") and not is_cyrillic("Ivan Петров Vodkin Smith")


def test_arabic_and_german_spellings_of_cyrillic_letters() -> None:
    """в is also w (German "Iwanow", Arabic "Валид" / Walid); у closing a diphthong is w ("Таухид" / Tawhid)."""
    assert {"walid", "valid"} <= set(spellings("Валид")) and "iwanow" in spellings("Иванов")
    assert {"tawhid", "tauhid"} <= set(spellings("Таухид")) and "wal" in spellings("валь")
    assert "kuzwetsov" not in spellings("Кузнецов")  # у after a consonant stays a vowel
    index = build_index(
        [{"id": "k1", "schema": "Organization", "dataset": "t", "properties": {"name": ["KATIBAT AL-NUR WAL-TAWHID"]}}]
    )
    hit = index.match(Query(["Катиба ан-Нур валь-Таухид"], schema="Organization"), limit=1)[0]
    assert hit.entry_id == "k1" and hit.match, hit.explanation


def test_central_asian_and_caucasian_letters() -> None:
    """Tajik, Uzbek, Kazakh, Kyrgyz and Tatar letters, and the palochka, read as Latin lists write them
    (invented names)."""
    assert {"haydarov", "khaydarov"} <= set(spellings("Ҳайдаров"))
    assert {"qodirov", "kodirov"} <= set(spellings("Қодиров"))
    assert {"ghulomov", "gulomov"} <= set(spellings("Ғуломов"))
    assert "jaloliddin" in spellings("Ҷалолиддин")
    assert "umirzak" in spellings("Өмірзақ")
    assert "toshpolatov" in spellings("Тошпўлатов")  # Uzbek ў, o' in Latin
    assert "hasan" in spellings("ХӀасан")  # the palochka is written no letter
    index = build_index(
        [{"id": "t1", "schema": "Person", "dataset": "t", "properties": {"name": ["Jaloliddin QODIROV"]}}]
    )
    hit = index.match(Query(["Ҷалолиддин Қодиров"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "t1" and hit.match


def test_kaf_of_arabic_and_turkic_names_written_q() -> None:
    """Russian Cyrillic writes the qaf of Arabic and Turkic names with к; the Latin entry writes q (invented)."""
    assert "qasym" in spellings("Касым") and "qodirov" in spellings("Кодиров")
    index = build_index([{"id": "q1", "schema": "Person", "dataset": "t", "properties": {"name": ["Qodir QOSIMOV"]}}])
    hit = index.match(Query(["Кодир Косимов"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "q1" and hit.match


@given(st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'", min_size=1, max_size=14))
def test_the_ukrainian_national_system_is_one_of_the_spellings(word: str) -> None:
    spelled = ukrainian_spelling(word)
    assert spelled.isascii()
    assert not spelled or spelled in spellings(word)


def test_a_ukrainian_name_in_the_national_system_flags() -> None:
    """Every letter of a word may differ from the Russian-style spelling in the national system (г h, и y, й i
    inside a word): the word is also spelled whole in it (invented names)."""
    assert ukrainian_spelling("Гайдай") == "haidai" and ukrainian_spelling("Згурський") == "zghurskyi"
    assert ukrainian_spelling("Петрыв") == ""  # ы is no Ukrainian letter
    index = build_index(
        [{"id": "u1", "schema": "Person", "dataset": "t", "properties": {"name": ["Vitalii Hryhorovych HAIDAI"]}}]
    )
    hit = index.match(Query(["Гайдай Віталій Григорович"], schema="Person"), limit=1)[0]
    assert hit.entry_id == "u1" and hit.match
