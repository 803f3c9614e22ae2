"""Words of organisation names, learnt from the listed names themselves: legal forms and misspelt legal forms.

Legal forms are written out in many languages ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU", "SOCIEDAD
ANONIMA DE CAPITAL VARIABLE") and abbreviated ("AO", "PAO", "SA", "BV"). The name vocabulary lists only the
forms that are legal forms everywhere: "AO" or "PAO" are also name syllables of people ("PAO Chiang Hua"). In
an organisation's name they are legal forms (rigour's org-type data knows them), so there they weigh as
generic words: the listed "DMNG AO" is found by "DMNG" as "DMNG LLC" is.

A query word that is no word of any listed name but one or two typing errors away from a word written in
many organisation names and (almost) never in a person's ("COPMANY", "OGRANYCHENNOI", "STATTE") is read as
that word before the name is normalised, so a legal form is recognised as if spelt right ("JOINT-STOCK COPMANY
B-CRYPTO" / "JOINT-STOCK COMPANY B-CRYPTO"). Person names are never corrected toward a person's name, nor
toward an organisation's own name: only words of many organisation names are targets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from rigour.names.org_types import extract_org_types

from threatgraph.names.tokens import GENERIC
from threatgraph.names.vocabulary import fold

#: A word is a correction target when at least this many organisation names write it...
MIN_ORG_NAMES = 10
#: ...and person names write it at most this share as often.
PERSON_SHARE = 0.05
#: Query words shorter than this are never corrected (short words are acronyms and syllables, not typos).
MIN_TYPO_LENGTH = 5
#: Edits (insert, delete, substitute, transpose) a misspelt word may be from its organisation word: one, and
#: two from this word length on.
LONG_WORD = 9


@dataclass(frozen=True, slots=True)
class OrgWords:
    """Organisation words of one index (see the module docstring)."""

    kind_tokens: frozenset[str]  # legal forms written in organisation names
    known_words: frozenset[str]
    targets: tuple[str, ...]

    def weight(self, token: str, weight: float) -> float:
        """The weight of a token of an organisation name: at most a generic word's if it is a legal form."""
        return min(weight, GENERIC) if token in self.kind_tokens else weight

    def correct(self, name: str) -> str | None:
        """``name`` (folded) with misspelt organisation words spelt right, or None when none is misspelt."""
        words = fold(name).split()
        changed = False
        for i, word in enumerate(words):
            if len(word) < MIN_TYPO_LENGTH or word in self.known_words or word.isdigit():
                continue
            fixed = self._nearest(word)
            if fixed is not None:
                words[i] = fixed
                changed = True
        return " ".join(words) if changed else None

    def _nearest(self, word: str) -> str | None:
        """The one organisation word within the allowed edits of ``word`` (None when none or several are)."""
        edits = 1 if len(word) < LONG_WORD else 2
        found = process.extract(word, self.targets, scorer=OSA.distance, score_cutoff=edits, limit=2)
        if not found or (len(found) > 1 and found[1][1] == found[0][1]):
            return None
        return found[0][0]


def learn(names: Iterable[tuple[str, tuple[str, ...], bool]]) -> OrgWords:
    """Organisation words from (listed name, its tokens, whether it names an organisation) triples."""
    org_tokens: Counter[str] = Counter()
    person_tokens: Counter[str] = Counter()
    org_words: Counter[str] = Counter()
    person_words: Counter[str] = Counter()
    known: set[str] = set()
    for name, tokens, is_org in names:
        words = set(fold(name).split())
        known.update(words)
        if is_org:
            org_tokens.update(set(tokens))
            org_words.update(words)
        else:
            person_tokens.update(set(tokens))
            person_words.update(words)
    kind = frozenset(t for t in org_tokens if t.isalpha() and extract_org_types(t))
    targets = tuple(
        sorted(
            w
            for w, n in org_words.items()
            if n >= MIN_ORG_NAMES and person_words[w] <= PERSON_SHARE * n and len(w) >= MIN_TYPO_LENGTH - 1
        )
    )
    return OrgWords(kind, frozenset(known), targets)
