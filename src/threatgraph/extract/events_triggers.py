"""Which PLOVER trigger a token is, if any: verbs, light verbs with their objects, nouns, hyphenated compounds.

The lexicon (``plover.yaml``) gives a word's type; the token's own clause decides whether it is
used in that sense: an idiom ("strikes a blow"), a command framing another act ("directed troops
to withdraw"), a context that retypes an ambiguous verb ("Treasury targeted X"), a threat made
rather than a danger assessed, force done by an act of law. :func:`trigger_of` is the one entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import Trigger, lexicon
from threatgraph.extract.events_syntax import children, is_hyphen_compound, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token


def _code_part(tok: Token) -> bool:
    """Whether a capitalised word is a piece of a code joined by hyphens ("tail number QX-ZOR",
    "UN-ARM-7"): letters of an identifier, not a word."""
    if not tok.text.isupper():
        return False
    doc = tok.doc
    before = tok.i > 0 and doc[tok.i - 1].text in ("-", "‑") and not doc[tok.i - 1].whitespace_
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "‑") and not tok.whitespace_
    return before or after


def _frame_objects(tok: Token) -> set[str]:
    """The lemmas (and words) a light verb acts on: its object, the objects coordinated with it
    ("moved cash, rifles and fuel") and what an amount or container holds ("shipments of
    weapons", "dozens of firearms", "bags of currency"): the goods, not the wrapping, type the frame."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [x for h in list(heads) for x in h.conjuncts]
    quantity = lexicon().words["quantity_nouns"]
    held = [g for h in heads if lemma(h) in quantity or h.lower_ in quantity for g in prep_objects(h, ("of",))]
    heads += held + [x for h in held for x in h.conjuncts]
    return {w for h in heads for w in (lemma(h), h.lower_)}


def _frame_trigger(tok: Token) -> Trigger | None:
    frames = lexicon().frames.get(lemma(tok))
    if not frames:
        return None
    objects = _frame_objects(tok)
    heads = [g for c in tok.children if c.dep_ in ("prep", "dative") for g in c.children]
    # "put on the Ruritanian (…) sanctions list": the parser may hang the list off its owner
    pobjs = {lemma(x) for g in heads for x in (g, *(a for a in g.children if a.dep_ == "appos"))}
    for frame in frames:
        if objects & frame.objects or pobjs & frame.pobjs:
            return frame.trigger
    return None


def _idiom(tok: Token, lem: str) -> bool:
    """ "strikes a significant blow", "executed the plan", "refused to be identified": the object (or the
    infinitive) makes the verb an idiom; a verb that kills only people ("execute") with an object that
    is no person carries something out."""
    idioms = lexicon().types_data.get("idiom_objects", {}).get(lem)
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if bool(idioms) and any(lemma(c) in idioms for c in objects + children(tok, "xcomp")):
        return True
    return lem in lexicon().words["person_object_verbs"] and any(not _a_person(c) for c in objects)


def _against_abstraction(noun: Token) -> bool:
    """Whether an attack noun is aimed at an abstraction only ("the fight against terrorism", "a war on
    crime", ``abstract_foes``): a figure of speech for a policy, not a use of force on anyone."""
    foes = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("against", "on") for g in children(c, "pobj")]
    return bool(foes) and all(lemma(g) in lexicon().words["abstract_foes"] for g in foes)


def _a_person(tok: Token) -> bool:
    """Whether a word names people: a person's name, a pronoun, a noun for people or fighters."""
    if tok.ent_type_ in ("PERSON", "NORP") or tok.pos_ == "PRON":
        return True
    words = lexicon().words
    lem = lemma(tok)
    if lem in words["quantity_nouns"] or tok.lower_ in words["quantity_nouns"]:
        return any(_a_person(g) for g in prep_objects(tok, ("of",)))  # "hundreds of people were questioned"
    kinds = ("person_nouns", "actor_nouns", "militant_nouns", "member_nouns")
    return any(lem in words[k] or tok.lower_ in words[k] for k in kinds)


