"""Designations the articles report in a noun phrase: "U.S.-designated <role> <Name>", "OFAC designated <Name>
pursuant to ...", "previously sanctioned <title> <Name>", "SDGT <Name>" (the list's own title for a designee), or
in an apposition: "<Name>, a U.S.-designated group".

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

A coordination of names is one phrase with several heads: "previously sanctioned militia leaders A and B",
"OFAC designated A, B, and C pursuant to ...". The cue then credits every conjunct, provided the run between the
cue and the name is a plural role noun (or nothing) followed only by names, commas and "and": each conjunct
made of name words alone (capitalised words and name particles, no office or honorific word, which would
open a new phrase: "designated financier A and Prime Minister B" credits A only).
"""

from __future__ import annotations

import re

from threatgraph.names.vocabulary import fold, vocabulary

#: The cue, optionally with its designating body glued on ("U.S.-designated", "UN-sanctioned"), at a word start.
_CUE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?:(?:U\.S\.|US|U\.N\.|UN|EU|OFAC|State)[-\u00ad\u2010\u2011]\s?)?"
    r"(?:(?:re)?(?:designated|sanctioned)|SDGT)\s+",
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
    the noun phrase the name heads (alone or as one of coordinated names), or an apposition right after it."""
    return (
        _designated_in_phrase(sentence, start, end)
        or bool(_APPOSITION.match(sentence[end:]))
        or (_opens_subject(sentence[:start]) and _designated_after(sentence[end:]))
    )


def _opens_subject(left: str) -> bool:
    """Whether the text before a name holds nothing but other coordinated names since the sentence began, so the
    name is (one of) the sentence's subject(s): "The firms owned by A and B are designated" credits neither."""
    for word in left.replace(",", " , ").split():
        if word != "," and word != "and" and not _name_word(word):
            return False
    return True


#: The passive that ends a subject of coordinated names: "... are being designated", "... was sanctioned".
_PASSIVE = re.compile(
    r"^\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+|today\s+|jointly\s+)?(?:being\s+)?"
    r"(?:re)?(?:designated|sanctioned)\b"
)


def _designated_after(right: str) -> bool:
    """Whether the name is one of the coordinated subjects of a passive designation: "A, B, and C are being
    designated under ...", "A is designated for ...". ``right`` is the text after the name; only other
    names, commas and "and" may stand between it and the verb."""
    rest = right
    for _ in range(MAX_CONJUNCTS):
        if _PASSIVE.match(rest):
            return True
        m = re.match(r"^\s*,\s*(?:and\s+)?|^\s+and\s+", rest)
        if not m:
            return False
        rest = rest[m.end() :]
        words = rest.split(" ")
        taken = 0
        while taken < len(words) and taken < MAX_NAME_WORDS and _name_word(words[taken].rstrip(",")):
            taken += 1
            if words[taken - 1].endswith(","):
                break
        if not taken:
            return False
        rest = rest[len(" ".join(words[:taken])) :]
        if words[taken - 1].endswith(","):
            rest = "," + rest  # the comma closing the name opens the next conjunct
    return False


#: Conjuncts of a coordination: ", ", ", and ", " and ".
_CONJUNCTION = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
#: At most this many names coordinated under one cue.
MAX_CONJUNCTS = 12
#: ... of at most this many words each.
MAX_NAME_WORDS = 6


def _name_word(word: str) -> bool:
    """A word that can be part of a name: capitalised ("Qais", "Al-Khazali", "‘Ali"), a name particle glued to a
    capitalised word ("al-Khazali"), or a particle on its own ("bin", "de")."""
    voc = vocabulary()
    bare = word.strip("‘’'\"“”")
    if not bare or bare.casefold() in STOP:
        return False
    if fold(bare) in voc.offices or fold(bare) in voc.honorifics:
        return False
    if bare[0].isupper():
        return True
    head, sep, rest = bare.partition("-")
    if sep and rest[:1].isupper() and fold(head) in voc.screen_particles:
        return True
    return fold(bare) in voc.screen_particles


