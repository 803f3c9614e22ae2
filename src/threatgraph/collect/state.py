"""Collection state in the store: sources with their health, and one row per discovered URL.

The order of writes is what makes a killed collector safe to re-run:

1. a source's new URLs are inserted as ``pending`` in the *same transaction* that stores the
   source's new ETag/Last-Modified, so the validators never move past URLs we have not kept;
2. a pending URL becomes ``done``/``duplicate``/``failed`` only after its article is stored (or
   refused), so a kill in between leaves it pending and the next run fetches it again; the
   article's content hash then makes the second store a no-op (``duplicate``), never a copy.

URLs are unique in their canonical form, so a story listed by a feed and a sitemap, or polled
twice, is one row and one fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from threatgraph.collect.settings import KINDS, SourcesError, SourceSettings
from threatgraph.store.schema import articles, collect_hosts, collect_sources, collect_urls

#: Kinds whose location is a file on the collector's machine; never accepted from the web.
FILE_KINDS = ("urls_file", "gdelt")
#: A failing source is polled less often: its interval doubles per consecutive failure up to this.
MAX_FAILURE_BACKOFF = timedelta(hours=24)
#: A page that failed for a passing reason (timeout, 5xx, 429) is tried this many times in all.
MAX_URL_ATTEMPTS = 3
URL_RETRY_DELAY = timedelta(minutes=10)
#: RFC 9309: a robots.txt should not be used for longer than 24 hours.
ROBOTS_FRESH = timedelta(hours=24)
URL_STATUSES = ("pending", "done", "duplicate", "failed", "disallowed")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source as stored: its settings plus the validators of its last good fetch."""

    id: int
    settings: SourceSettings
    location: str
    etag: str | None
    last_modified: str | None
    failures: int


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _location(source: SourceSettings, base: Path | None) -> str:
    if source.kind in FILE_KINDS:
        path = Path(source.location).expanduser()
        return str((base / path).resolve() if base is not None and not path.is_absolute() else path)
    return source.location


def settings_of(name: str, kind: str, location: str, config: dict[str, Any]) -> SourceSettings:
    data = {k: v for k, v in (config or {}).items() if k not in KINDS}
    data["name"] = name
    data[kind] = list(config.get("urls") or location.split("\n")) if kind == "urls" else location
    return SourceSettings.model_validate(data)


def _row(r: Any) -> SourceRow:
    settings = settings_of(r.name, r.kind, r.location, r.config)
    if not r.enabled:
        settings = settings.model_copy(update={"enabled": False})
    return SourceRow(r.id, settings, r.location, r.etag, r.last_modified, r.failures)


def sync_sources(engine: Engine, sources: Iterable[SourceSettings], base: Path | None, origin: str = "file") -> int:
    """Insert the file's sources and update changed ones (by name); returns how many were new.

    A source whose location changed forgets its validators (they belong to the old URL). Sources
    that came from a sources file earlier but are no longer in this one are disabled (kept, with
    their history, but not polled): deleting a line from the file stops following that source.
    Sources added on the web are left alone.
    """
    now, added = _now(), 0
    sources = list(sources)
    with engine.begin() as conn:
        if origin == "file":
            conn.execute(
                update(collect_sources)
                .where(
                    collect_sources.c.origin == "file",
                    collect_sources.c.name.not_in([s.name for s in sources]),
                    collect_sources.c.enabled.is_(True),
                )
                .values(enabled=False)
            )
        for source in sources:
            location = _location(source, base)
            values = {
                "kind": source.kind,
                "location": location,
                "config": source.config(),
                "enabled": source.enabled,
            }
            old = conn.execute(select(collect_sources).where(collect_sources.c.name == source.name)).first()
            if old is None:
                _insert_source(conn, source.name, values, origin, now)
                added += 1
            elif any(getattr(old, k) != v for k, v in values.items()):
                if old.location != location or old.kind != source.kind:
                    values |= {"etag": None, "last_modified": None, "next_due_at": now}
                conn.execute(update(collect_sources).where(collect_sources.c.id == old.id).values(**values))
    return added


