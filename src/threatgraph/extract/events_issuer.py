"""The issuer of a release as the doer of the measures it announces without naming a doer.

A designation release names its author once, in its lead ("Today, the finance ministry listed
X …"), and then speaks in its own voice: "Y is designated for
…", "all property of these persons is blocked", "this action freezes …". English marks that
voice by tense and deixis: a present-tense passive with no agent, or a measure called "this" or
"today's", is the act the release performs; a past passive ("X was designated in 2012") is a
historical act whose author the text does not give, and stays without a doer.

The issuer is the doer the document itself names for its first measure, and only a body that can
impose one (a public body or a state): no outlet name or guess from outside the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import Actor
from threatgraph.extract.events_lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Labels of actors that can impose a measure in their own name.
ISSUER_LABELS = frozenset({"PublicBody", "Country"})
_PRESENT = frozenset({"VBZ", "VBP"})  # "is designated", "are blocked", "has been frozen"


def issuer(measures: Sequence[tuple[Token, str, list[Actor]]]) -> tuple[int, Actor] | None:
    """The first measure's own doer that is a public body or a state, with its trigger's index.

    ``measures`` are (trigger, type, doers named by the trigger's own arguments) in text order.
    """
    kinds = lexicon().words["issued_types"]
    for tok, kind, doers in measures:
        if kind not in kinds:
            continue
        for actor in doers:
            if actor.group >= 0 and actor.label in ISSUER_LABELS:
                return tok.i, actor
    return None


def _deictic(tok: Token) -> bool:
    """Whether a word is pointed at the release itself: "this action", "today's designation",
    "those designated today"."""
    marks = lexicon().words["release_deixis"]
    return any(c.lower_ in marks and c.dep_ in ("det", "poss", "npadvmod", "advmod") for c in tok.children)


def performed(tok: Token) -> bool:
    """Whether a measure's trigger is said in the voice of the release that performs it.

    A verb: passive, with no agent, and either finite in the present ("is designated", "have been
    frozen") or pointed at today; a verb whose subject or head is a noun pointed at the release
    ("this step freezes", "this step to block"); a noun itself so pointed ("today's designation").
    """
    if tok.pos_ in ("NOUN", "PROPN"):
        return _deictic(tok)
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ == "NOUN" and _deictic(tok.head):
        return True  # "this step to block X's funds"
    if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and _deictic(c) for c in tok.children):
        return True  # "today's action blocks the property of …"
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if not any(c.dep_ == "auxpass" for c in auxes) and not (tok.tag_ == "VBN" and tok.dep_ == "acl"):
        return False
    if _deictic(tok):
        return True  # "those designated today"
    # the tense is the finite auxiliary's (a parse may take a name's first word for an auxiliary)
    finite = next((a for a in auxes if a.tag_ in (*_PRESENT, "VBD", "MD")), None)
    return finite is not None and finite.tag_ in _PRESENT


def release_sources(measures: Sequence[tuple[Token, str, list[Actor]]], linked: dict[int, Actor]) -> dict[int, Actor]:
    """Doers for measures after the issuer's first one that name none (by their own arguments or by
    ``linked``, the links between event mentions) and are said in the release's own voice."""
    found = issuer(measures)
    if found is None:
        return {}
    first, actor = found
    kinds = lexicon().words["issued_types"]
    return {
        tok.i: actor
        for tok, kind, doers in measures
        if tok.i > first and kind in kinds and not doers and tok.i not in linked and performed(tok)
    }


def statutory_sources(measures: Sequence[tuple[Token, str, list[Actor]]], linked: dict[int, Actor]) -> dict[int, Actor]:
    """Doers the law gives a designation the text leaves without one: X listed as an FTO was listed
    by the one body that statute empowers to do it (list data in
    ``plover.yaml`` ``designating_authorities``; a designation several bodies make is not listed)."""
    lex = lexicon()
    authorities: dict[str, str] = lex.types_data["designating_authorities"]
    kinds = lex.words["issued_types"]
    out: dict[int, Actor] = {}
    for tok, kind, doers in measures:
        if kind not in kinds or doers or tok.i in linked:
            continue
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"):
            said = " ".join(t.lower_ for t in prep.subtree)
            body = next((who for what, who in authorities.items() if f" {what} " in f" {said} "), None)
            if body is not None:
                out[tok.i] = Actor(body, -1, "PublicBody")
    return out
