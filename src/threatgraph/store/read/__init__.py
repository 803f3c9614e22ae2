"""The read side of the store: entity lookup, dossiers, timelines, sanctions hits and relation graphs.

Shared by the CLI (``threatgraph entity``, ``hits``), the API and the web pages; every function returns
the typed records of :mod:`threatgraph.store.records` (JSON through ``to_json()``). One module a job:

- :mod:`.lookup` - an entity by name (fuzzy, any script) or id; the one entity-reference resolver
- :mod:`.links` - sanctions links with their list entries; every linked actor (``hits``)
- :mod:`.timeline` - an actor's dated events, paged by id; the true totals behind a cut list
- :mod:`.quotes` - quotes by and about an actor
- :mod:`.relations` - co-occurring entities and event counterparts; the relations graph
- :mod:`.dossier` - all of the above for one actor, bounded (one statement on PostgreSQL: :mod:`.dossier_pg`)
- :mod:`.version` - the store version: what pages built from reads are cached under
- :mod:`.articles` - one article with its mentions, events and quotes (the highlighted article page)
- :mod:`.statements` - quotes and events across the archive, by speaker, subject, actor or type
- :mod:`.limits` - the bounds that keep every read fast on a large archive

Every statement reads with indexed lookups and LIMITs only (``tests/test_read.py`` checks each plan for
scans), so a dossier stays fast on a large archive. Lists are bounded; ``counts`` and
:func:`timeline` pages say and fetch what lies beyond.
"""

from threatgraph.store.read.articles import article_page
from threatgraph.store.read.dossier import dossier, dossier_at
from threatgraph.store.read.links import entry_summary, hits
from threatgraph.store.read.lookup import find_entities, resolve_ref
from threatgraph.store.read.relations import entity_graph
from threatgraph.store.read.timeline import event_counts, timeline
from threatgraph.store.read.version import store_version

__all__ = [
    "article_page",
    "dossier",
    "dossier_at",
    "entity_graph",
    "entry_summary",
    "event_counts",
    "find_entities",
    "hits",
    "resolve_ref",
    "store_version",
    "timeline",
]
