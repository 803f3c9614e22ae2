"""Trigger candidates of a document with their argument heads, before actors, dates and places.

Each token whose trigger reading holds (a pattern from ``event_patterns.yaml`` first, then the
lexicon) yields one candidate, unless it only spells out a sanction of its clause, states what a
law covers or anyone does, or speaks of a measure as an institution; its arguments come from
:mod:`events_args`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from threatgraph.extract.events_args import Args, compound_args, noun_args, speech_accusation, subject, verb_args
from threatgraph.extract.events_generic import in_law_or_generic, legal_ground
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import Trigger, lexicon
from threatgraph.extract.events_patterns import pattern_triggers
from threatgraph.extract.events_syntax import children, prep_objects
from threatgraph.extract.events_triggers import trigger_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _spells_out_sanction(tok: Token, trig: Trigger) -> bool:
    """Whether ``tok`` is a participle clause detailing the sanction of its head clause."""
    if trig.type not in lexicon().words["measure_types"] or tok.dep_ not in ("advcl", "conj") or tok.tag_ != "VBG":
        return False
    head = tok.head
    while head.dep_ in ("advcl", "conj") and head.tag_ == "VBG" and head.head != head:
        head = head.head  # "…, blocking its accounts and barring its officers": both under the sanction
    for cand in (head, *children(head, "dobj")):
        found = trigger_of(cand)
        if found is not None and found[0].type == "SANCTION":
            return True
    return False


def _done_by_means(verb: Token, trig: Trigger) -> bool:
    """Whether a measure is told by the act that carries it out: "disrupted the Front's networks by
    designating its financiers", "cracked down by arresting forty": the "by" act is the happening, and
    the measure verb names what it does, not a second act."""
    if trig.type not in lexicon().words["measure_types"]:
        return False
    means = [g for p in children(verb, "prep") if p.lower_ == "by" for g in children(p, "pcomp")]
    return any(m.pos_ == "VERB" and trigger_of(m) is not None for m in means)


def _thing_subject(verb: Token) -> bool:
    """Whether a verb's subject is a happening or a means ("attacks", "the blast"), not an actor."""
    lex = lexicon()
    for subj in subject(verb):  # through coordination: "attacks have harmed … and threaten …"
        lem = lemma(subj)
        if subj.dep_ == "nsubj" and (lem in lex.words["instrument_nouns"] or lem in lex.nouns):
            return True
    return False


def _tells_happenings(speech: Token, framed: dict[int, tuple[Trigger, str]]) -> bool:
    """Whether what a speaker says tells happenings of its own ("X said the cell funded and armed the
    Front", "from kidnappings to bombings, the Front is a menace, X said"): those are the events, told
    on the speaker's word; the saying is no accusation besides them. A bare charge with no happening in
    it ("X said the men were members of a terrorist cell") stays one, and so does a saying of what is yet
    to come ("X stated that the Front would strike again"): that saying is itself the act (a threat)."""
    modal = lexicon().types_data["modality"]
    future = {*modal["future_aux"], *modal["demand_aux"]}
    for clause in children(speech, "ccomp"):
        if any(t.dep_ == "aux" and t.lower_ in future for t in clause.subtree):
            continue
        for t in clause.subtree:
            if t.i in framed or (t.pos_ in ("VERB", "NOUN", "PROPN") and trigger_of(t) is not None):
                return True
    return False


def _pattern_kind(tok: Token) -> str:
    return "noun" if tok.pos_ in ("NOUN", "PROPN", "NUM") else "verb"


def trigger_candidates(doc: Doc) -> Iterator[tuple[Token, Trigger, str, Args]]:
    framed = pattern_triggers(doc)
    for tok in doc:
        accusation = speech_accusation(tok)
        if accusation is not None and not _tells_happenings(tok, framed):
            yield tok, Trigger("ACCUSE", "statement"), "verb", accusation
            continue
        found = (framed[tok.i][0], _pattern_kind(tok)) if tok.i in framed else trigger_of(tok)
        if found is None:
            continue
        trig, kind = found
        if kind == "verb" and (_spells_out_sanction(tok, trig) or _done_by_means(tok, trig)):
            continue
        if kind != "compound" and (in_law_or_generic(tok) or legal_ground(tok)):
            continue  # what a law covers, what anyone does, a statute's alternatives: no event
        if kind == "verb" and trig.type in lexicon().words["actor_subject_types"] and _thing_subject(tok):
            continue  # "repeated attacks threaten civilians": endangering, not an actor's threat
        if kind == "compound":
            args = compound_args(tok)
        elif kind == "noun":
            args = noun_args(tok, trig)
            if not args.targets and _institution(tok, trig):
                continue  # "the power of OFAC sanctions derives from …": sanctions as such, no act
        else:
            args = verb_args(tok, framed=trig if tok.i in framed else None)
            if not args.sources and lemma(tok) in lexicon().frames:
                # "was placed on the US Treasury sanctions list": the list's owner is the source
                args.sources = [
                    c
                    for p in children(tok, "prep")
                    for g in children(p, "pobj")
                    for left in g.lefts
                    for c in left.subtree
                    if c.pos_ == "PROPN"
                    and (c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.head.pos_ != "PROPN"))
                ]  # a possessor owns the list even when the list has a name: "the Council's Sanctions List"
                lists = {w for frame in lexicon().frames[lemma(tok)] for w in frame.pobjs}
                # "put on the Ruritanian Council (…) sanctions list", parsed with the list as the owner's apposition
                args.sources += [
                    g
                    for p in children(tok, "prep")
                    for g in children(p, "pobj")
                    if g.pos_ == "PROPN" and any(a.dep_ == "appos" and lemma(a) in lists for a in g.children)
                ]
        if kind == "verb" and lemma(tok) in lexicon().frames:
            args.targets = _frame_parties(tok, args.targets)
        if kind == "verb" and not args.targets:
            args.targets = _role_parties(tok)
        if kind == "verb":
            args.sources = [o for s in args.sources for o in _effort_owners(s)]
        args.targets = [_named(t) for t in args.targets]
        yield tok, trig, kind, args


