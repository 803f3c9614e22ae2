"""Branch names kept whole: "<Group>-K", "<Group>-QF", "<Group>'s <Region> Province", "<Group> in the <Region>".

Why: an armed group's branch is named by the parent's name plus a suffix, and the NER (and the
gazetteer, which knows the parent) cut the suffix off, so the branch is read as its parent. The parent
is often on a sanctions list under its own entry; a branch read as its parent is then shown with the
parent's designation, which is the worst error the project can make. Keeping the suffix makes the
branch its own actor (linked to its own entry, or to none), never silently the parent.

Four written forms, each a general construction rather than a list of groups (the cue words are
``branch_words`` in ``labels.yaml``):

- a suffix joined by a hyphen or dash with no space ("ISIS-K", "IRGC-QF", "ISIL-Khorasan",
  "Corps–Qods Force"), and for a bare acronym the spaced dash ("ISIS – Khorasan");
- a possessive branch ("Islamic State's Khorasan Province", "al-Qaida's Yemen Branch");
- a branch word right after the name ("Islamic State West Africa Province");
- "in the" and a capitalised region ("<Group> in the Upper Sahel"). A bare country ("Hezbollah in
  Lebanon") says where the group is, not which one it is, so it is never joined.

A suffix that is a country on its own names a second party when the compound modifies a noun ("the
Hamas-Israel war"), and the group's branch there when it stands as a name ("<Group>-Mozambique claimed").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from threatgraph.extract.labels import label_config
from threatgraph.extract.places import is_country

#: Labels (model and gazetteer) of spans that can have branches.
_GROUP_LABELS = frozenset({"ORG", "Organization", "ArmedGroup"})
_DASHES = frozenset({"-", "–", "—", "‐", "‑"})
_POSSESSIVE = frozenset({"'s", "’s"})
#: A branch name's region has at most this many words ("the Upper Sahel", "the Southern Peninsula").
_MAX_REGION = 3


def _branch_words() -> frozenset[str]:
    return frozenset(label_config()["branch_words"])


def _is_name_word(tok: object) -> bool:
    text = tok.text  # type: ignore[attr-defined]
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text)


def _title_run(doc: Doc, i: int, limit: int) -> int:
    """End of the run of capitalised words starting at ``i`` (at most ``limit`` words)."""
    end = i
    while end < len(doc) and end - i < limit and _is_name_word(doc[end]) and not doc[end].is_sent_start:
        end += 1
    return end


#: parts of speech of a function word after a compound name ("<Group>-Mozambique and ...", "... of ...")
_FUNCTION_POS = frozenset({"CCONJ", "SCONJ", "ADP", "DET", "PRON", "PART"})


def _country_branch(doc: Doc, dash: int) -> bool:
    """Whether a country written right after a group's hyphen ("<Group>-Mozambique") names the group's
    branch there: the compound stands as a name (followed by punctuation, a capital, a conjunction or
    preposition), not as a modifier of a lower-case word ("the <Group>-Israel war", "<Group>-Israel talks",
    which name two parties; a verb after it is left out too, the tagger reads "talks" as one)."""
    if doc[dash].whitespace_ or doc[dash - 1].whitespace_:
        return False
    after = doc[dash + 2] if dash + 2 < len(doc) else None
    return after is None or not (after.is_alpha and after.is_lower) or after.pos_ in _FUNCTION_POS


def _dash_suffix(doc: Doc, span: Span) -> int:
    """End of a dash-joined suffix after ``span``, or ``span.end`` when there is none."""
    end = span.end
    if end + 1 >= len(doc) or doc[end].text not in _DASHES:
        return end
    attached = not doc[end - 1].whitespace_ and not doc[end].whitespace_
    acronym = len(span) == 1 and span.text.isupper() and len(span.text) >= 3
    if not (attached or (acronym and doc[end - 1].whitespace_ and doc[end].whitespace_)):
        return end
    suffix = doc[end + 1]
    country = is_country(suffix.text.rstrip("."), codes=False)
    if not _is_name_word(suffix) or (country and not _country_branch(doc, end)):
        return end
    new_end = end + 2
    if suffix.text.rstrip(".").isupper():
        return new_end  # "ISIS-K", "IRGC-QF": a letter code ends the name
    if not attached:
        # spaced dash: the suffix alone, and only when no capitalised word follows ("ISIS – Khorasan claimed")
        return new_end if new_end >= len(doc) or not _is_name_word(doc[new_end]) else end
    # "Corps–Qods Force", "ISIL-Khorasan Province": the suffix's own name words
    return _title_run(doc, new_end, 2) if suffix.whitespace_ else new_end


def _branch_after(doc: Doc, start: int) -> int:
    """End of "<Capitalised words> <branch word>" starting at ``start``, or ``start``."""
    branch = _branch_words()
    end = _title_run(doc, start, _MAX_REGION + 1)
    for i in range(end - 1, start - 1, -1):
        if doc[i].lower_ in branch:
            return i + 1
    return start


def _region(doc: Doc, span: Span) -> int:
    """End of "in the <Capitalised region>" after ``span``, or ``span.end``."""
    end = span.end
    if end + 2 >= len(doc) or doc[end].lower_ != "in" or doc[end + 1].lower_ != "the":
        return span.end
    stop = _title_run(doc, end + 2, _MAX_REGION)
    if stop == end + 2 or is_country(doc[end + 2 : stop].text):
        return span.end
    return stop


def branch_extent(span: Span) -> Span:
    """``span`` widened over a branch suffix written after it, or ``span`` itself."""
    if span.label_ not in _GROUP_LABELS:
        return span
    doc = span.doc
    end = _dash_suffix(doc, span)
    if end == span.end and span.end + 1 < len(doc) and doc[span.end].text in _POSSESSIVE:
        after = _branch_after(doc, span.end + 1)
        end = after if after > span.end + 1 else span.end
    if end == span.end and span.end < len(doc) and not doc[span.end - 1].is_punct:
        end = _branch_after(doc, span.end)
    if end == span.end:
        end = _region(doc, span)
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label_)


def join_branches(doc: Doc) -> Doc:
    """Widen every group name on ``doc.ents`` over its branch suffix (what the suffix overlapped is dropped)."""
    ents = list(doc.ents)
    widened = [branch_extent(e) for e in ents]
    grown = [w for w, e in zip(widened, ents, strict=True) if w.end != e.end]
    if not grown:
        return doc
    kept = [e for e in widened if not any(g is not e and g.start <= e.start and e.end <= g.end for g in grown)]
    doc.ents = filter_spans(kept)
    return doc
