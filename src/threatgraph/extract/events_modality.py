"""Whether the text states that an event happened: asserted, negated, hypothetical, demanded or claimed.

A trigger's modality comes from the clause it sits in and the clauses that govern it: "did not
attack", "no civilians were killed", "was prevented from seizing" (negated); "urged them to attack",
"called for sanctions", "must be held to account", an imperative (demanded); "will attack", "plans
to attack", "a plot to attack", "ready to attack", a purpose clause or an "if" clause
(hypothetical); "took responsibility for the raid", "accused of recruiting", "reportedly"
(claimed). The climb stops at a relative clause, which makes its own statement, and at speech
verbs other than claims, so "officials said militants killed 21 travellers" stays asserted. Only
asserted events are facts (timeline lines, graph edges); the cue words live in ``plover.yaml``
under ``modality``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon, plover_of

if TYPE_CHECKING:
    from spacy.tokens import Token

MODALITIES = ("asserted", "negated", "demanded", "hypothetical", "claimed")
_PRIORITY = {m: i for i, m in enumerate(("negated", "demanded", "hypothetical", "claimed", "asserted"))}
# dependency relations the climb follows from a word to the word that governs its clause
_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "conj",
        "dobj",
        "pobj",
        "prep",
        "pcomp",
        "acl",
        "attr",
        "nsubj",
        "nsubjpass",
        "appos",
        "npadvmod",
        "oprd",
        "acomp",
        "amod",
        "compound",
        "agent",
        "dative",
        "prt",
    }
)
_SAME_CLAUSE = frozenset(
    {"xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "nsubj", "nsubjpass", "attr", "agent", "prt"}
)
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})


@cache
def _cues() -> dict[str, frozenset[str]]:
    spec = lexicon().types_data["modality"]
    return {k: frozenset(str(w) for w in v) for k, v in spec.items() if isinstance(v, list)}


def _max_steps() -> int:
    return int(lexicon().types_data["modality"].get("max_steps", 4))


def _imperative(verb: Token) -> bool:
    """A bare verb opening its sentence with no subject: "Seize their depots, burn them"."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head  # "Seize their depots, burn them": the first verb of the series decides
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return False
    first = verb.sent[0]
    while (first.is_punct or first.is_quote) and first.i < verb.i:
        first = first.nbor()
    return first == verb


def _own_cues(tok: Token, cues: dict[str, frozenset[str]], is_trigger: bool, same_clause: bool) -> str | None:
    """The modality a single word imposes on the event below it (or on itself, for the trigger)."""
    found: list[str] = []
    # (dependency, cue list, modality): a child word with that relation and word marks the clause
    marks = (
        ("aux", "demand_aux", "demanded"),
        ("aux", "future_aux", "hypothetical"),
        ("mark", "conditional_marks", "hypothetical"),
        ("advmod", "claim_adverbs", "claimed"),
    )
    for c in tok.children:
        low = c.lower_
        ceased = c.dep_ == "advmod" and low in cues["cessation_adverbs"] and any(g.dep_ == "neg" for g in c.children)
        if c.dep_ == "neg" or (c.dep_ == "advmod" and low in ("never", "not")) or ceased:  # "no longer attacks"
            if is_trigger or same_clause:
                found.append("negated")
            continue
        found += [mod for dep, key, mod in marks if c.dep_ == dep and low in cues[key]]
        if c.dep_ == "amod" and is_trigger and low in cues["claim_modifiers"]:
            found.append("claimed")  # "an alleged attack"
        if c.dep_ in ("amod", "compound") and is_trigger and tok.pos_ == "NOUN":
            if low in cues["negating_modifiers"]:
                found.append("negated")  # "a foiled plot", "a failed attack"
            elif low in cues["hypothetical_modifiers"]:
                found.append("hypothetical")  # "potential attacks", "a planned strike"
    if not is_trigger:
        lem = lemma(tok)
        if lem in cues["negating_heads"] or tok.lower_ in cues["negating_heads"]:
            found.append("negated")
        elif lem in cues["demand_heads"]:
            found.append("demanded")
        elif lem in cues["hypothetical_heads"] or tok.lower_ in cues["hypothetical_heads"]:
            found.append("hypothetical")
        elif lem in cues["claim_heads"] or tok.lower_ in cues["claim_heads"]:
            found.append("claimed")
        elif tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in cues["claim_modifiers"] for c in tok.children):
            found.append("claimed")  # "unconfirmed reports that a post was hit": the reports are unconfirmed
    if is_trigger and tok.pos_ == "VERB" and _imperative(tok):
        found.append("demanded")
    return min(found, key=_PRIORITY.__getitem__) if found else None


