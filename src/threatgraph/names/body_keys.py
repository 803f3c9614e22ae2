"""Which widely reported body a name is a public name of (``bodies.yaml``), by lookup alone.

Why a module of its own: :mod:`threatgraph.names.bodies` compares names (a branch's words align or not) and so
reads :mod:`threatgraph.names.align`, while the name comparison itself needs only the lookup: whether an acronym is
one body's public name (:func:`threatgraph.names.align._anothers_acronym`). The lookup compares no names, so both
modules read it and neither reads the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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


def table_bodies() -> dict[str, list[str]]:
    """The shipped table ``{body id: [names]}``, validated (:class:`threatgraph.names.schemas.BodiesFile`)."""
    return load_yaml(BODIES_FILE, BodiesFile)["bodies"]


@lru_cache(maxsize=1)
def _keys() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    bodies_of: dict[str, set[str]] = defaultdict(set)
    written: dict[str, tuple[str, ...]] = {}
    for body, names in table_bodies().items():
        written[body] = tuple(names)
        for name in names:
            form = name_form(name, FAMILY)
            if form.core:
                for key in form_keys(form):
                    bodies_of[key].add(body)
    return {k: frozenset(v) for k, v in bodies_of.items()}, written


def owners(forms: Iterable[NameForm]) -> set[str]:
    """The bodies these names are names of (a key two bodies share names neither)."""
    bodies_of = _keys()[0]
    out: set[str] = set()
    for form in forms:
        for key in form_keys(form):
            found = bodies_of.get(key, frozenset())
            if len(found) == 1:
                out |= found
    return out


def written_names(body: str) -> tuple[str, ...]:
    """A body's names as the table writes them."""
    return _keys()[1].get(body, ())
