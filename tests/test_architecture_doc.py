"""``docs/ARCHITECTURE.md`` names where to change what; every path it names must exist, or the page has rotted."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ARCHITECTURE.md"


def named_paths(text: str) -> list[str]:
    """Every backticked repository path in the text (``src/…``, ``tests/…``, ``docs/…``)."""
    return re.findall(r"`((?:src|tests|docs)/[^`\s]+)`", text)


def test_every_path_the_architecture_page_names_exists() -> None:
    paths = named_paths(DOC.read_text(encoding="utf-8"))
    assert len(paths) >= 10, "the page should name the module for each kind of change"
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"


def test_the_page_covers_the_changes_a_newcomer_asks_about() -> None:
    rows = DOC.read_text(encoding="utf-8")
    for change in ("sanctions-list format", "event pattern", "a page", "export format", "name vocabulary entry"):
        assert f"| {change}" in rows or f"| a {change}" in rows or f"| an {change}" in rows, change


def test_named_paths_finds_paths_and_misses_prose() -> None:
    assert named_paths("see `src/a/b.py` and `FORMATS`, `tests/x.py`") == ["src/a/b.py", "tests/x.py"]


def test_the_stage_order_on_the_page_is_the_tested_one() -> None:
    from test_architecture import LAYERS

    text = " ".join(DOC.read_text(encoding="utf-8").split())
    order = " → ".join(", ".join(layer) for layer in LAYERS)
    assert order in text, f"docs/ARCHITECTURE.md should spell the stage order as: {order}"
