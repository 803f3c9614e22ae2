"""An entity's type decided from how the whole document writes about it, not from one guess.

The small statistical model types each mention on its own, so one article calls a militia a person
twice and an organisation once, or a Somali town a person. The text itself usually says what a name
is: "Jabhat Nur fighters", "a Jabhat Nur spokesman" (a group's members and officers), "Qoryoley, a
town", "her village, Dhanaan" (a place noun in apposition), "Kurtunwarey, Somalia" (a place followed by
its country), "in al-Rawda" (a name the model took for a person after "in"). Each such cue is evidence
for one mention; the type of a name is then voted across all its mentions in the document, with
list-typed (gazetteer) mentions and cued mentions outweighing bare model guesses.

The vote runs twice. :func:`vote` before grouping, over mentions of one spelling, so that in-document
grouping sees one type per name; :func:`vote_groups` after grouping, over every mention of one actor,
whatever its form: a surname alone ("Ellwood ... is a former minister"), an acronym the text defines, a
spelling variant. One strong cue on any form then types them all, and the model's guess on the full name
decides only when the text says nothing else.

The cue words are data in ``labels.yaml`` (``member_nouns``, ``place_nouns``, ``locative_prepositions``,
``direction_words``, ``person_titles``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from threatgraph.extract.places import is_place_spelling
from threatgraph.model import Mention
from threatgraph.names.vocabulary import vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: weights of a mention's vote: typed by a list, typed by a cue in the text, guessed by the model; and
#: (in the document's vote) a name the place gazetteer knows
GAZETTEER, CUE, GUESS, PLACE = 6, 3, 1, 1
_GUESSES = frozenset({"Person", "Organization", "Location"})


def context_label(span: Span, label: str, config: dict[str, Any], is_country: Callable[[str], bool]) -> str | None:
    """The type the words around ``span`` give it, or None when they say nothing.

    ``config`` is labels.yaml and ``is_country`` the country test, both handed in by mentions.py,
    which this module sits below.
    """
    if label not in _GUESSES:
        return None
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    members = config["member_nouns"]
    if after is not None and after.is_lower and after.lower_ in members and span.root.head.i == after.i:
        return members[after.lower_]  # "Jabhat Nur fighters", "a Jabhat Nur spokesman"
    written = label == "Organization" and span.label_ == "ORG" and _person_written(span, config, is_country)
    if written and _personal_pronoun_next(span):
        return "Person"  # "We congratulate Ilse Qandor on her election": "her" is said of people only
    if before is not None and before.is_lower and before.lower_ in config["naming_nouns"]:
        return config["naming_nouns"][before.lower_]  # "the armed group Jabhat Nur"
    kind = _body_kind(after, config) if after is not None and span.root.head.i == after.i else None
    if kind is not None:
        return kind  # "the Qandor group", "the Qandor company": the noun the name modifies says what it names
    if label != "Person" and _honorific(span[0]) and len(span) > 1 and span[1].is_title:
        return "Person"  # "Mufti Nur Wali Mehsud", "Sheikh Hassan Dahir": an honorific opens a person's name
    if label != "Person" and before is not None and _honorific(before) and before.is_title:
        return "Person"  # the honorific left outside the span
    places = set(config["place_nouns"])
    root = span.root
    if (
        before is not None
        and before.lower_ == "of"
        and span.start > 1
        and doc[span.start - 2].lower_ in places
        and doc[span.start - 2].tag_ == "NN"
    ):
        return "Location"  # "the village of X", "the town of X" (a plural, "the towns of X and Y", is a list's)
    direction = doc[span.start - 2].lower_ if span.start > 1 and doc[span.start - 2].is_lower else None
    if before is not None and before.lower_ == "of" and direction in config["direction_words"]:
        return "Location"  # "north of X", "30 km southwest of X": only places lie in a direction
    predicate = _copula_predicate(span)
    if predicate is not None:
        kind = _noun_kind(predicate, config)
        if kind is not None:
            return kind  # "X is a former diplomat", "X is a town in ...", "X is a militant group"
    titles = set(config["person_titles"])
    if label != "Person" and len(span) <= 4 and any(_title_noun(c, titles) for c in root.children if c.dep_ == "appos"):
        return "Person"  # "X, co-founder of Y", "X, a spokesman for the group": a title apposed to the name
    appositive = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.is_lower), None)
    kind = _body_kind(appositive, config) if appositive is not None else None
    if kind is not None:
        return kind  # "Qandor, a militant group", "Qandor, an airline based in ..."
    if (
        label != "Person"
        and len(span) <= 4
        and appositive is not None
        and appositive.lower_.rsplit("-", 1)[-1] in config["person_nouns"]
    ):
        return "Person"  # "Qandor, a businessman": a noun for a person apposed to the name
    one_name = not (label == "Person" and len(span) > 1)  # "Omar Dalle" is a person even when hung off a county
    if one_name and any(c.dep_ == "appos" and c.lower_ in places for c in root.children):
        return "Location"  # "Qoryoley, a town south of the capital"
    if one_name and root.dep_ == "appos" and root.head.lower_ in places:
        return "Location"  # "her village, Dhanaan"
    if (
        label != "Location"
        and after is not None
        and after.text == ","
        and span.end + 1 < len(doc)
        and is_country(doc[span.end + 1].text)
        and (span.end + 2 >= len(doc) or not doc[span.end + 2].is_alpha)
    ):
        return "Location"  # "Kurtunwarey, Somalia"
    if (
        label == "Person"
        and after is not None
        and after.text not in ("'s", "’s")
        and after.lower_ not in members
        and _governing_preposition(span) in ("in", "near")
    ):
        return "Location"  # "posts in al-Rawda", "in X, Y and Z": people are rarely "in" anything
    if label in ("Person", "Organization") and _within_division(span, config):
        return "Location"  # "the road between Qarsa and Tumbo in Vell County": towns within a division
    return None


#: model labels of names that may stand in a list of places before "in <division>"
_LIST_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "Person", "Organization", "Location"})


def _within_division(span: Span, config: dict[str, Any]) -> bool:
    """A one-word name, alone or in a short list of one-word names ("X and Y", "X, Y and Z"), followed by "in" and
    an administrative division named with its word ("in Vell County", "in the Qorvel Region": ``admin_words``): the
    text locates the names inside the division, which places are and people are not written so. Not a name with a
    title or honorific before it ("Governor X in Vell County"), nor a surname of a longer person name in the
    document ("Ana Roe ... Roe in Vell County" is the person)."""
    doc = span.doc
    if len(span) != 1 or not span[0].is_title:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    titles = _titles(tuple(config["person_titles"]))
    if before is not None and before.lower_.strip(".") in titles:
        return False
    ents = {e.start: e for e in doc.ents}
    i, names = span.end, 1
    while i < len(doc) and (doc[i].text == "," or doc[i].lower_ in ("and", "or")):
        i += 1
        other = ents.get(i)
        if other is None or other.label_ not in _LIST_LABELS or len(other) != 1 or names >= 4:
            return False
        i, names = other.end, names + 1
    if i >= len(doc) or doc[i].lower_ != "in":
        return False
    division = (
        ents.get(i + 1) or ents.get(i + 2) if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else ents.get(i + 1)
    )
    if (
        division is None
        or division.label_ not in ("GPE", "LOC", "FAC", "Location")
        or division[-1].lower_ not in config["admin_words"]
    ):
        return False
    word = span[0].lower_
    return not any(e.label_ in ("PERSON", "Person") and len(e) > 1 and e[-1].lower_ == word for e in doc.ents)


#: pronouns said of a person only; an organisation is "it", "its", "they"
_PERSONAL = frozenset({"he", "she", "his", "her", "him", "hers", "himself", "herself"})
_NAME_ENTS = frozenset(
    {"PERSON", "ORG", "NORP", "GPE", "Person", "Organization", "ArmedGroup", "PublicBody", "Company"}
)


def _person_written(span: Span, config: dict[str, Any], is_country: Callable[[str], bool]) -> bool:
    """Two to four capitalised words, none a body, group or place noun, a country or a known place: written as
    a person's name could be ("Ilse Qandor"), which the model alone called an organisation."""
    words = list(span)
    if not 2 <= len(words) <= 4 or not all(t.is_alpha and t.is_title for t in words):
        return False
    blocked = {w for ws in config["heads"].values() for w in ws} | set(config["group_words"])
    blocked |= set(config["place_nouns"]) | set(config["naming_nouns"])
    return not any(t.lower_ in blocked or is_country(t.text) or is_place_spelling(t.text) for t in words)


