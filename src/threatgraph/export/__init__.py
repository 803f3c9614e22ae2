"""export stage: the archive (or one actor and its neighbours) as FtM, STIX 2.1, GraphML or CSV.

FtM, STIX and CSV stream: they read the store through an
:class:`~threatgraph.export.source.ExportSource` a page at a time, so a whole-archive
export of millions of articles runs in bounded memory, and check every object with the
format's own library (followthemoney, stix2) as it is written; CSV tables are read back and
counted. GraphML is one in-memory graph (networkx) read from a
:class:`~threatgraph.export.snapshot.Snapshot` and validated on read-back. Either way an
export either validates or fails with a message naming the file and the reason, and only a
valid export replaces the previous one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from threatgraph.export import csv as csv_format
from threatgraph.export import ftm, graphml, stix
from threatgraph.export.snapshot import ExportError, Snapshot, collect
from threatgraph.export.source import ArchiveSource, ExportSource, SnapshotSource
from threatgraph.export.stats import ExportStats

FORMATS = ("ftm", "stix", "graphml", "csv")

__all__ = ["FORMATS", "ExportError", "ExportStats", "Snapshot", "collect", "export"]


def _source(engine: Engine, entity_id: str | None) -> ExportSource:
    if entity_id is None:
        return ArchiveSource(engine)
    return SnapshotSource(engine, collect(engine, entity_id))


def _swap_dir(work: Path, out: Path) -> None:
    """Put the finished directory ``work`` in place of ``out`` (the previous export kept until then)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.replace(old)
    work.replace(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def export(
    engine: Engine,
    fmt: str,
    out: Path,
    entity_id: str | None = None,
    max_bundle_bytes: int | None = None,
    max_bundle_objects: int | None = None,
) -> ExportStats:
    """Export to ``out`` in ``fmt`` (one of :data:`FORMATS`), optionally limited to one entity and its neighbours.

    ``out`` is a file for ftm (JSON lines), stix (bundle JSON) and graphml, and a directory for
    csv (one file per table) and for stix split into bundles (``max_bundle_bytes`` /
    ``max_bundle_objects``: ``bundle-00001.json``…, each self-contained). Everything is written
    to a temporary sibling first and validated there; only a valid export replaces ``out``, so
    a failure never leaves a half-written or invalid file and never clobbers a previous good export.
    """
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: unknown; choose one of {', '.join(FORMATS)}")
    split = bool(max_bundle_bytes or max_bundle_objects)
    if split and fmt != "stix":
        raise ExportError("--max-bundle-bytes / --max-bundle-objects apply to STIX bundles only")
    if (max_bundle_bytes or 0) < 0 or (max_bundle_objects or 0) < 0:
        raise ExportError("bundle limits must be positive")
    as_dir = fmt == "csv" or split
    out = Path(out)
    if as_dir and out.exists() and not out.is_dir():
        raise ExportError(f"{out}: this export writes several files, so --out must be a directory")
    if not as_dir and out.is_dir():
        raise ExportError(f"{out}: is a directory; {fmt} export writes one file")
    if not out.parent.is_dir():
        raise ExportError(f"{out}: directory {out.parent} does not exist")
    stats = ExportStats(format=fmt, out=out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        target = work if as_dir else work / out.name
        if fmt == "ftm":
            ftm.write(_source(engine, entity_id), target, stats)
        elif fmt == "stix":
            stix.write(_source(engine, entity_id), target, stats, max_bundle_bytes, max_bundle_objects)
        elif fmt == "graphml":
            graph = graphml.write(collect(engine, entity_id), target, stats)
            graphml.validate_file(target, graph)
        else:
            csv_format.write(_source(engine, entity_id), target, stats)
            csv_format.validate_dir(target, stats)
        if as_dir:
            stats.files = [out / f.name for f in stats.files]
            _swap_dir(work, out)
        else:  # the file, and any sidecar written beside it (the FtM quotes' PARC spans)
            extra = [f for f in stats.files if f != target]
            target.replace(out)
            for f in extra:  # the work file has the name of out, so each sidecar keeps its name
                f.replace(out.parent / f.name)
            stats.files = [out, *(out.parent / f.name for f in extra)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stats.validated = True
    return stats