def _issued(noun: Token) -> bool:
    """Whether a threat noun names a threat someone made ("a new threat by X", "X issued a threat
    against Y", "threats against the clinic") rather than an assessment of someone ("X remains a threat",
    "a threat to peace"): a threat aimed "against" someone is made by someone, a danger "to" something is not."""
    if prep_objects(noun, ("by", "against")):
        return True
    head = noun.head
    return noun.dep_ == "dobj" and lemma(head) in lexicon().words["issuing_verbs"]


def _landed(noun: Token) -> Trigger | None:
    """A weapon that lands ("a rocket landed near the embassy", "a gasoline bomb fell into the yard"): the
    weapon's arrival is the attack, told by its instrument (``landing_verbs``)."""
    words = lexicon().words
    lem = lemma(noun)
    if noun.dep_ != "nsubj" or lem not in words["instrument_nouns"] or lemma(noun.head) not in words["landing_verbs"]:
        return None
    return Trigger("ASSAULT", "attack")


def helped_ones(verb: Token) -> list[Token]:
    """Whom a verb of aid (``beneficiary_verbs``) helps: its object ("helped the refugees"), a passive subject
    ("were helped by X") or the subject of the deed it helps with ("helped the country rebuild its police", where
    the parse makes the country the subject of "rebuild")."""
    found = children(verb, "dobj", "nsubjpass")
    return found or [s for c in children(verb, "ccomp") for s in children(c, "nsubj")]


def _sited(noun: Token) -> Trigger | None:
    """A bomb told by where it went off ("the bomb outside the consulate was the largest in years", "then a second
    bomb at a bank"): an explosive (``explosive_nouns``) with a phrase placing it at a structure (``site_preps`` +
    ``site_nouns``) names the blast, when it is what the clause is about (the subject of "be" or a verbless
    phrase). A bomb someone finds, defuses or carries is an object or a passive subject, and no attack."""
    words = lexicon().words
    if lemma(noun) not in words["explosive_nouns"]:
        return None
    if not (noun.dep_ == "ROOT" or (noun.dep_ == "nsubj" and lemma(noun.head) == "be")):
        return None
    sites = [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in words["site_preps"]
        for o in p.children
        if o.dep_ == "pobj" and lemma(o) in words["site_nouns"]
    ]
    return Trigger("ASSAULT", "explosives") if sites else None


def _given(noun: Token) -> bool:
    """Whether a warning is told as given by someone: its owner ("our warning", "Moscow's ultimatum") or
    "from" whom it came ("stern warnings from Moscow"); a bare or compound one ("travel warnings") is not."""
    return bool(children(noun, "poss") or prep_objects(noun, ("from",)))


def _pronounced(noun: Token) -> bool:
    """Whether an assessment noun is someone's pronounced judgement: the object of a verb of judging
    ("authorities cited the danger he posed", "officials described X as a threat", "deemed a risk"),
    through a list of them, or the content of someone's saying ("X remains a threat, experts say");
    anywhere else it is the text's own characterisation, no act of anyone."""
    head = noun
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    clause = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    words = lexicon().words
    if clause is not None and clause.dep_ in ("ccomp", "parataxis") and lemma(clause.head) in words["speech_verbs"]:
        return True  # "X remains a threat, experts say"
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ == "as":  # "described X as a threat"
        verb = verb.head
    elif head.dep_ not in ("dobj", "oprd", "attr", "nsubjpass"):
        return False
    return verb.pos_ == "VERB" and lemma(verb) in words["judging_verbs"]


