"""Who did what to whom: PLOVER-typed events from the dependency parse and a lexicon.

A trigger is a verb ("arrested"), a light verb typed by its object ("placed … on its
blacklist"), a nominal form ("the arrests of Zainabiyoun fighters", "financial support from
Iran") or a participle in a hyphenated modifier ("an Iran-backed militant outfit"). Its
arguments come from the parse with voice taken into account (a passive agent is the source),
subjects are inherited through coordination and control ("were recruited … and trained",
"sent young Pakistanis to fight"), and every argument is turned into an actor by
:mod:`events_actors`. Each event keeps its evidence sentence with offsets, the date and place
attached to the trigger, and whether it is negated or hedged. The words live in
``plover.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from threatgraph.extract.dates import date_spans
from threatgraph.extract.events_actors import PLACE_LABELS, Actor, MentionIndex, resolve, resolve_all
from threatgraph.extract.events_chooser import choose
from threatgraph.extract.events_coref import Mentioned, link_sources, relative_is_ambiguous
from threatgraph.extract.events_issuer import performed, release_sources, statutory_sources
from threatgraph.extract.events_lead import Lead, dateline, told_in_past
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import Trigger, lexicon
from threatgraph.extract.events_modality import modality
from threatgraph.extract.events_patterns import pattern_triggers
from threatgraph.model import Article, DateInterval, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_PLACE_PREPS = frozenset({"in", "at", "inside", "across", "into", "to", "near", "throughout", "within", "on"})
_TARGET_PREPS = ("against", "on", "upon", "of", "for", "to")
# Prepositions after which a gerund's doer is the governing verb's object ("accused X of
# plotting", "stopped X from entering", "arrested X for attacking"); after "after"/"before" it
# is the subject ("wounded a guard after opening fire").
_CONTROL_PREPS = frozenset({"of", "from", "for", "into"})


@dataclass(slots=True)
class _Args:
    """Argument heads of one trigger before they are resolved to actors."""

    sources: list[Token]
    targets: list[Token]


# --- triggers ------------------------------------------------------------------------------


def _is_hyphen_compound(tok: Token) -> bool:
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text in ("-", "‑", "–") and doc[tok.i - 1].whitespace_ == ""


def _code_part(tok: Token) -> bool:
    """Whether a capitalised word is a piece of a code joined by hyphens ("tail number QX-ZOR",
    "UN-ARM-7"): letters of an identifier, not a word."""
    if not tok.text.isupper():
        return False
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text in ("-", "‑") and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "‑") and not tok.whitespace_
    return before or after


def _frame_trigger(tok: Token) -> Trigger | None:
    frames = lexicon().frames.get(lemma(tok))
    if not frames:
        return None
    objects = {lemma(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
    heads = [g for c in tok.children if c.dep_ in ("prep", "dative") for g in c.children]
    # "put on the Ruritanian (…) sanctions list": the parser may hang the list off its owner
    pobjs = {lemma(x) for g in heads for x in (g, *(a for a in g.children if a.dep_ == "appos"))}
    for frame in frames:
        if objects & frame.objects or pobjs & frame.pobjs:
            return frame.trigger
    return None


def _idiom(tok: Token, lem: str) -> bool:
    """ "strikes a significant blow", "executed the plan": the object makes the verb an idiom; a
    verb that kills only people ("execute") with an object that is no person carries something out."""
    idioms = lexicon().types_data.get("idiom_objects", {}).get(lem)
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if bool(idioms) and any(lemma(c) in idioms for c in objects):
        return True
    return lem in lexicon().words["person_object_verbs"] and any(not _a_person(c) for c in objects)


def _a_person(tok: Token) -> bool:
    """Whether a word names people: a person's name, a pronoun, a noun for people or fighters."""
    if tok.ent_type_ in ("PERSON", "NORP") or tok.pos_ == "PRON":
        return True
    words = lexicon().words
    lem = lemma(tok)
    kinds = ("person_nouns", "actor_nouns", "militant_nouns", "member_nouns")
    return any(lem in words[k] or tok.lower_ in words[k] for k in kinds)


def _issued(noun: Token) -> bool:
    """Whether a threat noun names a threat someone made ("a new threat by X", "X issued a threat
    against Y") rather than an assessment of someone ("X remains a threat")."""
    if _pobjs(noun, ("by",)):
        return True
    head = noun.head
    return noun.dep_ == "dobj" and lemma(head) in lexicon().words["issuing_verbs"]


def _transferred(noun: Token) -> bool:
    """Whether goods are told as passing from someone or to someone: "weapons from Iran", "money for
    the militia", "Iran's weapons", "weapons supplied by X" (not "using advanced weapons")."""
    if _pobjs(noun, ("from", "to", "for", "by")) or _children(noun, "poss"):
        return True
    if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in noun.children):
        return True
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None  # "received money from Iran"
    if verb is None or verb.pos_ != "VERB":
        return False
    return lemma(verb) in lexicon().words["receiving_verbs"] or bool(_pobjs(verb, ("from", "to")))


def _directive(tok: Token, lem: str, trig: Trigger) -> bool:
    """ "instructed the team to offer help", "directed troops to withdraw": a verb of command with an
    infinitive frames what is called for (its modality); it is not an event of its own trigger type
    (training, here) unless that type is the call itself."""
    if trig.type == "REQUEST" or lem not in lexicon().types_data["modality"]["demand_heads"]:
        return False
    infinitives = [c for c in tok.children if c.dep_ == "xcomp"]
    return any(a.dep_ == "aux" and a.lower_ == "to" for c in infinitives for a in c.children)


def _own_clause(tok: Token) -> set[Token]:
    """The words of a verb's own clause and arguments: its subtree, and the subjects and agents of
    the clauses it is coordinated with or controlled by ("Treasury designated X and targeted Y")."""
    scope = set(tok.subtree)
    if tok.dep_ == "acl" and tok.head.head != tok.head:
        scope.add(tok.head.head)  # "firms targeted this week are being listed": the clause it sits in
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head == cur:
            break
        cur = cur.head
        scope.add(cur)
        for arg in _children(cur, "nsubj", "nsubjpass", "agent"):
            scope.update(arg.subtree)
    return scope


def _in_context(tok: Token, lem: str, trig: Trigger) -> Trigger:
    """The type an ambiguous verb takes from its own clause ("Treasury targeted X" is a sanction);
    a cue word elsewhere in the sentence ("… the designated group targeted a checkpoint") says
    nothing about this verb."""
    table = lexicon().types_data.get("context_types", {}).get(lem)
    if not table:
        return trig
    scope = _own_clause(tok)
    for typ, cues in table.items():
        if any(lemma(t) in cues or t.lower_ in cues for t in scope):
            return Trigger(typ, lem)
    return trig


def _transitive_sense(tok: Token, lem: str, trig: Trigger) -> Trigger | None:
    """ "demonstrated its resolve", "demonstrates that …" show something; "rally Europeans into a
    front" mobilises them: with an object or a clause these verbs leave the protest sense."""
    sense = lexicon().types_data.get("transitive_senses", {}).get(lem)
    if sense is None or not _children(tok, "dobj", "ccomp"):
        return trig
    return None if sense == "NONE" else Trigger(sense, lem)


def _antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for: the nearest noun before it ("Decree 7, as revised,
    which covers …": the parser may hang the clause off "revised")."""
    clause = pronoun.head
    if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return clause.head
    for left in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if left.pos_ in ("NOUN", "PROPN", "NUM"):
            return left
    return None


def _clause_doers(verb: Token) -> list[Token]:
    """A verb's subjects, a relative pronoun standing for the noun it refers to."""
    out = []
    for subj in _children(verb, "nsubj", "nsubjpass"):
        if subj.tag_ in ("WDT", "WP"):
            subj = _antecedent(subj) or subj  # "Decree 7, which covers …": the decree
        out.append(subj)
    return out


def _done_by_head(clause: Token) -> bool:
    """Whether the noun a relative or participle clause hangs off is its doer: "those who arm",
    "those funding rebels" (not "every man who was hurt": there the noun is the patient)."""
    if clause.head == clause:
        return False
    if clause.dep_ == "relcl":
        return any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in clause.children)
    return clause.dep_ == "acl" and clause.tag_ == "VBG"


