"""The article's own acronyms: "Full Name (FN)" defines FN as that body for the rest of the article.

Press releases define an acronym once and then use it dozens of times. The statistical model reads
a bare acronym by its shape alone: it leaves some occurrences untagged and types others as whatever
that string is elsewhere (a two-letter acronym is also a country code, "LT" is Lithuania's). The
article has said what it means, so every whole-word occurrence after the definition is a mention of
the defined body with the body's type. The acronym must fit the name letter by letter
(:func:`threatgraph.names.acronyms.acronym_fits`, the same test the in-document grouping uses), so a
bracket holding something else ("Somalia (AMISOM)") defines nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from threatgraph.model import Mention
from threatgraph.names.acronyms import acronym_fits, looks_like_acronym
from threatgraph.names.surface import normalise_surface

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Types whose names an article defines acronyms for.
ORG_TYPES = frozenset({"Organization", "ArmedGroup", "PublicBody", "Company"})
_BRACKET = re.compile(r"\s*\(\s*([^\s()]{2,12})\s*\)")
#: A span the model ran into the definition's bracket: "Full Name (FN" or "Full Name (FN)".
_GLUED = re.compile(r"^(?P<name>.*\S)\s*\(\s*(?P<short>[^\s()]{2,12})\s*\)?$")


def _unglue(mentions: list[Mention]) -> list[Mention]:
    """A mention that swallowed its own definition ("Full Name (FN") is the name; the bracket is left to
    be read as the definition."""
    out = []
    for m in mentions:
        match = _GLUED.match(m.text)
        if match is None or m.label not in ORG_TYPES:
            out.append(m)
            continue
        name, short = match.group("name"), match.group("short")
        if not (looks_like_acronym(short) and acronym_fits(short, name, tail=True)):
            out.append(m)
            continue
        end = m.start + len(name)
        out.append(
            Mention(m.start, end, name, m.label, normalise_surface(name), m.sentence, m.sent_start, source=m.source)
        )
    return out


def _definitions(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    """Acronym -> the organisation mention it is defined for ("Full Name (FN)"), first definition wins;
    an acronym defined for two different names defines neither."""
    found: dict[str, Mention] = {}
    clash: set[str] = set()
    for m in mentions:
        match = _BRACKET.match(text, m.end)
        if m.label not in ORG_TYPES or match is None:
            continue
        short = match.group(1)
        if not looks_like_acronym(short) or not acronym_fits(short, m.text, tail=True):
            continue
        if short in found and found[short].norm != m.norm:
            clash.add(short)
        found.setdefault(short, m)
    return {k: v for k, v in found.items() if k not in clash}


def defined_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions with every occurrence of an acronym the article defines typed as the defined body:
    occurrences the model left untagged become mentions, ones it typed as another kind of thing (a
    country, a person) take the body's type. Occurrences inside a longer mention are left alone."""
    text = doc.text
    mentions = _unglue(mentions)
    defs = _definitions(text, mentions)
    if not defs:
        return mentions
    out = list(mentions)
    for short, full in defs.items():
        for occ in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if occ.start() < full.end:
                continue
            overlapping = [x for x in out if x.start < occ.end() and occ.start() < x.end]
            if overlapping:
                for x in overlapping:
                    if (x.start, x.end) == occ.span() and x.label not in ORG_TYPES:
                        x.label = full.label
                continue
            span = doc.char_span(occ.start(), occ.end(), alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            out.append(
                Mention(occ.start(), occ.end(), short, full.label, normalise_surface(short), sent.text, sent.start_char)
            )
    return sorted(out, key=lambda m: (m.start, m.end))
