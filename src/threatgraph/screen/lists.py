"""List versions in the store: load a list file, diff it against the dataset's current entries, record the
version with what was added, removed and changed, all in one transaction.

Parsing happens completely before the first write, so a malformed or hostile file changes nothing; the
previous version stays the current one. Loading the very same bytes again is recognised by digest and
records no new version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update

from threatgraph.screen.entries import ListError, ParsedList, caption
from threatgraph.screen.formats import parse_files
from threatgraph.store import work
from threatgraph.store.schema import list_changes, list_entries, list_versions

__all__ = [
    "CurrentList",
    "ListError",
    "LoadResult",
    "VersionResult",
    "active_entries",
    "current_lists",
    "entries_by_id",
    "demo_list_path",
    "list_summary",
    "load_files",
    "version_changes",
]


@dataclass(slots=True)
class VersionResult:
    """What loading one list (one file, or OFAC's CSV trio) did."""

    dataset: str
    format: str
    source: str
    version_id: int | None  # None when the same file was already the current version
    published: date | None
    entry_count: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclass(slots=True)
class LoadResult:
    """The outcome of :func:`load_files`: one :class:`VersionResult` per list, and totals."""

    versions: list[VersionResult] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(v.added for v in self.versions)

    @property
    def removed(self) -> int:
        return sum(v.removed for v in self.versions)

    @property
    def changed(self) -> int:
        return sum(v.changed for v in self.versions)

    @property
    def version_id(self) -> int | None:
        """The id of the newest version recorded by this load (None if nothing new was loaded)."""
        ids = [v.version_id for v in self.versions if v.version_id is not None]
        return max(ids) if ids else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "version_id": self.version_id,
            "versions": [v.to_dict() for v in self.versions],
        }


def entry_digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_files(engine: Engine, paths: list[Path], dataset: str | None = None) -> LoadResult:
    """Load list files (format sniffed from content) as new versions of their datasets.

    Raises :class:`ListError` naming the file and reason; then nothing is written. What follows a new
    version (the index rebuilt, stored entities screened again) is wired by the composition root:
    :meth:`threatgraph.app.Threatgraph.load_lists`.
    """
    parsed = parse_files([Path(p) for p in paths], dataset)
    seen: dict[str, str] = {}
    for plist in parsed:
        if plist.dataset in seen:
            raise ListError(
                f"{plist.source}: a second list for dataset {plist.dataset!r} in one load ({seen[plist.dataset]}); "
                "load versions of one list one after the other"
            )
        seen[plist.dataset] = plist.source
    result = LoadResult()
    for plist in parsed:
        result.versions.append(_store(engine, plist))
    return result


def _store(engine: Engine, plist: ParsedList) -> VersionResult:
    with engine.begin() as conn:
        current = conn.execute(
            select(list_versions.c.id, list_versions.c.digest)
            .where(list_versions.c.dataset == plist.dataset)
            .order_by(list_versions.c.id.desc())
            .limit(1)
        ).first()
        res = VersionResult(plist.dataset, plist.format, plist.source, None, plist.published, len(plist.entries))
        if current is not None and current.digest == plist.digest:
            res.unchanged = True
            return res
        version_id = conn.execute(
            insert(list_versions).values(
                dataset=plist.dataset,
                format=plist.format,
                source=plist.source,
                digest=plist.digest,
                published=plist.published,
                loaded_at=datetime.now(UTC),
                entry_count=len(plist.entries),
            )
        ).inserted_primary_key[0]
        res.version_id = version_id
        work.mark(conn, work.SCREEN, [work.SCREEN_ALL])  # done once every entity is screened against it
        _apply_diff(conn, plist, version_id, res)
        conn.execute(
            update(list_versions)
            .where(list_versions.c.id == version_id)
            .values(added=res.added, removed=res.removed, changed=res.changed)
        )
    return res


