"""A person's group as the article states it: "<Group> leader <Name>", "<Group> ... and its leader, <Name>".

Why: the list ties a person to a group with "Linked To", and many of its older entries carry none (a group's founder
or leader listed on his own). The article then states the tie itself: the group's name among the role words before
the person's name, or the group named earlier in the sentence and the person in an apposition to its role ("the
<Group> and its leader, <Name>"). When that group is itself on the list under a program the person's entry shares,
the article's tie is corroboration of the same kind as a listed affiliation, though weaker: the list does not say
it, the article does, and the program (not the entry) is what agrees. The judge counts it as corroboration only for
an entry that lists no Linked To party of its own (:func:`threatgraph.resolve.judge.judge`), and never as the
listed affiliation that a name of common parts needs.

Only whole words of the group's name count ("anti-<Group>" and "<Group>-backed" are compounds that say something
else), and the role must end in a word written small (a noun: "leader", "commander", "founder"), so a bare
co-mention in a list of names is no tie.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from threatgraph.names.vocabulary import fold
from threatgraph.resolve.designation import role_before

#: "its <word> leader, " / "their chief, " right before the name: the possessive and at most this many words.
MAX_APPOSITION_WORDS = 4
_APPOSITION = re.compile(
    r"\b(its|their)\s+((?:[a-z][\w-]*\s+){0," + str(MAX_APPOSITION_WORDS - 1) + r"}[a-z][\w-]*)\s*,\s*$"
)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w'’]+", fold(text)) if w]


def _holds(words: list[str], name: list[str]) -> int:
    """The position after the last whole-word run of ``name`` in ``words``, or -1."""
    n, found = len(name), -1
    for i in range(len(words) - n + 1):
        if words[i : i + n] == name:
            found = i + n
    return found


def _compound(text: str, group: str) -> bool:
    """Whether the group's name is written inside a hyphenated compound ("anti-<Group>", "<Group>-backed")."""
    pattern = r"(?:-\s*" + re.escape(group) + r"|" + re.escape(group) + r"\s*-)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def stated_ties(sentence: str, start: int, groups: Iterable[str]) -> list[tuple[str, str]]:
    """The groups (of ``groups``, names written as the article writes them) the sentence states the person at
    ``sentence[start:]`` belongs to, each with the role words that say so: [(group, role)]."""
    out: list[tuple[str, str]] = []
    role = role_before(sentence, start)
    role_words = _words(role)
    for group in groups:
        name = _words(group)
        if not name:
            continue
        # "<Group> leader <Name>": the group's whole name among the role words, a word written small after it
        at = _holds(role_words, name) if role else -1
        if 0 <= at < len(role_words) and not _compound(role, group) and role.split()[-1][:1].islower():
            out.append((group, role))
            continue
        # "the <Group> ... and its leader, <Name>": the nearest group named before "its"
        m = _APPOSITION.search(sentence[:start])
        if m is None:
            continue
        before = sentence[: m.start()]
        last = _holds(_words(before), name)
        if last < 0 or _compound(before, group):
            continue
        nearer = [g for g in groups if g != group and _words(g) and _holds(_words(before), _words(g)) > last]
        if not nearer:
            out.append((group, f"{m.group(1)} {m.group(2)}"))
    return out
