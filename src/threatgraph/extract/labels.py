"""The label vocabulary of the extract stage: ``labels.yaml`` (spaCy labels -> our types, cue words).

A module of its own because every extract module reads it (mentions, grouping, spans, foreign-script
handling) and none of them should have to import another's mention-building code to get it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract.schemas import LabelsFile
from threatgraph.model import ENTITY_TYPES


@cache
def label_config() -> dict[str, Any]:
    """The parsed ``labels.yaml`` next to this module, checked against ``model.ENTITY_TYPES``."""
    data = load_yaml(resources.files(__package__).joinpath("labels.yaml"), LabelsFile)
    for section in ("spacy", "gazetteer"):
        for label, target in data[section].items():
            if target is not None and target not in ENTITY_TYPES:
                raise ValueError(f"extract/labels.yaml: {section}.{label} maps to unknown type {target!r}")
    return data
