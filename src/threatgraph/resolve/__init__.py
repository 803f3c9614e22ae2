"""resolve: cross-article and cross-script entity resolution, user merge/split, sanctions links.

Entry points (called by the ingest pipeline, the CLI and the API):

- :func:`update` — post-ingest hook, incremental and idempotent;
- :func:`rebuild` — full re-resolution honouring stored merge/split decisions;
- :func:`relink_sanctions` — re-screen every entity after new lists are loaded;
- :func:`merge_entities` / :func:`split_entity` — analyst decisions, stored by name key.
"""

from __future__ import annotations

from threatgraph.names.forms import name_form, normalise_name
from threatgraph.resolve.cluster import ResolveStats
from threatgraph.resolve.manual import ResolveError, merge_entities, split_entity
from threatgraph.resolve.run import rebuild, relink_sanctions, update

__all__ = [
    "ResolveError",
    "ResolveStats",
    "merge_entities",
    "name_form",
    "normalise_name",
    "rebuild",
    "relink_sanctions",
    "split_entity",
    "update",
]
