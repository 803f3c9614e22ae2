"""Who speaks through a cue: the source of an attribution, read from the syntax around the cue.

The subject of the cue verb, an inverted '…," said X', the agent of a passive, the object of "according to",
the issuer of a document ("the report said" = the body that issued it), or a pronoun or description
resolved to the nearest compatible person named before it (what the article says about its people comes
from ``quote_people``). A name inside the quotation, a dateline or a place is nobody's voice; people left
unnamed ("a senior official") stay their own phrase so no named actor is credited with their words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import ORG_LABELS, Actor, MentionIndex, resolve
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.labels import label_config
from threatgraph.extract.quote_content import saying_above
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_marks import DATELINE, DOUBLE_APOSTROPHE, is_heading, paragraph_bounds
from threatgraph.extract.quote_people import (
    INDEFINITE,
    PRONOUN_GENDER,
    context_words,
    genders,
    group_spans,
    outside,
    person_titles,
    phrase,
    quoted_at,
    sentence_units,
    surname_of,
    title_words,
    titled_people,
)
from threatgraph.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class Attribution:
    cue: Token
    speaker: Actor | None
    speaker_token: Token | None
    source: tuple[int, int] | None = None  # the source span when it is not the speaker token's phrase


def attribution_for(cue: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()) -> Attribution:
    """Who speaks through ``cue``; ``quoted`` are the quotation spans, whose names never speak."""
    inverted = _inverted_speaker(cue, index, quoted)
    if inverted is not None:  # the source runs from after the cue to the end of the name, title included
        person, name_end = inverted
        return Attribution(cue, _actor(person), index.doc[cue.i + 1], (index.doc[cue.i + 1].idx, name_end))
    if cue.lower_ in cues()["according"]:
        pobj = [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        tok = pobj[0] if pobj else None
    elif cue.pos_ == "ADP":  # "in the latest poll, …" (quote_cues.prepositional_source): its object is the source
        pobj = [g for g in cue.children if g.dep_ == "pobj"]
        tok = pobj[0] if pobj else None
    elif any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        # "X was told / warned / informed that …": the passive subject heard it; the speaker is the agent
        agent = [g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        tok = agent[0] if agent and not quoted_at(agent[0], quoted) else None
    else:
        subj = [c for c in cue.children if c.dep_ == "nsubj" and not quoted_at(c, quoted)]
        if len(subj) > 1:  # "Background\nAda Roe said", "KABUL (AP) — The group said": a heading or a dateline
            # read as a second subject is nobody; a subject after an uninverted cue ("The post says Monday's attack
            # 'is only …'") is the reported clause's, misparsed; the subject is the one before and next to its verb
            subj.sort(
                key=lambda c: (
                    "\n" in c.doc.text[c.idx : cue.idx] or _dateline_token(c),
                    c.i > cue.i,
                    abs(cue.i - c.i),
                )
            )
        if not subj:
            subj = _governing_subject(cue, quoted)  # "…, saying they had …", "was quoted as saying by AFP"
        if not subj:  # inverted attribution: '…," said Amina Rahimi', '…," said Minister of the Interior X'
            subj = [
                c
                for c in cue.rights
                if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "nsubj")
                and (_is_person(c, index) or _named_person(c, index) is not None)
            ]
        if not subj:  # '…,” a witness, Fatuma Ali, told VOA' parsed with the subject inside the quote's clause
            subj = _between_quote_and_cue(cue, index, quoted)
        tok = subj[0] if subj else None
    if tok is not None and tok.pos_ == "NOUN" and lemma(tok) in cues()["rule_nouns"]:
        return Attribution(cue, None, None)  # "the law says …": a rule's wording, nobody's claim
    if tok is not None and lemma(tok) in cues()["document_nouns"]:
        issuer = _issuer(tok, index)
        if issuer is None or issuer.group < 0:
            issuer = _earlier_issuer(tok, index) or issuer  # "the report" = the report named before
        if issuer is not None:
            return Attribution(cue, issuer, tok)
    elif (
        tok is not None
        and tok.pos_ == "NOUN"
        and lemma(tok) in cues()["medium_nouns"]
        and not any(c.dep_ == "compound" and index.at(c) is not None for c in tok.children)
    ):
        # "the group's website said", "a video posted by the front said": a medium speaks for whoever it names
        # as its owner or poster; left its own phrase when it names none (never an earlier, other medium's).
        # A medium with a name of its own ("the group's weekly X newsletter") is read as that name, as before.
        issuer = _issuer(tok, index)
        if issuer is not None and issuer.group >= 0:
            return Attribution(cue, issuer, tok)
    if tok is None:
        return Attribution(cue, None, None)
    actor = _speaker_actor(tok, index, quoted) or _unresolved(tok, index, quoted)
    if actor is None and cue.lower_ in cues()["according"] and tok.pos_ == "PROPN" and not quoted_at(tok, quoted):
        # "according to Gallup" with the name typed a place: the object of "according to" is a source by its
        # syntax (no dateline stands there), so the name is kept as written, credited to no place entity
        actor = Actor(phrase(tok))
    return Attribution(cue, actor, tok)


def source_actor(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Actor | None:
    """The speaker a source phrase stands for, named or resolved, else the phrase as an unnamed source."""
    return _speaker_actor(tok, index, quoted) or _unresolved(tok, index, quoted)


def _unresolved(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Actor | None:
    """A noun phrase subject that names nobody the article names ("the senator, who spoke on condition of
    anonymity, said", "aides familiar with the matter say"): PARC's source all the same, kept as its own words
    and tied to no actor, so the claim is shown as said by someone unnamed and never credited to a name."""
    if tok.pos_ not in ("NOUN", "PROPN") or quoted_at(tok, quoted) or _dateline_token(tok):
        return None
    m = index.at(tok)
    if m is not None and m.label not in ("Person", *ORG_LABELS):
        return None  # a place or a date is nobody's voice
    return Actor(phrase(tok))


def _governing_subject(cue: Token, quoted: tuple[tuple[int, int], ...]) -> list[Token]:
    """The subject of the verb a participial cue hangs from: "…, saying …" (advcl), "was quoted as
    saying" (pcomp under a passive, whose subject is the passive subject). Under an active verb of quoting
    ("state media quoted Ada Roe as saying …", "the agency cited the minister as saying …") the one quoted is
    its object: the subject only passes the words on, and crediting it would name the wrong source."""
    if (first := saying_above(cue)) is not None:  # "X said Y and warned that Z": X warned, not Y's subject
        return [c for c in first.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted_at(c, quoted)]
    tok = cue
    for _ in range(3):
        if tok.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep") or tok.head == tok:
            return []
        through_as = tok.dep_ == "prep" and tok.lower_ == "as"
        tok = tok.head
        if through_as and lemma(tok) in cues()["quoting_verbs"]:
            quoted_one = [c for c in tok.children if c.dep_ == "dobj" and not quoted_at(c, quoted)]
            if quoted_one:
                return quoted_one
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted_at(c, quoted)]
        if subj:  # "New Harbor (AFP) – Ada Vale has …, saying": a dateline read as the subject is nobody
            return [c for c in subj if not _dateline_token(c)]
    return []


def _between_quote_and_cue(cue: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> list[Token]:
    """The person named between a closing quotation mark and its cue ('…,” a witness, Ada Roe, told X'),
    whatever the parser attached the phrase to; empty when words other than a noun phrase stand there."""
    doc = cue.doc
    people: list[Token] = []
    for t in reversed(doc[cue.sent.start : cue.i]):
        if t.text in ("”", '"', "»", DOUBLE_APOSTROPHE) or (t.text == "’" and t.i > 0 and doc[t.i - 1].text == ","):
            return people[:1]  # the name nearest the cue
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
            return []
        m = index.at(t)
        if m is not None and m.label == "Person":
            people.append(t)
    return []


def _actor(m: Mention) -> Actor:
    return Actor(m.canonical or m.text, m.group, m.label)


def _named_person(tok: Token, index: MentionIndex) -> Mention | None:
    """The person a title phrase names: "Interior Deputy Minister Jon Vale", "Minister of
    the Interior Ada Roe". The name must follow nothing but the title: capitalised words,
    title nouns and their joining words, so "the lawyer for X" does not make X the speaker."""
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if doc[start].sent != tok.sent:
        return None
    for i in range(start, end):
        m = index.at(doc[i])
        if m is None or m.label != "Person":
            continue
        owner = doc.char_span(m.start, m.end, alignment_mode="expand")
        if owner is not None and owner.root.dep_ == "poss" and owner.root.i != tok.i:
            return None  # "Ada Roe's advisers", "Roe's spokesman": the name owns the speaker, is not it
        if m.end <= tok.idx and tok.is_lower:
            return None  # "A Roe aide said": a name modifying a common noun before it is someone else
        if all(_title_word(t) for t in doc[start:i]) and not _related_by_preposition(doc[start:i]):
            return m
        return None
    return None


def _related_by_preposition(words: Span) -> bool:
    """Whether the words before a name relate the speaker to that person rather than title them: a
    lower-case noun whose preposition takes the titled name itself as object ("a spokesman for President Ada
    Roe", "an aide to Senator X"): someone else, speaking for, to or about that person, who said nothing. A
    title proper is capitalised ("Minister for Foreign Affairs Ada Roe"), or names a domain between its
    preposition and the name ("the minister for religious affairs Ada Roe"), and stays the name's title."""
    doc = words.doc
    titles = person_titles() | frozenset(cues()["title_abbreviations"])

    def common(w: Token) -> bool:  # a sentence's first word is capitalised whatever it is
        first = w.is_sent_start and w.pos_ == "NOUN" and w.lower_ not in person_titles()
        return w.is_alpha and (w.is_lower or first)

    for t in words:
        if t.pos_ != "ADP" or t.i <= words.start or not common(doc[t.i - 1]):
            continue
        rest = doc[t.i + 1 : words.end]
        if all(r.is_punct or r.pos_ == "DET" or r.lower_.rstrip(".") in titles for r in rest):
            return True
    return False


def _title_word(t: Token) -> bool:
    return t.is_title or t.is_upper or t.is_punct or t.lower_ in person_titles() or t.lower_ in cues()["title_joiners"]


def _inverted_speaker(
    cue: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()
) -> tuple[Mention, int] | None:
    """The person named right after an inverted cue ('…," said Deputy Minister of the Interior for
    Border and Customs Security Jon K. Vale.'), read left to right: long titles parse
    badly, but the name is the first person after nothing but title words. With the person comes the end of
    the name as written here: a bare surname ('…," said Vale') resolves to the full name mentioned earlier,
    whose offsets lie before the cue, and the source span is the surname's."""
    doc = cue.doc
    before_cue = (",", "”", '"', "’", DOUBLE_APOSTROPHE)
    if cue.i == 0 or doc[cue.i - 1].text not in before_cue or cue.lower_ in cues()["according"] or cue.pos_ == "ADP":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i and not quoted_at(c, quoted) for c in cue.children):
        return None  # "X, speaking at …, said Y had …": the subject before the cue speaks; Y opens the content
    # not bounded by the parser's sentence: it may end one after an abbreviated title ("said Brig. Gen. X")
    # or at a stray stop right after the cue ('…,” said. Col. X'); only title words are crossed
    for t in doc[cue.i + 1 : min(len(doc), cue.i + 24)]:
        m = index.at(t) or surname_of(t, index)
        if m is not None and m.label == "Person":
            if quoted_at(t, quoted) or _possessive_name(t):
                return None
            return m, (m.end if m.start <= t.idx < m.end else t.idx + len(t))
        split_stop = t.i == cue.i + 1 or doc[t.i - 1].lower_ in cues()["title_abbreviations"]
        if t.text == "." and t.i + 1 < len(doc) and doc[t.i + 1].is_title and split_stop:
            continue  # the stop of "Brig." split off by the tokeniser, or a stray one after the cue
        if not _title_word(t) or t.text in (".", ";", ":") or "\n" in t.text:
            return None
    return None


def _possessive_name(t: Token) -> bool:
    """Whether the name starting at ``t`` owns what follows ('…," said Ada Roe's lawyer'): the owner is not
    the speaker."""
    doc, k = t.doc, t.i
    while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].is_title:
        k += 1
    return k + 1 < len(doc) and doc[k + 1].tag_ == "POS"