def _personal_pronoun_next(span: Span) -> bool:
    """Whether "he/she/his/her" follows the name in its own or the next sentence before any other name or an
    "it/its": the nearest antecedent of a personal pronoun is a person."""
    doc = span.doc
    sent = span.sent
    stop = sent.end
    if stop < len(doc):
        stop = doc[stop].sent.end
    ents = {e.start for e in doc.ents if e.label_ in _NAME_ENTS}
    for tok in doc[span.end : stop]:
        if tok.i in ents or tok.lower_ in ("it", "its", "they", "their"):
            return False
        if tok.lower_ in _PERSONAL:
            return True
    return False


def _honorific(tok: Token) -> bool:
    """A religious, military or courtesy title ("Mufti", "Sheikh", "Capt."), per the names vocabulary."""
    return tok.lower_.rstrip(".") in vocabulary().honorifics


def _copula_predicate(span: Span) -> Token | None:
    """The noun a name is said to be: "X is a former diplomat" -> "diplomat" (subject of "be" with an
    attribute), or None."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.lemma_ != "be":
        return None
    return next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)


def _noun_kind(noun: Token, config: dict[str, Any]) -> str | None:
    """The type a common noun says its referent has: a person title, a place noun, a naming noun."""
    word = noun.lower_.rsplit("-", 1)[-1]
    if word in config["person_titles"] or word in config["person_nouns"]:
        return "Person"
    if word in config["place_nouns"]:
        return "Location"
    return config["naming_nouns"].get(word)


def _body_kind(noun: Token, config: dict[str, Any]) -> str | None:
    """The organisation type a lower-case noun names (``naming_nouns``: "group", "militia", "airline",
    "bank"), or None; place nouns are read by the place rules, which know when a person's name is hung off one."""
    if not noun.is_lower:
        return None
    kind = config["naming_nouns"].get(noun.lower_.rsplit("-", 1)[-1])
    return kind if kind is not None and kind != "Location" else None


