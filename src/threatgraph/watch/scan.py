"""Checking newly ingested articles against every watch: the post-ingest hook.

The pipeline calls :func:`check` after articles are stored and resolved. Each watch looks at
the new articles' mentions (entity id for entity watches; fuzzy names for name watches and
for an entity's aliases) and, for names the NER missed, at the raw text. Alerts are unique
per (watch, article), so checking twice never alerts twice. Articles a watch has not yet seen
(``articles.seq > watches.last_seq``) are included too, so a failed or skipped hook is caught
up by the next call rather than lost.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from threatgraph.store import work
from threatgraph.store.records import Alert
from threatgraph.store.schema import alerts, aliases, articles, entities, mentions, watches
from threatgraph.watch.alerts import fetch_alerts
from threatgraph.watch.names import find_in_text, index_text, normalise, similarity

log = logging.getLogger(__name__)

#: Articles loaded per round trip while catching up a long archive (bounded memory).
CHUNK = 200
#: Mention labels that are never actors a watch could mean.
_SKIP_LABELS = frozenset({"Date"})


@dataclass(slots=True)
class Hit:
    """Why a watch fired on an article: the text that matched, how well, and the evidence sentence."""

    matched: str
    score: float
    sentence: str | None


@dataclass(slots=True)
class _Watch:
    """A watch prepared for matching: its normalised name forms, computed once per check."""

    id: int
    entity_id: str | None
    threshold: float
    last_seq: int
    names: list[tuple[str, str]] = field(default_factory=list)  # (display, normalised)


def _rebind(conn: Connection, w: dict[str, Any]) -> None:
    """An entity watch whose entity vanished (re-resolution deletes and recreates entities, and the
    foreign key sets ``entity_id`` to NULL) follows the entity now carrying its name, if exactly one
    of the same type does."""
    if w["entity_id"] or not w["schema"]:
        return
    low = w["name"].strip().casefold()
    ids = set(
        conn.execute(
            select(entities.c.id).where(func.lower(entities.c.caption) == low, entities.c.schema == w["schema"])
        ).scalars()
    )
    if not ids:
        ids = set(
            conn.execute(
                select(aliases.c.entity_id)
                .join(entities, entities.c.id == aliases.c.entity_id)
                .where(func.lower(aliases.c.name) == low, entities.c.schema == w["schema"])
            ).scalars()
        )
    if len(ids) == 1:
        w["entity_id"] = ids.pop()
        conn.execute(update(watches).where(watches.c.id == w["id"]).values(entity_id=w["entity_id"]))
        log.info("watch %s %r now follows entity %s", w["id"], w["name"], w["entity_id"])


def _prepare(conn: Connection, rows: Iterable[dict[str, Any]]) -> list[_Watch]:
    prepared = []
    for w in rows:
        _rebind(conn, w)
        names = [w["name"]]
        if w["entity_id"]:
            ent = conn.execute(select(entities.c.caption).where(entities.c.id == w["entity_id"])).scalar()
            names += [ent] if ent else []
            names += list(conn.execute(select(aliases.c.name).where(aliases.c.entity_id == w["entity_id"])).scalars())
        seen: dict[str, str] = {}
        for n in names:
            norm = normalise(n)
            if norm and norm not in seen:
                seen[norm] = n
        forms = [(display, norm) for norm, display in seen.items()]
        prepared.append(_Watch(w["id"], w["entity_id"], float(w["threshold"]), int(w["last_seq"]), forms))
    return prepared


def _candidates(ments: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Distinct normalised names of an article's mentions -> (text, sentence) of the first one.

    Computed once per article: an actor is usually mentioned many times under few names.
    """
    out: dict[str, tuple[str, str]] = {}
    for m in ments:
        if m["label"] in _SKIP_LABELS:
            continue
        for cand in (m["text"], m["canonical"]):
            norm = normalise(cand) if cand else ""
            if norm and norm not in out:
                out[norm] = (m["text"], m["sentence"])
    return out


