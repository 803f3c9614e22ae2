"""The resolution entry points: the post-ingest hook, full re-resolution and re-screening.

``update`` is what the pipeline calls after each stored batch; it only reads the new articles'
mentions and the blocks they touch (:func:`threatgraph.resolve.blocks.touched_block`: the stored
entities their keys reach, up to a bounded number of articles), so its cost per article stays flat
as the archive grows. It re-decides those blocks whole, with the new groups, in the one order every
path decides in (article id, then the longest name first), so the batch-by-batch ingest, ``rebuild``
and the Spark path give the same clusters on the same mentions, whichever order they arrived in.
``rebuild`` re-clusters everything in that order through the same code, honouring stored
merge/split decisions; entity ids are derived from the first name key, so an unchanged archive gets
the same ids back (watches and confirmed sanctions links keep pointing at the right entity).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from time import perf_counter

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy import update as sql_update

from threatgraph.resolve import analyst_links
from threatgraph.resolve.blocks import REOPEN_ARTICLES, articles_of, touched_block
from threatgraph.resolve.cluster import Resolver, ResolveStats, archive_persons, decision_tier, load_groups
from threatgraph.resolve.common import common_from_counts
from threatgraph.resolve.decisions import load_decisions
from threatgraph.resolve.groups import CHUNK, Group
from threatgraph.resolve.listnames import list_names
from threatgraph.resolve.rarity import RARE_AFTER, NameShare, NameStats, name_share
from threatgraph.resolve.sanctions import linked_in, relink_all, screen_entities
from threatgraph.store import work
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
from threatgraph.store.states import SANCTIONED_STATES

#: Articles per transaction during ``rebuild``.
REBUILD_BATCH = 256
#: Stored articles the blocks of entities newly read as sanctioned may span and still be re-decided
#: (:func:`settle_flagged`): few entities are listed, and a wrong "sanctioned" label is the worst error.
SETTLE_ARTICLES = 4 * REOPEN_ARTICLES
#: ``rebuild``'s passes over the archive, one per :func:`threatgraph.resolve.cluster.decision_tier`.
DECISION_TIERS = (0, 1)


@dataclass(slots=True)
class _Batch:
    """What one resolution transaction decides, as its reading step found it: the groups and the Resolver that
    decides them (with the common context words), the articles whose events and quotes are linked afterwards,
    and ``settle``: what follows the written decisions inside the transaction, giving the entities to screen."""

    resolver: Resolver
    groups: list[Group]
    common: set[str] | None
    linked: list[str]
    settle: Callable[[Connection], set[str]]


def _decide(engine: Engine, article_ids: list[str], read: Callable[[Connection], _Batch]) -> Resolver:
    """The one transaction of every resolution batch: lock, read (``read``), decide, write, link the events and
    quotes, mark the articles resolved and their changed entities owed a screening; all or nothing.

    Why one function: ``update`` (:func:`_reopen_batch`) and ``rebuild`` (:func:`_resolve_batch`) differ only in
    what they read and what follows the writes; two copies of the rest drifted apart before (a kill point that
    tests a killed ingest stopped firing when ``update`` moved to the other copy)."""
    with engine.begin() as conn:
        work.lock(conn, "resolve")  # one resolver at a time per store: no two create the same entity
        batch = read(conn)
        batch.resolver.resolve_groups(batch.groups, common=batch.common)
        batch.resolver.flush()
        changed = batch.settle(conn)
        batch.resolver.link_events(batch.linked)
        work.done(conn, work.RESOLVE, article_ids)
        work.mark(conn, work.SCREEN, changed)
    return batch.resolver


def _resolve_batch(
    engine: Engine,
    article_ids: list[str],
    recycle: set[str] | None = None,
    names: NameStats | None = None,
    common: set[str] | None = None,
    tier: int | None = None,
) -> Resolver:
    """One transaction of ``rebuild``: these articles' groups (of decision tier ``tier`` when given), decided with
    the statistics of the rebuild's whole input (``names``, ``common``), reusing the ids in ``recycle``."""

    def read(conn: Connection) -> _Batch:
        # Name rarity and common name parts (:mod:`threatgraph.resolve.rarity`) are counted over the archive as
        # it stands now *and this batch's* names, as the Spark path counts them over its job: read from stored
        # entities alone, the first batch of a new store sees no person at all. ``rebuild`` gives the
        # statistic of its whole input, so every batch decides with the one a Spark job over it would use.
        groups = load_groups(conn, article_ids)
        stats = names if names is not None else NameStats.of(conn, groups, archive_persons(conn, up_to=RARE_AFTER))
        resolver = Resolver(conn, load_decisions(conn), recycle, names=stats)
        if tier is not None:  # one pass of a rebuild (:func:`threatgraph.resolve.cluster.decision_tier`)
            groups = [g for g in groups if decision_tier(g) == tier]
        return _Batch(
            resolver, groups, common, article_ids, lambda _conn: {resolver.final(e) for e in resolver.changed}
        )

    return _decide(engine, article_ids, read)


