"""Every page in a real browser (Debian Chromium driven by Playwright), offline: the test fails on
a Streamlit exception, a console error, an uncaught page error, or any request leaving localhost."""

import pytest

from ..browser_support import PageProbe

pytestmark = pytest.mark.browser


# Every page opening clean and offline (a title, no exception, no console error, nothing off the machine) is
# checked where each page is opened anyway: tests/briefing/test_fit_browser.py, at three window sizes.


def test_data_page_switches_dataset_and_keeps_it_in_the_url(server, browser):
    with PageProbe(browser, f"{server}/data?dataset=provinces") as probe:
        assert "Afghanistan's 34 provinces" in probe.page.locator("h2, h3").all_inner_texts()
        probe.assert_clean()
        probe.page.get_by_text("Download provinces.csv (34 rows)").wait_for()


def test_bad_url_parameter_shows_a_notice_in_the_browser(server, browser):
    with PageProbe(browser, f"{server}/data?dataset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E") as probe:
        notice = probe.page.locator('[data-testid="stAlertContentWarning"]').first.inner_text()
        assert "Ignored URL parameter" in notice
        assert probe.page.locator("img[src='x']").count() == 0
        probe.assert_clean()


def test_the_probe_refuses_and_reports_requests_off_the_machine(server, browser):
    """The offline check itself: the page's own requests pass; an image or fetch to another host is refused and
    reported, so assert_clean fails on it."""
    with PageProbe(browser, f"{server}/data") as probe:
        assert probe.external == []
        with probe.page.expect_event("requestfailed"):
            probe.page.evaluate("() => { new Image().src = 'http://evil.example/x.png'; }")
        probe.page.evaluate("() => fetch('https://cdn.example.org/lib.js').catch(() => null)")
        assert probe.external == ["http://evil.example/x.png", "https://cdn.example.org/lib.js"]
        with pytest.raises(AssertionError, match=r"evil\.example"):
            probe.assert_clean()
