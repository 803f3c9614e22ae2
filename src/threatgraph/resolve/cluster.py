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

from sqlalchemy import Connection, delete, func, insert, literal, select, update

from threatgraph.names.align import MATCH_THRESHOLD, NameScore, best_name_score
from threatgraph.names.bodies import public_names
from threatgraph.names.forms import MAX_KEY, NameForm, blocking_keys, decision_key, family, name_form, script_of
from threatgraph.resolve.bearers import WEAK_MARGIN, bearers_first, other_bearer
from threatgraph.resolve.common import common_context, common_from_counts
from threatgraph.resolve.compare import GroupScore, score_group, short_form_in_article
from threatgraph.resolve.decisions import Decisions
from threatgraph.resolve.enclosing import cut_names
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
from threatgraph.resolve.links import link_events, recount
from threatgraph.resolve.listnames import ListNames, list_names
from threatgraph.resolve.rarity import RARE_AFTER, NameStats
from threatgraph.resolve.surnames import SHARED_SURNAME
from threatgraph.resolve.writeback import write_back
from threatgraph.store.db import lock_entity_counts
from threatgraph.store.schema import (
    aliases,
    entities,
    events,
    mentions,
    quotes,
    resolve_keys,
    sanction_links,
    watches,
)
from threatgraph.store.states import ANALYST_STATES, SANCTIONED_STATES

#: Candidates scored per group (best by number of shared blocking keys).
MAX_CANDIDATES = 12
#: A blocking key shared by more entities than this is too common to block on.
MAX_POSTING = 400
#: A surname this long at least tells a person apart on its own in the rarity test (shorter ones are particles
#: and clan syllables: "Li", "Ali").
SURNAME_LETTERS = 4
#: A person entity named in this many articles is a public figure of the archive: its profile holds only its most
#: frequent company, so a full name of it in other company is not read as a namesake's
#: (:func:`threatgraph.resolve.compare.score_group`). Never for an entity read as sanctioned: joining one still
#: takes the guard's shared company, whatever the name.
PROMINENT_ARTICLES = 20
#: Two names the loaded lists give one organisation (and no other): one body, unless one article names
#: both apart (below the 0.95 an article's own separation needs) or an analyst split them.
LIST_ALIASES = 0.9
#: A name that aligns whole (every part has its partner) joins an entity read as sanctioned on its own;
#: a weaker one (string-similar, partial, middle names left out) needs this many shared co-mentions.
SANCTIONED_ALIGNED = 0.95
SANCTIONED_SHARED = 2
#: The feature of a match on two public names of one body (:mod:`threatgraph.names.bodies`), scored as a
#: list's aliases are; inside one article it overrides the extractor's separation ("Islamic State" and
#: "ISIS" in one text are one group though no spelling rule ties them there). One branch named under two of
#: the body's names ("ISIS in <Region>", "Islamic State in <Region>") is matched so too.
PUBLIC_NAMES = "public-names"
#: The other family a name may have been mistyped as: the model types a body "Person" in one article
#: ("<Place> Wings", "<Name> Brothers") and a person "Organization" in another.
OTHER_FAMILY = {"Person": "Organization", "Organization": "Person"}
#: Core words a name needs before an exact match may join across that type conflict (one word is a
#: surname as often as a body's name: "<Surname>" the man and "<Surname> Co" the firm).
CROSS_TYPE_WORDS = 2


def cross_type_keys(g: Group) -> set[str]:
    """The keys under which the resolver looks for an entity of the other family named exactly as this
    group (:meth:`Resolver._cross_type`); the Spark path blocks on them too, or a person and the body of the
    same name would meet on one machine and, on Spark, only if the other's block happened to commit first."""
    other = OTHER_FAMILY.get(family(g.label))
    if other is None:
        return set()
    return {
        f"{other}|n:{f.norm}"[:MAX_KEY] for n in g.names if len((f := name_form(n, other)).core) >= CROSS_TYPE_WORDS
    }


#: Core words of a name that names its actor on its own; a group with no name this long (a bare surname, an
#: acronym, a one-word short name) is decided after every such group (:func:`decision_tier`).
FULL_NAME_WORDS = 2


