"""Fixtures for the extract stage: one spaCy pipeline per test session.

Loading the model takes about a second and a half; sharing it keeps the extract tests fast and
matches how the pipeline is used in production (one model per process).
"""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full threatgraph pipeline (statistical model plus gazetteer), loaded once."""
    from threatgraph.extract.nlp import load_nlp

    return load_nlp()
