"""The kind of an attribution: speech, written, according-to, belief/stance or a report's finding.

PARC-style gold (PolNeAR) annotates as attributions far more than sayings: "X wrote", "according to X",
"X believes / wants / expects that …" and "a new poll shows …". The product extracts every kind with the same
source/cue/content spans and records which kind it is, so an analyst can tell a minister's statement from the
writer's report of her belief or a survey's figure, and what the product calls a quote (a claim; the kinds in
``cues.yaml``'s ``quote_kinds``) is not diluted by stances and questions. The words live in ``cues.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.quote_cues import cues

if TYPE_CHECKING:
    from spacy.tokens import Token


def attribution_kind(cue: Token, source: Token | None) -> str:
    """The kind of the attribution ``cue`` frames with ``source`` as its source token (None when unknown).

    The cue decides first: "according to" is according-to (its object a poll or study makes it a report), a
    verb or noun of belief is belief, a verb of writing is written. A saying whose source is a poll or study is a
    report ("the poll found"); a saying by a written document ("the statement said") or through one ("said in a
    statement", "told X in an email") is written; any other cue is speech."""
    data = cues()
    word = lemma(cue)
    source_word = lemma(source).lower() if source is not None else ""
    if cue.lower_ in data["according"] or cue.pos_ == "ADP":  # "according to X", "in the latest poll"
        return "report" if source_word in data["report_nouns"] else "according"
    if word in data["belief_cues"]:
        return "belief"
    if source_word in data["report_nouns"]:
        return "report"
    if word in data["written_cues"] or source_word in data["written_media"]:
        return "written"
    media = (g for c in cue.children if c.dep_ == "prep" and c.lower_ in ("in", "via", "through") for g in c.children)
    if any(g.dep_ == "pobj" and lemma(g).lower() in data["written_media"] for g in media):
        return "written"
    return "speech"


def is_quote_kind(kind: str) -> bool:
    """Whether an attribution of this kind is what the product calls a quote, a claim: a proposition someone
    says, writes, holds or finds (speech, written, according, belief, report), rather than a stance on a thing or
    an act, or a question."""
    return kind in cues()["quote_kinds"]