def _coordinated(gap: str) -> bool:
    """Whether ``gap`` (the text between a cue and a name) is "[role noun in the plural] Name1, Name2 ... and": the
    name that follows is one of several heads of the cue's phrase."""
    tail = gap.rstrip()
    if not (tail.endswith(",") or tail.endswith(" and") or tail == "and"):
        return False
    segments = _CONJUNCTION.split(" " + tail + " ")
    segments = [s.strip() for s in segments]
    if segments and not segments[0]:
        segments = segments[1:]
    if segments and not segments[-1]:
        segments = segments[:-1]
    if not segments or len(segments) > MAX_CONJUNCTS:
        return False
    first = segments[0].split()
    plural = [i for i, w in enumerate(first) if w.islower() and w.endswith("s") and w.casefold() not in STOP]
    role, name = (first[: plural[-1] + 1], first[plural[-1] + 1 :]) if plural else ([], first)
    if len(role) > MAX_GAP or any(w.casefold() in STOP or w[-1:] in ',;:.!?()"”' for w in role):
        return False
    names = [name, *(s.split() for s in segments[1:])]
    return all(0 < len(n) <= MAX_NAME_WORDS and all(_name_word(w) for w in n) for n in names)


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
    simple = len(gap) <= MAX_GAP and not any(
        word.casefold() in STOP
        or word.casefold() in PLURAL_HEADS
        or word[-1:] in ',;:.!?()"”'
        or _POSSESSIVE.search(word)
        for word in gap
    )
    if not simple and not _coordinated(left[cue.end() :]):
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


#: At most this many words of a role written before a name ("former Syrian Deputy Prime Minister").
MAX_ROLE_WORDS = 6


def role_before(sentence: str, start: int) -> str:
    """The role words written right before a name in its noun phrase ("Tajik Defence Minister" in "Tajik Defence
    Minister Arkady Krasnov", "NRF deputy leader"), or "" when none: the run of words back to a phrase boundary (a
    comma, a bracket, a stop word such as "and", "of" or "by", a possessive), at most a few words long.

    Why: the role an article gives a person is what the list's "position" states about its entry ("Minister of
    Defence of Tajikistan"); matched together with the name, it tells the listed office holder from a namesake."""
    words = sentence[:start].split()
    role: list[str] = []
    for word in reversed(words):
        if word[-1:] in ',;:.!?()"”—–' or word.casefold() in STOP or _POSSESSIVE.search(word):
            break
        role.append(word)
        if len(role) > MAX_ROLE_WORDS:
            return ""
    return " ".join(reversed(role))


#: An apposition after a person's name that describes the person: ", a/an <words>" up to the phrase's end, after an
#: optional bracketed short name ("<Name> (<Short>), a Kenyan national, ...").
_ROLE_APPOSITION = re.compile(r"^\s*(?:\([^()]{1,60}\)\s*)?,\s+(?:an?|the)\s+([^,;:.()\"“”—–]{1,80})")


def role_after(sentence: str, end: int) -> str:
    """The role written in an apposition right after a name ("a Kenyan national" in "<Name>, a Kenyan national,
    ..."), or "" when none: at most a few words, up to a comma or the end of the phrase.

    Why: releases state a designee's nationality in such an apposition as often as before the name, and the
    nationality is one fact the list states too (:func:`threatgraph.resolve.judge.foreign_national`)."""
    m = _ROLE_APPOSITION.match(sentence[end:])
    if not m:
        return ""
    words: list[str] = []
    for word in m.group(1).split():
        # "a citizen of <Country>": the country after a citizenship noun belongs to the role
        citizenship = bool(words) and words[-1].casefold() in CITIZENSHIP_NOUNS
        if word.casefold() in STOP and not (word.casefold() == "of" and citizenship):
            break
        words.append(word)
    return " ".join(words) if 0 < len(words) <= MAX_ROLE_WORDS else ""


#: Nouns that say the country written with them is the person's nationality ("a U.S. citizen", "a citizen of
#: Kenya", "a Kenyan national").
CITIZENSHIP_NOUNS = frozenset({"citizen", "citizens", "national", "nationals"})
