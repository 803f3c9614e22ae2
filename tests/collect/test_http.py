"""The polite client against a local server: redirects, 304s, 429s, 5xx, slow and oversized bodies, robots.txt."""

from __future__ import annotations

import asyncio
import gzip
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
from werkzeug import Request, Response

from threatgraph.collect.fetched import Fetched
from threatgraph.collect.http import PoliteClient, retry_after_seconds
from threatgraph.collect.settings import HostSettings, HttpSettings

UA = "threatgraph-test/1.0 (+mailto:test@example.org)"


def fetch(urls: list[str], *, kind: str = "page", rate: float = 100, concurrency: int = 4, **http) -> list[Fetched]:
    http = {"timeout": 2.0, "retries": 1, "backoff": 0.05} | http
    settings = HttpSettings(**http)

    async def run() -> list[Fetched]:
        async with PoliteClient(settings, HostSettings(rate=rate, concurrency=concurrency), UA) as client:
            return await client.get_many(urls, kind)

    return asyncio.run(run())


def one(url: str, **kw) -> Fetched:
    return fetch([url], **kw)[0]


def test_plain_page_with_validators_and_user_agent(site) -> None:
    site.robots()
    site.static("/a", "<html><body>hi</body></html>", ETag='"x1"', **{"Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"})
    got = one(site.url("/a"))
    assert got.ok and got.body.startswith(b"<html>")
    assert (got.etag, got.last_modified) == ('"x1"', "Tue, 05 Mar 2024 10:00:00 GMT")
    assert {h.headers.get("User-Agent") for h in site.hits} == {UA}


def test_conditional_get_sends_validators_and_reads_304(site) -> None:
    site.robots()
    site.cached("/feed.xml", "<rss version='2.0'><channel></channel></rss>", "application/rss+xml")

    async def run() -> tuple[Fetched, Fetched]:
        async with PoliteClient(HttpSettings(), HostSettings(rate=100), UA) as client:
            first = await client.get(site.url("/feed.xml"), "feed")
            second = await client.get(site.url("/feed.xml"), "feed", etag=first.etag)
            return first, second

    first, second = asyncio.run(run())
    assert first.ok and not first.not_modified
    assert second.not_modified and second.body == b"" and second.etag == '"v1"'
    assert [h.headers.get("If-None-Match") for h in site.hits if h.path == "/feed.xml"] == [None, '"v1"']


def test_redirects_are_followed_and_bounded(site) -> None:
    site.robots()
    site.static("/final", "<html><body>ok</body></html>")
    site.static("/r1", "", status=301, Location="/r2")
    site.static("/r2", "", status=302, Location=site.url("/final"))
    for i in range(8):
        site.static(f"/loop{i}", "", status=307, Location=f"/loop{i + 1}")
    got = one(site.url("/r1"))
    assert got.ok and got.final_url == site.url("/final") and got.requests == 3
    looped = one(site.url("/loop0"), max_redirects=3)
    assert looped.error and "more than 3 redirects" in looped.error
    assert site.paths().count("/loop4") == 0  # stopped at the limit, not after


def test_redirect_into_a_disallowed_path_is_not_followed(site) -> None:
    site.robots("User-agent: *\nDisallow: /private/\n")
    site.static("/go", "", status=302, Location="/private/x")
    got = one(site.url("/go"))
    assert got.disallowed and "robots.txt" in (got.error or "")
    assert "/private/x" not in site.paths()


def test_robots_disallow_is_honoured_for_our_token(site) -> None:
    site.robots("User-agent: threatgraph-test\nDisallow: /secret\n\nUser-agent: *\nDisallow: /\n")
    site.static("/secret/1", "<html><body>x</body></html>")
    site.static("/open", "<html><body>x</body></html>")
    blocked, allowed = fetch([site.url("/secret/1"), site.url("/open")])
    assert blocked.disallowed and not allowed.error
    assert site.paths().count("/robots.txt") == 1  # one robots.txt request however many URLs
    assert "/secret/1" not in site.paths()


def test_robots_missing_allows_and_robots_failing_blocks(site) -> None:
    site.static("/robots.txt", "gone", "text/plain", status=404)
    site.static("/p", "<html><body>x</body></html>")
    assert one(site.url("/p")).ok
    other = site.url("/p", host="localhost")  # another host key on the same server
    site.server.clear()
    site.static("/robots.txt", "boom", "text/plain", status=500)
    site.static("/p", "<html><body>x</body></html>")
    got = one(other)
    assert got.disallowed and site.paths(host="localhost") == ["/robots.txt", "/robots.txt"]  # retried, then no /p


def test_retry_after_on_429_is_waited_for_then_retried(site) -> None:
    site.robots()
    calls = {"n": 0}

    def handler(_req: Request) -> Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("<html><body>ok</body></html>", content_type="text/html")

    site.route("/busy", handler)
    start = time.monotonic()
    got = one(site.url("/busy"))
    assert got.ok and got.requests == 2
    times = [h.at for h in site.hits if h.path == "/busy"]
    assert times[1] - times[0] >= 0.95  # Retry-After: 1 honoured
    assert time.monotonic() - start < 5


def test_too_long_retry_after_gives_up_without_waiting(site) -> None:
    site.robots()
    site.static("/busy", "no", "text/plain", status=429, **{"Retry-After": "3600"})
    start = time.monotonic()
    got = one(site.url("/busy"), max_retry_after=10)
    assert got.transient and got.retry_after == 3600 and "3600 s" in (got.error or "")
    assert time.monotonic() - start < 2 and site.paths().count("/busy") == 1


