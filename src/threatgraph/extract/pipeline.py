"""The extract stage as one object: articles in, :class:`~threatgraph.model.Analysis` out.

``Extractor`` runs spaCy once per article through ``nlp.pipe`` (batched, model loaded once), turns
the entities into grouped mentions, then hands the parsed ``Doc`` to the events, quotes and dates
extractors. Those live in sibling modules owned by another part of the stage; each is used only
if it is importable, so entity extraction works on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from threatgraph.extract import spans
from threatgraph.extract.gazetteer import FACTORY, Gazetteer, store_names
from threatgraph.extract.grouping import group_mentions
from threatgraph.extract.mentions import build_mentions
from threatgraph.extract.nlp import build_nlp, load_nlp
from threatgraph.extract.scripts import script_mentions
from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote

log = logging.getLogger(__name__)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function from a sibling extractor, or None while that module or function does not exist."""
    try:
        mod = __import__(f"threatgraph.extract.{module}", fromlist=[name])
    except ImportError as exc:
        if exc.name and exc.name.startswith("threatgraph.extract"):
            return None
        raise
    return getattr(mod, name, None)


def _checked(article: object) -> Article:
    """Refuse anything but an Article with text, naming the input, before spaCy sees it."""
    if not isinstance(article, Article):
        raise TypeError(f"extract: expected an Article, got {type(article).__name__}: {str(article)[:60]!r}")
    if not isinstance(article.text, str):
        raise TypeError(
            f"extract: article {article.id or article.source!r} has no text (got {type(article.text).__name__})"
        )
    return article


def extract_mentions(doc: Doc) -> list[Mention]:
    """Typed, grouped mentions of one parsed document, with foreign-script spellings of its names."""
    mentions = build_mentions(doc)
    pairs = script_mentions(doc, mentions)
    return group_mentions([*mentions, *(m for m, _ in pairs)], joins=pairs)


class Extractor:
    """Extracts mentions, events, quotes and dates from articles with one shared spaCy pipeline.

    ``extra_names`` are (name, FtM schema or threatgraph type) pairs added to the gazetteer, e.g. the
    names of a sanctions list. Given extra names and no ``nlp``, the extractor builds its own pipeline
    so the process-wide one from :func:`load_nlp` is not changed behind other callers' backs.
    """

    __slots__ = ("nlp", "gazetteer", "_events", "_quotes", "_dates")

    def __init__(self, nlp: Language | None = None, extra_names: Iterable[tuple[str, str]] = ()) -> None:
        names = list(extra_names)
        if nlp is None:
            nlp = build_nlp() if names else load_nlp()
        if FACTORY not in nlp.pipe_names:
            nlp.add_pipe(FACTORY, before="ner" if "ner" in nlp.pipe_names else None)
        if spans.FACTORY not in nlp.pipe_names:
            nlp.add_pipe(spans.FACTORY, after="ner" if "ner" in nlp.pipe_names else None)
        self.nlp = nlp
        self.gazetteer: Gazetteer = nlp.get_pipe(FACTORY)
        if names:
            from threatgraph.extract.gazetteer import SCHEMA_LABELS, usable_name

            self.gazetteer.add_names(
                (name, SCHEMA_LABELS[schema])
                for name, schema in names
                if schema in SCHEMA_LABELS and usable_name(name, SCHEMA_LABELS[schema])
            )
        self._events = _optional("events", "extract_events")
        self._quotes = _optional("quotes", "extract_quotes")
        self._dates = _optional("dates", "extract_dates")

    def analyse(self, articles: Iterable[Article], batch_size: int = 32, n_process: int = 1) -> Iterator[Analysis]:
        """One :class:`Analysis` per article, in input order; texts are parsed in batches.

        ``n_process > 1`` parses in that many worker processes (spaCy forks them); worth it for bulk
        ingest on an otherwise idle machine, not for a handful of articles.
        """
        pairs = ((_checked(article).text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield self.analyse_doc(doc, article)

    def analyse_doc(self, doc: Doc, article: Article) -> Analysis:
        """The analysis of one article already parsed by this extractor's pipeline."""
        spans.mark_outlet(doc, article.outlet)
        mentions = extract_mentions(doc)
        events: list[Event] = self._events(doc, mentions, article) if self._events else []
        quotes: list[Quote] = self._quotes(doc, mentions, article) if self._quotes else []
        dates: list[DateInterval] = self._dates(doc, article) if self._dates else []
        return Analysis(article=article, mentions=mentions, events=events, quotes=quotes, dates=dates)


_BY_STORE: dict[str, Extractor] = {}


@cache
def _plain_extractor() -> Extractor:
    return Extractor()


def get_extractor(engine: Any = None) -> Extractor:
    """The process-wide extractor; with an engine, its gazetteer also knows list names and resolved aliases.

    Cached per database URL: a long-running process that loads new lists should call
    :func:`clear_extractors` (or build an ``Extractor`` itself) to see them.
    """
    if engine is None:
        return _plain_extractor()
    key = engine.url.render_as_string(hide_password=False)
    if key not in _BY_STORE:
        _BY_STORE[key] = Extractor(extra_names=list(store_names(engine)))
    return _BY_STORE[key]


def clear_extractors() -> None:
    """Forget cached extractors, e.g. after new sanctions lists were loaded."""
    _BY_STORE.clear()
    _plain_extractor.cache_clear()
