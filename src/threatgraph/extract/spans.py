"""Span repair after the statistical NER: fixing the model's edges and labels from the parse and reference data.

Why a separate component: the small English model reads unfamiliar names (Somali towns, Arabic group names,
invented outlets) through surface shape alone, so it cuts names at apostrophes ("Mariam" | "Bazara'a"), runs
past a name into a verb ("Security Council add Sangaré"), splits "X and Y Institute" at the conjunction and
calls a town after "the town of" a PERSON. Each repair below uses a general cue (a part of speech, a
locative construction, a demonym from rigour's territory data, the article's own outlet) and never a name.
The cue words are data in ``labels.yaml`` (``place_nouns``, ``locative_prepositions``, ``heads``).
Gazetteer spans are left as they are: they were typed by a list or a name structure, not guessed.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from threatgraph.extract.branches import join_branches
from threatgraph.extract.gazetteer import seed_config
from threatgraph.extract.labels import label_config
from threatgraph.extract.places import is_country, is_demonym, is_place, is_place_spelling
from threatgraph.names.vocabulary import vocabulary

FACTORY = "threatgraph_spans"

#: Model labels that name things; dates, numbers and the like are never repaired.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
#: A word with an apostrophe inside it ("Bazara'a", "Ma'alin"), as opposed to a possessive "'s".
#: A middle initial: one capital letter and a full stop ("K." in "Brenno K. Vellacott").
_INITIAL = re.compile(r"[A-Z]\.$")
_INNER_APOSTROPHE = re.compile(r"\w['’]\w{2,}|\w['’](?!s$)\w")


#: A demonym modifies a noun ("Ugandan and Burundian troops"); "Cook said" is a person even if Cook Islanders exist.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "conj"})


def _demonym(word: str) -> bool:
    """A country adjective, not the country: rigour resolves "Niger" and "Nigerien" alike to a territory."""
    return is_demonym(word) and not is_country(word)


def _model_span(span: Span) -> bool:
    return span.label_ in _NAME_LABELS


def _trim_tail(span: Span) -> Span | None:
    """Cut lower-case words the model ran into at a name's end ("Suez Canal to", "Sulu archipelago")."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_lower:
        end -= 1
    return Span(span.doc, span.start, end, label=span.label) if end != span.end else span


def _cut_at_verb(span: Span) -> Span | None:
    """Keep the name before a lower-case verb inside the span ("Security Council add Sangaré" -> "Security Council")."""
    for tok in span[1:]:
        if tok.is_lower and tok.tag_.startswith("VB"):
            return Span(span.doc, span.start, tok.i, label=span.label) if tok.i > span.start else None
    return span


def _apostrophe_extent(span: Span) -> Span:
    """Take in a following name word with an inner apostrophe ("Mariam" + "Bazara'a") the model left out."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and doc[end - 1].whitespace_
        and not doc[end].ent_type_
        and doc[end].text[:1].isupper()
        and _INNER_APOSTROPHE.search(doc[end].text)
    ):
        end += 1
    return Span(doc, span.start, end, label=span.label) if end != span.end else span


def _surname_extent(span: Span, max_extra: int = 2) -> Span:
    """Take in the capitalised name word the model left after a person's first name ("Ali" | "Dheere spoke"):
    a proper noun, outside every entity, that the parse joins to the name (compound or flat either way)."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < max_extra and doc[end - 1].whitespace_:
        nxt = doc[end]
        joined = (nxt.head.i in range(span.start, end) and nxt.dep_ in ("compound", "flat")) or any(
            doc[i].head.i == nxt.i and doc[i].dep_ in ("compound", "flat") for i in range(span.start, end)
        )
        if not (nxt.pos_ == "PROPN" and nxt.is_title and not nxt.ent_type_ and not nxt.is_sent_start and joined):
            break
        places = label_config()["place_nouns"]
        if nxt.lower_ in _org_heads() or nxt.lower_ in places or is_country(nxt.text) or _demonym(nxt.text):
            break
        end += 1
    return Span(doc, span.start, end, label=span.label) if end != span.end else span


def _conjoined_institution(span: Span) -> Span:
    """ "Horn and Gulf Institute", "Peace and Policy Centre": a name cut at its "and" is joined back.

    Only names ending in an institution word are joined, so "Iran and Syria" stay two places.
    """
    doc = span.doc
    heads = label_config()["heads"]
    if span[-1].lower_ not in heads["Organization"] or span.start < 2 or doc[span.start - 1].lower_ != "and":
        return span
    start = span.start - 1
    while start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
        start -= 1
    if start == span.start - 1:
        return span
    return Span(doc, start, span.end, label="ORG")


_HYPHENS = frozenset({"-", "–", "‐", "‑"})


def _place_or_people(tokens: Span) -> str | None:
    """GPE for a country or known place, NORP for a country adjective, None for anything else."""
    text = tokens.text
    if _demonym(text):
        return "NORP"
    return "GPE" if is_country(text) or is_place(text) else None


