"""The gazetteer: a spaCy component that marks known names before the statistical NER runs.

Why before NER: spaCy's entity recogniser keeps entities that are already on ``doc.ents`` and only
predicts around them, so a name we know ("Zainabiyoun Brigade", an OFAC-listed entity, an entity
resolved from earlier articles) is typed by us and never re-guessed as PERSON or GPE. The component
holds two matchers:

* a ``PhraseMatcher`` over names (seed names from ``gazetteer.yaml``, sanctions-list names, resolved
  aliases), case-insensitive for ordinary names and case-sensitive for acronyms so "UN" never
  matches "un";
* a ``Matcher`` over generic name structures ("<Name> Brigade", "Liwa <Name>", "Ministry of <X>"),
  which is what lets an armed group nobody listed yet still come out as ArmedGroup.

Names can be added at any time with :meth:`Gazetteer.add_names`; ``Extractor`` does that with the
names it is given. Which names those are is not decided here: the composition root
(:class:`threatgraph.app.Threatgraph`) feeds sanctions-list names and analyst-confirmed entities only,
never the resolver's own unreviewed output (one wrong entity would otherwise retype a name in every
later article).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from threatgraph.datafiles import load_yaml
from threatgraph.extract.labels import label_config
from threatgraph.extract.schemas import GazetteerFile
from threatgraph.names.tokens import romanisation_fold
from threatgraph.names.variants import apostrophe_variants, written_variants
from threatgraph.names.vocabulary import vocabulary

log = logging.getLogger(__name__)

FACTORY = "threatgraph_gazetteer"

#: FtM schemata from sanctions lists / the entity store -> gazetteer label. Vessels, aircraft,
#: addresses and the like are not things news text names as actors, so they are left out.
SCHEMA_LABELS = {
    "Person": "Person",
    "Organization": "Organization",
    "LegalEntity": "Organization",
    "ArmedGroup": "ArmedGroup",
    "PublicBody": "PublicBody",
    "Company": "Company",
    "Country": "Country",
    "Location": "Location",
}

#: Which label wins when two gazetteer entries cover exactly the same words.
_PRIORITY = {label: i for i, label in enumerate(["TITLE", "MISC", "ArmedGroup", "PublicBody", "Company", "Person"])}

#: An acronym is matched case-sensitively: "UN", "ISIS", "OFAC" (letters, digits, hyphens, dots).
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{1,7}$")
#: ``doc.user_data`` key: character extents of spans matched as whole known names (seed, list or confirmed
#: names, not name structures). Grouping reads it: a known name is an actor of its own.
KNOWN_NAMES = "threatgraph_known_names"
#: Whole-name filter for names coming from lists: too short or too generic names would fire everywhere.
_MIN_NAME_CHARS = 4


@cache
def seed_config() -> dict[str, Any]:
    """The parsed ``gazetteer.yaml`` shipped next to this module."""
    return load_yaml(resources.files(__package__).joinpath("gazetteer.yaml"), GazetteerFile)


def seed_names() -> Iterator[tuple[str, str]]:
    """(name, label) pairs of the bundled seed list."""
    for label, names in seed_config()["names"].items():
        for name in names:
            yield str(name), str(label)


def usable_name(name: str, label: str) -> bool:
    """Whether an external name (list alias, resolved alias) is safe to match in free text.

    One-word person names ("Ali") and very short strings would tag ordinary words, so only
    acronyms, multi-word names and single words of some length with a capital are kept.
    """
    name = name.strip()
    if label not in SCHEMA_LABELS.values():
        return False
    if _ACRONYM.match(name):
        return label != "Person" and len(name) >= 3 and any(ch.isalpha() for ch in name)
    if len(name) < _MIN_NAME_CHARS or not any(ch.isalpha() for ch in name):
        return False
    words = name.split()
    return not (label == "Person" and len(words) < 2)


def _pattern_variants(value: Any) -> Any:
    """A Matcher pattern with every word list widened to the other apostrophes."""
    if isinstance(value, dict):
        return {k: _pattern_variants(v) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            out.extend(apostrophe_variants(item) if isinstance(item, str) else [_pattern_variants(item)])
        return list(dict.fromkeys(out)) if all(isinstance(x, str) for x in out) else out
    return value


def _capitalised(text: str) -> bool:
    """Written like a name: a capital somewhere, or a script without case at all (Arabic, Persian, Han)."""
    return any(ch.isupper() for ch in text) or not any(ch.islower() for ch in text)


def _common_noun_head(span: Span) -> bool:
    """A listed name written with its last word in lower case ("an independent Sunrise republic" for the
    group "Sunrise Republic"): a description that happens to spell a group's name, not the name. The
    generic words groups are called by ("the Houthi group", "the Wagner forces") are written in lower
    case in running text and stay names."""
    last = span[-1].text
    return len(span) > 1 and last.isalpha() and last.islower() and last not in vocabulary().generic_words


def _descriptive(span: Span) -> bool:
    """A would-be group name that starts with a country adjective or a people's name ("Pakistani Shia", "Iraqi",
    "Shia", "Yazidi": labels.yaml ``peoples``)."""
    from threatgraph.extract.places import is_demonym

    return is_demonym(span[0].text) or span[0].lower_ in label_config()["peoples"]


def _name_goes_on(doc: Doc, end: int) -> bool:
    """Whether the words right after a listed person's name continue that name: a capitalised word, or a
    particle joined to one ("al-<Nisba>", "bin <Name>").

    Lists carry short names of people ("Abu <Name>", a kunya or a first and last name) that open the
    longer names news writes ("Abu <Name> al-<Nisba> al-<Nisba>"). Marked as a whole known name, the short
    one would cut the longer name there (the model predicts only around it), leaving its tail a name of
    its own: one person split in two mentions, and the list's short name on both. Left to the model, the
    whole name is one span; the list still screens it whole.
    """
    if end >= len(doc) or doc[end].is_punct or not doc[end - 1].whitespace_:
        return False
    nxt = doc[end]
    if nxt.is_alpha and nxt.is_title and not nxt.is_sent_start:
        return True
    voc = vocabulary()
    if nxt.lower_ not in voc.screen_particles:
        return False
    rest = doc[end + 1 : end + 3]
    return any(t.is_alpha and t.is_title for t in rest) and all(t.is_alpha or t.text in "-‐" for t in rest)


def _dateline(doc: Doc) -> Span | None:
    """The place an article was filed from: capitalised words opening the text before a separator ("ADEN:").

    A newsroom convention rather than a name list, so it types towns no gazetteer or model knows.
    """
    start = 0
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and end - start < 4 and doc[end].is_alpha and doc[end].is_upper and len(doc[end]) > 1:
        end += 1
    separators = seed_config().get("dateline_separators", [])
    if end == start or end >= len(doc) or doc[end].text not in separators:
        return None
    return Span(doc, start, end, label="Location")


def _country_prefix(doc: Doc, start: int, max_words: int = 3) -> int:
    """Start of a state body's name including the country written before it ("United States Department of State")."""
    from threatgraph.extract.places import is_country

    best = start
    for words in range(1, max_words + 1):
        first = start - words
        if first < 0 or not doc[first].text[:1].isupper():
            break
        if doc[first].is_sent_start and doc[first].lower_ == "the":
            break
        if is_country(doc[first:start].text):
            best = first
    return best