def _insert_source(conn: Connection, name: str, values: dict[str, Any], origin: str, now: datetime) -> None:
    """A new source row: due at once, with no failures or new articles counted yet."""
    conn.execute(
        insert(collect_sources).values(
            name=name, origin=origin, created_at=now, next_due_at=now, failures=0, last_new=0, **values
        )
    )


def add_source(engine: Engine, source: SourceSettings, origin: str = "web") -> dict[str, Any]:
    """Add one source (web form, API); a taken name or a local-file source is a :class:`SourcesError`."""
    if origin == "web" and source.kind in FILE_KINDS:
        raise SourcesError(f"a {source.kind} source reads a file on the server; add it in a sources file instead")
    with engine.begin() as conn:
        taken = conn.execute(select(collect_sources.c.id).where(collect_sources.c.name == source.name)).first()
        if taken is not None:
            raise SourcesError(f"a source named {source.name!r} already exists")
        values = {
            "kind": source.kind,
            "location": _location(source, None),
            "config": source.config(),
            "enabled": source.enabled,
        }
        _insert_source(conn, source.name, values, origin, _now())
    return next(s for s in source_health(engine) if s["name"] == source.name)


def due_sources(engine: Engine, *, force: bool = False, names: Sequence[str] | None = None) -> list[SourceRow]:
    """Enabled sources due for a poll (all enabled ones with ``force``), optionally only ``names``."""
    query = select(collect_sources).where(collect_sources.c.enabled.is_(True)).order_by(collect_sources.c.id)
    if not force:
        query = query.where(or_(collect_sources.c.next_due_at.is_(None), collect_sources.c.next_due_at <= _now()))
    if names is not None:
        query = query.where(collect_sources.c.name.in_(list(names)))
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def next_due(engine: Engine) -> datetime | None:
    """When the earliest enabled source is next due."""
    with engine.connect() as conn:
        value = conn.execute(
            select(func.min(collect_sources.c.next_due_at)).where(collect_sources.c.enabled.is_(True))
        ).scalar()
    return _aware(value)


def _insert_new(conn: Connection, rows: list[dict[str, Any]]) -> int:
    """Insert URL rows whose canonical URL is not stored yet; returns how many were new."""
    if not rows:
        return 0
    maker = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    new = 0
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        result = conn.execute(maker(collect_urls).values(chunk).on_conflict_do_nothing(index_elements=["url"]))
        new += max(result.rowcount or 0, 0)
    return new


def _known(conn: Connection, urls: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(urls), 500):
        chunk = list(urls[start : start + 500])
        found.update(conn.execute(select(collect_urls.c.url).where(collect_urls.c.url.in_(chunk))).scalars())
    return found


def record_found(
    engine: Engine,
    source: SourceRow,
    urls: Sequence[str],
    *,
    every: float,
    etag: str | None,
    last_modified: str | None,
    http_status: int | None,
    problems: Sequence[str] = (),
    settled: dict[str, dict[str, Any]] | None = None,
) -> int:
    """Keep a successful poll: new URLs and the source's validators, in one transaction.

    New URLs are ``pending`` unless ``settled`` gives their outcome already (feeds whose items
    were ingested from the feed itself: ``{url: {"status", "article_id", "error"}}``).
    """
    now = _now()
    unique = list(dict.fromkeys(urls))
    settled = settled or {}
    rows = []
    with engine.connect() as conn:
        known = _known(conn, unique)
    for u in [u for u in unique if u not in known][: source.settings.max_items]:
        row = {"url": u, "source_id": source.id, "status": "pending", "attempts": 0, "discovered_at": now}
        if u in settled:
            out = settled[u]
            row |= {"status": out["status"], "article_id": out.get("article_id"), "error": out.get("error")}
            row |= {"attempts": 1, "fetched_at": now, "final_url": out.get("final_url")}
        rows.append(row)
    with engine.begin() as conn:
        new = _insert_new(conn, [r for r in rows if r["status"] == "pending"])
        new += _insert_new(conn, [r for r in rows if r["status"] != "pending"])
        conn.execute(
            update(collect_sources)
            .where(collect_sources.c.id == source.id)
            .values(
                etag=etag,
                last_modified=last_modified,
                last_fetch_at=now,
                last_success_at=now,
                last_status="ok",
                last_http_status=http_status,
                last_error="; ".join(problems)[:2000] or None,
                failures=0,
                last_new=new,
                next_due_at=now + timedelta(seconds=every),
            )
        )
    return new


