"""Mention groups and entity profiles: the units the resolver reads, scores and writes back.

A :class:`Group` is one in-document alias group of one article (what the extractor tied together);
a :class:`Profile` is an entity as the resolver sees it (aliases, context of co-occurring names,
label counts, counters). :func:`load_groups` reads the groups of some articles with each group's
context in one query per chunk of articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, select

from threatgraph.names.forms import NameForm, decision_key, family, name_form, resolvable, variant_norms
from threatgraph.names.vocabulary import vocabulary
from threatgraph.resolve.surnames import kept_apart, shared_surname
from threatgraph.store.schema import articles, mentions

#: Co-occurring names kept per group and per entity profile.
GROUP_CONTEXT = 40
ENTITY_CONTEXT = 64
CHUNK = 500


def _as_datetime(value: Any) -> datetime | None:
    """Naive UTC datetimes throughout, so SQLite (naive) and PostgreSQL (aware) values compare."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    return None


@dataclass(slots=True)
class Group:
    """One in-document alias group of one article, the unit resolution assigns."""

    article_id: str
    grp: int
    label: str
    names: Counter[str]
    canonical: str
    mention_ids: list[int]
    seen: datetime | None
    entity_id: str | None = None  # already assigned (idempotent re-runs)
    unassigned: list[int] = field(default_factory=list)
    _forms: list[NameForm] | None = None
    context: set[str] = field(default_factory=set)
    # a bare surname two or more people its article names in full carry (:mod:`threatgraph.resolve.surnames`)
    shared_surname: bool = False

    @property
    def person(self) -> bool:
        return family(self.label) == "Person"

    def forms(self) -> list[NameForm]:
        if self._forms is None:
            seen: dict[tuple[str, str | None], NameForm] = {}
            for name in [self.canonical, *self.names]:
                form = name_form(name, self.label)
                if form.core and (form.norm, form.designator) not in seen:
                    seen[(form.norm, form.designator)] = form
            self._forms = list(seen.values())
        return self._forms

    def keys(self) -> set[str]:
        return {decision_key(self.label, f.norm) for f in self.forms()}

    def list_keys(self) -> set[str]:
        """Decision keys of every spelling variant of the group's names (:func:`variant_norms`): what the
        loaded lists' names are looked up under."""
        return {decision_key(self.label, v) for f in self.forms() for v in variant_norms(f)}


@dataclass(slots=True)
class Profile:
    """An entity as the resolver sees it: names, context, counters; written back on flush."""

    id: str
    schema: str
    caption: str
    mention_count: int
    article_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    props: dict[str, Any]
    alias_counts: dict[str, int]  # name -> mentions
    alias_new: dict[str, int] = field(default_factory=dict)  # name -> added mentions this batch
    db_names: set[str] = field(default_factory=set)  # alias names already stored for this entity
    new: bool = False
    dirty: bool = False
    recount: bool = False
    _forms: tuple | None = None

    def forms(self) -> list[NameForm]:
        """Distinct name forms of the aliases (cached until the alias set or type changes)."""
        stamp = (len(self.alias_counts), self.schema)
        if self._forms is None or self._forms[0] != stamp:
            seen: dict[tuple[str, str | None], NameForm] = {}
            for name in self.alias_counts:
                form = name_form(name, self.schema)
                if form.core and (form.norm, form.designator) not in seen:
                    seen[(form.norm, form.designator)] = form
            forms = list(seen.values())
            self._forms = (stamp, forms, {decision_key(self.schema, f.norm) for f in forms})
        return self._forms[1]

    def keys(self) -> set[str]:
        self.forms()
        return self._forms[2]  # type: ignore[index]

    def list_keys(self) -> set[str]:
        """Decision keys of every spelling variant of the entity's names (see :meth:`Group.list_keys`)."""
        return {decision_key(self.schema, v) for f in self.forms() for v in variant_norms(f)}

    @property
    def context(self) -> dict[str, int]:
        return self.props.setdefault("context", {})


