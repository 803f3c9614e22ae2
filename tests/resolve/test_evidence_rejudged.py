"""A link is judged again when the entity gains mentions, not only when it gains a name (issue 9, session 19).

The judge reads what the articles say about the actor (the role before its name, an age beside it, a reported
designation, co-mentioned parties), and those facts come with mentions. Screening was owed only to an entity that
got a new name: a later article naming the listed person with the listed post, under a name the entity already
carried, never reached the judge, and the link stayed "possible" (the office holder left unlabelled); a later
article giving an age the listed birth date contradicts never took "probable" away. A block small enough to
re-open was judged again anyway (its entities come back with their names as new); one that spans more than
``REOPEN_ARTICLES`` stored articles is not re-opened, and on a real archive of a thousand articles nearly every
block is that large: the tests make the block too large to re-open (``large_blocks``) rather than ingest that
many articles. Every name here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.resolve import run

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links

ROWS = [
    _row(
        9911,
        "VOSHCHENKO, Ardan Feliksovych",
        "individual",
        "DOB 1951; POB Moldova; nationality Moldova; Former President of Moldova.",
    ),
]

#: The name alone: a name match is shown for review only.
BARE = build("Ardan Voshchenko spoke to reporters on Monday.", [("Person", ["Ardan Voshchenko"])])
#: The same name with the listed post, in a later article.
WITH_POST = build(
    "The ousted Moldovan president Ardan Voshchenko left the country.", [("Person", ["Ardan Voshchenko"])]
)


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


@pytest.fixture
def large_blocks(monkeypatch):
    """Every stored block spans more articles than a batch re-opens (``touched_block`` gives None for it)."""
    monkeypatch.setattr(run, "touched_block", lambda *a, **k: None)


def test_the_listed_post_in_a_later_article_under_a_known_name_corroborates(listed, add, large_blocks) -> None:
    """Failed before session 19: the second article added no name, so the entity was not screened again."""
    resolve.update(listed, add(BARE))
    assert links(listed).get("Ardan Voshchenko") == [("ofac-9911", "possible")]
    resolve.update(listed, add(WITH_POST))
    assert links(listed).get("Ardan Voshchenko") == [("ofac-9911", "probable")]


def test_both_articles_in_one_batch_judge_alike(listed, add) -> None:
    resolve.update(listed, add(BARE, WITH_POST))
    assert links(listed).get("Ardan Voshchenko") == [("ofac-9911", "probable")]


def test_a_later_article_with_another_states_post_keeps_it_for_review(listed, add, large_blocks) -> None:
    """The control: the listed office of another state is no corroboration, however often it is written."""
    resolve.update(listed, add(BARE))
    other = build("The former Romanian president Ardan Voshchenko left.", [("Person", ["Ardan Voshchenko"])])
    resolve.update(listed, add(other))
    assert links(listed).get("Ardan Voshchenko") == [("ofac-9911", "possible")]


def test_a_later_article_stating_an_age_the_entry_contradicts_takes_probable_away(listed, add, large_blocks) -> None:
    """The precision side: evidence against that arrives later is read too (failed before session 19)."""
    resolve.update(listed, add(WITH_POST))
    assert links(listed).get("Ardan Voshchenko") == [("ofac-9911", "probable")]
    namesake = build("Ardan Voshchenko, 29, was fined.", [("Person", ["Ardan Voshchenko"])])
    resolve.update(listed, add(namesake))
    assert links(listed).get("Ardan Voshchenko") == [("ofac-9911", "possible")]
