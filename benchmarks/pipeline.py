"""End-to-end ingest cost: files → readers → duplicate check → extract → store → hooks.

Anchor (measured in this process): ``Extractor.analyse`` over the same, already-read articles,
i.e. the NLP alone. Printed, as articles per CPU second and as a ratio of CPU time to the
anchor: the readers alone; the pipeline into a fresh SQLite store without hooks (its own
overhead: reading, duplicate check, one transaction per article) and with the post-ingest hooks
that exist (resolve, watch); and a re-ingest of the same files (all duplicates, so no NLP).
CPU time, because the machine is shared and wall time swings with other people's load; disk
waits are not counted (SQLite in WAL mode with synchronous=NORMAL rarely waits). Wall-clock
articles/s are printed too, and with ``--n-process 2`` a run with two spaCy worker processes
(batches of at least ``pipeline.PARALLEL_MIN_ARTICLES``) is compared in wall time, since the
workers' CPU time is not this process's.

Articles: the bundled samples, made unique by a numbered closing line, written as one ``.txt``
file each plus the same number of JSON lines.

    .venv/bin/python benchmarks/pipeline.py --articles 200
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from threatgraph import pipeline
from threatgraph.app import Threatgraph
from threatgraph.ingest import partition, read_paths
from threatgraph.ingest.samples import samples_dir
from threatgraph.store.db import open_store


def make_inputs(folder: Path, n: int) -> int:
    """n/2 txt files and n/2 JSON lines, all distinct; returns the number of articles written."""
    base, _ = partition(read_paths([samples_dir()]))
    half = n // 2
    for i, art in enumerate(islice(cycle(base), half)):
        meta = f"---\ntitle: {art.title!r}\noutlet: {art.outlet!r}\npublished: {art.published}\n---\n"
        (folder / f"a{i:05d}.txt").write_text(meta + art.text + f"\n\nCopy {i} of the story.\n", encoding="utf-8")
    with (folder / "bulk.jsonl").open("w", encoding="utf-8") as fh:
        for i, art in enumerate(islice(cycle(base), n - half)):
            row = {"text": art.text + f"\n\nLine copy {i}.", "title": art.title, "published": str(art.published)}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


WALL: dict[str, float] = {}


def timed(fn, label: str = "") -> tuple[float, object]:
    """CPU seconds of this process: on a shared machine, other processes' load does not skew ratios.

    The wall time of the same call is kept in ``WALL[label]``.
    """
    t0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    WALL[label] = time.perf_counter() - w0
    return time.process_time() - t0, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--n-process", type=int, default=1, help="also ingest with N spaCy worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        n = make_inputs(folder, args.articles)
        engine = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        app = Threatgraph(engine)
        extractor = app.extractor()
        arts, fails = partition(read_paths([folder]))
        assert len(arts) == n and not fails, fails[:3]
        list(extractor.analyse(arts[:8]))  # warm up: model loaded, first-call costs paid

        t_anchor, _ = timed(lambda: list(extractor.analyse(arts, batch_size=args.batch_size)), "anchor")
        t_read, _ = timed(lambda: partition(read_paths([folder])), "read")
        bare = open_store(f"sqlite:///{Path(tmp) / 'bare.db'}")
        t_nohooks, _ = timed(
            lambda: Threatgraph(bare, extractor=extractor, hooks=()).ingest([folder], batch_size=args.batch_size),
            "nohooks",
        )
        t_full, report = timed(lambda: app.ingest([folder], batch_size=args.batch_size), "full")
        t_again, again = timed(lambda: app.ingest([folder], batch_size=args.batch_size), "again")
        assert len(report.ingested) == n and not report.failed, report.failed[:3]
        assert len(again.duplicates) == n and not again.ingested
        if args.n_process > 1:
            big = max(args.batch_size, pipeline.PARALLEL_MIN_ARTICLES)
            single = open_store(f"sqlite:///{Path(tmp) / 'single.db'}")
            timed(
                lambda: Threatgraph(single, extractor=extractor).ingest([folder], batch_size=big),
                "big batches, 1 process",
            )
            multi = open_store(f"sqlite:///{Path(tmp) / 'multi.db'}")
            _, mp = timed(
                lambda: Threatgraph(multi, extractor=extractor).ingest(
                    [folder], batch_size=big, n_process=args.n_process
                ),
                f"big batches, {args.n_process} processes",
            )
            assert len(mp.ingested) == n and not mp.failed, mp.failed[:3]

    def row(label: str, seconds: float, key: str) -> str:
        return (
            f"{label:<48} {n / seconds:>9.1f} art/CPU-s {seconds / t_anchor:>6.2f}× anchor"
            f" {n / WALL[key]:>8.1f} art/s wall"
        )

    print(f"{n} articles, batch size {args.batch_size}")
    print(row("anchor: Extractor.analyse (NLP only)", t_anchor, "anchor"))
    print(row("readers only (read_paths)", t_read, "read"))
    print(row("pipeline.ingest without hooks (read+NLP+store)", t_nohooks, "nohooks"))
    print(row("full pipeline.ingest (read+NLP+store+hooks)", t_full, "full"))
    print(row("re-ingest, all duplicates", t_again, "again"))
    for key in WALL:
        if key.startswith("big batches"):
            print(f"full pipeline.ingest, {key:<26} {n / WALL[key]:>9.1f} art/s wall")
    print(
        f"overhead over NLP: {t_nohooks / t_anchor:.2f}× without hooks, {t_full / t_anchor:.2f}× with hooks"
        " (target ≤ 1.5×); target ≥ 40 art/s full"
    )


if __name__ == "__main__":
    main()
