"""The article's own acronyms: "Full Name (FN)" defines FN as that body from there on.

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
#: "Full Name (FN)", "Full Name's (FN)": the bracket right after the name (a possessive is still the name).
_BRACKET = re.compile(r"(?:['’]s)?\s*\(\s*([^\s()]{2,12})\s*\)")
#: A name's last words the model left out before its definition's bracket: " – Branch Force (PBF)", " in Place
#: (NIP)". No sentence or list punctuation and no other bracket in between: the tail continues the same name.
_WORDS = r"[^\s()\[\],;:.!?“”\"]+"
_TAIL = re.compile(rf"(?P<tail>(?:\s*[-–—]\s*|\s+){_WORDS}(?:\s+{_WORDS}){{0,4}})\s*\(\s*([^\s()]{{2,12}})\s*\)")
#: A span the model ran into the definition's bracket: "Full Name (FN" or "Full Name (FN)".
_GLUED = re.compile(r"^(?P<name>.*\S)\s*\(\s*(?P<short>[^\s()]{2,12})\s*\)?$")


def _mention(text: str, start: int, end: int, label: str, like: Mention) -> Mention:
    name = text[start:end]
    return Mention(start, end, name, label, normalise_surface(name), like.sentence, like.sent_start, source=like.source)


def _extended(text: str, m: Mention) -> int | None:
    """Where an organisation's name really ends when the model stopped short of its definition: the end of
    the words between the mention and a bracketed acronym that spells the mention and those words together
    but not the mention alone ("<Parent> Guard Corps | – <Branch> Force (PGC-BF)": the acronym says the
    branch's name runs to the bracket, and the mention alone is the parent, another body)."""
    if m.label not in ORG_TYPES:
        return None
    tail = _TAIL.match(text, m.end)
    if tail is None:
        return None
    short, end = tail.group(2), tail.end("tail")
    if not looks_like_acronym(short) or acronym_fits(short, m.text, tail=True):
        return None
    return end if acronym_fits(short, text[m.start : end], tail=True) else None


def _unglue(text: str, mentions: list[Mention]) -> list[Mention]:
    """Name spans the definition bracket shows the model cut wrongly: a mention that swallowed its own
    definition ("Full Name (FN") is the name, a name the model split in two before its bracket
    ("Full" | "Name (FN)") is one name when the acronym spells the two parts together, and a name the model
    stopped short of its bracket ("Full Name | in Place (FNIP)") runs to the bracket when the acronym spells
    the words in between too (:func:`_extended`; mentions inside those words, a place, are part of the name)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    grown: list[Mention] = []
    for m in ordered:
        if grown and m.start < grown[-1].end:
            continue  # inside the words a name before it was extended over
        end = _extended(text, m)
        grown.append(m if end is None else _mention(text, m.start, end, m.label, m))
    out: list[Mention] = []
    for m in grown:
        glued = _GLUED.match(m.text)
        after = _BRACKET.match(text, m.end)
        if glued is not None:
            name_end, short = m.start + len(glued.group("name")), glued.group("short")
        elif after is not None:
            name_end, short = m.end, after.group(1)
        else:
            out.append(m)
            continue
        if not looks_like_acronym(short):
            own = normalise_surface(text[m.start : name_end]).split()
            if glued is not None and m.label == "Person" and normalise_surface(short) in own:
                # "<First> <Surname> <Surname2> (<Surname>": the person's name, then the short form it defines
                out.append(_mention(text, m.start, name_end, m.label, m))
            else:
                out.append(m)
            continue
        prev = out[-1] if out else None
        if (m.label in ORG_TYPES or glued is not None) and acronym_fits(short, text[m.start : name_end], tail=True):
            label = m.label if m.label in ORG_TYPES else "Organization"
            out.append(m if glued is None else _mention(text, m.start, name_end, label, m))
        elif (
            prev is not None
            and prev.sent_start == m.sent_start
            and not text[prev.end : m.start].strip()
            and acronym_fits(short, text[prev.start : name_end], tail=True)
        ):
            label = next((x.label for x in (m, prev) if x.label in ORG_TYPES), "Organization")
            out[-1] = _mention(text, prev.start, name_end, label, prev)
        else:
            out.append(m)
    return out


#: Types whose names an article writes whole once and a model may later cut short.
_NAME_TYPES = ORG_TYPES | {"Person"}
#: One word of a name next to a mention: no bracket, quote, list or clause punctuation inside it.
_NEXT_WORD = re.compile(r"[^\s()\[\],;:!?“”\"]+")
#: Words a cut-short mention may be missing on each side.
_MISSING_WORDS = 3


def _words_around(text: str, m: Mention) -> tuple[list[int], list[int]]:
    """Where the words right before and right after a mention start and end (nearest first), joined to it
    and to each other by spaces or hyphens only: the candidate starts and ends of the name it belongs to.
    A word ending a sentence ("attack.") is no part of a name that follows it; an abbreviation is ("U.S.")."""
    starts: list[int] = []
    pos = m.start
    for _ in range(_MISSING_WORDS):
        gap = len(text[:pos]) - len(text[:pos].rstrip(" -–"))
        if gap == 0:
            break
        word = re.search(rf"{_NEXT_WORD.pattern}$", text[max(0, pos - gap - 40) : pos - gap])
        if word is None or "\n" in text[pos - gap : pos]:
            break
        if word.group(0).endswith(".") and "." not in word.group(0)[:-1]:
            break
        pos = pos - gap - len(word.group(0))
        starts.append(pos)
    ends: list[int] = []
    pos = m.end
    for _ in range(_MISSING_WORDS):
        gap = len(text[pos:]) - len(text[pos:].lstrip(" -–"))
        word = _NEXT_WORD.match(text, pos + gap)
        if gap == 0 or word is None or "\n" in text[pos : pos + gap]:
            break
        pos = word.end()
        ends.append(pos)
        if text[pos - 1] == ".":
            break
    return starts, ends


def _completed(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions the model cut short of a name the article writes whole elsewhere, grown to that name.

    A release names a body or person in full ("the Qandor Vellacott Brotherhood") and the model, reading
    another occurrence of the same words, tags only part of them ("Vellacott Brotherhood", with "Qandor"
    left out or typed a nationality): that part is a name of its own (a parent body, another person), so
    the occurrence would join the wrong actor. When the words right around a mention, joined to it by
    spaces or hyphens, spell exactly another, longer name the article's mentions give, the text says that
    name there: the mention takes its extent (in place, so its type evidence stays), and mentions inside
    the grown span (the nationality) are dropped. Only the article's own names are read, never a list.
    """
    wholes = {m.norm for m in mentions if m.label in _NAME_TYPES and len(m.norm.split()) >= 2}
    if not wholes:
        return mentions
    grown: list[Mention] = []
    for m in mentions:
        if m.label not in _NAME_TYPES:
            continue
        starts, ends = _words_around(text, m)
        best: tuple[int, int] | None = None
        size = len(m.norm.split())
        for s in [m.start, *starts]:
            for e in [m.end, *ends]:
                if (s, e) == (m.start, m.end):
                    continue
                norm = normalise_surface(text[s:e])
                if norm in wholes and len(norm.split()) > size:
                    best, size = (s, e), len(norm.split())
        if best is not None:
            m.start, m.end = best
            m.text = text[m.start : m.end]
            m.norm = normalise_surface(m.text)
            grown.append(m)
    if not grown:
        return mentions
    ids = {id(g) for g in grown}
    kept = [m for m in mentions if id(m) in ids or not any(g.start <= m.start and m.end <= g.end for g in grown)]
    # a grown span the model had tagged already (a nested mention of a tagged whole name) is that mention
    taken = {(m.start, m.end) for m in kept if id(m) not in ids}
    return [m for m in kept if id(m) not in ids or (m.start, m.end) not in taken]


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
    mentions = _unglue(text, _completed(text, mentions))
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
