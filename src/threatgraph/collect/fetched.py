"""The outcome of one fetch, shared by the HTTP client and the robots.txt cache that uses it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Fetched:
    """The outcome of one fetch: a body, a 304, or an error saying why not.

    ``transient`` marks errors worth trying again later (timeouts, 5xx, 429); ``retry_after`` is
    the server's own wish in seconds when it gave one. ``requests`` counts every request made for
    this fetch (retries and redirect hops included; robots.txt not).
    """

    url: str
    final_url: str
    status: int = 0
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    transient: bool = False
    disallowed: bool = False
    retry_after: float | None = None
    location: str | None = None  # of a redirect answer
    requests: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304