def _transferred(noun: Token) -> bool:
    """Whether goods are told as passing from someone or to someone: "weapons from Iran", "money for
    the militia", "Iran's weapons", "weapons supplied by X" (not "using advanced weapons")."""
    if prep_objects(noun, ("from", "to", "for", "by")) or children(noun, "poss"):
        return True
    if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in noun.children):
        return True
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None  # "received money from Iran"
    if verb is None or verb.pos_ != "VERB":
        return False
    return lemma(verb) in lexicon().words["receiving_verbs"] or bool(prep_objects(verb, ("from", "to")))


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
        for arg in children(cur, "nsubj", "nsubjpass", "agent"):
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
    if sense is None or not children(tok, "dobj", "ccomp"):
        return trig
    return None if sense == "NONE" else Trigger(sense, lem)


def _threat_act(tok: Token) -> bool:
    """Whether "threaten" names a threat someone makes (PLOVER THREATEN: "threatened to attack",
    "threatened them with …", "threatened that …", "threatened the US") rather than a danger to a
    state of things ("continue to threaten the peace and stability of X")."""
    if children(tok, "ccomp") or prep_objects(tok, ("with",)):
        return True
    if any(a.dep_ == "aux" and a.lower_ == "to" for c in children(tok, "xcomp") for a in c.children):
        return True
    words = lexicon().words
    for obj in children(tok, "dobj"):
        if obj.ent_type_ or obj.pos_ in ("PRON", "PROPN"):
            return True
        if lemma(obj) in words["actor_nouns"] or lemma(obj) in words["militant_nouns"]:
            return True
    return not children(tok, "dobj")


def _self_moving_person(tok: Token) -> bool:
    """ "She had moved to the capital": one person moving is travel, not a deployment of forces."""
    if children(tok, "dobj"):
        return False
    subjects = children(tok, "nsubj")
    return bool(subjects) and all(s.ent_type_ == "PERSON" or s.lower_ in ("he", "she", "i") for s in subjects)


def _said_of_a_party(noun: Token) -> bool:
    """Whether a noun naming people by what they do ("supporter") is said of someone: a predicate ("X is a key
    supporter of Y", "named X a supporter"), an apposition ("X, the main supporter of Y") or a role one is
    described "as"; through a list of them ("a supporter and financier of Y")."""
    head = noun
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ in ("attr", "appos", "oprd"):
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "as"


def _sends_a_thing(tok: Token, lem: str) -> bool:
    """Whether a verb of sending (``sending_verbs``) moves a thing rather than a force: "letters were sent", "a
    notice sent by the ministry to border posts". What is sent is the object, the passive subject or the noun a
    participle describes; a deployment moves people (any noun for actors or people, a name, a pronoun) or the craft
    and arms of war (``deployed_means``)."""
    words = lexicon().words
    if lem not in words["sending_verbs"]:
        return False
    sent = children(tok, "dobj", "nsubjpass")
    if not sent and tok.dep_ == "acl" and tok.tag_ == "VBN":
        sent = [tok.head]  # "a notice sent by the ministry"
    kinds = ("actor_nouns", "member_nouns", "militant_nouns", "person_nouns", "quantity_nouns", "deployed_means")
    return bool(sent) and all(
        s.pos_ == "NOUN" and not s.ent_type_ and not any(lemma(s) in words[k] or s.lower_ in words[k] for k in kinds)
        for s in sent
    )


def _state_visit(tok: Token) -> bool:
    """Whether a verb of visiting tells a party's visit (PLOVER CONSULT): the visited is a named state, city or
    person ("Annan visits Baghdad"), and the visitor, the verb's subject or, for "looking forward to visiting",
    the subject of the clause it completes, is not a whole people ("Americans visiting Kenya" travel)."""
    words = lexicon().words
    visited = children(tok, "dobj")
    if not visited or visited[0].ent_type_ not in words["visited_entities"]:
        return False
    if not children(tok, "nsubj") and any(c.lower_ in words["travel_marks"] for c in children(tok, "advmod", "mark")):
        return False  # "exercise caution when visiting X": anyone's travel, whoever the parse hangs it on
    cur = tok
    for _ in range(3):
        subjects = children(cur, "nsubj")
        if subjects:
            return subjects[0].ent_type_ not in words["visitor_non_entities"]
        if cur.head == cur:
            break
        cur = cur.head
    return True


