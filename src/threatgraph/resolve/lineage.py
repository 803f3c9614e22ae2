"""The optional parts of a listed person's name: a lineage chain ("bin <Father> bin <Grandfather>"), a kunya
("Abu <Son>") and a closing nisba ("AL-<PLACE>I", "al-<Tribe>i") that running text leaves out.

Why: a list records an Arabic name in full, as an identity document does: the given name, the nasab (the chain of
fathers' names, each after "bin"/"ibn"/"bint"/"ould") and the family name or nisba ("<Given> bin <Father> bin
<Grandfather> BIN <FAMILY>"), sometimes the kunya first ("Abu <Son> <Given> <FAMILY>"). News writes the name a
reader knows: given and family name, with the family's own "bin" ("<Given> bin <Family>"). Scored against the
whole listed name, every chain link the article leaves out costs weight, and the person the list means is scored
under the matcher's bar or read as a partial name, like a namesake who shares two of its parts.

The chain and the kunya are optional the way an East Slavic patronymic is
(:func:`threatgraph.resolve.judge.without_patronymic`): the listed name without them is the listed person's name
as a reader would write it, given and family name. It is still a name only: the judge asks the same corroboration
of it as of any person's full name, and a name of common parts still needs the entry's own affiliation
(:func:`threatgraph.resolve.sanctions.common_name`).

What is kept: the first word (the given name), the family name (the words the list writes in capitals, or else
the last word with its own lineage word: "BIN <FAMILY>", "bin <Family>"), and every word that is no link of the
chain. "Abd" ("servant of") is a patronymic word of the vocabulary but opens a theophoric given name
("Abd al-<Name>"), never a father's name, so it is no link.

A nisba is an adjective of origin (a town, a region, a tribe: "al-" and a word ending in "-i"/"-y") that a list
writes as the family name ("<Given> <Father> AL-<PLACE>I") and news leaves out, naming the person by given and
father's name as a reader knows him. Set aside only when the name's other parts still hold :data:`MIN_LEFT` words
after the chain and kunya are gone, so "<Given> bin <Father> AL-<NISBA>" keeps its nisba. Given and father's name are
two given names, which namesakes share more often than a family name: the judge asks corroboration of them as of any
full name, and :func:`threatgraph.resolve.sanctions.common_name` sends a name of parts common on the list to review
unless the entry's own affiliation is named. Only the article "al-"/"el-" with a stem of :data:`NISBA_STEM` letters
or more marks a nisba: a family name merely ending in "-i" (European or Persian) is no adjective of origin.
"""

from __future__ import annotations

import re

from threatgraph.names.vocabulary import fold, vocabulary

#: Words of the vocabulary's patronymics that open a given name, not a father's: "Abd al-<Name>" ("servant of").
SERVANT_WORDS = frozenset({"abd"})
#: A name needs at least this many words left (given and family name) once its optional parts are set aside.
MIN_LEFT = 2
#: A nisba's stem (before its closing "-i"/"-y") has at least this many letters: "al-Ali" is a family name.
NISBA_STEM = 3
#: The Arabic article before a nisba, joined to it or written apart.
_ARTICLES = frozenset({"al", "el"})
_NISBA = re.compile(rf"(?:al|el) [a-z]{{{NISBA_STEM},}}[iy]")


def _lineage_words() -> frozenset[str]:
    return frozenset(vocabulary().patronymics) - SERVANT_WORDS


def _kunya_words() -> frozenset[str]:
    return frozenset(vocabulary().kunya) - _lineage_words()


def _family_start(words: list[str]) -> int:
    """Where the family name begins: the trailing run of words written in capitals in a mixed-case name (OFAC's
    "Given Middle FAMILY"), else the last word, with the lineage word before it ("bin <Family>")."""
    upper = [w.isupper() for w in words]
    if any(upper) and not all(upper):
        start = len(words)
        while start > 0 and upper[start - 1]:
            start -= 1
        if start < len(words) and all(upper[start:]):
            return start
    start = len(words) - 1
    if start >= 1 and fold(words[start - 1]) in _lineage_words():
        start -= 1
    return start


def _chain_end(words: list[str], i: int, family: int) -> int:
    """The end of the chain link opened by the lineage word at ``words[i]``: the father's name after it, one word,
    or "Abd" and the word it opens ("bin Abd al-<Name>", "bin Abd <Name>")."""
    end = i + 2
    if end < family and fold(words[i + 1]) in SERVANT_WORDS:
        end += 1
    return end


def closing_nisba(words: list[str]) -> int | None:
    """Where a closing nisba begins ("AL-<PLACE>I", or "al" and "<Place>i" written apart), or None."""
    if words and _NISBA.fullmatch(fold(words[-1])):
        return len(words) - 1
    if len(words) >= 2 and fold(words[-2]) in _ARTICLES and _NISBA.fullmatch(fold(" ".join(words[-2:]))):
        return len(words) - 2
    return None


def without_optional_parts(name: str) -> tuple[str, str] | None:
    """(the listed person name without its lineage chain, its opening kunya and its closing nisba, the words set
    aside), or None when it has none of them or too little would be left (:data:`MIN_LEFT` words, besides lineage
    and kunya words).

    "<Given> bin <Father> bin <Grandfather> BIN <FAMILY>" gives "<Given> BIN <FAMILY>"; "Abu <Son> <Given>
    <FAMILY>" gives "<Given> <FAMILY>"; "<Given> <Father> AL-<PLACE>I" gives "<Given> <Father>"; "ABU <SON>
    AL-<NISBA>" is left alone (a nisba alone is no name)."""
    words = name.replace(",", " ").split()
    if len(words) < 3:
        return None
    lineage, kunya = _lineage_words(), _kunya_words()
    family = _family_start(words)
    drop: set[int] = set()
    given = 0
    # the opening kunya: "Abu <Son>" before the given name
    if fold(words[0]) in kunya and family > 2:
        drop |= {0, 1}
        given = 2
    # each chain link after the given name, up to the family name
    i = given + 1
    while i < family:
        end = _chain_end(words, i, family)
        if fold(words[i]) in lineage and end <= family:
            drop |= set(range(i, end))
            i = end
        else:
            i += 1
    names = [w for k, w in enumerate(words) if k not in drop and fold(w) not in lineage | kunya]
    nisba = closing_nisba(words)
    if nisba is not None and nisba > 0 and fold(words[nisba - 1]) not in lineage | kunya:
        # the family name is a nisba: optional too, if given name and another name remain without it
        # "Abd al-<Name>" is one given name, not two
        skip = lineage | kunya | SERVANT_WORDS
        rest = [w for k, w in enumerate(words[:nisba]) if k not in drop and fold(w) not in skip]
        if len(rest) >= MIN_LEFT:
            drop |= set(range(nisba, len(words)))
            names = rest
    if not drop or len(names) < MIN_LEFT:
        return None
    kept = [w for k, w in enumerate(words) if k not in drop]
    return " ".join(kept), " ".join(words[k] for k in sorted(drop))