def _speaker_actor(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Actor | None:
    """The speaker a subject stands for: a name, a title phrase around a name, a description ("the
    police chief") or a pronoun resolved to the nearest person named before it outside any quotation."""
    if quoted_at(tok, quoted) or _dateline_token(tok):
        return None  # a name inside the quotation, or the dateline ("ISLAMABAD —"), is nobody's voice
    if tok.pos_ == "PRON" and tok.lower_ in _FIRST_PERSON:
        return None  # "we pledge …" outside quotation marks: the text's own voice (a speech, a statement)
    m = index.at(tok)
    if m is not None and m.label == "Person":
        return _actor(m)
    if m is None and (known := surname_of(tok, index)) is not None:
        return _actor(known)
    named = _named_person(tok, index)
    if named is not None:
        return _actor(named)
    determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    singular = tok.pos_ == "NOUN" and tok.tag_ != "NNS"
    definite = bool(determiners) and not determiners & INDEFINITE
    titled_before = titled_people(tok, index, quoted) if singular and definite else []
    description = singular and (lemma(tok) in person_titles() or bool(titled_before))
    if description and (apposed := _apposed_person(tok, index, quoted)) is not None:
        return _actor(apposed)
    if singular and lemma(tok) in label_config()["person_nouns"] and (named := _apposed_name(tok, index, quoted)):
        return _actor(named)  # "a resident of Dayton, Sam Ortiz, told VOA": the resident is the name
    if description and determiners & INDEFINITE:  # "a senior official said": someone new, left unnamed
        return Actor(phrase(tok))
    owners = _person_owners(tok, index)
    person_noun = description or (singular and lemma(tok) in label_config()["person_nouns"])
    if owners is not None and person_noun:  # "Ada Roe's lawyer said", "his spokesman said": never Roe or "he"
        if (apposed := _apposed_person(tok, index, quoted)) is not None and apposed.group not in owners:
            return _actor(apposed)  # "His lawyer, Jon Vale, said"
        return _owned_person(tok, owners, index, quoted)
    body = _body_antecedent(tok, index)
    if body is not None:
        return _actor(body)
    owned = _owned_body(tok, index)
    if owned is not None:
        return owned
    if tok.lower_ in ("they", "them"):
        people = _people_before(tok, quoted)
        if people is not None:
            return _unnamed(people, index) or resolve(people, index)
    if tok.tag_ == "NNS" and index.at(tok) is None:
        if any(c.dep_ == "poss" for c in tok.children) and lemma(tok) not in label_config()["heads"]["ArmedGroup"]:
            return Actor(phrase(tok), -1, "Person")  # "Ada Roe's advisers believe": her people, never Roe herself
        return _unnamed(tok, index) or _resolved(tok, index)
    if not description and tok.lower_ not in ("he", "she"):
        return _resolved(tok, index)
    before = [
        p
        for p in index.mentions
        if p.label == "Person" and p.end <= tok.idx and tok.idx - p.end < 1500 and outside(p, quoted)
    ]
    if before:  # "READ MORE: Ada Roe warns …", a byline, a sub-heading: a heading's name is no antecedent
        headings = [b for b in paragraph_bounds(tok.doc.text) if b[0] < tok.idx and is_heading(tok.doc.text, b)]
        before = [p for p in before if not any(s <= p.start < e for s, e in headings)]
    qualifiers = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod")] if description else []
    if qualifiers:  # "the police chief": only a person introduced with that title or body is meant
        words = {lemma(tok)} | {w.lower_ for q in qualifiers for w in q.subtree}
        before = [p for p in before if words & context_words(p, index)]
        # "X met Ada Roe, the opposition leader. The opposition leader said …": a person given the head noun as
        # their title is meant before one who merely stood near the words
        before = [p for p in before if lemma(tok) in title_words(p, index)] or before
        # "A, the foreign minister, met B, the defence minister. The defence minister said": both stand near both
        # words; the one whose own title holds every qualifier is meant
        qualified = {lemma(tok)} | {lemma(w) for q in qualifiers for w in q.subtree if w.is_alpha}
        before = [p for p in before if qualified <= title_words(p, index)] or before
    elif description:  # "the minister said": the person the article titled minister; nobody when it titled none so
        before = [p for p in before if p.group in {t.group for t in titled_before}]
        # "the foreign minister" after a foreign and a defence minister: the one whose title holds the adjective
        adjectives = {lemma(c) for c in tok.children if c.dep_ == "amod" and c.is_alpha}
        if adjectives:
            before = [p for p in before if adjectives | {lemma(tok)} <= title_words(p, index)] or before
        # "President A criticised former President B. The president said": a past holder is not "the president"
        past = cues()["past_title_words"]
        if not {c.lower_ for c in tok.children} & past:
            before = [p for p in before if not _past_holder(p, index)] or before
    if tok.lower_ in PRONOUN_GENDER:  # "she said": never a person the article writes of as "he"
        given = genders(index, quoted)
        want = PRONOUN_GENDER[tok.lower_]
        before = [p for p in before if given.get(p.group, want) == want] if before else before
    unnamed = _unnamed_antecedent(tok, index, quoted) if tok.lower_ in PRONOUN_GENDER else None
    if before:
        found = _antecedent(before, tok, index, given if tok.lower_ in PRONOUN_GENDER else None)
        if (
            found is not None
            and tok.lower_ in PRONOUN_GENDER
            and _sentences_between(found, tok, quoted) > _PRONOUN_REACH
        ):
            found = None  # a pronoun whose last possible antecedent lies paragraphs back: a weak chain
        if found is None:
            return unnamed[1] if unnamed is not None else None
        return unnamed[1] if unnamed is not None and unnamed[0] > found.end else _actor(found)
    if unnamed is not None:
        return unnamed[1]
    return _resolved(tok, index) if description else None


def _resolved(tok: Token, index: MentionIndex) -> Actor | None:
    """The actor a common noun speaker stands for, except a person the noun only relates to through a
    preposition or as a modifying name ("supporters of Ada Roe", "a biography of Ada Roe", "a Roe supporter"):
    they speak about or for that person, never as them, so the noun stays its own unnamed phrase. A person in
    apposition ("the leader, Ada Roe,") or named by anaphora is the noun itself and is kept."""
    actor = resolve(tok, index)
    if actor is None or actor.group < 0 or tok.pos_ != "NOUN" or index.at(tok) is not None:
        return actor
    if not tok.is_lower and not tok.is_sent_start:
        return actor  # "Chairman of the Joint Chiefs Jon Vale": a capitalised head is a title, the name its holder
    if actor.label != "Person":  # "a Hamas supporter said": one person, not the group; "the X government": X's body
        heads = label_config()["heads"]
        word = lemma(tok)
        if any(word in heads[kind] for kind in heads) or word in label_config()["group_words"]:
            return actor
        return Actor(phrase(tok)) if _only_as_modifier(tok, actor.group, index, prepositions=False) else actor
    return Actor(phrase(tok)) if _only_as_modifier(tok, actor.group, index) else actor


def _only_as_modifier(tok: Token, group: int, index: MentionIndex, prepositions: bool = True) -> bool:
    """Whether every mention of ``group`` inside the phrase of ``tok`` hangs from it through a preposition
    ("supporters of Ada Roe") or as a name modifying the noun before it ("a Roe supporter", "Vale aides"): the
    noun is someone else, related to that person. False when the phrase does not name the group at all (the
    actor came from elsewhere). For a body (``prepositions`` False) only the modifying name counts: "a
    statement by the group" is the group's own."""
    paths = []
    for t in tok.subtree:
        m = index.at(t)
        if t.i == tok.i or m is None or m.group != group:
            continue
        deps, cur = set(), t
        while cur.i != tok.i and cur.head.i != cur.i:
            deps.add(cur.dep_)
            cur = cur.head
        modifier = t.i < tok.i and deps == {"compound"}
        paths.append((prepositions and bool(deps & {"prep", "pobj", "agent"})) or modifier)
    return bool(paths) and all(paths)


def _unnamed_antecedent(
    tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]
) -> tuple[int, Actor] | None:
    """The unnamed speaker a pronoun continues ("A spokeswoman for the union said … She declined …", "the
    president said … He added …" with no president named): the nearest speaker described, not named, as the
    subject of a cue in this or the two sentences before, agreeing in gender where the noun has one. Returned
    with where it ends so the caller can keep a person named after it."""
    doc = tok.doc
    start = tok.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    words = person_titles() | frozenset(label_config()["person_nouns"]) | cues()["source_nouns"]
    gendered = cues()["gendered_titles"]
    for t in reversed(doc[start : tok.i]):
        if t.dep_ != "nsubj" or t.tag_ != "NN" or index.at(t) is not None or quoted_at(t, quoted):
            continue
        if lemma(t) not in words or lemma(t.head) not in cues()["cue_verbs"]:
            continue
        if gendered.get(lemma(t), PRONOUN_GENDER[tok.lower_]) != PRONOUN_GENDER[tok.lower_]:
            continue
        dets = {c.lower_ for c in t.children if c.dep_ in ("det", "poss")}
        if dets & INDEFINITE or not titled_people(t, index, quoted):  # named earlier: the name is the antecedent
            return t.idx + len(t), Actor(phrase(t))
    return None


