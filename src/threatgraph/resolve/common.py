"""The common-context statistic: co-mentioned actors so frequent in the archive that sharing them
corroborates nothing ("OFAC", "Washington" in every press release).

Computed over a whole input once, so a caller that resolves the input in several batches (the Spark
path resolves one block per task) decides every batch with the same statistic as one run would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, func, select

from threatgraph.names.forms import MAX_KEY
from threatgraph.resolve.groups import CHUNK, Group
from threatgraph.store.schema import articles, entities, resolve_keys

#: A co-mentioned actor named in at least this share of the archive (and COMMON_MIN articles) is
#: boilerplate: it corroborates nothing.
COMMON_SHARE = 0.15
COMMON_MIN = 5


def common_context(conn: Connection, groups: Iterable[Group]) -> set[str]:
    """Context keys named in so many articles that sharing them is no evidence.

    Document frequency = articles of the key's stored entity plus the given groups' articles naming
    it; the limit is a share of all stored articles (at least ``COMMON_MIN``). Computed over the
    groups given, so a caller resolving one input in several batches computes it once for all.
    """
    in_batch: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        for k in g.context:
            in_batch[k].add(g.article_id)
    return common_from_counts(conn, {k: len(arts) for k, arts in in_batch.items()})


def common_from_counts(conn: Connection, counts: dict[str, int]) -> set[str]:
    """:func:`common_context` from per-key article counts of the input (summed over disjoint article
    batches by a caller that never holds the whole input's groups, such as the Spark path)."""
    if not counts:
        return set()
    total = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
    limit = max(COMMON_MIN, COMMON_SHARE * total)
    lookup = {}
    for k in counts:
        fam, _, norm = k.partition(":")
        lookup[f"{fam}|n:{norm}"[:MAX_KEY]] = k
    stored: dict[str, int] = {}
    keys = sorted(lookup)
    for i in range(0, len(keys), CHUNK):
        rows = conn.execute(
            select(resolve_keys.c.key, func.max(entities.c.article_count))
            .join(entities, entities.c.id == resolve_keys.c.entity_id)
            .where(resolve_keys.c.key.in_(keys[i : i + CHUNK]))
            .group_by(resolve_keys.c.key)
        )
        for key, n in rows:
            stored[lookup[key]] = n or 0
    return {k for k, n in counts.items() if stored.get(k, 0) + n >= limit}