def _whole_name_key(key: str) -> bool:
    """A blocking key that files a whole name (``n:``), not one of its parts (:func:`blocking_keys`)."""
    return key.partition("|")[2].startswith("n:")


def _longest(g: Group) -> int:
    return max((len(f.core) for f in g.forms()), default=0)


def decision_tier(g: Group) -> int:
    """0 for a group with a name of ``FULL_NAME_WORDS`` words or more, 1 for a group of one-word names only.

    A one-word name is an actor named by a part (a surname, an acronym, a short name), and one part may fit
    several full names. Decided before a full name it fits, it joins the one candidate there is ("PMC" joins
    the first of two councils spelled out to those letters) and the later full name then finds an entity already
    made; decided after every full name of its block, it sees every actor it could name, and when two fit alike
    it stays apart (:meth:`Resolver._best`). Which came first in the archive is an accident of arrival order:
    the batch-by-batch ingest, ``rebuild`` and the Spark path each saw another one.
    """
    return 0 if _longest(g) >= FULL_NAME_WORDS else 1


def decision_order(groups: Iterable[Group]) -> list[Group]:
    """The one order every path decides groups in: full names before one-word names (:func:`decision_tier`),
    then by article id (a content hash, the same on every path; ingest order is not: the Spark path numbers
    articles as its partitions commit), the longer name first within an article, ties by the extractor's group
    number (a property of the article, not of the input order)."""
    return sorted(groups, key=lambda g: (decision_tier(g), g.article_id, -_longest(g), g.grp))


def _bridged(forms: list[NameForm], left: list[NameForm], right: list[NameForm]) -> bool:
    """Whether two different names of one in-document group fit the two entities, one each."""
    fits_left = {i for i, f in enumerate(forms) if best_name_score([f], left).score >= 0.92}
    fits_right = {i for i, f in enumerate(forms) if best_name_score([f], right).score >= 0.92}
    return any(i != j for i in fits_left for j in fits_right)


def _may_fold(best: Profile, other: Profile, names: NameScore) -> bool:
    """Whether two entities a body's group fits may be folded into one: always within one family; across the
    person/body line only when they share a name exactly (one actor typed a person in one article and a body in
    another, as :meth:`Resolver._cross_type` joins it).

    Why: a group can fit a person by one of its names and a body by another ("<Given> <Surname>" and "<Surname>",
    typed a body in one article, fit the person and "<Surname> Foundation" alike), and folding on that bridge put
    the body named after a person into the person, so every later mention of the body joined the person too. One
    name that fits a person and a body is no evidence that they are one actor. ``names``: how the two entities'
    own names align (:func:`best_name_score`)."""
    return family(best.schema) == family(other.schema) or names.feature == "exact"


def _territorial(gs: GroupScore) -> bool:
    """The name matched only with a territorial qualifier dropped on one side ("X" vs "X of Y")."""
    return gs.name.feature.startswith("territory-dropped")


def entity_id_for(key: str, salt: int = 0) -> str:
    """Stable, readable entity id from the first name key that created it (FtM-compatible)."""
    raw = key if not salt else f"{key}#{salt}"
    return "ent-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


