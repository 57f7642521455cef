"""In Chromium: the sidebar box on any page opens /search with the query; a hit's link opens the view that
shows its row, with the row on screen; adding a hit puts it in the briefing deck."""

import pytest

from tests.browser_support import PageProbe

pytestmark = pytest.mark.browser


def test_sidebar_box_search_and_deep_link(browser, server):
    with PageProbe(browser, f"{server}/data") as probe:
        page = probe.page
        box = page.locator(".st-key-sidebar-search input")
        box.wait_for(timeout=60_000)
        box.fill("ISKP attacks")
        box.press("Enter")
        page.wait_for_url("**/search?q=ISKP*", timeout=60_000)
        page.get_by_text("row(s) match").wait_for(timeout=60_000)
        probe.wait_idle()
        assert page.locator("h4").first.inner_text().startswith("ISIS-K")
        link = page.locator("a:has-text('Open in')").first
        link.click()
        page.wait_for_url("**/security-trends?view=events*", timeout=60_000)
        probe.wait_idle()
        assert "category=attack" in page.url
        # the list is a canvas grid: its caption and heading say which rows it holds
        assert page.get_by_text("period 2022-04-01 to 2022-04-01; categories: Attack").count() >= 1
        assert page.get_by_text("Events (6)").count() >= 1
        probe.assert_clean()


def test_add_to_briefing_appends_a_fact_slide(browser, server):
    with PageProbe(browser, f"{server}/search?q=Tunxi+Initiative") as probe:
        page = probe.page
        page.get_by_text("row(s) match").wait_for(timeout=60_000)
        # the page's own box is the only one: the sidebar's is left out here
        assert page.locator(".st-key-sidebar-search").count() == 0
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert ":small[" not in main and "fn. " in main  # each hit's source line, drawn in small type
        page.locator("button:has-text('Add to briefing')").first.click()
        page.get_by_text("Added to the briefing as slide 14").wait_for(timeout=60_000)
        page.locator('[data-testid="stSidebarNav"]').get_by_text("Briefing", exact=True).click()
        page.wait_for_url("**/briefing**", timeout=60_000)
        probe.wait_idle()
        assert "framing_fact" in page.url, page.url
        probe.assert_clean()
