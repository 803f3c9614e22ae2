"""Plain-text reader: front matter, "Source » outlet", and every way a text file can be bad."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.ingest import InputError, partition, read_paths
from threatgraph.ingest.text import parse_text, split_front_matter, split_source_line
from threatgraph.model import Article, content_hash

STORY = "Police in Quetta arrested three men on Monday.\n\nThe men were accused of recruiting teenagers."


def test_front_matter_sets_metadata_and_is_not_part_of_the_text() -> None:
    text = (
        "---\nnote: invented\nurl: https://x.example/a\noutlet: The Ledger\ntitle: Arrests in Quetta\n"
        "published: 2022-08-15\nlang: EN\n---\n" + STORY + "\n"
    )
    art = parse_text(text, "a.txt")
    assert art.text == STORY
    assert (art.url, art.outlet, art.title, art.published, art.lang) == (
        "https://x.example/a",
        "The Ledger",
        "Arrests in Quetta",
        date(2022, 8, 15),
        "en",
    )
    assert art.source == "a.txt"
    assert art.id == content_hash(STORY)


def test_loose_front_matter_that_is_not_yaml_is_read_line_by_line() -> None:
    text = "---\ntitle: Iran: a proxy war: part 2\npublished: 3 September 2022\n---\n" + STORY
    art = parse_text(text, "a.txt")
    assert art.title == "Iran: a proxy war: part 2"
    assert art.published == date(2022, 9, 3)


def test_front_matter_aliases_from_fields_yaml() -> None:
    art = parse_text("---\nheadline: H\nlink: https://l.example\ndate: 2021-03-01T10:00:00Z\n---\n" + STORY, "a")
    assert (art.title, art.url, art.published) == ("H", "https://l.example", date(2021, 3, 1))


def test_no_front_matter_means_all_text() -> None:
    art = parse_text(STORY, "a.txt")
    assert art.text == STORY and art.title is None and art.published is None


def test_a_leading_rule_without_front_matter_is_text() -> None:
    assert parse_text("----- \nLead.\n", "a").text == "----- \nLead."


def test_unclosed_front_matter_is_an_error() -> None:
    with pytest.raises(InputError, match="never closed"):
        parse_text("---\ntitle: x\n" + STORY, "a.txt")


def test_front_matter_that_is_a_list_is_an_error() -> None:
    with pytest.raises(InputError, match="front matter"):
        parse_text("---\n- a\n- b\n---\n" + STORY, "a.txt")


def test_front_matter_without_body_is_an_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        parse_text("---\ntitle: x\n---\n\n  \n", "a.txt")


def test_bad_published_date_names_the_value() -> None:
    with pytest.raises(InputError, match="'someday soon'"):
        parse_text("---\npublished: someday soon\n---\n" + STORY, "a.txt")


def test_wrongly_typed_field_is_an_error() -> None:
    with pytest.raises(InputError, match="'title' must be text"):
        parse_text("---\ntitle: [a, b]\n---\n" + STORY, "a.txt")


@pytest.mark.parametrize("arrow", ["»", ">>"])
def test_trailing_source_line_is_the_outlet(arrow: str) -> None:
    art = parse_text(STORY + f"\n\nSource {arrow} arabnews\n", "a.txt")
    assert art.outlet == "arabnews"
    assert art.text == STORY


def test_front_matter_outlet_wins_over_source_line() -> None:
    art = parse_text("---\noutlet: The Ledger\n---\n" + STORY + "\nSource » Wire\n", "a.txt")
    assert art.outlet == "The Ledger"
    assert "Source »" not in art.text


@pytest.mark.parametrize(("tag", "lang"), [("en-GB", "en"), ("AR_sy", "ar"), ("", "en"), ("1234", "en")])
def test_language_tag_is_reduced_to_its_primary_subtag(tag: str, lang: str) -> None:
    assert parse_text(f"---\nlang: '{tag}'\n---\n" + STORY, "a").lang == lang


def test_a_closing_source_colon_line_is_story_text() -> None:
    body = "Police gave no details.\nSource: a police officer"
    assert split_source_line(body) == (body, None)


def test_source_word_inside_the_story_is_kept() -> None:
    body = "Source » one said this.\n\nThe police said nothing more about the case."
    assert split_source_line(body) == (body, None)


def test_empty_and_whitespace_files_fail(write) -> None:
    _, fails = partition(read_paths([write("e.txt", ""), write("w.txt", " \n\t\n")]))
    assert [f.reason for f in fails] == ["empty file", "empty file"]
    assert fails[0].source.endswith("e.txt")


def test_binary_file_fails_with_its_kind(write) -> None:
    path = write("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    [fail] = list(read_paths([path]))
    assert fail.source == str(path) and "PDF" in fail.reason


def test_nul_bytes_mean_binary(write) -> None:
    [fail] = list(read_paths([write("x.txt", b"abc\x00\x01\x02def")]))
    assert "binary" in fail.reason


def test_undecodable_text_names_the_byte(write) -> None:
    [fail] = list(read_paths([write("latin1.txt", "Caf\u00e9 society".encode("latin-1"))]))
    assert "cannot decode as UTF-8" in fail.reason and "0xe9" in fail.reason


def test_utf8_bom_and_utf16_are_read(write) -> None:
    a = write("bom.txt", b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    b = write("u16.txt", STORY.encode("utf-16"))
    arts, fails = partition(read_paths([a, b]))
    assert not fails
    assert [x.text for x in arts] == [STORY, STORY]
    assert arts[0].id == arts[1].id


def test_crlf_and_lf_are_the_same_article(write) -> None:
    a = write("a.txt", STORY.replace("\n", "\r\n"))
    b = write("b.txt", STORY)
    arts, _ = partition(read_paths([a, b]))
    assert arts[0].text == arts[1].text and arts[0].id == arts[1].id


def test_arabic_script_survives(write) -> None:
    [art] = list(read_paths([write("ar.txt", "لواء الفجر (Liwa al-Fajr) recruited fighters in 2019.")]))
    assert isinstance(art, Article) and art.text.startswith("لواء الفجر")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.builds(
            lambda meta, body: f"---\n{meta}\n---\n{body}",
            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
            st.text(max_size=200),
        ),
        st.builds(
            lambda k, v, body: f"---\n{k}: {v}\n---\n{body}",
            st.sampled_from(["title", "published", "date", "url", "outlet", "lang", "note", "text"]),
            st.text(max_size=60).filter(lambda s: "\n" not in s and "\r" not in s),
            st.text(max_size=100),
        ),
    )
)
def test_text_parser_never_crashes(text: str) -> None:
    """Any input is an Article (with non-empty text) or an InputError with a reason."""
    try:
        art = parse_text(text, "fuzz.txt")
    except InputError as exc:
        assert str(exc)
    else:
        assert art.text.strip() and art.source == "fuzz.txt" and len(art.id) == 40


@given(st.dictionaries(st.sampled_from(["title", "url", "outlet"]), st.text(alphabet="abc xyz-.", min_size=1)))
def test_front_matter_round_trip(meta: dict[str, str]) -> None:
    block = "".join(f"{k}: '{v}'\n" for k, v in meta.items())
    parsed, body = split_front_matter(f"---\n{block}---\nBody.")
    assert body == "Body."
    assert {k: str(v) for k, v in parsed.items()} == meta
