"""Hostile and awkward inputs the readers used to lose in silence (issue 10 items 5 and 9), fast versions.

The slow end-to-end corpus is ``tests/reliability/test_hostile_inputs.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatgraph import pipeline
from threatgraph.ingest.decode import utf16_without_bom
from threatgraph.ingest.html import MAX_DEPTH, nesting_depth
from threatgraph.ingest.limits import MAX_ARTICLE_CHARS, MAX_HTML_BYTES
from threatgraph.ingest.paths import read_bytes, read_paths
from threatgraph.model import Analysis, Article, IngestFailure

TEXT = "Militants attacked a checkpoint near Herat on Monday, officials said. Police arrested two men in Quetta."


def _one(items: Iterable[Article | IngestFailure]) -> Article | IngestFailure:
    [item] = list(items)
    return item


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(enc: str) -> None:
    art = _one(read_bytes(TEXT.encode(enc), "w.txt"))
    assert isinstance(art, Article) and art.text == TEXT
    page = f"<html><head><title>T</title></head><body><p>{TEXT}</p></body></html>".encode(enc)
    assert isinstance(_one(read_bytes(page, "w.html")), Article)


def test_utf16_without_bom_that_cannot_be_proven_says_how_to_fix_it() -> None:
    fail = _one(read_bytes("مسلحون هاجموا نقطة تفتيش".encode("utf-16-le"), "a.txt"))
    assert isinstance(fail, IngestFailure) and "byte-order mark" in fail.reason


def test_utf16_json_lines_get_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(('{"text": "' + TEXT + '"}\n').encode("utf-16-le"))
    fail = _one(read_paths([path]))
    assert isinstance(fail, IngestFailure) and "must be UTF-8" in fail.reason and "UTF-16-LE" in fail.reason


@given(st.binary(max_size=600))
def test_utf16_detection_never_raises(data: bytes) -> None:
    assert utf16_without_bom(data) in (None, "utf-16-le", "utf-16-be")


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), min_size=2, max_size=300))
def test_latin_text_in_utf16_is_always_recognised(text: str) -> None:
    assert utf16_without_bom(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(text.encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(text.encode("utf-8")) is None


@pytest.mark.parametrize("depth", [300, 3_000])
@pytest.mark.parametrize("tag", ["div", "span", "b"])
def test_deeply_nested_page_keeps_its_text(depth: int, tag: str) -> None:
    body = f"<{tag}>" * depth + f"<p>{TEXT}</p>" + f"</{tag}>" * depth
    page = f"<html><head><title>Deep</title></head><body>{body}</body></html>"
    assert nesting_depth(page) > MAX_DEPTH
    art = _one(read_bytes(page.encode(), "deep.html"))
    assert isinstance(art, Article) and "checkpoint near Herat" in art.text


def test_nesting_that_cannot_be_flattened_is_refused_not_emptied() -> None:
    page = "<html><body>" + "<ul><li>x" * 400 + f"<p>{TEXT}</p>" + "</li></ul>" * 400 + "</body></html>"
    fail = _one(read_bytes(page.encode(), "lists.html"))
    assert isinstance(fail, IngestFailure) and "nested" in fail.reason


def test_dangling_symlinks_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(TEXT)
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    items = list(read_paths([folder, folder / "gone.txt"]))
    fails = [i for i in items if isinstance(i, IngestFailure)]
    assert [f.source for f in fails] == [str(folder / "gone.txt")] * 2
    assert all("dangling symbolic link" in f.reason for f in fails)
    assert sum(isinstance(i, Article) for i in items) == 1


def test_oversized_web_page_is_refused_before_parsing() -> None:
    page = b"<html><body><p>" + b"word " * (MAX_HTML_BYTES // 5) + b"</p></body></html>"
    fail = _one(read_bytes(page, "big.html"))
    assert isinstance(fail, IngestFailure) and "limit for HTML" in fail.reason


class _Recorder:
    def __init__(self) -> None:
        self.seen: list[int] = []

    def analyse(self, arts: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
        for art in arts:
            self.seen.append(len(art.text))
            yield Analysis(article=art)


def test_overlong_article_never_reaches_the_extractor(store) -> None:
    rec = _Recorder()
    long = Article(text="word " * (MAX_ARTICLE_CHARS // 5 + 1), source="long.txt")
    report = pipeline.ingest_items(store, [long, Article(text=TEXT, source="ok.txt")], extractor=rec, hooks=())
    assert rec.seen == [len(TEXT)] and len(report.ingested) == 1
    [fail] = report.failed
    assert fail.source == "long.txt" and "character limit per article" in fail.reason
    report = pipeline.ingest_items(store, [long], extractor=rec, hooks=(), max_chars=len(long.text))
    assert len(report.ingested) == 1  # the limit is the caller's to raise
