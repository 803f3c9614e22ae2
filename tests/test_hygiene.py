"""Evaluation hygiene: no phrase of a gold or held-out file is written into ``src/``.

A rule that names the words of one test sentence passes that test and nothing else; the project fixes failure
classes with mechanisms (patterns in data, features, a better model of the phenomenon). This test reads every gold
file (bundled samples' gold, the held-out sets' gold and texts, gold under ``tests/`` and ``benchmarks/``, the dev
articles' gold wherever it is kept) and fails when any run of five words from them appears in a code or data file
of ``src/threatgraph`` (comments and docstrings included: an example sentence copied from the test set is how a
special case starts).

The gold quotes only short spans of the dev articles; the articles' own text (``../shared/data/articles/dev``) is
checked too, so a rule or comment written from reading an article is caught even where no gold file quotes it.
Public names and titles an article shares with the lexicons (an organisation's official name, a list's title, a
generic cue phrase) are allowed by ``hygiene_allow.txt`` next to this file, one phrase a line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "threatgraph"
WORDS = 5
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

#: Where gold and held-out material lives: the bundled samples' gold, and any file under tests/ or benchmarks/
#: whose name or folder says gold or held-out (so the dev articles' gold is found wherever it is kept).
GOLD_GLOBS = ("src/threatgraph/samples/*.gold.json", "tests/**/*", "benchmarks/**/*")
_GOLD_PATH = re.compile(r"gold|held.?out", re.IGNORECASE)
#: The dev articles: their text is held to the same rule as the gold written on them.
DEV_ARTICLES = (
    Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data" / "articles" / "dev" / "articles.jsonl"
)
#: Phrases of the dev articles that src may hold: public names and titles, generic cue phrases (one a line, # comments).
ALLOW_FILE = Path(__file__).with_name("hygiene_allow.txt")
#: Files of ``src`` that are test material themselves (the invented samples and demo list) or vendored code.
NOT_RULES = ("samples", "vendor")
#: Official names of public bodies: world knowledge that a lexicon may hold, not sentences of a test.
PUBLIC_NAMES = (
    "Office of Foreign Assets Control (OFAC)",  # with its official acronym, as the gazetteer lists both
    "United States Department of State",
    # names a sanctions list itself carries for a group (the link gold quotes them as surface forms)
    "Islamic State of Iraq and the Levant",
    "Islamic State of Iraq and Syria",
    "Islamic State of Iraq and Levant",  # the list name without its article (the gazetteer, the re3d gold)
    "Jama'at Nusrat al-Islam wal-Muslimin",  # SDN ent_num 24879; the event gold names it as a source
    "S. Rajaratnam School of International Studies",  # a research institute; extract/quotes.py cites it
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def runs(text: str, n: int = WORDS) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words of ``text`` (case and punctuation ignored)."""
    ws = words(text)
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def gold_files() -> list[Path]:
    found = {p for pattern in GOLD_GLOBS for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(
        p
        for p in found
        if p.suffix in (".json", ".jsonl", ".txt")
        and _GOLD_PATH.search(p.relative_to(ROOT).as_posix())
        and "__pycache__" not in p.parts
    )


def gold_runs() -> dict[tuple[str, ...], Path]:
    """Each five-word run of the gold material -> one file it comes from."""
    allowed = set().union(*(runs(name) for name in PUBLIC_NAMES))
    out: dict[tuple[str, ...], Path] = {}
    for path in gold_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            texts = list(_strings(json.loads(text)))
        elif path.suffix == ".jsonl":
            texts = [s for line in text.splitlines() if line.strip() for s in _strings(json.loads(line))]
        else:
            texts = [text]
        for t in texts:
            for run in runs(t) - allowed:
                out.setdefault(run, path)
    return out


def rule_files() -> list[Path]:
    suffixes = (".py", ".yaml", ".yml", ".toml", ".json", ".html", ".js", ".txt", ".md")
    return sorted(
        p
        for p in SRC.rglob("*")
        if p.is_file() and p.suffix in suffixes and not set(p.relative_to(SRC).parts) & set(NOT_RULES)
    )


def allowed_article_runs() -> set[tuple[str, ...]]:
    """The five-word runs the allow-list permits: every run of each listed phrase (and of the public names)."""
    lines = ALLOW_FILE.read_text(encoding="utf-8").splitlines()
    phrases = [line.split("#", 1)[0].strip() for line in lines]
    return set().union(*(runs(p) for p in (*PUBLIC_NAMES, *phrases) if p))


def article_runs(path: Path) -> dict[tuple[str, ...], str]:
    """Each five-word run of the dev articles' text (not their metadata) -> the id of one article holding it."""
    out: dict[tuple[str, ...], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, doc_id = record["text"], record["id"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise AssertionError(f"{path}:{number}: not an article record ({exc})") from exc
        for run in runs(text):
            out.setdefault(run, doc_id)
    return out


def src_phrases(material: dict[tuple[str, ...], Any], allowed: set[tuple[str, ...]]) -> list[str]:
    """Each (file, run) of ``src`` that is in ``material`` and not allowed, named with where it comes from."""
    found = []
    for path in rule_files():
        for run in sorted(runs(path.read_text(encoding="utf-8", errors="replace")) & material.keys() - allowed):
            found.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}' (from {material[run]})")
    return found


def test_there_is_gold_material_to_check() -> None:
    files = gold_files()
    assert any("heldout" in str(p) for p in files) and any(p.name.endswith(".gold.json") for p in files)


def test_no_gold_phrase_in_src() -> None:
    gold = gold_runs()
    found = []
    for path in rule_files():
        for run in sorted(runs(path.read_text(encoding="utf-8", errors="replace")) & gold.keys()):
            found.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}' (from {gold[run].relative_to(ROOT)})")
    assert not found, "phrases of gold/held-out files in src (write the rule as a mechanism):\n" + "\n".join(found)


def test_no_dev_article_phrase_in_src() -> None:
    if not DEV_ARTICLES.is_file():
        pytest.skip(f"dev articles not found at {DEV_ARTICLES}")
    found = src_phrases(article_runs(DEV_ARTICLES), allowed_article_runs())
    assert not found, (
        "phrases of the dev articles in src (rephrase; a public name or title goes in tests/hygiene_allow.txt):\n"
        + "\n".join(found)
    )


def test_the_article_check_finds_a_copied_phrase(tmp_path: Path) -> None:
    """The check can fail: a run of an article that a src file holds is reported unless the allow-list names it."""
    some_src = rule_files()[0]
    copied = sorted(runs(some_src.read_text(encoding="utf-8")))[0]
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "doc-1", "text": "Reported: " + " ".join(copied) + "."}) + "\n")
    material = article_runs(articles)
    assert copied in material
    assert any(f"'{' '.join(copied)}' (from doc-1)" in line for line in src_phrases(material, set()))
    assert not any(" ".join(copied) in line for line in src_phrases(material, {copied}))
    assert ("office", "of", "foreign", "assets", "control") in allowed_article_runs()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Brigade’s fighters, it said, crossed.", {("the", "brigade’s", "fighters", "it", "said")}),
        ("four words only here", set()),
    ],
)
def test_runs_ignore_case_and_punctuation(text: str, expected: set[tuple[str, ...]]) -> None:
    assert expected <= runs(text) and (expected or not runs(text))
