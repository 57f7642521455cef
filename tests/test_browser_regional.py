"""Regional actors in Chromium, offline: changing a filter reruns the page cleanly and updates the URL; a
shared link reproduces the filtered view."""

import pytest

from .browser_support import PageProbe, choose

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def _first_session_on_home(server, browser):
    """A fresh server's first session resolves deep links against the legacy pages/ folder (file stems) until
    app.py has called st.navigation once, so /regional-actors (file regional_actors.py) would open with a
    'page not found' notice. Open the landing page first, as the generic browser test does."""
    probe = PageProbe(browser, f"{server}/")
    probe.close()


def test_colouring_by_csto_reruns_clean_and_goes_into_the_url(server, browser):
    probe = PageProbe(browser, f"{server}/regional-actors")
    try:
        assert probe.page.locator("h1").first.inner_text().strip() == "Regional actors"
        probe.page.get_by_test_id("stDeckGlJsonChart").wait_for()
        probe.assert_clean()
        choose(probe, "Colour states by", "CSTO status (2022)")
        probe.page.wait_for_url("**colour=csto**")
        probe.page.get_by_text("Memberships are public record", exact=False).first.wait_for()
        probe.assert_clean()
    finally:
        probe.close()


def test_a_shared_link_reproduces_the_filtered_matrix(server, browser):
    probe = PageProbe(browser, f"{server}/regional-actors?stance=strained&issue=border_clashes&level=high")
    try:
        probe.page.get_by_text("Download matrix CSV (2 states)").wait_for(timeout=60_000)
        choose(probe, "Level on that issue", "any level")
        probe.page.get_by_text("Download matrix CSV (3 states)").wait_for()
        assert "level=" not in probe.page.url and "stance=strained" in probe.page.url
        probe.assert_clean()
    finally:
        probe.close()
