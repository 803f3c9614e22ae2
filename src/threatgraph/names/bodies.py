"""Public names of widely reported bodies (``bodies.yaml``): evidence that two names are one body.

Reporting names the same armed group in ways no spelling rule connects: an English acronym ("ISIS"), the
group's own name in translation ("Islamic State"), its Arabic acronym ("Daesh"), its movement's name
("Ansar Allah" for the Houthis). A sanctions list's a.k.a.s say this for listed bodies, but a list snapshot
may lack them. This table is that statement as world knowledge, used like a list's: two names that are
names of one body here, and of no other, may be one actor.

A name is keyed by its designator and each spelling variant of its core (:func:`variant_norms`: plural,
compound joined, a region's other name, a territory dropped), so "Kata'ib Hizballah" (designator
"battalion") never shares a key with "Hizballah", and the spellings the name stack already aligns need no
line of their own. A key that two bodies share is evidence for neither. Organisations only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from threatgraph.names.align import ALIGNED, compare_names
from threatgraph.names.body_keys import BODIES_FILE, FAMILY, form_keys, table_bodies
from threatgraph.names.forms import NameForm, name_form
from threatgraph.names.parts import plural_fold
from threatgraph.names.vocabulary import vocabulary

__all__ = ["BODIES_FILE", "FAMILY", "PublicNames", "build", "form_keys", "public_names"]
#: Words that mark a branch's place part and name nothing themselves ("<Region> Province", "Wilayat <Region>").
BRANCH_MARKERS = frozenset({"province", "wilayat", "wilayah", "wilaya", "branch"})


def _opening(designator: str | None, words: Iterable[str]) -> tuple[str, ...]:
    """The key of a name's opening words (plural folded: "Islamic State's" opens like "Islamic State"; a region
    under its one name: "... of Iraq and al-Sham in <Region>" opens like "... of Iraq and Syria")."""
    places = vocabulary().place_of
    return (designator or "", *(places.get(w, plural_fold(w)) for w in words))


@dataclass(slots=True)
class PublicNames:
    """Body ids by name key, and each body's names (normalised, for blocking)."""

    bodies_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    norms_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: body ids by the words of each of their names, for names that open with one ("<Body> in <Region>")
    opens: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    #: each body's names as the table writes them (what a name is screened under besides its own)
    written: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def bodies(self, forms: Iterable[NameForm]) -> set[str]:
        """The bodies these names are names of (a key two bodies share names neither)."""
        out: set[str] = set()
        for form in forms:
            for key in form_keys(form):
                found = self.bodies_of.get(key, set())
                if len(found) == 1:
                    out |= found
        return out

    def same_body(self, left: Iterable[NameForm], right: Iterable[NameForm]) -> bool:
        """Whether both sides' names are names of one and the same body, and of no other."""
        mine = self.bodies(left)
        return len(mine) == 1 and self.bodies(right) == mine

    def lookup_keys(self, forms: Iterable[NameForm]) -> set[str]:
        """The blocking keys of the other names of these names' body (where entities named so are filed)."""
        found = self.bodies(forms)
        if len(found) != 1:
            return set()
        return {f"{FAMILY}|n:{norm}" for norm in self.norms_of[next(iter(found))]}

    def branch(self, form: NameForm) -> tuple[str, tuple[str, ...]] | None:
        """The body whose name this name opens with, and the words after it: "ISIS in the Qandor Hills" ->
        (isis, qandor hills). The longest opening that is a name of one body only; none when nothing
        follows (the body itself)."""
        for k in range(len(form.core) - 1, 0, -1):
            found = self.opens.get(_opening(form.designator, form.core[:k]), set())
            if len(found) == 1:
                # "<Body> <Region> Province" and "<BODY>-<REGION>" name one branch: the marker word says only
                # that a branch follows (screen/branches.py reads it so too)
                rest = tuple(w for w in form.core[k:] if w not in BRANCH_MARKERS)
                return (next(iter(found)), rest) if rest else None
        return None

    def same_branch(self, left: Iterable[NameForm], right: Iterable[NameForm]) -> bool:
        """Whether two names are one branch of one body named by two of the body's names ("ISIS in the
        Qandor Hills", "Islamic State in the Qandor Hills", "ISIS-QH"): the openings name one body here
        and what follows agrees, word for word (:func:`compare_names` aligned) or as the other's initials.
        A branch and its parent stay apart (the parent has nothing after its name)."""
        mine = [b for f in left if (b := self.branch(f)) is not None]
        theirs = [b for f in right if (b := self.branch(f)) is not None]
        return any(a == b and _rests_agree(x, y) for a, x in mine for b, y in theirs)

    def branch_keys(self, forms: Iterable[NameForm]) -> set[str]:
        """Blocking keys of the same branch under the body's other names ("Daesh <Region>" for "ISIS <Region>")."""
        out: set[str] = set()
        for form in forms:
            if (found := self.branch(form)) is not None:
                body, rest = found
                out |= {f"{FAMILY}|n:{norm} {' '.join(rest)}" for norm in self.norms_of[body]}
        return out

    def one_body(self, left: Iterable[NameForm], right: Iterable[NameForm]) -> bool:
        """Whether two sets of names name one body (:meth:`same_body`) or one branch of one body
        (:meth:`same_branch`): a listed name and a news name that agree so are one name, as a list's own
        a.k.a.s would say ("ISIS-<Region>" on the list, "Islamic State in <Region>" in the article)."""
        left, right = list(left), list(right)
        return self.same_body(left, right) or self.same_branch(left, right)

    def other_names(self, form: NameForm) -> list[str]:
        """The names a body's name is also known by, to screen it under besides its own: the body's other
        names, for a name of one body, and the branch under each name of the body its name opens with ("ISIS
        <Region>", "ISIL <Region>" for "Islamic State in <Region>"; a branch may be a body of the table too). A
        list snapshot may hold only one of them (a branch listed as "ISIS-<Region>" with no a.k.a.), and the
        matcher compares words, so the news name alone never finds it. Empty for any other name."""
        out: list[str] = []
        found = self.bodies([form])
        if len(found) == 1:
            out += [n for n in self.written[next(iter(found))] if name_form(n, FAMILY).norm != form.norm]
        if (branch := self.branch(form)) is not None:
            body, rest = branch
            tail = " ".join(rest)
            out += [f"{n} {tail}" for n in self.written[body]]
        return out


def _rests_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """What follows a body's name on two sides names one branch: the words align, or one side is the
    other's initials ("QH" after the parent's acronym for "in the Qandor Hills")."""
    if a == b:
        return True
    for short, long_ in ((a, b), (b, a)):
        initials = "".join(w[0] for w in long_ if w not in vocabulary().particles)
        if len(short) == 1 and len(long_) >= 2 and 2 <= len(short[0]) <= 5 and short[0] == initials:
            return True
    return compare_names(name_form(" ".join(a)), name_form(" ".join(b))).score >= ALIGNED


def build(bodies: dict[str, list[str]]) -> PublicNames:
    """The table from ``{body id: [names]}``."""
    out = PublicNames()
    for body, names in bodies.items():
        for name in names:
            form = name_form(name, FAMILY)
            if not form.core:
                continue
            out.norms_of[body].add(form.norm)
            out.written[body].append(name)
            out.opens[_opening(form.designator, form.core)].add(body)
            for key in form_keys(form):
                out.bodies_of[key].add(body)
    return out


@lru_cache(maxsize=1)
def public_names() -> PublicNames:
    """The shipped table, validated (:class:`threatgraph.names.schemas.BodiesFile`) and read once."""
    return build(table_bodies())
