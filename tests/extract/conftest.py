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


_REFERENCE: dict[str, object] = {}


@pytest.fixture
def reference(nlp: Language, shared_data):
    """The reference article read like any ingested file and analysed once per session.

    Skips cleanly where ../shared/data (or the article) is absent.
    """
    from threatgraph.extract.pipeline import Extractor
    from threatgraph.ingest import read_file
    from threatgraph.model import Article

    path = shared_data / "articles" / "arabnews-zainabiyoun.txt"
    if not path.is_file():
        pytest.skip(f"reference article not found at {path}")
    if "ref" not in _REFERENCE:
        article = next(a for a in read_file(path) if isinstance(a, Article))
        _REFERENCE["ref"] = next(Extractor(nlp=nlp).analyse([article]))
    return _REFERENCE["ref"]