def record_unchanged(engine: Engine, source: SourceRow, *, every: float, http_status: int | None = 304) -> None:
    """A 304 (or an unchanged local file): healthy, nothing new."""
    now = _now()
    with engine.begin() as conn:
        conn.execute(
            update(collect_sources)
            .where(collect_sources.c.id == source.id)
            .values(
                last_fetch_at=now,
                last_success_at=now,
                last_status="unchanged",
                last_http_status=http_status,
                last_error=None,
                failures=0,
                last_new=0,
                next_due_at=now + timedelta(seconds=every),
            )
        )


def record_failure(
    engine: Engine,
    source: SourceRow,
    error: str,
    *,
    every: float,
    http_status: int | None = None,
    retry_after: float | None = None,
) -> None:
    """A failed poll: counted, and the next one put off (doubling per failure, or as the server asked)."""
    now = _now()
    failures = source.failures + 1
    wait = min(timedelta(seconds=every) * 2 ** min(failures - 1, 10), MAX_FAILURE_BACKOFF)
    if retry_after:
        wait = max(wait, timedelta(seconds=retry_after))
    with engine.begin() as conn:
        conn.execute(
            update(collect_sources)
            .where(collect_sources.c.id == source.id)
            .values(
                last_fetch_at=now,
                last_status="failed",
                last_http_status=http_status or None,
                last_error=error[:2000],
                failures=failures,
                last_new=0,
                next_due_at=now + wait,
            )
        )


@dataclass(frozen=True, slots=True)
class PendingUrl:
    """A URL row to fetch (or, from :func:`retry_urls`, one already settled)."""

    id: int
    url: str
    source_id: int | None
    attempts: int
    status: str = "pending"
    article_id: str | None = None


def pending_urls(engine: Engine, limit: int, *, after_id: int = 0) -> list[PendingUrl]:
    """Pending URLs due for a (re)try, in discovery order, after ``after_id``."""
    now = _now()
    query = (
        select(collect_urls.c.id, collect_urls.c.url, collect_urls.c.source_id, collect_urls.c.attempts)
        .where(
            collect_urls.c.status == "pending",
            collect_urls.c.id > after_id,
            or_(collect_urls.c.next_attempt_at.is_(None), collect_urls.c.next_attempt_at <= now),
        )
        .order_by(collect_urls.c.id)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [PendingUrl(r.id, r.url, r.source_id, r.attempts) for r in conn.execute(query)]


def retry_urls(engine: Engine, urls: Sequence[str]) -> list[PendingUrl]:
    """Rows for ``urls`` asked for by hand (``threatgraph fetch``): new ones and failed or disallowed
    ones become pending now; collected ones (done, duplicate) are returned as they are."""
    now = _now()
    rows = [{"url": u, "source_id": None, "status": "pending", "attempts": 0, "discovered_at": now} for u in urls]
    cols = (collect_urls.c.id, collect_urls.c.url, collect_urls.c.source_id, collect_urls.c.attempts)
    with engine.begin() as conn:
        _insert_new(conn, rows)
        conn.execute(
            update(collect_urls)
            .where(collect_urls.c.url.in_(list(urls)), collect_urls.c.status.in_(("failed", "disallowed")))
            .values(status="pending", attempts=0, next_attempt_at=None)
        )
        found = conn.execute(
            select(*cols, collect_urls.c.status, collect_urls.c.article_id).where(collect_urls.c.url.in_(list(urls)))
        ).all()
    order = {u: i for i, u in enumerate(urls)}
    return sorted((PendingUrl(*r) for r in found), key=lambda r: order[r.url])


def mark_urls(engine: Engine, outcomes: Sequence[dict[str, Any]]) -> None:
    """Settle URLs: each outcome has ``id``, ``status`` and optionally ``http_status``, ``final_url``,
    ``article_id``, ``error``, ``attempts``; a transient failure under the attempt limit stays pending."""
    now = _now()
    with engine.begin() as conn:
        for out in outcomes:
            values = {k: out.get(k) for k in ("status", "http_status", "final_url", "article_id", "error")}
            values["fetched_at"] = now
            values["attempts"] = out.get("attempts", 0)
            if out.get("retry_at") is not None:
                values["next_attempt_at"] = out["retry_at"]
            conn.execute(update(collect_urls).where(collect_urls.c.id == out["id"]).values(**values))


def done_with_final_url(engine: Engine, final_urls: Sequence[str]) -> dict[str, str]:
    """``final_url`` → article id for URLs already collected under another address."""
    if not final_urls:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(collect_urls.c.final_url, collect_urls.c.article_id).where(
                collect_urls.c.final_url.in_(list(final_urls)),
                collect_urls.c.status.in_(("done", "duplicate")),
                collect_urls.c.article_id.is_not(None),
            )
        )
        return {r.final_url: r.article_id for r in rows}


