"""Live collection: what the collector recovers from real article text in news pages, and what it costs.

Texts: the 75 public-domain dev articles (``../shared/data/articles/dev/articles.jsonl``), each put in
a news-page layout (navigation, a "most read" box linking the other stories, share buttons, footer,
OpenGraph title and publication time) and served with an RSS feed on 127.0.0.1. The gold is the
dataset's own text, title and date, so nothing here was written to fit the system.

Quality, per page the collector stored: word precision and recall of the stored text against the
original text (bags of words), exact title and date agreement; and how many pages became articles.

Cost: one collection run (feed, robots.txt, per-page state, dedupe, store; NLP and hooks off, they
are measured by ``ingest.py``) against the anchor measured in the same process: a bare httpx client
GETting the same pages and running trafilatura on each, which any fetcher must do.

    .venv/bin/python benchmarks/collect.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import trafilatura
from sqlalchemy import select

from threatgraph.app import Threatgraph
from threatgraph.collect import sync_sources
from threatgraph.collect.settings import parse_sources
from threatgraph.model import Analysis, Article
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles

ROOT = Path(__file__).resolve().parent.parent
DEV = (
    Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data" / "articles" / "dev" / "articles.jsonl"
)
WORD = re.compile(r"\w+", re.UNICODE)


def load() -> list[dict]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def page(doc: dict, others: list[dict]) -> str:
    """A typical news page around the real text: boilerplate the extractor must leave out."""
    esc = html.escape
    paras = "".join(f"<p>{esc(p.strip())}</p>" for p in doc["text"].split("\n") if p.strip())
    most_read = "".join(f'<li><a href="/a/{esc(o["id"])}">{esc(o["title"])}</a></li>' for o in others[:5])
    outlet = esc(doc.get("source") or "Newsroom")
    when = doc.get("published")
    date_meta = f'<meta property="article:published_time" content="{esc(when)}T09:00:00Z">' if when else ""
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(doc['title'])} | {outlet}</title>"
        f'<meta property="og:title" content="{esc(doc["title"])}"><meta property="og:site_name" content="{outlet}">'
        f"{date_meta}</head><body>"
        f'<header><a href="/">{outlet}</a><nav><a href="/world">World</a> <a href="/africa">Africa</a> '
        f'<a href="/middle-east">Middle East</a> <a href="/subscribe">Subscribe</a></nav></header>'
        f"<main><article><h1>{esc(doc['title'])}</h1><div class=byline>Staff report</div>{paras}"
        f'<div class=share>Share this: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>'
        f"</article><aside><h2>Most read</h2><ul>{most_read}</ul></aside></main>"
        f"<footer>&copy; {outlet}. All rights reserved. <a href=/privacy>Privacy</a> <a href=/terms>Terms</a>"
        f"</footer></body></html>"
    )


def feed(base: str, docs: list[dict]) -> str:
    items = "".join(
        f"<item><title>{html.escape(d['title'])}</title><link>{base}/a/{html.escape(d['id'])}</link></item>"
        for d in docs
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Dev</title>{items}</channel></rss>'


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, docs: list[dict]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.pages = {f"/a/{d['id']}": page(d, [o for o in docs if o is not d]).encode() for d in docs}
        self.pages["/feed.xml"] = feed(self.base, docs).encode()
        self.pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"


class _Handler(BaseHTTPRequestHandler):
    server: _Site
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        body = self.server.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        ctype = "application/rss+xml" if self.path.endswith(".xml") else "text/plain" if "robots" in self.path else None
        self.send_header("Content-Type", ctype or "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *_args) -> None:
        pass


class _NoNlp:
    """Stores each article without NLP: this benchmark measures collection, not extraction."""

    def analyse(self, items: Iterable[Article], batch_size: int = 32, **_kw) -> Iterator[Analysis]:
        for art in items:
            yield Analysis(article=art)


def words(text: str) -> Counter:
    return Counter(w.casefold() for w in WORD.findall(text))


def collect_once(site: _Site) -> tuple[float, dict[str, dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THREATGRAPH_HOME"] = tmp
        engine = open_store(f"sqlite:///{tmp}/bench.db")
        settings = parse_sources(
            {
                "per_host": {"rate": 1000, "concurrency": 8},
                "min_words": 20,
                "sources": [{"name": "dev", "feed": f"{site.base}/feed.xml"}],
            }
        ).settings
        sync_sources(engine, settings.sources, None)
        start = time.perf_counter()
        report = Threatgraph(engine, extractor=_NoNlp(), hooks=()).collector(settings).poll(force=True)
        elapsed = time.perf_counter() - start
        with engine.connect() as conn:
            rows = {r.source: r._asdict() for r in conn.execute(select(articles))}
        engine.dispose()
        for f in report.page_failures:
            print(f"  not collected: {f.source}: {f.reason}")  # noqa: T201
    return elapsed, rows


def anchor_once(site: _Site, docs: list[dict]) -> float:
    start = time.perf_counter()
    with httpx.Client() as client:
        for d in docs:
            body = client.get(f"{site.base}/a/{d['id']}").text
            trafilatura.bare_extraction(body, with_metadata=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (best is kept)")
    args = parser.parse_args()
    if not DEV.is_file():
        print(f"dev articles not found at {DEV}; nothing to measure")  # noqa: T201
        return
    docs = load()
    site = _Site(docs)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        anchor = min(anchor_once(site, docs) for _ in range(args.repeat))
        runs = [collect_once(site) for _ in range(args.repeat)]
    finally:
        site.shutdown()
    cost = min(t for t, _rows in runs)
    rows = runs[0][1]
    by_url = {f"{site.base}/a/{d['id']}": d for d in docs}
    tp = fp = fn = 0
    titles = dates = dated = 0
    for source, row in rows.items():
        gold = by_url[source]
        got, want = words(row["text"]), words(gold["text"])
        overlap = sum((got & want).values())
        tp, fp, fn = tp + overlap, fp + sum(got.values()) - overlap, fn + sum(want.values()) - overlap
        titles += (row["title"] or "").strip() == gold["title"].strip()
        if gold.get("published"):
            dated += 1
            dates += str(row["published"]) == gold["published"]
    n = len(rows)
    print(f"pages served: {len(docs)}, stored as articles: {n}")  # noqa: T201
    print(f"text words: precision {tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f}")  # noqa: T201
    print(f"title exact: {titles}/{n}; date exact: {dates}/{dated} (pages with a date)")  # noqa: T201
    print(f"anchor (httpx GET + trafilatura, sequential): {anchor:.2f} s, {len(docs) / anchor:.1f} pages/s")  # noqa: T201
    print(f"collector run (feed, robots, state, dedupe, store): {cost:.2f} s, {len(docs) / cost:.1f} pages/s")  # noqa: T201
    print(f"ratio collector / anchor: {cost / anchor:.2f}x")  # noqa: T201


if __name__ == "__main__":
    main()