def _hyphen_pair(span: Span) -> list[Span]:
    """ "Mali-Niger" (border), "U.S.-Qandori" (patrol): two places or a place and a people joined by a hyphen
    name two parties, not one place or body; the model reads the compound as one name and types it by one
    half. Split at the hyphen when each half is a country, a known place or a country adjective."""
    hyphens = [t.i for t in span if t.text in _HYPHENS and not t.whitespace_ and not span.doc[t.i - 1].whitespace_]
    if len(hyphens) != 1 or hyphens[0] in (span.start, span.end - 1) or _place_or_people(span) is not None:
        return [span]  # "Guinea-Bissau" is one country
    start = span.start + 1 if span[0].pos_ == "DET" else span.start
    left, right = span.doc[start : hyphens[0]], span.doc[hyphens[0] + 1 : span.end]
    if not len(left):
        return [span]
    kinds = (_place_or_people(left), _place_or_people(right))
    if None in kinds:
        return [span]
    return [Span(span.doc, part.start, part.end, label=kind) for part, kind in zip((left, right), kinds, strict=True)]


def _titled_name_split(span: Span) -> list[Span]:
    """ "Minister of the Interior Ada Roe" read as one ORG: a body's closing word followed by a
    first name and surname is the body and then the person who holds the title in it."""
    if span.label_ not in ("ORG", "GPE") or len(span) < 3:
        return [span]
    bodies = set(label_config()["heads"]["PublicBody"])
    for tok in span[:-2]:
        rest = span.doc[tok.i + 1 : span.end]
        if (
            tok.lower_ in bodies
            and 2 <= len(rest) <= 4
            and all(t.is_title and t.is_alpha or re.fullmatch(r"[A-Z]\.", t.text) for t in rest)
            and not any(t.lower_ in _org_heads() for t in rest)
        ):
            return [
                Span(span.doc, span.start, tok.i + 1, label=span.label),
                Span(span.doc, tok.i + 1, span.end, label="PERSON"),
            ]
    return [span]


def _coordinated_persons(span: Span, surnames: frozenset[str]) -> list[Span]:
    """ "Qorvel and Tamsin were designated": two people the article named in full before, read
    as one organisation. A span of exactly "<Name> and <Name>" whose two names are each the last name
    of a person the article names elsewhere is those two people."""
    if len(span) != 3 or span.label_ == "PERSON" or span[1].lower_ != "and":
        return [span]
    first, last = span[0], span[2]
    if not (first.is_title and last.is_title and first.text in surnames and last.text in surnames):
        return [span]
    return [
        Span(span.doc, span.start, span.start + 1, label="PERSON"),
        Span(span.doc, span.end - 1, span.end, label="PERSON"),
    ]


def _owner_of(span: Span, names: frozenset[str]) -> Span:
    """ "QeT's FTO listing": a possessive inside a span whose owner the article names on its own
    elsewhere is that owner and a common noun after it ("People's ..." names stay whole: "People" is
    named nowhere on its own)."""
    for tok in span[1:-1]:
        if tok.lower_ in ("'s", "’s") and span.doc[span.start : tok.i].text in names:
            return Span(span.doc, span.start, tok.i, label=span.label)
    return span


def _locative(span: Span) -> bool:
    """Written as a place: "the town of X", "X port", "X-based", "off X", "near X"."""
    config = label_config()
    doc = span.doc
    nouns = set(config["place_nouns"])
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in config["locative_prepositions"]:
        return True
    if before is not None and before.lower_ == "of" and span.start > 1 and doc[span.start - 2].lower_ in nouns:
        return True
    if after is not None and after.lower_ in nouns and after.is_lower and after.pos_ == "NOUN":
        return True
    return (
        after is not None
        and after.text == "-"
        and span.end + 1 < len(doc)
        and doc[span.end + 1].lower_ in ("based", "born", "registered")
    )


def _conjoined_to_person(span: Span) -> bool:
    """ "A and B" where A is a person: B is one too (the model types list members independently)."""
    doc = span.doc
    if span.root.dep_ == "conj" and span.root.head.ent_type_ == "PERSON":
        return True
    if span.start < 2 or doc[span.start - 1].lower_ != "and" or doc[span.start - 2].ent_type_ != "PERSON":
        return False
    return all(tok.is_title or not tok.is_alpha for tok in span) and span[-1].lower_ not in _org_heads()


def _org_heads() -> frozenset[str]:
    heads = label_config()["heads"]
    return frozenset(word for words in heads.values() for word in words)


@cache
def _facility_heads() -> frozenset[str]:
    return frozenset(label_config()["facility_heads"])


@cache
def _articles() -> frozenset[str]:
    return frozenset({"al", *vocabulary().articles})


def _toponym(tokens: Span | list[Token]) -> bool:
    """Shaped like an Arabic place name: a place word, an article, a name ("Bab al-Mandab", "Deir al Zour")."""
    words = [t for t in tokens if t.text not in ("-", "‑")]
    return (
        len(words) >= 3
        and words[0].is_title
        and words[0].lower_ in label_config()["place_prefixes"]
        and words[1].lower_ in _articles()
        and words[2].is_title
    )