def _frame_parties(verb: Token, targets: list[Token]) -> list[Token]:
    """The parties of a light verb typed by its object: the goods or the list it acts on are no party
    ("amended its sanctions list", "transported funds"), though their "of" may name one ("funds of X");
    "on behalf of X" names whom goods are moved for."""
    lex = lexicon()
    # an object that names a happening ("carried out attacks") is that happening's own trigger: left as it is
    words = {w for frame in lex.frames[lemma(verb)] for w in frame.objects | frame.pobjs}
    out: list[Token] = []
    for t in targets:
        if (lemma(t) in words or t.lower_ in words) and lemma(t) not in lex.nouns:
            owners = [p for p in children(t, "poss") if p.pos_ != "PRON"]  # "its list" is the doer's own
            out += prep_objects(t, ("of",)) + owners  # "the networks of X", "X's network"
        else:
            out.append(t)
    behalf = [b for b in prep_objects(verb, ("on",)) if b.lower_ == "behalf"]
    return out + [g for b in behalf for g in prep_objects(b, ("of",))]


def _effort_owners(source: Token) -> list[Token]:
    """The doer of an act told as someone's effort: "its efforts to acquire arms", "a bid by X to seize
    the port": the effort's owner or "by" object acts, the effort noun is no actor (the parser hangs the
    infinitive off it). An effort with no owner is left as the parser gave it."""
    modal = lexicon().types_data["modality"]
    efforts = {*modal["hypothetical_heads"], *modal["purpose_nouns"]}
    if source.pos_ != "NOUN" or lemma(source) not in efforts:
        return [source]
    return children(source, "poss") + prep_objects(source, ("by",)) or [source]


def _role_parties(verb: Token) -> list[Token]:
    """Whom a part is played for: "served as a courier for X", "acted as X's financier", "worked as its
    treasurer" (the role noun's "for"/"to"/"of" object or owner)."""
    roles = [g for p in children(verb, "prep") if p.lower_ == "as" for g in children(p, "pobj")]
    return [t for r in roles for t in prep_objects(r, ("for", "to", "of")) + children(r, "poss")]


def _named(head: Token) -> Token:
    """The name an apposition gives a common noun ("worked with his brother, Karl Mertens"): the
    named one is the party; the noun's possessor ("his") would otherwise stand for it and turn a
    partner into the doer himself. A bare count names its people only through who it includes ("at
    least 30, including four officers, were killed"): those are the ones the text names."""
    if head.pos_ == "NUM" and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        included = prep_objects(head, ("including",))
        return included[0] if included else head
    if head.pos_ != "NOUN":
        return head
    names = [c for c in children(head, "appos") if c.pos_ == "PROPN"]
    return names[0] if names else head


def _institution(noun: Token, trig: Trigger) -> bool:
    """Whether a bare plural measure noun speaks of the measure as an institution in a timeless
    present ("the integrity of OFAC sanctions derives from …", "the goal of sanctions is …"): no
    determiner or possessor points at one act, and the clause is in the simple present."""
    if trig.type not in lexicon().words["measure_types"] or noun.tag_ != "NNS" or noun.dep_ == "dobj":
        return False  # "Ruritania imposes sanctions": someone's act
    if any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        return False
    clause = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if clause is None or clause.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in clause.children)


def listed_kind(tok: Token, kind: str) -> str | None:
    """What sets a nominal trigger apart from the other items of its list: "carried out bombings,
    kidnappings and assassinations" tells three happenings of one root and one doer, where "attacked
    and killed" or "the attack, the bombing" tell one. A noun coordinated with a trigger noun of another
    lemma is its own happening (its lemma); None for every other trigger, which one key per root keeps."""
    if kind != "noun":
        return None
    nouns = lexicon().nouns
    others = [c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN") and lemma(c) != lemma(tok)]
    return lemma(tok) if any(lemma(c) in nouns or c.lower_ in nouns for c in others) else None
