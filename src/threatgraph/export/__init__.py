"""export stage: the archive (or one actor and its neighbours) as FtM, STIX 2.1, GraphML or CSV.

:func:`export` reads one :class:`~threatgraph.export.snapshot.Snapshot` from the store,
hands it to the format module, then validates what was written with that format's own
library (followthemoney, stix2, networkx, csv), so an export either validates or fails with
a message naming the file and the reason.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from threatgraph.export import csv as csv_format
from threatgraph.export import ftm, graphml, stix
from threatgraph.export.snapshot import ExportError, Snapshot, collect
from threatgraph.export.stats import ExportStats

FORMATS = ("ftm", "stix", "graphml", "csv")

__all__ = ["FORMATS", "ExportError", "ExportStats", "Snapshot", "collect", "export"]


def _validate(fmt: str, path: Path, stats: ExportStats, graph: object = None) -> None:
    if fmt == "ftm":
        ftm.validate_file(path)
    elif fmt == "stix":
        stix.validate_file(path)
    elif fmt == "graphml":
        graphml.validate_file(path, graph)  # type: ignore[arg-type]
    else:
        csv_format.validate_dir(path, stats)


def export(engine: Engine, fmt: str, out: Path, entity_id: str | None = None) -> ExportStats:
    """Export to ``out`` in ``fmt`` (one of :data:`FORMATS`), optionally limited to one entity and its neighbours.

    ``out`` is a file for ftm (JSON lines), stix (bundle JSON) and graphml, and a directory for
    csv (one file per table). Everything is written to a temporary sibling first and validated
    there; only a valid export replaces ``out``, so a failure never leaves a half-written or
    invalid file and never clobbers a previous good export.
    """
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: unknown; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt == "csv" and out.exists() and not out.is_dir():
        raise ExportError(f"{out}: CSV export writes one file per table, so --out must be a directory")
    if fmt != "csv" and out.is_dir():
        raise ExportError(f"{out}: is a directory; {fmt} export writes one file")
    if not out.parent.is_dir():
        raise ExportError(f"{out}: directory {out.parent} does not exist")
    snap = collect(engine, entity_id)
    stats = ExportStats(format=fmt, out=out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        target = work if fmt == "csv" else work / out.name
        graph = None
        if fmt == "ftm":
            ftm.write(snap, target, stats)
        elif fmt == "stix":
            stix.write(snap, target, stats)
        elif fmt == "graphml":
            graph = graphml.write(snap, target, stats)
        else:
            csv_format.write(snap, target, stats)
        _validate(fmt, target, stats, graph)
        if fmt == "csv":
            out.mkdir(exist_ok=True)
            stats.files = [(out / f.name) for f in stats.files]
            for f in stats.files:
                (work / f.name).replace(f)
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
