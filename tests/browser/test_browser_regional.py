"""Regional actors in Chromium, offline: changing a filter reruns the page cleanly and updates the URL; a
shared link reproduces the filtered view; every view opens from its URL and from the view switch."""

import pytest

from ..browser_support import PageProbe, choose

pytestmark = pytest.mark.browser


def test_colouring_by_csto_reruns_clean_and_goes_into_the_url(server, browser):
    with PageProbe(browser, f"{server}/regional-actors") as probe:
        assert probe.page.locator("h1").first.inner_text().strip() == "Regional actors"
        probe.page.get_by_test_id("stDeckGlJsonChart").wait_for()
        probe.page.locator('img[alt^="Legend, Stance toward the Taliban government:"]').wait_for()
        assert probe.page.get_by_test_id("stVegaLiteChart").count() == 0
        probe.assert_clean()
        choose(probe, "Colour states by", "CSTO status (2022)")
        probe.page.wait_for_url("**colour=csto**")
        probe.page.get_by_text("Memberships are public record", exact=False).first.wait_for()
        probe.page.locator('img[alt^="Legend, CSTO status (2022): Member: Tajikistan"]').wait_for()
        probe.assert_clean()


def test_a_shared_link_reproduces_the_filtered_matrix(server, browser):
    url = f"{server}/regional-actors?view=matrix&stance=strained&issue=border_clashes&level=high"
    with PageProbe(browser, url) as probe:
        probe.page.get_by_text("Download matrix CSV (2 states)").wait_for(timeout=60_000)
        choose(probe, "Level on that issue", "any level")
        probe.page.get_by_text("Download matrix CSV (3 states)").wait_for()
        url = probe.page.url
        assert "level=" not in url and "stance=strained" in url and "view=matrix" in url
        assert probe.page.get_by_test_id("stDeckGlJsonChart").count() == 0, "only the chosen view is drawn"
        probe.assert_clean()


@pytest.mark.parametrize("query,text", [
    ("view=compare&a=CHN&b=TJK", "Tajikistan"),
    ("view=profile&state=TJK", "Dated events involving Tajikistan"),
])
def test_each_view_opens_from_its_url(server, browser, query, text):
    with PageProbe(browser, f"{server}/regional-actors?{query}") as probe:
        probe.page.get_by_text(text).first.wait_for(timeout=60_000)
        assert probe.page.get_by_test_id("stDeckGlJsonChart").count() == 0
        assert f"?{query}" in probe.page.url
        probe.assert_clean()


def test_the_view_switch_goes_into_the_url_and_back(server, browser):
    with PageProbe(browser, f"{server}/regional-actors?colour=csto") as probe:
        probe.page.get_by_test_id("stDeckGlJsonChart").wait_for(timeout=60_000)
        probe.page.get_by_test_id("stRadio").get_by_text("Side by side", exact=True).click()
        probe.page.wait_for_url("**view=compare**")
        probe.page.get_by_role("heading", name="Pakistan").first.wait_for()
        assert "colour=csto" in probe.page.url, "the hidden map's colouring stays in the URL"
        probe.page.get_by_test_id("stRadio").get_by_text("Map", exact=True).click()
        probe.page.locator('img[alt^="Legend, CSTO status (2022):"]').wait_for()
        assert "view=" not in probe.page.url
        probe.assert_clean()
