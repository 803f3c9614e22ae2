"""Why a second executor adds CPU to the same NLP work: duplicated work, or two cores slowing each other?

Spark ``local[2]`` spent more worker CPU on the same partitions than ``local[1]`` (session 13 on a quiet
machine: NLP 76 -> 84 s). Two causes give that figure and call for different fixes:

- **duplicated work**: each new Python worker builds the extractor and fills every per-process cache
  (spaCy's vocabulary and lexeme tables, the name stack's ``lru_cache`` tables) that the one worker of
  ``local[1]`` filled once. Measured here as a worker's *first* pass over the articles minus its *second*
  pass over the same articles (a warm process, the same input: nothing left to build or fill);
- **contention**: the same computation costs more CPU time while the other core is busy (shared caches and
  memory bandwidth on the host; on a virtual machine perhaps a hyperthread sibling the guest cannot see).
  Measured as the CPU of a warm pass run alone against the same warm pass run in two processes at once,
  started together. The work is identical by construction, so a ratio above 1 is the machine, not the code.

The anchor, in the same run, is a plain Python loop (small working set) alone and in pairs: session 13 found
its CPU unchanged by a second copy, so it shows what "no contention" reads as on this machine at this load.
CPU is each process's own ``time.process_time``; the ratios are only meaningful on a quiet machine
(``load`` is printed after each phase).

    PYTHONPATH=src .venv/bin/python benchmarks/contention.py [--docs 75] [--passes 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"


def _articles(n: int) -> list[Any]:
    from threatgraph.model import Article

    path = SHARED / "articles" / "dev" / "articles.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    return [Article(title=d.get("title") or "", text=d["text"], url=d.get("url")) for d in docs]


def _nlp_worker(n: int, passes: int, start: Any, send: Any) -> None:
    """Cold pass (builds the extractor, fills the caches), then ``passes`` warm passes after the barrier."""
    from threatgraph.extract.pipeline import get_extractor

    arts = _articles(n)
    c0 = time.process_time()
    extractor = get_extractor()
    build = time.process_time() - c0
    c0 = time.process_time()
    list(extractor.analyse(arts, batch_size=64))
    cold = time.process_time() - c0
    start.wait()
    warm = []
    for _ in range(passes):
        c0 = time.process_time()
        list(extractor.analyse(arts, batch_size=64))
        warm.append(time.process_time() - c0)
    send.send({"build": build, "cold": cold, "warm": statistics.median(warm)})


def _loop_worker(n: int, passes: int, start: Any, send: Any) -> None:
    """The anchor: a pure-Python loop over a small working set, the same steps as the NLP worker."""

    def spin() -> int:
        total = 0
        for i in range(3_000_000 * max(n // 25, 1)):
            total += i % 7
        return total

    c0 = time.process_time()
    spin()
    cold = time.process_time() - c0
    start.wait()
    warm = []
    for _ in range(passes):
        c0 = time.process_time()
        spin()
        warm.append(time.process_time() - c0)
    send.send({"build": 0.0, "cold": cold, "warm": statistics.median(warm)})


def phase(target: Any, copies: int, n: int, passes: int) -> list[dict[str, float]]:
    """``copies`` fresh processes running ``target``; their warm passes start together."""
    ctx = mp.get_context("spawn")  # a fresh interpreter: nothing inherited warm from this process
    start = ctx.Barrier(copies)
    pipes, procs = [], []
    for _ in range(copies):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=target, args=(n, passes, start, send))
        proc.start()
        pipes.append(recv)
        procs.append(proc)
    out = [p.recv() for p in pipes]
    for proc in procs:
        proc.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=75, help="dev articles per pass")
    ap.add_argument("--passes", type=int, default=2, help="warm passes per process (median taken)")
    args = ap.parse_args()
    print(f"contention benchmark: {args.docs} dev articles per pass, {args.passes} warm passes; cpus {os.cpu_count()}")
    for label, target in (("python loop (anchor)", _loop_worker), ("NLP extractor", _nlp_worker)):
        alone = phase(target, 1, args.docs, args.passes)[0]
        load_alone = os.getloadavg()[0]
        pair = phase(target, 2, args.docs, args.passes)
        load_pair = os.getloadavg()[0]
        together = statistics.mean(p["warm"] for p in pair)
        each = " / ".join(f"{p['warm']:.2f}" for p in pair)
        print(
            f"{label:22s} warm pass alone {alone['warm']:6.2f} s CPU [load {load_alone:.1f}], two at once "
            f"{each} s [load {load_pair:.1f}]: "
            f"contention x{together / alone['warm']:.2f}"
        )
        if alone["build"]:  # the loop builds nothing: its first pass is a warm one
            dup = alone["build"] + alone["cold"] - alone["warm"]
            print(
                f"{'':22s} a new worker's duplicated work: build {alone['build']:.2f} s + first pass "
                f"{alone['cold']:.2f} s - warm pass {alone['warm']:.2f} s = {dup:.2f} s CPU "
                f"({100 * dup / alone['warm']:.0f}% of one warm pass)"
            )


if __name__ == "__main__":
    main()
