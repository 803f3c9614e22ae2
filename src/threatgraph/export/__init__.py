"""export stage: the archive (or one actor and its neighbours) as FtM, STIX 2.1, GraphML or CSV.

:func:`export` reads one :class:`~threatgraph.export.snapshot.Snapshot` from the store,
hands it to the format module, then validates what was written with that format's own
library (followthemoney, stix2, networkx, csv), so an export either validates or fails with
a message naming the file and the reason.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from threatgraph.export import csv as csv_format
from threatgraph.export import ftm, graphml, stix
from threatgraph.export.snapshot import ExportError, Snapshot, collect
from threatgraph.export.stats import ExportStats

FORMATS = ("ftm", "stix", "graphml", "csv")

__all__ = ["FORMATS", "ExportError", "ExportStats", "Snapshot", "collect", "export"]


def export(engine: Engine, fmt: str, out: Path, entity_id: str | None = None) -> ExportStats:
    """Export to ``out`` in ``fmt`` (one of :data:`FORMATS`), optionally limited to one entity and its neighbours.

    ``out`` is a file for ftm (JSON lines), stix (bundle JSON) and graphml, and a directory for
    csv. Writes go through temporary files, so a failed export leaves no half-written file.
    """
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: unknown; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt != "csv":
        if out.is_dir():
            raise ExportError(f"{out}: is a directory; {fmt} export writes one file")
        if not out.parent.is_dir():
            raise ExportError(f"{out}: directory {out.parent} does not exist")
    snap = collect(engine, entity_id)
    stats = ExportStats(format=fmt, out=out)
    if fmt == "ftm":
        ftm.write(snap, out, stats)
        ftm.validate_file(out)
    elif fmt == "stix":
        stix.write(snap, out, stats)
        stix.validate_file(out)
    elif fmt == "graphml":
        graphml.validate_file(out, graphml.write(snap, out, stats))
    else:
        csv_format.write(snap, out, stats)
        csv_format.validate_dir(out, stats)
    stats.validated = True
    return stats
