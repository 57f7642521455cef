"""The Russia–China cooperation page in Chromium, offline: the default view's Russia-and-China switch (the
benchmark's interaction) reruns and lands in the URL; choosing a channel on the map view redraws the map and
member list and lands in the URL; filtering recommendations does the same — with no console error and no
request leaving the machine."""

import pytest

from ..browser_support import PageProbe, choose

pytestmark = pytest.mark.browser


def test_default_view_switch_reruns_and_updates_the_url(server, browser):
    with PageProbe(browser, f"{server}/russia-china") as probe:
        page = probe.page
        assert page.locator("h1").first.inner_text().strip() == "Russia–China cooperation"
        page.locator('[data-testid="stMarkdownContainer"] table').first.wait_for()  # the catalogue, wrapped
        page.get_by_text("Download these 20 channels (CSV)").wait_for()
        assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0
        probe.assert_clean()
        # what the benchmark does: radio:Russia and China=Both take part
        group = page.get_by_test_id("stRadio").filter(has=page.get_by_test_id("stWidgetLabel").filter(
            has_text="Russia and China")).first
        group.get_by_text("Both take part", exact=True).first.click()
        page.wait_for_url("**together=both**")
        probe.wait_idle()
        page.get_by_text("Download these 12 channels (CSV)").wait_for()
        probe.assert_clean()


def test_choosing_a_channel_redraws_and_updates_the_url(server, browser):
    with PageProbe(browser, f"{server}/russia-china?view=members") as probe:
        page = probe.page
        assert page.locator("h1").first.inner_text().strip() == "Russia–China cooperation"
        page.locator('[data-testid="stDeckGlJsonChart"]').first.wait_for()
        probe.assert_clean()
        choose(probe, "Channel", "CSTO")
        page.wait_for_url("**channel=csto**")
        assert "view=members" in page.url
        page.get_by_text("Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan").wait_for()
        probe.assert_clean()


def test_filtering_recommendations_keeps_the_filter_in_the_url(server, browser):
    with PageProbe(browser, f"{server}/russia-china?view=recommendations") as probe:
        page = probe.page
        page.get_by_text("60 of 60").wait_for()
        choose(probe, "Who should act", "Pakistan")
        page.wait_for_url("**actor=pak**")
        assert "view=recommendations" in page.url
        page.get_by_text("1 of 60").wait_for()
        page.get_by_text("Download these 1 recommendation (CSV)").wait_for()
        probe.assert_clean()