def _negated_participant(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """ "No civilians were killed", "none of the soldiers was hurt": a participant that is nobody."""
    for arg in tok.children:
        if arg.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if arg.lower_ in cues["negating_determiners"]:
            return True
        if any(c.dep_ == "det" and c.lower_ in cues["negating_determiners"] for c in arg.children):
            return True
    return False


def _nobody_under_negation(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """ "It did not appear that anyone was injured", "police never said anybody was hurt": a participant
    that is a word of negative polarity stands for nobody when a clause above it is negated."""
    args = [a for a in tok.children if a.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if not any(a.lower_ in cues["negative_polarity"] for a in args):
        return False
    cur = tok
    for _ in range(_max_steps()):
        if cur.head == cur:
            return False
        cur = cur.head
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in cur.children):
            return True
    return False


def _attempt_denied(head: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Whether an attempt or plan (``head``) is itself said to have failed or been stopped, by the
    word that governs it within two steps ("failed in its efforts", "thwarted a plot")."""
    cur = head
    for _ in range(2):
        if cur.head == cur or cur.dep_ not in ("dobj", "pobj", "prep", "nsubjpass", "xcomp"):
            return False
        cur = cur.head
        denied = lemma(cur) in cues["negating_heads"] or cur.lower_ in cues["negating_heads"]
        if denied and cur.pos_ in ("VERB", "ADJ"):
            return True
    return False


def _told_past(clause: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Whether an adverbial clause opened by a factive subordinator ("after", "before", "when",
    "because" …) is in the past tense with no modal: "before he was expelled", "after they attacked"."""
    if not any(c.dep_ == "mark" and c.lower_ in cues["factive_marks"] for c in clause.children):
        return False
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    return clause.tag_ == "VBD" or any(a.lower_ in ("was", "were", "had") for a in auxes)


def _patient_of_other_event(noun: Token, verb: Token) -> bool:
    """Whether a nominal trigger is the object of a trigger verb of another type ("suppressing the
    protests", "to disperse the rally"): what is acted on exists; the act's own modality is not its."""
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    if lemma(verb) in _cues()["hypothetical_heads"]:
        return False  # "threatened attacks", "vowed strikes": the object is what is threatened, not there yet
    lex = lexicon()
    own, acting = lex.nouns.get(lemma(noun)), lex.verbs.get(lemma(verb))
    return own is not None and acting is not None and own.type != acting.type


def _copula_cue(verb: Token, below: Token, cues: dict[str, frozenset[str]]) -> str | None:
    """The cue a copula takes from its subject when its complement is the event: "the group's goal is
    to attack X", "their plan was to seize the port" (a goal or plan is not yet done)."""
    if lemma(verb) != "be" or below.dep_ not in ("xcomp", "ccomp", "attr", "acomp"):
        return None
    for subj in verb.children:
        if subj.dep_ == "nsubj" and subj.pos_ == "NOUN":
            lem = lemma(subj)
            if lem in cues["demand_heads"]:
                return "demanded"
            if lem in cues["hypothetical_heads"] or lem in cues["hypothetical_triggers"]:
                return "hypothetical"
    return None


def _purpose_idiom(tok: Token) -> bool:
    """A bare noun after "in" that takes an infinitive ("in order to attack") is a purpose marker, not
    the noun's meaning: the infinitive is a purpose, not what an order asks for."""
    bare = not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children)
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and bare


def _disowned(head: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Whether a claim of responsibility is said not to be made: "no group has claimed the attack",
    "has not claimed the bombing", "denied responsibility for the raid". Nobody claims the
    happening, yet the text reports it; it stands as the text tells it, not as someone's claim."""
    if lemma(head) not in cues["responsibility_heads"]:
        return False
    verb = head.head if head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubjpass") else head
    if verb is not head and lemma(verb) in cues["negating_heads"]:
        return True
    negators = ("never", "not")
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in negators) for c in verb.children):
        return True
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        if subj.lower_ in cues["negating_determiners"]:
            return True
        if any(d.dep_ == "det" and d.lower_ in cues["negating_determiners"] for d in subj.children):
            return True
    return False


def unclaimed(trigger: Token) -> bool:
    """Whether a trigger is the object of a claim of responsibility that is not made ("has not claimed
    the attack"): the negation is the claim's, so the happening is not negated by it."""
    return trigger.dep_ in ("dobj", "pobj") and _disowned(trigger.head, _cues())


def _cue_word(tok: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Whether a noun is itself a modality word ("its bid to storm", "a plan to attack") or an act
    ("this step to freeze"): the climb reads it (and whether the bid failed) rather than calling
    its infinitive a bare purpose."""
    if _purpose_idiom(tok):
        return False
    lem = lemma(tok)
    if lem in lexicon().words["act_nouns"]:
        return True  # "this step to freeze the accounts": the infinitive is the act itself, as real as it
    keys = ("demand_heads", "hypothetical_heads", "negating_heads", "claim_heads", "hypothetical_triggers")
    return any(lem in cues[k] or tok.lower_ in cues[k] for k in keys)


def _called_for(clause: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Whether an infinitive clause is what a call asks for: "urging his supporters to strike",
    "urged them to strike". Only the first verb up counts: in "directed them to build a network to
    kidnap", the network is called for and the kidnapping is its purpose."""
    cur = clause
    for _ in range(3):
        if cur.head == cur:
            return False
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return lemma(cur) in cues["demand_heads"]
    return False


def _root_of(tok: Token) -> str | None:
    """The PLOVER root a verb names by itself or by its object ("send funds" is aid), None for
    a verb that names no event."""
    lex = lexicon()
    objects = {lemma(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
    for frame in lex.frames.get(lemma(tok), []):
        if objects & frame.objects:
            return plover_of(frame.trigger.type)[0]
    found = lex.verbs.get(lemma(tok))
    return plover_of(found.type)[0] if found is not None else None


def _elaborates(purpose: Token) -> bool:
    """Whether a purpose clause names the same kind of happening as the act it is the purpose of:
    "distributed funds to support the group", "sent weapons to arm the militia" tell one act of
    aid twice, as real as the act itself; "raised funds to carry out attacks" names another."""
    own = _root_of(purpose)
    return own is not None and purpose.head.pos_ == "VERB" and _root_of(purpose.head) == own


def _describes_actor(clause: Token) -> bool:
    """Whether a participle describes a person or body ("a senior financier backing the militia",
    "individuals financing ISIS"): it states what that actor does, whatever is said of the actor
    (to disrupt an operative does not make his support unreal). A participle on an event noun
    ("planned attacks targeting civilians") shares that event's modality."""
    if clause.dep_ != "acl" or clause.tag_ not in ("VBG", "VBN") or clause.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    head = clause.head
    lex = lexicon()
    return lex.nouns.get(lemma(head)) is None and lex.nouns.get(head.lower_) is None


def _leads_to(cur: Token, below: Token, cues: dict[str, frozenset[str]]) -> bool:
    """Whether ``below`` is the "to" of "leading to" said of information someone may supply ("a bounty for
    any tip leading to X's detention", ``prospective_leads``): what it leads to is a prospect."""
    return (
        below.dep_ == "prep"
        and below.lower_ == "to"
        and lemma(cur) == "lead"
        and cur.tag_ == "VBG"
        and cur.dep_ == "acl"
        and lemma(cur.head) in cues["prospective_leads"]
    )


def _going_to(verb: Token, infinitive: Token) -> bool:
    """Whether "going" with a "to"-infinitive is the future "be going to": a progressive (a form of "be" as its
    auxiliary), not a motion with a purpose ("went to attack")."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children)
    return to and verb.tag_ == "VBG" and any(c.dep_ == "aux" and lemma(c) == "be" for c in verb.children)


def modality(trigger: Token, climb: bool = True, act: bool = False) -> str:
    """The modality of the event ``trigger`` names (one of :data:`MODALITIES`).

    ``climb=False`` reads only the trigger's own cues: a modifier like "Iran-backed" states a
    standing relation whatever the clause around its noun says. ``act=True`` when the event is the
    making of the threat or plan itself ("a threat by X"): that happened, whatever it threatens.
    """
    cues = _cues()
    found: list[str] = []
    if lemma(trigger) in cues["hypothetical_triggers"] and not act:
        found.append("hypothetical")
    if _negated_participant(trigger, cues) or _nobody_under_negation(trigger, cues):
        found.append("negated")
    own = _own_cues(trigger, cues, is_trigger=True, same_clause=True)
    if own:
        found.append(own)
    factive = cues["factive_modifiers"]
    if trigger.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in factive for c in trigger.children):
        climb = False  # "the group's recent attacks", "past attacks": told as having happened
    cur, same_clause, described = trigger, True, False
    below = trigger
    steps = _max_steps() if climb else 0
    while steps > 0:
        steps -= 0 if cur.dep_ == "conj" else 1  # the members of a list stand in one place: "on, X, or Y"
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        purpose = cur.dep_ == "advcl" or cur.dep_ in ("acl", "relcl") and not _cue_word(cur.head, cues)
        if infinitive and purpose and not described and not (cur.dep_ == "advcl" and _elaborates(cur)):
            # a purpose clause ("struck … to disable threats", "a network to kidnap") is not done yet;
            # under a call it is what is called for ("urging his supporters to strike")
            found.append("demanded" if _called_for(cur, cues) else "hypothetical")
            break
        if cur.head == cur or cur.dep_ not in _CLIMB:
            break
        described = described or _describes_actor(cur)
        if cur.dep_ == "advcl" and _told_past(cur, cues):
            break  # "… before he was expelled": a past clause of time or cause states its own happening
        same_clause = same_clause and cur.dep_ in _SAME_CLAUSE
        path_dep = below.dep_ if below is not cur else ""  # how the word under a preposition hangs on it
        below, cur = cur, cur.head
        factive = cur.dep_ == "prep" and cur.lower_ in cues["factive_preps"] and cur.head.pos_ in ("VERB", "AUX")
        factive = factive and below.dep_ in ("pobj", "pcomp")  # a conjunct hung on the preposition is not its object
        if cur.dep_ == "prep" and cur.lower_ in cues["negating_preps"] and below.dep_ in ("pobj", "pcomp"):
            found.append("negated")  # "attacking without UN approval": the approval was not given
            break
        if factive and below.dep_ == "pcomp" and cur.lower_ == "from" and lemma(cur.head) in cues["preventing_heads"]:
            found.append("negated")  # "was prevented from seizing the port": the seizing did not happen
            break
        charge = lemma(cur.head) in cues["claim_heads"] and cur.lower_ in cues["charge_preps"]
        if factive and lemma(cur.head) not in cues["demand_heads"] and not charge:
            break  # "despite this week's airstrikes": presented as having happened (not "tasked with", "charged with")
        if _disowned(cur, cues):
            break  # "no group has claimed the attack": reported, and nobody's claim
        if cur.pos_ == "NOUN" and lemma(cur) in cues["ending_nouns"] and below.dep_ == "prep":
            break  # "called for an end to the attacks": what is to end is going on
        owner = lemma(cur) in cues["purpose_nouns"] and below.lower_ == "of" and path_dep == "pobj"
        if cur.pos_ == "NOUN" and owner:
            break  # "the aim of the attack": a done happening's aim (but "the aim of attacking": not done)
        cue = _own_cues(cur, cues, is_trigger=False, same_clause=same_clause) or _copula_cue(cur, below, cues)
        if cue == "hypothetical" and _attempt_denied(cur, cues):
            cue = "negated"  # "failed in its bid to storm X", "foiled an attempt to kill Y": it did not happen
        if cue in ("hypothetical", "demanded") and below.dep_ == "nsubj":
            break  # "attacks … threaten to disrupt trade": the subject of a plan or threat exists already
        if cue is None and _leads_to(cur, below, cues):
            cue = "hypothetical"  # "a tip leading to X's detention": the detention may follow, no more
        if cue == "claimed" and below is trigger and below.dep_ == "nsubj" and trigger.pos_ == "NOUN":
            break  # "the blasts claimed 40 lives": a happening claims no credit, it takes lives
        if below is trigger and _patient_of_other_event(trigger, cur):
            break  # "tasked with suppressing the protests": the protests happened, whatever the task
        future = cur.lower_ in cues["future_progressives"] and _going_to(cur, below)
        if cue is None and below.dep_ == "xcomp" and future:
            cue = "hypothetical"  # "the rebels are going to strike the depot": the future, not a motion
        if cue is None and below.dep_ == "prep" and below.lower_ == "to" and lemma(cur) in cues["committal_heads"]:
            cue = "hypothetical"  # "committed to continuing attacks" (but "committed attacks" happened)
        if cue is None and below.dep_ == "prep" and below.lower_ in cues["warning_preps"]:
            cue = "hypothetical" if lemma(cur) in cues["warning_heads"] else None  # "warned of attacks"
        if cue == "hypothetical" and _attempt_denied(cur, cues):
            cue = "negated"  # "refused to commit to any assistance": the commitment was refused
        pending = any(c.dep_ == "advmod" and c.lower_ in cues["pending_adverbs"] for c in cur.children)
        if cue is None and below.dep_ == "xcomp" and lemma(cur) in ("have", "be") and pending:
            cue = "negated"  # "has yet to impose sanctions": not (yet) done
        if cue in ("hypothetical", "demanded") and described:
            continue  # "to stop a senior financier backing the militia": what he does is real
        if cue:
            found.append(cue)
            break
        if cur.dep_ == "relcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            break  # a relative clause states its own happening; an infinitive one ("a network to kidnap") is read next
    return min(found, key=_PRIORITY.__getitem__) if found else "asserted"


def stated(row: dict) -> str:
    """The modality of a stored or exported event row; a row flagged negated is negated whatever
    its modality column says (rows written before the column existed default to asserted)."""
    mod = row.get("modality") or "asserted"
    return "negated" if row.get("negated") and mod == "asserted" else str(mod)


def is_fact(modality_value: str) -> bool:
    """Whether an event of this modality may be drawn as something that happened."""
    return modality_value == "asserted"
