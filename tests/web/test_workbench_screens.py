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
