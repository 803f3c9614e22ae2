"""Which words are written in another script than Latin, and what that means for a model's guess.

The leaf every foreign-script rule of the extract stage builds on (mention building, grouping, pairing a
name with its transliteration in :mod:`threatgraph.extract.scripts`); it imports no mention code, so those
modules can all use it without importing each other in a circle.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rigour.text.scripts import text_scripts

from threatgraph.extract.labels import label_config

if TYPE_CHECKING:
    from spacy.tokens import Span

#: ``Mention.source`` of a foreign-script spelling paired with a Latin name of the same article.
SCRIPT_SOURCE = "script"


@lru_cache(maxsize=16384)
def foreign_script(word: str) -> bool:
    """Whether ``word`` has letters and none of them is Latin ("لواء", "Москва"; not "al-Fajr", "(")."""
    if word.isascii():
        return False
    scripts = text_scripts(word)
    return bool(scripts) and "Latin" not in scripts


def has_foreign_letters(text: str) -> bool:
    """Whether ``text`` has any letter outside the Latin script: one pass over its distinct characters,
    so the token walk of :func:`foreign_runs` is skipped for the usual all-Latin article."""
    return any(foreign_script(ch) for ch in set(text) if not ch.isascii() and ch.isalpha())


def model_guess_in_foreign_script(ent: Span) -> bool:
    """An entity the English model put on a name written wholly in another script: a guess on text it was
    not trained on, so its label is not kept; the words are treated like any untagged foreign run."""
    return ent.label_ not in label_config()["gazetteer"] and foreign_script(ent.text)
