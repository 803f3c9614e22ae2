"""Transliteration systems as the matcher must know them: Russian names written whole in a standard system
(including systems the matcher does not generate from, held out here), patronymics a Latin entry leaves out,
Chinese names in pinyin and Wade-Giles, Korean names in Revised Romanization and the North's system.

Every name here is invented for the test (common name parts combined at random)."""

from __future__ import annotations

import iuliia
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.names.cjk import block_spellings, han_readings, hangul_readings, is_han, is_hangul, readings
from threatgraph.names.cyrillic import SYSTEMS, is_patronymic, spellings, system_spellings
from threatgraph.names.tokens import name_tokens
from threatgraph.names.vocabulary import fold
from threatgraph.screen.compare import compare_names
from threatgraph.screen.index import build_index
from threatgraph.screen.query import MATCH_THRESHOLD, Query
from threatgraph.screen.queryprep import query_tokens, spellings_of

GIVEN = [
    "Вячеслав",
    "Юлия",
    "Фёдор",
    "Алёна",
    "Ярослав",
    "Евгений",
    "Ксения",
    "Глеб",
    "Эдуард",
    "Илья",
    "Дарья",
    "Татьяна",
    "Юрий",
    "Матвей",
]
PATRONYMIC = ["Юрьевич", "Ильинична", "Фёдорович", "Вячеславовна", "Евгеньевич", "Эдуардович", "Яковлевна", "Матвеевич"]
FAMILY = [
    "Щукин",
    "Воробьёв",
    "Ершова",
    "Царёв",
    "Хохлова",
    "Журавлёв",
    "Зайцев",
    "Троицкая",
    "Шелехов",
    "Чуйков",
    "Ющенко",
]
#: Systems the matcher's spellings are not generated from (:data:`names.cyrillic.SYSTEMS`): passports before
#: 2013 (GOST 52535), the interior ministry's 2000s order, Telegram's, Moscow metro's, the UN's 1987 system.
HELD_OUT = (
    iuliia.GOST_52535,
    iuliia.MVD_782,
    iuliia.TELEGRAM,
    iuliia.MOSMETRO,
    iuliia.UNGEGN_1987,
    iuliia.BS_2979,
    iuliia.GOST_7034,
    iuliia.YANDEX_MAPS,
)

RUSSIAN_WORDS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюя", min_size=1, max_size=14)


def _score(query: str, listed: str) -> float:
    """The name score of a Cyrillic query against a Latin listed name, words weighing alike."""
    q_tokens = query_tokens(query)[0]
    a_tokens = name_tokens(listed)
    ns = compare_names(
        q_tokens,
        [1.0] * len(q_tokens),
        a_tokens,
        [1.0] * len(a_tokens),
        None,
        False,
        spellings_of(query),
        None,
        person=True,
    )
    return ns.score


@given(RUSSIAN_WORDS)
def test_every_system_writing_of_a_russian_word_is_one_of_its_spellings(word: str) -> None:
    spelled = set(spellings(word))
    for system in SYSTEMS:
        written = fold(system.translate(word)).replace(" ", "")
        assert not written or written in spelled
    assert all(s.isascii() for s in system_spellings(word))


def test_system_spellings_only_for_russian_letters() -> None:
    assert "viatcheslav" in system_spellings("Вячеслав")  # the French system
    assert "vjaceslav" in system_spellings("Вячеслав")  # ISO 9, diacritics folded as a Latin list's are
    assert system_spellings("Олександр") != ()
    assert system_spellings("Їжакевич") == ()  # Ukrainian letters: read by the letter table alone
    assert system_spellings("Ivan") == ()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(GIVEN), st.sampled_from(PATRONYMIC), st.sampled_from(FAMILY), st.sampled_from(HELD_OUT))
def test_a_name_written_in_a_held_out_system_flags(given_name: str, middle: str, family: str, system) -> None:
    name = f"{given_name} {middle} {family}"
    listed = system.translate(name)
    assert _score(name, listed) >= MATCH_THRESHOLD, (name, listed)


def test_patronymic_form() -> None:
    for word in ("mikhaylovich", "sergeevna", "ivanivna", "petrovych", "ilinichna"):
        assert is_patronymic(word)
    for word in ("ivanov", "vich", "ilyich", "petrova", "kovalenko"):
        assert not is_patronymic(word)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(GIVEN), st.sampled_from(PATRONYMIC), st.sampled_from(FAMILY))
def test_a_patronymic_the_list_leaves_out_in_either_order(given_name: str, middle: str, family: str) -> None:
    latin = iuliia.BGN_PCGN
    short = f"{latin.translate(given_name)} {latin.translate(family).upper()}"
    full = f"{latin.translate(given_name)} {latin.translate(middle)} {latin.translate(family).upper()}"
    assert _score(f"{family} {given_name} {middle}", short) >= MATCH_THRESHOLD
    assert _score(f"{given_name} {middle} {family}", short) >= MATCH_THRESHOLD
    assert _score(f"{family} {given_name}", full) >= MATCH_THRESHOLD