def _apply_diff(conn: Connection, plist: ParsedList, version_id: int, res: VersionResult) -> None:
    ds = plist.dataset
    old = {
        row.entry_id: row
        for row in conn.execute(
            select(
                list_entries.c.entry_id, list_entries.c.digest, list_entries.c.data, list_entries.c.removed_version_id
            ).where(list_entries.c.dataset == ds)
        )
    }
    seen: set[str] = set()
    new_rows, changes = [], []
    for data in plist.entries:
        entry_id = str(data["id"])
        if entry_id in seen:
            raise ListError(f"{plist.source}: entry {entry_id} appears twice")
        seen.add(entry_id)
        digest = entry_digest(data)
        cap = caption(data)
        prev = old.get(entry_id)
        values = {
            "schema": data["schema"],
            "caption": cap,
            "data": data,
            "digest": digest,
            "last_version_id": version_id,
        }
        if prev is None:
            new_rows.append({"dataset": ds, "entry_id": entry_id, "first_version_id": version_id, **values})
            changes.append(_change(version_id, ds, entry_id, "added", cap, None))
        elif prev.removed_version_id is not None:
            conn.execute(_upd(ds, entry_id).values(removed_version_id=None, first_version_id=version_id, **values))
            changes.append(_change(version_id, ds, entry_id, "added", cap, None))
        elif prev.digest != digest:
            conn.execute(_upd(ds, entry_id).values(**values))
            changes.append(_change(version_id, ds, entry_id, "changed", cap, diff_entries(prev.data, data)))
    for entry_id, prev in old.items():
        if entry_id not in seen and prev.removed_version_id is None:
            conn.execute(_upd(ds, entry_id).values(removed_version_id=version_id))
            changes.append(_change(version_id, ds, entry_id, "removed", caption(prev.data), None))
    if new_rows:
        conn.execute(insert(list_entries), new_rows)
    # Unchanged entries are still on the list in this version (one statement rather than one per entry).
    conn.execute(
        update(list_entries)
        .where(and_(list_entries.c.dataset == ds, list_entries.c.removed_version_id.is_(None)))
        .values(last_version_id=version_id)
    )
    if changes:
        conn.execute(insert(list_changes), changes)
    for ch in changes:
        kind = ch["change"]
        setattr(res, kind, getattr(res, kind) + 1)


def _upd(dataset: str, entry_id: str):  # noqa: ANN202 - an UPDATE statement
    return update(list_entries).where(and_(list_entries.c.dataset == dataset, list_entries.c.entry_id == entry_id))


def _change(version_id: int, dataset: str, entry_id: str, kind: str, cap: str, detail: Any) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "dataset": dataset,
        "entry_id": entry_id,
        "change": kind,
        "caption": cap,
        "detail": detail,
    }


