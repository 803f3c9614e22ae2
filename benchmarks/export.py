"""Peak memory and throughput of the streaming whole-archive exports (FtM JSON lines, STIX split by size,
CSV) against the synthetic PostgreSQL archives of ``benchmarks/serve.py --pg`` (100k and 1M articles).

Each export runs in a child process of its own (so one format's peak is not another's), with
``threatgraph.export.export`` exactly as the CLI calls it. The child records its resident memory
(``VmRSS`` from /proc) after every page of articles the export reads, so the output shows memory against
articles exported: bounded memory is a flat curve, and the peak (``ru_maxrss``) the same at 100k as at 1M.
Anchor (same child, before the export starts): the process with the library, the store's engine and the
FtM/STIX models imported, which every export pays whatever the archive size.

Printed per format: articles and objects written, rows/s (objects per second of wall time), the anchor's
RSS, the peak RSS and its growth over the anchor, and RSS at each tenth of the articles. ``--seconds``
stops a run after that long (the child is killed; its curve up to then is still printed, marked partial):
a whole 1M-article export takes an hour or more per format on the shared 2-core machine.

    .venv/bin/python benchmarks/export.py --pg postgresql+psycopg://postgres@127.0.0.1:55432/db \\
        --articles 100000 [--formats ftm,stix,csv] [--seconds 900]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: STIX bundles split at this many bytes (the size a TAXII server or a SIEM importer typically takes).
STIX_PART_BYTES = 20_000_000


def rss_mb() -> float:
    """This process's resident memory now, MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _child(db_url: str, fmt: str, out: str, report: Any) -> None:
    """Run one export, sending ("page", articles, rss) after each page and ("done", stats) at the end."""
    from threatgraph.export import export
    from threatgraph.export.source import ArchiveSource
    from threatgraph.store.db import open_store

    engine = open_store(db_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    report.send(("anchor", rss_mb()))
    pages = ArchiveSource.article_batches
    done = 0

    def counted(self: ArchiveSource) -> Any:  # the same pages, counted as the writer consumes them
        nonlocal done
        for batch in pages(self):
            yield batch
            done += len(batch)
            report.send(("page", done, rss_mb()))

    ArchiveSource.article_batches = counted  # type: ignore[method-assign]
    t0 = time.perf_counter()
    stats = export(engine, fmt, Path(out), max_bundle_bytes=STIX_PART_BYTES if fmt == "stix" else None)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.send(("done", {"counts": stats.counts, "files": len(stats.files), "seconds": elapsed, "peak": peak}))


def run(db_url: str, fmt: str, total: int, seconds: float, work: Path) -> dict[str, Any]:
    out = work / ("csv" if fmt == "csv" else "stix" if fmt == "stix" else "export.ftm.json")
    recv, send = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_child, args=(db_url, fmt, str(out), send))
    t0 = time.perf_counter()
    proc.start()
    send.close()
    curve: list[tuple[int, float, float]] = []
    anchor = 0.0
    result: dict[str, Any] = {}
    while (left := seconds - (time.perf_counter() - t0)) > 0:
        if not recv.poll(min(left, 5)):
            if not proc.is_alive():
                break
            continue
        try:
            msg = recv.recv()
        except EOFError:
            break
        if msg[0] == "anchor":
            anchor = msg[1]
        elif msg[0] == "page":
            curve.append((msg[1], msg[2], time.perf_counter() - t0))
        else:
            result = msg[1]
            break
    partial = not result
    if proc.is_alive():
        proc.kill()
    proc.join()
    if not partial and proc.exitcode:
        sys.exit(f"{fmt} export failed (exit {proc.exitcode})")
    shutil.rmtree(work, ignore_errors=True)  # the export, or a killed child's temporary ``.part`` beside it
    work.mkdir()
    return {"anchor": anchor, "curve": curve, "partial": partial, "total": total, **result}


def report(fmt: str, r: dict[str, Any]) -> None:
    curve = r["curve"]
    done = curve[-1][0] if curve else 0
    peak = r.get("peak") or max((m for _a, m, _t in curve), default=0.0)
    secs = max(r.get("seconds") or (curve[-1][2] if curve else 0.0), 1e-9)
    objects = sum(r.get("counts", {}).values())
    head = f"{fmt:5} {'PARTIAL ' if r['partial'] else ''}{done:,}/{r['total']:,} articles in {secs:,.0f} s"
    rate = (
        f"{objects / secs:,.0f} objects/s, {done / secs:,.0f} articles/s"
        if objects
        else f"{done / secs:,.0f} articles/s"
    )
    print(f"{head}; {rate}; RSS anchor {r['anchor']:.0f} MB, peak {peak:.0f} MB (+{peak - r['anchor']:.0f} MB)")
    if objects:
        print(f"      objects: {json.dumps(dict(sorted(r['counts'].items())))}; files {r['files']}")
    marks = []
    for tenth in range(1, 11):
        at = [m for a, m, _t in curve if a <= done * tenth / 10]
        if at:
            marks.append(f"{tenth * 10}%:{max(at):.0f}")
    print(f"      RSS MB (max so far) at each tenth of the articles: {' '.join(marks)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", required=True, metavar="URL", help="the database holding serve.py's schemas")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--entities", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="ftm,stix,csv")
    ap.add_argument("--seconds", type=float, default=7200.0, help="stop a format's run after this long")
    args = ap.parse_args()
    from sqlalchemy import create_engine, make_url, text

    schema = f"tg_serve_{args.articles}_{args.entities}_{args.seed}"
    base = make_url(args.pg)
    admin = create_engine(base)
    with admin.connect() as conn:
        filled = conn.execute(
            text("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = :s"), {"s": schema}
        ).scalar()
    admin.dispose()
    if not filled:
        sys.exit(f"no filled schema {schema}: run benchmarks/serve.py --pg {args.pg} --articles {args.articles} first")
    url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    print(f"archive: {schema} ({filled.strip()}); load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="tg-bench-export-") as tmp:
        work = Path(tmp) / "out"
        work.mkdir()
        for fmt in args.formats.split(","):
            r = run(url, fmt, args.articles, args.seconds, work)
            report(fmt, r)
            print(f"      load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