def _in_law_or_generic(tok: Token) -> bool:
    """Whether a trigger only describes what a law covers ("Decree 7, which covers rebels and anyone
    funding rebels", "the scheme pays rewards") or what anyone at all does ("all who fund
    them", "any bank that helps …"): a general statement, no event."""
    words = lexicon().words
    laws, generic, dets = words["law_nouns"], words["generic_doers"], words["generic_determiners"]
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            for doer in _clause_doers(cur):
                names = [doer, *(c for c in doer.children if c.dep_ in ("compound", "nmod", "appos"))]
                if doer.dep_ in ("appos", "nummod", "compound"):
                    names.append(doer.head)  # "Decree (D.) 7": the number names the decree
                if any(n.ent_type_ == "LAW" or lemma(n) in laws or n.lower_ in laws for n in names):
                    return True
        if _done_by_head(cur):  # "all who fund them", "those funding rebels"
            head = cur.head
            if head.lower_ in generic or any(c.dep_ == "det" and c.lower_ in dets for c in head.children):
                return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _legal_ground(tok: Token) -> bool:
    """Whether a trigger is the statute's wording of a designation's ground: a list of alternatives
    under the "for" of a designation ("listed … for having armed, housed, or paid the militia, or
    lent it trucks or boats"). The alternatives say what the law covers, not which of them happened."""
    lex = lexicon()
    ground: Token | None = None
    cur = tok
    clause = next((t for t in (tok, *tok.ancestors) if t.pos_ == "VERB"), None)
    if clause is not None and _own_subject(clause) and not _is_sanction_verb(clause):
        return False  # ", and on May 2 the militia attacked …": a clause of its own, not an alternative
    for _ in range(14):  # a statute's list of alternatives can be long
        if cur.lower_ == "for" and cur.dep_ in ("prep", "conj"):  # "… for serving X, and for arming …"
            ground = cur
        elif ground is not None and cur.pos_ in ("VERB", "NOUN"):
            found = lex.verbs.get(lemma(cur)) if cur.pos_ == "VERB" else lex.nouns.get(lemma(cur))
            if found is not None and found.type == "SANCTION":
                # alternatives: two "or"s at least ("listed for serving or aiding X" is one pair)
                return sum(t.dep_ == "cc" and t.lower_ == "or" for t in ground.subtree) >= 2
        if cur.head == cur:
            break
        cur = cur.head
    return _after_statutory_for(tok)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _is_sanction_verb(verb: Token) -> bool:
    found = lexicon().verbs.get(lemma(verb))
    return found is not None and found.type == "SANCTION"


def _own_subject(verb: Token) -> bool:
    """Whether a verb has a doer of its own: a subject that is neither a relative pronoun standing
    for its noun nor an event noun (a statute's "the targeting of civilians, … forced displacement"
    parsed as a clause is still the list)."""
    nouns = lexicon().nouns
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") and lemma(c) not in nouns
        for c in verb.children
    )


def _after_statutory_for(tok: Token) -> bool:
    """The same ground read off the words when the parser loses the statute's long list (it may
    make "the targeting of women …" the subject of a later word): the trigger comes after the
    "for" of a designation verb of its sentence, at least two "or"s lie between them, and no new
    clause with a doer of its own opens in between (", and on May 2 the group attacked …")."""
    if _is_sanction_verb(tok):
        return False
    return _after_measure_for(tok, ("SANCTION",), min_ors=2)


def _after_measure_for(tok: Token, types: tuple[str, ...] | frozenset[str], min_ors: int = 0) -> bool:
    """Whether a trigger follows the "for" of a measure of one of ``types`` in its sentence
    ("designated X … for …", "imposed sanctions on X for …"), with at least ``min_ors`` "or"s in
    between and no new clause with a doer of its own opening in between."""
    lex = lexicon()
    for verb in tok.sent:
        if verb.i >= tok.i:
            return False
        if verb.pos_ != "VERB":
            continue
        kinds = [lex.verbs.get(lemma(verb))] + [lex.nouns.get(lemma(o)) for o in _children(verb, "dobj")]
        if not any(k is not None and k.type in types for k in kinds):
            continue
        # "listed X for …", "listed X under Decree 4 for …", "listed X as a terrorist under Decree 4 for …"
        fors = [c for c in verb.subtree if c.lower_ == "for" and verb.i < c.i < tok.i and _clause_verb(c) == verb]
        if not fors:
            continue
        between = tok.doc[fors[0].i + 1 : tok.i]
        ors = sum(t.lower_ == "or" and t.dep_ in ("cc", "preconj") for t in between)
        new_clause = any(t.head.i > fors[0].i and t.head.tag_ in _FINITE and _own_subject(t.head) for t in between)
        if ors >= min_ors and not new_clause:
            return True
    return False


def _threat_act(tok: Token) -> bool:
    """Whether "threaten" names a threat someone makes (PLOVER THREATEN: "threatened to attack",
    "threatened them with …", "threatened that …", "threatened the US") rather than a danger to a
    state of things ("continue to threaten the peace and stability of X")."""
    if _children(tok, "ccomp") or _pobjs(tok, ("with",)):
        return True
    if any(a.dep_ == "aux" and a.lower_ == "to" for c in _children(tok, "xcomp") for a in c.children):
        return True
    words = lexicon().words
    for obj in _children(tok, "dobj"):
        if obj.ent_type_ or obj.pos_ in ("PRON", "PROPN"):
            return True
        if lemma(obj) in words["actor_nouns"] or lemma(obj) in words["militant_nouns"]:
            return True
    return not _children(tok, "dobj")


def _self_moving_person(tok: Token) -> bool:
    """ "She had moved to the capital": one person moving is travel, not a deployment of forces."""
    if _children(tok, "dobj"):
        return False
    subjects = _children(tok, "nsubj")
    return bool(subjects) and all(s.ent_type_ == "PERSON" or s.lower_ in ("he", "she", "i") for s in subjects)


def _act_doers(tok: Token) -> list[Token]:
    """Who does a verb or noun trigger, as far as an act noun can: subject, "by"-agent, possessor,
    or the noun a participle hangs off ("measures targeting X")."""
    doers = _children(tok, "nsubj", "poss") + _pobjs(tok, ("by",))
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        doers.append(tok.head)
    return doers


def _by_legal_act(tok: Token, lem: str, trig: Trigger) -> Trigger | None:
    """ "this action targets X", "the new measures hit X": force done by an act of law is the
    sanction itself (when the verb can be one) or no event, never an assault on X."""
    if trig.type != "ASSAULT":
        return trig
    words = lexicon().words
    for doer in _act_doers(tok):
        if lemma(doer) not in words["act_nouns"]:
            continue
        if any(c.dep_ in ("amod", "compound") and c.lower_ in words["force_act_modifiers"] for c in doer.children):
            continue  # "military action", "air action": an operation, not a legal act
        if "SANCTION" in (lexicon().types_data.get("context_types", {}).get(lem) or {}):
            return Trigger("SANCTION", lem)
        return None
    return trig


def _trigger(tok: Token) -> tuple[Trigger, str] | None:
    """The trigger meaning of a token and how it is used: verb, frame, noun or compound."""
    lex = lexicon()
    lem = lemma(tok)
    if tok.pos_ in ("VERB", "ADJ") and tok.dep_ == "amod" or (tok.dep_ == "amod" and _is_hyphen_compound(tok)):
        trig = lex.compounds.get(tok.lower_)
        if trig and (_is_hyphen_compound(tok) or any(c.dep_ == "npadvmod" for c in tok.children)):
            return trig, "compound"
        return None
    if tok.pos_ in ("VERB", "AUX"):
        frame = _frame_trigger(tok)
        if frame:
            return frame, "verb"
        if lem in lex.frames and lem not in lex.verbs:
            return None
        trig = lex.verbs.get(lem)
        if trig is None or _idiom(tok, lem) or _directive(tok, lem, trig):
            return None
        sensed = _transitive_sense(tok, lem, trig)
        if sensed is None or sensed.type == "THREATEN" and not _threat_act(tok):
            return None
        if sensed.type == "DEPLOY" and _self_moving_person(tok):
            return None
        acted = _by_legal_act(tok, lem, _in_context(tok, lem, sensed))
        return (acted, "verb") if acted else None
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":  # "sanctions list" is a list
        if _code_part(tok):
            return None
        trig = lex.nouns.get(lem) or lex.nouns.get(tok.lower_)
        if trig is None:
            return None
        refined = lex.types_data["subtype_modifiers"]
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ in refined:
                trig = Trigger(trig.type, refined[child.lower_])
        if (lem in lex.words["goods_nouns"] or tok.lower_ in lex.words["goods_nouns"]) and not _transferred(tok):
            return None
        if lem in lex.words["assessment_nouns"] and _issued(tok):
            trig = Trigger("THREATEN", "threaten")  # "a threat by X", "X issued threats": an act, not a judgement
        acted = _by_legal_act(tok, lem, trig)
        return (acted, "noun") if acted else None
    return None


# --- arguments -----------------------------------------------------------------------------


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps
        for g in _children(c, "pobj")
    ]


