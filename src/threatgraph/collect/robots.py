"""robots.txt per host, read once per run, with the rules of RFC 9309 for when it cannot be read.

Parsing is Protego's (Scrapy's parser: wildcards, ``$``, longest-match precedence, Crawl-delay).
What the RFC says about fetching it decides the rest:

- 200: the rules apply to our product token (the User-Agent up to its first ``/``);
- 4xx (404, 410, also 401/403): "unavailable", so nothing is disallowed;
- 5xx, a network error or a timeout: "unreachable", so *everything* on the host is disallowed
  for this run (a crawler must not take a broken robots.txt as permission);
- a Crawl-delay slows that host's gate down (never speeds it up).
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from protego import Protego

from threatgraph.collect.fetched import Fetched
from threatgraph.collect.urls import host_key

#: RFC 9309: crawlers must parse at least 500 KiB; more than that is ignored.
ROBOTS_MAX_BYTES = 512 * 1024


class _Rules:
    """The verdict for one host: a parser, or allow-all / disallow-all with the reason."""

    __slots__ = ("parser", "allow_all", "reason")

    def __init__(self, parser: Protego | None, allow_all: bool, reason: str) -> None:
        self.parser = parser
        self.allow_all = allow_all
        self.reason = reason

    def allows(self, url: str, agent: str) -> bool:
        if self.parser is not None:
            return bool(self.parser.can_fetch(url, agent))
        return self.allow_all


class Client(Protocol):
    """What the cache needs from the HTTP client (:class:`threatgraph.collect.http.PoliteClient`)."""

    async def get(self, url: str, kind: str = "page", *, check_robots: bool = True) -> Fetched: ...

    def slow_down(self, url: str, delay: float) -> None: ...


class RobotsMemory(Protocol):
    """Where robots.txt verdicts outlive one run (the store); ``recall`` returns only fresh ones."""

    def recall(self, host: str) -> tuple[int, str | None] | None: ...

    def remember(self, host: str, status: int, text: str | None) -> None: ...


class RobotsCache:
    """robots.txt verdicts per ``scheme://host:port``, fetched through the client's own gates.

    With a ``memory``, a robots.txt read in an earlier run (within its freshness) is used without
    a request; an unreachable one is never remembered, so the next run asks again.
    """

    def __init__(self, client: Client, user_agent: str, memory: RobotsMemory | None = None) -> None:
        self.client = client
        self.memory = memory
        self.agent = user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str) -> bool:
        """Whether ``url`` may be fetched under its host's robots.txt."""
        return (await self.rules(url)).allows(url, self.agent)

    async def rules(self, url: str) -> _Rules:
        key = host_key(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:  # one robots.txt request per host, however many URLs wait for it
            if key not in self._rules:
                self._rules[key] = await self._load(key)
            return self._rules[key]

    async def _load(self, key: str) -> _Rules:
        cached = self.memory.recall(key) if self.memory is not None else None
        if cached is not None:
            return self._verdict(key, cached[0], cached[1], None)
        got = await self.client.get(f"{key}/robots.txt", "any", check_robots=False)
        text = got.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace") if got.status == 200 else None
        unreachable = got.status == 0 or got.status >= 500 or (got.status == 200 and got.error is not None)
        if self.memory is not None and not unreachable:
            self.memory.remember(key, got.status, text)
        return self._verdict(key, -1 if unreachable else got.status, text, got.error)

    def _verdict(self, key: str, status: int, text: str | None, error: str | None) -> _Rules:
        if status == 200:
            try:
                parser = Protego.parse(text or "")
            except Exception:  # noqa: BLE001 - an unparsable file is as good as an empty one
                return _Rules(None, True, "robots.txt could not be parsed: nothing disallowed")
            delay = parser.crawl_delay(self.agent)
            if delay:
                self.client.slow_down(key, float(delay))
            return _Rules(parser, True, "robots.txt read")
        if 300 <= status < 500:  # 4xx, or redirects beyond the limit: "unavailable"
            return _Rules(None, True, f"no robots.txt (HTTP {status}): nothing disallowed")
        return _Rules(None, False, f"robots.txt unreachable ({error or 'server error'}): host skipped")
