"""collect: follow feeds, sitemaps, URL lists and GDELT files; fetch pages politely; hand them to ingest.

The stage right after ingest: it turns the network into bytes and the bytes into articles with
the ingest readers, then the ordinary pipeline stores, resolves and watches them.

- ``settings``: the validated sources file (YAML);
- ``http``: the one HTTP client (robots.txt, per-host rate and concurrency, retries, caps);
- ``discover``: links out of feeds, sitemaps, URL lists and GDELT files;
- ``pages``: a fetched page to an article, or the reason it is not one (paywall, too short);
- ``state``: sources and per-URL status in the store, written so a killed run resumes cleanly;
- ``run``: :class:`Collector`, one run (or a loop) over all of that.
"""

from __future__ import annotations

from threatgraph.collect.run import Collector, CollectReport
from threatgraph.collect.settings import Sources, SourcesError, SourceSettings, SourcesFile, load_sources, one_source
from threatgraph.collect.state import add_source, source_health, sync_sources

__all__ = [
    "CollectReport",
    "Collector",
    "SourceSettings",
    "Sources",
    "SourcesError",
    "SourcesFile",
    "add_source",
    "load_sources",
    "one_source",
    "source_health",
    "sync_sources",
]
