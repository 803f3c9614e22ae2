"""The date of an article's lead event, carried to later undated mentions of the same happening.

News and press releases date their main happening once, near the top ("On Nov. 1, coalition
forces continued to attack …", "Sunday's attack in Garland"), and then tell it again without a
date ("Near Sinjar, five strikes …", "the gunmen in the Garland attack … were shot and killed").
An event that finds no date in its sentence or paragraph takes the lead's date only when it is
the same kind of happening (same PLOVER root) told in the past tense; anything else stays
undated. A carried date is never silent: its ``note`` says where it came from, so a reader sees
an inference, not a stated fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from threatgraph.extract.events_lexicon import plover_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from threatgraph.model import DateInterval

LEAD_SENTENCES = 3  # the lead is among the first sentences that hold a trigger at all
_PAST_AUX = frozenset({"was", "were", "had"})
_NOT_PAST = frozenset({"will", "would", "may", "might", "could", "should", "must", "can", "shall"})


def _past(tok: Token) -> bool | None:
    """The tense verdict one clause head gives: True past, False not past, None no finite verb here."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _NOT_PAST or a.tag_ == "MD" for a in auxes):
        return False
    if tok.tag_ == "VBD":
        return True
    if any(a.lower_ in ("has", "have") for a in auxes):
        return False  # the perfect is background ("has led attacks"), not the story's happening
    if any(a.lower_ in _PAST_AUX for a in auxes):
        return True
    if tok.tag_ in ("VBZ", "VBP"):
        return False
    return None


def told_in_past(tok: Token) -> bool:
    """Whether the trigger's clause is in the simple past, climbing from a noun or an infinitive
    ("managed to wound", "killed in the strike") to the finite verb that carries the tense."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            verdict = _past(cur)
            if verdict is not None:
                return verdict
        if cur.head == cur:
            return False
        cur = cur.head
    return False


@dataclass(slots=True)
class LeadDate:
    """Tracks the lead events of one article while its triggers are read in text order: for each
    PLOVER root, the first date given to a trigger of that root in the article's first sentences."""

    dates: dict[str, DateInterval] = field(default_factory=dict)
    sentences_seen: int = 0
    last_sentence: int = -1

    def see(self, tok: Token, event_type: str, date: DateInterval | None) -> DateInterval | None:
        """The date to give this trigger: its own when it has one (which may make it a lead),
        else the lead's date with a note when the trigger retells the lead's kind of happening."""
        if tok.sent.start != self.last_sentence:
            self.last_sentence = tok.sent.start
            self.sentences_seen += 1
        root = plover_of(event_type)[0]
        if date is not None:
            if self.sentences_seen <= LEAD_SENTENCES and date.start is not None and date.note is None:
                self.dates.setdefault(root, date)
            return date
        lead = self.dates.get(root)
        if lead is None or not told_in_past(tok):
            return None
        return replace(
            lead, note=f"date of the article's lead {root.lower()} ({lead.text}), carried to a later undated mention"
        )
