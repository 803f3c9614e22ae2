"""Fixtures for the extract stage: one spaCy pipeline per test session.

Loading the model takes about a second and a half; sharing it keeps the extract tests fast and
matches how the pipeline is used in production (one model per process).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from threatgraph.model import Analysis, Event, Quote


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


def analyser(nlp: Language, published: date, outlet: str | None = None) -> Callable[[str], Analysis]:
    """One extractor for a test module: a text in, its analysis out, dated as the module's articles are
    unless a call gives another publication date (or None)."""
    from threatgraph.extract.pipeline import Extractor
    from threatgraph.model import Article

    extractor = Extractor(nlp=nlp)

    def run(text: str, published: date | None = published) -> Analysis:
        return next(extractor.analyse([Article(text=text, published=published, outlet=outlet)]))

    return run


def quote_with(quotes: list[Quote], words: str) -> Quote:
    """The quote whose text holds ``words``; a clear failure naming the quotes there are otherwise."""
    for q in quotes:
        if words in q.text:
            return q
    raise AssertionError(f"no quote with {words!r} in {[q.text[:40] for q in quotes]}")


def event_reader(nlp: Language, published: date = date(2021, 6, 10)) -> Callable[[str], list[Event]]:
    """One extractor for an events test module: a text in, its events out."""
    run = analyser(nlp, published)
    return lambda text: run(text).events


def events_with(found: list[Event], trigger: str) -> list[Event]:
    """The events of ``trigger``; a clear failure listing the events there are otherwise."""
    hits = [e for e in found if e.trigger == trigger]
    assert hits, [(e.trigger, e.source, e.target) for e in found]
    return hits


def event_days(event: Event) -> tuple[date | None, date | None] | None:
    """An event's date as its first and last day, or None when it has no date."""
    return None if event.date is None else (event.date.start, event.date.end)