class Resolver:
    """Assigns mention groups to entities on one open connection (one transaction per batch)."""

    def __init__(
        self, conn: Connection, decisions: Decisions, recycle: set[str] | None = None, names: NameStats | None = None
    ) -> None:
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
        # name rarity and common name parts (:mod:`threatgraph.resolve.rarity`): given for a whole job by a
        # caller that resolves it in several batches or blocks, else counted by resolve_groups from its groups
        self.names: NameStats | None = names
        self._sanctioned: dict[str, bool] = {}  # entity id -> carries a link read as sanctioned (batch start)
        # (article id, group) of groups re-decided out of an entity read as sanctioned before (a re-opened block):
        # they carry that reading to the entity they form or join, and join only as a group joins such an entity
        self.flagged_groups: set[tuple[str, int]] = set()
        self._listed: ListNames | None = None

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

    def _rare(self, forms: list[NameForm], besides: str | None = None) -> bool:
        """Whether no other person name of the archive and the job carries a part of these full names, or at
        least their surname (:class:`~threatgraph.resolve.rarity.NameStats`: counted once for the job, so the
        answer is the same whichever block is resolved first). The names of the two sides compared are no
        namesakes of themselves: ``besides`` is the candidate entity. Absence is evidence only in an archive that has
        seen many people (``RARE_AFTER``): in a handful of articles every name looks rare."""
        full = [f for f in forms if len(f.core) > 1]
        if not full:
            return self._rare_single(forms, besides)
        names = self._stats()
        if not names.large():
            return False
        sides = [*full, *self._forms_of(besides)]
        if all(names.only_these(t, sides) for t in {t for f in full for t in f.core if len(t) >= 3}):
            return True
        # A namesake must share the surname: a given name that others carry too ("<Common given> <Surname>")
        # does not make the full name common when no other person name carries its surname.
        surnames = {f.core[-1] for f in full if len(f.core[-1]) >= SURNAME_LETTERS}
        return bool(surnames) and all(names.only_these(t, sides) for t in surnames)

    def _rare_single(self, forms: list[NameForm], besides: str | None) -> bool:
        """Whether a one-word person name ("<Surname>" alone) is carried by no person name of a large archive
        but the candidate's: no other name is this word, and no other full name holds it."""
        words = {f.core[0] for f in forms if len(f.core) == 1 and len(f.core[0]) >= 4}
        if not words or besides is None:
            return False
        names = self._stats()
        if not names.large():
            return False
        sides = [*forms, *self._forms_of(besides)]
        return all(names.only_these(w, sides) for w in words)

    def _forms_of(self, eid: str | None) -> list[NameForm]:
        prof = self.profile(eid) if eid else None
        return prof.forms() if prof is not None else []

    def _stats(self) -> NameStats:
        if self.names is None:
            raise RuntimeError("name statistics are set by resolve_groups before any group is resolved")
        return self.names

    def _list_names(self) -> ListNames | None:
        """Organisation names of the loaded lists (:mod:`threatgraph.resolve.listnames`), read once per batch."""
        if self._listed is None:
            self._listed = list_names(self.conn)
        return self._listed if self._listed.names_of else None

    def _flagged(self, ids: list[str]) -> set[str]:
        """The entities among ``ids`` that read as sanctioned (a confirmed or probable link), as stored when
        this batch read them; an entity merged in the batch reads as sanctioned if either side did."""
        missing = [i for i in ids if i not in self._sanctioned]
        if missing:
            for i in missing:
                self._sanctioned[i] = False
            for (eid,) in self.conn.execute(
                select(sanction_links.c.entity_id)
                .where(sanction_links.c.entity_id.in_(missing), sanction_links.c.status.in_(SANCTIONED_STATES))
                .distinct()
            ):
                self._sanctioned[eid] = True
        return {i for i in ids if self._sanctioned[i]}

    def unflag(self, ids: Iterable[str]) -> None:
        """Read these (re-opened) entities as not sanctioned whatever links their ids carry: the groups that made
        them so carry the reading (``flagged_groups``)."""
        self._sanctioned.update(dict.fromkeys(ids, False))

    def _corroborated(self, g: Group, prof: Profile, gs: GroupScore) -> bool:
        """Whether a group may join an entity that reads as sanctioned: one wrong mention there shows its
        actor as sanctioned, so the bare merge threshold is not enough. The name must align whole (for a
        person, a full name), or a list's or the public table's statement must tie the names, or the group
        must share several co-mentioned actors with the entity (a string-similar or partial name in the
        same company: the same person; in other company: perhaps a namesake of a listed one). A body's group
        whose every mention is cut out of a longer name that is none of the entity's names ("<X>" of "the <X>
        Relief Council": :func:`threatgraph.resolve.enclosing.cut_names`) never joins: it names another body."""
        if not g.person:
            cut = cut_names(self.conn, g.mention_ids)
            if cut and not any(
                best_name_score([name_form(n, prof.schema)], prof.forms()).score >= MATCH_THRESHOLD for n in cut
            ):
                return False
        if gs.name.feature in ("list-aliases", PUBLIC_NAMES):
            return True
        if gs.name.score >= SANCTIONED_ALIGNED and not (g.person and gs.weak):
            return True
        shared = len((g.context - self.common) & set(prof.context))
        return shared >= SANCTIONED_SHARED

    def _candidates(self, keys: set[str]) -> list[str]:
        """Entities sharing the most blocking keys; keys shared by very many entities (a common
        surname, "brigade") are ignored when the name has more selective ones."""
        posts = self._postings(keys)
        ids = {
            k: {self.final(e) for e in posts[k]} | {self.final(e) for e in self.pending_keys.get(k, ())} for k in keys
        }
        selective = [k for k in keys if len(ids[k]) <= MAX_POSTING] or sorted(keys, key=lambda k: (len(ids[k]), k))[:1]
        hits: Counter[str] = Counter()
        named: Counter[str] = Counter()
        for k in selective:
            hits.update(ids[k])
            if _whole_name_key(k):
                named.update(ids[k])
        if len(hits) <= MAX_CANDIDATES:
            return [eid for eid, _ in top(hits, MAX_CANDIDATES)]
        # More entities than are scored: those filed under one of the group's whole names come first, the most
        # reported of them first, then by shared keys. Why: an actor's bare name ("<Surname>" said) is filed under
        # more part keys on a one-word entity than on the full-named entity that also carries it, so the one-word
        # entities an earlier undecided mention formed outranked, by shared keys, the actor the archive names so
        # most, which was then never scored. Ties broken by id, never by set or insertion order: which candidates
        # make the cut must not depend on the hash seed or on the order the input arrived in.
        size = self._article_counts(list(hits))
        ranked = sorted(hits, key=lambda e: (-named[e], -size.get(e, 0), -hits[e], e))
        return ranked[:MAX_CANDIDATES]

    def _article_counts(self, ids: list[str]) -> dict[str, int]:
        """Articles per entity as this batch sees them (its own profiles first, then the store)."""
        out = {e: p.article_count for e in ids if (p := self.profiles.get(e)) is not None}
        missing = sorted(e for e in ids if e not in out)
        for i in range(0, len(missing), CHUNK):
            out.update(
                dict(
                    self.conn.execute(
                        select(entities.c.id, entities.c.article_count).where(entities.c.id.in_(missing[i : i + CHUNK]))
                    ).all()
                )
            )
        return {e: n or 0 for e, n in out.items()}

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
        """Assign every group in :func:`decision_order`: longer names first, so that "Qadir" meets "Haroon Aziz
        Qadir" second, and whatever order the groups were stored or given in.

        ``common`` is the set of context keys too frequent to corroborate anything
        (:func:`common_context`). By default it is computed from this batch; a caller that splits one
        input into several batches (the Spark path resolves one partition per task) computes it once
        for the whole input and passes it to every batch, so each batch decides as one run would. The
        name statistic (``names`` given to the Resolver) is treated alike: counted from these groups
        unless the caller gave the whole job's.
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
        if self.names is None:
            self.names = NameStats.of(self.conn, groups, archive_persons(self.conn, up_to=RARE_AFTER))
        # Groups that carry a reading as sanctioned (a re-opened block) first: the entity read as sanctioned is
        # formed by its own groups, and every other group meets it as a group meets such an entity (the join
        # guard), as in the batch that came after its screening; a group decided first would form it instead.
        ordered = decision_order(groups)
        carried = [g for g in ordered if (g.article_id, g.grp) in self.flagged_groups]
        for g in carried + [g for g in ordered if (g.article_id, g.grp) not in self.flagged_groups]:
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
        # a surname its own article gives two people joins nobody on the name (an analyst's merge still stands)
        target = forced if g.shared_surname else self._best(g, forms, gkeys, forced)
        if target is None:
            target = self._create(g, forms)
            if g.shared_surname:
                target.props[SHARED_SURNAME] = True
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

    def _cross_type(self, g: Group, cands: list[str]) -> list[str]:
        """Entities of the other family named exactly as this group (a name of two words or more): the same
        actor typed a person in one article and a body in another. Typing errors are common (an airline, a
        militia typed Person), and a split by type is as much a missed merge as a split by spelling; the
        exact name, scored as the entity's own type would be (:meth:`_best`), must still pass the same bar."""
        keys = cross_type_keys(g)
        if not keys:
            return []
        return [e for e in self._candidates(keys) if e not in cands]

    def _allowed(self, g: Group, prof: Profile, gkeys: set[str], gs: GroupScore) -> bool:
        if family(prof.schema) != family(g.label) and not (
            gs.name.feature == "exact" and OTHER_FAMILY.get(family(g.label)) == family(prof.schema)
        ):
            return False
        if self.decisions.forbids(gkeys, prof.keys()):
            return False
        here = self.article_entities.get(g.article_id, ())
        if prof.id in here:
            # The extractor kept these apart inside one article; only an identical name (or, for
            # organisations, a near-identical one), or the article's one short form of it, overrides that.
            return (
                gs.name.score >= (1.0 if g.person else 0.95)
                or gs.name.feature == PUBLIC_NAMES
                or self._only_short_form(g, prof, here)
            )
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
        keys = self._stats().blocking(keys)  # a common part alone finds no candidate (and joins no block)
        listed = self._list_names() if not g.person else None
        if listed is not None:
            # the list's other names of this body find the entities named so ("Vellacott Movement")
            keys |= listed.lookup_keys(g.list_keys())
        public = public_names() if not g.person else None
        if public is not None:
            keys |= public.lookup_keys(forms)  # the body's other public names ("Daesh" finds "ISIS")
            keys |= public.branch_keys(forms)  # and its branches under them ("Daesh <Region>" finds "ISIS <Region>")
        cands = self._candidates(keys)
        cands += self._cross_type(g, cands)
        if not cands:
            return forced
        self.load_profiles(cands)
        flagged = self._flagged(cands)
        scored: list[tuple[GroupScore, Profile]] = []
        fits: list[tuple[GroupScore, Profile]] = []  # every candidate of the group's own family, as scored
        for eid in cands:
            prof = self.profiles.get(eid)
            if prof is None or prof.props.get(SHARED_SURNAME):
                continue  # an ambiguous surname's entity: nobody joins it on the name
            entity_ctx = {k: n for k, n in prof.context.items() if k not in self.common}
            crossed = family(prof.schema) != family(g.label)
            # across a type conflict the group's names are read as the entity's type would read them
            own = [name_form(n, prof.schema) for n in g.names] if crossed else forms
            own = [f for f in own if len(f.core) >= CROSS_TYPE_WORDS] if crossed else own
            if not own:
                continue
            gs = score_group(
                own,
                g.context - self.common,
                prof.forms(),
                entity_ctx,
                family(prof.schema) == "Person",
                lambda f, e=eid: self._rare(f, e),
                prominent=prof.article_count >= PROMINENT_ARTICLES and eid not in flagged,
            )
            if crossed and gs.name.feature != "exact":
                continue
            if not crossed:
                fits.append((gs, prof))
            # A list's or the public table's statement stands for a name that does not align whole, even where
            # shared context already lifted it over the bar ("ISIS – <Region>" against "ISIS-K", an acronym at
            # 0.9 plus context): the statement, not the acronym, is what may join an entity read as sanctioned.
            stated, unaligned = (
                max(gs.score, LIST_ALIASES),
                gs.score < LIST_ALIASES or gs.name.score < SANCTIONED_ALIGNED,
            )
            if listed is not None and unaligned and listed.same_entry(g.list_keys(), prof.list_keys()):
                gs = GroupScore(
                    stated, NameScore(LIST_ALIASES, "list-aliases"), gs.context, False, {"name": "list-aliases"}
                )
            elif (
                public is not None
                and unaligned
                and (public.same_body(forms, prof.forms()) or public.same_branch(forms, prof.forms()))
            ):
                gs = GroupScore(
                    stated, NameScore(LIST_ALIASES, PUBLIC_NAMES), gs.context, False, {"name": PUBLIC_NAMES}
                )
            if gs.score < MATCH_THRESHOLD or not self._allowed(g, prof, gkeys, gs):
                continue
            carried = (g.article_id, g.grp) in self.flagged_groups
            if (eid in flagged or carried) and not self._corroborated(g, prof, gs):
                self.stats.guarded += 1
                continue
            scored.append((gs, prof))
        if not scored:
            return forced
        # A full tie goes to the entity id (derived from its first name key), not to the candidate order.
        scored.sort(key=lambda x: (-x[0].score, -x[0].context, -x[0].name.score, -x[1].mention_count, x[1].id))
        if scored[0][0].weak and forced is None:
            scored = bearers_first(forms, scored)
            if other_bearer(forms, scored[0], fits):
                return None  # a bare surname of two known people, and no clear sign which: do not guess
        best_gs, best = scored[0]
        if forced is not None:
            best = forced
        elif best_gs.weak and len(scored) > 1 and scored[1][0].context + WEAK_MARGIN > best_gs.context:
            return None  # a bare surname shared by several known people: do not guess
        elif _territorial(best_gs) and any(_territorial(gs) for gs, _ in scored[1:]):
            return None  # "Supreme Court" fits the courts of two countries: do not guess
        if not g.person:
            for gs, other in scored:
                # Two entities the new group fits equally well are one only if their own names agree,
                # or the article itself names the group both ways ("Zainabiyoun Brigade ... the
                # Zainabiyoun"): one name that fits both ("Qandor Commodities" fits three Qandor
                # companies) is no evidence that they are one.
                # A list's statement that two names are one body's counts as their names agreeing.
                by_list = gs.name.feature in ("list-aliases", PUBLIC_NAMES)
                if (
                    (gs.name.score >= 0.92 or by_list)
                    and other.id != best.id
                    and not self.decisions.forbids(best.keys(), other.keys())
                    and _may_fold(best, other, names := best_name_score(best.forms(), other.forms()))
                    and (
                        names.score >= 0.92
                        or _bridged(forms, best.forms(), other.forms())
                        or (listed is not None and listed.same_entry(best.list_keys(), other.list_keys()))
                        or (public is not None and public.same_body(best.forms(), other.forms()))
                        or (public is not None and public.same_branch(best.forms(), other.forms()))
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
        if (g.article_id, g.grp) in self.flagged_groups:
            self._sanctioned[prof.id] = True
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
        lock_entity_counts(conn)  # the delete re-points its events and quotes (cascade)
        conn.execute(delete(entities).where(entities.c.id == gone.id))
        self.recycle.discard(gone.id)
        self.redirect[gone.id] = keep.id
        self._sanctioned[keep.id] = self._sanctioned.get(keep.id, False) or self._sanctioned.get(gone.id, False)
        self.changed.discard(gone.id)
        self.changed.add(keep.id)
        del self.profiles[gone.id]
        self.stats.touched.discard(gone.id)
        self.stats.touched.add(keep.id)
        self._refresh(keep)
        return keep

    # --- writing ---------------------------------------------------------------------------

    def flush(self) -> None:
        """Write assignments, aliases, keys and entity rows touched in this batch (:mod:`.writeback`)."""
        write_back(
            self.conn,
            {mid: self.final(eid) for mid, eid in self.assign.items()},
            [p for p in self.profiles.values() if p.dirty],
            self.new_keys,
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
    "common_from_counts",
    "entity_id_for",
    "load_groups",
    "pick_label",
    "recount",
]


def archive_persons(conn: Connection, *, besides: Iterable[str] = (), up_to: int | None = None) -> int:
    """Persons the archive holds: the distinct person names of its mentions, resolved or not (an upper bound: one
    name per person), leaving out the articles ``besides``; counted no further than ``up_to`` when given.

    Name rarity (``RARE_AFTER``) counts the archive's persons. The figure is a function of the stored mentions
    alone, never of how they were clustered: counted as Person entities plus unresolved names (before session
    16), a batch-by-batch ingest that had left one name in many entities (a newspaper typed as 206 one-mention persons)
    counted each, and a rebuild of the same mentions counted it once. A job that resolves blocks in parallel
    (:mod:`threatgraph.bulk.resolve`) computes this once, before any block commits, and gives it to every
    block's Resolver. ``up_to`` bounds the scan: the caller only asks whether the count reaches ``RARE_AFTER``.
    """
    labels = [lab for (lab,) in conn.execute(select(mentions.c.label).distinct()) if family(lab) == "Person"]
    if not labels:
        return 0
    names = select(mentions.c.norm).where(mentions.c.label.in_(labels)).distinct()
    left_out = sorted(set(besides))
    if left_out:
        names = names.where(mentions.c.article_id.not_in(left_out))
    if up_to is not None:
        names = names.limit(up_to)
    return conn.execute(select(func.count()).select_from(names.subquery())).scalar_one()