def _is_passive(verb: Token) -> bool:
    if _children(verb, "auxpass", "nsubjpass"):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj", "amod") and not _children(verb, "aux", "nsubj")


def _controller(head: Token) -> Token | None:
    """The verb whose object or subject controls an infinitive: "sent X to fight", "is likely to attack"."""
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _verb_args(verb: Token, depth: int = 0) -> _Args:
    """Source and target heads of a verb trigger, inherited through conj/xcomp/relcl/acl."""
    passive = _is_passive(verb)
    subj = _children(verb, "nsubj")
    subjpass = _children(verb, "nsubjpass")
    agent = [g for a in _children(verb, "agent") for g in _children(a, "pobj")]
    if passive and not agent:  # "listed as a terrorist entity by X": the parse hangs the agent on the role
        agent = [g for role in _pobjs(verb, ("as",)) for g in _pobjs(role, ("by",))]
    dobj = _children(verb, "dobj")
    head = verb.head
    if depth < 3 and not subj and not subjpass and head != verb:
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "fought … before joining X": the subject of "fought" joins
        if verb.dep_ in ("conj", "pcomp") and head.pos_ in ("VERB", "AUX"):
            inherited = _verb_args(head, depth + 1)
            if _is_passive(head) and passive:
                subjpass = inherited.targets
                agent = agent or inherited.sources
            elif verb.dep_ == "pcomp" and verb.head.lower_ in _CONTROL_PREPS and _children(head, "dobj"):
                subj = _children(head, "dobj")  # "accused X of recruiting", "stopped X from entering": X
            elif not _is_passive(head):
                subj = inherited.sources
            elif verb.dep_ == "pcomp":
                subj = inherited.targets  # "X is accused of recruiting …": X recruits
        elif verb.dep_ in ("xcomp", "advcl") and _children(verb, "aux") and _controller(head) is not None:
            ctrl = _controller(head)
            assert ctrl is not None
            controller = _children(ctrl, "dobj") or _children(ctrl, "nsubj", "nsubjpass")
            if not controller and not _is_passive(ctrl):  # "a part in trying to recruit X": who tries
                controller = _verb_args(ctrl, depth + 1).sources
            if lemma(ctrl) in lexicon().words["instrument_verbs"]:
                # "employs drones to hit a depot": the employer hits; "money is used to …": only "by X" says who
                controller = _children(ctrl, "nsubj") or [
                    g for a in _children(ctrl, "agent") for g in _children(a, "pobj")
                ]
            (subjpass if passive else subj).extend(controller)
        elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
            subj = _children(head, "nsubj")  # "X placed …, accusing the group of …"
        elif verb.dep_ in ("acl", "amod") and head.pos_ in ("NOUN", "PROPN"):
            happening = not passive and head.pos_ == "NOUN" and _trigger(head) is not None
            # "an attack by X targeting Y": X targets, not the attack
            (subjpass if passive else subj).extend(_noun_args(head).sources if happening else [head])
        elif verb.dep_ == "relcl" and not dobj:
            dobj = [head]
    if verb.dep_ == "relcl" and subj and not dobj and not passive and subj[0].lower_ not in ("that", "who", "which"):
        dobj = [head]
    subj = [a for s in subj for a in _through_instrument(s)]
    subjpass, dobj = _owners(subjpass), _owners(dobj)
    if passive:
        return _Args(sources=agent, targets=subjpass or dobj)
    extra = tuple(lexicon().types_data["verb_target_preps"].get(lemma(verb), ()))
    targets = dobj + _pobjs(verb, ("against", "on", "upon", *extra))
    objects = [g for d in dobj for g in _pobjs(d, extra)] if extra else []
    # "sent money to X" may be parsed with "to X" as a dative of the verb
    objects += [g for c in _children(verb, "dative") if c.lower_ in extra for g in _children(c, "pobj")]
    if objects:  # "pledged allegiance to X", "donated weapons to X": the object's "to" names whom
        targets = objects + [t for t in targets if t not in dobj]
    if all(lemma(t) in lexicon().words["instrument_nouns"] for t in targets):
        targets += _result_victims(verb)
    return _Args(sources=subj, targets=targets)


def _result_victims(verb: Token) -> list[Token]:
    """Whom a violent act hit, from its result clause: "shelled the depot, wounding three clerks"."""
    own = _trigger(verb)
    out = []
    for adv in _children(verb, "advcl"):
        found = _trigger(adv) if adv.tag_ == "VBG" else None
        if found is not None and own is not None and found[0].type == own[0].type:
            out += _children(adv, "dobj")
    return out


def _owners(heads: list[Token]) -> list[Token]:
    """ "X's assets were frozen", "froze the property of X": whose holdings are acted on."""
    held = lexicon().words["holding_nouns"]
    out = []
    for h in heads:
        if lemma(h) in held:
            owners = _children(h, "poss") + _pobjs(h, ("of",)) + [c for c in h.children if c.dep_ == "compound"]
            out += owners or [h]
        else:
            out.append(h)
    return out


def _through_instrument(subj: Token) -> list[Token]:
    """The actor behind a means used as subject: "an IED planted by X exploded" -> X; none if unnamed."""
    if lemma(subj) not in lexicon().words["instrument_nouns"]:
        return [subj]
    agents = _children(subj, "poss") + _pobjs(subj, ("by", "from"))
    for acl in _children(subj, "acl"):
        agents += [g for a in _children(acl, "agent") for g in _children(a, "pobj")]
    return agents


def _list_head(tok: Token) -> Token:
    """The noun whose place in the clause ``tok`` shares: the first noun of its list ("involved in
    abductions, killings …"), the noun it instances ("supervised operations, including bombings"),
    or the date the parse made its head ("organized the August 26, 2011 attack", parsed as an
    apposition of "August"). The parse hangs the governor and a participle on that noun only."""
    for _ in range(8):
        head = tok.head
        if head == tok:
            break
        listed = tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN")
        if listed or (tok.dep_ == "appos" and head.ent_type_ == "DATE" and tok.ent_type_ != "DATE"):
            tok = head
        elif tok.dep_ == "pobj" and head.lower_ in _INSTANCE_PREPS and head.head.pos_ == "NOUN":
            tok = head.head
        else:
            break
    return tok


_INSTANCE_PREPS = frozenset({"including", "like", "especially", "notably"})


def _governor(tok: Token) -> Token | None:
    """The verb a noun is an argument of (through one preposition): "involved in killing" -> involved;
    a noun in a list is governed as the list is ("involved in abductions, killings and torture")."""
    tok = _list_head(tok)
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    quantity = lexicon().words["quantity_nouns"]
    if head.pos_ == "NOUN" and (head.lower_ in quantity or lemma(head) in quantity) and tok.head.lower_ == "of":
        return _governor(head)  # "mounted a wave of raids": the verb governs the series
    if head.lower_ in lexicon().words["responsibility_nouns"] and head.dep_ in ("dobj", "attr"):
        head = head.head  # "took responsibility for the raid": the claimant is the governor's subject
    if head == tok or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    return head


