"""The event ontology and trigger lexicon, read from ``plover.yaml``.

Kept apart from the parse-walking code so the CLI, the evaluation harness and the API can ask
"which types exist, what is RECRUIT called here" without loading spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from threatgraph.datafiles import load_yaml
from threatgraph.extract.labels import label_config
from threatgraph.extract.schemas import PloverFile

LEXICON_FILE = Path(__file__).with_name("plover.yaml")


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger word means: the event type and the finer subtype it names."""

    type: str
    subtype: str


@dataclass(frozen=True, slots=True)
class Frame:
    """A light verb typed by its object ("placed X on its blacklist" is a SANCTION)."""

    verb: str
    trigger: Trigger
    objects: frozenset[str] = frozenset()
    pobjs: frozenset[str] = frozenset()


@dataclass(slots=True)
class Lexicon:
    """Every word list the event extractor uses; see ``plover.yaml`` for what each means."""

    types: dict[str, dict]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    compounds: dict[str, Trigger]
    frames: dict[str, list[Frame]]
    aliases: dict[str, str]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    types_data: dict[str, dict] = field(default_factory=dict)

    def canonical_type(self, name: str) -> str | None:
        """The type a name or alias stands for ("RECRUIT" -> "MOBILIZE"), None if unknown."""
        return self.aliases.get(name.strip().upper())


@cache
def lexicon() -> Lexicon:
    """The lexicon, read once per process; a broken data file fails loudly with its path."""
    data = load_yaml(LEXICON_FILE, PloverFile)
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    compounds: dict[str, Trigger] = {}
    aliases: dict[str, str] = {}
    for name, spec in data["types"].items():
        aliases[name] = name
        for alias in spec.get("aliases", []):
            aliases[str(alias).upper()] = name
        for table, key in ((verbs, "verbs"), (nouns, "nouns"), (compounds, "compounds")):
            for word, subtype in (spec.get(key) or {}).items():
                table[str(word)] = Trigger(name, str(subtype))
    frames: dict[str, list[Frame]] = {}
    for spec in data.get("frames", []):
        frame = Frame(
            verb=spec["verb"],
            trigger=Trigger(spec["type"], spec.get("subtype", spec["type"].lower())),
            objects=frozenset(spec.get("object", [])),
            pobjs=frozenset(spec.get("pobj", [])),
        )
        frames.setdefault(frame.verb, []).append(frame)
    words = {key: frozenset(str(w) for w in value) for key, value in data.items() if isinstance(value, list)}
    words.pop("frames", None)
    words["person_nouns"] = frozenset(label_config()["person_nouns"])  # one list with entity typing (labels.yaml)
    tables = {key: value for key, value in data.items() if isinstance(value, dict) and key != "types"}
    return Lexicon(data["types"], verbs, nouns, compounds, frames, aliases, words, tables)


def plover_of(event_type: str, subtype: str | None = None) -> tuple[str, str | None]:
    """The PLOVER root and mode of one of our event types ("ARREST" -> ("COERCE", "arrest")).

    The mode is the type's own (ARREST is COERCE's arrest mode) or the trigger's subtype when
    the type declares it as one of its PLOVER ``modes`` ("aerial" for an airstrike); exports
    carry both so results load beside ACLED/GDELT-coded data (see ``plover_map.yaml``).
    """
    spec = lexicon().types.get(event_type) or {}
    root = str(spec.get("plover") or event_type)
    mode = spec.get("mode")
    if mode is None and subtype and subtype in (spec.get("modes") or ()):
        mode = subtype
    return root, (str(mode) if mode else None)


def event_types() -> list[str]:
    """The event type names, in ontology order."""
    return list(lexicon().types)