def test_a_patronymic_form_does_not_excuse_another_surname() -> None:
    # the query's "-evich" word is a surname of its own here: the listed surname is unaligned, no omission
    assert _score("Иван Лукашевич", "Ivan PETROV") < MATCH_THRESHOLD
    assert _score("Петров Иван Сергеевич", "Ivan SIDOROV") < MATCH_THRESHOLD


def test_han_readings() -> None:
    assert is_han("张晓明") and not is_han("Zhang")
    assert {"zhang xiao ming", "chang hsiao ming"} <= set(han_readings("张晓明"))
    assert "zeng guo fan" in han_readings("曾国藩")  # the surname reading of 曾 (ceng elsewhere)
    assert han_readings("Ivan") == () and han_readings("김정은") == ()


def test_hangul_readings() -> None:
    assert is_hangul("김정은") and not is_hangul("金正恩")
    assert hangul_readings("김정은") == ("gim jeong eun", "kim jong un")
    assert block_spellings("택") == ("taek", "thaek")
    assert "ri yong ho" in hangul_readings("리영호")
    # McCune-Reischauer voices a plain stop inside the given name, not where the given name opens
    assert "han yong bo" in hangul_readings("한영보") and "han yong po" in hangul_readings("한영보")
    assert "song min gon" in hangul_readings("송 민건")
    assert "kim gyong hui" not in hangul_readings("김경희")
    assert readings("Ivan") == ()


@given(st.text(alphabet="".join(chr(c) for c in range(0xAC00, 0xAC00 + 400, 7)) + " ", max_size=12))
def test_hangul_readings_are_ascii_syllables(text: str) -> None:
    for reading in hangul_readings(text):
        assert reading.isascii()
        assert len(reading.split()) == sum(1 for ch in text if not ch.isspace())


def _index():
    return build_index(
        [
            {"id": "c1", "schema": "Person", "dataset": "t", "properties": {"name": ["ZHANG Xiaoming"]}},
            {"id": "c2", "schema": "Person", "dataset": "t", "properties": {"name": ["CHANG Hsiao-wen"]}},
            {"id": "k1", "schema": "Person", "dataset": "t", "properties": {"name": ["PAK Yong Chol"]}},
            {"id": "k2", "schema": "Person", "dataset": "t", "properties": {"name": ["Seo Ji-hun"]}},
            {"id": "k3", "schema": "Person", "dataset": "t", "properties": {"name": ["SONG Min Gon"]}},
            {"id": "o1", "schema": "Person", "dataset": "t", "properties": {"name": ["Ivan PETROV"]}},
        ]
    )


def test_chinese_and_korean_names_flag_their_latin_entries() -> None:
    index = _index()
    for query, entry in (("张晓明", "c1"), ("张孝文", "c2"), ("박영철", "k1"), ("서지훈", "k2"), ("송민건", "k3")):
        hits = index.match(Query([query], schema="Person"), limit=1)
        assert hits and hits[0].entry_id == entry and hits[0].match, (query, hits)


def test_other_chinese_and_korean_names_do_not_flag() -> None:
    index = _index()
    for query in ("张晓平", "王晓明", "박영수", "김지훈", "송민군", "송안건"):
        hits = index.match(Query([query], schema="Person"), limit=1)
        assert not (hits and hits[0].match), (query, hits)


def test_a_transcribed_foreign_name_keeps_its_words() -> None:
    """Chinese writes a foreign name syllable by syllable with an interpunct between its words: each word's
    syllables are one Latin word."""
    assert han_readings("约翰·史密斯")[0] == "yuehan shimisi"
    assert all(len(r.split()) == 2 for r in han_readings("约翰·史密斯"))


def test_kind_words_and_places_of_bodies_read_in_english() -> None:
    """A Chinese or Korean company's name: its kind of business and places known by an English name read as a
    Latin list translates them, legal forms as nothing, the name itself romanised (invented companies)."""
    assert "hong yuan shipping hong kong" in han_readings("宏远船务(香港)有限公司")
    assert "qing dao hai de trading" in han_readings("青島海德貿易有限公司")  # traditional characters
    assert "korea han bit trading" in hangul_readings("조선한빛무역회사")
    assert han_readings("张晓明") == ("zhang xiao ming", "chang hsiao ming")  # a person's name: no terms
    listed = {
        "h1": "HONGYUAN SHIPPING (HONG KONG) LIMITED",
        "h2": "QINGDAO HAIDE TRADING CO., LTD.",
        "h3": "KOREA HANBIT TRADING CORPORATION",
    }
    index = build_index(
        [{"id": k, "schema": "Company", "dataset": "t", "properties": {"name": [v]}} for k, v in listed.items()]
    )
    for query, entry in (("宏远船务(香港)有限公司", "h1"), ("青岛海德贸易有限公司", "h2"), ("조선한빛무역회사", "h3")):
        hits = index.match(Query([query], schema="Company"), limit=1)
        assert hits and hits[0].entry_id == entry and hits[0].match, (query, hits)
    for query in ("广远船务有限公司", "青岛海信贸易有限公司", "조선한길무역회사"):  # another company of the same kind
        hits = index.match(Query([query], schema="Company"), limit=1)
        assert not (hits and hits[0].match), (query, hits)
