"""The optional parts of a listed person's name: a lineage chain ("bin <Father> bin <Grandfather>") and a kunya
("Abu <Son>") that running text leaves out.

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
"""

from __future__ import annotations

from threatgraph.names.vocabulary import fold, vocabulary

#: Words of the vocabulary's patronymics that open a given name, not a father's: "Abd al-<Name>" ("servant of").
SERVANT_WORDS = frozenset({"abd"})
#: A name needs at least this many words left (given and family name) once its optional parts are set aside.
MIN_LEFT = 2


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


def without_optional_parts(name: str) -> tuple[str, str] | None:
    """(the listed person name without its lineage chain and its opening kunya, the words set aside), or None when
    it has neither or too little would be left (:data:`MIN_LEFT` words, besides lineage and kunya words).

    "<Given> bin <Father> bin <Grandfather> BIN <FAMILY>" gives "<Given> BIN <FAMILY>"; "Abu <Son> <Given>
    <FAMILY>" gives "<Given> <FAMILY>"; "ABU <SON> AL-<NISBA>" is left alone (a nisba alone is no name)."""
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
    if not drop:
        return None
    kept = [w for k, w in enumerate(words) if k not in drop]
    names = [w for w in kept if fold(w) not in lineage | kunya]
    if len(names) < MIN_LEFT:
        return None
    return " ".join(kept), " ".join(words[k] for k in sorted(drop))
