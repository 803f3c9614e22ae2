"""Attributions through a predicate adjective: "X is confident that …", "X was eager to …", "it is unclear whether …".

Political news reports much of what people hold through a copula and an adjective rather than a verb of saying:
"the ministry is confident that the road will reopen", "some farmers were worried that …", "the council is eager
to settle". PARC-style gold (PolNeAR) annotates them as attributions, the copula with its adjective being the cue,
the subject the source and the adjective's clause or infinitive the content. Which adjectives do so is a word
class of ``cues.yaml``: adjectives of a state of mind take a clause (``attitude_adjectives``, kind belief),
adjectives of will their subject's own infinitive (``intent_adjectives``, kind stance; "sure to", "likely to"
raise their subject and hold nothing). With an expletive "it" or a clause for subject, an adjective that weighs a
proposition ("it is unclear whether …", "it is likely that …", ``evaluative_adjectives``) is the writer's: an
attribution without a source, kept as kind hedge, never anyone's claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.quote_content import opening_that
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_people import quoted_at
from threatgraph.extract.quote_raising import finite_clause, subtree_edges
from threatgraph.extract.quote_speakers import Attribution, source_actor, unnamed_people

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Linking verbs that predicate an adjective of their subject ("is", "became", "remained", "felt").
_COPULAS = frozenset(("be", "become", "remain", "stay", "feel", "grow"))


@dataclass(frozen=True, slots=True)
class Attitude:
    """One attribution through a predicate adjective: who holds it (``att``, its cue the adjective), the content's
    characters, the cue's characters (the copula with its adjective, an expletive "it" before them included) and
    the kind (belief, stance or hedge)."""

    att: Attribution
    content: tuple[int, int]
    cue: tuple[int, int]
    kind: str


def _frame(adj: Token) -> tuple[Token, list[Token]] | None:
    """The linking verb an adjective is predicated through and the subjects of the predication ("are concerned",
    "are not confident and wary"; "was worried" parsed as a passive with the adjective for its head); None for an
    adjective in a noun phrase, fronted before its verb or after a verb that links nothing."""
    if adj.dep_ == "conj" and adj.head.pos_ == "ADJ":
        adj = adj.head
    linked = [c for c in adj.children if c.dep_ in ("auxpass", "cop") and c.i < adj.i and lemma(c) in _COPULAS]
    if linked:
        return linked[0], [c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    if adj.dep_ not in ("acomp", "oprd") or adj.head.i > adj.i:
        return None  # "even more confusing is whether …": a fronted adjective is the writer's figure of speech
    head = adj.head
    if head.pos_ not in ("AUX", "VERB") or lemma(head) not in _COPULAS:
        return None
    return head, [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]


def _clause(adj: Token, copula: Token) -> Token | None:
    """The finite clause an adjective takes, hung on the adjective or, after it, on the copula."""
    for c in (*adj.rights, *(c for c in copula.rights if c.i > adj.i)):
        if c.dep_ == "ccomp" and finite_clause(c):
            return c
    return None


def _infinitive(adj: Token) -> Token | None:
    """The "to" infinitive an adjective takes ("eager to settle")."""
    return next(
        (c for c in adj.rights if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None,
    )


def _content(head: Token) -> tuple[int, int]:
    """A clause's characters without the complementiser "that" (PARC 3.0's convention, the test shared with a
    verb's content: ``opening_that``) and without punctuation at its ends; an opener of a question ("whether",
    "if", a wh- word) is kept, as the hedge reads it for its own."""
    start, end = subtree_edges(head)
    first = head.left_edge
    if opening_that(first) and first.i < head.i:
        start = head.doc[first.i + 1].idx
    return start, end


def _cue(adj: Token, copula: Token, subject: Token | None) -> tuple[int, int]:
    first = min(copula.i, subject.i if subject is not None and subject.lower_ == "it" else copula.i, adj.i)
    return adj.doc[first].idx, adj.idx + len(adj)


def adjective_attitude(adj: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()) -> Attitude | None:
    """The attribution an adjective predicated through a copula makes, or None (see the module's docstring)."""
    if adj.pos_ != "ADJ":
        return None
    frame = _frame(adj)
    if frame is None:
        return None
    copula, subjects = frame
    data = cues()
    word = adj.lower_
    expletive = next((s for s in subjects if s.dep_ == "expl" or (s.lower_ == "it" and s.pos_ == "PRON")), None)
    clausal = next((s for s in subjects if s.dep_ == "csubj"), None)
    nominal = next((s for s in subjects if s.dep_ in ("nsubj", "nsubjpass") and s is not expletive), None)
    if expletive is not None or (clausal is not None and nominal is None):
        if word not in data["evaluative_adjectives"]:
            return None
        clause = _clause(adj, copula) if expletive is not None else clausal
        if clause is None or not finite_clause(clause):
            return None
        return Attitude(Attribution(adj, None, None), _content(clause), _cue(adj, copula, expletive), "hedge")
    if nominal is None or quoted_at(nominal, quoted):
        return None
    clause = _clause(adj, copula) if word in data["attitude_adjectives"] else None
    infinitive = _infinitive(adj) if clause is None and word in data["intent_adjectives"] else None
    if clause is None and infinitive is None:
        return None
    att = Attribution(adj, source_actor(nominal, index, quoted), nominal)
    if att.speaker is None and not unnamed_people(att):
        return None  # "which is sure that …": a relative or a thing holds no attitude the text names
    kind = "belief" if clause is not None else "stance"
    content = _content(clause) if clause is not None else subtree_edges(infinitive)  # type: ignore[arg-type]
    return Attitude(att, content, _cue(adj, copula, None), kind)


def attitudes(
    index: MentionIndex, quoted: tuple[tuple[int, int], ...], outside: list[tuple[int, int]]
) -> list[Attitude]:
    """Each attribution through a predicate adjective outside the spans ``outside`` (quotations, headings)."""
    out = []
    for tok in index.doc:
        if tok.pos_ != "ADJ" or any(s <= tok.idx < e for s, e in outside):
            continue
        found = adjective_attitude(tok, index, quoted)
        if found is not None and found.content[0] < found.content[1] and not _overlaps(found, tok):
            out.append(found)
    return out


def _overlaps(found: Attitude, adj: Token) -> bool:
    """Whether a content takes in its own cue (a parse that hung the clause around the adjective)."""
    return found.content[0] <= adj.idx < found.content[1]
