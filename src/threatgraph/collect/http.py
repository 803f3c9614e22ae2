"""Polite, bounded HTTP: the only place the collector talks to the network.

Every request, whether for robots.txt, a retry or a redirect hop, passes one per-host gate that
spaces request starts by at least ``1 / rate`` seconds (or robots.txt's Crawl-delay, if slower)
and keeps at most ``concurrency`` requests open to the host. A 429 or 503 with Retry-After
pushes the whole host back, not only the one URL. Everything that can go wrong becomes a
:class:`Fetched` with ``error`` set (the caller records it); nothing here raises for a bad
server, because one bad host must not stop a poll of fifty.

Bounds: a whole-request deadline (a server that drips one byte a second is cut off), a body
size cap checked against Content-Length and again while streaming (decoded bytes, so a gzip
bomb stops at the cap too), a redirect limit with robots.txt checked on every hop, and a
content-type check per kind of document.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from threatgraph.collect.fetched import Fetched
from threatgraph.collect.robots import RobotsCache, RobotsMemory
from threatgraph.collect.settings import HostSettings, HttpSettings
from threatgraph.collect.urls import host_key

#: Content types accepted per kind of document. A missing Content-Type is accepted (and sniffed
#: by the reader); a wrong one is an error naming what was sent.
ACCEPT: dict[str, tuple[str, ...]] = {
    "page": ("text/html", "application/xhtml+xml"),
    "feed": (
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+xml",
        "text/plain",
    ),
    "sitemap": ("application/xml", "text/xml", "application/gzip", "application/x-gzip", "text/plain"),
    "robots": ("text/plain",),
    "any": (),
}
_ACCEPT_HEADER = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
    "sitemap": "application/xml,text/xml;q=0.9,*/*;q=0.1",
    "robots": "text/plain,*/*;q=0.1",
    "any": "*/*",
}
_REDIRECTS = {301, 302, 303, 307, 308}
#: Statuses worth retrying: the server is busy or briefly broken, not refusing this URL.
RETRYABLE = {429, 500, 502, 503, 504}
#: Longest Crawl-delay we honour; a larger one is treated as this (it still slows the host right down).
MAX_CRAWL_DELAY = 60.0


@dataclass(slots=True)
class _Host:
    """The gate of one host: spacing of request starts, a cap on open requests."""

    interval: float
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0

    async def turn(self) -> None:
        """Wait until this host may see the next request start."""
        async with self.lock:
            now = time.monotonic()
            if self.next_start > now:
                await asyncio.sleep(self.next_start - now)
                now = time.monotonic()
            self.next_start = max(now, self.next_start) + self.interval

    def defer(self, seconds: float) -> None:
        """The server asked us to wait: no request starts before then."""
        self.next_start = max(self.next_start, time.monotonic() + seconds)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _media_type(header: str | None) -> str | None:
    return header.split(";")[0].strip().lower() if header else None


def _human(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB" if n >= 1000 else f"{n} bytes"


class _TooBig(Exception):
    pass


class PoliteClient:
    """An async HTTP client that is a good citizen on every host it visits.

    Use as ``async with PoliteClient(http, per_host, user_agent) as client: await client.get(url)``.
    ``transport`` is for tests that serve from memory; real runs use httpx's own. ``robots_memory``
    keeps robots.txt between runs (the store's, in a collection run).
    """

    def __init__(
        self,
        http: HttpSettings,
        per_host: HostSettings,
        user_agent: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        robots_memory: RobotsMemory | None = None,
    ) -> None:
        self.http = http
        self.per_host = per_host
        self.user_agent = user_agent
        self._hosts: dict[str, _Host] = {}
        timeout = httpx.Timeout(http.timeout)
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=timeout,
            limits=limits,
            headers={"User-Agent": user_agent},
            transport=transport,  # proxies from HTTPS_PROXY/NO_PROXY apply, as for any HTTP client
        )
        self.robots = RobotsCache(self, user_agent, robots_memory)
        self.requests_made = 0

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self._client.aclose()

    def host(self, url: str) -> _Host:
        key = host_key(url)
        gate = self._hosts.get(key)
        if gate is None:
            gate = _Host(1.0 / self.per_host.rate, asyncio.Semaphore(self.per_host.concurrency))
            self._hosts[key] = gate
        return gate

    def slow_down(self, url: str, delay: float) -> None:
        """robots.txt asked for a Crawl-delay: space this host's requests at least that far apart."""
        gate = self.host(url)
        gate.interval = max(gate.interval, min(delay, MAX_CRAWL_DELAY))

    async def get(
        self,
        url: str,
        kind: str = "page",
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        check_robots: bool = True,
    ) -> Fetched:
        """GET ``url`` with retries, bounded redirects and (unless ``check_robots`` is off, for
        robots.txt itself) the host's robots.txt honoured on every hop."""
        result = Fetched(url=url, final_url=url)
        current = url
        for _hop in range(self.http.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                result.error = f"redirected to a non-HTTP URL {current[:200]!r}"
                return result
            if check_robots and not await self.robots.allowed(current):
                result.error = f"robots.txt of {host_key(current)} disallows {current[:200]}"
                result.disallowed = True
                return result
            await self._get_with_retries(current, kind, etag, last_modified, result)
            if result.status in _REDIRECTS and result.error is None:
                location = result.location
                if not location:
                    result.error = f"HTTP {result.status} redirect without a Location header"
                    return result
                current = urljoin(current, location)
                result.final_url = current
                etag = last_modified = None  # validators belong to the URL that issued them
                continue
            return result
        result.error = f"more than {self.http.max_redirects} redirects (last to {current[:200]})"
        return result

    async def _get_with_retries(
        self, url: str, kind: str, etag: str | None, last_modified: str | None, result: Fetched
    ) -> None:
        gate = self.host(url)
        for attempt in range(self.http.retries + 1):
            await self._once(url, kind, etag, last_modified, result, gate)
            if not result.transient or attempt == self.http.retries:
                return
            wait = result.retry_after
            if wait is not None and wait > self.http.max_retry_after:
                result.error = f"{result.error}; the server asks to wait {wait:.0f} s, longer than this poll waits"
                return
            if wait is None:
                wait = self.http.backoff * (2**attempt) * (1 + random.random() / 4)  # noqa: S311 - jitter
            gate.defer(wait)

    async def _once(
        self, url: str, kind: str, etag: str | None, last_modified: str | None, result: Fetched, gate: _Host
    ) -> None:
        headers = {"Accept": _ACCEPT_HEADER.get(kind, "*/*")}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result.error, result.transient, result.retry_after, result.body = None, False, None, b""
        result.status, result.content_type, result.location = 0, None, None  # nothing left from an earlier try
        async with gate.slots:
            await gate.turn()
            result.requests += 1
            self.requests_made += 1
            try:
                async with asyncio.timeout(self.http.timeout):
                    await self._exchange(url, kind, headers, result)
            except TimeoutError:
                result.error = f"no complete answer within {self.http.timeout:g} s"
                result.transient = True
            except httpx.TransportError as exc:
                result.error = f"network error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
                result.transient = True
            except _TooBig as exc:
                result.error = str(exc)
        if result.status in RETRYABLE and result.error is None:
            result.error = f"HTTP {result.status}"
            result.transient = True
        if result.retry_after is not None and result.status in (429, 503):
            gate.defer(min(result.retry_after, self.http.max_retry_after))

    async def _exchange(self, url: str, kind: str, headers: dict[str, str], result: Fetched) -> None:
        async with self._client.stream("GET", url, headers=headers) as resp:
            result.status = resp.status_code
            result.content_type = _media_type(resp.headers.get("content-type"))
            result.retry_after = retry_after_seconds(resp.headers.get("retry-after"))
            if resp.status_code in _REDIRECTS:
                result.location = resp.headers.get("location")
                return
            if resp.status_code == 304:
                result.etag = resp.headers.get("etag") or headers.get("If-None-Match")
                result.last_modified = resp.headers.get("last-modified") or headers.get("If-Modified-Since")
                return
            if resp.status_code != 200:
                if resp.status_code not in RETRYABLE:
                    result.error = f"HTTP {resp.status_code}"
                return
            accepted = ACCEPT.get(kind, ())
            if accepted and result.content_type and result.content_type not in accepted:
                result.error = f"unexpected content type {result.content_type!r} for a {kind}"
                return
            length = resp.headers.get("content-length")
            cap = self.http.max_bytes
            if length and length.isdigit() and int(length) > cap:
                raise _TooBig(f"response is {_human(int(length))}, over the {_human(cap)} size limit")
            chunks: list[bytes] = []
            size = 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > cap:
                    raise _TooBig(f"response is over the {_human(cap)} size limit")
                chunks.append(chunk)
            result.body = b"".join(chunks)
            result.etag = resp.headers.get("etag")
            result.last_modified = resp.headers.get("last-modified")

    async def get_many(self, urls: Iterable[str], kind: str = "page") -> list[Fetched]:
        """Fetch several URLs at once; the per-host gates keep each host within its limits."""
        return list(await asyncio.gather(*(self.get(u, kind) for u in urls)))
