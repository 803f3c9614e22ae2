"""The paged timeline (`/entities/{id}/timeline`), human date labels and the totals shown when lists are cut.

Paging is checked by walking every page (JSON and the no-JS HTML links) and comparing with all events the
store holds; the heavy actor is built here: one article with 1,001 events, enough for a cut dossier and for
the thousands separator in "showing 100 of 1,001 events".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from api_archive import ZB
from sqlalchemy import select

from archive import add_entity, link_events
from threatgraph.api import reading
from threatgraph.model import Analysis, Article, DateInterval, Event
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import events
from threatgraph.web.datelabel import label

HTML = {"accept": "text/html,application/xhtml+xml"}
HEAVY = "ent-heavy"
HEAVY_EVENTS = 1001


def _event_ids(engine: Any, entity_id: str) -> set[int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(events.c.id).where(
                (events.c.source_entity_id == entity_id) | (events.c.target_entity_id == entity_id)
            )
        )
        return {r[0] for r in rows}


@pytest.fixture
def heavy(archive) -> str:
    """An actor with 1,001 events in one article, dated one day apart (some undated), as source or target."""
    engine = archive["engine"]
    add_entity(engine, HEAVY, "Heavy Front", "ArmedGroup", ["Heavy Front"])
    text = "Heavy Front fighters attacked a checkpoint. " * 3
    evs = []
    for i in range(HEAVY_EVENTS):
        day = date(2015, 1, 1) + timedelta(days=(i * 37) % 3000)
        dated = DateInterval(day.isoformat(), day, day, "day") if i % 10 else None
        evs.append(Event(type="ATTACK", trigger=f"attacked-{i}", sentence=text[:44], start=0, end=44, date=dated))
    art = Article(text=text, title="Heavy Front", outlet="Test Wire", published=date(2024, 1, 2))
    save_analysis(engine, Analysis(article=art, events=evs))
    with engine.connect() as conn:
        ids = sorted(r[0] for r in conn.execute(select(events.c.id).where(events.c.article_id == art.id)))
    link_events(engine, {"article_id": art.id}, source_entity_id=HEAVY)
    for eid in ids[::3]:  # a third name the actor as the target instead
        link_events(engine, {"id": eid}, source_entity_id=None, target_entity_id=HEAVY)
    return HEAVY


def _walk_json(client: Any, entity_id: str, limit: int) -> list[dict[str, Any]]:
    pages, before = [], None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if before is not None:
            params["before"] = before
        page = client.get(f"/entities/{entity_id}/timeline", params=params).json()
        pages.append(page)
        assert page["more"] is (page["next_before"] is not None)
        if not page["more"]:
            return pages
        assert len(page["events"]) == limit
        before = page["next_before"]


def test_timeline_pages_cover_every_event_once(client, archive):
    pages = _walk_json(client, ZB, limit=2)
    seen = [e["event_id"] for p in pages for e in p["events"]]
    assert len(seen) == len(set(seen)) and set(seen) == _event_ids(archive["engine"], ZB)
    assert [len(p["events"]) for p in pages] == [2, 2, 1]
    for p in pages:
        dated = [e["date"] for e in p["events"] if e["date"]]
        assert dated == sorted(dated)
        assert p["entity"] == {"id": ZB, "caption": "Zainabiyoun Brigade", "schema": "ArmedGroup"}
        assert p["counts"]["source_events"] + p["counts"]["target_events"] == len(seen)
    # each page holds the newest ids below its cursor
    assert min(e["event_id"] for e in pages[0]["events"]) > max(e["event_id"] for e in pages[1]["events"])


def test_heavy_timeline_walks_all_1001_events(client, heavy, archive):
    pages = _walk_json(client, heavy, limit=200)
    seen = [e["event_id"] for p in pages for e in p["events"]]
    assert len(seen) == HEAVY_EVENTS == len(set(seen)) and set(seen) == _event_ids(archive["engine"], heavy)
    counts = pages[0]["counts"]
    assert counts["source_events"] + counts["target_events"] == HEAVY_EVENTS
    roles = {e["role"] for p in pages for e in p["events"]}
    assert roles == {"source", "target"}


def test_timeline_events_carry_labels_and_intervals(client):
    page = client.get(f"/entities/{ZB}/timeline").json()
    assert page["events"]
    for ev in page["events"]:
        assert ev["date_label"] == label(ev)
        assert "date" in ev and "date_end" in ev and "date_precision" in ev
    deploy = next(e for e in page["events"] if e["date_precision"] == "month")
    assert (deploy["date"], deploy["date_end"], deploy["date_label"]) == ("2023-02-01", "2023-02-28", "Feb 2023")


def test_timeline_html_and_json_suffix_agree(client):
    as_json = client.get(f"/entities/{ZB}/timeline", params={"limit": 3}).json()
    forced = client.get(f"/entities/{ZB}/timeline.json", params={"limit": 3}, headers=HTML)
    assert forced.headers["content-type"] == "application/json" and forced.json() == as_json
    html = client.get(f"/entities/{ZB}/timeline", params={"limit": 3}, headers=HTML)
    assert html.headers["content-type"].startswith("text/html")
    shown = re.findall(r'<li class="event[^"]*" id="event-(\d+)"', html.text)
    assert [int(i) for i in shown] == [e["event_id"] for e in as_json["events"]]
    assert "Showing 3 of 5 events" in html.text
    assert f'href="/entities/{ZB}/timeline.json?limit=3"' in html.text  # the footer's JSON link


def test_timeline_rejects_bad_cursors_and_sizes(client):
    for params, field in (({"before": 0}, "before"), ({"before": "x"}, "before"), ({"limit": 201}, "limit")):
        r = client.get(f"/entities/{ZB}/timeline", params=params)
        assert r.status_code == 422 and field in r.json()["detail"], params
    assert client.get(f"/entities/{ZB}/timeline", params={"before": 2**63}).status_code == 422
    r = client.get("/entities/ent-nope/timeline")
    assert r.status_code == 404 and "ent-nope" in r.json()["detail"]
    page = client.get("/entities/ent-nope/timeline", headers=HTML)
    assert page.status_code == 404 and "ent-nope" in page.text and "text/html" in page.headers["content-type"]


def test_timeline_past_the_oldest_event_is_empty(client):
    oldest = min(e["event_id"] for e in client.get(f"/entities/{ZB}/timeline").json()["events"])
    page = client.get(f"/entities/{ZB}/timeline", params={"before": oldest}).json()
    assert page["events"] == [] and page["more"] is False and page["next_before"] is None
    html = client.get(f"/entities/{ZB}/timeline", params={"before": oldest}, headers=HTML).text
    assert "No older events." in html and 'rel="next"' not in html


def _older_link(html: str) -> str | None:
    found = re.search(r'<a class="next" rel="next" href="([^"]+)">Older events</a>', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _shown(html: str) -> list[int]:
    section = html[html.index('<ol class="timeline">') :]
    section = section[: section.index("</ol>")]
    return [int(i) for i in re.findall(r'id="event-(\d+)"', section)]


def test_dossier_older_link_pages_on_without_javascript(client, archive, monkeypatch):
    """The dossier shows its newest PAGE_EVENTS; following "Older events" links reaches the rest exactly once."""
    monkeypatch.setattr(reading, "PAGE_EVENTS", 2)
    html = client.get(f"/entities/{ZB}", headers=HTML).text
    assert "Showing the 2 most recently recorded of 5 events" in html
    seen = _shown(html)
    link = _older_link(html)
    while link:
        html = client.get(link, headers=HTML).text
        seen += _shown(html)
        link = _older_link(html)
    assert len(seen) == len(set(seen)) and set(seen) == _event_ids(archive["engine"], ZB)


def test_dossier_cut_by_the_store_links_to_the_store_cursor(client, monkeypatch):
    from threatgraph.store.read import limits

    monkeypatch.setattr(limits, "TIMELINE", 3)
    data = client.get(f"/entities/{ZB}").json()
    assert len(data["timeline"]) == 3 and data["timeline_next_before"] is not None
    html = client.get(f"/entities/{ZB}", params={"full": 1}, headers=HTML).text
    assert _older_link(html) == f"/entities/{ZB}/timeline?before={data['timeline_next_before']}"
    assert "Showing the 3 most recently recorded of 5 events" in html


def test_heavy_dossier_says_what_it_cut(client, heavy):
    data = client.get(f"/entities/{heavy}").json()
    assert data["counts"]["source_events"] + data["counts"]["target_events"] == HEAVY_EVENTS
    html = client.get(f"/entities/{heavy}", headers=HTML).text
    assert "Timeline (1,001 events)" in html
    n = reading.PAGE_EVENTS  # the dossier's first page of events (limits.TIMELINE)
    assert f"Showing the {n} most recently recorded of 1,001 events" in html
    assert len(_shown(html)) == n
    link = _older_link(html)
    assert link is not None
    page = client.get(link, headers=HTML).text
    assert f"Showing {n} of 1,001 events, recorded before event" in page
    assert not set(_shown(page)) & set(_shown(html))


def test_dossier_and_article_pages_show_labels_in_time_elements(client, archive):
    from threatgraph.web.when import datetime_attr

    d = client.get(f"/entities/{ZB}").json()
    html = client.get(f"/entities/{ZB}", headers=HTML).text
    for ev in d["timeline"]:
        assert ev["date_label"] == label(ev)
        attr = datetime_attr(ev["date"], ev["date_end"])
        assert f'<time datetime="{attr}"' in html and f">{ev['date_label']}</time>" in html
    assert '<time datetime="2023-02" title="2023-02-01 – 2023-02-28 (month)">Feb 2023</time>' in html

    art = client.get(f"/articles/{archive['articles'][0]}").json()
    page = client.get(f"/articles/{archive['articles'][0]}", headers=HTML).text
    recruit = next(e for e in art["events"] if e["type"] == "RECRUIT")
    assert recruit["date"]["start"] == "2022-07-21" and recruit["date_label"] == label(recruit["date"])
    attr = '<time datetime="2022-07-21/2022-07-31" title="2022-07-21 – 2022-07-31 (season)">'
    assert attr + recruit["date_label"] in page
    assert "2022-07-21 – 2022-07-31 <span" not in page  # the raw interval is no longer the visible text


def test_actor_in_both_roles_is_not_counted_twice_when_nothing_is_cut(client, archive):
    """Role counts count an event naming the actor as source and target twice; a whole list is its own total."""
    engine = archive["engine"]
    add_entity(engine, "ent-split", "Split Front", "ArmedGroup", ["Split Front"])
    text = "Split Front clashed with Split Front defectors. Split Front attacked a base."
    evs = [
        Event(type="CLASH", trigger="clashed", sentence=text[:47], start=0, end=47),
        Event(type="ATTACK", trigger="attacked", sentence=text[48:], start=48, end=len(text)),
    ]
    art = Article(text=text, title="Split", outlet="Test Wire", published=date(2024, 3, 1))
    save_analysis(engine, Analysis(article=art, events=evs))
    link_events(engine, {"article_id": art.id}, source_entity_id="ent-split")
    link_events(engine, {"article_id": art.id, "type": "CLASH"}, target_entity_id="ent-split")
    data = client.get("/entities/ent-split").json()
    assert len(data["timeline"]) == 2 and data["counts"]["source_events"] + data["counts"]["target_events"] == 3
    html = client.get("/entities/ent-split", headers=HTML).text
    assert "Timeline (2 events)" in html and "most recently recorded" not in html
    page = client.get("/entities/ent-split/timeline", headers=HTML).text
    assert "Showing 2 of 2 events" in page
