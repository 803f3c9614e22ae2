"""The one name vocabulary (``vocabulary.yaml``), validated on load and folded into lookup sets.

The file is read through :func:`threatgraph.datafiles.load_yaml` with its schema
(:class:`threatgraph.names.schemas.VocabularyFile`); the checks below add what a schema cannot say.

Every stage reads name words from here: resolution (designators, particles, honorifics, offices),
screening (generic words and their translations, legal forms, romanisation), extraction and watches.
A key the file does not know is an error, so a typo cannot silently switch a rule off.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from threatgraph.datafiles import load_yaml
from threatgraph.names.ascii import ascii_fold
from threatgraph.names.schemas import VocabularyFile

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")
KEYS = frozenset(
    {
        "labels",
        "words",
        "legal_forms",
        "particles",
        "patronymics",
        "kunya",
        "articles",
        "joined_articles",
        "joining_particles",
        "honorifics",
        "title_genders",
        "script_honorifics",
        "offices",
        "state_heads",
        "romanisation",
        "places",
        "institutions",
        "descriptive",
        "given_names",
        "short_given_names",
    }
)
LABEL_KEYS = frozenset({"families", "specificity", "generic", "skip"})
KINDS = frozenset({"designator", "generic", "term"})
WORD_KEYS = frozenset({"kind", "forms", "head", "own"})
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


class VocabularyError(ValueError):
    """``vocabulary.yaml`` is malformed (unknown key, wrong type, unknown word kind)."""


def fold(text: str) -> str:
    """Casefold and transliterate to lower-case ASCII with only letters, digits and single spaces."""
    text = ascii_fold(text.casefold()).lower()
    text = text.replace("'", "").replace("`", "").replace("?", "")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def _raw(word: Any) -> str:
    """A word as resolution sees it: NFC, casefolded, original script kept."""
    return unicodedata.normalize("NFC", str(word)).casefold()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The parsed vocabulary with the lookup tables each stage needs."""

    families: dict[str, str]
    specificity: tuple[str, ...]
    generic_labels: frozenset[str]
    skip_labels: frozenset[str]
    #: raw spelling (casefolded, any script) -> (canonical word, kind); for resolution
    word_of: dict[str, tuple[str, str]]
    #: folded ASCII spelling -> canonical word; for screening ("liwa" -> "brigade")
    synonyms: dict[str, str]
    #: canonical words and folded spellings that weigh little in screening
    generic_words: frozenset[str]
    legal_forms: frozenset[str]
    particles: frozenset[str]  # raw (resolution drops these)
    screen_particles: frozenset[str]  # folded, particles + patronymics (screening weighs these little)
    kunya: frozenset[str]
    articles: tuple[str, ...]
    joined_articles: tuple[str, ...]
    joining_particles: frozenset[str]
    honorifics: frozenset[str]
    #: Arabic-script spellings of honorifics as written in the file (NFC); names.translit folds them
    script_honorifics: frozenset[str]
    offices: frozenset[str]
    romanisation: tuple[tuple[str, str], ...]
    digest: str
    #: canonical kind words that head a body's name ("group", "movement", "organization"): two
    #: names whose heads differ name two kinds of body unless context says otherwise
    heads: frozenset[str] = frozenset()
    #: raw "son of" words inside person names ("bin", "ould"): extraction reads a name through them
    patronymics: frozenset[str] = frozenset()
    #: folded place name -> its concept: one region under several names ("sham", "levant", "syria")
    place_of: dict[str, str] = field(default_factory=dict)
    #: words that name a body by its function ("bank", "ministry", "court"): such a name belongs to the
    #: country that follows it, so it is never a name of its own without it
    institutions: frozenset[str] = frozenset()
    #: name words (as a name's core writes them) that groups name themselves with ("ansar", "resistance"): a
    #: name made only of them and kind words names bodies in many countries
    descriptive: frozenset[str] = frozenset()
    #: folded form of an East Slavic given name -> the name's canonical form ("oleksandr" -> "aleksandr")
    given_name_of: dict[str, str] = field(default_factory=dict)
    #: folded short form of an English given name -> the full names it shortens ("tony" -> {"anthony", "antony"})
    shortened: dict[str, frozenset[str]] = field(default_factory=dict)
    #: folded courtesy title -> the sex it says ("mrs" -> "female"): two people, not one, under one surname
    title_gender: dict[str, str] = field(default_factory=dict)
    #: folded words that name the head of a state after its nationality adjective ("leader", "president")
    state_heads: frozenset[str] = frozenset()


