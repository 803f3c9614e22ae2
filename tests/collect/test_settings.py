"""The sources file: every bad key is named with its place; durations and sizes as people write them."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.collect.settings import SourcesError, load_sources, one_source, parse_duration, parse_size

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "threatgraph" / "collect" / "sources.example.yaml"


def errors_of(tmp_path: Path, text: str) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    with pytest.raises(SourcesError) as info:
        load_sources(path)
    return str(info.value)


def test_example_file_is_valid_and_complete() -> None:
    loaded = load_sources(EXAMPLE)
    kinds = {s.kind for s in loaded.settings.sources}
    assert kinds == {"feed", "sitemap", "urls", "urls_file", "gdelt"}
    assert loaded.base == EXAMPLE.parent


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources:\n  - {name: a, fed: 'https://x.example.org/rss'}", "sources[0]: unknown key 'fed'"),
        ("evry: 5m\nsources: []", "unknown key 'evry'"),
        ("per_host: {rate: 0}\nsources: []", "per_host.rate: Input should be greater than 0"),
        ("http: {timeout: soon}\nsources: []", "http.timeout: expected a duration like 30s, 15m, 1h or 2d"),
        ("http: {max_bytes: lots}\nsources: []", "http.max_bytes: expected a size like 500KB or 5MB"),
        ("sources:\n  - {name: a, feed: 'ftp://x.example.org/rss'}", "sources[0].feed: expected an http(s) URL"),
        ("sources:\n  - {name: a}", "sources[0]: source 'a' needs exactly one of feed, sitemap"),
        (
            "sources:\n  - {name: a, feed: 'https://x.example.org/', sitemap: 'https://x.example.org/s'}",
            "(got feed, sitemap)",
        ),
        ("sources:\n  - {name: a, urls: ['https://x.example.org/'], content: feed}", "only applies to feed sources"),
        (
            "sources:\n  - {name: a, urls: ['https://x.example.org/']}\n  - {name: a, urls: ['https://y.example.org/']}",
            "two sources are named 'a'",
        ),
        (
            "sources:\n  - {name: a, feed: 'https://x.example.org/', every: -5m}",
            "sources[0].every: expected a duration",
        ),
        ('user_agent: "a\\nb"\nsources: []', "user_agent: the user agent must be one line"),
        ("", "the file is empty"),
        ("- just\n- a list", "expected a mapping with a 'sources' list, got list"),
        ("sources: [unclosed", "not valid YAML"),
    ],
)
def test_each_bad_key_is_named(tmp_path: Path, text: str, message: str) -> None:
    got = errors_of(tmp_path, text)
    assert message in got
    assert got.startswith(str(tmp_path / "sources.yaml"))


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    got = errors_of(tmp_path, "evry: 1\nper_host: {speed: 3}\nsources:\n  - {name: a, feed: nope}\n")
    assert len(got.splitlines()) == 3


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "absent.yaml")


def test_one_source_for_the_web_form() -> None:
    assert one_source({"name": "w", "feed": "https://w.example.org/rss", "every": "1h"}).every == 3600
    with pytest.raises(SourcesError, match="unknown key 'url'"):
        one_source({"name": "w", "url": "https://w.example.org/rss"})


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("1.5h", 5400), ("2d", 172800), (45, 45), ("250ms", 0.25)]
)
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(("text", "size"), [("5MB", 5_000_000), ("500KiB", 512_000), (1024, 1024), ("2 mb", 2_000_000)])
def test_sizes(text: object, size: int) -> None:
    assert parse_size(text) == size


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["s", "m", "h", "d"]))
def test_duration_units_scale(n: int, unit: str) -> None:
    assert parse_duration(f"{n}{unit}") == n * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


@settings(deadline=None)
@given(st.text(max_size=12))
def test_duration_never_crashes(text: str) -> None:
    with contextlib.suppress(ValueError):
        assert parse_duration(text) > 0
