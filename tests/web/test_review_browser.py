"""The review queue in a real browser, without JavaScript at desktop width and with it at 390 px:
decide with the token, the item leaves the queue, the dossier and list entry show the analyst's state."""

from __future__ import annotations

import pytest
from api_archive import ANALYST, IRGC
from sqlalchemy import select, update
from test_accessibility import axe_violations

from archive import add_entity, add_sanction_link
from threatgraph.store.schema import sanction_links

pytestmark = pytest.mark.browser

TOKEN = "t"  # the token the live server is created with (tests/web/conftest.py)
DOUBTFUL = "ent-partial-name"


@pytest.fixture(scope="module")
def queue(live_server):
    """Two possible links (both to sanctions entries) and one entity carrying a partial person name."""
    engine = live_server["engine"]
    judgement = {"state": "possible", "for": ["the listed name, in part"], "against": ["partial name"]}
    add_sanction_link(
        engine, ANALYST, "testlist", "tg-test-person", 0.86, status="possible", explanation={"judgement": judgement}
    )
    add_sanction_link(engine, IRGC, "testlist", "tg-test-fatemiyoun", 0.7, status="possible")
    add_entity(engine, DOUBTFUL, "Hamid Rasul Qadri", "Person", ["Hamid Rasul Qadri", "Rasul Qadri"], mention_count=9)
    # rigour loads its name tables on first use (seconds on a busy machine); the server thread shares this process
    from threatgraph.names.parts import name_symbols

    name_symbols("hamid")
    return live_server


def status(engine, entity_id: str) -> str:
    with engine.connect() as conn:
        return conn.execute(select(sanction_links.c.status).where(sanction_links.c.entity_id == entity_id)).scalar()


def reset(engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(sanction_links).where(sanction_links.c.entity_id.in_([ANALYST, IRGC])).values(status="possible")
        )


def axe_and_width(browser, url: str, width: int) -> tuple[list[str], int]:
    """axe-core's serious/critical findings and the page width, in a JavaScript context of its own."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return [v["id"] for v in axe_violations(page)], page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()


@pytest.mark.parametrize(("width", "javascript"), [(1280, False), (390, True)])
def test_review_queue_flow(browser, queue, width, javascript):
    engine = queue["engine"]
    reset(engine)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript, bypass_csp=javascript
    )
    page = context.new_page()
    try:
        page.goto(queue["url"] + "/review")
        items = page.locator("li.review-item")
        assert items.count() >= 2
        # sanctions entries first, the most mentioned actor (IRGC, 3 mentions) before Rahimi (2)
        assert "Fatemiyoun Division" in items.nth(0).inner_text()
        assert "Karim Abdul Haqqani" in items.nth(1).inner_text()
        assert "partial name" in items.nth(1).locator(".evidence-against").inner_text()
        assert "1971-03-02" in items.nth(1).inner_text()  # the list entry's details beside the link
        assert axe_and_width(browser, queue["url"] + "/review", width) == ([], width)

        # a wrong token changes nothing and says so
        page.fill("form#decide input[name=token]", "wrong")
        items.nth(0).get_by_role("button", name="Reject: not this entry").click()
        page.wait_for_load_state()
        assert "token" in page.inner_text("main") and status(engine, IRGC) == "possible"

        page.goto(queue["url"] + "/review")
        page.fill("form#decide input[name=token]", TOKEN)
        page.locator("li.review-item", has_text="Fatemiyoun Division").get_by_role(
            "button", name="Reject: not this entry"
        ).click()
        page.wait_for_url("**/review")
        assert status(engine, IRGC) == "rejected"
        assert "Fatemiyoun Division" not in page.inner_text("ol.review-queue")

        page.fill("form#decide input[name=token]", TOKEN)
        page.locator("li.review-item", has_text="Karim Abdul Haqqani").get_by_role(
            "button", name="Confirm: same actor"
        ).click()
        page.wait_for_url("**/review")
        assert status(engine, ANALYST) == "confirmed"

        # the dossier and the list entry now show the analyst's state
        page.goto(f"{queue['url']}/entities/{ANALYST}")
        assert page.inner_text("#sanctions-badge").strip().lower() == "sanctioned"
        page.click('a[href="/lists/testlist/tg-test-person"]')
        assert "confirmed" in page.inner_text("#actors").lower()
        assert "Karim Haqani" in page.inner_text("#fields")
        assert axe_and_width(browser, page.url, width) == ([], width)
    finally:
        context.close()


def test_keep_a_doubtful_merge_without_javascript(browser, queue):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(queue["url"] + "/review?kind=merge")
        item = page.locator("li.review-item.merge", has_text="Hamid Rasul Qadri")
        assert "Rasul Qadri" in item.locator(".side.entry").inner_text()
        page.fill("form#decide input[name=token]", TOKEN)
        item.get_by_role("button", name="Keep “Rasul Qadri”").click()
        page.wait_for_url("**/review?kind=merge")
        assert page.locator("li.review-item.merge", has_text="Hamid Rasul Qadri").count() == 0
    finally:
        context.close()
