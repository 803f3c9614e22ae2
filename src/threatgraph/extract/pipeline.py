"""The extract stage as one object: articles in, :class:`~threatgraph.model.Analysis` out.

``Extractor`` runs spaCy once per article through ``nlp.pipe`` (batched, model loaded once), turns
the entities into grouped mentions, then hands the parsed ``Doc`` to the events, quotes and dates
extractors. All of them are plain imports: a missing or broken extractor module fails at import,
never by silently dropping every event.

The extract stage does not know the store: which names feed the gazetteer beyond its seed list
(sanctions-list names, analyst-confirmed entities) is decided by the composition root
(:class:`threatgraph.app.Threatgraph`), which builds one ``Extractor`` per store with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from threatgraph.extract import spans
from threatgraph.extract.dates import extract_dates
from threatgraph.extract.defined import defined_acronyms
from threatgraph.extract.events import extract_events
from threatgraph.extract.evidence import vote_groups
from threatgraph.extract.gazetteer import FACTORY, KNOWN_NAMES, SCHEMA_LABELS, Gazetteer, usable_name
from threatgraph.extract.grouping import definitions, group_mentions
from threatgraph.extract.mentions import build_typed_mentions
from threatgraph.extract.nlp import build_nlp, load_nlp
from threatgraph.extract.quotes import extract_quotes
from threatgraph.extract.scripts import script_mentions
from threatgraph.model import Analysis, Article, Mention


def _checked(article: object) -> Article:
    """Refuse anything but an Article with text, naming the input, before spaCy sees it."""
    if not isinstance(article, Article):
        raise TypeError(f"extract: expected an Article, got {type(article).__name__}: {str(article)[:60]!r}")
    if not isinstance(article.text, str):
        raise TypeError(
            f"extract: article {article.id or article.source!r} has no text (got {type(article.text).__name__})"
        )
    return article


def _vote(before: tuple[str, str | None, bool] | None, mention: Mention) -> tuple[str, str | None, bool]:
    """A mention's type evidence after the article's definitions: its own, unless a definition gave it
    another type (or made it), which is then the type it votes for."""
    if before is not None and before[0] == mention.label:
        return before
    return mention.label, None, before[2] if before is not None else False


def extract_mentions(doc: Doc) -> list[Mention]:
    """Typed, grouped mentions of one parsed document, with foreign-script spellings of its names.

    The type of each group is decided last, by all its mentions (:func:`vote_groups`): one document's
    text decides, never the batch it was parsed in or other documents (the archive's view of an actor
    is resolve's). An acronym the article defines (:func:`defined_acronyms`) votes with the type of the
    body it was defined for.
    """
    typed, (labels, cues, listed) = build_typed_mentions(doc)
    before = {id(m): (lab, cue, lst) for m, lab, cue, lst in zip(typed, labels, cues, listed, strict=True)}
    mentions = defined_acronyms(doc, typed)
    votes = [_vote(before.get(id(m)), m) for m in mentions]
    evidence = ([v[0] for v in votes], [v[1] for v in votes], [v[2] for v in votes])
    pairs = script_mentions(doc, mentions)
    known = doc.user_data.get(KNOWN_NAMES, [])
    named = [m for m in mentions if any(s <= m.start and m.end <= e for s, e in known)]
    joins = [*pairs, *definitions(doc.text, mentions)]
    grouped = group_mentions([*mentions, *(m for m, _ in pairs)], joins=joins, named=named)
    vote_groups(mentions, *evidence)
    return grouped


class Extractor:
    """Extracts mentions, events, quotes and dates from articles with one shared spaCy pipeline.

    ``extra_names`` are (name, FtM schema or threatgraph type) pairs added to the gazetteer, e.g. the
    names of a sanctions list; names the gazetteer cannot use safely (:func:`usable_name`) are left
    out. Given extra names and no ``nlp``, the extractor builds its own pipeline so the process-wide
    one from :func:`load_nlp` is not changed behind other callers' backs.
    """

    __slots__ = ("nlp", "gazetteer")

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
            self.gazetteer.add_names(
                (name, SCHEMA_LABELS[schema])
                for name, schema in names
                if schema in SCHEMA_LABELS and usable_name(name, SCHEMA_LABELS[schema])
            )

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
        return Analysis(
            article=article,
            mentions=mentions,
            events=extract_events(doc, mentions, article),
            quotes=extract_quotes(doc, mentions, article),
            dates=extract_dates(doc, article),
        )


@cache
def get_extractor() -> Extractor:
    """The process-wide extractor over the shared pipeline: seed gazetteer only, spaCy loaded once.

    An extractor that also knows a store's list names is built by the composition root
    (:meth:`threatgraph.app.Threatgraph.extractor`), never cached here.
    """
    return Extractor()
