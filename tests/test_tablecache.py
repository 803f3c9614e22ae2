"""Tables kept on disk between processes: read back only under the key of what they were built from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from threatgraph import tablecache
from threatgraph.tablecache import CACHE_VAR, disk_table, inputs_key, load_or_build


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "tables"
    monkeypatch.setenv(CACHE_VAR, str(where))
    return where


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_a_table_is_built_once_and_then_read_from_disk(folder: Path) -> None:
    calls, build = _counting(frozenset({"velmar", "port orrant"}))
    first = load_or_build("towns", build, key="k1")
    again = load_or_build("towns", build, key="k1")  # what a new process does: nothing in memory, the file there
    assert first == again == frozenset({"velmar", "port orrant"})
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == ["towns-k1.pickle"]


def test_a_new_key_rebuilds_and_replaces_the_old_table(folder: Path) -> None:
    load_or_build("towns", lambda: {"velmar"}, key="k1")
    calls, build = _counting({"sarnath"})
    assert load_or_build("towns", build, key="k2") == {"sarnath"}
    assert len(calls) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["towns-k2.pickle"]


def test_a_truncated_file_is_rebuilt(folder: Path) -> None:
    load_or_build("towns", lambda: list(range(1000)), key="k1")
    path = folder / "towns-k1.pickle"
    path.write_bytes(path.read_bytes()[:20])
    calls, build = _counting([1, 2])
    assert load_or_build("towns", build, key="k1") == [1, 2]
    assert calls == [1]
    assert load_or_build("towns", lambda: None, key="k1") == [1, 2]  # the rebuilt table was written


def test_off_and_an_unwritable_directory_only_cost_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_VAR, "off")
    calls, build = _counting({"velmar"})
    assert load_or_build("towns", build, key="k1") == {"velmar"}
    assert load_or_build("towns", build, key="k1") == {"velmar"}
    assert len(calls) == 2
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(CACHE_VAR, str(blocked / "tables"))
    assert load_or_build("towns", build, key="k1") == {"velmar"}


def test_the_key_changes_with_any_package_file_and_any_installed_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "code.py").write_text("X = 1\n")
    (package / "data" / "words.yaml").write_text("words: [velmar]\n")
    base = inputs_key(package)
    assert inputs_key(package) == base
    (package / "data" / "words.yaml").write_text("words: [velmar, sarnath]\n")
    edited = inputs_key(package)
    assert edited != base
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "code.cpython-311.pyc").write_bytes(b"compiled")
    assert inputs_key(package) == edited  # compiled files follow the code: not an input of their own
    site = tmp_path / "site"
    (site / "orrant_places-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    upgraded = inputs_key(package)
    assert upgraded != edited
    (site / "orrant_places-1.0.dist-info").rename(site / "orrant_places-1.1.dist-info")
    assert inputs_key(package) not in (edited, upgraded)


def test_disk_table_memoises_in_the_process_and_files_under_the_package_key(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tablecache, "_key", lambda: "pkgkey")
    calls: list[int] = []

    @disk_table("ports")
    def ports() -> tuple[str, ...]:
        calls.append(1)
        return ("port velmar",)

    assert ports() == ports() == ("port velmar",)
    assert calls == [1]
    ports.cache_clear()  # type: ignore[attr-defined] - a new process: the memo is empty, the file is there
    assert ports() == ("port velmar",)
    assert calls == [1]
    assert (folder / "ports-pkgkey.pickle").is_file()


def test_the_place_tables_read_from_disk_equal_the_tables_built(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from threatgraph.extract import places

    for table in (places._place_names, places._place_keys):
        table.cache_clear()  # type: ignore[attr-defined]
        built = table()
        table.cache_clear()  # type: ignore[attr-defined]
        assert any(folder.iterdir())
        assert table() == built and len(built) > 1000
        table.cache_clear()  # type: ignore[attr-defined]
        monkeypatch.setenv(CACHE_VAR, "off")
        assert table() == built
        monkeypatch.setenv(CACHE_VAR, str(folder))