def _match(watch: _Watch, article: dict[str, Any], ments: list[dict[str, Any]], cache: dict) -> Hit | None:
    """The best reason for ``watch`` to fire on ``article``, or None.

    ``cache`` holds per-article work shared by all watches (distinct mention names, the text index).
    """
    if watch.entity_id:
        for m in ments:
            if m["entity_id"] == watch.entity_id:
                return Hit(m["text"], 1.0, m["sentence"])
    key = (article["id"], "mentions")
    if key not in cache:
        cache[key] = _candidates(ments)
    best: Hit | None = None
    for cnorm, (text, sentence) in cache[key].items():
        for _display, wnorm in watch.names:
            score = similarity(wnorm, cnorm)
            if score >= watch.threshold and (best is None or score > best.score):
                best = Hit(text, score, sentence)
    if best is not None:
        return best
    # Full-text fallback: the NER may have missed the name (or typed it as something else).
    for fieldname in ("text", "title"):
        text = article.get(fieldname) or ""
        if not text:
            continue
        key = (article["id"], fieldname)
        if key not in cache:
            cache[key] = index_text(text)
        for display, _wnorm in watch.names:
            hit = find_in_text(text, display, watch.threshold, cache[key])
            if hit and (best is None or hit.score > best.score):
                best = Hit(hit.matched, hit.score, hit.sentence)
        if best is not None:
            return best
    return None


def _insert_ignore(conn: Connection, row: dict[str, Any]) -> int | None:
    """Insert an alert unless (watch, article) already has one; the new id or None.

    INSERT … ON CONFLICT DO NOTHING RETURNING id: one statement, race-free, on SQLite and
    PostgreSQL alike (``rowcount`` is not reliable across drivers for this).
    """
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        ins = sqlite_insert(alerts) if dialect == "sqlite" else pg_insert(alerts)
        stmt = ins.values(**row).on_conflict_do_nothing(index_elements=["watch_id", "article_id"])
        return conn.execute(stmt.returning(alerts.c.id)).scalar()
    exists = conn.execute(  # pragma: no cover - other backends: check first (the unique constraint still guards)
        select(alerts.c.id).where(alerts.c.watch_id == row["watch_id"], alerts.c.article_id == row["article_id"])
    ).first()
    if exists:  # pragma: no cover
        return None
    return conn.execute(insert(alerts).values(**row).returning(alerts.c.id)).scalar()  # pragma: no cover


def _articles_to_check(conn: Connection, ids: list[str], min_seq: int) -> Iterable[list[dict[str, Any]]]:
    """Chunks of the given articles plus every article after ``min_seq``, in ingest order."""
    cols = [articles.c.id, articles.c.seq, articles.c.title, articles.c.text]
    cond = articles.c.seq > min_seq
    if ids:
        cond = or_(cond, articles.c.id.in_(ids))
    last = -1
    while True:
        chunk = [
            dict(r)
            for r in conn.execute(
                select(*cols).where(cond, articles.c.seq > last).order_by(articles.c.seq).limit(CHUNK)
            ).mappings()
        ]
        if not chunk:
            return
        yield chunk
        last = chunk[-1]["seq"]


def _mentions_by_article(conn: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each article's mentions in text order, so "the first one" (the evidence an alert shows) is the
    same on every backend: PostgreSQL returns rows in heap order, which updates (entities re-pointed
    by resolution) reshuffle."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = conn.execute(
        select(
            mentions.c.article_id,
            mentions.c.entity_id,
            mentions.c.text,
            mentions.c.canonical,
            mentions.c.label,
            mentions.c.sentence,
        )
        .where(mentions.c.article_id.in_(ids))
        .order_by(mentions.c.article_id, mentions.c.start, mentions.c.end, mentions.c.id)
    ).mappings()
    for r in rows:
        out[r["article_id"]].append(dict(r))
    return out


