"""Trigger frames as data: spaCy ``Matcher``/``DependencyMatcher`` patterns read from
``event_patterns.yaml``.

The one-word lexicon in ``plover.yaml`` cannot say "air strike" (an aerial ASSAULT, though "air"
alone is nothing), "took … hostage" or "a pledge of allegiance"; these live as patterns, each
with an invented example sentence that a test runs, so coverage grows by adding data. A
pattern names the token that is the trigger; the event extractor treats it like a lexicon
trigger (arguments, date, place and modality come the same way) and a pattern's type wins over
the single word's ("air strike" is aerial, "strike" alone a plain attack).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract.events_lexicon import Trigger, lexicon
from threatgraph.extract.schemas import EventPatternsFile

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

PATTERNS_FILE = Path(__file__).with_name("event_patterns.yaml")
_KEYS = frozenset({"id", "type", "subtype", "matcher", "pattern", "trigger", "example"})


@dataclass(frozen=True, slots=True)
class EventPattern:
    """One trigger frame: what it matches, which token names the event, and its example."""

    id: str
    trigger: Trigger
    matcher: str
    pattern: Any
    trigger_token: int | str
    example: str


def _checked(spec: dict[str, Any], types: set[str]) -> EventPattern:
    """A pattern entry validated against the ontology; a bad entry fails loudly with its id."""
    where = f"{PATTERNS_FILE.name}: pattern {spec.get('id')!r}"
    unknown = set(spec) - _KEYS
    missing = _KEYS - set(spec)
    if unknown or missing:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    if spec["type"] not in types:
        raise ValueError(f"{where}: type {spec['type']!r} is not in plover.yaml")
    if spec["matcher"] not in ("token", "dependency"):
        raise ValueError(f"{where}: matcher must be 'token' or 'dependency'")
    trig = spec["trigger"]
    if spec["matcher"] == "token" and not (isinstance(trig, int) and 0 <= trig < len(spec["pattern"])):
        raise ValueError(f"{where}: trigger must index a token of the pattern")
    if spec["matcher"] == "dependency" and trig not in {n["RIGHT_ID"] for n in spec["pattern"]}:
        raise ValueError(f"{where}: trigger must be one of the pattern's RIGHT_IDs")
    return EventPattern(
        id=str(spec["id"]),
        trigger=Trigger(str(spec["type"]), str(spec["subtype"])),
        matcher=spec["matcher"],
        pattern=spec["pattern"],
        trigger_token=trig,
        example=str(spec["example"]),
    )


@cache
def patterns() -> tuple[EventPattern, ...]:
    """Every pattern, read and validated once per process."""
    data = load_yaml(PATTERNS_FILE, EventPatternsFile)
    types = set(lexicon().types)
    out = tuple(_checked(spec, types) for spec in data["patterns"])
    ids = [p.id for p in out]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{PATTERNS_FILE.name}: duplicate pattern ids")
    return out


_MATCHERS: dict[int, tuple[Any, Any]] = {}


def _matchers(vocab: Vocab) -> tuple[Any, Any]:
    """The token and dependency matchers for one vocabulary, built on first use."""
    key = id(vocab)
    if key not in _MATCHERS:
        from spacy.matcher import DependencyMatcher, Matcher

        token, dep = Matcher(vocab), DependencyMatcher(vocab)
        for p in patterns():
            (token if p.matcher == "token" else dep).add(p.id, [p.pattern])
        _MATCHERS[key] = (token, dep)
    return _MATCHERS[key]


def pattern_triggers(doc: Doc) -> dict[int, tuple[Trigger, str]]:
    """Token index -> (trigger, pattern id) for every pattern match in ``doc``."""
    token, dep = _matchers(doc.vocab)
    by_id = {p.id: p for p in patterns()}
    out: dict[int, tuple[Trigger, str]] = {}
    for match_id, start, _end in token(doc):
        p = by_id[doc.vocab.strings[match_id]]
        assert isinstance(p.trigger_token, int)
        out.setdefault(start + p.trigger_token, (p.trigger, p.id))
    if doc.has_annotation("DEP"):
        for match_id, token_ids in dep(doc):
            p = by_id[doc.vocab.strings[match_id]]
            names = [n["RIGHT_ID"] for n in p.pattern]
            out.setdefault(token_ids[names.index(p.trigger_token)], (p.trigger, p.id))
    return out
