"""Small readings of the dependency parse that every part of event extraction shares.

Which dependents a token has, which preposition objects hang off it, whether two words sit in one
clause, which paragraph a character lies in: kept apart so that trigger detection, arguments,
dates and places read the parse the same way and import each other in one direction only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Penn tags of a finite verb (past, present, modal): a clause of its own, a statement rather than a phrase.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps
        for g in children(c, "pobj")
    ]


def is_hyphen_compound(tok: Token) -> bool:
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text in ("-", "‑", "–") and doc[tok.i - 1].whitespace_ == ""


def clause_verb(prep: Token) -> Token | None:
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


def reaches(tok: Token, trigger: Token, through: frozenset[str] = frozenset()) -> bool:
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


def paragraph_bounds(text: str, pos: int, breaks: str) -> tuple[int, int]:
    """Character bounds of the paragraph holding ``pos``; ``breaks`` is what ends a paragraph
    ("\n\n" in hard-wrapped text, "\n" where each paragraph is one line)."""
    lo = text.rfind(breaks, 0, pos)
    lo = 0 if lo < 0 else lo + len(breaks)
    hi = text.find(breaks, pos)
    return lo, len(text) if hi < 0 else hi


def parallel_patient(prep: Token) -> Token | None:
    """The second patient of a measure given with its own grounds: "designated A for supporting X
    and B for recruiting fighters". The parse often makes B a conjunct of X (the first ground's
    object) and hangs B's "for recruiting" on the first ground; B is then read as supported and A
    as the recruiter. ``prep`` is the second "for"; returned is B when the second "for" hangs on
    the first ground (a gerund under the measure's own "for"), a conjunct stands between them, and
    that conjunct is of the measure patient's kind (a name beside a name, an unnamed noun beside an
    unnamed noun) but not of the first ground object's kind ("funds to X and Y for buying rifles":
    two recipients alike, and a purpose). Else None."""
    ground = prep.head
    if prep.lower_ != "for" or prep.dep_ != "prep" or ground.pos_ != "VERB" or ground.dep_ != "pcomp":
        return None
    first_for = ground.head
    measure = clause_verb(first_for) if first_for.lower_ == "for" and first_for.dep_ == "prep" else None
    trig = lexicon().verbs.get(lemma(measure)) if measure is not None and measure.pos_ == "VERB" else None
    if trig is None or trig.type not in lexicon().words["grounds_types"]:
        return None
    patients = children(measure, "dobj", "nsubjpass")
    starts = [
        t
        for t in ground.subtree
        if t.dep_ == "conj"
        and ground.i < t.head.i < t.i < prep.i
        and t.head.dep_ != "conj"
        and t.pos_ in ("NOUN", "PROPN")
    ]
    if not patients or not starts:
        return None
    second, patient = starts[-1], patients[0]
    alike = second.ent_type_ == patient.ent_type_ or second.pos_ == patient.pos_ == "PROPN"  # a name's type may err
    return second if alike and second.ent_type_ != second.head.ent_type_ else None


def aims_through(prep: Token, verb: Token, preps: frozenset[str] = frozenset({"at"})) -> bool:
    """Whether a preposition after a verb of aiming (``aiming_verbs``) names what is aimed at: "targeted at X",
    "aimed at X". Its object is then a target, never the place of what happened."""
    return prep.lower_ in preps and lemma(verb) in lexicon().words["aiming_verbs"]


def told_as_now(tok: Token) -> bool:
    """Whether a trigger's clause is in the simple present, active or passive ("a car bomb rocks the market",
    "six people are hurt"): the tense a retelling under a heading uses. A modal, the future or a perfect is
    not a retelling of then."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head  # "a car bomb blast rocks …": the noun's clause
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = children(verb, "aux", "auxpass")
    if any(a.tag_ in ("MD", "VBD") or a.lower_ in ("has", "have", "will") for a in auxes):
        return False
    return verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and any(a.tag_ in ("VBZ", "VBP") for a in auxes))
