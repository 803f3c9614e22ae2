"""The web UI in a real browser: search → dossier (badge, timeline, graph), screening, reading without JS."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_archive import ZB

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    external: list[str] = []
    pg.on("request", lambda req: external.append(req.url) if not req.url.startswith("http://127.0.0.1") else None)
    yield pg
    context.close()
    assert external == [], f"the page fetched from outside the server: {external}"


def test_search_then_dossier(page, live_server):
    page.goto(live_server["url"] + "/")
    page.fill("form.bigsearch input[name=q]", "Zaynabiyun")
    page.click("form.bigsearch button")
    page.wait_for_url("**/search?q=Zaynabiyun")
    page.click(f'a[href="/entities/{ZB}"]')
    page.wait_for_url(f"**/entities/{ZB}")

    badge = page.locator("#sanctions-badge")
    assert badge.is_visible() and badge.inner_text().strip().lower() == "sanctioned"
    assert "tg-test-zainabiyoun" in page.locator("#sanctions").inner_text()

    items = page.locator("ol.timeline li.event")
    assert items.count() == 5
    whens = [items.nth(i).locator(".when").inner_text() for i in range(items.count())]
    assert whens[0].startswith("2019-01-24")

    page.wait_for_selector("#graph[data-ready='1']", timeout=10_000)
    graph = page.locator("#graph")
    assert graph.is_visible()
    assert graph.locator("canvas").count() >= 1
    assert page.evaluate("document.querySelector('#graph')._cyreg !== undefined || !!window.cytoscape")
    assert "لواء زینبیون" in page.locator("#aliases").inner_text()

    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "dossier.png"), full_page=True)


def test_screen_a_name_shows_the_explanation(page, live_server):
    page.goto(live_server["url"] + "/screen")
    page.fill("form.screen-one input[name=name]", "Zaynabiyoun Brigade")
    page.click("form.screen-one button")
    page.wait_for_selector("section.screen-result")
    result = page.locator("section.screen-result").first
    assert "possible match" in result.text_content()
    first = result.locator("li.candidate").first
    assert "Zainabiyoun Brigade" in first.text_content()
    assert first.locator("table.features tr").count() >= 2
    why = first.locator(".explanation .why").text_content()
    assert "“Zaynabiyoun Brigade” matched the list name" in why


def test_screen_csv_upload(page, live_server, tmp_path):
    csv_file = tmp_path / "names.csv"
    csv_file.write_text("name,schema\nZainabiyoun Brigade,Organization\nNobody Inparticular,Person\n", encoding="utf-8")
    page.goto(live_server["url"] + "/screen")
    page.set_input_files("form.screen-csv input[type=file]", str(csv_file))
    page.click("form.screen-csv button")
    page.wait_for_selector("details.screen-result")
    sections = page.locator("details.screen-result")
    assert sections.count() == 2
    assert "possible match" in sections.nth(0).text_content()
    assert "no match" in sections.nth(1).text_content()


def test_reading_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server['url']}/search?q=Zainabiyoun")
        page.click(f'a[href="/entities/{ZB}"]')
        assert page.locator("#sanctions-badge").is_visible()
        assert page.locator("ol.timeline li.event").count() == 5
        assert not page.locator("#graph").is_visible()
        assert "Islamic Revolutionary Guard Corps" in page.locator("ul.related").inner_text()
        page.click("#sources a >> nth=0")
        assert page.locator("article.text mark.mention").count() > 0
        assert page.locator("table.events tr").count() > 1
    finally:
        context.close()


def test_older_events_link_pages_the_timeline_without_javascript(browser, live_server, monkeypatch):
    """With the dossier cut to two events, the "Older events" links reach all five, each once, with no JS."""
    from threatgraph.api import reading

    monkeypatch.setattr(reading, "PAGE_EVENTS", 2)  # the live server runs this module's code in a thread
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server['url']}/entities/{ZB}")
        assert "Showing the 2 most recently recorded of 5 events" in page.locator("#timeline").inner_text()
        seen = page.locator("ol.timeline li.event").evaluate_all("els => els.map(e => e.id)")
        while page.locator("a[rel=next]").count():
            page.click("a[rel=next]")
            page.wait_for_load_state()
            assert "/timeline?before=" in page.url
            seen += page.locator("ol.timeline li.event").evaluate_all("els => els.map(e => e.id)")
            assert page.locator("ol.timeline li.event time[datetime]").count() >= 1
        assert len(seen) == 5 == len(set(seen))
        assert "No older events." not in page.content()
    finally:
        context.close()
