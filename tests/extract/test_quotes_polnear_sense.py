"""The PARC-sense reading of ``benchmarks/quotes_polnear.py``: gold attributions kept by the shape of their content.

The texts are invented. The subset must be decided by the gold's spans and their parse, never by threatgraph's cue
lists, so a cue word no list knows keeps its attribution when the content is a clause (issue 12, session 21).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def polnear() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import quotes_polnear
    finally:
        sys.path.remove(str(BENCHMARKS))
    return quotes_polnear


def _gold(polnear: ModuleType, text: str, content: str, *more: str) -> object:
    parts = []
    for words in (content, *more):
        if words:
            start = text.index(words)
            parts.append((start, start + len(words)))
    return polnear.Attribution(source=(), cue=(), content=tuple(parts))


@pytest.mark.parametrize(
    ("text", "content", "more", "shape"),
    [
        ("Ada Vale grumbled that the bridge would fall.", "that the bridge would fall", (), "clause"),
        ("Ada Vale glowered: the bridge is falling.", "the bridge is falling", (), "clause"),
        ('Ada Vale grumbled, "We are done here."', '"We are done here."', (), "quotation"),
        ("Ada Vale hankered to build a new wall.", "to build a new wall", (), "infinitive"),
        ("The mayor seems to like the plan.", "The mayor", ("to like the plan",), "infinitive"),
        ("Ada Vale boycotted the debate that the party held.", "the debate that the party held", (), "np"),
        ("Ada Vale announced her candidacy.", "her candidacy", (), "np"),
        ("Ada Vale announced her candidacy.", "", (), "none"),
    ],
)
def test_the_content_shape_comes_from_the_gold_span_and_its_parse(
    nlp: Language, polnear: ModuleType, text: str, content: str, more: tuple[str, ...], shape: str
) -> None:
    """Cue words no lexicon lists ("grumbled", "glowered", "hankered") keep their attribution: the shape alone
    decides, and a noun phrase with a relative clause in it is still a noun phrase."""
    assert polnear.content_shape(nlp(text), _gold(polnear, text, content, *more)) == shape


def test_a_system_attribution_paired_with_a_left_out_gold_one_leaves_both_sides(polnear: ModuleType) -> None:
    """The alignment is made against the full gold; a system attribution it pairs with a noun-phrase gold one is
    neither right nor wrong in the PARC-sense reading, while one paired with nothing still counts as a false one."""
    text = "Ada Vale announced her candidacy. Jon Roe said the port was shut. The sky is blue today."

    def att(words: str) -> object:
        start = text.index(words)
        return polnear.Attribution(source=(), cue=(), content=((start, start + len(words)),))

    gold = [att("her candidacy"), att("the port was shut")]
    system = [att("her candidacy"), att("the port was shut"), att("The sky is blue today")]
    kept_system, kept_gold = polnear.parc_sense(system, gold, [False, True], text)
    assert kept_gold == [gold[1]]
    assert kept_system == [system[1], system[2]]
