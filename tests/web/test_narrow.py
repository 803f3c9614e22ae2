"""At a phone's width (390 px) no page is wider than the screen: tables stack, long ids wrap."""

from __future__ import annotations

import httpx
import pytest
from test_accessibility import pages

pytestmark = pytest.mark.browser


def test_no_page_scrolls_sideways_at_390px(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide: dict[str, int] = {}
    try:
        for path in pages(live_server):
            page.goto(live_server["url"] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide[path] = width
    finally:
        context.close()
    assert wide == {}, wide


def test_timestamps_are_human_and_in_the_readers_zone(browser, live_server):
    """Alerts and watches show minutes, not microseconds; with JS the reader's zone, without it UTC."""
    added = httpx.post(
        live_server["url"] + "/watches",
        json={"name": "Zainabiyoun Brigade", "note": "timestamp test"},
        headers={"Authorization": "Bearer t"},
    )
    assert added.status_code == 201, added.text
    for js, zone in ((False, "UTC"), (True, "Asia/Kolkata")):
        context = browser.new_context(java_script_enabled=js, timezone_id=zone, locale="en-GB")
        page = context.new_page()
        try:
            page.goto(live_server["url"] + "/watches")
            stamps = page.locator("time.ts")
            text = stamps.first.inner_text()
            assert "." not in text.split(",")[-1], text  # no fractional seconds
            if js:
                assert stamps.first.get_attribute("data-local") == "1"
                assert "GMT+5:30" in text or "IST" in text, text
            else:
                assert text.endswith("UTC"), text
        finally:
            context.close()
