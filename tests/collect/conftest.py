"""A local news site for the collector: pytest-httpserver on 127.0.0.1, never the internet.

``site`` serves invented article pages, feeds and sitemaps, and records every request with its
arrival time, path, host and headers, so tests can count conditional requests and check the
per-host rate. ``PlainExtractor`` stands in for spaCy in the fast tests (the pipeline's own
contract: one Analysis per Article); the slow end-to-end test uses the real extractor.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from threatgraph.model import Analysis, Article

TOPICS = ("port", "border crossing", "market", "convoy", "checkpoint", "airfield", "refinery", "ministry")


def article_text(n: int, extra: str = "") -> str:
    """An invented report, different for every ``n``, long enough to be an article."""
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"Officials said on Tuesday that item {n} concerned a {topic} in the north of the province. "
        f"Residents described the situation near the {topic} as tense after the latest incident, number {n}. "
        f"Local authorities promised an inquiry and said more details would follow in the coming days. "
        f"Aid groups asked for safe access to the area so that families could receive food and medicine. {extra}"
    )


def article_page(n: int, *, extra: str = "", canonical: str | None = None, head: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in article_text(n, extra).split(". ") if s.strip())
    return (
        f"<!doctype html><html><head><title>Report {n}</title>{link}"
        f'<meta property="og:site_name" content="Example Wire"><meta name="date" content="2024-03-{1 + n % 28:02d}">'
        '<meta name="author" content="Jane Roe">'
        f"{head}</head><body><nav>Home | World | Sport</nav><article><h1>Report {n}</h1>{paras}</article>"
        f"<footer>Copyright Example Wire</footer></body></html>"
    )


def rss(items: Iterable[tuple[str, str]], title: str = "Example Wire") -> str:
    """An RSS 2.0 feed of (link, title) items."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{t} summary.</description>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for link, t in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'


@dataclass
class Hit:
    at: float
    path: str
    host: str
    headers: dict[str, str]


@dataclass
class Site:
    """The test server plus what it saw."""

    server: HTTPServer
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    open_now: int = 0
    most_open: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server.port}{path}"

    def record(self, request: Request) -> None:
        with self.lock:
            self.hits.append(Hit(time.monotonic(), request.path, request.host.split(":")[0], dict(request.headers)))

    def route(self, path: str, handler: Callable[[Request], Response]) -> None:
        def wrapped(request: Request) -> Response:
            self.record(request)
            with self.lock:
                self.open_now += 1
                self.most_open = max(self.most_open, self.open_now)
            try:
                return handler(request)
            finally:
                with self.lock:
                    self.open_now -= 1

        self.server.expect_request(path).respond_with_handler(wrapped)

    def static(self, path: str, body: str | bytes, content_type: str = "text/html", status: int = 200, **headers: str):
        self.route(path, lambda _r: Response(body, status=status, content_type=content_type, headers=headers))

    def cached(self, path: str, body: str, content_type: str, etag: str = '"v1"') -> None:
        """A resource that answers 304 to a matching If-None-Match, like a well-behaved feed server."""
        modified = format_datetime(datetime.now(UTC) - timedelta(days=1), usegmt=True)

        def handler(request: Request) -> Response:
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(body, content_type=content_type, headers={"ETag": etag, "Last-Modified": modified})

        self.route(path, handler)

    def robots(self, text: str = "User-agent: *\nAllow: /\n") -> None:
        self.static("/robots.txt", text, "text/plain")

    def pages(self, ns: Iterable[int], prefix: str = "/news/") -> list[str]:
        out = []
        for n in ns:
            self.static(f"{prefix}{n}", article_page(n))
            out.append(self.url(f"{prefix}{n}"))
        return out

    def paths(self, *, host: str | None = None) -> list[str]:
        return [h.path for h in self.hits if host is None or h.host == host]


@pytest.fixture
def site() -> Iterator[Site]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield Site(server)
    finally:
        server.clear()
        if server.is_running():
            server.stop()


class PlainExtractor:
    """The pipeline's extractor contract without NLP: every article analysed as having no mentions.

    Watches still fire on these articles: the watch stage also reads the raw text for names.
    """

    def __init__(self, fail_after: int | None = None, exc: type[BaseException] = KeyboardInterrupt) -> None:
        self.seen = 0
        self.fail_after = fail_after
        self.exc = exc

    def analyse(self, articles: Iterable[Article], batch_size: int = 32, **_kw: Any) -> Iterator[Analysis]:
        for art in articles:
            if self.fail_after is not None and self.seen >= self.fail_after:
                raise self.exc("simulated kill")
            self.seen += 1
            yield Analysis(article=art)


def make_collector(engine, settings=None, *, extractor=None, real: bool = False, **kw: Any):
    """A collector wired by the composition root; ``PlainExtractor`` unless ``real`` (spaCy) or ``extractor``."""
    from threatgraph.app import Threatgraph

    tg = Threatgraph(engine) if real else Threatgraph(engine, extractor=extractor or PlainExtractor())
    return tg.collector(settings, **kw)


@pytest.fixture
def settings_for() -> Callable[..., Any]:
    """SourcesFile with fast but finite politeness for a local server."""
    from threatgraph.collect.settings import parse_sources

    def make(sources: list[dict[str, Any]], **top: Any) -> Any:
        data: dict[str, Any] = {"per_host": {"rate": 200, "concurrency": 4}, "http": {"timeout": "3s", "retries": 1}}
        data["http"]["backoff"] = "0.05s"
        for key, value in top.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = data[key] | value
            else:
                data[key] = value
        data["sources"] = sources
        return parse_sources(data).settings

    return make
