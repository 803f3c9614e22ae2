"""Incremental clustering of in-document mention groups into cross-article entities.

The unit is a *mention group*: the mentions the extractor tied together inside one article
("Zainabiyoun Brigade", "Zainabiyoun"). For each new group the :class:`Resolver` looks up
candidate entities by blocking key (one indexed query on ``resolve_keys`` plus the keys added
earlier in the same batch), scores name and context (:mod:`threatgraph.resolve.compare`),
honours stored merge/split decisions, and either joins the best entity or creates one. Only the
touched entities are read and written, so the cost of one more article does not grow with the
archive. Everything happens on one connection inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, literal, select, update

from threatgraph.names.align import MATCH_THRESHOLD, best_name_score
from threatgraph.names.forms import MAX_KEY, NameForm, blocking_keys, decision_key, family, name_form, script_of
from threatgraph.resolve.compare import GroupScore, score_group, short_form_in_article
from threatgraph.resolve.decisions import Decisions
from threatgraph.resolve.groups import (
    CHUNK,
    ENTITY_CONTEXT,
    Group,
    Profile,
    ResolveStats,
    _as_datetime,
    load_groups,
    pick_label,
    top,
)
from threatgraph.resolve.links import insert_ignore, link_events, recount
from threatgraph.store.schema import (
    aliases,
    articles,
    entities,
    events,
    mentions,
    quotes,
    resolve_keys,
    sanction_links,
    watches,
)
from threatgraph.store.states import ANALYST_STATES

#: Candidates scored per group (best by number of shared blocking keys).
MAX_CANDIDATES = 12
#: A blocking key shared by more entities than this is too common to block on.
MAX_POSTING = 400
#: Persons the archive must hold before a name no one else carries counts as rare.
RARE_AFTER = 100
#: A surname-only person must beat the runner-up's context by this much, else it stays apart.
WEAK_MARGIN = 0.1
#: A co-mentioned actor named in at least this share of the archive (and COMMON_MIN articles) is
#: boilerplate ("OFAC", "Washington" in every press release): it corroborates nothing.
COMMON_SHARE = 0.15
COMMON_MIN = 5


def _bridged(forms: list[NameForm], left: list[NameForm], right: list[NameForm]) -> bool:
    """Whether two different names of one in-document group fit the two entities, one each."""
    fits_left = {i for i, f in enumerate(forms) if best_name_score([f], left).score >= 0.92}
    fits_right = {i for i, f in enumerate(forms) if best_name_score([f], right).score >= 0.92}
    return any(i != j for i in fits_left for j in fits_right)


def common_context(conn: Connection, groups: Iterable[Group]) -> set[str]:
    """Context keys named in so many articles that sharing them is no evidence.

    Document frequency = articles of the key's stored entity plus the given groups' articles naming
    it; the limit is a share of all stored articles (at least ``COMMON_MIN``). Computed over the
    groups given, so a caller resolving one input in several batches computes it once for all.
    """
    in_batch: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for k in g.context:
            in_batch[k].add(g.article_id)
    return common_from_counts(conn, {k: len(arts) for k, arts in in_batch.items()})


def common_from_counts(conn: Connection, counts: dict[str, int]) -> set[str]:
    """:func:`common_context` from per-key article counts of the input (summed over disjoint article
    batches by a caller that never holds the whole input's groups, such as the Spark path)."""
    if not counts:
        return set()
    total = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
    limit = max(COMMON_MIN, COMMON_SHARE * total)
    lookup = {}
    for k in counts:
        fam, _, norm = k.partition(":")
        lookup[f"{fam}|n:{norm}"[:MAX_KEY]] = k
    stored: dict[str, int] = {}
    keys = sorted(lookup)
    for i in range(0, len(keys), CHUNK):
        rows = conn.execute(
            select(resolve_keys.c.key, func.max(entities.c.article_count))
            .join(entities, entities.c.id == resolve_keys.c.entity_id)
            .where(resolve_keys.c.key.in_(keys[i : i + CHUNK]))
            .group_by(resolve_keys.c.key)
        )
        for key, n in rows:
            stored[lookup[key]] = n or 0
    return {k for k, n in counts.items() if stored.get(k, 0) + n >= limit}


def entity_id_for(key: str, salt: int = 0) -> str:
    """Stable, readable entity id from the first name key that created it (FtM-compatible)."""
    raw = key if not salt else f"{key}#{salt}"
    return "ent-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


class Resolver:
    """Assigns mention groups to entities on one open connection (one transaction per batch)."""

    def __init__(self, conn: Connection, decisions: Decisions, recycle: set[str] | None = None) -> None:
        self.conn = conn
        self.decisions = decisions
        self.recycle = recycle if recycle is not None else set()
        self.profiles: dict[str, Profile] = {}
        self.pending_keys: dict[str, set[str]] = defaultdict(set)
        self.key_cache: dict[str, list[str]] = {}
        self.new_keys: dict[str, set[str]] = defaultdict(set)
        self.assign: dict[int, str] = {}
        self.redirect: dict[str, str] = {}
        self.article_entities: dict[str, set[str]] = defaultdict(set)
        self.prior_pairs: set[tuple[str, str]] = set()
        self.changed: set[str] = set()  # new entities or new names: to be screened
        self.common: set[str] = set()  # context keys too frequent to corroborate anything
        self.stats = ResolveStats()
        self._persons: int | None = None  # persons in the archive, for name rarity

    # --- lookups ---------------------------------------------------------------------------

    def final(self, eid: str) -> str:
        while eid in self.redirect:
            eid = self.redirect[eid]
        return eid

    def _postings(self, keys: set[str]) -> dict[str, list[str]]:
        """Entity ids per blocking key, read once per batch (the batch's own new keys are pending)."""
        missing = sorted(k for k in keys if k not in self.key_cache)
        for i in range(0, len(missing), CHUNK):
            chunk = missing[i : i + CHUNK]
            found: dict[str, list[str]] = {k: [] for k in chunk}
            for key, eid in self.conn.execute(
                select(resolve_keys.c.key, resolve_keys.c.entity_id).where(resolve_keys.c.key.in_(chunk))
            ):
                found[key].append(eid)
            self.key_cache.update(found)
        return {k: self.key_cache[k] for k in keys}

    def _rare(self, forms: list[NameForm]) -> bool:
        """Whether no other person in the archive shares a part of these full names: entities
        indexed under one of their name words, less those named exactly so (the same name seen
        before, perhaps split by the namesake guard). Absence is evidence only in an archive that
        has seen many people (RARE_AFTER): in a handful of articles every name looks rare."""
        full = [f for f in forms if len(f.core) > 1]
        if not full:
            return False
        if self._persons is None:
            self._persons = self.conn.execute(
                select(func.count()).select_from(entities).where(entities.c.schema == "Person")
            ).scalar_one()
        if self._persons < RARE_AFTER:
            return False
        same = {f"Person|n:{f.norm}"[:MAX_KEY] for f in full}
        parts = {f"Person|t:{t}"[:MAX_KEY] for f in full for t in f.core if len(t) >= 3}
        posts = self._postings(same | parts)

        def ids(key: str) -> set[str]:
            return {self.final(e) for e in (*posts[key], *self.pending_keys.get(key, ()))}

        named = set().union(*(ids(k) for k in same))
        return all(not (ids(k) - named) for k in parts)

    def _candidates(self, keys: set[str]) -> list[str]:
        """Entities sharing the most blocking keys; keys shared by very many entities (a common
        surname, "brigade") are ignored when the name has more selective ones."""
        posts = self._postings(keys)
        ids = {
            k: {self.final(e) for e in posts[k]} | {self.final(e) for e in self.pending_keys.get(k, ())} for k in keys
        }
        selective = [k for k in keys if len(ids[k]) <= MAX_POSTING] or sorted(keys, key=lambda k: (len(ids[k]), k))[:1]
        hits: Counter[str] = Counter()
        for k in selective:
            hits.update(ids[k])
        # Ties broken by id, never by set or insertion order: which candidates make the cut must not
        # depend on the hash seed or on the order the input arrived in (Spark blocks, shuffled batches).
        return [eid for eid, _ in top(hits, MAX_CANDIDATES)]

    def profile(self, eid: str) -> Profile | None:
        eid = self.final(eid)
        if eid in self.profiles:
            return self.profiles[eid]
        self.load_profiles([eid])
        return self.profiles.get(eid)

    def load_profiles(self, ids: Iterable[str]) -> None:
        missing = [i for i in {self.final(x) for x in ids} if i not in self.profiles]
        if not missing:
            return
        rows = self.conn.execute(select(entities).where(entities.c.id.in_(missing))).mappings().all()
        names: dict[str, dict[str, int]] = defaultdict(dict)
        for eid, name, count in self.conn.execute(
            select(aliases.c.entity_id, aliases.c.name, aliases.c.count).where(aliases.c.entity_id.in_(missing))
        ):
            names[eid][name] = count
        for r in rows:
            self.profiles[r["id"]] = Profile(
                id=r["id"],
                schema=r["schema"],
                caption=r["caption"],
                mention_count=r["mention_count"] or 0,
                article_count=r["article_count"] or 0,
                first_seen=_as_datetime(r["first_seen"]),
                last_seen=_as_datetime(r["last_seen"]),
                props=dict(r["props"] or {}),
                alias_counts=names.get(r["id"], {}),
                db_names=set(names.get(r["id"], {})),
            )

    # --- assignment ------------------------------------------------------------------------

    def resolve_groups(self, groups: list[Group], common: set[str] | None = None) -> None:
        """Assign every group; longer names first so that "Khan" meets "Rana Sanaullah Khan" second.

        ``common`` is the set of context keys too frequent to corroborate anything
        (:func:`common_context`). By default it is computed from this batch; a caller that splits one
        input into several batches (the Spark path resolves one partition per task) computes it once
        for the whole input and passes it to every batch, so each batch decides as one run would.
        """
        article_ids = sorted({g.article_id for g in groups})
        for i in range(0, len(article_ids), CHUNK):
            rows = self.conn.execute(
                select(mentions.c.article_id, mentions.c.entity_id)
                .where(mentions.c.article_id.in_(article_ids[i : i + CHUNK]), mentions.c.entity_id.is_not(None))
                .distinct()
            )
            for aid, eid in rows:
                self.prior_pairs.add((aid, eid))
                self.article_entities[aid].add(eid)
        self.common = set(common) if common is not None else common_context(self.conn, groups)
        by_article: dict[str, list[Group]] = defaultdict(list)
        for g in groups:
            by_article[g.article_id].append(g)
        for aid in article_ids:
            # ties by the extractor's group number, a property of the article, not of the input order
            todo = sorted(by_article[aid], key=lambda g: (-max((len(f.core) for f in g.forms()), default=0), g.grp))
            for g in todo:
                self.resolve_group(g)
        self.stats.articles += len(article_ids)

    def resolve_group(self, g: Group) -> None:
        self.stats.groups += 1
        forms = g.forms()
        if not forms:
            return
        if g.entity_id:
            # Assigned before (idempotent re-run): only stray unassigned mentions join it.
            target = self.profile(g.entity_id)
            if target is not None and g.unassigned:
                self._attach(g, target, g.unassigned, counts_only=True)
            return
        gkeys = g.keys()
        forced = self._forced(g, gkeys)
        target = self._best(g, forms, gkeys, forced)
        if target is None:
            target = self._create(g, forms)
            self.stats.created += 1
        else:
            self.stats.joined += 1
        self._attach(g, target, g.mention_ids)

    def _forced(self, g: Group, gkeys: set[str]) -> Profile | None:
        """A stored merge decision names an entity this group must join."""
        partners = self.decisions.merge_partners(gkeys)
        if not partners:
            return None
        keys = set()
        for p in partners:
            fam, _, norm = p.partition(":")
            keys.add(f"{fam}|n:{norm}")
        for eid in self._candidates(keys):
            prof = self.profile(eid)
            if prof is None or family(prof.schema) != family(g.label):
                continue
            if prof.keys() & partners and not self.decisions.forbids(gkeys, prof.keys()):
                return prof
        return None

    def _allowed(self, g: Group, prof: Profile, gkeys: set[str], gs: GroupScore) -> bool:
        if family(prof.schema) != family(g.label):
            return False
        if self.decisions.forbids(gkeys, prof.keys()):
            return False
        here = self.article_entities.get(g.article_id, ())
        if prof.id in here:
            # The extractor kept these apart inside one article; only an identical name (or, for
            # organisations, a near-identical one), or the article's one short form of it, overrides that.
            return gs.name.score >= (1.0 if g.person else 0.95) or self._only_short_form(g, prof, here)
        return True

    def _only_short_form(self, g: Group, prof: Profile, here: Iterable[str]) -> bool:
        """The group is the article's short form (acronym, first and last name) of this entity and of
        no other entity the article names (:func:`threatgraph.resolve.compare.short_form_in_article`)."""
        forms = g.forms()
        if not short_form_in_article(forms, prof.forms(), g.person):
            return False
        others = sorted(self.final(e) for e in here if self.final(e) != prof.id)
        self.load_profiles(others)
        return not any(
            (o := self.profiles.get(e)) is not None
            and family(o.schema) == family(g.label)
            and short_form_in_article(forms, o.forms(), g.person)
            for e in others
        )

    def _best(self, g: Group, forms: list[NameForm], gkeys: set[str], forced: Profile | None = None) -> Profile | None:
        """The entity this group joins (``forced`` by an analyst's merge decision, else the best
        scored); other entities the group's own names bridge to it are merged into it."""
        keys: set[str] = set()
        for f in forms:
            keys |= blocking_keys(f, g.label)
        cands = self._candidates(keys)
        if not cands:
            return forced
        self.load_profiles(cands)
        scored: list[tuple[GroupScore, Profile]] = []
        for eid in cands:
            prof = self.profiles.get(eid)
            if prof is None:
                continue
            entity_ctx = {k: n for k, n in prof.context.items() if k not in self.common}
            gs = score_group(forms, g.context - self.common, prof.forms(), entity_ctx, g.person, self._rare)
            if gs.score >= MATCH_THRESHOLD and self._allowed(g, prof, gkeys, gs):
                scored.append((gs, prof))
        if not scored:
            return forced
        # A full tie goes to the entity id (derived from its first name key), not to the candidate order.
        scored.sort(key=lambda x: (-x[0].score, -x[0].context, -x[0].name.score, -x[1].mention_count, x[1].id))
        best_gs, best = scored[0]
        if forced is not None:
            best = forced
        elif best_gs.weak and len(scored) > 1 and scored[1][0].context + WEAK_MARGIN > best_gs.context:
            return None  # a bare surname shared by several known people: do not guess
        if not g.person:
            for gs, other in scored:
                # Two entities the new group fits equally well are one only if their own names agree,
                # or the article itself names the group both ways ("Zainabiyoun Brigade ... the
                # Zainabiyoun"): one name that fits both ("Haleel Commodities" fits three Haleel
                # companies) is no evidence that they are one.
                if (
                    gs.name.score >= 0.92
                    and other.id != best.id
                    and not self.decisions.forbids(best.keys(), other.keys())
                    and (
                        best_name_score(best.forms(), other.forms()).score >= 0.92
                        or _bridged(forms, best.forms(), other.forms())
                    )
                ):
                    self.merge(best, other)
        return self.profiles[self.final(best.id)]

    def _create(self, g: Group, forms: list[NameForm]) -> Profile:
        first = name_form(g.canonical, g.label)
        key = decision_key(g.label, (first if first.core else forms[0]).norm)
        salt = 0
        while True:
            eid = entity_id_for(key, salt)
            if eid in self.recycle:
                self.recycle.discard(eid)
                break
            if (
                eid not in self.profiles
                and self.conn.execute(select(entities.c.id).where(entities.c.id == eid)).first() is None
            ):
                self.conn.execute(
                    insert(entities),
                    [{"id": eid, "schema": g.label, "caption": g.canonical, "norm": first.norm, "props": {}}],
                )
                break
            salt += 1
        prof = Profile(eid, g.label, g.canonical, 0, 0, None, None, {}, {}, new=True, dirty=True)
        self.profiles[eid] = prof
        return prof

    def _attach(self, g: Group, prof: Profile, mention_ids: list[int], counts_only: bool = False) -> None:
        prof = self.profiles[self.final(prof.id)]
        if not mention_ids:
            return
        for mid in mention_ids:
            self.assign[mid] = prof.id
        self.stats.mentions += len(mention_ids)
        self.stats.touched.add(prof.id)
        prof.dirty = True
        prof.mention_count += len(mention_ids)
        if counts_only:
            return
        before = set(prof.alias_counts)
        for name, n in g.names.items():
            clean = name_form(name, g.label).text
            if not clean:
                continue
            prof.alias_counts[clean] = prof.alias_counts.get(clean, 0) + n
            prof.alias_new[clean] = prof.alias_new.get(clean, 0) + n
        if set(prof.alias_counts) - before:
            self.changed.add(prof.id)
        for name in set(prof.alias_counts) - before:
            for k in blocking_keys(name_form(name, prof.schema), prof.schema):
                self.pending_keys[k].add(prof.id)
                self.new_keys[prof.id].add(k)
        pair = (g.article_id, prof.id)
        if pair not in self.prior_pairs:
            self.prior_pairs.add(pair)
            prof.article_count += 1
        self.article_entities[g.article_id].add(prof.id)
        if g.seen:
            prof.first_seen = min(filter(None, [prof.first_seen, g.seen]), default=g.seen)
            prof.last_seen = max(filter(None, [prof.last_seen, g.seen]), default=g.seen)
        ctx = prof.context
        for k in g.context:
            ctx[k] = ctx.get(k, 0) + 1
        if len(ctx) > ENTITY_CONTEXT:
            prof.props["context"] = dict(top(ctx, ENTITY_CONTEXT))
        labels = prof.props.setdefault("labels", {})
        labels[g.label] = labels.get(g.label, 0) + len(mention_ids)
        canon = prof.props.setdefault("canonical", {})
        cname = name_form(g.canonical, g.label).text
        canon[cname] = canon.get(cname, 0) + 1
        self._refresh(prof)

    def _refresh(self, prof: Profile) -> None:
        """Type = most frequent label (ties: most specific); caption = most used Latin full name."""
        prof.schema = pick_label(prof.props.get("labels") or {prof.schema: 1})
        canon = prof.props.get("canonical") or {prof.caption: 1}
        # Candidates in name order, so a full tie resolves the same way whatever order articles were ingested in.
        prof.caption = max(
            sorted(canon),
            key=lambda n: (
                script_of(n) == "Latin",
                canon[n],
                prof.alias_counts.get(n, 0),
                len(name_form(n, prof.schema).core),
                len(n),
            ),
        )

    # --- merging ---------------------------------------------------------------------------

    def merge(self, keep: Profile, gone: Profile) -> Profile:
        """Fold ``gone`` into ``keep`` everywhere (mentions, aliases, keys, links, watches)."""
        keep = self.profiles[self.final(keep.id)]
        gone = self.profiles[self.final(gone.id)]
        if keep.id == gone.id:
            return keep
        conn = self.conn
        self.stats.merged += 1
        for table, col in (
            (mentions, mentions.c.entity_id),
            (events, events.c.source_entity_id),
            (events, events.c.target_entity_id),
            (quotes, quotes.c.speaker_entity_id),
            (watches, watches.c.entity_id),
        ):
            conn.execute(update(table).where(col == gone.id).values({col.name: keep.id}))
        existing = {
            (d, e): (lid, status)
            for lid, d, e, status in conn.execute(
                select(
                    sanction_links.c.id, sanction_links.c.dataset, sanction_links.c.entry_id, sanction_links.c.status
                ).where(sanction_links.c.entity_id == keep.id)
            )
        }
        for lid, d, e, status in conn.execute(
            select(
                sanction_links.c.id, sanction_links.c.dataset, sanction_links.c.entry_id, sanction_links.c.status
            ).where(sanction_links.c.entity_id == gone.id)
        ).all():
            if (d, e) in existing:
                kept_id, kept_status = existing[(d, e)]
                # An analyst's state outlives the merge; of two that disagree, "rejected" (never falsely flagged).
                if status in ANALYST_STATES and (kept_status not in ANALYST_STATES or status == "rejected"):
                    conn.execute(update(sanction_links).where(sanction_links.c.id == kept_id).values(status=status))
                conn.execute(delete(sanction_links).where(sanction_links.c.id == lid))
            else:
                conn.execute(update(sanction_links).where(sanction_links.c.id == lid).values(entity_id=keep.id))
        conn.execute(
            insert(resolve_keys).from_select(
                ["key", "entity_id"],
                select(resolve_keys.c.key, literal(keep.id)).where(
                    resolve_keys.c.entity_id == gone.id,
                    resolve_keys.c.key.not_in(select(resolve_keys.c.key).where(resolve_keys.c.entity_id == keep.id)),
                ),
            )
        )
        for k in self.new_keys.pop(gone.id, set()):
            self.new_keys[keep.id].add(k)
            self.pending_keys[k].add(keep.id)
        for name, n in gone.alias_counts.items():
            keep.alias_counts[name] = keep.alias_counts.get(name, 0) + n
            keep.alias_new[name] = keep.alias_new.get(name, 0) + n
        for part in ("labels", "canonical", "context"):
            merged = Counter(keep.props.get(part, {}))
            merged.update(gone.props.get(part, {}))
            keep.props[part] = dict(top(merged, ENTITY_CONTEXT) if part == "context" else sorted(merged.items()))
        keep.mention_count += gone.mention_count
        keep.first_seen = min(filter(None, [keep.first_seen, gone.first_seen]), default=None)
        keep.last_seen = max(filter(None, [keep.last_seen, gone.last_seen]), default=None)
        keep.recount = keep.dirty = True
        for ents in self.article_entities.values():
            if gone.id in ents:
                ents.discard(gone.id)
                ents.add(keep.id)
        self.prior_pairs = {(a, keep.id if e == gone.id else e) for a, e in self.prior_pairs}
        conn.execute(delete(entities).where(entities.c.id == gone.id))
        self.recycle.discard(gone.id)
        self.redirect[gone.id] = keep.id
        self.changed.discard(gone.id)
        self.changed.add(keep.id)
        del self.profiles[gone.id]
        self.stats.touched.discard(gone.id)
        self.stats.touched.add(keep.id)
        self._refresh(keep)
        return keep

    # --- writing ---------------------------------------------------------------------------

    def flush(self) -> None:
        """Write assignments, aliases, keys and entity rows touched in this batch."""
        conn = self.conn
        if self.assign:
            conn.execute(
                update(mentions).where(mentions.c.id == bindparam("mid")).values(entity_id=bindparam("eid")),
                [{"mid": mid, "eid": self.final(eid)} for mid, eid in self.assign.items()],
            )
        dirty = [p for p in self.profiles.values() if p.dirty]
        alias_updates: list[dict[str, Any]] = []
        alias_inserts: list[dict[str, Any]] = []
        key_rows: list[dict[str, Any]] = []
        entity_rows: list[dict[str, Any]] = []
        for prof in dirty:
            for name, n in prof.alias_new.items():
                if name in prof.db_names:
                    alias_updates.append({"a_eid": prof.id, "a_name": name, "a_n": n})
                else:
                    alias_inserts.append(
                        {
                            "entity_id": prof.id,
                            "name": name,
                            "norm": name_form(name, prof.schema).norm,
                            "script": script_of(name),
                            "count": prof.alias_counts.get(name, n),
                        }
                    )
                    prof.db_names.add(name)
            prof.alias_new = {}
            key_rows.extend({"key": k, "entity_id": prof.id} for k in sorted(self.new_keys.pop(prof.id, set())))
        if alias_updates:
            conn.execute(
                update(aliases)
                .where(aliases.c.entity_id == bindparam("a_eid"), aliases.c.name == bindparam("a_name"))
                .values(count=aliases.c.count + bindparam("a_n")),
                alias_updates,
            )
        if alias_inserts:
            conn.execute(insert(aliases), alias_inserts)
        insert_ignore(conn, resolve_keys, key_rows)
        for prof in dirty:
            if prof.recount:
                prof.mention_count, prof.article_count = conn.execute(
                    select(func.count(), func.count(mentions.c.article_id.distinct())).where(
                        mentions.c.entity_id == prof.id
                    )
                ).one()
                prof.recount = False
            entity_rows.append(
                {
                    "e_id": prof.id,
                    "e_schema": prof.schema,
                    "e_caption": prof.caption,
                    "e_norm": name_form(prof.caption, prof.schema).norm or prof.caption.casefold(),
                    "e_mentions": prof.mention_count,
                    "e_articles": prof.article_count,
                    "e_first": prof.first_seen,
                    "e_last": prof.last_seen,
                    "e_props": prof.props,
                }
            )
            prof.dirty = False
        if entity_rows:
            conn.execute(
                update(entities)
                .where(entities.c.id == bindparam("e_id"))
                .values(
                    schema=bindparam("e_schema"),
                    caption=bindparam("e_caption"),
                    norm=bindparam("e_norm"),
                    mention_count=bindparam("e_mentions"),
                    article_count=bindparam("e_articles"),
                    first_seen=bindparam("e_first", type_=entities.c.first_seen.type),
                    last_seen=bindparam("e_last", type_=entities.c.last_seen.type),
                    props=bindparam("e_props", type_=entities.c.props.type),
                ),
                entity_rows,
            )
        self.assign = {}
        self.pending_keys.clear()
        self.key_cache.clear()

    def link_events(self, article_ids: list[str]) -> None:
        """Point events and quotes of these articles at the entities of their in-doc groups."""
        n_events, n_quotes = link_events(self.conn, article_ids)
        self.stats.linked_events += n_events
        self.stats.linked_quotes += n_quotes


__all__ = [
    "Group",
    "Profile",
    "ResolveStats",
    "Resolver",
    "common_context",
    "entity_id_for",
    "load_groups",
    "pick_label",
    "recount",
]