def _gazetteer_place(span: Span) -> bool:
    """A known city or province (packaged GeoNames extract) written after a place preposition: "in Gardez"."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None
        and before.lower_ in label_config()["gazetteer_prepositions"]
        and is_place_spelling(span.text)
        and not any(t.lower_ in label_config()["person_titles"] for t in span)
    )


#: model labels a ship's name is read with (a vessel is none of them)
_VESSEL_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})


#: division words that also close the names of bodies or branches ("Islamic State", "<Group>'s X Province"):
#: they make a place only after a name the place gazetteer knows
_LOOSE_DIVISIONS = frozenset({"state", "province", "region"})


def _admin_division(span: Span) -> bool:
    """A name closed by an administrative division word (``labels.yaml`` ``admin_words``: "X County", "X
    District"), or by "State"/"Province"/"Region" after a known place ("Yobe State"); not a branch named after
    its parent's possessive."""
    last = span[-1]
    if len(span) < 2 or not last.is_title:
        return False
    word = last.lower_
    if word in _LOOSE_DIVISIONS:
        before = span.doc[span.start - 1] if span.start > 0 else None
        owned = before is not None and before.lower_ in ("'s", "’s")
        return not owned and is_place_spelling(span.doc[span.start : span.end - 1].text)
    return word in label_config()["admin_words"]


def _demonym_before_name(span: Span) -> bool:
    """ "the Qandori" read as ORG before a body's name ("the Qandori Ministry of Education"): one country
    adjective, after at most an article, modifying a capitalised word after it, is a nationality; as an
    adjective it cannot be the body's name (even when a town is spelt the same)."""
    words = [t for t in span if t.lower_ != "the"]
    if len(words) != 1 or len(span) > 2:
        return False
    word = words[0]
    head = word.head
    return (
        word.is_title
        and word.dep_ in _MODIFIER_DEPS
        and head.i > word.i
        and head.i >= span.end
        and head.is_title
        and _demonym(word.text)
    )


def _body_acronym(text: str) -> bool:
    """An acronym of four or more capitals that is no country (name or code) or known place: a body's short name.
    Countries and places written in capitals ("UAE", "DRC") are short or listed."""
    return len(text) >= 4 and text.isalpha() and text.isupper() and not (is_country(text) or is_place(text))


def _relabel(span: Span) -> str:
    """A better model label for a span from cues around it, or its own."""
    text = span.text
    if span.label_ in ("GPE", "LOC") and _body_acronym(text):
        return "ORG"  # "QANMIS deployed ...": places are not written as long acronyms, missions and bodies are
    if span.label_ in ("PERSON", "ORG") and _demonym_before_name(span):
        return "NORP"  # "the Qandori" of "the Qandori Ministry of Education"
    if span.label_ in ("PERSON", "ORG") and (_toponym(span) or _gazetteer_place(span)):
        return "GPE"  # "Jurf al-Nasr", "in Darayya": a place however the model read it
    if span.label_ in ("PERSON", "ORG") and len(span) <= 3 and all(t.is_title or not t.is_alpha for t in span):
        if len(span) == 1 and _demonym(text) and not is_place(text) and span.root.dep_ in _MODIFIER_DEPS:
            return "NORP"  # "Ugandan" read as PERSON
        if _locative(span):
            return "GPE"
    if span.label_ == "PERSON" and span[-1].lower_ in label_config()["heads"]["Organization"]:
        return "ORG"  # "Policy Centre" is no one's name
    last = span[-1]
    if span.label_ in ("ORG", "PERSON") and len(span) >= 2 and last.is_title and last.lower_ in _facility_heads():
        return "FAC"  # "Qandor Military Airfield", "Qandor Camp": a place built or named by its kind
    if span.label_ in ("ORG", "PERSON", "GPE") and _admin_division(span):
        return "GPE"  # "Qandor County", "Vell State": a division of a country, named by its kind
    if span.label_ in ("ORG", "GPE") and _conjoined_to_person(span):
        return "PERSON"  # "two of its officers, Karim Haddad and Yusuf Omar Jaber"
    if span.label_ == "PERSON" and len(span) == 1 and is_place(text) and _locative(span):
        return "GPE"
    return span.label_


def _demonyms(doc: Doc, taken: set[int]) -> list[Span]:
    """Country adjectives the model left unlabelled or called a language ("Malian troops", "Filipino troops")."""
    found = []
    for tok in doc:
        if tok.i in taken and tok.ent_type_ != "LANGUAGE":
            continue
        if not (tok.is_alpha and tok.is_title and tok.tag_ == "JJ" and tok.dep_ in ("amod", "compound", "nmod")):
            continue
        if tok.head.i <= tok.i or not tok.head.is_lower:
            continue  # "Somali troops" modifies a common noun; "Somali Affairs Office" is a name
        if _demonym(tok.text):
            found.append(Span(doc, tok.i, tok.i + 1, label="NORP"))
    return found


def _unlabelled_places(doc: Doc, taken: set[int]) -> list[Span]:
    """A name the model left unlabelled in "the port of X", "the town of X": a place by construction."""
    nouns = set(label_config()["place_nouns"])
    found = []
    for tok in doc:
        if tok.lower_ != "of" or tok.i < 1 or doc[tok.i - 1].lower_ not in nouns or not doc[tok.i - 1].is_lower:
            continue
        end = tok.i + 1
        while (
            end < len(doc) and end - tok.i <= 3 and end not in taken and doc[end].is_title and doc[end].pos_ == "PROPN"
        ):
            end += 1
        if end > tok.i + 1:
            found.append(Span(doc, tok.i + 1, end, label="GPE"))
    found += _after_locative(doc, taken | {i for span in found for i in range(span.start, span.end)})
    for tok in doc:  # "Deir al Zour", "Ras al-Ain" left unlabelled: the place word, the article, the name
        if tok.i in taken or not tok.is_title or tok.lower_ not in label_config()["place_prefixes"]:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < 5 and end not in taken and doc[end].text in ("-", "‑", *_articles()):
            end += 1
        if end < len(doc) and end not in taken and doc[end].is_title and _toponym(list(doc[tok.i : end + 1])):
            found.append(Span(doc, tok.i, end + 1, label="GPE"))
    return found


def _after_locative(doc: Doc, taken: set[int], max_words: int = 5) -> list[Span]:
    """A name the model left unlabelled right after "near", "outside", "off" ("Near Al Huwayjah, two
    strikes ..."): capitalised words, with the Arabic article and hyphens between them, none a title or
    an organisation word. Only these prepositions: people and organisations follow "in", "at", "from" too."""
    preps = set(label_config()["locative_prepositions"])
    blocked = _org_heads() | set(label_config()["person_titles"])
    found = []
    for tok in doc:
        if tok.lower_ not in preps or tok.i + 1 >= len(doc) or tok.i + 1 in taken or not doc[tok.i + 1].is_title:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= max_words and end not in taken:
            word = doc[end]
            if not (word.is_title or word.lower_ in _articles() or word.text in ("-", "‑")) or word.lower_ in blocked:
                break
            end += 1
        while end > tok.i + 1 and not doc[end - 1].is_title:
            end -= 1
        if end == tok.i + 1 or (end < len(doc) and doc[end].ent_type_) or doc[end - 1].lower_ in blocked:
            continue
        found.append(Span(doc, tok.i + 1, end, label="GPE"))
    return found


_INITIAL = re.compile(r"[A-Z]\.?")


def _hyphen_title(doc: Doc, i: int) -> bool:
    """A hyphen or a lower-case word bound by hyphens inside a title ("Ambassador-at-Large")."""
    tok = doc[i]
    if tok.text == "-":
        return i + 1 < len(doc) and not doc[i + 1].is_space and not tok.whitespace_
    return tok.is_lower and i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_


def _title_run_end(doc: Doc, i: int) -> int:
    """End of a capitalised title phrase starting at token ``i`` ("Deputy Minister of the Interior for
    Border and Customs Security Jane Roe"): title-case words and their joining words."""
    joiners = {"of", "the", "for", "and", "on"}
    end = i + 1
    while end < len(doc) and (
        doc[end].is_title or _INITIAL.fullmatch(doc[end].text) or doc[end].lower_ in joiners or _hyphen_title(doc, end)
    ):
        end += 1
    while end > i + 1 and doc[end - 1].lower_ in joiners:
        end -= 1
    return end


def _titled_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """The holder named at the end of a capitalised title ("… Financial Intelligence Jane Roe") when
    the model missed the person; words of the title the model took for an organisation after "for"
    ("Customs" in "Deputy Minister for Customs and Border Security") are part of the title.

    Only a title word opens such a phrase, and the name must end it right before punctuation or a
    verb; the name is its last two words (three with a middle initial).
    """
    titles = set(label_config()["person_titles"])
    bodies = _org_heads() | set(label_config()["group_words"])  # "... of the Qandor Treaty Organization"
    out = list(spans)
    for tok in doc:
        if not (tok.is_title and tok.lower_ in titles):
            continue
        end = _title_run_end(doc, tok.i)
        after = doc[end] if end < len(doc) else None
        if end - tok.i < 3 or (after is not None and not (after.is_punct or after.pos_ in ("VERB", "AUX"))):
            continue
        inside = [
            s
            for s in out
            if tok.i < s.start
            and s.end <= end
            and s.label_ in ("ORG", "GPE")
            and doc[s.start - 1].lower_ in ("for", "and")
        ]
        if any(s.label_ == "PERSON" and tok.i < s.end and s.start < end for s in out):
            out = [s for s in out if s not in inside]
            continue
        start = end - 2
        if start - 1 > tok.i and _INITIAL.fullmatch(doc[start].text) and doc[start - 1].is_title:
            start -= 1
        name = doc[start:end]
        if any(
            t.lower_ in titles or t.lower_ in bodies or not (t.is_alpha and t.is_title or _INITIAL.fullmatch(t.text))
            for t in name
        ):  # "Minister of Defense" closes with no name: "of" is no name word
            continue
        if start <= tok.i or doc[start - 1].lower_ in ("of", "the", "for", "and"):
            continue
        out = [s for s in out if s not in inside and not (s.start < end and start < s.end)]
        out.append(Span(doc, start, end, label="PERSON"))
    return out


@cache
def _category_codes() -> frozenset[str]:
    """The gazetteer's blocked codes ("SDGT", "FTO"): tags of a list or a programme, never actors."""
    return frozenset(str(n) for n in seed_config()["names"].get("MISC", ()))


def _coded_categories(doc: Doc, spans: list[Span]) -> list[Span]:
    """Drop a capitalised phrase the text defines by a blocked code ("Foreign Terrorist Organization (FTO)",
    "Specially Designated ... (SDGTs)") and every other model span written the same way: the
    phrase is what the code stands for, a category of the list, so it is no more an actor than the code."""
    codes = _category_codes()
    defined: set[str] = set()
    for span in spans:
        if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
            continue
        code = doc[span.end + 1].text
        if code in codes or (code.endswith("s") and code[:-1] in codes):
            defined.add(span.text)
    if not defined:
        return spans
    return [s for s in spans if not (_model_span(s) and s.text in defined)]


def _person_word(tok: Token) -> bool:
    """A capitalised word that may be part of a person's name: not a function word ("The", "In"), a title or
    an honorific ("Foreign Minister <Given> bin <Father>": the title is not the name)."""
    word = tok.lower_.rstrip(".")
    if not (tok.is_alpha and tok.is_title) or tok.is_stop or word in vocabulary().honorifics:
        return False
    return word not in label_config()["person_titles"] and word not in _org_heads()


@cache
def _patronymics() -> frozenset[str]:
    return vocabulary().patronymics | frozenset(label_config()["name_patronymics"])


def _patronymic_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "<Given> ould <Father>", "<Given> ag <Father>", "<Given> bin <Father>": capitalised name words on both
    sides of a lower-case "son of" word make one person's name, which the model often cuts at the particle
    and types by the halves ("<Given>" a town, "<Father>" an organisation). The run takes up to three name
    words on each side (an Arabic article and hyphen may join them: "bin al-<Name>"); it is left alone when a
    word is an organisation, group or place noun, a country or a people, or when a list typed a span in it."""
    particles = _patronymics()
    listed = set(label_config()["gazetteer"])
    blocked = _org_heads() | set(label_config()["group_words"]) | set(label_config()["place_nouns"])
    out = list(spans)
    made: set[int] = set()  # tokens of the names made here: a chain's second particle is inside one
    for tok in doc:
        if tok.text not in particles or tok.i == 0 or tok.i + 1 >= len(doc) or tok.i in made:
            continue
        start = tok.i
        while start > 0 and tok.i - start < 3 and _person_word(doc[start - 1]):
            start -= 1
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 6:
            word = doc[end]
            if _person_word(word) or (word.text in particles and end + 1 < len(doc) and _person_word(doc[end + 1])):
                end += 1  # "<Given> bin <Father> bin <Grandfather>": the chain goes on
            elif word.lower_ in _articles() and end + 1 < len(doc) and doc[end + 1].text == "-":
                end += 2  # "bin al-" + name word
            else:
                break
        while end > tok.i + 1 and not doc[end - 1].is_alpha:
            end -= 1
        name = doc[start:end]
        if start == tok.i or end == tok.i + 1 or not name[-1].is_title:
            continue
        if any(t.lower_ in blocked or is_country(t.text) or is_demonym(t.text) for t in name if t.is_title):
            continue
        inside = [s for s in out if s.start < end and start < s.end]
        if any(s.label_ in listed and s.label_ != "Person" for s in inside):
            continue
        out = [s for s in out if s not in inside]
        out.append(Span(doc, start, end, label="PERSON"))
        made.update(range(start, end))
    return out


def _person_shaped(span: Span) -> bool:
    """Two to four capitalised name words (middle initials allowed), none an organisation, place-noun or group
    word: "Jamal Alzoubi", "Brenno K. Vellacott", whatever the model typed it; "Crescent Gate Trading", "Kurdish
    Peshmerga", "Gulf of Aden" are not. A
    name the model typed ORG must also have no word that is a known place; a PERSON may ("Ali" is a town
    too)."""
    words = list(span)
    inner = words[1:-1]
    if not 2 <= len(words) <= 4 or not all(t.is_alpha and t.is_title for t in (words[0], words[-1])):
        return False
    if not all((t.is_alpha and t.is_title) or _INITIAL.match(t.text) for t in inner):
        return False  # a middle initial is a person's ("Brenno K. Vellacott"), any other mark is not
    words = [t for t in words if t.is_alpha]
    blocked = _org_heads() | set(label_config()["group_words"]) | set(label_config()["place_nouns"])
    places = span.label_ != "PERSON"
    return not any(
        t.lower_ in blocked or is_country(t.text) or is_demonym(t.text) or (places and is_place(t.text)) for t in words
    )


def _surnames(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's surname written alone where the model tagged nothing ("Alzoubi is a former diplomat"
    after "Jamal Alzoubi"): the last word of a person-shaped name, standing alone as a proper noun.
    Typed PERSON; grouping joins it to the full name and the document's vote types them together."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    last: set[str] = set()
    for span in spans:
        if span.label_ in ("PERSON", "ORG") and _person_shaped(span) and len(span[-1]) >= 3:
            last.add(span[-1].text)
    found = []
    for tok in doc:
        if tok.text not in last or tok.i in taken:
            continue
        if tok.pos_ != "PROPN" and not (tok.is_sent_start and tok.dep_ in ("nsubj", "nsubjpass") and tok.is_alpha):
            continue  # a sentence's first word is often tagged a common noun; as its subject it is the name
        before = doc[tok.i - 1] if tok.i > 0 else None
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if before is not None and before.is_title and not before.is_sent_start:
            continue  # "Mr Alzoubi": the honorific's name span, not a surname alone
        if after is not None and after.is_title:
            continue  # part of another name ("Mr Alzoubi" stays the honorific's, "Alzoubi Street" a street's)
        found.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return found


def _standalone_bodies(doc: Doc, taken: set[int]) -> list[Span]:
    """A body named by its capitalised common noun alone ("forces of the Coalition", "the Alliance said"):
    house style for one specific organisation the article is about. Mid-sentence only, where a capital is
    a choice; at a sentence's start only when the same word is capitalised mid-sentence elsewhere in the
    document. Not before another capitalised word (then it is part of a longer name)."""
    words = set(label_config()["standalone_bodies"])
    chosen = {tok.lower_ for tok in doc if tok.lower_ in words and tok.is_title and not tok.is_sent_start}
    found = []
    for tok in doc:
        if tok.i in taken or not tok.is_title or tok.lower_ not in chosen or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        before = doc[tok.i - 1] if tok.i > 0 else None
        if after is not None and after.is_title:
            continue
        if before is not None and before.is_title and not before.is_sent_start:
            continue
        found.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
    return found


def _title_bodies(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """The service or department word that opens a person's title ("Navy Capt. Jane Roe", "Defense Secretary
    Jane Roe"): the body the person serves, named by its short name (``labels.yaml`` ``title_bodies``). Only
    right before a title word or rank, and only when a person's name follows within the title run. A blocked
    job title the gazetteer marked ("Defense Secretary", TITLE) gives up its first word to the body and
    keeps the rest. Returns ``spans`` with the bodies added."""
    config = label_config()
    bodies = [tuple(str(b).split()) for b in config["title_bodies"]]
    titles = set(config["person_titles"]) | vocabulary().honorifics
    people = {s.start for s in spans if s.label_ in ("PERSON", "Person")}
    opening = {s.start: s for s in spans if s.label_ == "TITLE"}
    out = list(spans)
    for tok in doc:
        if not tok.is_title or (tok.i in taken and tok.i not in opening):
            continue
        size = next((len(b) for b in bodies if tuple(t.lower_ for t in doc[tok.i : tok.i + len(b)]) == b), 0)
        end = tok.i + size
        title = opening.get(tok.i)
        if not size or end >= len(doc) or (title is None and any(i in taken for i in range(tok.i, end))):
            continue
        if title is not None and title.end <= end:
            continue
        if not doc[end].is_title or doc[end].lower_.rstrip(".") not in titles:
            continue
        if not _person_after_title(doc, end + 1, people):
            continue
        if title is not None:
            out.remove(title)
            out.append(Span(doc, end, title.end, label="TITLE"))
        out.append(Span(doc, tok.i, end, label="PublicBody"))  # a state's service, not an armed group
    return out


def _person_after_title(doc: Doc, i: int, people: set[int], reach: int = 6) -> bool:
    """Whether a person's name starts within ``reach`` tokens from ``i``, past title words, ranks and their
    full stops only ("Lt . Gen. <Name>")."""
    for j in range(i, min(i + reach, len(doc))):
        if j in people:
            return True
        if not (doc[j].is_title or doc[j].text == "."):
            return False
    return False


def _name_word(tok: Token) -> bool:
    """A word written as part of a name: capitalised or in capitals ("Coalition", "QLF")."""
    return tok.is_alpha and (tok.is_title or tok.is_upper)


def _propagatable(span: Span, surnames: frozenset[str]) -> bool:
    """A model name whose other occurrences in the document may be taken as the same name: one word, an
    organisation's or a person's, an acronym or a word written with a capital mid-sentence (a capital at a
    sentence's start is not a choice), not a stop word. Not a longer name: a list of people's names the model
    read once as an organisation would spread that misreading; not a person's surname given another label
    (the surname rule types it)."""
    if len(span) != 1 or span.label_ not in ("ORG", "PERSON"):
        return False  # places are not spread: a town's name is often a person's too
    tok = span[0]
    if not tok.is_alpha or tok.is_stop or (span.label_ != "PERSON" and tok.text in surnames):
        return False
    return (tok.is_upper and len(tok) >= 2) or (tok.is_title and not tok.is_sent_start)


#: model labels of artefacts (works, products, events); extract/mentions.py drops them
_ARTEFACTS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT"})


def _whole_artefact(doc: Doc, start: int, end: int, artefacts: dict[int, Span]) -> bool:
    """Whether tokens ``start:end`` touch no artefact span, or make one up with at most a leading article
    ("The Coalition" read as a title): then the name is what the model took for a work's title."""
    touched = {artefacts[i] for i in range(start, end) if i in artefacts}
    if not touched:
        return True
    if len(touched) > 1:
        return False
    art = touched.pop()
    lead = art.start == start - 1 and doc[art.start].lower_ == "the"
    return art.end == end and (art.start == start or lead)


def _same_name_elsewhere(doc: Doc, spans: list[Span]) -> list[Span]:
    """Occurrences of a name the model labelled once that it left unlabelled elsewhere in the same document
    ("QTF 50 is led by ..." at a sentence's start after "joined QTF 50"): one name in one document is one
    name, so each is labelled as the model labelled it (the commonest label when it labelled it several
    ways); the document's vote then types all of them together. Only occurrences standing alone: no
    capitalised word touching either side (then it is part of another, longer name), no token already in a
    span but a work's title made of the name alone ("The Coalition" as WORK_OF_ART), which it replaces."""
    artefacts = {i: s for s in spans if s.label_ in _ARTEFACTS for i in range(s.start, s.end)}
    surnames = frozenset(s[-1].text for s in spans if s.label_ in ("PERSON", "Person") and len(s) > 1)
    labels: dict[tuple[str, ...], dict[str, int]] = {}
    for span in spans:
        if _model_span(span) and _propagatable(span, surnames):
            key = tuple(t.text for t in span)
            counts = labels.setdefault(key, {})
            counts[span.label_] = counts.get(span.label_, 0) + 1
    if not labels:
        return []
    taken = {i for s in spans for i in range(s.start, s.end) if i not in artefacts}
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for key in labels:
        firsts.setdefault(key[0], []).append(key)
    found: list[Span] = []
    for tok in doc:
        for key in firsts.get(tok.text, ()):
            end = tok.i + len(key)
            if end > len(doc) or any(i in taken for i in range(tok.i, end)):
                continue
            if tuple(t.text for t in doc[tok.i : end]) != key:
                continue
            before = doc[tok.i - 1] if tok.i > 0 else None
            after = doc[end] if end < len(doc) else None
            if before is not None and _name_word(before) and not before.is_stop:
                continue  # "The Coalition is ..." stands alone; "Qorin" in "Ana Qorin" does not
            if after is not None and _name_word(after):
                continue
            if not _whole_artefact(doc, tok.i, end, artefacts):
                continue
            counts = labels[key]
            found.append(Span(doc, tok.i, end, label=max(counts, key=lambda lb: counts[lb])))
            taken.update(range(tok.i, end))
    return found


def _cut(span: Span, end: int) -> Span | None:
    """The span's words before token ``end``, with its label; None when no word is left."""
    words = [t for t in span.doc[span.start : end] if t.is_alpha]
    return Span(span.doc, span.start, end, label=span.label) if words else None


def _at_line_break(span: Span) -> Span | None:
    """A name ends at a line break: lines are headings, list items and paragraphs, and the model runs one
    line's last words into the next one's first ("... Annual Review" / "- Plan For ..."). Keeps
    the first line's part (None when it has no word)."""
    for tok in span[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            return _cut(span, tok.i + (0 if tok.is_space else 1))
    return span


_OPENING_QUOTES = frozenset({'"', "“", "‘", "«"})


def _at_opening_quote(span: Span) -> Span | None:
    """A name ends before an opening quotation mark inside it: "Qandor “Coastal Forces Chief”" is a name and
    then a quoted title (None when nothing of a name is left before the mark). Not a person's: a quoted
    nickname sits inside the name (Jan “JJ” Roe). An opening bracket the span does not close ends it too."""
    if span.label_ == "PERSON":
        return span
    for tok in span[1:]:
        if tok.text in _OPENING_QUOTES:
            return _cut(span, tok.i)
        if tok.text == "(" and not any(t.text == ")" for t in span[tok.i - span.start :]):
            return _cut(span, tok.i)  # "Executive Order (": a bracket the name does not close is not the name's
    return span


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


def _count_noun(span: Span) -> bool:
    """An acronym used as a common noun: counted or pluralised ("a QXV", "two QXVs"), the way
    equipment and weapons are written; an organisation's acronym is not ("the QLF"). Only a single
    word heading its own phrase: "an QLF fighter" counts the fighter."""
    if len(span) != 1 or span.label_ not in ("ORG", "PRODUCT"):
        return False
    tok = span[0]
    plural = _ACRONYM_PLURAL.fullmatch(tok.text) is not None
    if not (tok.is_upper and len(tok) >= 2) and not plural:
        return False
    if tok.dep_ in ("compound", "amod", "nmod"):
        return False
    if plural:
        return True
    return any(c.i < tok.i and (c.lower_ in ("a", "an") or c.like_num) for c in tok.children)  # not "QTF 50"


def _numbered_person(span: Span) -> bool:
    """A "person" with a number in it ("Code 4417"): names of people are not written with digits."""
    return span.label_ == "PERSON" and any(any(ch.isdigit() for ch in t.text) for t in span)


@cache
def _vessel_prefixes() -> frozenset[str]:
    return frozenset(label_config()["vessel_prefixes"])


def _vessel_names(doc: Doc) -> frozenset[str]:
    """Names the text writes after a ship prefix ("USS Qandor", "FS Qandor"): each such name is a vessel's,
    here and where the text later writes it alone."""
    prefixes = _vessel_prefixes()
    names = set()
    for tok in doc[:-1]:
        if tok.text in prefixes and doc[tok.i + 1].is_title:
            end = tok.i + 1
            while end < len(doc) and (doc[end].is_title or doc[end].lower_ in ("de", "la", "of", "the")):
                end += 1
            while end > tok.i + 1 and not doc[end - 1].is_title:
                end -= 1
            names.add(doc[tok.i + 1 : end].text)
    return frozenset(names)


def _vessel(span: Span, vessels: frozenset[str]) -> bool:
    """A ship's name, with its prefix ("FS Qandor") or without it once the text has written it with one."""
    if not vessels:
        return False
    words = span.text.split()
    if words and words[0] in _vessel_prefixes() and " ".join(words[1:]) in vessels:
        return True
    return span.text in vessels


def _office_title(span: Span) -> bool:
    """ "the Head of Finance and Supply", "Director of Security Affairs": an office a person holds, read as
    an organisation. A person title followed by "of"/"for" opens it; the body it belongs to, when it has a
    name of its own, is another mention ("Ministry of X" opens with a body word, not a title)."""
    titles = label_config()["person_titles"]
    words = [t for t in span if t.pos_ != "DET"]
    if len(words) >= 3 and words[0].is_title and words[0].lower_ in titles and words[1].lower_ in ("of", "for"):
        return True
    # "Department Spokesperson", "Deputy Spokesperson": a role closed by its title word (a body's own name
    # with such a word is built with "of": "Office of the Spokesperson")
    return 2 <= len(words) <= 3 and words[-1].lower_ in titles and not any(t.lower_ == "of" for t in words)


def repair(doc: Doc) -> Doc:
    """Apply the repairs to ``doc.ents`` in place."""
    spans: list[Span] = []
    surnames = frozenset(e[-1].text for e in doc.ents if e.label_ in ("PERSON", "Person"))  # model or gazetteer
    names = frozenset(e.text for e in doc.ents if _model_span(e) and "'" not in e.text and "’" not in e.text)
    vessels = _vessel_names(doc)
    for ent in doc.ents:
        span: Span | None = ent
        if _count_noun(ent) or _numbered_person(ent) or (ent.label_ in _VESSEL_LABELS and _vessel(ent, vessels)):
            continue
        if ent.label_ in ("ORG", "GPE", "LOC", "FAC") and _office_title(ent):
            continue
        if _model_span(ent):
            span = _at_line_break(ent)
            span = _at_opening_quote(span) if span is not None else None
            if span is None:
                continue
            span = _trim_tail(_owner_of(span, names))
            span = _cut_at_verb(span) if span is not None else None
            if span is None:
                continue
            if span.label_ == "PERSON":
                span = _surname_extent(_apostrophe_extent(span))
            span = _conjoined_institution(span)
            label = _relabel(span)
            if label != span.label_:
                span = Span(doc, span.start, span.end, label=label)
            for piece in (p for half in _hyphen_pair(span) for p in _titled_name_split(half)):
                spans.extend(_coordinated_persons(piece, surnames))
            continue
        spans.append(span)
    spans = filter_spans(_titled_persons(doc, _patronymic_names(doc, _coded_categories(doc, spans))))
    taken = {i for span in spans for i in range(span.start, span.end) if span.label_ != "LANGUAGE"}
    spans = _title_bodies(doc, spans, taken)
    taken = {i for span in spans for i in range(span.start, span.end) if span.label_ != "LANGUAGE"}
    extra = _demonyms(doc, taken) + _unlabelled_places(doc, taken)
    extra += _surnames(doc, [*spans, *extra])
    extra += _standalone_bodies(doc, taken | {i for span in extra for i in range(span.start, span.end)})
    again = _same_name_elsewhere(doc, [*spans, *extra])
    if again:
        spans = [
            s for s in spans if not (s.label_ in _ARTEFACTS and any(s.start < a.end and a.start < s.end for a in again))
        ]
        extra += again
    if extra:
        keep = {span.start for span in extra}
        spans = [s for s in spans if not (s.label_ == "LANGUAGE" and s.start in keep)] + extra
    doc.ents = filter_spans(spans)
    return join_branches(doc)


def mark_outlet(doc: Doc, outlet: str | None) -> None:
    """The article's own outlet named in its text ("told Horn Observer") is an organisation, whatever the model said."""
    if not outlet:
        return
    want = outlet.split()
    n = len(want)
    if not n:
        return
    changed = False
    ents = list(doc.ents)
    for i in range(len(doc)):
        if i + n > len(doc) or [t.text for t in doc[i : i + n]] != want:
            continue
        ents = [e for e in ents if e.end <= i or e.start >= i + n]
        ents.append(Span(doc, i, i + n, label="Organization"))
        changed = True
    if changed:
        doc.ents = filter_spans(ents)


@Language.factory(FACTORY)
def make_span_repair(nlp: Language, name: str) -> object:
    """spaCy factory: ``nlp.add_pipe("threatgraph_spans", after="ner")``."""
    return repair
