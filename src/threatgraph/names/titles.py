"""The sex a courtesy title says about the person named after it ("Mrs. <Surname>", "Sir <Given> <Surname>").

Why: news writes a married couple or two siblings as "Mr. <Surname>" and "Mrs. <Surname>". A name compared without
its title (the one name stack drops honorifics) makes the two one person; the title is the evidence that they are
two. The titles and the sex each says are the vocabulary's ``title_genders``
(:attr:`threatgraph.names.vocabulary.Vocabulary.title_gender`).

The taggers leave the title outside a person's span ("Mrs." + "Clinton"), so it is read from the text right before
the name, and from the name's own first word when a span holds it ("Lady Ashworth").
"""

from __future__ import annotations

import re

from threatgraph.names.vocabulary import fold, vocabulary

MALE = "male"
FEMALE = "female"
#: "Mr. and Mrs. <Surname>": the name is two people's at once, neither alone.
BOTH = "both"

#: The last word before a name, its abbreviation point and spaces: "... said Mrs. " -> "Mrs".
_LAST_WORD = re.compile(r"(?:^|[\s(\"'“‘])(?P<word>[^\W\d_]+)\.?\s+$")
#: "<Title> and <Title> " / "<Title> & <Title> " right before a name.
_PAIRED = re.compile(r"(?:^|[\s(\"'“‘])(?P<first>[^\W\d_]+)\.?\s+(?:and|&)\s+(?P<second>[^\W\d_]+)\.?\s+$")


def _sex(word: str) -> str | None:
    return vocabulary().title_gender.get(fold(word))


def title_sex(before: str, name: str = "") -> str | None:
    """The sex the courtesy title of a name says: ``MALE``, ``FEMALE``, ``BOTH`` for a pair of titles ("Mr. and
    Mrs. <Surname>"), or None when no such title stands right before it (``before``: the text up to the name, e.g.
    its sentence so far) or opens it (``name``). An office or rank says nothing ("President <Surname>")."""
    words = name.split()
    if len(words) >= 2 and (own := _sex(words[0].rstrip("."))):
        return own
    tail = before[-40:]
    found = _LAST_WORD.search(tail)
    if found is None or (sex := _sex(found.group("word"))) is None:
        return None
    paired = _PAIRED.search(tail)
    if paired is not None and (other := _sex(paired.group("first"))) is not None and other != sex:
        return BOTH
    return sex


def contradict(one: set[str], other: set[str]) -> bool:
    """Whether two sets of title sexes (each the titles seen on one person's mentions) cannot be one person's: a man
    and a woman, or a pair of people on either side."""
    if not one or not other:
        return False
    return BOTH in one or BOTH in other or one != other
