"""The analyst's workbench in Debian chromium: map, activity chart and the archive view, screenshots in docs/."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_archive import ZB

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_dossier_map_and_chart_render_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server['url']}/entities/{ZB}")
        section = page.locator("#where-when")
        section.scroll_into_view_if_needed()
        for img in ("img.map", "img.chart"):
            loaded = section.locator(img).evaluate("i => i.complete && i.naturalWidth > 0")
            assert loaded, f"{img} did not load"
        DOCS.mkdir(exist_ok=True)
        section.screenshot(path=str(DOCS / "dossier-map-activity.png"))
    finally:
        context.close()


def test_archive_activity_view_with_filters(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server['url']}/activity")
        first_type = page.locator("form.filters select[name=type] option").first.inner_text()
        page.select_option("form.filters select[name=type]", first_type)
        page.click("form.filters button")
        page.wait_for_url("**/activity?**type=*")
        assert page.locator("img.map").evaluate("i => i.complete && i.naturalWidth > 0")
        assert page.locator("#activity-actors tr").count() >= 2
        page.screenshot(path=str(DOCS / "activity.png"), full_page=True)
    finally:
        context.close()


def test_csv_screening_summary_sorts_and_downloads(browser, live_server, tmp_path):
    names = ["Zainabiyoun Brigade", "Nobody Inparticular", "Karim Haqani", "Ahmad Rahimi", "Alpha Omega Trading"]
    csv_file = tmp_path / "names.csv"
    csv_file.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(live_server["url"] + "/screen")
        page.set_input_files("form.screen-csv input[type=file]", str(csv_file))
        page.click("form.screen-csv button")
        page.wait_for_selector("table.summary")
        rows = page.locator("table.summary tbody tr")
        assert rows.count() == len(names)
        # the page stays short: each name's candidates are folded away under the table
        assert page.evaluate("document.documentElement.scrollHeight") < 2500
        page.click("table.summary th:nth-child(3) button")
        page.click("table.summary th:nth-child(3) button")  # descending: the best score first
        assert page.locator("table.summary th:nth-child(3)").get_attribute("aria-sort") == "descending"
        scores = rows.locator("td:nth-child(3)").evaluate_all("cs => cs.map(c => parseFloat(c.dataset.value))")
        assert scores == sorted(scores, reverse=True)
        page.screenshot(path=str(DOCS / "screen-csv.png"), full_page=True)
        with page.expect_download() as dl:
            page.click("form.export button[value=xlsx]")
        assert dl.value.suggested_filename == "names-screening.xlsx"
        saved = tmp_path / "out.xlsx"
        dl.value.save_as(saved)
        assert saved.read_bytes()[:2] == b"PK"
    finally:
        context.close()


def test_relations_graph_is_legible_filtered_and_expandable(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server['url']}/entities/{ZB}")
        page.wait_for_selector("#graph[data-ready='1']", timeout=10_000)
        cy = "document.getElementById('graph')._cy"
        assert page.evaluate(f"{cy}.zoom()") >= 0.95  # 13 px labels stay at least ~12 px on screen
        # event relations shown; "named in the same articles" is off by default
        assert page.evaluate(f"{cy}.edges('[kind = \"cooccurrence\"]').not('.hidden').length") == 0
        shown = page.evaluate(f"{cy}.edges().not('.hidden').length")
        assert shown >= 1
        first_type = page.locator("#graph-controls input[id^=g-t-]").first
        first_type.uncheck()
        assert page.evaluate(f"{cy}.edges().not('.hidden').length") < shown
        first_type.check()
        page.check("#g-co")
        assert page.evaluate(f"{cy}.edges('[kind = \"cooccurrence\"]').not('.hidden').length") >= 1
        page.fill("#g-from", "2100-01-01")
        page.dispatch_event("#g-from", "change")
        assert page.evaluate(f"{cy}.edges().not('.hidden').length") == 0
        page.fill("#g-from", "")
        page.dispatch_event("#g-from", "change")
        before = page.evaluate(f"{cy}.nodes().length")
        other = page.evaluate(f"{cy}.nodes('[centre = 0]').not('.hidden')[0].id()")
        page.evaluate(f"{cy}.getElementById('{other}').emit('tap')")
        page.wait_for_selector("#graph-node a")
        assert page.locator("#graph-node a").get_attribute("href") == f"/entities/{other}"
        page.wait_for_timeout(500)
        assert page.evaluate(f"{cy}.nodes().length") >= before
        page.locator("#relations").screenshot(path=str(DOCS / "graph.png"))
    finally:
        context.close()


def test_upload_an_article_from_the_browser_with_progress(browser, live_server, tmp_path):
    article = tmp_path / "report.txt"
    article.write_text(
        "---\ntitle: Upload test\npublished: 2024-03-02\n---\n"
        "Police in Quetta arrested two members of the Zainabiyoun Brigade on Monday, officials said.\n",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server["url"] + "/upload")
        page.set_input_files("form.upload-articles input[type=file]", str(article))
        page.click("form.upload-articles button")
        assert "token" in page.locator("#upload-message").inner_text().lower()  # refused before sending
        page.fill("#upload-token", "t")
        page.click("form.upload-articles button")
        page.locator("#upload-message", has_text="Done.").wait_for(timeout=60_000)
        assert "1 ingested, 0 duplicates, 0 failed" in page.locator("#upload-message").inner_text()
        assert page.locator("#upload-progress").get_attribute("value") == "100"
        page.screenshot(path=str(DOCS / "upload.png"), full_page=True)
    finally:
        context.close()
