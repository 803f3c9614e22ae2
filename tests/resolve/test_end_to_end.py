"""End to end with the real extractor: samples spelling one group differently, and the reference
article's Zainabiyoun Brigade linked to its entry on the real OFAC list."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from threatgraph.store.read import dossier, find_entities, hits
from threatgraph.store.schema import mentions

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _ingest(store, paths: list[Path]) -> None:
    from threatgraph.app import Threatgraph

    report = Threatgraph(store).ingest(paths)
    assert not report.failed, report.failed


@pytest.mark.slow
def test_samples_spelling_one_group_three_ways_give_one_entity(store) -> None:
    """'Liwa al-Fajr' and 'Fajr Brigade' align (liwa is brigade) and are one actor; 'al-Fajr Battalion' names
    another kind of unit, which a name alone never merges into the brigade (precision first, issue 9)."""
    articles = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".html", ".jsonl", ".xml")]
    _ingest(store, articles)
    with store.connect() as conn:
        rows = conn.execute(
            select(mentions.c.text, mentions.c.entity_id).where(
                mentions.c.text.in_(["Liwa al-Fajr", "Fajr Brigade", "al-Fajr Battalion", "Fajr Battalion"])
            )
        ).all()
    brigade = {e for t, e in rows if t in ("Liwa al-Fajr", "Fajr Brigade")}
    battalion = {e for t, e in rows if t in ("al-Fajr Battalion", "Fajr Battalion")}
    assert {t for t, _ in rows} >= {"Liwa al-Fajr", "Fajr Brigade"}
    assert len(brigade) == 1 and None not in brigade
    assert not brigade & battalion
    found = find_entities(store, "Liwa al Fajr")
    assert found and found[0].article_count >= 5


@pytest.mark.slow
@pytest.mark.integration
def test_reference_article_group_is_linked_to_ofac(store, shared_data: Path) -> None:
    from threatgraph import resolve
    from threatgraph.screen.lists import load_files

    sdn = shared_data / "sanctions" / "ofac" / "sdn.csv"
    article = shared_data / "articles" / "arabnews-zainabiyoun.txt"
    if not sdn.is_file() or not article.is_file():
        pytest.skip("reference article or OFAC list missing from shared data")
    load_files(store, [sdn], dataset="ofac")
    _ingest(store, [article])  # the post-ingest hook screens the new entities
    found = find_entities(store, "Zainabiyoun Brigade")
    assert found, "no entity for the Zainabiyoun Brigade"
    d = dossier(store, found[0].id)
    assert d.schema in ("ArmedGroup", "Organization")
    links = {link.entry_id: link for link in d.sanctions}
    assert "ofac-26348" in links, links
    assert "SDGT" in links["ofac-26348"].programs
    assert links["ofac-26348"].caption == "ZAYNABIYOUN BRIGADE"
    sanctioned = {h.caption for h in hits(store)}
    assert found[0].caption in sanctioned
    # no person from the article is linked by a bare surname
    assert not any(h.schema == "Person" and len(h.caption.split()) < 2 for h in hits(store))
    # re-running the hook changes nothing
    before = [(h.id, [link.entry_id for link in h.links]) for h in hits(store)]
    with store.connect() as conn:
        ids = [r[0] for r in conn.execute(select(mentions.c.article_id).distinct())]
    resolve.update(store, ids)
    assert [(h.id, [link.entry_id for link in h.links]) for h in hits(store)] == before
