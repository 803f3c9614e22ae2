"""Only confirmed and probable links read as sanctioned: dossier, hits, CLI line and exports (issue 9)."""

from __future__ import annotations

from archive import add_entity, add_sanction_link
from threatgraph.commands.read import sanction_line
from threatgraph.export.snapshot import collect
from threatgraph.store.read import dossier, hits


def test_possible_link_is_shown_for_review_never_as_sanctioned(store) -> None:
    add_entity(store, "ent-p", "Abdul Karim", "Person", ["Abdul Karim"])
    add_entity(store, "ent-o", "Northern Rivers Front", "ArmedGroup", ["Northern Rivers Front"])
    judgement = {"judgement": {"state": "possible", "for": ["name"], "against": ["affiliation: never named"]}}
    add_sanction_link(store, "ent-p", "ofac", "ofac-1", 0.9, status="possible", explanation=judgement)
    add_sanction_link(store, "ent-o", "ofac", "ofac-2", 0.95, status="probable")
    person, org = dossier(store, "ent-p"), dossier(store, "ent-o")
    assert not person.sanctioned and org.sanctioned
    (link,) = person.sanctions
    assert not link.sanctioned and link.judgement["against"] == ["affiliation: never named"]
    assert sanction_line(link).startswith("POSSIBLE LIST MATCH")
    assert sanction_line(org.sanctions[0]).startswith("SANCTIONED")
    assert [(h.id, h.sanctioned) for h in hits(store)] == [("ent-o", True), ("ent-p", False)]
    assert [s["entity_id"] for s in collect(store).sanctions] == ["ent-o"]  # exports: FtM, STIX, CSV, GraphML