def run_check(
    engine: Engine,
    article_ids: list[str],
    watch_ids: list[int] | None = None,
    from_seq: int | None = None,
    catch_up: bool = True,
) -> list[Alert]:
    """Check articles against watches and store new alerts; returns the new alerts as dicts.

    ``from_seq`` overrides each watch's ``last_seq`` (0 = the whole archive, for backfill).
    ``catch_up=False`` checks exactly ``article_ids`` and leaves ``last_seq`` alone: a bulk job checks
    its articles in parallel batches this way, then settles the watches once (:func:`settle`).
    """
    explicit = set(article_ids)
    new_ids: list[int] = []
    with engine.begin() as conn:
        # One check at a time per store. Two concurrent ingests each settle their own articles first and
        # then every article still unchecked, which includes the other's: without one lock order the
        # two transactions wait on each other's pending-work rows (a PostgreSQL deadlock). Checks are
        # short and the bulk path runs its batches one after another, so serialising them costs little.
        work.lock(conn, "watch")
        q = select(watches).order_by(watches.c.id)
        if watch_ids is not None:
            q = q.where(watches.c.id.in_(watch_ids))
        prepared = _prepare(conn, [dict(r) for r in conn.execute(q).mappings()])
        every_watch = watch_ids is None  # only a check against every watch settles an article's work
        if every_watch:
            work.done(conn, work.WATCH, explicit)
        if not prepared:
            return []
        if from_seq is not None:
            for w in prepared:
                w.last_seq = from_seq
        max_seq = conn.execute(select(func.max(articles.c.seq))).scalar() or 0
        now = datetime.now(UTC)
        if not catch_up:
            for w in prepared:
                w.last_seq = max_seq  # only the explicit articles are due
        for chunk in _articles_to_check(conn, sorted(explicit), min(w.last_seq for w in prepared)):
            by_article = _mentions_by_article(conn, [a["id"] for a in chunk])
            if every_watch:
                work.done(conn, work.WATCH, [a["id"] for a in chunk])
            words_cache: dict = {}
            for art in chunk:
                for w in prepared:
                    if art["seq"] <= w.last_seq and art["id"] not in explicit:
                        continue
                    hit = _match(w, art, by_article.get(art["id"], []), words_cache)
                    if hit is None:
                        continue
                    new_id = _insert_ignore(
                        conn,
                        {
                            "watch_id": w.id,
                            "article_id": art["id"],
                            "matched": hit.matched,
                            "score": round(hit.score, 4),
                            "sentence": hit.sentence,
                            "created_at": now,
                            "attempts": 0,
                        },
                    )
                    if new_id is not None:
                        new_ids.append(new_id)
        if catch_up:
            _advance(conn, [w.id for w in prepared], max_seq)
        return fetch_alerts(conn, new_ids)


def _advance(conn: Connection, watch_ids: list[int], max_seq: int) -> None:
    for wid in watch_ids:
        conn.execute(update(watches).where(watches.c.id == wid, watches.c.last_seq < max_seq).values(last_seq=max_seq))


def check_batch(engine: Engine, article_ids: list[str]) -> int:
    """One batch of a bulk job's articles against every watch (the same matcher as :func:`check`);
    returns how many new alerts it stored. No catch-up, no delivery: :func:`settle` does both once."""
    return len(run_check(engine, list(article_ids), catch_up=False))


def settle(engine: Engine, checked_to: int, deliver: bool = True) -> list[Alert]:
    """After a bulk job checked every article up to ``seq`` ``checked_to`` in batches: check what is still
    owed a check (articles others stored meanwhile, or a batch that failed), then move every watch past
    ``checked_to``, so the next ingest does not check the whole bulk load again."""
    owed = work.pending_articles(engine, work.WATCH)
    new = run_check(engine, owed, catch_up=False) if owed else []
    with engine.begin() as conn:
        _advance(conn, list(conn.execute(select(watches.c.id)).scalars()), checked_to)
    if deliver:
        from threatgraph.watch.webhook import deliver_in_background

        deliver_in_background(engine)
    return new


def check(engine: Engine, article_ids: list[str], deliver: bool = True) -> list[Alert]:
    """Post-ingest hook: alerts for watched names/entities in ``article_ids`` (and any unchecked articles).

    Returns only alerts created by this call (checking again returns ``[]``). When a webhook is
    configured and ``deliver`` is true, pending alerts are POSTed in a background thread: a
    slow or failing webhook never blocks or fails ingest, and undelivered alerts stay pending.
    """
    new = run_check(engine, list(article_ids))
    if deliver:
        from threatgraph.watch.webhook import deliver_in_background

        deliver_in_background(engine)
    return new


def backfill(engine: Engine, watch_id: int) -> list[Alert]:
    """Check one watch against the whole archive (``watch add --backfill``)."""
    return run_check(engine, [], watch_ids=[watch_id], from_seq=0)
