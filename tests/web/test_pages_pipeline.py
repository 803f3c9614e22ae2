"""Every page renders for what the real stages produce: the bundled samples through the full pipeline.

The hand-built archive pins exact content; this run catches shapes only the real extractor, resolver and
linker produce (unlinked actors, undated events, indirect quotes, link explanations).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from api_archive import LIST_FILE
from fastapi.testclient import TestClient
from sqlalchemy import select

from threatgraph.store.schema import articles, entities

pytestmark = pytest.mark.slow  # spaCy load + full pipeline over the samples: ~20 s on 2 shared cores
ROOT = Path(__file__).resolve().parents[2]
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def pipeline_client(tmp_path_factory):
    from threatgraph.api.app import create_app
    from threatgraph.app import Threatgraph
    from threatgraph.screen.lists import load_files
    from threatgraph.store.db import open_store

    tmp = tmp_path_factory.mktemp("pipeline")
    os.environ["THREATGRAPH_HOME"] = str(tmp / "home")
    engine = open_store(f"sqlite:///{tmp / 'p.db'}")
    load_files(engine, [LIST_FILE], dataset="testlist")
    report = Threatgraph(engine).ingest([ROOT / "samples"])
    assert report.ingested and not report.failed
    return engine, TestClient(create_app(engine, token="t"), base_url="http://127.0.0.1")


def test_every_entity_and_article_page_renders(pipeline_client):
    engine, client = pipeline_client
    with engine.connect() as conn:
        entity_ids = list(conn.execute(select(entities.c.id)).scalars())
        article_ids = list(conn.execute(select(articles.c.id)).scalars())
    assert entity_ids and article_ids
    for eid in entity_ids:
        page = client.get(f"/entities/{eid}", headers=HTML)
        assert page.status_code == 200 and 'id="sanctions-badge"' in page.text, eid
        assert client.get(f"/entities/{eid}.json").json()["id"] == eid
        assert client.get(f"/entities/{eid}/graph").status_code == 200
        timeline = client.get(f"/entities/{eid}/timeline", params={"limit": 2}).json()
        assert all(ev["date_label"] for ev in timeline["events"]), eid
        assert client.get(f"/entities/{eid}/timeline", headers=HTML).status_code == 200, eid
    for aid in article_ids:
        page = client.get(f"/articles/{aid}", headers=HTML)
        assert page.status_code == 200 and "<mark" in page.text, aid
        data = client.get(f"/articles/{aid}.json").json()
        for m in data["mentions"]:
            assert data["article"]["text"][m["start"] : m["end"]] == m["text"]


def test_search_reaches_pipeline_entities(pipeline_client):
    engine, client = pipeline_client
    with engine.connect() as conn:
        caption = conn.execute(
            select(entities.c.caption).order_by(entities.c.mention_count.desc()).limit(1)
        ).scalar_one()
    hits = client.get("/search", params={"q": caption}).json()["entities"]
    assert caption in [h["caption"] for h in hits]
    assert client.get("/search", params={"q": caption}, headers=HTML).status_code == 200
