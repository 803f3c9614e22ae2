"""A body's mention cut out of a longer name never inherits a listed body's sanctioned label (issue 9, session 16).

A model marks only the listed part of a longer name ("<X>" of "the <X> Relief Council"); the mention group then
joins the listed body's entity, and every reader shows the council as sanctioned. Every name, list row and sentence
here is invented.
"""

from __future__ import annotations

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.store.schema import mentions, sanction_links
from threatgraph.store.states import reads_sanctioned

from .conftest import build
from .test_adversarial_links import listed  # noqa: F401 - the fixture


def _sanctioned_mentions(store) -> set[tuple[str, int]]:
    with store.connect() as conn:
        flagged = {
            e
            for e, s in conn.execute(select(sanction_links.c.entity_id, sanction_links.c.status))
            if reads_sanctioned(s)
        }
        return {
            (a, s)
            for a, s, e in conn.execute(select(mentions.c.article_id, mentions.c.start, mentions.c.entity_id))
            if e in flagged
        }


def test_a_group_cut_from_a_longer_name_does_not_join_the_sanctioned_body(listed, add) -> None:  # noqa: F811
    listed_art = build(
        "Treasury designated the Northern Rivers Front for attacks on ferries.",
        [("ArmedGroup", ["Northern Rivers Front"])],
    )
    council = build(
        "Volunteers of the Northern Rivers Front Relief Council handed out maize in Kisumu on Friday.",
        [("Organization", ["Northern Rivers Front"]), ("Location", ["Kisumu"])],
    )
    first, second = add(listed_art, council)
    resolve.update(listed, [first])
    resolve.update(listed, [second])
    flagged = _sanctioned_mentions(listed)
    assert any(a == first for a, _ in flagged)  # the listed body itself reads as sanctioned
    assert not any(a == second for a, _ in flagged)
