"""A country named as an event's actor is its state acting: FtM, STIX, GraphML and the dossier show the state.

The archive is invented: one article where a country expels an organisation's envoy and is named once more
as a place. Before session 17 the FtM event lost its organizer (a country exports as an Address, which is no
LegalEntity), STIX drew a relationship from a location and nothing said the country acted as a state.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pytest
import stix2
from fastapi.testclient import TestClient

from archive import add_entity, link_events, link_mentions, link_speakers, mention
from threatgraph.api.app import create_app
from threatgraph.export import export
from threatgraph.export.ftm import validate_file
from threatgraph.export.mapping import acting_state
from threatgraph.model import Analysis, Article, Event, Quote
from threatgraph.store.articles import save_analysis

TEXT = (
    "Chile expelled the envoy of the Silver Lantern Network. The network has an office in Chile. Chile said it acted."
)


@pytest.fixture
def archive(store):
    now = datetime(2024, 6, 2, tzinfo=UTC)
    add_entity(store, "ent-chile", "Chile", "Country", ["Chile"], seen=now)
    add_entity(store, "ent-sln", "Silver Lantern Network", "Organization", ["Silver Lantern Network"], seen=now)
    art = Article(TEXT, url="https://example.org/sln", outlet="Test Wire", title="Envoy expelled")
    first = TEXT.index(".") + 1
    save_analysis(
        store,
        Analysis(
            article=art,
            mentions=[
                mention(TEXT, "Chile", "Country", group=0),
                mention(TEXT, "Silver Lantern Network", "Organization", group=1),
                mention(TEXT, "Chile", "Country", group=0, nth=1),
                mention(TEXT, "Chile", "Country", group=0, nth=2),
            ],
            quotes=[
                Quote("it acted", TEXT.index("it acted"), len(TEXT) - 1, speaker="Chile", speaker_group=0, direct=False)
            ],
            events=[
                Event("COERCE", "expelled", TEXT[:first], 0, first, "Chile", "Silver Lantern Network", 0, 1),
                Event("COERCE", "expelled", TEXT[:first], 0, first, "Chile", None, 0, -1, date=None, subtype="expel"),
            ],
        ),
    )
    link_mentions(store, None, "Chile", "ent-chile")
    link_mentions(store, None, "Silver Lantern Network", "ent-sln")
    link_events(store, {"source_text": "Chile"}, source_entity_id="ent-chile")
    link_events(store, {"target_text": "Silver Lantern Network"}, target_entity_id="ent-sln")
    link_speakers(store, "ent-chile")
    return store


@pytest.mark.parametrize(
    ("schema", "caption", "code"),
    [("Country", "Chile", "cl"), ("Country", "the United States", "us"), ("Country", "U.S.", "us"),
     ("Location", "Chile", None), ("Country", "Atlantis", None), ("Organization", "Chile", None)],
)  # fmt: skip
def test_only_a_known_country_acts_as_a_state(schema: str, caption: str, code: str | None) -> None:
    assert acting_state(schema, caption) == code


def test_ftm_event_is_organised_by_the_state(archive, tmp_path: Path) -> None:
    out = tmp_path / "a.ftm.json"
    export(archive, "ftm", out)
    validate_file(out)  # every reference resolves: the state is written before its events
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    states = [r for r in rows if r["schema"] == "PublicBody"]
    assert len(states) == 1  # one state for the two events
    [state] = states
    assert state["properties"]["name"] == ["Chile"] and state["properties"]["country"] == ["cl"]
    assert state["properties"]["topics"] == ["gov"]
    events = [r for r in rows if r["schema"] == "Event"]
    assert len(events) == 2 and all(e["properties"]["organizer"] == [state["id"]] for e in events)
    [note] = [r for r in rows if r["schema"] == "Note"]
    assert note["properties"]["entity"] == [state["id"]]  # "Chile said": the state speaks
    [address] = [r for r in rows if r["schema"] == "Address"]  # the country as a place stays a place
    assert address["properties"]["full"] == ["Chile"]


def test_stix_relationship_starts_at_the_state_identity(archive, tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    export(archive, "stix", out)
    parsed = stix2.parse(out.read_text(), allow_custom=False)
    ids = {o.id: o for o in parsed.objects}
    [rel] = [o for o in parsed.objects if o.type == "relationship" and o.relationship_type == "coerces"]
    state = ids[rel.source_ref]
    assert state.type == "identity" and state.identity_class == "organization"
    assert state.sectors == ["government-national"] and state.name == "Chile"
    [at] = [o for o in parsed.objects if o.type == "relationship" and o.relationship_type == "located-at"]
    assert ids[at.target_ref].type == "location" and ids[at.target_ref].country == "CL"
    assert len([o for o in parsed.objects if o.id == state.id]) == 1  # reference data: written once
    [said] = [o for o in parsed.objects if o.type == "note" and o.abstract.startswith("Reported statement")]
    assert state.id in said.object_refs


def test_graphml_event_edge_names_the_state(archive, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    export(archive, "graphml", out)
    g = nx.read_graphml(out)
    edges = [d for _s, _t, d in g.edges(data=True) if d.get("kind") == "event"]
    assert edges and all(d["source_state"] == "cl" for d in edges)
    assert all("target_state" not in d for d in edges)  # the network is no state


def test_dossier_timeline_marks_the_state(archive) -> None:
    client = TestClient(create_app(archive, token="t"), base_url="http://127.0.0.1")
    page = client.get("/entities/ent-sln", headers={"Accept": "text/html"}).text
    assert 'href="/entities/ent-chile">Chile</a> <span class="schema state-actor"' in page
    assert page.count("state-actor") == 1  # the organisation it expelled is not marked
