"""Name rarity as a job-wide statistic: how many distinct names carry each name part.

Two things need to know whether a name part is rare. Blocking: a given name or a short phonetic key
that hundreds of people share ("Mohammed", metaphone "MHMT") chains every one of them into one block,
the serial floor of the Spark path, while as a lookup it finds more candidates than the resolver scores.
Decisions: a shared surname that nobody else carries is evidence that two full names are one person; a
shared common part alone is not.

The statistic is a function of two things only: the archive as it stood when the job started (the
entities filed under each blocking key) and the job's whole input (the distinct names of its unresolved
mention groups). Both paths compute it before anything is resolved - one machine over its batch (or,
for ``rebuild``, over the whole archive), Spark by summing its partitions' shares on the driver - and
give it to every Resolver, so no decision depends on the order in which blocks are resolved. (Session 14
read the same rarity from the store while resolving; Spark's parallel blocks and one machine's order
then decided differently.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from threatgraph.names.forms import MAX_KEY, NameForm, blocking_keys, decision_key, name_form
from threatgraph.names.parts import given_name_key
from threatgraph.resolve.groups import CHUNK, Group
from threatgraph.store.schema import resolve_keys

#: Blocking-key kinds that file one part of a name (token, token skeleton, token metaphone) or its initials
#: (acronym): the kinds that can be common (two letters of a person's initials are shared by thousands). Whole
#: names and whole-name skeletons are never dropped.
PART_KINDS = frozenset("tkpa")
#: A part key under which more than this many distinct names are filed is common: it joins no block and
#: finds no candidate. The resolver scores at most a dozen candidates per group, ranked by shared keys, so
#: a key shared by many more names than that could only ever find an arbitrary few of them.
COMMON_NAMES = 30
#: A person's name word is common sooner: two persons' full names meet under their first-and-last pair key
#: (``f:`` in :func:`~threatgraph.names.forms.blocking_keys`), so a word key only serves a one-word name
#: ("<Surname> said"), and a word that this many person names carry does not say which person it is (the
#: resolver leaves a bare name that fits two known people alone).
PERSON_NAMES = 8
#: Persons the archive (with the job) must hold before a name nobody else carries counts as rare: in a
#: handful of articles every name looks rare.
RARE_AFTER = 100


def counted(key: str) -> bool:
    """Whether the statistic counts names under this blocking key: part keys of every family, and one-word
    person names (``Person|n:<word>``), which a rare part's count must include."""
    fam, _, rest = key.partition("|")
    kind = rest[:1]
    return kind in PART_KINDS or (fam == "Person" and kind == "n" and " " not in rest[2:])


def name_key(ident: str) -> str:
    """The whole-name blocking key of a name identity ``"<family>:<norm>"``."""
    fam, _, norm = ident.partition(":")
    return f"{fam}|n:{norm}"[:MAX_KEY]


def counted_name(ident: str) -> str:
    """The name a name identity ``"<family>:<norm>"`` counts as: a person's full name with its given name under
    the vocabulary's one key for that name's forms (:func:`threatgraph.names.parts.given_name_key`), so "Antony
    <X>" and "Tony <X>", or "Oleksandr <X>" and "Aleksandr <X>", are one name carrying "<X>", not two namesakes.

    Why: rarity asks whether anybody else carries a name part; counting one person's own spellings as other
    people kept an official named three ways apart across articles. Only the opening word of a name of two words
    or more is a given name here (a surname "Will" is no William), and middle initials are kept: "John A. <X>"
    and "John B. <X>" are two people. A function of the name alone, so every path counts alike."""
    fam, _, norm = ident.partition(":")
    words = norm.split(" ")
    if fam != "Person" or len(words) < 2:
        return ident
    return f"{fam}:{' '.join([given_name_key(words[0]), *words[1:]])}"


def spellings(g: Group) -> dict[str, set[str]]:
    """Every spelling the resolver may look a group up by or file it under: name identity -> its blocking keys.

    Each name of the group as written and as stored as an alias (its surface text reduced again). The one
    reading of a group's spellings: the statistic counts names under these keys, and
    :func:`threatgraph.resolve.blocks.lookup_keys` blocks on them, so the two cannot drift apart."""
    out: dict[str, set[str]] = {}
    for name in sorted({g.canonical, *g.names}):
        form = name_form(name, g.label)
        forms = [form, name_form(form.text, g.label)] if form.text else [form]
        for f in forms:
            if f.core:
                out.setdefault(decision_key(g.label, f.norm), set()).update(blocking_keys(f, g.label))
    return out