def _unresolve(conn: Connection, entity_ids: set[str]) -> None:
    """Take these entities' mentions, names and keys off them (their rows stay, to be recycled)."""
    ordered = sorted(entity_ids)
    for i in range(0, len(ordered), CHUNK):
        chunk = ordered[i : i + CHUNK]
        conn.execute(sql_update(mentions).where(mentions.c.entity_id.in_(chunk)).values(entity_id=None))
        conn.execute(sql_update(events).where(events.c.source_entity_id.in_(chunk)).values(source_entity_id=None))
        conn.execute(sql_update(events).where(events.c.target_entity_id.in_(chunk)).values(target_entity_id=None))
        conn.execute(sql_update(quotes).where(quotes.c.speaker_entity_id.in_(chunk)).values(speaker_entity_id=None))
        conn.execute(delete(resolve_keys).where(resolve_keys.c.entity_id.in_(chunk)))
        conn.execute(delete(aliases).where(aliases.c.entity_id.in_(chunk)))


def _articles_per_key(groups: list[Group]) -> dict[str, set[str]]:
    """The articles of these groups that name each context key."""
    out: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for k in g.context:
            out[k].add(g.article_id)
    return out


def _reopen_batch(
    engine: Engine, article_ids: list[str], seeds: Iterable[str] = (), most: int = REOPEN_ARTICLES
) -> tuple[Resolver, set[str]]:
    """Resolve new articles together with the stored entities of the blocks they touch (:func:`touched_block`), in
    the one order every path decides in (:meth:`Resolver.resolve_groups`), as a rebuild would decide them; returns
    the resolver and the ids of re-opened entities that did not come back (deleted). ``seeds``: stored entities
    whose blocks are re-decided too (no new article needed)."""
    gone: list[str] = []

    def read(conn: Connection) -> _Batch:
        decisions = load_decisions(conn)
        persons = archive_persons(conn, up_to=RARE_AFTER)
        new = load_groups(conn, article_ids)
        listed = list_names(conn)
        lists = listed if listed.names_of else None
        stats = NameStats.of(conn, new, persons)
        block = touched_block(conn, new, decisions, lists, stats, most, seeds) or set()
        reopened = sorted(articles_of(conn, block) | set(article_ids))
        # Common context as one count over the archive (read before the block's entities lose their keys): the
        # stored articles are counted by the stored entities they name, so only the new articles add to them.
        stored = load_groups(conn, reopened)
        counts = dict.fromkeys((k for g in stored for k in g.context), 0)
        for k, arts in _articles_per_key(new).items():
            counts[k] = len(arts)
        common = common_from_counts(conn, counts)
        flagged = flagged_in(conn, block)
        was = _previous_entities(conn, block)
        _unresolve(conn, block)
        groups = [g for g in load_groups(conn, reopened) if not g.entity_id]
        # Name rarity over the archive and every group to decide, as a rebuild counts it over everything.
        resolver = Resolver(conn, decisions, set(block), names=NameStats.of(conn, groups, persons))
        # the reading as sanctioned follows the groups, not the re-opened ids (a group of another actor may be the
        # first to take the id back)
        resolver.flagged_groups = {(g.article_id, g.grp) for g in stored if g.entity_id in flagged}
        resolver.unflag(block)

        def settle(conn: Connection) -> set[str]:
            renamed = _keep_ids(conn, was, set(resolver.recycle))
            gone.extend(sorted(set(resolver.recycle) - set(renamed.values())))
            for i in range(0, len(gone), CHUNK):
                conn.execute(delete(entities).where(entities.c.id.in_(gone[i : i + CHUNK])))
            changed = {renamed.get(e, e) for e in (resolver.final(x) for x in resolver.changed)}
            # an entity with a link that gained mentions under names it had is judged again: the facts the judge
            # reads come with mentions (:func:`linked_in`)
            touched = {renamed.get(e, e) for e in (resolver.final(x) for x in resolver.stats.touched)} - set(gone)
            changed |= linked_in(conn, touched - changed)
            # re-opened entities that came back with the same mentions are what they were (names, links): not
            # screened
            resolver.changed = _moved(conn, was, changed)
            return resolver.changed

        return _Batch(resolver, groups, common, reopened, settle)

    resolver = _decide(engine, article_ids, read)
    return resolver, set(gone)


