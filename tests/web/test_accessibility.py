"""axe-core on every page, in Debian chromium: no serious or critical accessibility issue anywhere.

axe-core's own script comes from the ``axe-playwright-python`` wheel (a dev dependency), injected into
each page; the context bypasses the app's CSP only so that the injected script may run.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from api_archive import ZB

pytestmark = pytest.mark.browser

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}


def pages(ids: dict) -> list[str]:
    article = ids["articles"][0]
    return [
        "/",
        "/search?q=Zainabiyoun",
        f"/entities/{ZB}",
        f"/entities/{ZB}/timeline",
        "/articles",
        f"/articles/{article}",
        "/screen",
        "/screen?name=Zainabiyoun+Brigade",
        "/watches",
        "/alerts",
        "/sources",
        "/api",
        "/activity",
        "/upload",
        "/review",
        "/hits",
        "/lists/testlist/tg-test-zainabiyoun",
        f"/entities/{ZB}/merge?q=Islamic+Revolutionary+Guard+Corps",
        "/entities/ent-none-such",
    ]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


@pytest.mark.parametrize("width", [1440, 390])
def test_no_serious_or_critical_issue_on_any_page(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for path in pages(live_server):
            page.goto(live_server["url"] + path)
            page.wait_for_load_state("networkidle")
            bad = axe_violations(page)
            if bad:
                found[path] = [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes" for v in bad]
    finally:
        context.close()
    assert found == {}, found