def _posted(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    """Stored entities filed under each key (keys with none are left out)."""
    ordered = sorted(set(keys))
    out: dict[str, int] = {}
    for i in range(0, len(ordered), CHUNK):
        rows = conn.execute(
            select(resolve_keys.c.key, func.count())
            .where(resolve_keys.c.key.in_(ordered[i : i + CHUNK]))
            .group_by(resolve_keys.c.key)
        )
        out.update({k: n for k, n in rows})
    return out


@dataclass(slots=True)
class NameShare:
    """One batch's or one partition's share of the statistic: the names it adds under each counted key
    (identities the archive does not file yet) and the archive's entities under those keys."""

    new: dict[str, set[str]] = field(default_factory=dict)
    stored: dict[str, int] = field(default_factory=dict)

    def absorb(self, other: NameShare) -> None:
        """Add another part of the same job's input (read against the same archive state)."""
        for k, idents in other.new.items():
            self.new.setdefault(k, set()).update(idents)
        for k, n in other.stored.items():
            self.stored[k] = max(self.stored.get(k, 0), n)


def input_names(groups: Iterable[Group]) -> dict[str, set[str]]:
    """Name identity -> blocking keys, over the spellings of the groups not resolved before."""
    idents: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        if g.entity_id:
            continue  # resolved before: its names are the archive's
        for ident, keys in spellings(g).items():
            idents[ident] |= keys
    return idents


def name_share(conn: Connection, groups: Iterable[Group]) -> NameShare:
    """The share of these groups: read before any of the job's groups is resolved (the archive at the start)."""
    idents = input_names(groups)
    part_keys = {k for keys in idents.values() for k in keys if counted(k)}
    posted = _posted(conn, part_keys | {name_key(i) for i in idents})
    new: dict[str, set[str]] = defaultdict(set)
    for ident, keys in idents.items():
        if posted.get(name_key(ident)):
            continue  # a name the archive already files: counted there, once
        for k in keys:
            if counted(k):
                new[k].add(counted_name(ident))
    return NameShare(dict(new), {k: n for k, n in posted.items() if counted(k)})


@dataclass(frozen=True, slots=True)
class NameStats:
    """Distinct names (archive at the job's start plus the job's new names) under each counted key, and the
    archive's persons; read-only once built, shared by every Resolver of the job."""

    counts: Mapping[str, int]
    persons: int

    @classmethod
    def from_counts(cls, new: Mapping[str, int], stored: Mapping[str, int], persons: int) -> NameStats:
        """Sum the job's new names and the archive's entities per key (the Spark driver's merge of its partitions)."""
        counts = dict(stored)
        for k, n in new.items():
            counts[k] = counts.get(k, 0) + n
        return cls(counts, persons)

    @classmethod
    def from_share(cls, share: NameShare, persons: int) -> NameStats:
        return cls.from_counts({k: len(v) for k, v in share.new.items()}, share.stored, persons)

    @classmethod
    def of(cls, conn: Connection, groups: Iterable[Group], persons: int) -> NameStats:
        """The statistic of one machine's job (a batch) from its groups."""
        return cls.from_share(name_share(conn, groups), persons)

    def common(self, key: str) -> bool:
        """A part key too many names share to block on or look up."""
        fam, _, rest = key.partition("|")
        return rest[:1] in PART_KINDS and self.counts.get(key, 0) > (PERSON_NAMES if fam == "Person" else COMMON_NAMES)

    def blocking(self, keys: Iterable[str]) -> set[str]:
        """The keys a group is looked up and blocked under: its keys less the common part keys."""
        return {k for k in keys if not self.common(k)}

    def carrying(self, word: str) -> int:
        """Distinct person names carrying this word, as a part of a full name or alone."""
        return self.counts.get(f"Person|t:{word}"[:MAX_KEY], 0) + self.counts.get(f"Person|n:{word}"[:MAX_KEY], 0)

    def large(self) -> bool:
        """Whether the archive has seen enough persons for absence to be evidence (``RARE_AFTER``)."""
        return self.persons >= RARE_AFTER

    def only_these(self, word: str, forms: Iterable[NameForm]) -> bool:
        """No person name beyond these carries the word (the names of the two sides being compared, each counted as
        :func:`counted_name` counts the job's names)."""
        return self.carrying(word) <= len({counted_name(f"Person:{f.norm}") for f in forms if word in f.core})
