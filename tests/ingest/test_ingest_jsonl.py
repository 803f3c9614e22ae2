"""JSON-lines reader: one article per line; each bad line is its own failure with its line number."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.ingest import InputError, partition, read_paths
from threatgraph.ingest.jsonl import parse_line
from threatgraph.ingest.samples import samples_dir

ITEM = {"text": "Police arrested two men in Karachi.", "title": "Arrests", "published": "2023-01-02", "outlet": "W"}


def line(**kw: object) -> str:
    return json.dumps({**ITEM, **kw}, ensure_ascii=False)


def test_bundled_jsonl_sample() -> None:
    arts, fails = partition(read_paths([samples_dir() / "briefs.jsonl"]))
    assert not fails and len(arts) == 2
    assert arts[0].source.endswith("briefs.jsonl:1") and arts[1].source.endswith("briefs.jsonl:2")
    assert arts[0].outlet == "Wire Briefs" and arts[0].published == date(2023, 3, 14)


def test_bad_lines_are_reported_by_line_and_the_rest_goes_on(write) -> None:
    content = "\n".join(
        [
            line(),
            '{"text": "broken", ',
            "",
            "[1, 2]",
            json.dumps({"title": "no text"}),
            line(text="Second good article about the Fajr Brigade.", published="not a date at all"),
            line(text="Third good article.", title=None),
        ]
    )
    path = write("mixed.jsonl", content)
    arts, fails = partition(read_paths([path]))
    assert [a.source for a in arts] == [f"{path}:1", f"{path}:7"]
    assert [f.source for f in fails] == [f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:6"]
    assert "invalid JSON" in fails[0].reason
    assert "expected a JSON object" in fails[1].reason
    assert "no article text" in fails[2].reason
    assert "publication date" in fails[3].reason


def test_gigantic_line_is_skipped_by_line_number(write) -> None:
    big = line(text="x " * 5000)
    path = write("big.jsonl", "\n".join([line(), big, line(text="After the big one.")]) + "\n")
    arts, fails = partition(read_paths([path], max_bytes=2000))
    assert [a.source for a in arts] == [f"{path}:1", f"{path}:3"]
    assert [f.source for f in fails] == [f"{path}:2"]
    assert "2,000-byte limit" in fails[0].reason


def test_undecodable_line(write) -> None:
    path = write("enc.jsonl", line().encode() + b"\n" + b'{"text": "caf\xe9"}\n')
    arts, fails = partition(read_paths([path]))
    assert len(arts) == 1 and fails[0].source == f"{path}:2" and "not UTF-8" in fails[0].reason


def test_empty_jsonl(write) -> None:
    [fail] = list(read_paths([write("e.jsonl", "\n\n")]))
    assert fail.reason == "empty file"


def test_json_object_in_unknown_extension_is_sniffed(write) -> None:
    [art] = list(read_paths([write("export.dat", line() + "\n")]))
    assert art.title == "Arrests"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200),
        st.dictionaries(
            st.sampled_from(["text", "title", "url", "published", "outlet", "lang", "body", "date", "x"]),
            st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40), st.lists(st.text())),
        ).map(json.dumps),
    )
)
def test_jsonl_parser_never_crashes(raw: str | bytes) -> None:
    try:
        art = parse_line(raw, "f.jsonl:1")
    except InputError as exc:
        assert str(exc)
    else:
        assert art.text.strip() and art.source == "f.jsonl:1"


def test_mongoexport_style_keys(write) -> None:
    row = {"_id": "1", "sourceName": "Ministry", "sourceUrl": "https://m.example/1", "title": "T", "text": "Body text."}
    [art] = list(read_paths([write("docs.json", json.dumps(row))]))
    assert (art.outlet, art.url, art.title) == ("Ministry", "https://m.example/1", "T")


def test_shared_re3d_documents_read_as_json_lines(shared_data) -> None:
    files = sorted((shared_data / "eval" / "re3d").glob("*/documents.json"))
    if not files:
        pytest.skip("re3d documents not present")
    arts, fails = partition(read_paths(files))
    assert not fails and arts
    assert all(a.url and a.outlet and a.title for a in arts)


def test_author_as_text_list_or_json_ld_objects() -> None:
    from threatgraph.ingest.fields import article_from

    body = "Police arrested two men near the port on Friday."
    assert article_from({"author": "A. Writer"}, body, "x").author == "A. Writer"
    assert article_from({"authors": ["A. Writer", "B. Reporter"]}, body, "x").author == "A. Writer, B. Reporter"
    assert article_from({"byline": [{"@type": "Person", "name": "C. Desk"}]}, body, "x").author == "C. Desk"
    assert article_from({"author": []}, body, "x").author is None
    assert article_from({}, body, "x").author is None