def _person_owners(tok: Token, index: MentionIndex) -> frozenset[int] | None:
    """The person groups owning a description ("Ada Roe's lawyer" -> Roe's group; "his spokesman" -> no group
    known), or None when no person owns it ("the ministry's spokesman", "the spokesman")."""
    for c in tok.children:
        if c.dep_ != "poss":
            continue
        if c.pos_ == "PRON":
            return frozenset() if c.lower_ in _PERSONAL_POSSESSIVES else None
        m = index.at(c)
        if m is None or m.label != "Person":  # a surname the tagger took for an organisation ("Roe's chief")
            m = surname_of(c, index) or m
        if m is not None and m.label == "Person":
            return frozenset((m.group,))
    return None


#: Possessive pronouns that stand for a person; "its" stands for a body ("its spokesman": the ministry's).
_PERSONAL_POSSESSIVES = frozenset(("his", "her", "their", "my", "our", "your"))


def _owned_person(
    tok: Token, owners: frozenset[int], index: MentionIndex, quoted: tuple[tuple[int, int], ...]
) -> Actor:
    """Who a person's description names ("Ada Roe's lawyer", "her spokesman"): someone other than the owner,
    whom the article gave that title earlier (with the owner's name beside it when the owner is named:
    "Ada Roe's lawyer, Jon Vale,"). Nobody so titled leaves the description as its own unnamed source: words
    said for someone are not that person's words, and crediting the owner would put a claim in a mouth that
    never made it."""
    want = lemma(tok)
    named = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    owner_words = {w.lower_ for c in named for w in c.subtree if w.is_alpha and w.is_title}
    candidates = [
        p
        for p in index.mentions
        if p.label == "Person"
        and p.group not in owners
        and p.end <= tok.idx
        and tok.idx - p.end < 3000
        and outside(p, quoted)
        and want in title_words(p, index)
        and (not owner_words or owner_words & context_words(p, index))
    ]
    return _actor(candidates[-1]) if candidates else Actor(phrase(tok), -1, "Person")


