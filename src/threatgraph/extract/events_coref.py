"""Sources that a trigger shares with another event mention of the same document.

A trigger often names no doer of its own although the text says who it was: a list of strikes
after "allied aircraft carried out 9 raids" ("one raid hit a depot"), a verb whose
subject is the attack itself ("a bomb strike hit the convoy", "the raid that struck the depot"), a
victim "wounded in the raid" whose raid has a doer, or help given "in support of" someone by the
clause's subject. These are links between event mentions, not between names, so they live here
rather than in :mod:`events_actors`.

The rules keep to the nearest compatible mention and stop rather than reach further: an earlier
mention of the same kind that names no doer ends the search, so one unattributed attack never
takes the doer of an older one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import Actor, thing_antecedent
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.events_modality import modality

if TYPE_CHECKING:
    from spacy.tokens import Token

#: How far back (characters) a nominal trigger may look for the mention it repeats.
WINDOW = 2500
_DEFINITE = frozenset({"the", "this", "these", "those", "that", "such"})
_RELATIVE = frozenset({"that", "which"})


@dataclass(slots=True)
class Mentioned:
    """One trigger as the linker sees it: its token, type, kind and the doers it names itself.

    ``explicit`` is true when the parse gave the trigger a doer word at all ("IS strikes"), even one
    that did not resolve to an actor: such a trigger says who acted, so it never borrows a doer.
    ``targets`` are the actors the trigger's own words aim it at, ``sites`` those of them that are structures
    (``site_nouns``: "the embassies"), ``many`` whether those are several ("the embassies", "the consulate and
    the bank") and ``aimed`` whether it has target words at all, resolved or not (:func:`link_targets`).
    """

    tok: Token
    type: str
    kind: str
    explicit: bool
    sources: list[Actor]
    targets: list[Actor] = field(default_factory=list)
    aimed: bool = False
    sites: list[Actor] = field(default_factory=list)
    many: bool = False


def _compatible(noun: Token, earlier: Token) -> bool:
    """Whether a nominal trigger can repeat an earlier trigger: the same word ("raids" … "one
    raid"), one word inside the other ("gunfight" … "the fight"), or a definite description."""
    a, b = lemma(noun), lemma(earlier)
    if a == b or (len(a) > 3 and len(b) > 3 and (a.endswith(b) or b.endswith(a))):
        return True
    if _singled_out(noun, earlier):
        return False  # "the embassy bombings" after "strikes on camps": another happening, named by its site
    if _dated_apart(noun, earlier):
        return False  # "the March 2 bombings" after "Tuesday's air raid": another happening, named by its day
    return any(c.dep_ in ("det", "predet") and c.lower_ in _DEFINITE for c in noun.lefts)


def _singled_out(noun: Token, earlier: Token) -> bool:
    """Whether a definite description names a structure of its own that the earlier mention's phrase lacks:
    a noun modifier of a kind of site ("the embassy bombings", "the hotel attack"; ``site_nouns``) picks out
    the happening at that site, so it repeats an earlier mention of another word only when that mention's
    own phrase names it too. A means ("the truck bombings") singles out nothing."""
    sites = lexicon().words["site_nouns"]
    own = {lemma(c) for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and lemma(c) in sites}
    return bool(own) and not own & {lemma(t) for t in earlier.subtree}


def _own_date_words(noun: Token) -> set[str]:
    """The words of a date written before a nominal trigger, in its own phrase ("the August 7 bombings",
    "last Friday's raid", "the 2019 attack")."""
    return {t.lower_ for c in noun.lefts for t in c.subtree if t.ent_type_ == "DATE" and not t.is_punct}


def _dated_apart(noun: Token, earlier: Token) -> bool:
    """Whether a definite description names the day of its happening and the earlier mention's phrase does
    not name the same day: a date singles out one happening as a site does (:func:`_singled_out`), so "the
    August 7 bombings" does not repeat "the air raid" told just before, nor take its doer. An earlier plural
    ("has carried out attacks") may hold the dated one."""
    own = _own_date_words(noun)
    if not own or earlier.tag_ == "NNS":
        return False  # "carried out attacks since 1980 ... the 1983 bombings": one of those told before
    before = {t.lower_ for t in earlier.subtree if t.ent_type_ == "DATE"}
    return not own <= before


def _event_subjects(verb: Token) -> list[Token]:
    """The subjects of a verb that may be happenings, through a relative pronoun to its noun (a
    parse may give two: "Outside X, a raid hit …" makes the town a subject too)."""
    out = []
    for subj in verb.children:
        if subj.dep_ != "nsubj":
            continue
        if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
            act = thing_antecedent(subj)
            if act is not None:
                out.append(act)  # "attacks on civilians, which killed …": the attacks killed
            elif not relative_is_ambiguous(subj, verb.head):
                out.append(verb.head)
        else:
            out.append(subj)
    return out


def relative_is_ambiguous(pronoun: Token, noun: Token) -> bool:
    """Whether "which"/"that" may as well refer to a name just before it as to ``noun``: in
    "raids on the Front, which has shelled …" the parser's attachment to "strikes"
    is a guess, and the Front is the likelier doer; a wrong doer is worse than none."""
    doc = pronoun.doc
    i = pronoun.i - 1
    while i > noun.i and doc[i].is_punct:
        i -= 1
    prev = doc[i]
    return prev.i != noun.i and (prev.pos_ == "PROPN" or prev.ent_type_ in ("ORG", "NORP", "GPE", "PERSON"))


def _circumstances(verb: Token) -> list[Token]:
    """Nominal triggers a verb happens within: "was wounded in the raid", "killed during the attack"."""
    preps = lexicon().words["circumstance_preps"]
    return [g for p in verb.children if p.dep_ == "prep" and p.lower_ in preps for g in p.children if g.dep_ == "pobj"]


def _when_clauses(verb: Token) -> list[Token]:
    """Clauses saying when a verb happened by another act: "… were killed when X stormed …"."""
    marks = lexicon().words["simultaneity_marks"]
    return [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "advmod" or m.dep_ == "mark" for m in c.children if m.lower_ in marks)
    ]


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _owners_of(noun: Token) -> list[Token]:
    """Who a means or operation belongs to: "the Front's operation", "a Front operation", "by X"."""
    out = [c for c in noun.children if c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN")]
    return out + [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children]


def _clause_of(noun: Token) -> Token | None:
    """The active clause a nominal trigger is a circumstance of ("acts in support of X")."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in lexicon().words["circumstance_preps"]:
        return None
    head = noun.head.head
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "advmod") and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # "stayed resolute in support of X"
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
        return None  # a passive subject undergoes the clause; it is not the doer of the circumstance
    return head


def link_sources(
    mentions: list[Mentioned],
    actors: Callable[[list[Token]], list[Actor]],
    blocked: Callable[[Token], bool],
) -> dict[int, Actor]:
    """Doers for triggers that name none, keyed by trigger token index.

    ``actors`` resolves argument words to actors; ``blocked`` says a trigger must not
    borrow a doer (its paragraph credits one by a claim of responsibility, which says more).
    Triggers are handled in text order; a link to a later trigger is followed on demand.
    """
    lex = lexicon()
    by_token = {m.tok.i: m for m in mentions}
    shared_types = lex.words["shared_subject_types"]
    found: dict[int, Actor | None] = {}
    busy: set[int] = set()

    def source(m: Mentioned) -> Actor | None:
        if m.sources:
            return m.sources[0]
        if m.explicit or blocked(m.tok):
            return None
        if m.tok.i in found:
            return found[m.tok.i]
        if m.tok.i in busy:
            return None
        busy.add(m.tok.i)
        got = _linked(m)
        busy.discard(m.tok.i)
        found[m.tok.i] = got
        return got

    def _linked(m: Mentioned) -> Actor | None:
        tok = m.tok
        if m.kind == "verb":
            subjects = _event_subjects(tok)
            for subj in subjects:
                other = by_token.get(subj.i)
                if other is not None and other.type == m.type:
                    return source(other)  # "the raid that struck the depot": the raid's doer struck
            chained = tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
            other = by_token.get(tok.head.i) if chained and not subjects else None
            if other is not None and other.type == m.type and other.kind == "verb":
                return source(other)  # "a raid hit a post and burned …", "…, wounding two"
            if not subjects or any(c.dep_ == "nsubjpass" for c in tok.children):
                for clause in _when_clauses(tok):
                    other = by_token.get(clause.i)
                    if other is not None and other.type == m.type:
                        return source(other)  # "five were killed when militants stormed the base"
                for noun in _circumstances(tok):
                    other = by_token.get(noun.i)
                    if other is not None and other.type == m.type:
                        return source(other)  # "was wounded in the raid"
                    if other is None and lemma(noun) in lex.words["instrument_nouns"]:
                        doers = actors(_owners_of(noun))
                        if doers:
                            return doers[0]  # "was killed in the Front's operation"
            return None
        clause = _clause_of(tok)
        if clause is not None:
            host = by_token.get(clause.i)
            if host is not None and host.type == m.type and host.sources:
                return host.sources[0]  # "X killed five in an attack": one event, X its doer
            if m.type in shared_types and host is None:
                doers = actors(_subjects(clause))
                if doers:
                    return doers[0]  # "X stayed resolute in support of Y"
        return _antecedent(m) if m.type in lex.words["repeated_types"] else None

    def _antecedent(m: Mentioned) -> Actor | None:
        tok = m.tok
        above = {a.i for a in tok.ancestors}
        for earlier in reversed(mentions):
            if earlier.tok.i >= tok.i or earlier.tok.i in above or earlier.type != m.type:
                continue
            if tok.idx - earlier.tok.idx > WINDOW:
                return None
            if not _compatible(tok, earlier.tok):
                continue
            told = modality(earlier.tok, climb=earlier.kind != "compound")
            if told in ("hypothetical", "demanded", "negated"):
                continue  # "militants plan to strike again ... The bombing set back tourism": not that strike
            if told == "claimed":
                return None  # a doer only alleged ("X, accused of organizing the bombings") is not lent as fact
            return source(earlier)  # the nearest one decides, with or without a doer
        return None

    out: dict[int, Actor] = {}
    for m in mentions:
        if not m.sources:
            got = source(m)
            if got is not None:
                out[m.tok.i] = got
    return out


def _definite(noun: Token) -> bool:
    """Whether a nominal trigger refers to a happening already known: a definite determiner or an owner
    ("the shooting", "these attacks", "last month's slaying"); "earlier strikes", "a second attack" are new."""
    return any((c.dep_ in ("det", "predet") and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in noun.children)


def _named_apart(noun: Token) -> bool:
    """Whether a nominal trigger carries a name or noun of its own that may single out its happening ("the
    harbour festival bombing", "the Northwind Club attack"): such a modifier names what or where it was, which
    the earlier telling need not share, so it borrows nothing. A place name says only where ("the Eastport
    blast") and a means only how ("the car bombings"): neither sets a repeat apart."""
    means = lexicon().words["instrument_nouns"]
    return any(
        c.dep_ in ("compound", "nmod")
        and c.pos_ in ("NOUN", "PROPN")
        and c.ent_type_ not in ("GPE", "LOC")
        and lemma(c) not in means
        for c in noun.children
    )


def _kind_of_act(noun: Token) -> bool:
    """Whether a nominal trigger is a bare plural, acts of a kind rather than one happening ("has suffered
    repeated raids on villages"): a singular repeat ("the raid") is not one of them. A bare plural that is
    its clause's subject tells what those acts did ("simultaneous raids on two camps killed 30"): particular
    happenings, which a later "the raid" may repeat."""
    bare = noun.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)
    return bare and noun.dep_ not in ("nsubj", "nsubjpass")


#: At most this many targets are lent from one mention (a bombing told with its site and two counts of victims).
LENT_TARGETS = 3


def link_targets(mentions: list[Mentioned]) -> dict[int, list[Actor]]:
    """Structures hit that nominal triggers naming no target take from an earlier mention they repeat, keyed by
    trigger token index.

    "A truck bomb exploded outside the consulate ... the blast was heard across the city": a definite
    description of a happening told before ("the blast", "the bombings", "the attack") is that happening, so it
    hit the structure the first telling named. Only a structure is lent (``sites``): a site stays hit however
    the happening is retold, whereas the people a first telling names may be victims counted by a result
    clause ("killing 40") that a retelling does not mean; a nearest telling naming only people lends nothing
    (session 21 lent every target and, on unseen text, added mostly wrong ones). Only a definite noun
    (:func:`_definite`) without target words of its own borrows (an "attack on X" says whom it hit); the earlier
    mention must be of the same type, within :data:`WINDOW`, compatible (:func:`_compatible`: the same word or a
    definite description, not one singled out by another site or day) and told as fact. Mentions naming no
    target are passed over ("the device went off" repeats the bombing without saying what it hit); a negated,
    hypothetical or demanded one is not the happening, and one only alleged lends nothing (what it hit is
    alleged too). The nearest sentence with a lender decides, and within it the mention most like the repeat:
    the same word, else one naming a structure ("exploded outside the consulate, killing 12": the explosion, not
    the killing), else a noun ("the raids on the depots have killed 30": "the raids" repeats the raids, not the
    killing). A repeat with a name of its own is set apart (:func:`_named_apart`), and a plural repeat ("the
    blasts") takes only from a plural telling or one that hit several structures: one of several happenings
    told apart is not all of them. Lent structures chain: a repeat takes what an earlier repeat took."""
    repeated = lexicon().words["repeated_types"]
    out: dict[int, list[Actor]] = {}
    for n, m in enumerate(mentions):
        if m.kind != "noun" or m.aimed or m.targets or m.type not in repeated or not _definite(m.tok):
            continue
        if _named_apart(m.tok):
            continue  # "the harbour festival bombing" after "the bombing at the consulate": another happening
        lenders = _lenders(m, mentions[:n], out)
        if lenders:
            word = lemma(m.tok)
            best = max(
                lenders,
                key=lambda e: (lemma(e.tok) == word, bool(e.sites or out.get(e.tok.i)), e.kind == "noun", e.tok.i),
            )
            got = best.sites if best.targets else out.get(best.tok.i, [])
            if got:
                out[m.tok.i] = got[:LENT_TARGETS]
    return out


def _lenders(m: Mentioned, earlier: list[Mentioned], lent: dict[int, list[Actor]]) -> list[Mentioned]:
    """The mentions of the nearest earlier sentence that can lend ``m`` their targets (see :func:`link_targets`)."""
    above = {a.i for a in m.tok.ancestors}
    found: list[Mentioned] = []
    for e in reversed(earlier):
        if found and e.tok.sent != found[0].tok.sent:
            break
        if e.tok.i >= m.tok.i or e.tok.i in above or e.type != m.type:
            continue
        if m.tok.idx - e.tok.idx > WINDOW:
            break
        if e.tok.sent == m.tok.sent or not _compatible(m.tok, e.tok):
            continue  # one sentence's two mentions are two parts of what it tells, not a repeat
        if _kind_of_act(e.tok) and m.tok.tag_ == "NN":
            continue  # "repeated raids on villages ... condemned the raid": one act is not the kind
        if m.tok.tag_ == "NNS" and e.tok.tag_ != "NNS" and not e.many:
            continue  # "a bomb exploded at X ... a car bomb exploded at Y ... the blasts": one telling is not all
        if not (e.targets or lent.get(e.tok.i)):
            continue
        if modality(e.tok, climb=e.kind != "compound") in ("hypothetical", "demanded", "negated", "claimed"):
            continue  # not the happening, or one only alleged: an earlier telling as fact may still be
        found.append(e)
    return found