def diff_entries(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Changed properties between two entry dicts: ``{prop: {"old": [...], "new": [...]}}`` (sanction as
    ``sanction.<prop>``, schema as ``schema``)."""
    out: dict[str, Any] = {}
    if old.get("schema") != new.get("schema"):
        out["schema"] = {"old": [old.get("schema")], "new": [new.get("schema")]}
    for prefix, a, b in (
        ("", old.get("properties", {}), new.get("properties", {})),
        (
            "sanction.",
            (old.get("sanction") or {}).get("properties", {}),
            (new.get("sanction") or {}).get("properties", {}),
        ),
        ("", {"links": old.get("links", [])}, {"links": new.get("links", [])}),
        (
            "",
            {"record": [old["record"]] if old.get("record") else []},
            {"record": [new["record"]] if new.get("record") else []},
        ),
    ):
        for prop in sorted(set(a) | set(b)):
            if sorted(a.get(prop, [])) != sorted(b.get(prop, [])):
                out[prefix + prop] = {"old": a.get(prop, []), "new": b.get(prop, [])}
    return out


def active_entries(engine: Engine, dataset: str | None = None) -> Iterator[dict[str, Any]]:
    """Entry dicts currently on the lists (not removed), with ``"dataset"`` set, streamed.

    Each carries yente's timestamps, from the list versions: ``first_seen`` (loading of the version that added
    it), ``last_seen`` (of the newest version that still lists it) and ``last_change`` (of the newest version
    that added or changed it), as ISO strings in UTC without zone, the way yente writes them."""
    query = _entries_select()
    if dataset:
        query = query.where(list_entries.c.dataset == dataset)
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(
            query.order_by(list_entries.c.dataset, list_entries.c.entry_id)
        ):
            yield _entry_row(row)


def entries_by_id(engine: Engine, entry_id: str) -> list[dict[str, Any]]:
    """The active entries with this id, one per dataset that lists it (OFAC's ids are shared by its lists)."""
    query = _entries_select(entry_id).where(list_entries.c.entry_id == entry_id).order_by(list_entries.c.dataset)
    with engine.connect() as conn:
        return [_entry_row(row) for row in conn.execute(query)]


def _entries_select(entry_id: str | None = None):  # noqa: ANN202 - a SELECT of entries with version timestamps
    first = list_versions.alias("first")
    last = list_versions.alias("last")
    changed = list_versions.alias("changed")
    latest_change = (
        select(
            list_changes.c.dataset,
            list_changes.c.entry_id,
            func.max(list_changes.c.version_id).label("version_id"),
        )
        .where(list_changes.c.change.in_(("added", "changed")))
        .where(list_changes.c.entry_id == entry_id if entry_id is not None else and_(True))
        .group_by(list_changes.c.dataset, list_changes.c.entry_id)
        .subquery()
    )
    return (
        select(
            list_entries.c.dataset,
            list_entries.c.data,
            first.c.loaded_at.label("first_seen"),
            last.c.loaded_at.label("last_seen"),
            changed.c.loaded_at.label("last_change"),
        )
        .join(first, first.c.id == list_entries.c.first_version_id)
        .join(last, last.c.id == list_entries.c.last_version_id)
        .outerjoin(
            latest_change,
            and_(
                latest_change.c.dataset == list_entries.c.dataset,
                latest_change.c.entry_id == list_entries.c.entry_id,
            ),
        )
        .outerjoin(changed, changed.c.id == latest_change.c.version_id)
        .where(list_entries.c.removed_version_id.is_(None))
    )


def _entry_row(row: Any) -> dict[str, Any]:
    data = dict(row.data)
    data["dataset"] = row.dataset
    data["first_seen"] = _stamp(row.first_seen)
    data["last_seen"] = _stamp(row.last_seen)
    data["last_change"] = _stamp(row.last_change or row.first_seen)
    return data


def _stamp(value: datetime | None) -> str | None:
    """yente's timestamp form: ISO seconds, UTC, no zone suffix."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class CurrentList:
    """The current (newest) version of one loaded dataset: what identifies the screening index built over it
    (``version_id``, ``digest``) and what dates it (``published``, ``loaded_at``)."""

    dataset: str
    version_id: int
    digest: str
    published: date | None
    loaded_at: datetime


def current_lists(engine: Engine) -> list[CurrentList]:
    """The current version of every loaded dataset, by dataset name, in one statement on the small versions table.

    Why one statement: every screening request needs both the index key and the lists' ages (a stale list is
    flagged on every answer), and reading them separately cost ``/match`` four round trips, one of them a count
    over every list entry, which a busy server pays in waits rather than work."""
    latest = (
        select(list_versions.c.dataset, func.max(list_versions.c.id).label("id"))
        .group_by(list_versions.c.dataset)
        .subquery()
    )
    query = select(
        list_versions.c.dataset,
        list_versions.c.id,
        list_versions.c.digest,
        list_versions.c.published,
        list_versions.c.loaded_at,
    ).join(latest, latest.c.id == list_versions.c.id)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return sorted(
        (CurrentList(str(d), int(v), str(g), p, at) for d, v, g, p, at in rows), key=lambda c: (c.dataset, c.version_id)
    )


def list_summary(engine: Engine) -> list[dict[str, Any]]:
    """Per dataset: the current version and how many entries are active (for ``lists show`` and the API)."""
    with engine.connect() as conn:
        latest = (
            select(list_versions.c.dataset, func.max(list_versions.c.id).label("id"))
            .group_by(list_versions.c.dataset)
            .subquery()
        )
        rows = (
            conn.execute(
                select(list_versions).join(latest, latest.c.id == list_versions.c.id).order_by(list_versions.c.dataset)
            )
            .mappings()
            .all()
        )
        counts = dict(
            conn.execute(
                select(list_entries.c.dataset, func.count())
                .where(list_entries.c.removed_version_id.is_(None))
                .group_by(list_entries.c.dataset)
            ).all()
        )
        nversions = dict(
            conn.execute(select(list_versions.c.dataset, func.count()).group_by(list_versions.c.dataset)).all()
        )
    out = []
    for row in rows:
        out.append(
            {
                "dataset": row["dataset"],
                "version_id": row["id"],
                "versions": nversions.get(row["dataset"], 0),
                "format": row["format"],
                "source": row["source"],
                "published": row["published"].isoformat() if row["published"] else None,
                "loaded_at": row["loaded_at"].isoformat() if row["loaded_at"] else None,
                "entries": counts.get(row["dataset"], 0),
                "added": row["added"],
                "removed": row["removed"],
                "changed": row["changed"],
            }
        )
    return out


def version_changes(engine: Engine, version_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    """The recorded changes of one version (added / removed / changed entries with changed properties)."""
    query = select(list_changes).where(list_changes.c.version_id == version_id).order_by(list_changes.c.id)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def demo_list_path() -> Path:
    """The bundled INVENTED demo list (FtM JSON lines; see ``screen/samples/README.md``) that ``threatgraph
    demo`` loads, so the demo's sample group shows as sanctioned without any real list on the machine."""
    from importlib.resources import files

    path = Path(str(files("threatgraph.screen") / "samples" / "demo-list.ftm.jsonl"))
    if not path.is_file():  # pragma: no cover - only in a broken install
        raise FileNotFoundError(f"bundled demo list not found at {path}; reinstall threatgraph")
    return path
