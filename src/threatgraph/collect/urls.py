"""Canonical URLs: one key per page however a feed, a sitemap or a redirect spells it.

courlan (trafilatura's URL library) lower-cases scheme and host, drops default ports, sorts the
query and removes tracking parameters (``utm_*``, ``fbclid``...); we also drop the fragment,
which never selects a different article. Two spellings of one page then share one row of
``collect_urls`` and are fetched once.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

import courlan

#: Longer URLs are refused: they are not article addresses and would not fit an index.
MAX_URL_CHARS = 2000


class UrlError(ValueError):
    """Not a URL we fetch (not http(s), no host, too long)."""


def canonical_url(url: str, base: str | None = None) -> str:
    """The dedupe key of ``url`` (resolved against ``base`` when relative)."""
    raw = " ".join(str(url).split())
    if base:
        raw = urljoin(base, raw)
    raw, _fragment = urldefrag(raw)
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UrlError(f"not an http(s) URL: {url[:200]!r}")
    if len(raw) > MAX_URL_CHARS:
        raise UrlError(f"URL is {len(raw)} characters long (limit {MAX_URL_CHARS})")
    try:
        normal = courlan.normalize_url(raw)
    except Exception as exc:  # noqa: BLE001 - courlan raises several types on garbage
        raise UrlError(f"cannot normalise URL {url[:200]!r}: {exc}") from None
    return urldefrag(normal)[0]


def host_key(url: str) -> str:
    """``scheme://host:port``: the unit of politeness (robots.txt, rate and concurrency limits)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    default = 443 if parts.scheme == "https" else 80
    port = parts.port or default
    return f"{parts.scheme.lower()}://{host}" + ("" if port == default else f":{port}")
