"""Walking inputs: directory recursion, format sniffing, size limit, missing paths, publication dates."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatgraph.ingest import InputError, iter_files, partition, read_paths
from threatgraph.ingest.dates import parse_published
from threatgraph.ingest.samples import samples_dir
from threatgraph.ingest.sniff import sniff
from threatgraph.model import Article


def test_bundled_samples_all_read() -> None:
    arts, fails = partition(read_paths([samples_dir()]))
    assert not fails
    assert len(arts) == 9  # 4 txt + 1 html + 2 jsonl + 2 feed items; README.md is not an article
    assert len({a.id for a in arts}) == 9
    assert all(a.published and a.outlet and a.title for a in arts)
    assert {a.outlet for a in arts if a.source.endswith("karachi-arrests.txt")} == {"Harbour Times"}


def test_top_level_samples_is_the_package_copy() -> None:
    root = Path(__file__).resolve().parents[2]
    assert (root / "samples").resolve() == samples_dir().resolve()


def test_directory_recursion_order_and_skips(write, tmp_path: Path) -> None:
    write("in/b.txt", "Second article text.")
    write("in/a.txt", "First article text.")
    write("in/sub/deeper/c.txt", "Deep article text.")
    write("in/.hidden.txt", "Hidden text.")
    write("in/.git/d.txt", "Inside a hidden folder.")
    write("in/README.md", "Not an article.")
    write("in/image.png", b"\x89PNG\r\n")
    arts, fails = partition(read_paths([tmp_path / "in"]))
    assert not fails
    names = [Path(a.source).relative_to(tmp_path / "in").as_posix() for a in arts]
    assert names == ["a.txt", "b.txt", "sub/deeper/c.txt"]


def test_explicit_file_with_unknown_extension_is_read(write) -> None:
    [art] = list(read_paths([write("story.md", "A story in markdown.")]))
    assert isinstance(art, Article) and art.text == "A story in markdown."


def test_symlink_loop_does_not_hang(write, tmp_path: Path) -> None:
    write("loop/a.txt", "Article in a looped folder.")
    os.symlink(tmp_path / "loop", tmp_path / "loop" / "again")
    assert len(list(iter_files([tmp_path / "loop"]))) == 1


def test_missing_path_fails_and_batch_goes_on(write, tmp_path: Path) -> None:
    good = write("good.txt", "Good article text.")
    items = list(read_paths([tmp_path / "missing.txt", good]))
    assert items[0].source == str(tmp_path / "missing.txt") and items[0].reason == "no such file or directory"
    assert isinstance(items[1], Article)


def test_size_limit(write) -> None:
    path = write("big.txt", "word " * 400)
    [fail] = list(read_paths([path], max_bytes=1000))
    assert fail.source == str(path) and "2.0 KB, over the 1.0 KB size limit" in fail.reason
    [art] = list(read_paths([path], max_bytes=2000))
    assert isinstance(art, Article)


def test_unreadable_file(write) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = write("locked.txt", "x")
    path.chmod(0)
    [fail] = list(read_paths([path]))
    assert "cannot read" in fail.reason


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Plain story.", "text"),
        ("a.txt", b"\n  <!doctype html><html>", "html"),
        ("a.dat", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("a.xml", b"<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("a.xhtml", b"<?xml version='1.0'?><!DOCTYPE html><html>", "html"),
        ("a.json", b'{"text": "x"}', "jsonl"),
        ("a", b'{"text": "x"}', "jsonl"),
        ("a.txt", b"{braces} open this story", "text"),
        ("a.htm", b"no markup yet", "html"),
        ("a", "<html><body>".encode("utf-16"), "html"),
    ],
)
def test_sniff(name: str, head: bytes, expected: str) -> None:
    assert sniff(Path(name), head) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2022-08-15", date(2022, 8, 15)),
        ("2022-08-15T23:10:00Z", date(2022, 8, 15)),
        ("Mon, 15 Aug 2022 10:00:00 +0000", date(2022, 8, 15)),
        ("15 August 2022", date(2022, 8, 15)),
        ("August 2022", date(2022, 8, 1)),
        (date(2021, 3, 1), date(2021, 3, 1)),
        (datetime(2021, 3, 1, 12), date(2021, 3, 1)),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday-ish", "0001-01-01", "2999-01-01", "x" * 100, ["2022"], True, "2022"])
def test_parse_published_refuses(value: object) -> None:
    with pytest.raises(InputError):
        parse_published(value)


def test_unreadable_subdirectory_is_named_and_walk_goes_on(write, tmp_path: Path, monkeypatch) -> None:
    write("in/a.txt", "Readable article.")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # as os.walk does when a sub-directory cannot be listed
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "in" / "locked")))
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(os, "walk", walk)
    arts, fails = partition(read_paths([tmp_path / "in"]))
    assert len(arts) == 1
    assert [(f.source, f.reason) for f in fails] == [
        (str(tmp_path / "in" / "locked"), "cannot read directory: Permission denied")
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ext=st.sampled_from([".txt", ".html", ".jsonl", ".xml", ".rss", ".bin", ""]),
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda t: t.encode("utf-8")),
        st.sampled_from([b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item>", b'{"text": "a"']).flatmap(
            lambda head: st.binary(max_size=200).map(lambda tail: head + tail)
        ),
    ),
)
def test_any_file_is_articles_or_named_failures(tmp_path: Path, ext: str, data: bytes) -> None:
    """Whatever the bytes, reading yields Articles with text or failures naming this file, never an exception."""
    path = tmp_path / f"fuzz{ext}"
    path.write_bytes(data)
    for item in read_paths([path], max_bytes=500):
        if isinstance(item, Article):
            assert item.text.strip() and item.source.startswith(str(path))
        else:
            assert item.source.startswith(str(path)) and item.reason


def test_estimate_items_counts_lines_items_and_files(write, tmp_path: Path) -> None:
    from threatgraph.ingest import estimate_items

    write("in/a.txt", "One.")
    write("in/b.jsonl", '{"text": "x"}\n{"text": "y"}\n{"text": "z"}')
    item = "<item><title>t</title><description>d</description></item>"
    write("in/f.xml", f"<?xml version='1.0'?><rss><channel>{item * 4}</channel></rss>")
    assert estimate_items([tmp_path / "in", tmp_path / "missing"]) == 1 + 3 + 4 + 1
    assert estimate_items([samples_dir()]) == len(list(read_paths([samples_dir()])))


def test_stdin_is_sniffed_and_named(monkeypatch) -> None:
    import io
    import sys

    lines = b'{"text": "Piped article one."}\n{"text": \n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    arts, fails = partition(read_paths(["-"]))
    assert [a.source for a in arts] == ["<stdin>:1"] and [f.source for f in fails] == ["<stdin>:2"]


def test_read_bytes_for_uploads() -> None:
    from threatgraph.ingest import read_bytes

    [art] = list(read_bytes(b"---\ntitle: Up\n---\nUploaded story.", "upload.txt"))
    assert art.title == "Up" and art.source == "upload.txt"
    [fail] = list(read_bytes(b"x" * 50, "big.txt", max_bytes=10))
    assert "size limit" in fail.reason