def _describes_happening(tok: Token) -> bool:
    """Whether an approval authorises a happening rather than agreeing with a party: a participle on the
    happening ("the strike approved by the cabinet and carried out on Tuesday") or a happening as its object
    ("approved the use of force against protesters", "approved the raids"). It tells how that happening came
    about, with the happening's own dates and places, not a second event of agreeing."""
    lex = lexicon()

    def happening(noun: Token) -> bool:
        return noun.pos_ == "NOUN" and (lex.nouns.get(lemma(noun)) or lex.nouns.get(noun.lower_)) is not None

    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return happening(tok.head)
    uses = lex.words["use_nouns"]
    for obj in children(tok, "dobj"):
        if happening(obj) or (lemma(obj) in uses and any(happening(g) for g in prep_objects(obj, ("of",)))):
            return True
    return False


def _act_doers(tok: Token) -> list[Token]:
    """Who does a verb or noun trigger, as far as an act noun can: subject, "by"-agent, possessor,
    or the noun a participle hangs off ("measures targeting X")."""
    doers = children(tok, "nsubj", "poss") + prep_objects(tok, ("by",))
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


def trigger_of(tok: Token) -> tuple[Trigger, str] | None:
    """The trigger meaning of a token and how it is used: verb, frame, noun or compound."""
    lex = lexicon()
    lem = lemma(tok)
    if tok.pos_ in ("VERB", "ADJ") and tok.dep_ == "amod" or (tok.dep_ == "amod" and is_hyphen_compound(tok)):
        trig = lex.compounds.get(tok.lower_)
        if trig and (is_hyphen_compound(tok) or any(c.dep_ == "npadvmod" for c in tok.children)):
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
        if sensed.type == "DEPLOY" and (_self_moving_person(tok) or _sends_a_thing(tok, lem)):
            return None
        if lem in lex.words["visiting_verbs"] and not _state_visit(tok):
            return None
        if lem in lex.words["beneficiary_verbs"] and not helped_ones(tok):
            return None  # "helped hang a poster": taking part in a deed, no aid to anyone
        if sensed.type in lex.words["authorising_types"] and _describes_happening(tok):
            return None
        acted = _by_legal_act(tok, lem, _in_context(tok, lem, sensed))
        return (acted, "verb") if acted else None
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":  # "sanctions list" is a list
        if _code_part(tok):
            return None
        trig = lex.nouns.get(lem) or lex.nouns.get(tok.lower_) or _landed(tok) or _sited(tok)
        if trig is None:
            return None
        refined = lex.types_data["subtype_modifiers"]
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ in refined:
                trig = Trigger(trig.type, refined[child.lower_])
        if (lem in lex.words["goods_nouns"] or tok.lower_ in lex.words["goods_nouns"]) and not _transferred(tok):
            return None
        if lem in lex.words["people_triggers"] and not _said_of_a_party(tok):
            return None  # "the general's supporters began a rally": people acting, no act of support
        if trig.type in lex.words["thing_target_types"] and _against_abstraction(tok):
            return None  # "the battle against terrorism": a policy, no use of force
        if lem in lex.words["issued_nouns"] and not (_issued(tok) or _given(tok)):
            return None  # "travel warnings", "early warning": nobody gives them
        if lem in lex.words["assessment_nouns"] and _issued(tok):
            trig = Trigger("THREATEN", "threaten")  # "a threat by X", "X issued threats": an act, not a judgement
        elif lem in lex.words["assessment_nouns"] and not _pronounced(tok):
            return None
        acted = _by_legal_act(tok, lem, trig)
        return (acted, "noun") if acted else None
    return None
