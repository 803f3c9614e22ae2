"""Attributions without a source: hedges ("Ada Roe seemed to waver", "is expected to") and unasked questions.

PARC-style gold (PolNeAR) annotates "X seems/appears to Y" as an attribution with no source: the writer presents
the proposition "X Y" as an appearance. The cue is the verb, the content its subject and its complement (two parts
around the verb) or, after an expletive "it", the clause it takes. Nobody is quoted, so the product keeps it as
kind ``hedge`` (``cues.yaml``), never shown as anyone's claim; a verb of appearance without a complement ("appeared
on television", "appeared in court") is an act, not an appearance. A question put by someone the text leaves
unnamed ("Asked whether the mill would close, she …", "she was asked if …") is PolNeAR's sourceless attribution
too: the question verb is the cue and the question clause, its opener kept, the content (kind question).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_syntax import FINITE_TAGS
from threatgraph.extract.quote_cues import cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Dependents that complete a raising verb: an infinitive or predicate ("to be …", "paralyzed", "ready to …").
_COMPLEMENTS = frozenset(("xcomp", "acomp", "attr", "oprd"))


def subtree_edges(tok: Token) -> tuple[int, int]:
    """Characters of a token's subtree without punctuation at its ends."""
    words = [t for t in tok.subtree if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if not words:
        return tok.idx, tok.idx + len(tok)
    return words[0].idx, words[-1].idx + len(words[-1])


def hedge_parts(verb: Token) -> list[tuple[int, int]] | None:
    """The content of a verb of appearance as character spans: its subject and its complement ("Ada Roe … to be
    wavering"), or the clause after an expletive subject ("it appears that the talks failed"); None when the
    verb raises nothing (no complement, a relative or question word for a subject, an object of its own). A passive
    of ``raising_passives`` with its infinitive ("Ada Roe is expected to win") is read the same way."""
    if verb.pos_ != "VERB":
        return None
    word = lemma(verb)
    if word in cues()["raising_passives"]:
        return _passive_parts(verb)
    if word not in cues()["raising_verbs"]:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if len(subjects) != 1 or subjects[0].tag_ in ("WP", "WDT", "WP$") or subjects[0].dep_ == "nsubjpass":
        return None
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    subject = subjects[0]
    if subject.lower_ == "it" and subject.pos_ == "PRON":
        clause = next((c for c in verb.rights if c.dep_ in ("ccomp", "advcl") and finite_clause(c)), None)
        return [subtree_edges(clause)] if clause is not None else None
    complement = next((c for c in verb.rights if c.dep_ in _COMPLEMENTS), None)
    if complement is None or subject.pos_ == "PRON" and subject.lower_ in ("this", "that", "which"):
        return None
    return [subtree_edges(subject), subtree_edges(complement)]


def _passive_parts(verb: Token) -> list[tuple[int, int]] | None:
    """ "X is expected to win": the passive subject before the verb and the infinitive after it; "it is reported
    that …": the clause after it."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    if len(subjects) != 1 or subjects[0].tag_ in ("WP", "WDT", "WP$"):
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if subjects[0].lower_ == "it":  # "it was reported that …": the clause is said, by nobody the text names
        clause = next((c for c in verb.rights if c.dep_ == "ccomp" and finite_clause(c)), None)
        return [subtree_edges(clause)] if clause is not None else None
    infinitive = next(
        (c for c in verb.rights if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None,
    )
    return [subtree_edges(subjects[0]), subtree_edges(infinitive)] if infinitive is not None else None


def finite_clause(tok: Token) -> bool:
    """Whether a clause head is finite, itself or through its auxiliary ("it appears that the talks failed")."""
    return tok.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in tok.children)


def hedges(doc: Doc, outside: list[tuple[int, int]]) -> list[tuple[Token, list[tuple[int, int]]]]:
    """Each verb of appearance with its content parts, outside the spans ``outside`` (quotations, headings)."""
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or any(s <= tok.idx < e for s, e in outside):
            continue
        parts = hedge_parts(tok)
        if parts is not None and all(a < b for a, b in parts):
            out.append((tok, parts))
    return out


def unnamed_question(verb: Token) -> tuple[int, int] | None:
    """The question clause of a question verb with no subject of its own or a passive one ("Asked whether …",
    "was asked if …"): "whether"/"if" marking the clause, or a wh- word opening it, with the clause; None when
    the verb has an active subject (``quote_content.asks`` reads that asker's question) or no such clause."""
    if verb.pos_ != "VERB" or lemma(verb) not in cues()["question_verbs"]:
        return None
    if any(c.dep_ in ("nsubj", "csubj", "expl") for c in verb.children):
        return None
    for clause in (c for c in verb.rights if c.dep_ == "ccomp"):
        first = next((t for t in clause.subtree if not (t.is_punct or t.is_space)), None)
        if first is None:
            continue
        opener = first.lower_ in ("whether", "if") and first.dep_ == "mark" and first.head.i == clause.i
        if opener or first.tag_ in ("WP", "WRB", "WDT"):
            return subtree_edges(clause)
    return None


def unnamed_questions(doc: Doc, outside: list[tuple[int, int]]) -> dict[int, tuple[Token, tuple[int, int]]]:
    """Each question put by an unnamed asker outside the spans ``outside``, by the index of its verb, with its
    question clause. The one place that reads them: the verb is no cue of a claim of its own (its subject, if any,
    is passive) and the clause, when it has characters, is a sourceless attribution; a question verb whose
    clause is empty stays here too, so that no other reading takes it for a claim."""
    out = {}
    for tok in doc:
        if tok.pos_ == "VERB" and not any(s <= tok.idx < e for s, e in outside):
            span = unnamed_question(tok)
            if span is not None:
                out[tok.i] = (tok, span)
    return out