def _previous_entities(conn: Connection, block: set[str]) -> dict[int, str]:
    """Mention id -> the entity of ``block`` it is resolved to (read before a block is re-opened, and after)."""
    out: dict[int, str] = {}
    ordered = sorted(block)
    for i in range(0, len(ordered), CHUNK):
        rows = conn.execute(
            select(mentions.c.id, mentions.c.entity_id).where(mentions.c.entity_id.in_(ordered[i : i + CHUNK]))
        )
        out.update({mid: eid for mid, eid in rows})
    return out


def _moved(conn: Connection, was: dict[int, str], ids: set[str]) -> set[str]:
    """The entities among ``ids`` whose mentions are not those the same id held before the block was re-opened
    (an id that was not re-opened is new or gained mentions; only re-opened ones are read back)."""
    before: dict[str, set[int]] = defaultdict(set)
    for mid, eid in was.items():
        before[eid].add(mid)
    after: dict[str, set[int]] = defaultdict(set)
    for mid, eid in _previous_entities(conn, ids & set(before)).items():
        after[eid].add(mid)
    return {e for e in ids if e not in before or after.get(e, set()) != before[e]}


#: Tables whose rows point at an entity, renamed with it (:func:`_keep_ids`).
_ENTITY_COLUMNS = (
    (mentions, "entity_id"),
    (events, "source_entity_id"),
    (events, "target_entity_id"),
    (quotes, "speaker_entity_id"),
    (aliases, "entity_id"),
    (resolve_keys, "entity_id"),
    (watches, "entity_id"),
)


def _keep_ids(conn: Connection, was: dict[int, str], unused: set[str]) -> dict[str, str]:
    """Give re-decided entities the ids of the re-opened entities whose mentions they hold; returns new -> old.

    A re-decided entity takes its id from the name of the group that created it, and in the one decision order a
    new article's group may come first: the entity an analyst watches, whose links were confirmed, would come
    back under another id (its watches left pointing at nothing). So each re-opened id that did not come back
    (``unused``) goes to the new entity holding most of its mentions (ties by id), if that entity is itself new.
    """
    overlap: Counter[tuple[str, str]] = Counter()
    ordered = sorted(was)
    for i in range(0, len(ordered), CHUNK):
        chunk = ordered[i : i + CHUNK]
        for mid, eid in conn.execute(select(mentions.c.id, mentions.c.entity_id).where(mentions.c.id.in_(chunk))):
            if eid is not None and was[mid] in unused:
                overlap[(eid, was[mid])] += 1
    recycled = set(was.values())
    renamed: dict[str, str] = {}
    for (new, old), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if new in recycled or new in renamed or old in renamed.values():
            continue
        renamed[new] = old
        row = conn.execute(select(entities).where(entities.c.id == new)).mappings().one()
        fields = {k: v for k, v in row.items() if k != "id"}
        conn.execute(sql_update(entities).where(entities.c.id == old).values(fields))
        # the old id keeps its own links (the analyst's states, the reading as sanctioned); the new one has none of
        # the same entry unless a merge moved it there
        mine = select(sanction_links.c.dataset, sanction_links.c.entry_id).where(sanction_links.c.entity_id == old)
        for dataset, entry in conn.execute(mine).all():
            conn.execute(
                delete(sanction_links).where(
                    sanction_links.c.entity_id == new,
                    sanction_links.c.dataset == dataset,
                    sanction_links.c.entry_id == entry,
                )
            )
        conn.execute(sql_update(sanction_links).where(sanction_links.c.entity_id == new).values(entity_id=old))
        for table, col in _ENTITY_COLUMNS:
            conn.execute(sql_update(table).where(table.c[col] == new).values({col: old}))
        conn.execute(delete(entities).where(entities.c.id == new))
    return renamed


def _absorb(total: ResolveStats, part: ResolveStats) -> None:
    for name in (
        "articles",
        "groups",
        "mentions",
        "created",
        "joined",
        "merged",
        "guarded",
        "linked_events",
        "linked_quotes",
    ):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.touched |= part.touched