def _title_noun(tok: Token, titles: set[str]) -> bool:
    """A person title heading an apposition: "spokesman", "co-founder" (the last part of a hyphenated title), or
    an office written with a capital, which the tagger reads as a proper noun ("X, Minister for Trade")."""
    proper = tok.pos_ == "PROPN" and tok.is_title
    return (tok.pos_ == "NOUN" or proper) and tok.lower_.rsplit("-", 1)[-1] in titles


def _governing_preposition(span: Span) -> str | None:
    """The preposition a name is the object of: right before it ("in X", a dateline's "Near X"), or before
    the list of names it belongs to ("in X, Y and Z"), read from the surface because parsers often break such
    lists apart. A list is of bare names (no article, at most three words each, at most three before this
    one) joined by commas and "and"/"or": a date, a title or "the Embassy" between them ends it."""
    doc = span.doc
    names = {e.end: e for e in doc.ents if e.label_ in _NAME_LABELS}  # token after a name -> the name
    i = span.start - 1
    for _ in range(4):
        if i < 0:
            return None
        if doc[i].pos_ == "ADP" or doc[i].lower_ in ("in", "near"):
            return doc[i].lower_
        if i == span.start - 1 and doc[i].text == ",":
            after = doc[span.end] if span.end < len(doc) else None
            if after is None or not (after.text == "," or after.lower_ in ("and", "or")):
                return None  # "near X, Y, Cook said": a list's last item follows "and"/"or", not a comma
        separated = False
        while i >= 0 and (doc[i].text == "," or doc[i].lower_ in ("and", "or")):
            i, separated = i - 1, True
        member = names.get(i + 1)
        if not separated or member is None or len(member) > 3 or member[0].pos_ == "DET":
            return None
        i = member.start - 1
    return None


#: labels of names that can stand in one list with a place (spaCy's and the gazetteer's)
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "Person", "Organization", "Location"})


