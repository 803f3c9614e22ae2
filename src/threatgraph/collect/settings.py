"""The sources file: what to follow and how politely, validated with one clear error per bad key.

A sources file is YAML (see ``sources.example.yaml`` next to this module)::

    user_agent: "threatgraph/0.1 (+mailto:analyst@example.org)"
    every: 15m                  # default poll interval
    per_host: {rate: 1, concurrency: 2}
    http: {timeout: 20s, max_bytes: 5MB, max_redirects: 5, retries: 3}
    sources:
      - {name: Example wire, feed: "https://example.org/rss.xml"}
      - {name: Example sitemap, sitemap: "https://example.org/news-sitemap.xml", every: 1h}
      - {name: Watched pages, urls: ["https://example.org/a", "https://example.org/b"]}
      - {name: Reading list, urls_file: reading-list.txt}
      - {name: GDELT 2024-01-01, gdelt: 20240101.gkg.csv.zip}

Unknown keys are errors (a misspelt ``evry`` must not silently mean "the default"), and every
error names its place in the file (``sources[2].every``). Relative file paths are read from the
folder of the sources file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

#: The kinds of source, each named by the key that holds its location.
KINDS = ("feed", "sitemap", "urls", "urls_file", "gdelt")
DEFAULT_USER_AGENT = "threatgraph/0.1 (self-hosted OSINT collector; respects robots.txt)"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$", re.IGNORECASE)
_DURATION_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3}


class SourcesError(ValueError):
    """The sources file cannot be used; the message names the file, the place in it and the reason."""


def parse_duration(value: Any) -> float:
    """Seconds from ``15m``, ``30s``, ``1.5h``, ``2d`` or a bare number of seconds."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration like 15m, got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ValueError(f"expected a duration like 30s, 15m, 1h or 2d, got {value!r}")
        seconds = float(m.group(1)) * _DURATION_UNITS[(m.group(2) or "s").lower()]
    if seconds <= 0:
        raise ValueError(f"a duration must be positive, got {value!r}")
    return seconds


def parse_size(value: Any) -> int:
    """Bytes from ``5MB``, ``500KiB`` or a bare number of bytes."""
    if isinstance(value, bool):
        raise ValueError(f"expected a size like 5MB, got {value!r}")
    if isinstance(value, int):
        size = value
    else:
        m = _SIZE.match(str(value))
        if not m:
            raise ValueError(f"expected a size like 500KB or 5MB, got {value!r}")
        size = int(float(m.group(1)) * _SIZE_UNITS[(m.group(2) or "b").lower()])
    if size < 1:
        raise ValueError(f"a size must be positive, got {value!r}")
    return size


def _http_url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HttpSettings(_Strict):
    """How one request behaves; the defaults suit news sites and a laptop."""

    timeout: float = Field(20.0, description="whole-request deadline (connect, headers and body)")
    max_bytes: int = Field(5_000_000, description="largest body read; larger responses are refused")
    max_redirects: int = Field(5, ge=0, le=20)
    retries: int = Field(3, ge=0, le=10, description="retries after 429, 5xx or a network error")
    backoff: float = Field(1.0, description="first retry delay, doubled per retry (unless Retry-After says)")
    max_retry_after: float = Field(300.0, description="a longer Retry-After ends this poll of the source")

    @field_validator("timeout", "backoff", "max_retry_after", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> float:
        return parse_duration(value)

    @field_validator("max_bytes", mode="before")
    @classmethod
    def _size(cls, value: Any) -> int:
        return parse_size(value)


class HostSettings(_Strict):
    """Politeness per host: requests per second (robots.txt Crawl-delay can only slow it) and open requests."""

    rate: float = Field(1.0, gt=0, le=1000, description="most requests per second to one host")
    concurrency: int = Field(2, ge=1, le=64, description="most requests open at once to one host")


class SourceSettings(_Strict):
    """One source: exactly one of ``feed``, ``sitemap``, ``urls``, ``urls_file``, ``gdelt``."""

    name: str = Field(min_length=1, max_length=200)
    feed: str | None = None
    sitemap: str | None = None
    urls: list[str] | None = None
    urls_file: str | None = None
    gdelt: str | None = None
    every: float | None = Field(None, description="poll interval (default: the file's ``every``)")
    content: Literal["page", "feed"] = Field(
        "page", description="feeds: fetch each item's page ('page') or take the text the feed carries ('feed')"
    )
    max_items: int = Field(
        5000, ge=1, description="most new URLs kept from one poll of this source (the first ones listed)"
    )
    enabled: bool = True

    @field_validator("every", mode="before")
    @classmethod
    def _every(cls, value: Any) -> float | None:
        return None if value is None else parse_duration(value)

    @field_validator("feed", "sitemap")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value)

    @field_validator("urls")
    @classmethod
    def _urls(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if not value:
            raise ValueError("list the URLs to fetch (the list is empty)")
        return [_http_url(v) for v in value]

    @model_validator(mode="after")
    def _one_kind(self) -> SourceSettings:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            what = f"got {', '.join(given)}" if given else "got none"
            raise ValueError(f"source {self.name!r} needs exactly one of {', '.join(KINDS)} ({what})")
        if self.content == "feed" and self.kind != "feed":
            raise ValueError(f"source {self.name!r}: 'content: feed' only applies to feed sources")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in KINDS if getattr(self, k) is not None)

    @property
    def location(self) -> str:
        """The URL or file this source reads; a URL list is stored in the config instead."""
        value = getattr(self, self.kind)
        return "\n".join(value) if isinstance(value, list) else str(value)

    def config(self) -> dict[str, Any]:
        """What the store keeps beside kind and location (JSON-ready)."""
        data = self.model_dump(exclude={"name", *KINDS, "enabled"}, exclude_defaults=True)
        if self.kind == "urls":
            data["urls"] = list(self.urls or [])
        return data


