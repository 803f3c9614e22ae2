"""Designations the articles report in a noun phrase: "U.S.-designated <role> <Name>", "OFAC designated <Name>
pursuant to ...", "previously sanctioned <title> <Name>", or in an apposition: "<Name>, a U.S.-designated group".

Why: a reported designation is the corroboration that lets a person's full-name match read as sanctioned
(:mod:`threatgraph.resolve.judge`). The event extractor finds designations with a subject and an object
("the ministry designated X"), but press releases name most previously listed actors with the
cue as a modifier inside the noun phrase, where no event is built, so those actors stayed "possible"
although the article says in so many words that they are designated.

The cue holds for the *head* of its noun phrase only: the name the phrase ends in. In "U.S.-designated
NF deputy chief Karim Rawandi, ..." that is the person, not NF; in "U.S.-designated NF leader
X's brother Y" the phrase is cut by the possessive and nobody is credited. Words that end a noun phrase
(a comma, "and", "who", "pursuant", a verb...) bound it on both sides, and a negated cue ("was not
designated") credits nobody.
"""

from __future__ import annotations

import re

#: The cue, optionally with its designating body glued on ("U.S.-designated", "UN-sanctioned"), at a word start.
_CUE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?:(?:U\.S\.|US|U\.N\.|UN|EU|OFAC|State)[-\u00ad\u2010\u2011]\s?)?"
    r"(?:re)?(?:designated|sanctioned)\s+",
    re.IGNORECASE,
)
#: Words that end a noun phrase: the name before them is its head; between cue and name, they cut the phrase.
_STOP_WORDS = """and or but nor of in to for by from with without as at on into onto under over through between among
who whom whose which that when where while since after before because pursuant was were is are be been being has
have had will would may might can could also today previously jointly"""
STOP = frozenset(_STOP_WORDS.split())
#: Plural heads a cue commonly qualifies ("the designated persons met X"): the phrase ends with them.
PLURAL_HEADS = frozenset(
    {"persons", "individuals", "entities", "people", "groups", "organizations", "organisations", "members"}
)
NEGATION = frozenset({"not", "never", "no", "neither", "nor"})
#: At most this many words (titles, roles, a group's name) between the cue and the name.
MAX_GAP = 6
_POSSESSIVE = re.compile(r"['’]s?$")


def _words(text: str) -> list[str]:
    return text.split()


#: An apposition after the name that says it is designated: "X, a U.S.-designated terrorist group", "X in
#: Yemen, another designated militia", "X, an entity designated pursuant to ...", "X, an SDGT".
_APPOSITION = re.compile(
    r"^(?:\s+\([^()]*\))?(?:\s+in\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?,\s+(?:a|an|another|also\s+an?)\s+"
    r"(?:(?:(?!(?:of|and|or|to|for|by|with|from)\b)[\w.’'-]+\s+){0,2}?(?:(?:U\.S\.|US|U\.N\.|UN)[-\u00ad\u2010\u2011])?(?:designated|sanctioned)\b"
    r"|Specially\s+Designated\s+Global\s+Terrorist|SDGT\b)"
)


def reported_designated(sentence: str, start: int, end: int) -> bool:
    """Whether the sentence reports the name at ``sentence[start:end]`` as designated or sanctioned: a cue in
    the noun phrase the name heads, or an apposition right after it."""
    return _designated_in_phrase(sentence, start, end) or bool(_APPOSITION.match(sentence[end:]))


def _designated_in_phrase(sentence: str, start: int, end: int) -> bool:
    left = sentence[:start]
    cue = None
    for m in _CUE.finditer(left):
        cue = m
    if cue is None:
        return False
    before = _words(left[: cue.start()])
    if before and before[-1].casefold().strip(".,") in NEGATION:
        return False
    gap = _words(left[cue.end() :])
    if len(gap) > MAX_GAP:
        return False
    for word in gap:
        if (
            word.casefold() in STOP
            or word.casefold() in PLURAL_HEADS
            or word[-1:] in ',;:.!?()"”'
            or _POSSESSIVE.search(word)
        ):
            return False
    return _phrase_ends(sentence[end:])


def _phrase_ends(right: str) -> bool:
    """Whether the noun phrase ends with the name (so the name is its head, not a modifier of it)."""
    if not right.strip():
        return True
    first = right[0]
    if first in "’'":
        return False  # a possessive: the phrase goes on to someone else
    if first in ',;:.!?()"”—–':
        return True
    if first != " ":
        return False  # "ISIS-affiliated ...": the name modifies what follows
    nxt = right.split()[0]
    return nxt.casefold().strip(",;:.") in STOP or nxt[:1] in "(—–"