def vote(mentions: list[Mention], cues: list[str | None], gazetteer: list[bool]) -> None:
    """Give every mention of one name the type its mentions vote for, in place.

    Mentions are one name when their normalised names are equal; a cue in a coordination also
    speaks for the other members ("in al-Rawda, al-Sur and Tell Hamra") through each one's own cue.
    """
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m, cue, listed in zip(mentions, cues, gazetteer, strict=True):
        if m.label in ("Date", "Nationality", "Country"):
            continue
        if listed:
            tally[m.norm][m.label] += GAZETTEER
        elif cue is not None:  # the text's cue replaces the model's guess for this mention
            tally[m.norm][cue] += CUE
        else:
            tally[m.norm][m.label] += GUESS
    for m, listed in zip(mentions, gazetteer, strict=True):
        votes = tally.get(m.norm)
        if not votes or listed or m.label in ("Date", "Nationality", "Country"):
            continue
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == m.label))[0]
        if best != m.label:
            m.label = best


#: The words that give an actor another name right after its own: "X, also known as Y", "X (a.k.a. Y)",
#: "X – formerly known as Y", "X alias Y". Only punctuation may stand between the first name and the cue.
_ALIAS_CUE = re.compile(
    r"^[\s,(–—-]*(?:(?:also|formerly|previously|better|commonly|widely)\s+)?(?:known\s+as|called)\s*:?|"
    r"^[\s,(–—-]*(?:a\.?\s?k\.?\s?a\.?|alias)\s*:?",
    re.IGNORECASE,
)


def renamed_after(text: str, end: int) -> bool:
    """Whether the words right after a name that ends at ``end`` give it another name: "X – also known as Y",
    "X (a.k.a. Y)", "X, alias Y", the other name opening with a capital. Only actors are given aliases so: a
    designation names a person or a body and then the names it goes by. A bare "called" does not count here
    (an operation, a book "called Y" is no actor)."""
    gap = text[end : end + 80]
    cue = _ALIAS_CUE.match(gap)
    if cue is None or not re.search(r"(?:known\s+as|a\.?\s?k\.?\s?a\.?|alias)\s*:?$", cue.group(), re.IGNORECASE):
        return False
    rest = gap[cue.end() :].lstrip(_QUOTES + " ")
    return rest[:1].isupper()


#: Between two names of one alias list: "also known as Y and Z", "Y, Z, or W".
_ALIAS_NEXT = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
_QUOTES = "\"“”‘’'"