class SourcesFile(_Strict):
    """The whole file: politeness settings and the sources."""

    user_agent: str = Field(DEFAULT_USER_AGENT, min_length=3, max_length=300)
    every: float = Field(900.0, description="default poll interval")
    per_host: HostSettings = HostSettings()
    http: HttpSettings = HttpSettings()
    min_words: int = Field(40, ge=1, description="pages with fewer words of article text are failures")
    batch_size: int = Field(32, ge=1, le=1024, description="articles per extraction batch")
    sources: list[SourceSettings] = Field(default_factory=list)

    @field_validator("every", mode="before")
    @classmethod
    def _every(cls, value: Any) -> float:
        return parse_duration(value)

    @field_validator("user_agent")
    @classmethod
    def _ua(cls, value: str) -> str:
        if any(c in value for c in "\r\n"):
            raise ValueError("the user agent must be one line")
        return value.strip()

    @model_validator(mode="after")
    def _unique_names(self) -> SourcesFile:
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"two sources are named {source.name!r}; names identify sources in the store")
            seen.add(source.name)
        return self


@dataclass(frozen=True, slots=True)
class Sources:
    """A validated sources file and the folder its relative paths are read from."""

    settings: SourcesFile
    base: Path


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validation_errors(exc: ValidationError) -> list[str]:
    """One line per problem: where in the file, and why."""
    lines = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        if err.get("type") == "extra_forbidden":
            parent = loc[:-1]
            lines.append(f"{_where(parent)}: unknown key {loc[-1]!r}" if parent else f"unknown key {loc[-1]!r}")
        else:
            msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            lines.append(f"{_where(loc)}: {msg}")
    return lines


def parse_sources(data: Any, origin: str = "<sources>", base: Path | None = None) -> Sources:
    """Validate already-loaded YAML data; :class:`SourcesError` lists every problem with its place."""
    if data is None:
        raise SourcesError(f"{origin}: the file is empty")
    if not isinstance(data, dict):
        raise SourcesError(f"{origin}: expected a mapping with a 'sources' list, got {type(data).__name__}")
    try:
        settings = SourcesFile.model_validate(data)
    except ValidationError as exc:
        raise SourcesError(f"{origin}: " + f"\n{origin}: ".join(validation_errors(exc))) from None
    return Sources(settings, base or Path.cwd())


def load_sources(path: str | Path) -> Sources:
    """Read and validate a sources file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    return parse_sources(data, str(path), path.resolve().parent)


def one_source(data: dict[str, Any]) -> SourceSettings:
    """Validate a single source (the web form and API add sources one at a time)."""
    try:
        return SourceSettings.model_validate(data)
    except ValidationError as exc:
        raise SourcesError("; ".join(validation_errors(exc))) from None