def _apposed_person(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Mention | None:
    """The person set off by commas inside a description's phrase ("a spokesman for the group, Ada Roe,"):
    parsers often hang the name on the last noun, but a person cannot be in apposition to a group or a
    place, so the name is the describer's. A name apposed to another person noun ("the lawyer for the
    leader, X") is that person, not the speaker."""
    for t in tok.subtree:
        if t.dep_ != "appos" or t.i <= tok.i or quoted_at(t, quoted):
            continue
        m = index.at(t)
        if m is not None and m.label == "Person" and (t.head.i == tok.i or lemma(t.head) not in person_titles()):
            return m
    return None


def _past_holder(person: Mention, index: MentionIndex) -> bool:
    """Whether the article titles a person as a past holder: "former"/"late" among the title words right
    before a mention of theirs ("former President Jon Vale") or in their apposition ("Vale, the former
    president,"). Read from the words as written: a lemmatiser may turn "former" into "form"."""
    doc, past = index.doc, cues()["past_title_words"]
    for span in group_spans(person, index):
        words = doc[max(span.sent.start, span.start - 3) : span.start]
        after = (
            doc[span.end : min(span.sent.end, span.end + 5)]
            if span.end < len(doc) and doc[span.end].text == ","
            else []
        )
        if any(t.lower_ in past for t in (*words, *after)):
            return True
    return False


def _apposed_name(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Mention | None:
    """The person set off by commas after a person noun ("a resident of the town, Sam Ortiz,", "a nurse, Ada
    Roe,"), hanging on the noun itself or on a place or body inside its phrase (parsers attach it to the last
    noun): a place or a body cannot be in apposition to a person. A name apposed to another person noun ("a
    friend of the victim, Sam Ortiz") may be that person, so it names nobody."""
    for t in tok.subtree:
        if t.dep_ != "appos" or t.i <= tok.i or quoted_at(t, quoted):
            continue
        m = index.at(t)
        if m is None or m.label != "Person":
            continue
        if t.head.i == tok.i:
            return m
        host = index.at(t.head)
        if host is not None and host.label in (*ORG_LABELS, "Country", "Location"):
            return m
    return None


def _body_antecedent(tok: Token, index: MentionIndex) -> Mention | None:
    """ "the department said", "the ministry added": a definite singular noun that heads organisation names
    stands for the nearest organisation named with that word before it ("the Treasury Department")."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or index.at(tok) is not None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return None
    heads = label_config()["heads"]
    word = lemma(tok)
    if not any(word in heads[kind] for kind in ("PublicBody", "ArmedGroup", "Company")):
        return None
    return index.before(tok.idx, ORG_LABELS, window=3000, naming=word)


def _owned_body(tok: Token, index: MentionIndex) -> Actor | None:
    """ "Pakistan's foreign office said": a body word owned by a named actor is that actor's body, its own
    phrase as written (neither the country itself nor nobody)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or index.at(tok) is not None:
        return None
    heads = label_config()["heads"]
    if lemma(tok) not in heads["PublicBody"] and lemma(tok) not in heads["ArmedGroup"]:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss" and index.at(c) is not None]
    if not owners or index.at(owners[0]).label not in ORG_LABELS + ("Country", "Location"):
        return None
    first = next(t for t in tok.subtree if not t.is_punct)
    return Actor(tok.doc.text[first.idx : tok.idx + len(tok)], -1, "PublicBody")


def _antecedent(
    before: list[Mention], tok: Token, index: MentionIndex, given: dict[int, str] | None = None
) -> Mention | None:
    """The nearest compatible antecedent of a pronoun or description: the people of the closest
    sentence that names any, and among them the one that is a clause subject (the topic the next
    sentence continues: "Maria Lopez met Tom Hardy. 'We will …,' she said" is Lopez), else the last.

    For a pronoun (``given``: the genders the article gives) whose closest sentence names people only
    outside its subject ("Critics point to Ada Roe", "The council, led by Jon Vale, …") while a person was
    the subject of a sentence just before, the topic may go on past that sentence: the earlier subject is
    meant when the article gives them the pronoun's gender and the others not, and nobody when neither
    reading wins (a missed speaker rather than a wrong one)."""
    doc = index.doc
    last = before[-1]
    span = doc.char_span(last.start, last.end, alignment_mode="expand")
    if span is None:
        return last
    sent = span.sent
    if sent.start <= tok.i < sent.end:  # the pronoun's own sentence: only the names before it
        same = [p for p in before if sent.start_char <= p.start]
    else:
        same = [p for p in before if sent.start_char <= p.start < sent.end_char]
    subjects = [p for p in same if _subject_role(p, doc) is not None]
    main = [p for p in subjects if _subject_role(p, doc) == "main"]
    # "A told the court that B had threatened her. '…,' she said": the main clause's subject is the topic
    # the next sentence goes on with; a subject inside what A said is talked about
    groups = {p.group for p in same}
    if tok.lower_ not in PRONOUN_GENDER and len(groups) > 1:
        return None  # "A, the finance minister, met B, the interior minister. The minister said": either
    pick = main[-1] if main else subjects[-1] if subjects else last
    if tok.lower_ in PRONOUN_GENDER and _coordinated(pick, same, doc):
        return None  # "A and B toured the camps. '…,' he said": both are the topic, the pronoun names one
    if main or subjects or given is None or tok.lower_ not in PRONOUN_GENDER:
        return pick
    earlier = _earlier_topic(before, sent, groups, doc)
    if earlier is None:
        return last if len(groups) == 1 else None  # "X praised A and B. '…,' he said": nothing picks one
    want = PRONOUN_GENDER[tok.lower_]
    if given.get(earlier.group) == want and all(given.get(p.group) != want for p in same):
        return earlier
    return None


#: Most whole sentences that may stand between a speaker pronoun and the person it resolves to. News picks up a
#: speaker with "he said" within a sentence or two of naming them (a quotation paragraph after the one naming
#: them); past that, the pronoun may continue someone the tagger missed, and no speaker beats a guessed one.
_PRONOUN_REACH = 3


def _sentences_between(person: Mention, tok: Token, quoted: tuple[tuple[int, int], ...]) -> int:
    """Whole sentences of narrative (cut at paragraph breaks too) between a person's mention and a later token's
    sentence; sentences of a quotation (the speaker's own words before '…,” he said') do not count."""
    start = tok.sent.start_char

    def narrative(u: Span) -> bool:
        first = next((t for t in u if t.is_alpha), None)
        return first is not None and not quoted_at(first, quoted)

    return sum(
        1 for u in sentence_units(tok.doc) if person.end <= u.start_char and u.end_char <= start and narrative(u)
    )


def _coordinated(person: Mention, others: list[Mention], doc: Doc) -> bool:
    """Whether another person of ``others`` is coordinated with ``person`` ("Ada Roe and Jon Vale", "Roe, the
    mayor, and Vale, the governor,"): conjuncts share one role, so a singular pronoun after them may be either."""

    def root(m: Mention) -> Token | None:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        return span.root if span is not None else None

    mine = root(person)
    if mine is None:
        return False
    for other in others:
        theirs = root(other) if other.group != person.group else None
        if theirs is None:
            continue
        if (theirs.dep_ == "conj" and theirs.head.i == mine.i) or (mine.dep_ == "conj" and mine.head.i == theirs.i):
            return True
        if mine.dep_ == "conj" and theirs.dep_ == "conj" and mine.head.i == theirs.head.i:
            return True
    return False


def _subject_role(person: Mention, doc: Doc) -> str | None:
    """ "main" when a person mention is the subject of its sentence's main clause (or a name apposed to that
    subject: "The mayor, Marcus Reed, praised …"), "sub" for the subject of another clause, else None."""
    ps = doc.char_span(person.start, person.end, alignment_mode="expand")
    if ps is None:
        return None
    root = ps.root
    if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
        root = root.head
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    return "main" if root.head.dep_ == "ROOT" else "sub"


def _earlier_topic(before: list[Mention], sent: Span, skip: set[int], doc: Doc) -> Mention | None:
    """The person who was the main-clause subject of one of the two sentences before ``sent``, nearest first,
    other than the people ``sent`` names."""
    first = sent.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    lower = doc[first].idx
    for p in reversed(before):
        if p.start >= sent.start_char or p.group in skip:
            continue
        if p.start < lower:
            return None
        if _subject_role(p, doc) == "main":
            return p
    return None


#: Most tokens a dateline runs over ("MEXICO CITY, Mexico (AP) —" is nine).
_DATELINE_TOKENS = 16


def _dateline_token(tok: Token) -> bool:
    """A token of the dateline opening its paragraph ("ISLAMABAD — Pakistan's army said …", "KABUL,
    Afghanistan (AP) — The Taliban said …", "ISLAMABAD: …"): a place and an agency, nobody's voice."""
    doc = tok.doc
    first = tok.i  # the first token of the line (Doc.text is rebuilt on each access: read the line's tokens)
    while first > 0 and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
    while first < tok.i and doc[first].is_space:
        first += 1
    last = tok.i  # the dateline's dash comes after its place: read on to it (a dateline is a few tokens long)
    while last + 1 < len(doc) and last - first < _DATELINE_TOKENS and "\n" not in doc[last].text_with_ws:
        last += 1
    line = doc[first : last + 1]
    found = DATELINE.match(line.text)
    return found is not None and tok.idx - line.start_char < found.end()


def _unnamed(tok: Token, index: MentionIndex) -> Actor | None:
    """ "Western intelligence officials", "diplomatic sources": people left unnamed are their own phrase,
    not the country or body that qualifies them, so no named actor is credited with their words."""
    if lemma(tok) not in lexicon().words["actor_nouns"] and lemma(tok) not in cues()["source_nouns"]:
        return None
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct")]
    return Actor(" ".join(t.text for t in words) if words else tok.text)


def _people_before(tok: Token, quoted: tuple[tuple[int, int], ...]) -> Token | None:
    """The nearest plural noun for people ("officials", "sources") in this or the two sentences
    before: what "they" refers to in "…, they said" when people, not a group, were named last."""
    doc = tok.doc
    start = tok.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    words = lexicon().words["actor_nouns"] | cues()["source_nouns"]
    for cand in reversed(doc[start : tok.i]):
        if cand.tag_ == "NNS" and lemma(cand) in words and not quoted_at(cand, quoted):
            return cand  # people named inside a quotation are talked about, not the ones talking
    return None


def _earlier_issuer(doc_noun: Token, index: MentionIndex) -> Actor | None:
    """The named issuer of an earlier document of the same kind ("a report by UN monitors" … "the report")."""
    want = lemma(doc_noun)
    for tok in reversed(doc_noun.doc[: doc_noun.i]):
        if tok.pos_ == "NOUN" and lemma(tok) == want:
            found = _issuer(tok, index)
            if found is not None and (found.group >= 0 or found.text[:1].isupper()):
                return found  # a mention, or a name the tagger missed ("a DoD news release")
    return None


def _is_person(tok: Token, index: MentionIndex) -> bool:
    m = index.at(tok)
    return m is not None and m.label == "Person"


def _issuer(doc_noun: Token, index: MentionIndex) -> Actor | None:
    """Who issued a report or statement: its possessor, compound or "by"/"from"/"of" phrase."""
    heads = [c for c in doc_noun.children if c.dep_ in ("poss", "compound", "nmod")]
    frames = [doc_noun, *(c for c in doc_noun.children if c.dep_ == "acl")]  # "a report released by X"
    heads += [
        g
        for f in frames
        for c in f.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if doc_noun.dep_ == "dobj" and lemma(doc_noun.head) in cues()["issuing_verbs"]:
        heads += [c for c in doc_noun.head.children if c.dep_ == "nsubj"]  # "X issued a statement"
    for head in heads:
        found = resolve(head, index)
        if found is not None:
            return found
    return None


PERSON_ENTS = ("PERSON", "Person")


#: Subjects that are the voice of the text itself when they stand outside quotation marks.
_FIRST_PERSON = frozenset(("i", "we"))


def speaks_by(cue: Token, att: Attribution) -> bool:
    """Whether a reported clause under ``cue`` is this speaker's statement: any speaker of a speech verb; for
    a verb of mind ("believes") only a person; for the other weak verbs ("reported") a named actor or a state
    body described by its head word ("the Somali government", "the ministry")."""
    data = cues()
    lem = lemma(cue)
    speaker = att.speaker
    if speaker is None:  # "they say …" with no antecedent the article names: said by people left unnamed
        if speaking_quantity(att):
            return True
        return unnamed_people(att) and (lem in data["mind_verbs"] or lem not in data["weak_cue_verbs"])
    if lem in data["knowledge_verbs"] and lem not in data["cue_verbs"]:  # "realised that …": people know things
        return speaker.label == "Person" or _people(att)
    if lem in data["mind_verbs"]:  # a poll or a study "suggests" its finding as people do their view
        return speaker.label == "Person" or _people(att) or _finding(att)
    if lem in data["stance_verbs"] and lem not in data["cue_verbs"]:
        return speaker.label in ("Person", *ORG_LABELS) or _people(att)  # "the bill supports" takes no position
    if lem in data["evidence_verbs"] and (
        speaker.label == "Person" or (att.speaker_token is not None and att.speaker_token.pos_ == "PRON")
    ):
        return False  # "she showed that she can win": her deeds prove it, she did not say it
    if lem not in data["weak_cue_verbs"] or speaker.group >= 0:
        return True
    if lem not in data["evidence_verbs"] and lem not in data["characterising_verbs"] and _people(att):
        return True  # "economists estimate that …", "farmers reported that …": people report as bodies do (how
        # unnamed officials "described" a thing is their word for it, no finding: left as it was)
    head = att.speaker_token
    bodies = label_config()["heads"]["PublicBody"]
    if head is not None and lem not in data["mind_verbs"]:
        word = lemma(head).lower()
        if word in data["document_nouns"] or word in data["report_nouns"]:
            return True  # "the report found that …", "records show that …": a document or a record states findings
    return head is not None and (head.lower_ in bodies or head.lower_ in label_config()["state_forces"])


#: Personal pronouns that stand for people whoever they refer to ("they fear", "we want", "who believe").
_PEOPLE_PRONOUNS = frozenset(("i", "we", "you", "he", "she", "they", "who"))


def unnamed_people(att: Attribution) -> bool:
    """Whether an attribution left without a speaker has a personal pronoun for its source ("they say",
    "we believe", "who argue") that resolved to nobody the article names: PARC's source all the same. The
    pronoun is kept as the source as written and no speaker is guessed, so the claim is shown as said by
    someone unnamed and never credited to a name."""
    tok = att.speaker_token
    if att.speaker is not None or tok is None:
        return False
    return (tok.pos_ == "PRON" and tok.lower_ in _PEOPLE_PRONOUNS) or _quantity_of_people(tok)


def speaking_quantity(att: Attribution) -> bool:
    """Whether an attribution without a speaker has a quantity for its source and a verb of saying for its cue
    ("most of the aldermen said …", "several of the lawyers say …"): the verb makes them speakers whatever noun
    the "of" names (``people_quantities`` alone asks it to name people, for the verbs of mind and report). PARC's
    source all the same; it names nobody, so the claim is credited to no actor."""
    lem = lemma(att.cue)
    data = cues()
    return (
        att.speaker is None
        and lem in data["cue_verbs"]
        and lem not in data["weak_cue_verbs"]
        and _quantity(att.speaker_token)
    )


def _people(att: Attribution) -> bool:
    """Whether an attribution's source is a person or people, named or not: a personal pronoun, a noun for
    people ("voters", "analysts", "a spokeswoman"; ``person_nouns`` and ``source_nouns``) or a group named by
    its nationality, party or faith ("Republicans", "many Democrats"). A state of mind or a position is held by
    people; "the United States believes" is the writer's summary of a policy, and is left out."""
    tok = att.speaker_token
    if tok is None:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ in _PEOPLE_PRONOUNS
    return _people_word(tok) or _quantity_of_people(tok)


def _people_word(tok: Token) -> bool:
    """Whether a noun names a person or people: a noun for people (``person_nouns``, ``source_nouns``, titles), a
    person's people ("his team", ``people_collectives``), a group named by its nationality, party or faith
    ("Republicans"), or a plural agent noun by its form ("strategists", "donors"; ``agent_suffixes``)."""
    data = cues()
    word = lemma(tok).lower()
    if word in label_config()["person_nouns"] or word in data["source_nouns"] or word in person_titles():
        return True
    if word in data["people_collectives"] or (tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS")):
        return True
    return (
        tok.tag_ == "NNS"
        and tok.pos_ == "NOUN"
        and any(word.endswith(s) and len(word) >= len(s) + 3 for s in data["agent_suffixes"])
        and not any(word.endswith(s) for s in data["not_agent_suffixes"])
    )


def _quantity_of_people(tok: Token) -> bool:
    """Whether a subject is a quantity of people ("most believe", "several said", "six in 10 say", "two-thirds of
    the farmers said"): a number or a word of ``people_quantities`` standing alone, or whose "of" names people.
    PARC's source all the same; it names nobody, so the claim is credited to no actor."""
    if not _quantity(tok):
        return False
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not of:
        return True
    whole = of[0]
    return (whole.pos_ == "PRON" and whole.lower_ in ("them", "us", "those")) or _people_word(whole)


def _quantity(tok: Token | None) -> bool:
    """Whether a subject is a quantity ("most", "several", "six in 10", "two-thirds of …"): a number or a word of
    ``people_quantities``, never a date, a time or a sum of money."""
    if tok is None or tok.ent_type_ in ("DATE", "TIME", "MONEY"):
        return False
    return tok.pos_ == "NUM" or lemma(tok).lower() in cues()["people_quantities"]


def _finding(att: Attribution) -> bool:
    """Whether an attribution's source is a poll, survey or study (``report_nouns``): its finding is reported
    through the verbs people use for their views ("exit polls suggest that …")."""
    return att.speaker_token is not None and lemma(att.speaker_token) in cues()["report_nouns"]
