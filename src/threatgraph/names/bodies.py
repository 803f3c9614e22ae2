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
from pathlib import Path

from threatgraph.datafiles import load_yaml
from threatgraph.names.forms import NameForm, name_form, variant_norms
from threatgraph.names.schemas import BodiesFile

BODIES_FILE = Path(__file__).with_name("bodies.yaml")
#: The family the table's names are filed under (blocking keys are "<family>|n:<norm>").
FAMILY = "Organization"


def form_keys(form: NameForm) -> set[str]:
    """The table keys of one name: its designator with each spelling variant of its core."""
    return {f"{form.designator or ''}|{v}" for v in variant_norms(form)}


@dataclass(slots=True)
class PublicNames:
    """Body ids by name key, and each body's names (normalised, for blocking)."""

    bodies_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    norms_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

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


def build(bodies: dict[str, list[str]]) -> PublicNames:
    """The table from ``{body id: [names]}``."""
    out = PublicNames()
    for body, names in bodies.items():
        for name in names:
            form = name_form(name, FAMILY)
            if not form.core:
                continue
            out.norms_of[body].add(form.norm)
            for key in form_keys(form):
                out.bodies_of[key].add(body)
    return out


@lru_cache(maxsize=1)
def public_names() -> PublicNames:
    """The shipped table, validated (:class:`threatgraph.names.schemas.BodiesFile`) and read once."""
    return build(load_yaml(BODIES_FILE, BodiesFile)["bodies"])
