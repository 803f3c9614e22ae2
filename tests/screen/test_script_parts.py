"""Arabic-script name parts weighed and read as the Latin lists write them (issue 13, session 12): the patronymic
as a particle, the kha spelled "ch", a long a opening a word, a translated kind word behind a clitic. Every name here
is invented for the test."""

from __future__ import annotations

from threatgraph.names.translit import consonant_keys, part_key, part_similarity, script_keys
from threatgraph.screen.index import build_index
from threatgraph.screen.query import Query


def entry(entry_id: str, schema: str, **props: list[str]) -> dict:
    return {"id": entry_id, "schema": schema, "properties": props, "dataset": "test"}


def test_patronymics_of_the_script_are_read_as_the_latin_particle() -> None:
    assert part_key("بن").patronymic in {"bin", "ben"}
    assert part_key("ابن").patronymic == "ibn"
    assert part_key("بنت").patronymic in {"bint", "bent"}
    assert part_key("ولد").patronymic == "ould"
    # a written long vowel makes a name of the same consonants ("بان", "بين"), as does any other word
    assert not part_key("بان").patronymic
    assert not part_key("بين").patronymic
    assert not part_key("وليد").patronymic
    assert not part_key("حسن").patronymic


def test_a_patronymic_the_list_leaves_out_weighs_as_the_latin_particle() -> None:
    index = build_index([entry("p1", "Person", name=["Taysir Kamil HADDAWI"])])
    with_bin = index.match(Query(["تيسير كامل بن هداوي"], schema="Person"), limit=1)
    assert with_bin and with_bin[0].match
    # the weight follows the particle, not any unaligned word: another name word in its place does not flag
    other = index.match(Query(["تيسير كامل نبيل هداوي"], schema="Person"), limit=1)
    assert other and with_bin[0].score > other[0].score


def test_kha_is_also_spelled_ch() -> None:
    assert consonant_keys("mochtar") & script_keys("مختار")
    assert part_similarity(part_key("بريخ"), "barich") >= 0.9
    index = build_index([entry("p1", "Person", name=["Nasim Barich KHUDAYAR"])])
    hits = index.match(Query(["نسيم بريخ خدايار"], schema="Person"), limit=1)
    assert hits and hits[0].match


def test_a_long_a_opening_the_word_is_written_a() -> None:
    amer = part_key("عامر")
    assert part_similarity(amer, "amer") >= 0.9
    assert part_similarity(amer, "aamir") >= 0.9
    assert part_similarity(amer, "umar") < 0.8  # "عمر" is Umar and Omar; "عامر" is not
    assert part_similarity(part_key("عمر"), "umar") >= 0.9
    assert part_similarity(part_key("آزاد"), "azad") >= 0.9


def test_an_opening_ch_is_no_kha() -> None:
    # "Ch" opening a Latin name is the ch of Chinese, Thai or Spanish names: only inside a word is it a kha
    assert not consonant_keys("chorasin") & script_keys("خراسان")
    assert consonant_keys("khorasan") & script_keys("خراسان")
    index = build_index([entry("p1", "Person", name=["Wilai CHORASIN"])])
    hits = index.match(Query(["ولاية خراسان"]), limit=1)
    assert not hits or not hits[0].match


def test_a_translated_kind_word_joined_to_a_preposition_and_the_article_aligns() -> None:
    from threatgraph.screen.queryprep import query_tokens

    assert query_tokens("سلسلة النور للصرافة")[0][-1] == "exchange"  # li-l + sirafa: "for the exchange"
    assert query_tokens("صرافی روشنک")[0][0] == "exchange"
    assert query_tokens("للولي")[0] != ("exchange",)  # only a kind word is read behind the clitic
    index = build_index(
        [entry("o1", "Organization", name=["AL-NURIYA EXCHANGE"]), entry("o2", "Organization", name=["AL-NURIYA"])]
    )
    hits = index.match(Query(["النورية للصرافة"], schema="Organization"), limit=2)
    assert hits and hits[0].entry_id == "o1" and hits[0].match
    assert hits[1].score < hits[0].score
