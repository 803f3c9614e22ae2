"""The evaluation harness: its scoring rules, and the extractor's quality on the bundled samples.

The thresholds are the issue's targets (entity F1 >= 0.85, event type+actors F1 >= 0.6,
quote-speaker accuracy >= 0.9); a regression in any extractor makes this test fail.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote

ROOT = Path(__file__).resolve().parent.parent


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_harness", ROOT / "benchmarks" / "extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


harness = _harness()

GOLD = {
    "entities": [
        {"name": "Fajr Brigade", "type": "ArmedGroup", "aliases": ["Liwa al-Fajr"]},
        {"name": "US Treasury", "type": "PublicBody", "aliases": ["Treasury"]},
        {"name": "Zainab Malik", "type": "Person"},
    ],
    "events": [
        {
            "type": "SANCTION",
            "source": "US Treasury",
            "target": "Fajr Brigade",
            "date": {"start": "2021-01-01", "end": "2021-12-31"},
        },
        {"type": "RECRUIT", "source": "Fajr Brigade", "target": None},
    ],
    "quotes": [{"speaker": "Zainab Malik", "first_words": "Every few months"}],
    "dates": [{"text": "2021", "start": "2021-01-01", "end": "2021-12-31"}],
}


def _mention(text: str, label: str, group: int, canonical: str) -> Mention:
    return Mention(0, len(text), text, label, text.lower(), "", 0, group=group, canonical=canonical)


def _analysis(events: list[Event], quotes: list[Quote], mentions: list[Mention]) -> Analysis:
    year = DateInterval("2021", date(2021, 1, 1), date(2021, 12, 31), "year")
    return Analysis(Article(text="x"), mentions=mentions, events=events, quotes=quotes, dates=[year])


def test_norm_strips_articles_possessives_and_case() -> None:
    assert harness.norm("The Group’s") == "group"
    assert harness.norm("  US   Treasury ") == "us treasury"
    assert harness.norm(None) == ""


def test_perfect_analysis_scores_one() -> None:
    mentions = [
        _mention("Liwa al-Fajr", "ArmedGroup", 0, "Liwa al-Fajr"),
        _mention("Treasury", "PublicBody", 1, "US Treasury"),
        _mention("Zainab Malik", "Person", 2, "Zainab Malik"),
    ]
    year = DateInterval("2021", date(2021, 1, 1), date(2021, 12, 31), "year")
    events = [
        Event("SANCTION", "sanctioned", "", 0, 1, "US Treasury", "Liwa al-Fajr", 1, 0, date=year),
        Event("MOBILIZE", "recruit", "", 0, 1, "Liwa al-Fajr", "young men", 0, -1),
    ]
    quotes = [Quote("Every few months we hear", 0, 1, speaker="Zainab Malik", speaker_group=2)]
    s = harness.score(_analysis(events, quotes, mentions), GOLD)
    assert (s.entities.f1, s.events.f1, s.quote_speaker.value, s.event_dates.value, s.dates.value) == (1, 1, 1, 1, 1)


def test_wrong_actor_type_or_speaker_is_penalised() -> None:
    mentions = [_mention("Fajr Brigade", "Person", 0, "Fajr Brigade")]  # wrong type family
    events = [
        Event("SANCTION", "sanctioned", "", 0, 1, "Zainab Malik", "Fajr Brigade", 2, 0),  # wrong source
        Event("ARREST", "arrested", "", 0, 1, None, "Fajr Brigade", -1, 0),  # not in gold
    ]
    quotes = [Quote("Every few months we hear", 0, 1, speaker="US Treasury", speaker_group=1)]
    s = harness.score(_analysis(events, quotes, mentions), GOLD)
    assert s.entities.tp == 0 and s.entities.fp == 1 and s.entities.fn == 3
    assert s.events.tp == 0 and s.events.fp == 2 and s.events.fn == 2
    assert s.quote_found.value == 1 and s.quote_speaker.value == 0


def test_gold_files_are_well_formed() -> None:
    from threatgraph.extract.events_lexicon import lexicon

    files = sorted((ROOT / "samples").glob("*.gold.json")) + sorted(HELDOUT.glob("*.gold.json"))
    assert len(files) >= 7
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert (path.parent / gold["article"]).is_file(), path
        names = harness.GoldIndex(gold["entities"])
        for ev in gold["events"]:
            assert lexicon().canonical_type(ev["type"]), (path, ev)
            assert ev.get("source") or ev.get("target"), (path, ev)
            for key in ("source", "target"):
                assert ev.get(key) is None or names.find(ev[key]) is not None, (path, ev[key])
        for q in gold["quotes"]:
            assert q["speaker"] and q["first_words"], (path, q)


@pytest.mark.integration
def test_samples_meet_the_targets() -> None:
    total, per, _seconds = harness.evaluate(sorted((ROOT / "samples").glob("*.gold.json")))
    report = "\n".join(total.errors)
    assert len(per) >= 4
    assert total.entities.f1 >= 0.85, report
    assert total.events.f1 >= 0.6, report
    assert total.quote_speaker.value >= 0.9, report
    assert total.dates.value >= 0.8, report


HELDOUT = ROOT / "tests" / "extract" / "heldout"


def test_gold_files_accepts_a_directory(tmp_path: Path) -> None:
    assert harness.gold_files([str(HELDOUT)]) == sorted(HELDOUT.glob("*.gold.json"))
    with pytest.raises(SystemExit, match="no \\*.gold.json"):
        harness.gold_files([str(tmp_path)])


@pytest.fixture(scope="module")
def heldout() -> tuple:
    """The held-out set (written before the system ever ran on it; never used for tuning)."""
    files = sorted(HELDOUT.glob("*.gold.json"))
    assert len(files) >= 3
    total, per, _seconds = harness.evaluate(files)
    return total, per


@pytest.mark.integration
def test_heldout_events_and_quotes_meet_the_targets(heldout: tuple) -> None:
    total, _per = heldout
    report = "\n".join(total.errors)
    assert total.events.f1 >= 0.6, report
    assert total.quote_speaker.value >= 0.9, report
    assert total.dates.value >= 0.8, report


@pytest.mark.integration
def test_heldout_entities_meet_the_target(heldout: tuple) -> None:
    total, _per = heldout
    assert total.entities.f1 >= 0.85, "\n".join(e for e in total.errors if e.startswith("entity"))
