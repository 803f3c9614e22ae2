"""Cost of the watch hook and of exports, as ratios against storing the same articles.

Anchor (measured in this process): ``save_analysis`` of N articles into a fresh SQLite store,
i.e. what ingest pays anyway to store them. Measured on the same store:
- ``watch.check`` with W name watches over those N articles with *no* mentions, so every watch
  falls back to the full-text scan: the worst case for the hook;
- the same with each article carrying mentions (the usual path: fuzzy names over mentions);
- each export format over the whole archive (resolved first when the resolve stage exists).

Articles: the bundled samples' text, made unique by a numbered closing line.

    .venv/bin/python benchmarks/watch.py --articles 300 --watches 20
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from threatgraph.export import FORMATS, export
from threatgraph.model import Analysis, Article, Mention
from threatgraph.store.articles import save_analysis
from threatgraph.store.db import open_store
from threatgraph.watch import add_watch
from threatgraph.watch.scan import run_check

ROOT = Path(__file__).resolve().parent.parent
NAMES = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:al-)?[A-Z][a-z]+)+\b")
WATCHES = [
    "Zaynabiyoun Brigade", "Liwa al Fajar", "Murtaza Jafari", "Crescent Moon Exchange", "Amina Rahimy",
    "Haroon Qadeer", "Meridian Institute", "Al Fajr Battalion", "Quetta Shura", "Gulf Policy Institute",
]  # fmt: skip


def texts() -> list[str]:
    out = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        out.append(body.strip())
    return out


def analyses(n: int, with_mentions: bool) -> list[Analysis]:
    items = []
    for i, text in enumerate(islice(cycle(texts()), n)):
        text = f"{text}\n\nItem {i}."
        ments = []
        if with_mentions:
            for m in NAMES.finditer(text):
                ments.append(Mention(m.start(), m.end(), m.group(), "Organization", m.group().casefold(), "", 0))
        items.append(Analysis(Article(text=text, title=f"item {i}"), mentions=ments))
    return items


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--watches", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THREATGRAPH_HOME"] = tmp
        for with_mentions in (False, True):
            engine = open_store(f"sqlite:///{tmp}/w{int(with_mentions)}.db")
            items = analyses(args.articles, with_mentions)
            anchor = timed(lambda items=items, engine=engine: [save_analysis(engine, a) for a in items])
            [
                add_watch(engine, f"{name} {k}" if k >= len(WATCHES) else name)
                for k, name in zip(range(args.watches), cycle(WATCHES), strict=False)
            ]
            found: list = []
            took = timed(lambda engine=engine, found=found: found.extend(run_check(engine, [], from_seq=0)))
            kind = "mentions" if with_mentions else "no mentions (full-text fallback)"
            print(
                f"check, {kind}: {args.articles} articles x {args.watches} watches in {took:.2f}s "
                f"= {args.articles / took:.0f} articles/s; ratio to storing them ({anchor:.2f}s): "
                f"{took / anchor:.2f}x; {len(found)} alerts"
            )
        try:  # exports are more telling on a resolved archive (entities, links): resolve it when we can
            from threatgraph.resolve import update

            took = timed(lambda engine=engine, items=items: update(engine, [a.article.id for a in items]))
            print(f"(resolve.update on the archive: {took:.2f}s, not part of any ratio)")
        except ImportError:
            print("(resolve stage absent: exporting an unresolved archive)")
        for fmt in FORMATS:
            out = Path(tmp) / f"export-{fmt}"
            t = timed(lambda fmt=fmt, out=out: export(engine, fmt, out))
            print(f"export {fmt}: {t:.2f}s, ratio to storing the archive: {t / anchor:.2f}x")


if __name__ == "__main__":
    main()
