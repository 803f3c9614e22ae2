"""Extraction throughput: the full extract pipeline against bare spaCy ``nlp.pipe`` on the same texts.

Anchor (measured in this process): the packaged model exactly as spaCy loads it, ``nlp.pipe`` over the
texts. Measured: ``Extractor.analyse`` (gazetteer, NER, mentions, grouping, and the events, quotes and
dates extractors where present) over the same texts, plus a breakdown of where the time goes.

Texts: the reference article and re3d documents from ../shared/data (when present) and the bundled
samples, cycled to ``--articles`` items. Targets from DESIGN.md: ratio <= 1.5, >= 40 articles/s.
Times are CPU seconds (the machine is shared); with ``--n-process 2`` the workers' CPU time is
counted too, wall time is printed, and the rate on idle cores is projected from the CPU cost.

    .venv/bin/python benchmarks/ingest.py --articles 200
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

import spacy

from threatgraph.extract.nlp import MODEL, UNUSED, build_nlp
from threatgraph.extract.pipeline import Extractor, extract_mentions
from threatgraph.model import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"


def corpus() -> list[str]:
    """Real news-like texts: shared reference article and re3d documents, then the bundled samples."""
    texts: list[str] = []
    ref = SHARED / "articles" / "arabnews-zainabiyoun.txt"
    if ref.is_file():
        texts.append(ref.read_text(encoding="utf-8"))
    for docs in sorted((SHARED / "eval" / "re3d").glob("*/documents.json")):
        for line in docs.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        texts.append(text.split("---", 2)[2] if text.startswith("---") else text)
    if not texts:
        raise SystemExit("no texts found: neither ../shared/data nor samples/ is present")
    return texts


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of this process (all its threads): ratios that other people's load on a shared
    machine does not skew, unlike wall time."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def cpu_seconds(fn: Callable[[], object]) -> float:
    """CPU seconds of this process and of the worker processes it waited for: the work an article
    costs, whatever other people's load does to wall time on a shared machine."""
    before = os.times()
    fn()
    after = os.times()
    return sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120, help="number of articles to process (texts cycle)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs for each measurement")
    parser.add_argument("--n-process", type=int, default=1, help="also measure analyse with N worker processes")
    args = parser.parse_args()

    base = corpus()
    texts = list(islice(cycle(base), args.articles))
    articles = [Article(text=t) for t in texts]
    chars = sum(len(t) for t in texts)

    bare = spacy.load(MODEL)
    # the same statistical components we run (the extract stage never reads lemmas), without our additions
    bare_same = spacy.load(MODEL, exclude=list(UNUSED))
    ours = build_nlp()
    extractor = Extractor(nlp=ours)
    warm = texts[:8]
    list(bare.pipe(warm))
    list(bare_same.pipe(warm))
    list(extractor.analyse([Article(text=t) for t in warm]))

    def best(fn: Callable[[], object]) -> float:
        return min(timed(fn) for _ in range(args.repeat))

    t_bare = best(lambda: list(bare.pipe(texts, batch_size=args.batch_size)))
    t_same = best(lambda: list(bare_same.pipe(texts, batch_size=args.batch_size)))
    t_entities = best(lambda: [extract_mentions(doc) for doc in ours.pipe(texts, batch_size=args.batch_size)])
    t_full = best(lambda: list(extractor.analyse(articles, batch_size=args.batch_size)))
    docs = list(ours.pipe(texts, batch_size=args.batch_size))
    t_ours_nlp = best(lambda: list(ours.pipe(texts, batch_size=args.batch_size)))
    t_mentions = best(lambda: [extract_mentions(doc) for doc in docs])
    t_mentions_gaz = best(lambda: [ours.get_pipe("threatgraph_gazetteer").spans(doc) for doc in docs])

    n = len(texts)
    print(f"texts: {n} articles ({len(base)} distinct), {chars / n:.0f} chars/article, batch {args.batch_size}")
    print(f"anchor  bare spaCy nlp.pipe ({MODEL}, all components): {n / t_bare:7.1f} articles/CPU-s")
    print(f"ents    spaCy + gazetteer + mentions + grouping:        {n / t_entities:7.1f} articles/CPU-s")
    print(f"ratio0  entities / bare time:                           {t_entities / t_bare:7.2f}")
    print(f"full    Extractor.analyse (all extractors):             {n / t_full:7.1f} articles/CPU-s")
    print(f"ratio   full / bare time:                               {t_full / t_bare:7.2f}  (target <= 1.5)")
    print(f"anchor2 bare spaCy, same components (no lemmatizer):    {n / t_same:7.1f} articles/CPU-s")
    print(f"ratio2  full / bare-same-components time:               {t_full / t_same:7.2f}  (our own overhead)")
    print("breakdown (share of full time):")
    print(f"  spaCy with gazetteer, lemmatizer excluded   {t_ours_nlp / t_full:6.1%}")
    print(f"  gazetteer matching alone                    {t_mentions_gaz / t_full:6.1%}")
    print(f"  mentions + grouping                         {t_mentions / t_full:6.1%}")
    rest = t_full - t_ours_nlp - t_mentions
    print(f"  events, quotes, dates                       {max(rest, 0.0) / t_full:6.1%}")
    if args.n_process > 1:
        sub = max(1, min(args.batch_size, n // (4 * args.n_process)))  # as pipeline.ingest splits big batches
        wall0 = time.perf_counter()
        cpu_mp = cpu_seconds(lambda: list(extractor.analyse(articles, batch_size=sub, n_process=args.n_process)))
        wall = time.perf_counter() - wall0
        cores = min(args.n_process, len(os.sched_getaffinity(0)))
        rate = cores * n / cpu_mp
        print(f"full    with {args.n_process} processes, wall time now:         {n / wall:7.1f} articles/s")
        print(
            f"cpu     with {args.n_process} processes (parent+workers):      {n / cpu_mp:7.1f} articles/CPU-s"
            f"  (parallel efficiency {t_full / cpu_mp:.0%})"
        )
        print(
            f"proj.   {cores} idle cores, CPU-bound:                      {rate:7.1f} articles/s"
            f"  (load average now {os.getloadavg()[0]:.1f})"
        )
        print(
            f"design target >= 40 articles/s on 2 cores: {'met' if rate >= 40 else 'NOT met'} ({rate:.1f}, projected)"
        )
    else:
        rate = n / t_full
        print(f"design target >= 40 articles/s: {'met' if rate >= 40 else 'NOT met'} ({rate:.1f}, one process)")


if __name__ == "__main__":
    main()
