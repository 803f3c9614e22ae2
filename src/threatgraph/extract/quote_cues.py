"""The quotation cue lexicon (``cues.yaml``), loaded once and shared by quotation detection
(``extract/quotes.py`` and the ``quote_*`` modules it is assembled from) and speaker resolution."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract.schemas import CuesFile

CUES_FILE = Path(__file__).with_name("cues.yaml")


@cache
def cues() -> dict[str, Any]:
    data = load_yaml(CUES_FILE, CuesFile)
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = frozenset(str(v) for v in value)
    data["quote_marks"] = {str(k): frozenset(str(c) for c in v) for k, v in data["quote_marks"].items()}
    data["phrasal_cues"] = {str(k): str(v) for k, v in data["phrasal_cues"].items()}
    data["stance_phrasal"] = {str(k): str(v) for k, v in data["stance_phrasal"].items()}
    data["title_abbreviations"] = {str(k): str(v) for k, v in data["title_abbreviations"].items()}
    return data