def _noun_args(noun: Token, framed: Trigger | None = None) -> _Args:
    """Arguments of a nominal trigger: possessor/"by"/"from" is the source, "of"/"on"/"against" the
    target. ``framed`` is the trigger a pattern gave the noun, when the lexicon has none for it."""
    lex = lexicon()
    sources = _children(noun, "poss") + _pobjs(noun, ("by", "from"))
    trig = framed or lex.nouns.get(lemma(noun)) or lex.nouns.get(noun.lower_)
    partner = trig is not None and trig.type in lex.words["partner_types"]
    targets = _pobjs(noun, (*_TARGET_PREPS, "with") if partner else _TARGET_PREPS)  # "talks with X"
    assessment = lemma(noun) in lex.words["assessment_nouns"] and (trig is None or trig.type != "THREATEN")
    if assessment:  # "X's threat", "X remains a threat to Y": X is assessed; Y is only threatened
        targets, sources = _children(noun, "poss"), []
    elif (
        trig is not None
        and trig.type in lex.words["patient_possessor_types"]
        and (trig.type != "ASSAULT" or lemma(noun) in lex.words["patient_possessor_nouns"])
    ):
        targets, sources = targets + _children(noun, "poss"), _pobjs(noun, ("by", "from"))
    sources += [  # "the Front attack" (never "the January attack": a date is no doer)
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")
    ]
    if not targets:  # "the attack by X on Y": the parser often hangs "on Y" from X
        targets = [g for a in _pobjs(noun, ("by",)) for g in _pobjs(a, ("on", "against", "upon"))]
    if not sources:  # "an attack on a police post by X": the parser hangs "by X" from the post
        sources = [g for t in _pobjs(noun, ("on", "against", "upon")) for g in _pobjs(t, ("by",))]
    for acl in _children(_list_head(noun), "acl"):  # "an attack targeting Y": the participle names whom
        if acl.tag_ == "VBG" and (_trigger(acl) or (None, ""))[0] is not None:
            targets = targets or _children(acl, "dobj")
    for rel in _children(noun, "relcl"):
        subj = _children(rel, "nsubj")
        relative = subj and subj[0].lower_ in ("that", "which") and not relative_is_ambiguous(subj[0], noun)
        if relative and (_trigger(rel) or (None, ""))[0] is not None:
            targets = targets or _children(rel, "dobj")  # "a raid that hit the fuel depot"
        elif subj and lemma(rel) in lex.words["agentive_verbs"] and not _children(rel, "dobj"):
            sources = sources or subj  # "the raids the faction keeps mounting": the faction does them
    held = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for") else None
    if held is not None and held.pos_ == "NOUN" and lemma(held) in lex.words["responsibility_nouns"]:
        claimant = _children(held, "poss")  # "its claim of the attack": the claimant
        outer = held.head.head if held.dep_ == "pobj" and held.head.lower_ == "of" else None
        if not claimant and outer is not None and lemma(outer) in lex.words["responsibility_nouns"]:
            claimant = _children(outer, "poss")  # "X's claim of credit for the raid"
        if not [s for s in sources if s.dep_ not in ("compound", "amod", "nmod")]:
            sources = claimant + sources  # a name on the attack itself may be its place ("the Kabul attack")
    for acl in [a for c in _children(noun, "acl", "relcl") for a in (c, *c.conjuncts)]:
        # "the raid conducted by X", "approved by X and executed by Y": who did it
        if lemma(acl) in lex.words["agentive_verbs"]:
            sources = sources or [g for a in _children(acl, "agent") for g in _children(a, "pobj")]
    if noun.dep_ in ("nsubj", "nsubjpass") and not targets:
        # "two strikes struck three ISIL units", "the attacks killed 300 people": the verb says whom
        found = _trigger(noun.head) if noun.head.pos_ == "VERB" else None
        if found is not None and trig is not None and found[0].type == trig.type:
            targets = [t for d in _children(noun.head, "dobj") for t in (d, *_children(d, "conj"))]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("including", "like", "especially") and head.head.pos_ == "NOUN":
        # "a string of raids, among them the May 9 raid on X": the instance shares the attacker
        outer = head.head
        found = _trigger(outer)
        if found is not None and trig is not None and found[0].type == trig.type and outer != noun:
            sources = sources or _noun_args(outer).sources
    if not sources and trig is not None and trig.type not in lex.words["patient_possessor_types"] and not assessment:
        sources = _predicated(noun)
    if not sources and not assessment:
        sources = _role_holders(noun)
    gov = _governor(noun)
    if gov is not None and not sources and noun.dep_ == "pobj" and lemma(gov) in lex.words["blaming_verbs"]:
        sources = _children(gov, "dobj")  # "blamed X for the bombing", "credited X with the raid"
    if gov is not None:
        glemma = lemma(gov)
        subj = _subject(gov)
        if assessment and noun.dep_ in ("attr", "dobj", "acomp"):
            targets = targets or subj
            sources = sources or _speaker_heads(gov)
        elif glemma in lex.words["receiving_verbs"] and noun.dep_ == "dobj":
            targets = targets or subj
            sources = sources or _pobjs(gov, ("from",))
        elif glemma in lex.words["agentive_verbs"] or glemma in lex.words["issuing_verbs"]:
            sources = sources or subj
            targets = targets or [t for t in _pobjs(gov, ("on", "against", "upon", "to", "for")) if t != noun]
        elif not targets and trig is not None and trig.type in lex.words["state_types"]:
            targets = _held_one(noun, gov)
    return _Args(sources=sources, targets=targets)


def _predicated(noun: Token) -> list[Token]:
    """Whom a role noun is said of: "listed X as a supporter of Y", "X acted as a financier",
    "X is a donor to Y", "X, a supporter of Y": X plays the role, so X is the doer."""
    lex = lexicon()
    if lemma(noun) not in lex.words["actor_nouns"] and lemma(noun) not in lex.words["member_nouns"]:
        return []  # a happening in apposition ("the X bombing, the attack on …") renames the event
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        return _children(verb, "dobj", "nsubjpass") or _children(verb, "nsubj")
    if noun.dep_ == "attr" and lemma(head) in ("be", "become", "remain"):
        return _children(head, "nsubj")
    if noun.dep_ == "appos" and head.pos_ == "PROPN":
        return [head]
    return []


def _role_holders(noun: Token) -> list[Token]:
    """Who had a part in a happening named after a role noun: "his role in the attack", "X was the
    mastermind behind the bombings", "X played a central part in the raid", "X had leading roles in an
    attack". The role's possessor, the copula subject it is said of, or the subject of the verb
    whose object it is holds the role, so did the act."""
    roles = lexicon().words["role_nouns"]
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    holder = noun.head.head
    if holder.pos_ in ("VERB", "AUX"):  # "had leading roles in an attack": the prepositions hang on the verb
        return _subject(holder) if any(lemma(d) in roles for d in _children(holder, "dobj")) else []
    if holder.pos_ != "NOUN" or lemma(holder) not in roles:
        return []
    if _children(holder, "poss"):
        return _children(holder, "poss")
    if holder.dep_ == "attr" and lemma(holder.head) in ("be", "become", "remain"):
        return _children(holder.head, "nsubj")
    if holder.dep_ == "dobj" and holder.head.pos_ == "VERB":
        return _subject(holder.head)
    if holder.dep_ == "appos":
        return [holder.head]  # "X, the mastermind behind the attack"
    return []


def _perpetrators(heads: list[Token]) -> list[Token]:
    """Targets with a happening replaced by who did it: "condemned the attack by X" is aimed at X,
    not at the attack; a happening with no named doer leaves no target."""
    out: list[Token] = []
    for head in heads:
        out.extend(_noun_args(head).sources if head.pos_ == "NOUN" and _trigger(head) is not None else [head])
    return out