def stored_from(engine: Engine, keys_by_id: dict[str, str]) -> dict[str, str]:
    """Article id → the source it was stored from, for ids the pipeline called duplicates: one stored
    from the same URL by a run killed before it settled the URL is that URL's own article (``done``)."""
    if not keys_by_id:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.source).where(articles.c.id.in_(list(keys_by_id))))
        return {r.id: r.source for r in rows}


def source_health(engine: Engine) -> list[dict[str, Any]]:
    """Every source with its health and URL counts per status (the sources page and ``--json``)."""
    with engine.connect() as conn:
        counts: dict[int, dict[str, int]] = {}
        for source_id, status, n in conn.execute(
            select(collect_urls.c.source_id, collect_urls.c.status, func.count()).group_by(
                collect_urls.c.source_id, collect_urls.c.status
            )
        ):
            if source_id is not None:
                counts.setdefault(source_id, {})[status] = n
        rows = conn.execute(select(collect_sources).order_by(collect_sources.c.name)).all()
    now = _now()
    out = []
    for r in rows:
        due = _aware(r.next_due_at)
        per_status = {s: counts.get(r.id, {}).get(s, 0) for s in URL_STATUSES}
        if not r.enabled:
            health = "disabled"
        elif r.last_status is None:
            health = "new"
        elif r.failures:
            health = "failing" if r.failures >= 3 else "degraded"
        else:
            health = "ok"
        out.append(
            {
                "id": r.id,
                "name": r.name,
                "kind": r.kind,
                "location": r.location if r.kind != "urls" else f"{len(r.config.get('urls') or [])} URLs",
                "origin": r.origin,
                "enabled": r.enabled,
                "health": health,
                "last_fetch_at": _iso(r.last_fetch_at),
                "last_success_at": _iso(r.last_success_at),
                "last_status": r.last_status,
                "last_http_status": r.last_http_status,
                "last_error": r.last_error,
                "failures": r.failures,
                "last_new": r.last_new,
                "next_due_at": _iso(r.next_due_at),
                "overdue": bool(r.enabled and due is not None and due < now - timedelta(hours=1)),
                "urls": per_status,
                "created_at": _iso(r.created_at),
            }
        )
    return out


def url_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(collect_urls.c.status, func.count()).group_by(collect_urls.c.status))
        got = dict(rows.all())
    return {s: got.get(s, 0) for s in URL_STATUSES}


def _iso(value: datetime | None) -> str | None:
    value = _aware(value)
    return value.isoformat(timespec="seconds") if value else None


class StoredRobots:
    """robots.txt per host in the store, reused while fresh (:data:`ROBOTS_FRESH`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def recall(self, host: str) -> tuple[int, str | None] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(collect_hosts).where(collect_hosts.c.host == host)).first()
        if row is None or (_aware(row.fetched_at) or _now()) < _now() - ROBOTS_FRESH:
            return None
        return row.robots_status, row.robots_text

    def remember(self, host: str, status: int, text: str | None) -> None:
        values = {"robots_status": status, "robots_text": text, "fetched_at": _now()}
        maker = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        stmt = maker(collect_hosts).values(host=host, **values)
        with self.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["host"], set_=values))
