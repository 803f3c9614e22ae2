"""Batch-by-batch resolution (``Threatgraph.ingest``'s hook) decides as a rebuild over the same mentions does.

Session 15 found the ingest path with 1,089 entities where ``threatgraph resolve --rebuild`` and Spark had 883 on
the same mentions: a one-word person name (an outlet the model typed as a person) became one entity per mention,
because the early batches were resolved before the archive held ``RARE_AFTER`` persons (no name counts as rare
there), and a later copy then found several entities it fitted alike and joined none.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from threatgraph.resolve import rebuild, update
from threatgraph.resolve.cluster import archive_persons
from threatgraph.resolve.rarity import RARE_AFTER
from threatgraph.store.schema import mentions

from .conftest import build

#: Invented name parts: 12 x 9 distinct two-word person names.
GIVEN = ["Talvo", "Meriko", "Dastan", "Quorel", "Ilvane", "Borish", "Yennic", "Osgar", "Faylen", "Rudek"]
GIVEN += ["Zimra", "Cathel"]
SURNAMES = ["Vantrell", "Okomba", "Prescue", "Haldrin", "Sovetti", "Marquist", "Ulbarra", "Kestovic", "Delorne"]
#: A one-word name every article gives, in different company each time (a source the model types as a person).
BARE = "Corvanish"


def _articles() -> list:
    """Articles of three distinct invented people each and the one bare name: over RARE_AFTER persons in all."""
    people = [f"{g} {s}" for s in SURNAMES for g in GIVEN]
    out = []
    for i in range(0, len(people), 3):
        trio = people[i : i + 3]
        text = f"{trio[0]} met {trio[1]} and {trio[2]} on the border, {BARE} reported."
        out.append(build(text, [("Person", [n]) for n in trio] + [("Person", [BARE])]))
    return out


def _clusters(store) -> set[frozenset[int]]:
    with store.connect() as conn:
        rows = conn.execute(select(mentions.c.id, mentions.c.entity_id)).all()
    out: dict[str, set[int]] = {}
    for mid, eid in rows:
        assert eid is not None, f"mention {mid} left unresolved"
        out.setdefault(eid, set()).add(mid)
    return {frozenset(m) for m in out.values()}


@pytest.mark.parametrize("k", [1, 7, 16])
def test_batches_of_k_cluster_as_a_rebuild_does(store, add, k: int) -> None:
    ids = []
    for i, art in enumerate(_articles()):
        ids += add(art)
        if (i + 1) % k == 0:
            update(store, ids[-k:], screen=False)  # as the ingest hook: the archive holds only what came so far
    if len(ids) % k:
        update(store, ids[-(len(ids) % k) :], screen=False)
    with store.connect() as conn:
        assert archive_persons(conn) > RARE_AFTER  # rarity counts at the end, not in the first batches
    batched = _clusters(store)
    rebuild(store, screen=False)
    whole = _clusters(store)
    assert batched == whole
    bare = [c for c in whole if len(c) == len(ids)]
    assert len(bare) == 1  # the bare name is one entity, its mention in every article


def test_persons_are_names_of_mentions_not_entities(store, add) -> None:
    """The rarity count reads the mentions alone: the same whatever the clustering, capped when asked."""
    ids = add(*_articles()[:10])
    with store.connect() as conn:
        before = archive_persons(conn)
        assert before == 31  # thirty full names and the bare one, none resolved yet
        assert archive_persons(conn, besides=ids[:1]) == 28
        assert archive_persons(conn, up_to=5) == 5
    update(store, ids, screen=False)
    with store.connect() as conn:
        assert archive_persons(conn) == before
