"""Trigger words that name no happening: what a law covers, what anyone does, a statute's alternatives.

"Decree 7 covers anyone funding rebels", "all who fund them", "listed for having armed, housed,
or paid the militia": the words of a trigger are there, but the sentence states a rule or a
ground, not an act somebody did. These checks read the clause around the trigger (its doers, the
"for" of a designation and the "or"s of its list) so that such words yield no event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.events_syntax import FINITE_TAGS, children, clause_verb

if TYPE_CHECKING:
    from spacy.tokens import Token


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
    for subj in children(verb, "nsubj", "nsubjpass"):
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


_KNOWN_DETS = frozenset({"the", "this", "these", "that", "those"})


def _one_happening(tok: Token) -> bool:
    """Whether a trigger is a definite noun naming one known happening ("the bombing of the depot", "last
    week's raid"): "those responsible for the bombing" leaves the doer open, but the bombing happened; only an
    act told as what anyone does ("those who fund them", "anyone funding attacks") is general."""
    return tok.pos_ == "NOUN" and any(
        (c.dep_ == "det" and c.lower_ in _KNOWN_DETS) or c.dep_ == "poss" for c in tok.children
    )


def in_law_or_generic(tok: Token) -> bool:
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
        if _done_by_head(cur) and not _one_happening(tok):  # "all who fund them", "those funding rebels"
            head = cur.head
            if head.lower_ in generic or any(c.dep_ == "det" and c.lower_ in dets for c in head.children):
                return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def legal_ground(tok: Token) -> bool:
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
    return after_measure_for(tok, ("SANCTION",), min_ors=2)


def after_measure_for(tok: Token, types: tuple[str, ...] | frozenset[str], min_ors: int = 0) -> bool:
    """Whether a trigger follows the "for" of a measure of one of ``types`` in its sentence
    ("designated X … for …", "imposed sanctions on X for …"), with at least ``min_ors`` "or"s in
    between and no new clause with a doer of its own opening in between."""
    lex = lexicon()
    for verb in tok.sent:
        if verb.i >= tok.i:
            return False
        if verb.pos_ != "VERB":
            continue
        kinds = [lex.verbs.get(lemma(verb))] + [lex.nouns.get(lemma(o)) for o in children(verb, "dobj")]
        if not any(k is not None and k.type in types for k in kinds):
            continue
        # "listed X for …", "listed X under Decree 4 for …", "listed X as a terrorist under Decree 4 for …"
        fors = [c for c in verb.subtree if c.lower_ == "for" and verb.i < c.i < tok.i and clause_verb(c) == verb]
        if not fors:
            continue
        between = tok.doc[fors[0].i + 1 : tok.i]
        ors = sum(t.lower_ == "or" and t.dep_ in ("cc", "preconj") for t in between)
        new_clause = any(t.head.i > fors[0].i and t.head.tag_ in FINITE_TAGS and _own_subject(t.head) for t in between)
        if ors >= min_ors and not new_clause:
            return True
    return False
