"""The Russia–China cooperation page in Chromium, offline: choosing a channel redraws the map, network
and member list and lands in the URL; filtering recommendations does the same — with no console error
and no request leaving the machine."""

import pytest

from .browser_support import PageProbe, choose

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(server, browser):
    """Open the landing page once first: on a server that has never served a session, Streamlit can
    answer a deep link with a spurious "Page not found" notice (streamlit/streamlit#9624), which is no
    fault of this page and would otherwise make the result depend on test order."""
    PageProbe(browser, f"{server}/").close()
    return server


def test_choosing_a_channel_redraws_and_updates_the_url(app, browser):
    probe = PageProbe(browser, f"{app}/russia-china")
    try:
        page = probe.page
        assert page.locator("h1").first.inner_text().strip() == "Russia–China cooperation"
        page.locator('[data-testid="stDeckGlJsonChart"]').first.wait_for()
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
        probe.assert_clean()
        choose(probe, "Channel", "CSTO")
        page.wait_for_url("**channel=csto**")
        page.get_by_text("Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan").wait_for()
        probe.assert_clean()
    finally:
        probe.close()


def test_filtering_recommendations_keeps_the_filter_in_the_url(app, browser):
    probe = PageProbe(browser, f"{app}/russia-china?view=recommendations")
    try:
        page = probe.page
        page.get_by_text("60 of 60").wait_for()
        choose(probe, "Who should act", "Pakistan")
        page.wait_for_url("**actor=pak**")
        assert "view=recommendations" in page.url
        page.get_by_text("1 of 60").wait_for()
        page.get_by_text("Download these 1 recommendation (CSV)").wait_for()
        probe.assert_clean()
    finally:
        probe.close()