def _rarity_begins(engine: Engine, article_ids: list[str]) -> bool:
    """Whether these stored articles bring the archive to ``RARE_AFTER`` persons: name rarity counts from now on.

    Every earlier decision was taken without it (in a smaller archive a name nobody else carries proves
    nothing), so a bare one-word name ("<Surname> said") joined nothing it shared no company with. A rebuild of
    the same mentions counts rarity from the first article, and joins them. Re-deciding every stored article the
    moment the archive gets there (a rebuild) makes the batch-by-batch ingest decide as that rebuild does;
    otherwise the early one-mention entities stay apart for good: each later copy of the name finds several
    entities it fits alike, and a bare name does not guess between them. It happens once per store, while the
    archive is still small: it holds just the persons that make it large.
    """
    with engine.connect() as conn:
        if archive_persons(conn, up_to=RARE_AFTER) < RARE_AFTER:
            return False
        return archive_persons(conn, besides=article_ids, up_to=RARE_AFTER) < RARE_AFTER


def update(engine: Engine, article_ids: list[str], *, screen: bool = True) -> ResolveStats:
    """Resolve the mentions of these (newly stored) articles into entities; idempotent.

    Assigns ``mentions.entity_id`` (creating, extending and merging entities), links the
    articles' events and quotes to entities, and screens new or renamed Person/Organization-like
    entities against loaded sanctions lists (skipped when no list is loaded).
    """
    t0 = perf_counter()
    ids = list(dict.fromkeys(a for a in article_ids if a))
    stats = ResolveStats()
    if not ids:
        return stats
    if _rarity_begins(engine, ids):
        return rebuild(engine, screen=screen)
    part, live = redecide(engine, ids)
    _absorb(stats, part)
    if screen and live:
        flagged = flagged_entities(engine, live)
        stats.screened, stats.sanction_links = screen_entities(engine, live)
        settle_flagged(engine, stats, flagged_entities(engine, live) - flagged)
    stats.seconds = perf_counter() - t0
    return stats


def redecide(engine: Engine, article_ids: list[str]) -> tuple[ResolveStats, set[str]]:
    """Decide the unresolved groups of these stored articles together with the stored blocks they touch, in one
    transaction, as ``update`` does (its step after the rarity check, before screening); returns the stats and
    the entities that changed (to screen).

    Public for the Spark path (:mod:`threatgraph.bulk.resolve`), whose blocks that reach stored entities are
    decided through it: one code for re-opening stored blocks, so a job after a job clusters as ``update`` does.
    """
    saved = analyst_links.save(engine)  # analyst link states of re-opened entities whose id may not come back
    resolver, gone = _reopen_batch(engine, article_ids)
    if gone:
        analyst_links.restore(engine, saved)
    stats = ResolveStats()
    _absorb(stats, resolver.stats)
    return stats, {resolver.final(e) for e in resolver.changed}


def flagged_in(conn: Connection, entity_ids: Iterable[str] | None = None) -> set[str]:
    """The entities among these (None: of the store) that read as sanctioned (a confirmed or probable link)."""
    query = select(sanction_links.c.entity_id).where(sanction_links.c.status.in_(SANCTIONED_STATES)).distinct()
    if entity_ids is None:
        return {eid for (eid,) in conn.execute(query)}
    out: set[str] = set()
    ordered = sorted(set(entity_ids))
    for i in range(0, len(ordered), CHUNK):
        out.update(eid for (eid,) in conn.execute(query.where(sanction_links.c.entity_id.in_(ordered[i : i + CHUNK]))))
    return out


def flagged_entities(engine: Engine, entity_ids: Iterable[str] | None = None) -> set[str]:
    """:func:`flagged_in` on a connection of its own."""
    with engine.connect() as conn:
        return flagged_in(conn, entity_ids)


