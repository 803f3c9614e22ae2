"""Names a sanctions list gives one organisation: evidence that two spellings in the news name one body.

A list entry's name and its a.k.a.s ("ANSAR AL-QANDOR" a.k.a. "VELLACOTT MOVEMENT") are the list-maker's statement
that those names are one organisation. The resolver uses that statement the way an analyst would: two news
names that are names of the same entry, and of no other entry, may be one actor even when nothing in the
names themselves aligns. Weak aliases are left out (a list marks them as unreliable), and so are names too
short to be unique outside the list (three-letter acronyms such as "QSO" name many bodies in the news).

Organisations only: a person's a.k.a. joins two names of one person on the list, not of whoever in the
news carries one of them; persons keep needing their own corroboration.

The table is built from ``list_entries`` once per loaded-list state (the newest version id and the number
of entries) and cached per process, so a resolution batch pays one small query to check it is current.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from threatgraph.names.forms import MAX_KEY, decision_key, family, name_form, variant_norms
from threatgraph.store.schema import list_entries, list_versions

#: Entry properties whose values are names of the entry (not weak aliases).
NAME_PROPS = ("name", "alias", "previousName")
#: A one-word name needs at least this many letters to be evidence ("QSO", "VMQ" are not).
MIN_SINGLE = 5


@dataclass(slots=True)
class ListNames:
    """Organisation names on the loaded lists, by decision key ("Organization:<norm>").

    An entry is "<dataset>/<entry id>". A name is evidence only while it names one entry per list:
    the same body on two lists is still one body, two entries of one list sharing a name are two.
    """

    entries_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    names_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, entry: str, key: str) -> None:
        self.entries_of[key].add(entry)
        self.names_of[entry].add(key)

    def entries(self, key: str) -> set[str]:
        """The entries this name belongs to; none when one list gives it to two entries."""
        found = self.entries_of.get(key, set())
        datasets = [e.partition("/")[0] for e in found]
        return set(found) if len(datasets) == len(set(datasets)) else set()

    def others(self, keys: set[str]) -> set[str]:
        """The other names of the entries these names belong to."""
        out: set[str] = set()
        for k in keys:
            for e in self.entries(k):
                out |= self.names_of[e]
        return out - keys

    def lookup_keys(self, keys: set[str]) -> set[str]:
        """The blocking keys ("<family>|n:<norm>") of the other names of these names' entries: where
        entities named so are filed (the resolver looks there; the Spark path joins blocks by them)."""
        out = set()
        for k in self.others(keys):
            fam, _, norm = k.partition(":")
            out.add(f"{fam}|n:{norm}"[:MAX_KEY])
        return out

    def same_entry(self, left: set[str], right: set[str]) -> bool:
        """Whether some name on each side is a name of one and the same entry."""
        mine = set().union(*(self.entries(k) for k in left)) if left else set()
        return bool(mine) and any(self.entries(k) & mine for k in right)


def _usable(norm: str) -> bool:
    words = norm.split()
    return len(words) > 1 or (len(words) == 1 and len(words[0]) >= MIN_SINGLE)


def build(rows: list[tuple[str, str, str, dict]]) -> ListNames:
    """The table from (dataset, entry id, schema, FtM data) rows."""
    out = ListNames()
    for dataset, entry_id, schema, data in rows:
        entry = f"{dataset}/{entry_id}"
        if family(schema) != "Organization":
            continue
        props = (data or {}).get("properties") or {}
        for prop in NAME_PROPS:
            for name in props.get(prop) or []:
                form = name_form(str(name), schema)
                for norm in variant_norms(form):  # the spellings news uses for it (names/forms.py)
                    if _usable(norm):
                        out.add(entry, decision_key(schema, norm))
    return out


_CACHE: dict[tuple[str, object, int], ListNames] = {}


def list_names(conn: Connection) -> ListNames:
    """The organisation names of the lists loaded in this store (cached per list state)."""
    newest = conn.execute(select(func.max(list_versions.c.id))).scalar()
    count = conn.execute(
        select(func.count()).select_from(list_entries).where(list_entries.c.removed_version_id.is_(None))
    ).scalar_one()
    stamp = (conn.engine.url.render_as_string(hide_password=True), newest, count)
    if stamp not in _CACHE:
        rows = conn.execute(
            select(list_entries.c.dataset, list_entries.c.entry_id, list_entries.c.schema, list_entries.c.data).where(
                list_entries.c.removed_version_id.is_(None)
            )
        ).all()
        _CACHE.clear()
        _CACHE[stamp] = build([(r[0], r[1], r[2], r[3]) for r in rows])
    return _CACHE[stamp]
