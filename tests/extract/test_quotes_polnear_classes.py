"""The miss classes of ``benchmarks/quotes_polnear_classes.py``: cue, source and content classes of an attribution.

The texts are invented; the classes decide which attribution mechanisms are worth building (issue 12).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def classes() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import quotes_polnear_classes
    finally:
        sys.path.remove(str(BENCHMARKS))
    return quotes_polnear_classes


def _gold(classes: ModuleType, text: str, source: str, cue: str, content: str) -> object:
    def span(words: str) -> tuple[tuple[int, int], ...]:
        if not words:
            return ()
        start = text.index(words)
        return ((start, start + len(words)),)

    return classes.Attribution(source=span(source), cue=span(cue), content=span(content))


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "expected"),
    [
        (
            "Ada Vale, the senator, argued that the bridge would fall.",
            "Ada Vale",
            "argued",
            "that the bridge would fall",
            (("verb-saying", "argue"), "name", "clause"),
        ),
        (
            "According to the ministry, the port closed on Monday.",
            "the ministry",
            "According to",
            "the port closed on Monday",
            (("prep", "according to"), "description", "clause"),
        ),
        (
            "He wants to build a new wall along the river.",
            "He",
            "wants",
            "to build a new wall along the river",
            (("verb-stance", "want"), "pronoun", "to-inf"),
        ),
        (
            "Her claim that the port was mined surprised the crews.",
            "Her",
            "claim",
            "the port was mined",
            (("nominal-known", "claim"), "pronoun", "clause"),
        ),
    ],
)
def test_an_attribution_is_classed_by_cue_source_and_content(
    nlp: Language, classes: ModuleType, text: str, source: str, cue: str, content: str, expected: tuple
) -> None:
    gold = _gold(classes, text, source, cue, content)
    doc = nlp(text)
    got = (classes.cue_class(doc, gold), classes.source_class(doc, gold), classes.shape_class(doc, gold, [gold]))
    assert got == expected