def alias_chains(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Indices of mentions the text gives as one actor's names: the name, then "also known as" (or
    "a.k.a.", "alias", "formerly known as") and one or more other names ("X, also known as Y and Z").

    An alias is the same actor as the name it follows, so it is the same kind of actor whatever the
    model guessed for the alias alone (a nickname says nothing of what it names). A chain needs the cue
    right after the first name: "the group's leader, known as Y" renames the leader, who is not named.
    """
    ordered = sorted((i for i, m in enumerate(mentions) if m.label != "Date"), key=lambda i: mentions[i].start)
    chains: list[list[int]] = []
    current: list[int] | None = None
    for prev, i in zip(ordered, ordered[1:], strict=False):
        gap = text[mentions[prev].end : mentions[i].start].strip(_QUOTES + " ")
        if current is not None and current[-1] == prev and _ALIAS_NEXT.match(" " + gap + " "):
            current.append(i)
            continue
        cue = _ALIAS_CUE.match(gap)
        if cue is not None and not gap[cue.end() :].strip(_QUOTES + " "):
            if current is None or current[-1] != prev:
                current = [prev]
                chains.append(current)
            current.append(i)
        else:
            current = None
    return chains


def alias_cues(text: str, mentions: list[Mention], cues: list[str | None], listed: list[bool]) -> None:
    """Type each alias chain (:func:`alias_chains`) as one actor, in place: its names vote by family
    (person or organisation) with the weights of :func:`vote`; every member of the other family gets the
    winner as its cue (so the later votes read it as the text's word) and as its type. A name typed by
    a list keeps its type, and only persons and organisations are retyped: a place named "also known as"
    is the place rules' business."""
    for chain in alias_chains(text, mentions):
        if any(mentions[i].label not in _FAMILY or mentions[i].label == "Location" for i in chain):
            continue
        family: dict[str, int] = defaultdict(int)
        for i in chain:
            label = cues[i] if cues[i] in _FAMILY and not listed[i] else mentions[i].label
            weight = GAZETTEER if listed[i] else CUE if cues[i] in _FAMILY else GUESS
            if i == chain[0] and _several_words(mentions[i].norm):
                weight *= 2  # the actor's full name, the one the aliases are given for
            family[_FAMILY[label]] += weight
        first = _FAMILY[mentions[chain[0]].label]
        best = max(family.items(), key=lambda kv: (kv[1], kv[0] == first))[0]
        label = next((mentions[i].label for i in chain if _FAMILY[mentions[i].label] == best), "Person")
        for i in chain:
            if _FAMILY[mentions[i].label] != best and not listed[i]:
                mentions[i].label = label
                cues[i] = label


#: types whose mentions may be retyped by the document's vote, by family
_FAMILY = {
    "Person": "Person",
    "Organization": "org",
    "ArmedGroup": "org",
    "PublicBody": "org",
    "Company": "org",
    "Location": "Location",
}


def vote_groups(mentions: list[Mention], labels: list[str], cues: list[str | None], listed: list[bool]) -> None:
    """Give each in-document group (``Mention.group``) the type all its mentions vote for, in place.

    ``labels`` are the mentions' own types before any vote (the model's guess, refined by reference
    data), ``cues`` the type the text around each gives it, ``listed`` whether a list typed it. A group
    with a listed mention, a country or a people keeps the type grouping gave it. Otherwise the group's
    evidence is summed per family (person, organisation, place): each cue the text gives a mention
    (:data:`CUE`); each guess of the model (:data:`GUESS`, twice that for a name of several words, which
    gives the model more to go on than a surname alone: "Dorian Keth" guessed PERSON outweighs "Keth"
    guessed ORG), counted once per written form and type: the model reading the same words again is not
    new evidence, so a surname repeated five times does not outvote the full name it shortens; and a
    name that the packaged place gazetteer knows, in any romanisation (:data:`PLACE`). On a tie the
    group keeps the type grouping gave it (its fullest name's). A group moved to another family takes the finest type
    voted within it ("ArmedGroup" from "fighters" over a guessed "Organization").
    """
    members: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.group >= 0:
            members[m.group].append(i)
    for indices in members.values():
        current = mentions[indices[0]].label
        if current not in _FAMILY or any(listed[i] or labels[i] not in _FAMILY for i in indices):
            continue
        family: dict[str, int] = defaultdict(int)
        within: dict[str, int] = defaultdict(int)
        guessed: set[tuple[str, str]] = set()
        for i in indices:
            if cues[i] in _FAMILY:
                label, weight = cues[i], CUE
            else:
                label = labels[i]
                if (mentions[i].norm, label) in guessed:
                    continue  # the same words guessed again are not new evidence
                guessed.add((mentions[i].norm, label))
                weight = GUESS * (2 if _several_words(mentions[i].norm) else 1)
            family[_FAMILY[label]] += weight  # type: ignore[index]
            within[label] += weight  # type: ignore[index]
        if len(family) > 1 and any(is_place_spelling(mentions[i].text) for i in indices):
            family["Location"] += PLACE
            within["Location"] += PLACE
        best = max(family.items(), key=lambda kv: (kv[1], kv[0] == _FAMILY[current]))[0]
        if best == _FAMILY[current]:
            continue
        label = max((lb for lb in within if _FAMILY[lb] == best), key=lambda lb: (within[lb], lb != "Organization"))
        for i in indices:
            mentions[i].label = label


@cache
def _articles() -> frozenset[str]:
    return frozenset({"al", *vocabulary().articles})


@cache
def _titles(person_titles: tuple[str, ...]) -> frozenset[str]:
    return vocabulary().honorifics | frozenset(person_titles)


def _several_words(norm: str) -> bool:
    """A name of more than one word, an Arabic article not counted ("al naba" is one word)."""
    return sum(w not in _articles() for w in norm.split()) > 1


def title_only(words: list[str], config: dict[str, Any]) -> bool:
    """A "name" made of titles alone ("the Mufti", "Sgt."): a role, not an entity. Office words that also
    name bodies ("Defense", "Interior") do not count as titles here."""
    folded = [w.casefold().strip(".") for w in words if any(ch.isalpha() for ch in w)]
    titles = _titles(tuple(config["person_titles"]))
    return bool(folded) and all(w in titles for w in folded)
