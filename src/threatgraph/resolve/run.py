"""The resolution entry points: the post-ingest hook, full re-resolution and re-screening.

``update`` is what the pipeline calls after each stored batch; it only reads the new articles'
mentions and the entities their blocking keys point at, so its cost per article stays flat as
the archive grows. ``rebuild`` re-clusters everything in ingest order through the same code,
honouring stored merge/split decisions; entity ids are derived from the first name key, so an
unchanged archive gets the same ids back (watches and confirmed sanctions links keep pointing at
the right entity).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from time import perf_counter

from sqlalchemy import Engine, delete, select
from sqlalchemy import update as sql_update

from threatgraph.resolve import analyst_links
from threatgraph.resolve.cluster import Resolver, ResolveStats, archive_persons, load_groups
from threatgraph.resolve.decisions import load_decisions
from threatgraph.resolve.rarity import RARE_AFTER, NameShare, NameStats, name_share
from threatgraph.resolve.sanctions import relink_all, screen_entities
from threatgraph.store import work
from threatgraph.store.schema import aliases, articles, entities, events, mentions, quotes, resolve_keys

#: Articles per transaction during ``rebuild``.
REBUILD_BATCH = 256


def _resolve_batch(
    engine: Engine, article_ids: list[str], recycle: set[str] | None = None, names: NameStats | None = None
) -> Resolver:
    with engine.begin() as conn:
        work.lock(conn, "resolve")  # one resolver at a time per store: no two create the same entity
        # Name rarity and common name parts (:mod:`threatgraph.resolve.rarity`) are counted over the archive as
        # it stands now *and this batch's* names, as the Spark path counts them over its job: read from stored
        # entities alone, the first batch of a new store sees no person at all. ``rebuild`` gives the
        # statistic of its whole input, so every batch decides with the one a Spark job over it would use.
        groups = load_groups(conn, article_ids)
        if names is None:
            names = NameStats.of(conn, groups, archive_persons(conn, up_to=RARE_AFTER))
        resolver = Resolver(conn, load_decisions(conn), recycle, names=names)
        resolver.resolve_groups(groups)
        resolver.flush()
        resolver.link_events(article_ids)
        work.done(conn, work.RESOLVE, article_ids)
        work.mark(conn, work.SCREEN, {resolver.final(e) for e in resolver.changed})
    return resolver


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
    resolver = _resolve_batch(engine, ids)
    _absorb(stats, resolver.stats)
    if screen and resolver.changed:
        live = {resolver.final(e) for e in resolver.changed}
        stats.screened, stats.sanction_links = screen_entities(engine, live)
    stats.seconds = perf_counter() - t0
    return stats


def rebuild(engine: Engine, *, screen: bool = True, progress: Callable[[int, int], None] | None = None) -> ResolveStats:
    """Re-resolve every stored article from scratch, honouring stored merge/split decisions.

    Entity rows are recycled rather than dropped first, so ids that come back keep their
    watches and analyst-confirmed sanctions links; entities that no longer get any mention are
    deleted at the end.
    """
    t0 = perf_counter()
    saved = analyst_links.save(engine)  # analyst link states, by name, for entities whose id does not come back
    with engine.begin() as conn:
        work.lock(conn, "resolve")
        conn.execute(sql_update(mentions).values(entity_id=None))
        conn.execute(sql_update(events).values(source_entity_id=None, target_entity_id=None))
        conn.execute(sql_update(quotes).values(speaker_entity_id=None))
        conn.execute(delete(resolve_keys))
        conn.execute(delete(aliases))
        recycle = {r[0] for r in conn.execute(select(entities.c.id))}
        order = [r[0] for r in conn.execute(select(articles.c.id).order_by(articles.c.seq))]
        # one statistic for the whole input (nothing is filed yet), read before the first batch commits
        share = NameShare()
        for i in range(0, len(order), REBUILD_BATCH):
            share.absorb(name_share(conn, load_groups(conn, order[i : i + REBUILD_BATCH])))
        names = NameStats.from_share(share, archive_persons(conn, up_to=RARE_AFTER))
    stats = ResolveStats()
    for i in range(0, len(order), REBUILD_BATCH):
        resolver = _resolve_batch(engine, order[i : i + REBUILD_BATCH], recycle, names)
        _absorb(stats, resolver.stats)
        if progress:
            progress(min(i + REBUILD_BATCH, len(order)), len(order))
    if recycle:
        with engine.begin() as conn:
            leftover = sorted(recycle)
            for i in range(0, len(leftover), 500):
                conn.execute(delete(entities).where(entities.c.id.in_(leftover[i : i + 500])))
    analyst_links.restore(engine, saved)
    if screen:
        stats.screened, stats.sanction_links = relink_all(engine)
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