def settle_flagged(engine: Engine, stats: ResolveStats, flagged: set[str]) -> None:
    """Re-decide the blocks of entities that screening has just read as sanctioned, then screen what changed.

    A group joins an entity that reads as sanctioned only on corroborated evidence (a whole name, or shared
    company: :meth:`Resolver._corroborated`), or one weak mention would show its actor as sanctioned. The test
    reads links stored by screening, which runs after resolution: a group decided before its entity was screened
    (in the same batch, in a rebuild, in a Spark job over a new store) joined on the bare merge threshold, and a
    bare "<Given name>" stayed in the listed full name that carries it. Re-deciding those blocks once the links
    are known makes every path apply the test to every group, whichever was decided first.
    """
    if not flagged:
        return
    saved = analyst_links.save(engine)
    resolver, gone = _reopen_batch(engine, [], flagged, most=SETTLE_ARTICLES)
    if gone:
        analyst_links.restore(engine, saved)
    stats.merged += resolver.stats.merged
    if resolver.changed:
        screened, links = screen_entities(engine, {resolver.final(e) for e in resolver.changed})
        stats.screened += screened
        stats.sanction_links += links


def rebuild(engine: Engine, *, screen: bool = True, progress: Callable[[int, int], None] | None = None) -> ResolveStats:
    """Re-resolve every stored article from scratch, honouring stored merge/split decisions.

    Entity rows are recycled rather than dropped first, so ids that come back keep their
    watches and analyst-confirmed sanctions links; entities that no longer get any mention are
    deleted at the end.
    """
    t0 = perf_counter()
    flagged = flagged_entities(engine)  # recycled ids keep their links while deciding: these read as sanctioned
    saved = analyst_links.save(engine)  # analyst link states, by name, for entities whose id does not come back
    with engine.begin() as conn:
        work.lock(conn, "resolve")
        conn.execute(sql_update(mentions).values(entity_id=None))
        conn.execute(sql_update(events).values(source_entity_id=None, target_entity_id=None))
        conn.execute(sql_update(quotes).values(speaker_entity_id=None))
        conn.execute(delete(resolve_keys))
        conn.execute(delete(aliases))
        recycle = {r[0] for r in conn.execute(select(entities.c.id))}
        # The one order every path decides in (:meth:`Resolver.resolve_groups`: by article id), across the
        # transactions too: by ingest order, a block spread over two of them was decided otherwise than by the
        # batch-by-batch ingest's re-opened blocks and the Spark path, which both decide a block in one go.
        order = [r[0] for r in conn.execute(select(articles.c.id).order_by(articles.c.id))]
        # one statistic for the whole input (nothing is filed yet), read before the first batch commits: name
        # rarity and the common context (per transaction, an actor named in every article was common in one
        # and not in the next)
        share = NameShare()
        counts: Counter[str] = Counter()
        for i in range(0, len(order), REBUILD_BATCH):
            groups = load_groups(conn, order[i : i + REBUILD_BATCH])
            share.absorb(name_share(conn, groups))
            counts.update({k: len(arts) for k, arts in _articles_per_key(groups).items()})
        names = NameStats.from_share(share, archive_persons(conn, up_to=RARE_AFTER))
        common = common_from_counts(conn, dict(counts))
    stats = ResolveStats()
    # Transactions of REBUILD_BATCH articles, in the one decision order over the whole archive: every full name,
    # then every one-word name (:func:`threatgraph.resolve.cluster.decision_order`), so one pass per tier.
    n = len(order)
    for tier in DECISION_TIERS:
        for i in range(0, n, REBUILD_BATCH):
            resolver = _resolve_batch(engine, order[i : i + REBUILD_BATCH], recycle, names, common, tier)
            _absorb(stats, resolver.stats)
            if progress:
                progress(tier * n + min(i + REBUILD_BATCH, n), len(DECISION_TIERS) * n)
    stats.articles = n
    if recycle:
        with engine.begin() as conn:
            leftover = sorted(recycle)
            for i in range(0, len(leftover), 500):
                conn.execute(delete(entities).where(entities.c.id.in_(leftover[i : i + 500])))
    analyst_links.restore(engine, saved)
    if screen:
        stats.screened, stats.sanction_links = relink_all(engine)
        settle_flagged(engine, stats, flagged_entities(engine) - flagged)  # read as sanctioned now, not while deciding
    stats.seconds = perf_counter() - t0
    return stats


def relink_sanctions(engine: Engine) -> ResolveStats:
    """Re-screen every resolved Person/Organization-like entity (after ``lists load``)."""
    t0 = perf_counter()
    stats = ResolveStats()
    stats.screened, stats.sanction_links = relink_all(engine)
    stats.seconds = perf_counter() - t0
    return stats


def screen(engine: Engine, entity_ids: Iterable[str]) -> tuple[int, int]:
    """Screen some entities now (used after manual merges and splits)."""
    return screen_entities(engine, entity_ids)