class Gazetteer:
    """Marks gazetteer names and generic name structures on ``doc.ents``; the NER fills in the rest."""

    def __init__(self, nlp: Language, name: str = FACTORY, use_seed: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        self.trim: set[str] = set()
        self.keys: dict[tuple[str, ...], str] = {}  # spelling keys of names written with an article
        self.plain: dict[str, str] = {}  # one-word names listed without an apostrophe ("daesh") -> label
        self.key_len = 0
        self.size = 0
        self._seen: set[tuple[str, str]] = set()
        if use_seed:
            self.add_names(seed_names())
            self._add_patterns(seed_config().get("patterns", []))

    def _add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        for i, entry in enumerate(patterns):
            label = str(entry["label"])
            key = f"{label}#{i}"
            try:
                self.matcher.add(key, [_pattern_variants(entry["pattern"])], greedy="LONGEST")
            except (ValueError, KeyError) as exc:
                raise ValueError(f"extract/gazetteer.yaml: pattern {i} ({label}) is invalid: {exc}") from exc
            if entry.get("trim"):
                self.trim.add(key)

    def add_names(self, names: Iterable[tuple[str, str]]) -> int:
        """Add (name, label) pairs; returns how many new names were added. Duplicates are ignored."""
        by_label: dict[tuple[str, bool], list[str]] = {}
        for raw, label in names:
            for name in _inner_article_variants(written_variants(" ".join(str(raw).split()))):
                if not name or (name.casefold(), label) in self._seen:
                    continue
                self._seen.add((name.casefold(), label))
                by_label.setdefault((label, bool(_ACRONYM.match(name))), []).append(name)
        added = 0
        for (label, acronym), group in by_label.items():
            docs = list(self.nlp.tokenizer.pipe(group))
            (self.acronyms if acronym else self.phrases).add(label, docs)
            added += len(docs)
            if label in SPELLING_LABELS and not acronym:
                for d in docs:
                    self._add_key([t.text for t in d], label)
                    if len(d) == 1 and d[0].is_alpha and len(d[0]) >= _MIN_NAME_CHARS:
                        self.plain.setdefault(d[0].lower_, label)
        self.size += added
        return added

    def _add_key(self, words: list[str], label: str) -> None:
        key = spelling_key(" ".join(words))
        if key is not None and key[1] and sum(map(len, key[0])) >= 4:  # only names written with an article
            self.keys.setdefault(key[0], label)
            self.key_len = max(self.key_len, len(words))

    def keyed(self, doc: Doc) -> Iterator[Span]:
        """Names written another way than listed: "al Shabaab", "Al-Shabab" for "Al-Shabaab". Only a
        capitalised run holding an Arabic article is looked up, by :func:`spelling_key`."""
        if not self.keys:
            return
        for i, tok in enumerate(doc):
            if not (tok.text[:1].isupper() or tok.lower_ in _articles()):
                continue
            best = None
            for j in range(i + 2, min(len(doc), i + self.key_len + 2) + 1):
                key = spelling_key(doc[i:j].text, require_article=True)
                if key is None:
                    if not all(_name_word(t.text) for t in doc[i:j]):
                        break
                    continue
                if key[0] in self.keys:
                    best = j
            if best is not None:
                span = doc[i:best]
                yield Span(doc, i, best, label=self.keys[spelling_key(span.text)[0]])  # type: ignore[index]

    def apostrophed(self, doc: Doc) -> Iterator[Span]:
        """One-word names written with an apostrophe of ayn or hamza the list does not write: "Da’esh" for
        "Daesh". The apostrophe is the romaniser's choice, not part of the name (:func:`spelling_key` drops
        it the same way in names with an article)."""
        if not self.plain:
            return
        for tok in doc:
            if tok.text[:1].isupper() and _APOSTROPHES.search(tok.text) and not _POSSESSIVE_END.search(tok.text):
                label = self.plain.get(_APOSTROPHES.sub("", tok.text).casefold())
                if label is not None:
                    yield Span(doc, tok.i, tok.i + 1, label=label)

    def spans(self, doc: Doc) -> list[Span]:
        """All gazetteer spans in ``doc`` before overlap resolution."""
        found: list[Span] = [*self.keyed(doc), *self.apostrophed(doc)]
        strings = self.nlp.vocab.strings
        for match_id, start, end in self.phrases(doc):
            span = doc[start:end]
            if _capitalised(span.text) and not _common_noun_head(span):  # "basij" in lower case is not the name
                if strings[match_id] == "Person" and _name_goes_on(doc, end):
                    continue  # a listed short name opening a longer one: the model reads the whole name
                found.append(Span(doc, start, end, label=match_id))
        for match_id, start, end in self.acronyms(doc):
            found.append(Span(doc, start, end, label=match_id))
        doc.user_data[KNOWN_NAMES] = [(span.start_char, span.end_char) for span in found]
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            label = key.split("#", 1)[0]
            # a hyphen after a name word opens a suffix or a second party ("<Group>-K", "<Group>-Iraq talks"),
            # which branch joining reads, not the pattern; a name ends on a name word, never on a joiner
            end = next((t.i for t in doc[start + 1 : end] if _suffix_hyphen(doc, t.i)), end)
            while end - start > 1 and (doc[end - 1].is_lower or doc[end - 1].text in _HYPHENS):
                end -= 1
            if key in self.trim and _descriptive(doc[start:end]):
                continue  # "Pakistani Shia militia" describes fighters; it names no group
            if label == "PublicBody":
                start = _country_prefix(doc, start)
            found.append(Span(doc, start, end, label=label))
        return found

    def __call__(self, doc: Doc) -> Doc:
        found = self.spans(doc)
        dateline = _dateline(doc)
        if dateline is not None:
            found = [span for span in found if span.start >= dateline.end] + [dateline]
        if found:
            # Longest span wins; on equal spans the more specific type does (a list says "Organization",
            # the name's structure says "ArmedGroup"). filter_spans keeps the first of equals.
            found.sort(key=lambda span: _PRIORITY.get(span.label_, len(_PRIORITY)))
            doc.ents = filter_spans([*found, *doc.ents])
        return doc


def _suffix_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen right after a capitalised word and before another ("<Group>-K"), not an article's ("al-")."""
    if doc[i].text not in _HYPHENS or i + 1 >= len(doc):
        return False
    return not doc[i - 1].is_lower and not doc[i + 1].is_lower


def _inner_article_variants(names: list[str]) -> list[str]:
    """``names`` and each one without the English article inside it: news copy writes "Islamic State of Iraq
    and Levant" for the listed "Islamic State of Iraq and the Levant". A leading "the" is left: matching
    already starts after it."""
    out = list(names)
    for name in names:
        shorter = _INNER_THE.sub(" ", name)
        if shorter != name:
            out.append(shorter)
    return list(dict.fromkeys(out))


_INNER_THE = re.compile(r"(?<=\S) [Tt]he (?=\S)")


#: Labels whose listed names are also matched by spelling key (organisations written with an article).
SPELLING_LABELS = frozenset({"ArmedGroup", "Organization", "PublicBody"})


@cache
def _articles() -> frozenset[str]:
    """The Arabic article in its romanisations ("al", "el", "ad", "ash"…), from the names vocabulary."""
    return frozenset({"al", *vocabulary().articles})


def _name_word(word: str) -> bool:
    return word in ("-", "‑", "’", "'") or word.casefold() in _articles() or word[:1].isupper()


def spelling_key(text: str, require_article: bool = False) -> tuple[tuple[str, ...], bool] | None:
    """The key on which spellings of one name meet: articles, hyphens and the apostrophes of ayn and
    hamza dropped, each word folded by the names stack's romanisation ("Al-Shabaab", "al Shabaab",
    "Al-Shabab" -> ("shabab",); "al-Qa'ida" = "al-Qaida"). None when the text is no name (a lower-case
    word that is no article, an edge article or hyphen); with ``require_article``, also None when no
    article is written (plain spellings are matched as listed)."""
    arts = _articles()
    words = _APOSTROPHES.sub("", text).split()
    if not words or words[-1].casefold() in arts or words[-1][-1:] in _HYPHENS or words[0][:1] in _HYPHENS:
        return None
    out: list[str] = []
    had_article = False
    for w in words:
        for part in re.split(f"[{_HYPHENS}]", w):
            low = part.casefold()
            if not part:
                continue
            if low in arts:
                had_article = True
                continue
            if not part[:1].isupper():
                return None
            out.append(romanisation_fold(low))
    if not out or (require_article and not had_article):
        return None
    return tuple(out), had_article


_HYPHENS = "-‑–"
_APOSTROPHES = re.compile(r"(?<=\w)['’ʿʼ`](?=\w)")
_POSSESSIVE_END = re.compile(r"['’]s$")


@Language.factory(FACTORY, default_config={"use_seed": True})
def make_gazetteer(nlp: Language, name: str, use_seed: bool) -> Gazetteer:
    """spaCy factory: ``nlp.add_pipe("threatgraph_gazetteer", before="ner")``."""
    return Gazetteer(nlp, name=name, use_seed=use_seed)
