"""Argument heads of a trigger: who did it (sources) and to whom (targets), read off the parse.

Voice is taken into account (a passive agent is the source), subjects are inherited through
coordination and control ("were recruited … and trained", "sent young Pakistanis to fight"), a
nominal trigger takes its possessor, "by"/"from" and "of"/"on"/"against" phrases, and a
participle or relative clause may name either side. The heads are tokens; :mod:`events_actors`
turns them into actors. Also here: which words' dependents may carry the trigger's date and
place (:func:`anchor_verbs`), since that follows the same governor chains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import MentionIndex, resolve
from threatgraph.extract.events_coref import relative_is_ambiguous
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import Trigger, lexicon
from threatgraph.extract.events_syntax import children, is_hyphen_compound, parallel_patient, prep_objects
from threatgraph.extract.events_triggers import helped_ones, trigger_of

if TYPE_CHECKING:
    from spacy.tokens import Token


_TARGET_PREPS = ("against", "on", "upon", "of", "for", "to")


# Prepositions after which a gerund's doer is the governing verb's object ("accused X of
# plotting", "stopped X from entering", "arrested X for attacking"); after "after"/"before" it
# is the subject ("wounded a guard after opening fire").
_CONTROL_PREPS = frozenset({"of", "from", "for", "into"})


@dataclass(slots=True)
class Args:
    """Argument heads of one trigger before they are resolved to actors."""

    sources: list[Token]
    targets: list[Token]


def _is_passive(verb: Token) -> bool:
    if children(verb, "auxpass", "nsubjpass"):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj", "amod") and not children(verb, "aux", "nsubj")


def _controller(head: Token) -> Token | None:
    """The verb whose object or subject controls an infinitive: "sent X to fight", "is likely to attack"."""
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _an_act(tok: Token) -> bool:
    """Whether an object names an act or a judgement rather than someone ("took action", "made a
    threat", "represents a threat"): such an object controls no infinitive or gerund after it."""
    words = lexicon().words
    lem = lemma(tok)
    if lem in words["act_nouns"] or lem in words["assessment_nouns"]:
        return True
    return tok.pos_ == "NOUN" and trigger_of(tok) is not None


def _controllers(verb: Token, prep: Token | None = None) -> list[Token]:
    """The objects of ``verb`` that control its infinitive or its ``prep`` + gerund: "sent X to fight",
    "stopped X from entering". An object naming an act controls nothing ("took action to disrupt …",
    "represents a threat" are the subject's), and a preposition before the object ("From
    kidnapping girls to bombings, X represents a threat") is no complement of it."""
    return [o for o in children(verb, "dobj") if not _an_act(o) and not _a_means(o) and (prep is None or o.i < prep.i)]


def _a_means(tok: Token) -> bool:
    """Whether an object is resources or a means ("distributed funds to support X", "sent weapons to
    arm X"): a thing cannot do what the infinitive says, so whoever moves it does."""
    words = lexicon().words
    lem = lemma(tok)
    return lem in words["goods_nouns"] or lem in words["holding_nouns"] or lem in words["instrument_nouns"]


def verb_args(verb: Token, depth: int = 0, framed: Trigger | None = None) -> Args:
    """Source and target heads of a verb trigger, inherited through conj/xcomp/relcl/acl. ``framed`` is the
    trigger a pattern gave the verb, when the lexicon has none for it."""
    passive = _is_passive(verb)
    subj = children(verb, "nsubj")
    subjpass = children(verb, "nsubjpass")
    agent = [g for a in children(verb, "agent") for g in children(a, "pobj")]
    if passive and not agent:  # "listed as a terrorist entity by X": the parse hangs the agent on the role
        agent = [g for role in prep_objects(verb, ("as",)) for g in prep_objects(role, ("by",))]
    if passive and not agent:  # "were hit and wounded by X": the last conjunct's agent is every conjunct's
        agent = [
            g
            for c in children(verb, "conj")
            if _is_passive(c)
            for a in children(c, "agent")
            for g in children(a, "pobj")
        ]
    dobj = children(verb, "dobj") or ([] if passive else raised_object(verb))
    if not dobj and not passive and lemma(verb) in lexicon().words["beneficiary_verbs"]:
        dobj = helped_ones(verb)  # "helped the country rebuild": the country is helped
    head = verb.head
    charged = charged_ones(head) if verb.dep_ == "pcomp" and not subj and not subjpass else []
    parallel = parallel_patient(head) if verb.dep_ == "pcomp" and not subj and not subjpass else None
    if parallel is not None:
        subj = [parallel]  # "designated A for supporting X and B for recruiting": B recruits
    elif charged:
        subj = charged  # "pleaded guilty to charges of sending money to X": the one charged sends
    elif depth < 3 and not subj and not subjpass and head != verb:
        if verb.dep_ == "conj":
            head = _like_conjunct(verb)  # "sending emails to recruit X and sending money": the two sendings
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "fought … before joining X": the subject of "fought" joins
        if verb.dep_ in ("conj", "pcomp") and head.pos_ in ("VERB", "AUX"):
            inherited = verb_args(head, depth + 1)
            if _is_passive(head) and passive:
                subjpass = inherited.targets
                agent = agent or inherited.sources
            elif verb.dep_ == "pcomp" and verb.head.lower_ in _CONTROL_PREPS and _controllers(head, verb.head):
                subj = _controllers(head, verb.head)  # "accused X of recruiting", "stopped X from entering": X
            elif not _is_passive(head) and passive:
                subjpass = inherited.sources  # "X fled and was captured", "X keeps links and is involved in …"
            elif not _is_passive(head):
                subj = inherited.sources
            elif verb.dep_ == "pcomp":
                subj = inherited.targets  # "X is accused of recruiting …": X recruits
        elif verb.dep_ in ("xcomp", "advcl") and children(verb, "aux") and _controller(head) is not None:
            ctrl = _controller(head)
            assert ctrl is not None
            # "sent X to fight": X controls; "took action to disrupt": an act is no controller, the subject is
            controller = _controllers(ctrl) or children(ctrl, "nsubj", "nsubjpass")
            if not controller and not _is_passive(ctrl):  # "a part in trying to recruit X": who tries
                controller = verb_args(ctrl, depth + 1).sources
            if lemma(ctrl) in lexicon().words["instrument_verbs"]:
                # "employs drones to hit a depot": the employer hits; "money is used to …": only "by X" says who
                controller = children(ctrl, "nsubj") or [
                    g for a in children(ctrl, "agent") for g in children(a, "pobj")
                ]
            (subjpass if passive else subj).extend(controller)
        elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
            subj = children(head, "nsubj")  # "X placed …, accusing the group of …"
        elif verb.dep_ in ("acl", "amod") and head.pos_ in ("NOUN", "PROPN"):
            happening = not passive and head.pos_ == "NOUN" and trigger_of(head) is not None
            # "an attack by X targeting Y": X targets, not the attack
            (subjpass if passive else subj).extend(noun_args(head).sources if happening else [head])
        elif verb.dep_ == "relcl" and not dobj and not _infinitival(verb):
            dobj = [head]
    if verb.dep_ == "relcl" and subj and not dobj and not passive and subj[0].lower_ not in ("that", "who", "which"):
        dobj = [head]
    if not subj and not subjpass and verb.dep_ == "pcomp" and verb.head.lower_ == "for":
        measure = _grounds_measure(verb.head)  # "listed X as … under … for arming Y": X arms
        subj = (children(measure, "dobj") or children(measure, "nsubjpass")) if measure is not None else []
    subj = [a for s in subj for r in _relative_act_doers(s) for a in _through_instrument(r)]
    subjpass, dobj = _owners(subjpass), _owners(dobj)
    # "designated A for supporting X and B for recruiting": B is designated too (see parallel_patient)
    second = [p for f in verb.subtree if f.lower_ == "for" and (p := parallel_patient(f)) is not None]
    if passive:
        return Args(sources=agent, targets=(subjpass or dobj) + second)
    dobj = dobj + second
    extra = tuple(lexicon().types_data["verb_target_preps"].get(lemma(verb), ())) or _transfer_preps(verb, dobj)
    targets = dobj + prep_objects(verb, ("against", "on", "upon", *extra))
    objects = [g for d in dobj for g in prep_objects(d, extra)] if extra else []
    # "sent money to X" may be parsed with "to X" as a dative of the verb
    objects += [g for c in children(verb, "dative") if c.lower_ in extra for g in children(c, "pobj")]
    if objects:  # "pledged allegiance to X", "donated weapons to X": the object's "to" names whom
        targets = objects + [t for t in targets if t not in dobj]
    taken = _taken_from(verb, dobj)
    if taken:  # "confiscated land and property from X": X loses it
        targets = taken + [t for t in targets if t not in dobj]
    # "fired rockets, killing three", "went off on Monday, killing three": a means or a time hit nobody
    if all(lemma(t) in lexicon().words["instrument_nouns"] or t.ent_type_ in ("DATE", "TIME") for t in targets):
        targets += _result_victims(verb, framed)
    return Args(sources=grounds_pronouns(subj), targets=targets)


_COMPLEMENTS = ("dobj", "dative", "prep", "agent", "ccomp", "xcomp", "attr", "acomp", "oprd", "prt")


def raised_object(verb: Token) -> list[Token]:
    """The object coordinated verbs share when only the last writes it: "police arrested and questioned X",
    "detained, questioned and released X": X is arrested too. Only a verb with no complement of its own
    (object, preposition, clause, particle) shares, every verb between it and the last is as bare, and none
    after it has a subject of its own ("X withdrew and the army shelled Y": two clauses, two subjects). Verbs
    of one event type share nothing: the last one's event already holds the object for both."""
    later = sorted((c for c in verb.conjuncts if c.i > verb.i), key=lambda c: c.i)
    if not later or later[-1].pos_ != "VERB":
        return []
    bare = [verb, *later[:-1]]
    if any(children(c, *_COMPLEMENTS) or _is_passive(c) for c in bare):
        return []
    if any(children(c, "nsubj", "nsubjpass") for c in later):
        return []
    mine, last = trigger_of(verb), trigger_of(later[-1])
    if mine is not None and last is not None and mine[0].type == last[0].type:
        return []  # "to kidnap or attack foreigners": one kind of act in two words, the last event holds whom
    return children(later[-1], "dobj")


def _site_objects(prep: Token) -> list[Token]:
    """The objects of a site preposition, read through its two-word forms: "next to X", "in front of X",
    "outside of X"."""
    preps = lexicon().words["site_preps"]
    low = prep.lower_
    if low == "in":
        fronts = [g for g in children(prep, "pobj") if g.lower_ == "front"]
        return [o for f in fronts for o in prep_objects(f, ("of",))] if "in front of" in preps else []
    if low not in preps:
        return []
    return children(prep, "pobj") + prep_objects(prep, ("to", "of"))


def site_targets(tok: Token) -> list[Token]:
    """What a use of force that names no object hit: a structure it went off at, outside or near ("bombs
    exploded outside the embassies", "the blasts next to the consulate"), or that the clause it is the
    subject of says it went through ("a second blast tore through a depot"), or that the act it is the
    circumstance of happened at ("killed in the blasts outside the hotel"), or that modifies the noun that
    names it ("the consulate bombings"). Only a word of a kind of structure (``site_nouns``) counts there:
    "at Eastport" is where, and "outside the city" is no target. Two clauses name what was hit outright:
    the object of a verb of impact the act is the subject of ("a blast damaged the mission", ``impact_verbs``)
    and the victims of a same-type verb it is the circumstance of ("nine guards died in a blast")."""
    words = lexicon().words
    kinds = words["site_nouns"]
    holders, hit = [tok], []
    if tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and trigger_of(tok.head) is None:
        holders.append(tok.head)  # "a blast tore through X", "a device tore into X"
        if lemma(tok.head) in words["impact_verbs"]:
            hit = children(tok.head, "dobj")  # "a blast damaged the embassy": what the act's effect fell on
    affected = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "agent" else None
    if tok.pos_ == "NOUN" and affected is not None and lemma(affected) in words["impact_verbs"]:
        hit = children(affected, "nsubjpass")  # "the embassy was damaged by the blast"
    # "no South Africans were affected by the blasts", "the blast did not damage the school": nobody was hit
    hit = [] if any(_denied(t) for t in (*hit, *{h.head for h in hit})) else hit
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in words["circumstance_preps"] else None
    mine, theirs = trigger_of(tok), trigger_of(verb) if verb is not None and verb.pos_ == "VERB" else None
    if mine is not None and theirs is not None and theirs[0].type == mine[0].type:
        holders.append(verb)  # "were killed in the blasts outside the embassy": the blasts hit the embassy
        hit = children(verb, "nsubjpass")  # "six guards were hurt in a blast": its victims too
    found = [
        o for h in holders for c in h.children if c.dep_ in ("prep", "advmod") for o in _site_objects(c) if site_word(o)
    ]
    if tok.pos_ == "NOUN":  # "the embassy bombings", "a hotel blast": the structure names what was hit
        found += [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and lemma(c) in kinds]
    sites = [c for o in found for c in (o, *children(o, "conj")) if site_word(c)]
    return sites + [c for o in hit for c in (o, *children(o, "conj")) if c.pos_ in ("NOUN", "PROPN", "PRON")]


def _denied(tok: Token) -> bool:
    """Whether a word is negated or quantified as none: "not", "never", "no South Africans", "nobody"."""
    negators = lexicon().words["negators"]
    return tok.lower_ in ("nobody", "none", "no-one") or any(
        c.dep_ in ("neg", "det") and c.lower_ in negators | {"no"} for c in tok.children
    )


def site_word(tok: Token) -> bool:
    """Whether a word names a kind of structure (``site_nouns``), also capitalised inside a name ("through
    the Freedonian Embassy", "near the Central Station"), which the parse tags as a proper noun left unlemmatised."""
    kinds = lexicon().words["site_nouns"]
    if tok.pos_ == "NOUN":
        return lemma(tok) in kinds
    low = tok.lower_
    singular = {low, low[:-1], low[:-3] + "y" if low.endswith("ies") else low}
    return tok.pos_ == "PROPN" and bool(singular & kinds)


def _like_conjunct(verb: Token) -> Token:
    """The word a gerund conjunct is coordinated with: coordination joins like forms, so a gerund the
    parse hung on an infinitive of purpose ("sending emails to recruit X and sending money to Y", with
    "sending money" a conjunct of "recruit") is coordinated with the nearest gerund above it, whose
    doer it shares; the infinitive's doer may be another ("emails" as its controller)."""
    head = verb.head
    if verb.tag_ != "VBG" or head.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return head
    for up in head.ancestors:
        if up.tag_ == "VBG" and up.pos_ == "VERB":
            return up
        if up.pos_ in ("VERB", "AUX") and up.dep_ not in ("advcl", "xcomp"):
            break  # past the purpose clause: no gerund to share with
    return head


def _transfer_preps(verb: Token, dobj: list[Token]) -> tuple[str, ...]:
    """ "distributed money to X", "passed funds to X": a verb of help whose object is resources
    hands them to someone, and its "to" phrase names who (whatever the verb, not only the ones
    ``verb_target_preps`` lists)."""
    words = lexicon().words
    if not any(lemma(d) in words["goods_nouns"] or lemma(d) in words["holding_nouns"] for d in dobj):
        return ()
    found = trigger_of(verb)
    return ("to",) if found is not None and found[0].type in words["party_target_types"] else ()


def _taken_from(verb: Token, dobj: list[Token]) -> list[Token]:
    """Whom resources are taken from: "seized weapons from X", "confiscated land and other property
    from X". Holdings acted on stand for their owner (see :func:`_owners`); with no owner of their
    own, the verb's "from" phrase names the one who loses them. Help verbs move resources the other
    way ("raised funds from donors for X" helps X), so they take no loser."""
    words = lexicon().words
    found = trigger_of(verb)
    if found is None or found[0].type in words["party_target_types"]:
        return []
    held = [
        c
        for d in dobj
        for c in (d, *d.conjuncts)
        if lemma(c) in words["holding_nouns"] or lemma(c) in words["goods_nouns"]
    ]
    if not held or any(children(c, "poss") or prep_objects(c, ("of",)) for c in held):
        return []
    return prep_objects(verb, ("from",))


def _infinitival(verb: Token) -> bool:
    """ "a network to kidnap …", "a plan to strike …": an infinitive hung on a noun says what the
    noun is for; the noun is its means or its doer, not what it is done to."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _relative_act_doers(subj: Token) -> list[Token]:
    """ "Our forces conducted a mission that eliminated X": a relative pronoun standing for an act
    that someone carried out (the object of an agentive verb) has that someone as doer. Goods and
    means are no acts ("supplied rockets that hit X" leaves the rockets' user unsaid), and what a
    verb of giving hands over is given, not carried out by the giver."""
    words = lexicon().words
    noun = subj.head.head
    if subj.lower_ not in ("that", "which") or subj.head.dep_ != "relcl" or noun.dep_ != "dobj":
        return [subj]
    things = (words["goods_nouns"], words["instrument_nouns"], words["holding_nouns"])
    if lemma(noun.head) not in words["agentive_verbs"] or any(lemma(noun) in w for w in things):
        return [subj]
    if lemma(noun.head) in lexicon().frames:  # "provided guidance that called for …": given, not carried out
        return [subj]
    return subject(noun.head) or [subj]


def _result_victims(verb: Token, framed: Trigger | None = None) -> list[Token]:
    """Whom a violent act hit, from its result clause: "shelled the depot, wounding three clerks". ``framed``
    is the trigger a pattern gave the verb ("a grenade went off, wounding nine"), which the lexicon has not."""
    own = framed or (found[0] if (found := trigger_of(verb)) is not None else None)
    out = []
    for adv in children(verb, "advcl"):
        found = trigger_of(adv) if adv.tag_ == "VBG" else None
        if found is not None and own is not None and found[0].type == own.type:
            out += children(adv, "dobj")
    return out


def _owners(heads: list[Token]) -> list[Token]:
    """ "X's assets were frozen", "froze the property of X": whose holdings are acted on."""
    held = lexicon().words["holding_nouns"]
    out = []
    for h in heads:
        if lemma(h) in held:
            owners = children(h, "poss") + prep_objects(h, ("of",)) + [c for c in h.children if c.dep_ == "compound"]
            out += owners or [h]
        else:
            out.append(h)
    return out


def _through_instrument(subj: Token) -> list[Token]:
    """The actor behind a means used as subject: "an IED planted by X exploded" -> X; none if unnamed."""
    if lemma(subj) not in lexicon().words["instrument_nouns"]:
        return [subj]
    agents = children(subj, "poss") + prep_objects(subj, ("by", "from"))
    for acl in children(subj, "acl"):
        agents += [g for a in children(acl, "agent") for g in children(a, "pobj")]
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


def governor(tok: Token) -> Token | None:
    """The verb a noun is an argument of (through one preposition): "involved in killing" -> involved;
    a noun in a list is governed as the list is ("involved in abductions, killings and torture")."""
    tok = _list_head(tok)
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    quantity = lexicon().words["quantity_nouns"]
    if head.pos_ == "NOUN" and (head.lower_ in quantity or lemma(head) in quantity) and tok.head.lower_ == "of":
        return governor(head)  # "mounted a wave of raids": the verb governs the series
    if head.lower_ in lexicon().words["responsibility_nouns"] and head.dep_ in ("dobj", "attr"):
        head = head.head  # "took responsibility for the raid": the claimant is the governor's subject
    if head == tok or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    return head


_AIM_PREPS = ("at", "against", "on", "upon")


def aimed_by_clause(noun: Token) -> list[Token]:
    """Whom a violent act named by a noun was aimed at or harmed, told by a verb of aiming or harm
    (``aiming_verbs``, ``impact_verbs``) it is the subject of, directly or through "that"/"which" of a relative clause:
    "the raids have harmed farmers" (object), "strikes that were targeted at the depot" (the "at"
    phrase of a passive). A relative pronoun that may refer to a name before it is not read as the act's.
    The act as agent ("were affected by the blasts") is left alone: "no one was affected by the blasts"
    says nobody was hit."""
    words = lexicon().words["aiming_verbs"] | lexicon().words["impact_verbs"]
    clauses = []
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
        clauses.append(noun.head)
    for rel in children(noun, "relcl"):
        subj = children(rel, "nsubj", "nsubjpass")
        if subj and subj[0].lower_ in ("that", "which") and not relative_is_ambiguous(subj[0], noun):
            clauses.append(rel)
    out: list[Token] = []
    for verb in clauses:
        if lemma(verb) not in words:
            continue
        if _is_passive(verb):
            out += prep_objects(verb, _AIM_PREPS)
        else:
            out += children(verb, "dobj") + prep_objects(verb, _AIM_PREPS)
    return out


def noun_args(noun: Token, framed: Trigger | None = None) -> Args:
    """Arguments of a nominal trigger: possessor/"by"/"from" is the source, "of"/"on"/"against" the
    target. ``framed`` is the trigger a pattern gave the noun, when the lexicon has none for it."""
    lex = lexicon()
    sources = children(noun, "poss") + prep_objects(noun, ("by", "from"))
    trig = framed or lex.nouns.get(lemma(noun)) or lex.nouns.get(noun.lower_)
    partner = trig is not None and trig.type in lex.words["partner_types"]
    targets = prep_objects(noun, (*_TARGET_PREPS, "with") if partner else _TARGET_PREPS)  # "talks with X"
    parties = prep_objects(noun, ("between",)) if partner else []
    if parties:  # "talks between X and Y": the two sides are named together, and nobody else is one
        sources, targets = parties[:1], [c for p in parties for c in p.conjuncts]
        # "between X and government officials" is often parsed as one phrase headed by "officials"
        # with X and its "and" as a modifier: X is the first side, the head the second
        first = [c for c in parties[0].lefts if c.dep_ in ("nmod", "compound") and children(c, "cc")]
        if first and not targets:
            sources, targets = first[:1], parties[:1]
    assessment = lemma(noun) in lex.words["assessment_nouns"] and (trig is None or trig.type != "THREATEN")
    if assessment:  # "X's threat", "X remains a threat to Y": X is assessed; Y is only threatened
        targets, sources = children(noun, "poss"), []
    elif (
        trig is not None
        and trig.type in lex.words["patient_possessor_types"]
        and (trig.type != "ASSAULT" or lemma(noun) in lex.words["patient_possessor_nouns"])
        and not prep_objects(noun, ("of",))  # "its designations of X", "the army's arrest of X": the possessor acts
    ):
        targets, sources = targets + children(noun, "poss"), prep_objects(noun, ("by", "from"))
    named = [  # "the Front attack" (never "the January attack": a date is no doer)
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")
    ]
    # "the Consulate raid", "the Hotel attack": a structure written with a capital is what was hit, not who hit
    sites = [c for c in named if c.lower_ in lex.words["site_nouns"] and not children(c, "compound")]
    sources += [c for c in named if c not in sites]
    targets = targets or sites
    if not targets:  # "the bombings last week of two hotels": the parser hangs "of" from the time phrase
        targets = [g for c in children(noun, "npadvmod") if c.ent_type_ == "DATE" for g in prep_objects(c, ("of",))]
    if not targets:  # "the attack by X on Y": the parser often hangs "on Y" from X
        targets = [g for a in prep_objects(noun, ("by",)) for g in prep_objects(a, ("on", "against", "upon"))]
    if not sources:  # "an attack on a police post by X": the parser hangs "by X" from the post
        sources = [g for t in prep_objects(noun, ("on", "against", "upon")) for g in prep_objects(t, ("by",))]
    for acl in children(_list_head(noun), "acl"):  # "an attack targeting Y": the participle names whom
        if acl.tag_ == "VBG" and (trigger_of(acl) or (None, ""))[0] is not None:
            targets = targets or children(acl, "dobj")
    for rel in children(noun, "relcl"):
        subj = children(rel, "nsubj")
        relative = subj and subj[0].lower_ in ("that", "which") and not relative_is_ambiguous(subj[0], noun)
        if relative and (trigger_of(rel) or (None, ""))[0] is not None:
            targets = targets or children(rel, "dobj")  # "a raid that hit the fuel depot"
        elif subj and lemma(rel) in lex.words["agentive_verbs"] and not children(rel, "dobj"):
            sources = sources or subj  # "the raids the faction keeps mounting": the faction does them
    held = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for") else None
    if held is not None and held.pos_ == "NOUN" and lemma(held) in lex.words["responsibility_nouns"]:
        claimant = children(held, "poss")  # "its claim of the attack": the claimant
        outer = held.head.head if held.dep_ == "pobj" and held.head.lower_ == "of" else None
        if not claimant and outer is not None and lemma(outer) in lex.words["responsibility_nouns"]:
            claimant = children(outer, "poss")  # "X's claim of credit for the raid"
        if not [s for s in sources if s.dep_ not in ("compound", "amod", "nmod")]:
            sources = claimant + sources  # a name on the attack itself may be its place ("the Kabul attack")
    for acl in [a for c in children(noun, "acl", "relcl") for a in (c, *c.conjuncts)]:
        # "the raid conducted by X", "approved by X and executed by Y": who did it
        if lemma(acl) in lex.words["agentive_verbs"]:
            sources = sources or [g for a in children(acl, "agent") for g in children(a, "pobj")]
    timed = all(t.ent_type_ in ("DATE", "TIME") for t in targets)  # "attacks of the last weeks": when, not whom
    if timed and trig is not None and trig.type in lex.words["thing_target_types"]:
        # "attacks that were targeted at the depot", "the raids harmed farmers"
        targets = aimed_by_clause(noun) or targets
    if noun.dep_ in ("nsubj", "nsubjpass") and not targets:
        # "two strikes struck three ISIL units", "the attacks killed 300 people": the verb says whom
        found = trigger_of(noun.head) if noun.head.pos_ == "VERB" else None
        if found is not None and trig is not None and found[0].type == trig.type:
            targets = [t for d in children(noun.head, "dobj") for t in (d, *children(d, "conj"))]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("including", "like", "especially") and head.head.pos_ == "NOUN":
        # "a string of raids, among them the May 9 raid on X": the instance shares the attacker
        outer = head.head
        found = trigger_of(outer)
        if found is not None and trig is not None and found[0].type == trig.type and outer != noun:
            sources = sources or noun_args(outer).sources
    if not sources and trig is not None and trig.type not in lex.words["patient_possessor_types"] and not assessment:
        sources = _predicated(noun)
    if not sources and not assessment:
        sources = _role_holders(noun)
    gov = governor(noun)
    if gov is not None and not sources and noun.dep_ == "pobj" and lemma(gov) in lex.words["blaming_verbs"]:
        sources = children(gov, "dobj")  # "blamed X for the bombing", "credited X with the raid"
    if not sources and not assessment:
        sources = _grounds_doers(noun) or _participants(noun)
    if not sources and noun.dep_ == "pobj":
        sources = charged_ones(noun.head)  # "was arrested on charges of murder": the one arrested
    if not sources and noun.dep_ == "pobj" and (second := parallel_patient(noun.head)) is not None:
        sources = [second]  # "designated A for supporting X and B for recruitment of fighters": B
    if not sources and partner and noun.dep_ == "pobj" and noun.head.lower_ == "in":
        # "X sat for the faction in talks with Y", "X joined in talks with Y": who is in the talks
        verb = noun.head.head
        sources = subject(verb) if verb.pos_ in ("VERB", "AUX") else []
    if gov is not None:
        glemma = lemma(gov)
        subj = subject(gov)
        if assessment and noun.dep_ in ("attr", "dobj", "acomp"):
            targets = targets or subj
            sources = sources or _speaker_heads(gov)
        elif glemma in lex.words["receiving_verbs"] and noun.dep_ == "dobj":
            targets = targets or subj
            sources = sources or prep_objects(gov, ("from",))
        elif glemma in lex.words["agentive_verbs"] or glemma in lex.words["issuing_verbs"]:
            sources = sources or subj
            targets = targets or [t for t in prep_objects(gov, ("on", "against", "upon", "to", "for")) if t != noun]
        elif not targets and trig is not None and trig.type in lex.words["state_types"]:
            targets = _held_one(noun, gov)
    return Args(sources=grounds_pronouns(sources), targets=targets)


_CHARGE_PATH = frozenset({"pobj", "prep", "dobj", "acomp", "oprd", "attr", "conj"})


def charged_ones(prep: Token) -> list[Token]:
    """Who a charge says did the act its complement names: "pleaded guilty to charges of sending
    money to X", "police arrested X on suspicion of plotting attacks", "faces counts of bombing".
    ``prep`` is the "of"/"with"/"for" under a charge noun (``charge_nouns``). A charge is laid on
    someone: the holder of "X's conviction for …", else the object of the clause's verb when it has
    one besides the charge ("arrested X on charges of …"), else its subject, passive or active
    ("X was held on charges of …", "X faces charges of …"). Nothing when no verb is near."""
    words = lexicon().words
    if prep.dep_ != "prep" or prep.lower_ not in lexicon().types_data["modality"]["charge_preps"]:
        return []
    noun = prep.head
    if noun.pos_ != "NOUN" or lemma(noun) not in words["charge_nouns"]:
        return []
    if children(noun, "poss"):
        return children(noun, "poss")
    cur = _list_head(noun)
    for _ in range(4):  # up through "to"/"on" and an adjective ("pleaded guilty to charges") to the verb
        if cur.dep_ not in _CHARGE_PATH or cur.head == cur:
            return []
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN", "PRON"):
            return [_list_head(cur)]  # "arrested X and two men on suspicion of …", the charge hung on them
        if cur.pos_ in ("VERB", "AUX"):
            break
    else:
        return []
    if cur.pos_ not in ("VERB", "AUX"):
        return []
    others = [o for o in children(cur, "dobj") if o != _list_head(noun)]
    return others if others and not _is_passive(cur) else subject(cur)


def _participants(noun: Token) -> list[Token]:
    """Who took part in an act wrapped in other nouns: "X engaged in a pattern of criminal activity,
    including killings", "X was involved in a campaign of bombings". A participation verb's
    complement is an activity however it is worded, so the wrapping nouns are climbed (a few "of"
    links and an "including") up to the verb, whose subject did the act."""
    words = lexicon().words
    tok = _list_head(noun)
    for _ in range(3):
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and trigger_of(head.head) is None:
            tok = _list_head(head.head)  # "a pattern of activity": the activity is what is done
            continue
        break
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else tok.head if tok.dep_ == "dobj" else None
    if verb is None or tok is _list_head(noun) or lemma(verb) not in words["participation_verbs"]:
        return []  # no wrapping climbed: the plain governor rules decide
    return subject(verb)


def _measure_of_grounds(tok: Token) -> Token | None:
    """The measure verb whose "for" phrase holds ``tok`` ("designated X … for its role in …")."""
    for up in tok.ancestors:
        if up.lower_ == "for" and up.dep_ == "prep":
            return _grounds_measure(up)
    return None


def _grounds_measure(prep: Token) -> Token | None:
    """The measure a "for" phrase gives the grounds of: the first verb above it, when it is one of
    ``grounds_types``. The parse often hangs "for" on the last word of the measure's other
    complements ("listed X as a banned group under Decree 7 for arming …"); the phrase
    still qualifies the verb, since a noun or an adjective there has no grounds of its own."""
    up = prep.head
    for _ in range(6):
        if up.lower_ in _INSTANCE_PREPS and up.dep_ == "prep":
            up = up.head  # "…, including for …": the grounds of the clause's measure
            continue
        if up.pos_ in ("VERB", "AUX") or up.head == up or up.dep_ in ("ROOT", "conj", "appos", "relcl", "acl"):
            break
        up = up.head
    found = trigger_of(up) if up.pos_ == "VERB" else None
    return up if found is not None and found[0].type in lexicon().words["grounds_types"] else None


def grounds_pronouns(heads: list[Token]) -> list[Token]:
    """Possessive pronouns in a measure's grounds stand for its patient: "OFAC designated X for its
    role in …", "sanctioned X and Y for their support of Z". The grounds are what the patient did,
    so "its" is X even though the measure's author is the nearer subject."""
    out: list[Token] = []
    for h in heads:
        verb = _measure_of_grounds(h) if h.tag_ == "PRP$" else None
        patients = (children(verb, "dobj") or children(verb, "nsubjpass")) if verb is not None else []
        out.extend(patients or [h])
    return out


def _grounds_doers(noun: Token) -> list[Token]:
    """Who did what a measure's "for" names: its patient. "X was sanctioned for support of Y",
    "police arrested X for the bombing", "sanctioned under several orders, including for support of
    Y": the measure is taken against X because of that act, so X did it (as its author says)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return []
    verb = _grounds_measure(noun.head)
    if verb is None:
        return []
    return children(verb, "dobj") or children(verb, "nsubjpass")


def _predicated(noun: Token) -> list[Token]:
    """Whom a role noun is said of: "listed X as a supporter of Y", "X acted as a financier",
    "X is a donor to Y", "X, a supporter of Y": X plays the role, so X is the doer."""
    lex = lexicon()
    if lemma(noun) not in lex.words["actor_nouns"] and lemma(noun) not in lex.words["member_nouns"]:
        return []  # a happening in apposition ("the X bombing, the attack on …") renames the event
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        return children(verb, "dobj", "nsubjpass") or children(verb, "nsubj")
    if noun.dep_ == "attr" and lemma(head) in ("be", "become", "remain"):
        return children(head, "nsubj")
    if noun.dep_ == "appos" and head.pos_ == "PROPN":
        return [head]
    return []


def _role_holders(noun: Token) -> list[Token]:
    """Who had a part in a happening named after a role noun: "his role in the attack", "X was the
    mastermind behind the bombings", "X played a central part in the raid", "X had leading roles in an
    attack". The role's possessor, the copula subject it is said of, or the subject of the verb
    whose object it is holds the role, so did the act."""
    roles = lexicon().words["role_nouns"]
    if noun.dep_ not in ("pobj", "pcomp") or noun.head.dep_ != "prep":
        return []  # the act is a noun ("role in the attack") or a gerund ("role in perpetrating violence")
    holder = noun.head.head
    if holder.pos_ in ("VERB", "AUX"):  # "had leading roles in an attack": the prepositions hang on the verb
        return subject(holder) if any(lemma(d) in roles for d in children(holder, "dobj")) else []
    if holder.pos_ != "NOUN" or lemma(holder) not in roles:
        return []
    if children(holder, "poss"):
        return children(holder, "poss")
    if holder.dep_ == "attr" and lemma(holder.head) in ("be", "become", "remain"):
        return children(holder.head, "nsubj")
    if holder.dep_ == "dobj" and holder.head.pos_ == "VERB":
        return subject(holder.head)
    if holder.dep_ == "appos":
        return [holder.head]  # "X, the mastermind behind the attack"
    return []


def perpetrators(heads: list[Token], kind: str | None = None) -> list[Token]:
    """Targets with a happening replaced by who did it: "condemned the attack by X" is aimed at X,
    not at the attack; a happening with no named doer leaves no target. For a type whose target is
    a party (``party_target_types``, event type ``kind``) an activity stands for whose it is."""
    parties = kind in lexicon().words["party_target_types"]
    out: list[Token] = []
    for head in heads:
        if head.pos_ == "NOUN" and trigger_of(head) is not None:
            out.extend(noun_args(head).sources)
        else:
            out.extend((_activity_owners(head) or [head]) if parties else [head])
    return out


def _activity_owners(head: Token) -> list[Token]:
    """Whose activity a common noun names when it is no actor: "the operations of X", "the group's
    activities", "X operations". One can support a party, not an activity, so the owner is the one
    helped. A noun that can be an actor ("the people of X", "the group's fighters") is kept."""
    words = lexicon().words
    lem = lemma(head)
    if head.pos_ != "NOUN" or lem in words["actor_nouns"] or lem in words["member_nouns"]:
        return []
    named = [c for c in head.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    return children(head, "poss") + prep_objects(head, ("of",)) + named


def _held_one(noun: Token, gov: Token) -> list[Token]:
    """Who is put in the state a noun names: "ordered X held in detention", "was taken into custody"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in lexicon().words["state_preps"]:
        return []
    held = children(gov, "dobj", "nsubjpass")
    if not held and gov.tag_ == "VBN" and not children(gov, "aux"):
        # a small clause: "ordered X held in detention", parsed with X as subject or as the noun held modifies
        held = children(gov, "nsubj") or ([gov.head] if gov.dep_ == "acl" else [])
    return held


def subject(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of a verb, climbing conj/xcomp/ccomp-less control chains when it has none."""
    subj = children(verb, "nsubj", "nsubjpass")
    if subj or depth > 3 or verb.head == verb:
        return subj
    if verb.dep_ in ("xcomp", "conj", "advcl") or (verb.dep_ == "acomp" and verb.head.pos_ in ("AUX", "VERB")):
        return subject(verb.head, depth + 1)  # "X was responsible for the bombing": X
    if verb.dep_ == "pcomp" and (second := parallel_patient(verb.head)) is not None:
        return [second]  # "designated A for supporting X and B for recruiting": B recruits
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "X is suspected of planning the raid": the passive subject of the governing verb acts;
        # "accused X of planning the raid": its object does
        held = _controllers(verb.head.head, verb.head) if verb.head.lower_ in _CONTROL_PREPS else []
        return held or subject(verb.head.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "for":
        measure = _grounds_measure(verb.head)  # "listed X as … under … for giving aid": X
        if measure is not None:
            return children(measure, "dobj") or children(measure, "nsubjpass")
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.dep_ == "acomp":
        return subject(verb.head.head, depth + 1)  # "X, responsible for directing raids": X
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "NOUN":
        return _role_holders(verb)  # "X's role in perpetrating violence": X
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and any(c.lower_ == "to" for c in children(verb, "aux")):
        # "the group's bid to storm a jail", "an attempt by X to seize": whose bid it is acts
        return children(verb.head, "poss") + prep_objects(verb.head, ("by",))
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
            return children(cand, "nsubj")
    return []


def speaker_heads(tok: Token) -> list[Token]:
    """Who reports the trigger's clause: the subject of a governing or parenthetical speech verb."""
    return _speaker_heads(tok)


def speaker_groups(tok: Token, index: MentionIndex) -> set[int]:
    """Mention groups of whoever reports the trigger's clause: the subject of a governing or
    parenthetical speech verb, and its owner ("the group's newsletter said")."""
    out: set[int] = set()
    for head in _speaker_heads(tok):
        for t in (head, *children(head, "poss")):
            actor = resolve(t, index)
            if actor is not None and actor.group >= 0:
                out.add(actor.group)
    return out


def compound_args(tok: Token) -> Args:
    """ "Iran-backed outfit": the word before the hyphen is the source, the modified noun the target."""
    sources = children(tok, "npadvmod", "compound", "nmod")
    if not sources and is_hyphen_compound(tok):
        sources = [tok.doc[tok.i - 2]]
    return Args(sources=sources, targets=[tok.head])


def speech_accusation(tok: Token) -> Args | None:
    """ "X told the Senate that the Zainabiyoun were … terrorist activities": an ACCUSE by X."""
    lex = lexicon()
    if tok.pos_ != "VERB" or lemma(tok) not in lex.words["speech_verbs"]:
        return None
    for clause in children(tok, "ccomp"):
        words = {lemma(t) for t in clause.subtree} | {t.lower_ for t in clause.subtree}
        if not words & lex.words["accusation_cues"]:
            continue
        subj = children(clause, "nsubj", "nsubjpass")
        if subj and children(tok, "nsubj"):
            return Args(sources=children(tok, "nsubj"), targets=subj)
    return None


def anchor_verbs(tok: Token, kind: str) -> list[Token]:
    """Tokens whose dependents may carry the trigger's date/place: itself, its governor, its conj head."""
    out = [tok]
    if kind == "noun":
        # "the raid authorized by X and carried out last night in Y": its participles tell when and
        # where, before the verb it is an argument of ("On Friday officials praised the raid …")
        participles = [c for c in tok.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")]
        out += participles + [c for p in participles for c in p.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        gov = governor(tok)
        if gov is not None:
            out.append(gov)
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        out.append(tok.head)
    if tok.dep_ in ("advcl", "xcomp") and tok.head.pos_ == "VERB" and any(c.lower_ == "to" for c in tok.children):
        out.append(tok.head)  # a purpose clause happens when its verb does: "travelled in May to meet X"
    return out
