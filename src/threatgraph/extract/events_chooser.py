"""A learned doer for event mentions whose own arguments name none.

The parse rules of :mod:`events` find a trigger's source where the syntax ties it to the trigger
(subject, "by X", possessor, control). Much reporting leaves the doer to the reader instead: a
designation release says "X is designated … He took part in assaults on local forces", a news report
"the group … during an ambush on soldiers". Which named actor nearby did it is a matter of degree
(voice, clause, distance, kind of actor for kind of act), so it is scored rather than ruled.

Every named actor of the trigger's sentence and the sentence before it is a candidate; each is
described by a few features of the parse and of the actor, and a logistic model trained on the
tuning gold (``benchmarks/train_event_chooser.py``; weights in ``event_chooser.yaml``) scores it.
The best candidate is kept only when its probability clears the file's threshold, set on
cross-validated data so that a filled-in doer is rarely wrong: a wrong doer in a graph edge is
worse than none.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from threatgraph.datafiles import load_yaml
from threatgraph.extract.events_actors import ACTOR_LABELS, Actor, MentionIndex
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.schemas import EventChooserFile
from threatgraph.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CHOOSER_FILE = Path(__file__).with_name("event_chooser.yaml")

#: PLOVER roots by the kind of doer they want: force, measures and words, ties between parties.
_FAMILIES = {
    "force": frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"}),
    "measure": frozenset({"SANCTION", "ACCUSE", "REJECT", "PROTEST", "REQUEST", "CONCEDE", "RETREAT"}),
    "ties": frozenset({"SUPPORT", "AID", "COOPERATE", "AGREE", "CONSULT"}),
}
#: Kinds of actor, coarser than mention labels so that each interaction has data behind it.
_KINDS = {
    "Person": "person",
    "ArmedGroup": "armed",
    "PublicBody": "state",
    "Country": "state",
    "Organization": "org",
    "Company": "org",
    "Nationality": "org",
}
_PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "throughout", "within", "into", "from"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One named actor that may have done an event, and the features it is scored on."""

    actor: Actor
    token: Token
    features: dict[str, float]


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights by feature name, their bias, and the probability a doer must reach."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    """The shipped model, read once per process; a broken file fails loudly with its path."""
    data = load_yaml(CHOOSER_FILE, EventChooserFile)
    return Model(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


def family(event_type: str) -> str:
    """The doer family of an event type (through its PLOVER root); "other" when none fits."""
    spec = lexicon().types.get(event_type) or {}
    root = str(spec.get("plover") or event_type)
    return next((name for name, roots in _FAMILIES.items() if root in roots), "other")


def _governs(head: Token, tok: Token) -> bool:
    """Whether ``head`` is ``tok`` or one of its syntactic ancestors."""
    return head == tok or head in tok.ancestors


def _previous_sentence(sent: Span) -> Span | None:
    doc = sent.doc
    return doc[sent.start - 1].sent if sent.start > 0 else None


def _agentless_passive(tok: Token) -> bool:
    """A passive trigger with no "by" phrase: the writer leaves the doer unsaid ("was killed in June")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    return passive and not any(c.dep_ == "agent" for c in tok.children)


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts (blank lines, else line breaks, divide them)."""
    brk = "\n\n" if "\n\n" in text else "\n"
    found = text.rfind(brk, 0, pos)
    return 0 if found < 0 else found + len(brk)


def _features(
    m_tok: Token, mention: Mention, tok: Token, kind: str, fam: str, shares: tuple[float, float], between: int
) -> dict[str, float]:
    """The features of one candidate (the root token of its nearest mention) for one trigger."""
    same = m_tok.sent == tok.sent
    prev = _previous_sentence(tok.sent)
    near = same or (prev is not None and m_tok.sent == prev)
    dep, head = m_tok.dep_, m_tok.head
    sent_root = m_tok.sent.root
    actor_kind = _KINDS.get(mention.label, "org")
    out = {
        "same_sentence": float(same),
        "before": float(m_tok.i < tok.i),
        "distance": math.log1p(abs(m_tok.i - tok.i)) / 3.0,
        "between": math.log1p(between),
        "subject_above": float(same and dep == "nsubj" and _governs(head, tok)),
        "passive_subject_above": float(same and dep == "nsubjpass" and _governs(head, tok)),
        "possessor_above": float(same and dep == "poss" and _governs(head, tok) and head != tok),
        "own_possessor": float(dep == "poss" and head == tok),
        "in_trigger_phrase": float(same and m_tok in tok.subtree and m_tok != tok),
        "sentence_subject": float(dep in _SUBJECTS and head == sent_root),
        "prev_subject": float(not same and near and dep in _SUBJECTS and head == sent_root),
        "earlier_subject": float(not near and dep in _SUBJECTS and head == sent_root),
        "far": float(not near),
        "agentless_passive": float(_agentless_passive(tok)),
        "object": float(dep in ("dobj", "attr", "appos")),
        "pobj": float(dep == "pobj"),
        "place_prep": float(dep == "pobj" and head.lower_ in _PLACE_PREPS),
        "by_agent": float(dep == "pobj" and head.lower_ == "by"),
        "modifier": float(dep in ("compound", "nmod", "amod")),
        "share": shares[0],
        "subject_share": shares[1],
        "noun_trigger": float(kind == "noun"),
        f"kind_{actor_kind}": 1.0,
        f"{fam}_{actor_kind}": 1.0,
    }
    return {k: v for k, v in out.items() if v}


@dataclass(frozen=True, slots=True)
class _Document:
    """What the features need from the whole document, computed once per :class:`MentionIndex`."""

    counts: Counter[int]  # mentions per actor group
    subjects: list[tuple[int, int]]  # (start, group) of actor mentions that are a sentence's subject


#: Each live index's summary; an index (one document's) drops out when it is garbage.
_DOCUMENTS: WeakKeyDictionary[MentionIndex, _Document] = WeakKeyDictionary()


def _document(index: MentionIndex) -> _Document:
    """The document summary of ``index``, computed on the first trigger that asks for it."""
    held = _DOCUMENTS.get(index)
    if held is not None:
        return held
    counts: Counter[int] = Counter()
    subjects = []
    for m, span in zip(index.mentions, index.spans, strict=True):
        if m.group < 0 or m.label not in ACTOR_LABELS:
            continue
        counts[m.group] += 1
        if span is not None and span.root.dep_ in _SUBJECTS and span.root.head == span.root.sent.root:
            subjects.append((m.start, m.group))
    _DOCUMENTS[index] = found = _Document(counts, subjects)
    return found


def _subject_counts(index: MentionIndex, before: int) -> Counter[int]:
    """How often each group was the subject of a sentence before ``before``: what the text is about
    so far (a text keeps its subject; a release keeps to the party it designates)."""
    return Counter(group for start, group in _document(index).subjects if start < before)


def candidates(tok: Token, event_type: str, kind: str, index: MentionIndex, exclude: set[int]) -> list[Candidate]:
    """Named actors of the trigger's paragraph up to its sentence, one per mention group (its
    mention nearest the trigger), with their features; groups in ``exclude`` (the event's targets)
    are left out."""
    sent = tok.sent
    doc = tok.doc
    lo = _paragraph_start(doc.text, tok.idx)  # another paragraph is another story: a claim there is not here
    hi = sent.end_char
    fam = family(event_type)
    counts = _document(index).counts
    total = sum(counts.values()) or 1
    subjects = _subject_counts(index, tok.idx)
    subject_total = sum(subjects.values()) or 1
    nearest: dict[int, tuple[int, Token, Mention]] = {}
    first = bisect_left(index.starts, lo)
    for m, span in zip(index.mentions[first:], index.spans[first:], strict=True):
        if m.start > hi:
            break
        if m.end > hi or m.group < 0 or m.group in exclude or m.label not in ACTOR_LABELS:
            continue
        if span is None or span.start <= tok.i < span.end:
            continue
        root = span.root
        gap = abs(root.i - tok.i) + (0 if root.sent == sent else 1000)
        if m.group not in nearest or gap < nearest[m.group][0]:
            nearest[m.group] = (gap, root, m)
    picked = sorted(nearest.values(), key=lambda x: x[1].i)
    out = []
    for _gap, root, m in picked:
        lo_i, hi_i = sorted((root.i, tok.i))
        between = sum(1 for _g, r, _m in picked if lo_i < r.i < hi_i)
        actor = Actor(m.canonical or m.text, m.group, m.label)
        shares = (counts[m.group] / total, subjects[m.group] / subject_total)
        out.append(Candidate(actor, root, _features(root, m, tok, kind, fam, shares, between)))
    return out


def choose(tok: Token, event_type: str, kind: str, index: MentionIndex, exclude: set[int]) -> Actor | None:
    """The likeliest doer among the candidates when the model is sure enough, else None. A verb whose subject
    is a clause ("whoever fired the shot killed two guards") has its doer in that clause: when the clause
    names none, the text leaves it unknown and no one nearby is guessed."""
    if kind == "verb" and any(c.dep_ == "csubj" for c in tok.children):
        return None
    found = candidates(tok, event_type, kind, index, exclude)
    if not found:
        return None
    mdl = model()
    best = max(found, key=lambda c: mdl.probability(c.features))
    return best.actor if mdl.probability(best.features) >= mdl.threshold else None
