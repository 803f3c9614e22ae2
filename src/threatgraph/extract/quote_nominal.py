"""Nominal attributions: a noun of saying with its source and a that-clause ("Ada Roe's claim that …").

Political news reports much of what people said through nouns rather than verbs: "the minister's assertion
that the port was safe", "the claim by the ministry that …", "her view is that …". PARC annotates them as
attributions with the noun as cue. The noun's complement clause (opened by the complementiser "that",
never a relative clause on the noun, "the claim that he repeated") is the content; the source is the noun's
possessor or its "by"/"from"/"of" phrase, resolved like any speaker. A noun with no source ("the claim that
the port was mined") is the writer's report of an unnamed claim and attributes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_people import quoted_at
from threatgraph.extract.quote_speakers import Attribution, source_actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def nominal_attributions(index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> list[tuple[Attribution, Span]]:
    """Each noun of saying outside quotation marks with a source and a that-clause, and that clause."""
    out = []
    nouns = cues()["nominal_cues"]
    for tok in index.doc:
        if tok.pos_ != "NOUN" or lemma(tok) not in nouns or quoted_at(tok, quoted):
            continue
        clause = _complement(tok)
        if clause is None or len(clause) < 3:
            continue
        source = _source(tok)
        if source is None or quoted_at(source, quoted):
            continue
        speaker = source_actor(source, index, quoted)
        if speaker is not None:
            out.append((Attribution(tok, speaker, source), clause))
    return out


def _complement(noun: Token) -> Span | None:
    """The that-clause a noun of saying takes: a clause on the noun opened by "that" as its complementiser
    ("the claim that the port was mined"), or the clause a copula gives it ("her view is that …")."""
    doc = noun.doc
    heads = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")]
    if noun.dep_ == "nsubj" and lemma(noun.head) == "be":
        heads += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i]
    for head in heads:
        marks = [c for c in head.children if c.lower_ == "that" and c.dep_ == "mark" and c.i < head.i]
        if not marks:
            continue  # "the claim he repeated", "the statement that followed": a relative clause, no content
        toks = [t for t in head.subtree if t.i > marks[0].i and not t.is_space]
        while toks and (toks[-1].is_punct or toks[-1].text in ("”", '"', "''")):
            toks.pop()
        return doc[toks[0].i : toks[-1].i + 1] if toks else None
    return None


def _source(noun: Token) -> Token | None:
    """Whose the noun's saying is: its possessor ("Ada Roe's claim"), or the object of "by", "from" or "of"
    on it ("the claim by the ministry", "a statement from the governor")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    return None


def colon_attribution(
    doc: Doc, start: int, index: MentionIndex, quoted: tuple[tuple[int, int], ...]
) -> Attribution | None:
    """The source of a quotation opened right after a colon that closes a noun of saying with a source of its
    own ("a quotation from the poet:", "a message from the governor:", "the statement by the ministry:"): the
    noun is the cue and its "from"/"by"/"of" object or possessor the source, whatever verb the sentence has
    ("the memorial bears …", "she read out …")."""
    opening = doc.char_span(start - 1, start, alignment_mode="expand")
    if opening is None or opening.start < 2:
        return None
    colon = next((t for t in reversed(doc[: opening.start]) if not (t.is_space or t.text in _OPENING)), None)
    if colon is None or colon.text != ":":
        return None
    nouns = cues()["nominal_cues"] | cues()["document_nouns"]
    for tok in reversed(doc[colon.sent.start : colon.i]):
        if tok.pos_ == "NOUN" and lemma(tok) in nouns and tok.right_edge.i == colon.i - 1:
            source = _source(tok)
            if source is None or quoted_at(source, quoted):
                return None
            speaker = source_actor(source, index, quoted)
            return Attribution(tok, speaker, source) if speaker is not None else None
    return None


_OPENING = frozenset(("“", '"', "«", "„", "''"))
