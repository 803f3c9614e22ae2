"""Every trigger pattern in event_patterns.yaml fires on its own example and yields its event."""

from __future__ import annotations

import pytest

from threatgraph.extract import plover_map
from threatgraph.extract.events_lexicon import plover_of
from threatgraph.extract.events_patterns import _checked, pattern_triggers, patterns
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.id)
def test_pattern_fires_on_its_example(extractor: Extractor, pattern) -> None:
    doc = extractor.nlp(pattern.example)
    fired = {pid for _trig, pid in pattern_triggers(doc).values()}
    assert pattern.id in fired, f"{pattern.id} does not match its example"
    analysis = extractor.analyse_doc(doc, Article(text=pattern.example))
    typed = [e for e in analysis.events if e.type == pattern.trigger.type and e.subtype == pattern.trigger.subtype]
    assert typed, f"{pattern.id}: no {pattern.trigger} event in {analysis.events}"


def test_patterns_use_ontology_types_and_modes() -> None:
    for p in patterns():
        root, _mode = plover_of(p.trigger.type, p.trigger.subtype)
        assert root in plover_map.roots(), (p.id, root)


def test_a_bad_pattern_entry_is_refused_with_its_id() -> None:
    base = {
        "id": "x",
        "type": "ASSAULT",
        "subtype": "attack",
        "matcher": "token",
        "pattern": [{"LOWER": "a"}],
        "trigger": 0,
        "example": "a",
    }
    with pytest.raises(ValueError, match="'x'.*not in plover.yaml"):
        _checked(base | {"type": "NOPE"}, {"ASSAULT"})
    with pytest.raises(ValueError, match="trigger must index"):
        _checked(base | {"trigger": 3}, {"ASSAULT"})
    with pytest.raises(ValueError, match="unknown keys"):
        _checked(base | {"exampel": "a"}, {"ASSAULT"})