@dataclass(slots=True)
class ResolveStats:
    """What one resolution run did (returned by ``update``/``rebuild``, printed by the CLI)."""

    articles: int = 0
    groups: int = 0
    mentions: int = 0
    created: int = 0
    joined: int = 0
    merged: int = 0
    guarded: int = 0  # joins to an entity read as sanctioned refused for want of corroboration
    linked_events: int = 0
    linked_quotes: int = 0
    screened: int = 0
    sanction_links: int = 0
    seconds: float = 0.0
    touched: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "groups": self.groups,
            "mentions": self.mentions,
            "created": self.created,
            "joined": self.joined,
            "merged": self.merged,
            "guarded": self.guarded,
            "linked_events": self.linked_events,
            "linked_quotes": self.linked_quotes,
            "screened": self.screened,
            "sanction_links": self.sanction_links,
            "seconds": round(self.seconds, 3),
            "notes": list(self.notes),
        }


def top(counts: Mapping[str, int], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent keys, ties by key: a truncated profile must not depend on the order its
    counts were added in (articles arrive in any order on the Spark path)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def pick_label(labels: dict[str, int]) -> str:
    """The entity type from its mentions' labels: specific over generic, then most frequent."""
    voc = vocabulary()
    order, generic = voc.specificity, voc.generic_labels
    specific = {lab: n for lab, n in labels.items() if lab not in generic}
    pool = specific or labels
    return max(sorted(pool), key=lambda lab: (pool[lab], -order.index(lab) if lab in order else -99))


def load_groups(conn: Connection, article_ids: list[str]) -> list[Group]:
    """The mention groups of these articles, with each group's co-occurrence context."""
    by_key: dict[tuple[str, int], Group] = {}
    labels: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for i in range(0, len(article_ids), CHUNK):
        chunk = article_ids[i : i + CHUNK]
        rows = conn.execute(
            select(
                mentions.c.id,
                mentions.c.article_id,
                mentions.c.grp,
                mentions.c.text,
                mentions.c.label,
                mentions.c.canonical,
                mentions.c.entity_id,
                articles.c.published,
            )
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(mentions.c.article_id.in_(chunk))
            .order_by(articles.c.seq, mentions.c.start)
        )
        for mid, aid, grp, text, label, canonical, eid, published in rows:
            if not resolvable(label):
                continue
            # Ungrouped mentions (grp -1) are groups of their own.
            key = (aid, grp if grp is not None and grp >= 0 else -1_000_000 - mid)
            g = by_key.get(key)
            if g is None:
                # Seen dates come from dated reporting only: an undated article's ingest time says when we
                # read it, not when the actor was active, so it never moves "first/last seen".
                g = by_key[key] = Group(aid, key[1], label, Counter(), canonical or text, [], _as_datetime(published))
            g.names[text] += 1
            g.mention_ids.append(mid)
            labels[key][label] += 1
            if eid:
                g.entity_id = g.entity_id or eid
            else:
                g.unassigned.append(mid)
    order = vocabulary().specificity
    per_article: dict[str, list[Group]] = defaultdict(list)
    for key, g in by_key.items():
        counts = labels[key]
        g.label = max(sorted(counts), key=lambda lab: (counts[lab], -order.index(lab) if lab in order else -99))
        per_article[g.article_id].append(g)
    for groups in per_article.values():
        ranked = sorted(groups, key=lambda g: (-len(g.mention_ids), g.grp))
        keys = [decision_key(g.label, name_form(g.canonical, g.label).norm) for g in ranked]
        for g, own in zip(ranked, keys, strict=True):
            g.context = {k for k in keys[: GROUP_CONTEXT + 1] if k != own}
        persons = [g for g in groups if g.person]
        for g in persons:
            others = [o for o in persons if o is not g]
            # ungrouped mentions (grp < 0) are groups of one: their equal names say nothing about two people
            grouped = [o.forms() for o in others if o.grp >= 0] if g.grp >= 0 else []
            g.shared_surname = shared_surname(g.forms(), [o.forms() for o in others]) or kept_apart(g.forms(), grouped)
    return list(by_key.values())
