"""Bare surnames an article leaves ambiguous: the surname of two or more people the same article names in full.

Why: an article about a family or a couple names each member in full once ("<Given A> <Surname>", "<Given B>
<Surname>") and then calls them by the surname alone, or by a courtesy title and the surname, which the
extractor reads as the bare surname. The in-document grouping rightly leaves that surname out of both full names
(it cannot tell which one is meant), so it reaches the resolver as a group of its own. Scored there like any other
bare surname, it joined whichever person of that surname the archive knew with shared company - another article's
namesake (a London mayor and a soldier's father), or one member of the family when the group held mentions of
both. Its own article says that the surname alone names more than one person: it stays apart, and no later group
joins the entity it forms (precision first: a missed merge costs less than a wrong one).

The same holds where the article gives the two people no full names but courtesy titles of two sexes ("Mr.
<Surname>", "Mrs. <Surname>"): the extractor joins equal names into one group except there
(:func:`threatgraph.extract.grouping._by_title`), so two person groups of one article under one bare name are two
people, and the name alone names neither for sure (:func:`kept_apart`).
"""

from __future__ import annotations

from collections.abc import Iterable

from threatgraph.names.forms import NameForm
from threatgraph.names.parts import same_person_part

#: The entity property that marks an entity formed by such a group (stored with the entity, so later batches and
#: other paths see it too).
SHARED_SURNAME = "shared_surname"


def _bearers(surname: str, full_names: Iterable[NameForm]) -> set[str]:
    """The given names of the full names (two words or more) that end in this surname."""
    return {f.core[0] for f in full_names if len(f.core) >= 2 and same_person_part(f.core[-1], surname)}


def _two_people(given: list[set[str]]) -> bool:
    """Two of these groups' given names share no spelling ("Hillary"/"Bill", not "Mohammed"/"Muhammad")."""
    return any(
        not any(same_person_part(a, b) for a in x for b in y) for i, x in enumerate(given) for y in given[i + 1 :]
    )


def shared_surname(forms: list[NameForm], others: list[list[NameForm]]) -> bool:
    """Whether a person group named by one word only (``forms``) is a surname that two or more other person groups
    of its article (``others``: each group's name forms) end in, under different given names.

    A group with any full name, or a one-word name only one full name of the article ends in, is not: the
    extractor's own grouping decides that one. Given names are compared across groups, not within one: one group
    is one person (the extractor grouped its spellings), and two groups under one given name may be one person
    split (a title kept in one name), which is no evidence of two people."""
    if not forms or any(len(f.core) != 1 for f in forms):
        return False
    words = sorted({f.core[0] for f in forms})
    return any(_two_people([g for g in (_bearers(w, names) for names in others) if g]) for w in words)


def kept_apart(forms: list[NameForm], others: list[list[NameForm]]) -> bool:
    """Whether a person group named by one word only (``forms``) has that very name in another person group of its
    article (``others``: the other grouped person groups' name forms). The extractor puts equal names in one group
    unless titles say two people ("Mr." and "Mrs."), so such a name is one of two people's."""
    if not forms or any(len(f.core) != 1 for f in forms):
        return False
    own = {f.norm for f in forms}
    return any(other and all(len(f.core) == 1 for f in other) and {f.norm for f in other} <= own for other in others)


def bears(word: str, names: Iterable[NameForm]) -> bool:
    """Whether one of these names is a full name (two words or more) that ends in this word: a bearer of the
    surname, not an actor that carries the word alone (a one-word entity, a body's name mistyped as a person)."""
    return bool(_bearers(word, names))