def _words(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: {key} must be a list of words")
    return [str(v) for v in value]


def parse(data: Any, digest: str = "") -> Vocabulary:
    """Validate the YAML document and build the lookup tables."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: expected a mapping at the top level")
    unknown = set(data) - KEYS
    if unknown:
        raise VocabularyError(f"{VOCABULARY_FILE.name}: unknown keys {sorted(unknown)}")
    labels = data.get("labels") or {}
    if set(labels) - LABEL_KEYS:
        raise VocabularyError(f"{VOCABULARY_FILE.name}: unknown labels keys {sorted(set(labels) - LABEL_KEYS)}")
    word_of: dict[str, tuple[str, str]] = {}
    synonyms: dict[str, str] = {}
    generic: set[str] = set()
    heads: set[str] = set()
    own_words: set[str] = set()
    for canonical, entry in (data.get("words") or {}).items():
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS or set(entry) - WORD_KEYS:
            raise VocabularyError(f"{VOCABULARY_FILE.name}: words.{canonical} needs kind ({sorted(KINDS)}) and forms")
        kind = entry["kind"]
        if entry.get("head"):
            heads.add(fold(canonical))
        if entry.get("own"):
            own_words.add(fold(canonical))
        forms = _words(entry.get("forms") or [], f"words.{canonical}.forms")
        # "other" collects words with no translation: each is its own canonical word.
        own = canonical == "other"
        for form in [*([] if own else [canonical]), *forms]:
            canon = form if own else canonical
            word_of[_raw(form)] = (fold(canon) or _raw(canon), kind)
            folded = fold(form)
            if folded and folded != fold(canon):
                synonyms[folded] = fold(canon)
            generic.add(fold(canon))
    articles = tuple(fold(a) for a in _words(data.get("articles") or [], "articles"))
    for article in articles:
        synonyms[article] = "al"
    particles = _words(data.get("particles") or [], "particles")
    patronymics = _words(data.get("patronymics") or [], "patronymics")
    pairs = data.get("romanisation") or []
    honorifics = frozenset(fold(h) for h in _words(data.get("honorifics") or [], "honorifics"))
    if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: romanisation must be a list of [written, folded] pairs")
    return Vocabulary(
        families={str(k): str(v) for k, v in (labels.get("families") or {}).items()},
        specificity=tuple(_words(labels.get("specificity") or [], "labels.specificity")),
        generic_labels=frozenset(_words(labels.get("generic") or [], "labels.generic")),
        skip_labels=frozenset(_words(labels.get("skip") or [], "labels.skip")),
        word_of=word_of,
        synonyms=synonyms,
        generic_words=frozenset(generic - own_words),
        legal_forms=frozenset(fold(w) for w in _words(data.get("legal_forms") or [], "legal_forms")),
        particles=frozenset(_raw(p) for p in particles),
        screen_particles=frozenset(fold(p) for p in [*particles, *patronymics] if fold(p)),
        kunya=frozenset(_raw(k) for k in _words(data.get("kunya") or [], "kunya")),
        articles=articles,
        joined_articles=tuple(fold(a) for a in _words(data.get("joined_articles") or [], "joined_articles")),
        joining_particles=frozenset(_raw(p) for p in _words(data.get("joining_particles") or [], "joining_particles")),
        honorifics=honorifics,
        script_honorifics=_script_honorifics(data.get("script_honorifics") or {}, honorifics),
        offices=frozenset(fold(o) for o in _words(data.get("offices") or [], "offices")),
        romanisation=tuple((str(a), str(b)) for a, b in pairs),
        digest=digest,
        heads=frozenset(heads),
        patronymics=frozenset(_raw(p) for p in patronymics),
        place_of=_places(data.get("places") or {}),
        institutions=frozenset(fold(w) for w in _words(data.get("institutions") or [], "institutions")),
        descriptive=_descriptive(data.get("descriptive") or {}),
        given_name_of=_given_names(data.get("given_names") or {}),
        shortened=_short_names(data.get("short_given_names") or {}),
        title_gender=_title_genders(data.get("title_genders") or {}),
        state_heads=frozenset(fold(w) for w in _words(data.get("state_heads") or [], "state_heads")),
    )


def _title_genders(data: Any) -> dict[str, str]:
    """Each folded courtesy title mapped to the sex it says. A title under both would say nothing: an error."""
    if not isinstance(data, dict) or set(data) - {"male", "female"}:
        raise VocabularyError(f"{VOCABULARY_FILE.name}: title_genders must map male and female to titles")
    out: dict[str, str] = {}
    for sex, titles in data.items():
        for title in _words(titles, f"title_genders.{sex}"):
            folded = fold(title)
            if out.get(folded, sex) != sex:
                raise VocabularyError(f"{VOCABULARY_FILE.name}: title_genders: {title!r} is under male and female")
            out[folded] = sex
    return out


def _descriptive(data: Any) -> frozenset[str]:
    """Every Latin form of the descriptive words as a name's core holds it (folded words), the English sense
    included."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: descriptive must map an English word to its forms")
    out: set[str] = set()
    for sense, forms in data.items():
        for form in [str(sense), *_words(forms, f"descriptive.{sense}")]:
            for word in fold(form).split():
                out.add(word)
    return frozenset(out)


