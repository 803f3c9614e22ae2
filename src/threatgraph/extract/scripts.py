"""Names written in another script inside an English article: "Liwa al-Fajr (لواء الفجر)".

The English model was trained on Latin-script text and leaves Arabic, Persian, Urdu, Cyrillic…
words untagged, so the one spelling that lets resolve tie an actor to its native name never reaches
it. This module finds *runs* of such tokens the model and the gazetteer left alone and keeps a run
only when something other than guessing gives it a type:

* ``X (Y)``: a run alone in parentheses right after a mention is that mention's other spelling; it
  takes X's type and joins X's in-document group; so does ``Y (X)``, the native name given first;
* a run whose consonant skeleton after transliteration (rigour/ICU, the same name forms resolve
  compares) equals that of exactly one typed name of the article joins that name ("زینبیون" and
  "Zainabiyoun" both give "znbn").

Runs the gazetteer knows (sanctions-list names and aliases in any script, resolved aliases) are
already on ``doc.ents`` when this runs and come out as ordinary mentions. A label the English
model guessed for a wholly foreign-script name is not kept (:func:`model_guess_in_foreign_script`);
such words are runs like any other. Everything else is dropped: an untyped foreign-script phrase
is not an entity.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from threatgraph.extract.foreign import (
    SCRIPT_SOURCE,
    foreign_script,
    has_foreign_letters,
    model_guess_in_foreign_script,
)
from threatgraph.extract.mentions import clean_edges
from threatgraph.model import Mention
from threatgraph.names.surface import normalise_surface

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: Mentions of these types can have a foreign-script spelling worth keeping as an alias.
NAME_TYPES = frozenset({"Person", "Organization", "ArmedGroup", "PublicBody", "Company", "Location", "Country"})
#: A transliterated skeleton shorter than this ("lh", "b") matches too much to type anything by itself.
_MIN_SKELETON = 3


def foreign_runs(doc: Doc, text: str | None = None) -> list[Span]:
    """Maximal runs of foreign-script tokens inside one sentence that no trusted entity covers."""
    if not has_foreign_letters(doc.text if text is None else text):
        return []
    covered = {i for ent in doc.ents if not model_guess_in_foreign_script(ent) for i in range(ent.start, ent.end)}
    runs: list[Span] = []
    start = -1
    for tok in doc:
        word = tok.i not in covered and foreign_script(tok.text)
        if start >= 0 and (not word or tok.is_sent_start):
            runs.append(doc[start : tok.i])
            start = -1
        if word and start < 0:
            start = tok.i
    if start >= 0:
        runs.append(doc[start : len(doc)])
    return runs


def _parenthetical_partner(run: Span, by_end: dict[int, Mention], by_start: dict[int, Mention]) -> Mention | None:
    """The named mention X of ``X (run)``, or of ``run (X)`` where the article gives the native name first."""
    doc = run.doc
    partner: Mention | None = None
    if run.start >= 2 and run.end < len(doc) and doc[run.start - 1].text == "(" and doc[run.end].text == ")":
        before = doc[run.start - 2]
        partner = by_end.get(before.idx + len(before.text))
    elif run.end + 2 < len(doc) and doc[run.end].text == "(":
        partner = by_start.get(doc[run.end + 1].idx)
        close = doc.char_span(partner.end, partner.end + 1, alignment_mode="expand") if partner else None
        if close is None or close.text != ")":
            partner = None  # "لواء الفجر (Liwa al-Fajr and others)": the parentheses say more than the name
    return partner if partner is not None and partner.label in NAME_TYPES else None


@lru_cache(maxsize=16384)
def _skeleton(text: str, label: str) -> str:
    """The consonant skeleton resolve compares names by (transliterated, vowels and designators dropped)."""
    from threatgraph.names.forms import name_form  # a pure name utility; resolve never imports back

    return name_form(text, label).skel


def _transliteration_partner(run: Span, mentions: list[Mention]) -> Mention | None:
    """The one typed name of the article whose transliterated skeleton equals the run's, if exactly one."""
    skel = _skeleton(run.text, "Organization")
    if len(skel) < _MIN_SKELETON:
        return None
    partners = [m for m in mentions if m.label in NAME_TYPES and _skeleton(m.text, m.label) == skel]
    if not partners or len({m.label for m in partners}) != 1:
        return None
    return max(partners, key=lambda m: (len(m.text), -m.start))


def script_mentions(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(new mention, partner) for every foreign-script run typed by a partner mention of ``mentions``.

    The new mention has the partner's label and ``source == "script"``; the caller groups each pair
    together (see :func:`threatgraph.extract.grouping.group_mentions` ``joins``).
    """
    text = doc.text
    runs = foreign_runs(doc, text)
    if not runs:
        return []
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    found: list[tuple[Mention, Mention]] = []
    for run in runs:
        partner = _parenthetical_partner(run, by_end, by_start) or _transliteration_partner(run, mentions)
        if partner is None:
            continue
        start, end = clean_edges(text, run.start_char, run.end_char)
        norm = normalise_surface(text[start:end])
        if not norm:
            continue
        sent = run.sent
        mention = Mention(
            start=start,
            end=end,
            text=text[start:end],
            label=partner.label,
            norm=norm,
            sentence=sent.text,
            sent_start=sent.start_char,
            source=SCRIPT_SOURCE,
        )
        found.append((mention, partner))
    return found