def _held_one(noun: Token, gov: Token) -> list[Token]:
    """Who is put in the state a noun names: "ordered X held in detention", "was taken into custody"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in lexicon().words["state_preps"]:
        return []
    held = _children(gov, "dobj", "nsubjpass")
    if not held and gov.tag_ == "VBN" and not _children(gov, "aux"):
        # a small clause: "ordered X held in detention", parsed with X as subject or as the noun held modifies
        held = _children(gov, "nsubj") or ([gov.head] if gov.dep_ == "acl" else [])
    return held


def _subject(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of a verb, climbing conj/xcomp/ccomp-less control chains when it has none."""
    subj = _children(verb, "nsubj", "nsubjpass")
    if subj or depth > 3 or verb.head == verb:
        return subj
    if verb.dep_ in ("xcomp", "conj", "advcl") or (verb.dep_ == "acomp" and verb.head.pos_ in ("AUX", "VERB")):
        return _subject(verb.head, depth + 1)  # "X was responsible for the bombing": X
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "X is suspected of planning the raid": the passive subject of the governing verb acts;
        # "accused X of planning the raid": its object does
        held = _children(verb.head.head, "dobj") if verb.head.lower_ in _CONTROL_PREPS else []
        return held or _subject(verb.head.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.dep_ == "acomp":
        return _subject(verb.head.head, depth + 1)  # "X, responsible for directing raids": X
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and any(c.lower_ == "to" for c in _children(verb, "aux")):
        # "the group's bid to storm a jail", "an attempt by X to seize": whose bid it is acts
        return _children(verb.head, "poss") + _pobjs(verb.head, ("by",))
    return []


def _speaker_heads(verb: Token) -> list[Token]:
    """Who is said to assess: subject of a speech verb governing or parenthetical to the clause."""
    speech = lexicon().words["speech_verbs"]
    root = verb
    while root.head != root and root.dep_ not in ("ccomp", "parataxis"):
        root = root.head
    candidates = [c for c in verb.children if c.dep_ == "parataxis"]
    if root.dep_ == "ccomp":
        candidates.append(root.head)
    candidates += [c for c in root.head.children if c.dep_ == "parataxis"] if root.head != root else []
    for cand in candidates:
        if lemma(cand) in speech:
            return _children(cand, "nsubj")
    return []


def _speakers(tok: Token, index: MentionIndex) -> set[int]:
    """Mention groups of whoever reports the trigger's clause: the subject of a governing or
    parenthetical speech verb, and its owner ("the group's newsletter said")."""
    out: set[int] = set()
    for head in _speaker_heads(tok):
        for t in (head, *_children(head, "poss")):
            actor = resolve(t, index)
            if actor is not None and actor.group >= 0:
                out.add(actor.group)
    return out


def _compound_args(tok: Token) -> _Args:
    """ "Iran-backed outfit": the word before the hyphen is the source, the modified noun the target."""
    sources = _children(tok, "npadvmod", "compound", "nmod")
    if not sources and _is_hyphen_compound(tok):
        sources = [tok.doc[tok.i - 2]]
    return _Args(sources=sources, targets=[tok.head])


def _speech_accusation(tok: Token) -> _Args | None:
    """ "X told the Senate that the Zainabiyoun were … terrorist activities": an ACCUSE by X."""
    lex = lexicon()
    if tok.pos_ != "VERB" or lemma(tok) not in lex.words["speech_verbs"]:
        return None
    for clause in _children(tok, "ccomp"):
        words = {lemma(t) for t in clause.subtree} | {t.lower_ for t in clause.subtree}
        if not words & lex.words["accusation_cues"]:
            continue
        subj = _children(clause, "nsubj", "nsubjpass")
        if subj and _children(tok, "nsubj"):
            return _Args(sources=_children(tok, "nsubj"), targets=subj)
    return None


# --- qualifiers ----------------------------------------------------------------------------


def _negated(tok: Token) -> bool:
    lex = lexicon()
    for t in (tok, tok.head if tok.dep_ in ("xcomp", "dobj", "pobj") else None):
        if t is None:
            continue
        if any(c.dep_ in ("neg", "advmod", "det") and c.lower_ in lex.words["negators"] for c in t.children):
            return True
        if t != tok and lemma(t) in lex.words["negating_heads"]:
            return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _hedged(tok: Token, args: _Args) -> bool:
    lex = lexicon()
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in lex.words["hedge_aux"]:
            return True
        if c.dep_ == "advmod" and c.lower_ in lex.words["hedge_adverbs"]:
            return True
    cur, steps = tok, 0
    while cur.head != cur and steps < 2 and cur.dep_ in ("xcomp", "ccomp", "acomp", "dobj", "pobj", "prep"):
        cur = cur.head
        steps += 1
        if lemma(cur) in lex.words["hedge_heads"] and lemma(cur) not in lex.words["speech_verbs"]:
            return True
    for arg in args.targets + args.sources:
        if any(c.lower_ in lex.words["hedge_modifiers"] for c in arg.children):
            return True
    return False


def _reaches(tok: Token, trigger: Token, through: frozenset[str] = frozenset()) -> bool:
    """Whether ``tok`` hangs off ``trigger`` without crossing another clause (relative, complement…)."""
    cur = tok
    for _ in range(12):
        if cur == trigger:
            return True
        if cur.head == cur:
            return False
        if cur != tok and cur.pos_ in ("VERB", "AUX") and cur.dep_ not in through:
            return False
        cur = cur.head
    return False


def _anchor_verbs(tok: Token, kind: str) -> list[Token]:
    """Tokens whose dependents may carry the trigger's date/place: itself, its governor, its conj head."""
    out = [tok]
    if kind == "noun":
        # "the raid authorized by X and carried out last night in Y": its participles tell when and
        # where, before the verb it is an argument of ("On Friday officials praised the raid …")
        participles = [c for c in tok.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")]
        out += participles + [c for p in participles for c in p.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        gov = _governor(tok)
        if gov is not None:
            out.append(gov)
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        out.append(tok.head)
    if tok.dep_ in ("advcl", "xcomp") and tok.head.pos_ == "VERB" and any(c.lower_ == "to" for c in tok.children):
        out.append(tok.head)  # a purpose clause happens when its verb does: "travelled in May to meet X"
    return out


def _paragraph_bounds(text: str, pos: int, breaks: str) -> tuple[int, int]:
    """Character bounds of the paragraph holding ``pos``; ``breaks`` is what ends a paragraph
    ("\n\n" in hard-wrapped text, "\n" where each paragraph is one line)."""
    lo = text.rfind(breaks, 0, pos)
    lo = 0 if lo < 0 else lo + len(breaks)
    hi = text.find(breaks, pos)
    return lo, len(text) if hi < 0 else hi


_DURING = frozenset({"during", "amid", "throughout", "amidst"})


def _dates_another_trigger(span: Span, tok: Token) -> bool:
    """Whether a date hangs off a trigger of another type in the sentence ("stands with X after Y's
    May 3 attack"); a date on "the attack" still dates "the attack killed 20"."""
    cur = span.root
    for _ in range(3):
        if cur.head == cur:
            return False
        cur = cur.head
        if cur == tok:
            return False
        other = _trigger(cur) if cur.pos_ in ("NOUN", "VERB") else None
        if other is not None and cur.dep_ == "pobj" and cur.head.lower_ in _DURING:
            return False  # "during the early 2018 riots, the militia opened fire": the clause happens then too
        if other is not None:
            mine = _trigger(tok)
            return mine is None or other[0].type != mine[0].type  # "the attack that killed": one happening
    return False


_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})


def _present_now(tok: Token, announced: bool) -> bool:
    """Whether a verb says what happens as the text is written: the simple present ("Ruritania
    deplores …"), the present progressive ("the Department is designating X", "are being
    designated"), and for announced types the present perfect and the present passive ("has
    designated X", "X is designated for …": in a release, the act the release announces)."""
    auxes = _children(tok, "aux", "auxpass")
    if tok.tag_ in ("VBZ", "VBP"):
        return not auxes
    finite = auxes[0].lower_ if auxes else ""
    if tok.tag_ == "VBG":  # "is designating", "are imposing"
        return finite in _PRESENT_BE
    if tok.tag_ != "VBN" or not announced:
        return False
    if finite in ("has", "have"):
        return True
    being = any(a.lower_ == "being" for a in auxes)  # "is being designated"
    return finite in _PRESENT_BE and (being or any(a.dep_ == "auxpass" for a in auxes))


def _statement_date(tok: Token, trig: Trigger, article: Article) -> DateInterval | None:
    """The publication date, said as such, for a statement in the present tense (see
    :func:`_present_now`): it happens as the text is published. A nominal trigger takes the tense
    of the verb it is the object of ("Ruritania now imposes its own sanctions on X").
    Anything else without a date in reach has none."""
    if article.published is None:
        return None
    verb = tok if tok.pos_ == "VERB" else (tok.head if tok.dep_ == "dobj" else None)
    if verb is None or verb.pos_ != "VERB":
        return None
    if not _present_now(verb, trig.type in lexicon().words["announced_types"]):
        return None
    return DateInterval(
        text="(publication date)",
        start=article.published,
        end=article.published,
        precision="day",
        note="publication date: the statement is in the present tense",
    )


_NP_OPENERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def _premodifies(span: Span, noun: Token) -> bool:
    """Whether a date is written inside the noun's own phrase, before it: "the March 3, 2017 raid",
    "a January 2016 raid", "the early 2018 riots", "a 2015 rebel offensive". The parser
    often hangs such a date elsewhere (the noun as its apposition), so the words decide: a
    determiner opens the phrase, then the date, then at most three modifiers of the noun."""
    doc = noun.doc
    if not 0 <= noun.i - span.end <= 3 or span.start == 0:
        return False
    opener = span[0] if span[0].lower_ in _NP_OPENERS else doc[span.start - 1]
    if opener.lower_ not in _NP_OPENERS:
        return False
    gap = doc[span.end : noun.i]
    return all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT") and t.dep_ != "punct" or t.text == "-" for t in gap)


_GROUND_PATH = frozenset({"pobj", "pcomp", "dobj", "conj", "prep", "xcomp", "acl", "amod", "compound"})


def _clause_verb(prep: Token) -> Token | None:
    """The verb or measure noun a preposition belongs to, through the words a release puts between
    ("listed X as a terrorist under Decree 4 for …"): the nearest verb or noun above it."""
    cur = prep.head
    for _ in range(4):
        if cur.pos_ == "VERB" or cur.pos_ == "NOUN" and cur.dep_ != "pobj":
            return cur
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _measure_ground(tok: Token) -> bool:
    """Whether a trigger is the ground of a measure ("designated on May 2 for providing support to
    X", "imposed sanctions today for their support to attacks"): the act it is taken for happened
    before it, so the measure's date is not the ground's."""
    measures = lexicon().words["measure_types"]
    cur = tok
    for _ in range(6):
        if cur.head == cur or cur.dep_ not in _GROUND_PATH:
            break
        if cur.lower_ == "for" and cur.dep_ == "prep":
            head = _clause_verb(cur) or cur.head
            # the measure is the head, or the noun a light verb takes ("imposed sanctions on X for …")
            heads = [head, *(_children(head, "dobj") if head.pos_ == "VERB" else [])]
            found = [_trigger(h) for h in heads if h.pos_ in ("VERB", "NOUN")]
            return any(f is not None and f[0].type in measures for f in found)
        cur = cur.head
    return _after_measure_for(tok, measures)


def _date_for(
    tok: Token, kind: str, dated: list[tuple[Span, DateInterval]], para: tuple[int, int]
) -> DateInterval | None:
    """The trigger's own date; else the one date of its sentence; else the paragraph's last date before it.

    Only dates of the trigger's paragraph count (a page header is not the event's date), and the
    publication date is never taken in silence: with no date in reach the event has none.
    """
    sent = tok.sent
    lo, hi = para
    usable = [(span, iv) for span, iv in dated if lo <= span.start_char < hi]
    local = [(span, iv) for span, iv in usable if sent.start <= span.root.i < sent.end]
    if kind == "noun":
        for span, interval in local:
            if _premodifies(span, tok):
                return _as_period(tok, interval)
    in_sentence = bool(local)
    local = [(span, iv) for span, iv in local if not _dates_another_trigger(span, tok)]
    ground = _measure_ground(tok)
    for anchor in [tok] if ground else _anchor_verbs(tok, kind):
        for span, interval in local:
            if _reaches(span.root, anchor):
                return _as_period(tok, interval)  # an unanchored date stays: it says the date is not known
    if ground:
        return None  # the ground of a measure: only a date of its own words dates it
    usable = [(span, iv) for span, iv in usable if iv.start is not None]
    local = [(span, iv) for span, iv in local if iv.start is not None]
    if len(local) == 1:
        return _as_period(tok, local[0][1])
    if local:
        return None  # several dates in the sentence and none attached: not ours to pick
    if in_sentence:
        return None  # the sentence's dates belong to its other happenings: an earlier one is further still
    before = [iv for span, iv in usable if span.start_char < sent.start_char]
    if not before or not told_in_past(tok):
        return None  # "X is accused of …", "has pledged …": a present state is not dated by an earlier past
    note = f"date of an earlier sentence of the paragraph ({before[-1].text}); this sentence gives none"
    return replace(before[-1], note=note)


def _coordinated_dates(
    tok: Token, kind: str, first: DateInterval | None, dated: list[tuple[Span, DateInterval]], para: tuple[int, int]
) -> list[DateInterval]:
    """The further dates of one verb told as coordinated happenings ("listed X as a rebel group in
    May 1994, and as a terrorist group in June 2003", "in May 2014 and June 2019,
    respectively"): dates hanging off the trigger itself, a later one joined to an earlier by "and"
    (a conjunct on the way up). Each is a happening of its own; the first is ``first``."""
    if kind != "verb" or first is None or first.start is None or first.note is not None:
        return []
    sent = tok.sent
    lo, hi = para
    mine = [
        (span, iv)
        for span, iv in dated
        if lo <= span.start_char < hi and sent.start <= span.root.i < sent.end and iv.start is not None
        if iv.note is None and _reaches(span.root, tok)
    ]
    if len(mine) < 2 or (mine[0][1].start, mine[0][1].end) != (first.start, first.end):
        return []
    out = []
    for span, iv in mine[1:]:
        path = [span.root, *span.root.ancestors]
        path = path[: path.index(tok)] if tok in path else []
        if any(t.dep_ == "conj" for t in path) and (iv.start, iv.end) != (first.start, first.end):
            out.append(iv)
    return out


def _as_period(tok: Token, interval: DateInterval) -> DateInterval:
    """A plural happening ("attacks", "strikes") dated by a stretch of time longer than a day
    ("since 2019", "the last several weeks") is many events over a period: the interval is
    kept, with a note that it is no single event's date."""
    if tok.tag_ != "NNS" or interval.start is None or interval.end is None or interval.note is not None:
        return interval
    if interval.end <= interval.start:
        return interval
    return replace(interval, note=f"a period ({interval.text}) over which several events happened, not one's date")


def _place_prep(t: Token) -> Token | None:
    """The place preposition a place name hangs from, climbing "the megapolis of Karachi", a
    renaming ("the capital, Eastport"), a kind of place ("the Eastmark region") and a direction
    ("65 kilometers southwest of Eastport", whose "of" locates like "near")."""
    up = _place_site(t)
    directions = lexicon().words["direction_words"]
    for _ in range(4):
        if up.dep_ != "pobj":
            return None
        prep = up.head
        if prep.lower_ in _PLACE_PREPS:
            return prep
        if prep.lower_ != "of":
            return None
        if prep.head.lower_ in directions or prep.head.lower_ == "out":  # "drove them out of X"
            return prep
        up = prep.head
    return None


def _place_site(t: Token) -> Token:
    """The noun whose phrase locates a place name: the name itself, the noun it renames ("the
    capital, Eastport") or the kind of place it names ("the Eastmark region", "Eastport district")."""
    kinds = lexicon().words["place_nouns"]
    if t.dep_ == "appos" and t.head.pos_ in ("NOUN", "PROPN"):
        return t.head
    if t.dep_ == "compound" and t.head.pos_ == "NOUN" and lemma(t.head) in kinds:
        return t.head
    first = t.left_edge.i
    if first >= 2 and t.doc[first - 1].text == "," and t.doc[first - 2].pos_ == "NOUN":
        kind = t.doc[first - 2]  # "the capital, Bangui" however the parser hung the name
        if lemma(kind) in kinds and t.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return kind
    return t


def _place_name(t: Token, index: MentionIndex, actors: set[int]) -> str | None:
    """The place a token names, if any: a Country/Location mention standing as a place phrase's
    object, as a renaming or compounded with a kind of place ("the Eastmark region"); a compound
    elsewhere ("U.S. forces", the first word of "Middle Eastmark") names no place by itself."""
    m = index.at(t)
    if t.i in actors or m is None or m.label not in PLACE_LABELS:
        return None
    if t.dep_ == "compound" and _place_site(t) is t:
        return None
    return m.canonical or m.text


def _place_in(
    tokens: Span | list[Token], index: MentionIndex, actors: set[int], near: int, landmarks: bool = True
) -> str | None:
    """The place phrase ("in X", "near X") of these tokens nearest to token ``near``, outside speech
    verbs; ``landmarks=False`` leaves out places named only as a reference ("southeast of X")."""
    speech = lexicon().words["speech_verbs"]
    directions = lexicon().words["direction_words"]
    best: tuple[bool, int, str] | None = None
    for t in tokens:
        name = _place_name(t, index, actors)
        if name is None:
            continue
        prep = _place_prep(t)
        if prep is None and not _after_place_word(t, index):
            continue
        if prep is not None and (lemma(prep.head) in speech or (not landmarks and prep.head.lower_ in directions)):
            continue
        # "Ceel-Baraf, Somalia": the town its country renames is the more specific place
        key = (not _has_country_appos(t, index), abs(t.i - near), name)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def _has_country_appos(t: Token, index: MentionIndex) -> bool:
    """Whether a place name is followed by the larger place it lies in ("Eastport, Ruritania")."""
    for c in t.children:
        m = index.at(c) if c.dep_ == "appos" else None
        if m is not None and m.label in PLACE_LABELS:
            return True
    return False


def _after_place_word(t: Token, index: MentionIndex) -> bool:
    """Whether the place name ``t`` belongs to follows "in"/"near"/… in the text, however it was
    parsed ("*  Near Kandar, two strikes …" at a line start is tagged as a name)."""
    m = index.at(t)
    i = t.i
    while i > 0 and index.at(t.doc[i - 1]) is m:
        i -= 1
    return i > 0 and t.doc[i - 1].lower_ in _PLACE_PREPS


def _place_fallback(tok: Token, index: MentionIndex, actors: set[int], para: tuple[int, int]) -> str | None:
    """A place phrase elsewhere in the sentence, else the last one earlier in the paragraph."""
    found = _place_in(tok.sent, index, actors, tok.i)
    if found is not None:
        return found
    doc, lo = tok.doc, para[0]
    i = tok.sent.start
    while i > 0 and doc[i - 1].idx >= lo:  # back to the paragraph start only: O(paragraph), not O(doc)
        i -= 1
    return _place_in(doc[i : tok.sent.start], index, actors, tok.sent.start) if i < tok.sent.start else None


def _place_for(tok: Token, kind: str, index: MentionIndex, actors: set[int]) -> str | None:
    """A Country/Location mention in a place phrase attached to the trigger (or its purpose clause)."""
    anchors = [a for a in _anchor_verbs(tok, kind) if not (a != tok and tok.dep_ == "conj")]
    anchors += [c for a in anchors for c in a.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
    anchor_ids = {a.i for a in anchors}
    directions = lexicon().words["direction_words"]
    reference: str | None = None
    for t in tok.children:  # "the Eastport truck bombing": a place naming the happening itself
        m = index.at(t)
        if t.dep_ in ("compound", "nmod") and m is not None and m.label in PLACE_LABELS and t.i not in actors:
            return m.canonical or m.text
    for t in tok.sent:
        name = _place_name(t, index, actors)
        prep = _place_prep(t) if name is not None else None
        if prep is None:
            continue
        head = prep.head
        if head.lower_ in directions:  # "30 km southeast of X": X is a landmark, not where it was
            if head.head.i in anchor_ids and reference is None:
                reference = name
            continue
        if head.i in anchor_ids or (
            head.dep_ in ("dobj", "pobj", "attr") and head.i not in actors and head.head.i in anchor_ids
        ):
            return name
    if reference is None:
        return None
    # a place named outright in the sentence ("the base in Busayrah, 30 km southeast of X") is nearer the truth
    return _place_in(tok.sent, index, actors, tok.i, landmarks=False) or reference


# --- assembly ------------------------------------------------------------------------------


def _spells_out_sanction(tok: Token, trig: Trigger) -> bool:
    """Whether ``tok`` is a participle clause detailing the sanction of its head clause."""
    if trig.type not in lexicon().words["measure_types"] or tok.dep_ not in ("advcl", "conj") or tok.tag_ != "VBG":
        return False
    head = tok.head
    while head.dep_ in ("advcl", "conj") and head.tag_ == "VBG" and head.head != head:
        head = head.head  # "…, blocking its accounts and barring its officers": both under the sanction
    for cand in (head, *_children(head, "dobj")):
        found = _trigger(cand)
        if found is not None and found[0].type == "SANCTION":
            return True
    return False


def _thing_subject(verb: Token) -> bool:
    """Whether a verb's subject is a happening or a means ("attacks", "the blast"), not an actor."""
    lex = lexicon()
    for subj in _subject(verb):  # through coordination: "attacks have harmed … and threaten …"
        lem = lemma(subj)
        if subj.dep_ == "nsubj" and (lem in lex.words["instrument_nouns"] or lem in lex.nouns):
            return True
    return False


def _pattern_kind(tok: Token) -> str:
    return "noun" if tok.pos_ in ("NOUN", "PROPN", "NUM") else "verb"


def _candidates(doc: Doc) -> Iterator[tuple[Token, Trigger, str, _Args]]:
    framed = pattern_triggers(doc)
    for tok in doc:
        accusation = _speech_accusation(tok)
        if accusation is not None:
            yield tok, Trigger("ACCUSE", "statement"), "verb", accusation
            continue
        found = (framed[tok.i][0], _pattern_kind(tok)) if tok.i in framed else _trigger(tok)
        if found is None:
            continue
        trig, kind = found
        if kind == "verb" and _spells_out_sanction(tok, trig):
            continue
        if kind != "compound" and (_in_law_or_generic(tok) or _legal_ground(tok)):
            continue  # what a law covers, what anyone does, a statute's alternatives: no event
        if kind == "verb" and trig.type in lexicon().words["actor_subject_types"] and _thing_subject(tok):
            continue  # "repeated attacks threaten civilians": endangering, not an actor's threat
        if kind == "compound":
            args = _compound_args(tok)
        elif kind == "noun":
            args = _noun_args(tok, trig)
            if not args.targets and _institution(tok, trig):
                continue  # "the power of OFAC sanctions derives from …": sanctions as such, no act
        else:
            args = _verb_args(tok)
            if not args.sources and lemma(tok) in lexicon().frames:
                # "was placed on the US Treasury sanctions list": the list's owner is the source
                args.sources = [
                    c
                    for p in _children(tok, "prep")
                    for g in _children(p, "pobj")
                    for left in g.lefts
                    for c in left.subtree
                    if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN" and c.head.pos_ != "PROPN"
                ]
        yield tok, trig, kind, args


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


def _identities(doc: Doc, index: MentionIndex) -> dict[int, Actor]:
    """Unnamed people later identified: "… arrested a number of militants. Police said they were
    Zainabiyoun Brigade members." maps "militants" to the Zainabiyoun Brigade."""
    lex = lexicon()
    out: dict[int, Actor] = {}
    for be in doc:
        if lemma(be) != "be":
            continue
        subj = [c for c in be.children if c.dep_ == "nsubj" and c.lower_ in ("they", "these", "those")]
        attr = [c for c in be.children if c.dep_ == "attr"]
        if not subj or not attr:
            continue
        actor = resolve(attr[0], index)
        if actor is None or actor.group < 0:
            continue
        start = be.sent.start
        if start > 0:
            start = doc[start - 1].sent.start
        speakers = {c.i for a in be.ancestors for c in a.children if c.dep_ == "nsubj"}  # "Police said they…"
        for cand in reversed(doc[start : subj[0].i]):
            known = lemma(cand) in lex.words["actor_nouns"] or lemma(cand) in lex.words["member_nouns"]
            if cand.tag_ == "NNS" and known and index.at(cand) is None and cand.i not in speakers:
                out[cand.i] = actor
                if cand.dep_ == "pobj" and cand.head.lower_ == "of":
                    out[cand.head.head.i] = actor  # "a number of militants": the argument head is "number"
                break
    return out


_BREAK = re.compile(r"\n\s*\n")
_EDGE = ' \t\r\n"“”„«»'


def evidence_bounds(text: str, start: int, end: int, pos: int) -> tuple[str, int, int]:
    """``text[start:end]`` cut to the paragraph holding ``pos`` and trimmed of spaces and stray
    quotation marks (the parser sometimes glues the previous paragraph's closing mark on)."""
    for brk in _BREAK.finditer(text, start, end):
        if brk.end() <= pos:
            start = brk.end()
        elif brk.start() >= pos:
            end = brk.start()
            break
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    if text[start:end].count("”") > text[start:end].count("“") and text[end - 1 : end] in ("”", '"'):
        end -= 1  # an unmatched closing mark at the end
        while end > start and text[end - 1].isspace():
            end -= 1
    return text[start:end], start, end


def _sentence_bounds(text: str, sent: Span, pos: int) -> tuple[str, int, int]:
    """``text`` is ``doc.text`` passed in: spaCy rebuilds ``Doc.text`` from every token on each access."""
    return evidence_bounds(text, sent.start_char, sent.end_char, pos)


def _actors(
    heads: list[Token], index: MentionIndex, para: tuple[int, int], things: frozenset[int] | set[int] = frozenset()
) -> list[tuple[Actor, Token]]:
    """Resolved actors, without places (a town never acts, and "in Iraq" is where, not who) and
    without words of another paragraph that a parse ran into ("Dana Orlov, Spokesperson" above a
    statement is its byline, not the subject of its first sentence)."""
    inside = [h for h in heads if para[0] <= h.idx < para[1]]
    for h in heads:
        if not para[0] <= h.idx < para[1]:  # the parse ran a byline into the sentence: its actor is
            inside += [t for t in h.subtree if para[0] <= t.idx < para[1] and index.at(t) is not None][:1]
    out = []
    for actor, t in resolve_all(inside, index, things):
        if actor.label == "Location" or (actor.label in PLACE_LABELS and _place_prep(t) is not None):
            continue
        if actor.group < 0 and actor.text.split(" ", 1)[0].lower() in _PLACE_PREPS:
            continue  # "Near Eastport, two strikes …" tagged as a name: a where, never a who
        out.append((actor, t))
    return out


def _unresolved(heads: list[Token], index: MentionIndex) -> bool:
    """Whether the parse gave a trigger a proper-noun doer that is no known name ("IS strikes" with
    "IS" unknown): the text says who acted, so the trigger must not borrow another's doer. A name
    set aside as a place (a list item "Outside X, a raid hit …" parsed with the town as subject), a third-person
    pronoun or a common noun ("the raid that hit …") does not count; "I", "we" and "you" name the speaker or
    the addressee even when nobody in the text is resolved to them ("I authorized a strike")."""
    return any(index.at(h) is None and (h.pos_ == "PROPN" or h.lower_ in _PERSONAL) for h in heads)


_PERSONAL = frozenset({"i", "we", "you", "me", "us"})


def _claimants(doc: Doc, index: MentionIndex, breaks: str) -> list[tuple[tuple[int, int], Actor]]:
    """Who claims responsibility, and in which paragraph: "The Kestrel Front claimed responsibility."
    Only named groups (a mention) count; "nobody has claimed responsibility" names nobody."""
    lex = lexicon()
    out: list[tuple[tuple[int, int], Actor]] = []
    for tok in doc:
        if tok.dep_ != "dobj" or lemma(tok) not in lex.words["responsibility_nouns"]:
            continue
        verb = tok.head
        if lemma(verb) not in lex.words["claiming_verbs"] or _negated(verb):
            continue
        para = _paragraph_bounds(doc.text, tok.idx, breaks)
        out += [(para, actor) for actor, _t in _actors(_subject(verb), index, para) if actor.group >= 0]
    return out


def _claimed(tok: Token, claims: list[tuple[tuple[int, int], Actor]]) -> bool:
    """Whether the trigger's paragraph credits a claimant (:func:`_attribute_claims` then decides)."""
    return any(lo <= tok.idx < hi for (lo, hi), _a in claims)


def _attribute_claims(events: list[Event], claims: list[tuple[tuple[int, int], Actor]]) -> list[Event]:
    """Attacks of a paragraph with no named doer take the group that claimed them in that paragraph
    ("Two bombs exploded … The Kestrel Front claimed responsibility."). The doer then rests on the
    group's own word, so the event is a claim, not a fact."""
    assault = lexicon().words["claimable_types"]
    out = []
    for ev in events:
        found = [a for (lo, hi), a in claims if lo <= ev.start < hi] if ev.source is None else []
        if found and ev.type in assault and found[0].group != ev.target_group:
            ev = replace(ev, source=found[0].text, source_group=found[0].group, modality="claimed")
        out.append(ev)
    return out


def _modifier_doers(tok: Token, trig: Trigger, found: list[tuple[Actor, Token]]) -> list[tuple[Actor, Token]]:
    """Doers of a violent act named by a name modifying it, kept only when the name can act by
    force: "the Front attack" is the Front's, but "the Northwind Club bombing" (an association, a
    firm, a site) names what was hit, and a doer read into it would be a false attribution. An
    unknown name there is left undecided (no doer) for the same reason."""
    if trig.type not in lexicon().words["thing_target_types"]:
        return found
    hit = lexicon().words["patient_modifier_labels"]
    return [
        (a, t)
        for a, t in found
        if not (t.head == tok and t.dep_ in ("compound", "nmod") and (a.label in hit or a.group < 0))
    ]


def _shared_sources(
    cands: list[tuple[Token, Trigger, str, _Args, tuple[int, int]]],
    own: list[list[tuple[Actor, Token]]],
    index: MentionIndex,
    claims: list[tuple[tuple[int, int], Actor]],
    breaks: str,
) -> dict[int, Actor]:
    """Doers that triggers naming none share with another event mention (see :mod:`events_coref`);
    a paragraph whose attack is claimed keeps the claimant instead (:func:`_attribute_claims`)."""
    text = index.doc.text
    mentioned = [
        Mentioned(tok, trig.type, kind, bool(found) or _unresolved(args.sources, index), [a for a, _t in found])
        for (tok, trig, kind, args, _para), found in zip(cands, own, strict=True)
    ]
    return link_sources(
        mentioned,
        lambda heads: [a for h in heads for a, _t in _actors([h], index, _paragraph_bounds(text, h.idx, breaks))],
        lambda tok: any(lo <= tok.idx < hi for (lo, hi), _a in claims),
    )


def extract_events(doc: Doc, mentions: list[Mention], article: Article, choose_doers: bool = True) -> list[Event]:
    """Events of one article with actors resolved to mention groups.

    A trigger whose arguments and linked mentions name no doer gets the learned chooser's doer
    (:mod:`events_chooser`) when it is sure enough; ``choose_doers=False`` gives the rules alone
    (the chooser's training script compares against them).

    Events with neither a source nor a target are dropped (they link nothing) unless their type
    is a happening in its own right (``standalone_types``: an attack by unnamed gunmen) with a
    place or a date, as are
    events whose source and target are the same actor.
    """
    index = MentionIndex(doc, mentions)
    dated = date_spans(doc, article.published)
    identified = _identities(doc, index)
    events: list[Event] = []
    seen: dict[tuple, list[tuple | None]] = {}
    text = doc.text  # once: Doc.text joins all tokens on every access
    standalone = lexicon().words["standalone_types"]
    breaks = "\n\n" if "\n\n" in text else "\n"
    lead = Lead(dateline=dateline(text))
    claims = _claimants(doc, index, breaks)
    cands = [(*c, _paragraph_bounds(text, c[0].idx, breaks)) for c in _candidates(doc)]
    own = [
        _modifier_doers(c[0], c[1], [(identified.get(t.i, a), t) for a, t in _actors(c[3].sources, index, c[4])])
        for c in cands
    ]
    shared = _shared_sources(cands, own, index, claims, breaks)
    measures = [(c[0], c[1].type, [a for a, _t in f]) for c, f in zip(cands, own, strict=True)]
    shared |= release_sources(measures, shared)
    shared |= statutory_sources(measures, shared)
    for (tok, trig, kind, args, para), found in zip(cands, own, strict=True):
        things = {h.i for h in args.targets} if trig.type in lexicon().words["thing_target_types"] else set()
        targets = [(identified.get(t.i, a), t) for a, t in _actors(_perpetrators(args.targets), index, para, things)]
        sources = found or ([(shared[tok.i], None)] if tok.i in shared else [])
        exists = bool(targets) or trig.type in standalone  # a fill never makes an event the rules would drop
        if not sources and exists and choose_doers and not args.sources and not _claimed(tok, claims):
            chosen = choose(tok, trig.type, kind, index, {a.group for a, _t in targets if a.group >= 0})
            sources = [(chosen, None)] if chosen is not None else []
        sources = sources or [(None, None)]
        if trig.subtype == "statement":  # a reported accusation must name whom it accuses
            accusable = lexicon().words["accusable_labels"]
            targets = [(a, t) for a, t in targets if a.group >= 0 and a.label in accusable]
            if not targets:
                continue
        targets = targets or [(None, None)]
        actor_tokens = {t.i for _a, t in sources + targets if t is not None}
        sentence, start, end = _sentence_bounds(text, tok.sent, tok.idx)
        date = _date_for(tok, kind, dated, para) or _statement_date(tok, trig, article)
        place = _place_for(tok, kind, index, actor_tokens) or _place_fallback(tok, index, actor_tokens, para)
        own_act = trig.type in lexicon().words["issued_types"] and performed(tok)
        date, place = lead.see(tok, trig.type, date, place, own_act=own_act)
        mode = modality(tok, climb=kind != "compound", act=trig.type == "THREATEN")
        negated, hedged = mode == "negated" or _negated(tok), _hedged(tok, args)
        if negated and mode == "asserted":
            mode = "negated"
        speakers = _speakers(tok, index) if mode == "asserted" and kind != "compound" else set()
        # "listed X as a rebel group in 1994, and as a terrorist group in 2003": one verb, two happenings
        told = [date, *_coordinated_dates(tok, kind, date, dated, para)]
        pairs = [(t, d) for t in targets for d in told]
        if len(told) == len(targets) > 1 and any(t.lower_ == "respectively" for t in tok.sent):
            pairs = list(zip(targets, told, strict=True))  # "listed X and Y in 2014 and 2019, respectively"
        for (src, _st), (tgt, _tt), date in ((s, t, d) for s in sources for t, d in pairs):
            if src is None and tgt is None and (trig.type not in standalone or (place is None and date is None)):
                continue  # an actorless happening needs a where or a when to be worth a line
            if src is not None and tgt is not None and (src.text == tgt.text or 0 <= src.group == tgt.group):
                continue
            key = (start, trig.type, src.text if src else None, tgt.text if tgt else None)
            when = (date.start, date.end) if date is not None and date.start is not None else None
            if key in seen and any(w is None or when is None or w == when for w in seen[key]):
                continue  # one happening told twice; two dates in one sentence are two happenings
            seen.setdefault(key, []).append(when)
            events.append(
                Event(
                    type=trig.type,
                    subtype=trig.subtype,
                    trigger=tok.text,
                    sentence=sentence,
                    start=start,
                    end=end,
                    source=src.text if src else None,
                    target=tgt.text if tgt else None,
                    source_group=src.group if src else -1,
                    target_group=tgt.group if tgt else -1,
                    place=place,
                    date=date,
                    negated=negated,
                    hedged=hedged,
                    # "the group's newsletter said its soldiers attacked …": the doer's own word is a claim
                    modality="claimed" if src is not None and src.group >= 0 and src.group in speakers else mode,
                )
            )
    return _attribute_claims(events, claims) if claims else events