def test_server_errors_are_retried_then_reported_as_transient(site) -> None:
    site.robots()
    site.static("/down", "oops", "text/plain", status=503)
    site.static("/gone", "nope", "text/plain", status=404)
    down, gone = fetch([site.url("/down"), site.url("/gone")], retries=2)
    assert down.error == "HTTP 503" and down.transient and site.paths().count("/down") == 3
    assert gone.error == "HTTP 404" and not gone.transient and site.paths().count("/gone") == 1


def test_slow_response_hits_the_whole_request_deadline(site) -> None:
    site.robots()

    def slow(_req: Request) -> Response:
        def drip():
            for _ in range(20):
                time.sleep(0.2)
                yield b"<p>x</p>"

        return Response(drip(), content_type="text/html")

    site.route("/slow", slow)
    start = time.monotonic()
    got = one(site.url("/slow"), timeout=0.6, retries=0)
    assert got.error and "no complete answer within 0.6 s" in got.error and got.transient
    assert time.monotonic() - start < 2.5


def test_oversized_bodies_are_refused_by_length_and_while_streaming(site) -> None:
    site.robots()
    site.static("/big", "<html>" + "x" * 5000 + "</html>")

    def chunked(_req: Request) -> Response:
        return Response((b"y" * 1000 for _ in range(10)), content_type="text/html")  # no Content-Length

    site.route("/stream", chunked)
    packed = gzip.compress(b"<html>" + b"z" * 200_000 + b"</html>")
    site.static("/bomb", packed, "text/html", **{"Content-Encoding": "gzip"})
    big, stream, bomb = fetch([site.url("/big"), site.url("/stream"), site.url("/bomb")], max_bytes=2000)
    assert "over the 2 KB size limit" in (big.error or "")
    assert "over the 2 KB size limit" in (stream.error or "")
    assert "size limit" in (bomb.error or "")  # decoded bytes count, so a gzip bomb stops at the cap
    assert not (big.transient or stream.transient or bomb.transient)


def test_content_type_is_checked_per_kind(site) -> None:
    site.robots()
    site.static("/doc.pdf", b"%PDF-1.4", "application/pdf")
    site.static("/feed", "<rss/>", "application/rss+xml")
    pdf = one(site.url("/doc.pdf"))
    assert pdf.error == "unexpected content type 'application/pdf' for a page"
    assert one(site.url("/feed"), kind="feed").ok


class _Stamping(httpx.AsyncHTTPTransport):
    """The real transport, noting when each request leaves the client (the instant the rate limits)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[float, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((time.monotonic(), request.url.host))
        return await super().handle_async_request(request)


def test_rate_per_host_is_never_exceeded(site) -> None:
    """10 requests a second per host, robots.txt included: never 11 leave within a second for one host;
    two hosts are limited independently, so together they go faster."""
    site.robots()
    for n in range(15):
        site.static(f"/n/{n}", "<html><body>x</body></html>")
    urls = [site.url(f"/n/{n}") for n in range(15)] + [site.url(f"/n/{n}", host="localhost") for n in range(15)]
    transport = _Stamping()

    async def run() -> list[Fetched]:
        settings = HttpSettings(timeout=3.0)
        async with PoliteClient(settings, HostSettings(rate=10, concurrency=4), UA, transport=transport) as client:
            return await client.get_many(urls)

    start = time.monotonic()
    results = asyncio.run(run())
    elapsed = time.monotonic() - start
    assert all(r.ok for r in results)
    for host in ("127.0.0.1", "localhost"):
        sent = sorted(t for t, h in transport.sent if h == host)
        assert len(sent) == 16
        # 11 requests leaving within one second would exceed the rate; event-loop jitter moves single
        # departures by milliseconds, so the window is checked with 50 ms to spare, not gap by gap
        spans = [sent[i + 10] - sent[i] for i in range(len(sent) - 10)]
        assert min(spans) >= 0.95, spans
        assert (sent[-1] - sent[0]) / (len(sent) - 1) >= 0.099
        arrived = sorted(h.at for h in site.hits if h.host == host)
        for i, t in enumerate(arrived):  # the server's view, with a request of arrival jitter allowed
            assert sum(1 for u in arrived[i:] if u - t < 1.0) <= 11
    assert elapsed < 2.8  # the two hosts ran side by side (each alone needs 1.5 s)


def test_concurrency_cap_per_host(site) -> None:
    site.robots()

    def slowish(_req: Request) -> Response:
        time.sleep(0.3)
        return Response("<html><body>x</body></html>", content_type="text/html")

    for n in range(6):
        site.route(f"/s/{n}", slowish)
    results = fetch([site.url(f"/s/{n}") for n in range(6)], rate=1000, concurrency=2)
    assert all(r.ok for r in results)
    assert site.most_open == 2


def test_crawl_delay_slows_the_host_down(site) -> None:
    site.robots("User-agent: *\nCrawl-delay: 0.5\n")
    for n in range(3):
        site.static(f"/c/{n}", "<html><body>x</body></html>")
    fetch([site.url(f"/c/{n}") for n in range(3)], rate=100)
    times = sorted(h.at for h in site.hits if h.path.startswith("/c/"))
    assert all(b - a >= 0.45 for a, b in zip(times, times[1:], strict=False))


def test_retry_after_parsing() -> None:
    now = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_a_retry_that_times_out_does_not_keep_the_earlier_status(site) -> None:
    site.robots()
    calls = {"n": 0}

    def handler(_req: Request) -> Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("busy", status=503, content_type="text/plain")
        time.sleep(1.0)
        return Response("<html><body>late</body></html>", content_type="text/html")

    site.route("/flaky", handler)
    got = one(site.url("/flaky"), timeout=0.5, retries=1)
    assert got.status == 0 and got.transient and "no complete answer" in (got.error or "")