def _given_names(data: Any) -> dict[str, str]:
    """Each folded form of a given name mapped to the name's canonical form. A form under two names would make the
    two one name: that is an error in the file."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: given_names must map a name to its forms")
    out: dict[str, str] = {}
    for name, forms in data.items():
        canonical = fold(str(name))
        for form in [str(name), *_words(forms, f"given_names.{name}")]:
            folded = fold(form)
            if out.get(folded, canonical) != canonical:
                raise VocabularyError(f"{VOCABULARY_FILE.name}: given_names: {form!r} is a form of two names")
            out[folded] = canonical
    return out


def _short_names(data: Any) -> dict[str, frozenset[str]]:
    """Each folded short form mapped to the full given names it shortens."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: short_given_names must map a name to its short forms")
    out: dict[str, set[str]] = {}
    for name, forms in data.items():
        for form in _words(forms, f"short_given_names.{name}"):
            out.setdefault(fold(form), set()).add(fold(str(name)))
    return {k: frozenset(v) for k, v in out.items()}


def _script_honorifics(data: Any, honorifics: frozenset[str]) -> frozenset[str]:
    """The script spellings of honorifics; each is listed under an honorific of the file, so a script title
    is always one the Latin side drops too (a title known in one script only would weigh differently)."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: script_honorifics must map an honorific to its spellings")
    unknown = sorted(str(k) for k in data if fold(str(k)) not in honorifics)
    if unknown:
        raise VocabularyError(f"{VOCABULARY_FILE.name}: script_honorifics of unknown honorifics {unknown}")
    return frozenset(
        unicodedata.normalize("NFC", form)
        for key, forms in data.items()
        for form in _words(forms, f"script_honorifics.{key}")
    )


def _places(data: Any) -> dict[str, str]:
    """Each folded place name mapped to its concept (the concept's own name is one of its forms)."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{VOCABULARY_FILE.name}: places must map a concept to its names")
    out: dict[str, str] = {}
    for concept, forms in data.items():
        for form in [concept, *_words(forms, f"places.{concept}")]:
            folded = fold(form)
            if folded:
                out[folded] = fold(concept)
    return out


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary of this installation (parsed once per process)."""
    data = load_yaml(VOCABULARY_FILE, VocabularyFile)
    return parse(data, hashlib.sha256(VOCABULARY_FILE.read_bytes()).hexdigest()[:12])
