"""External powers in a real browser, offline: open the default view and the map view by URL, change the
map's power and the timeline's context and check the page reruns clean, the URL follows, and nothing leaves
the machine."""

import re

import pytest

from afdash.external import united_states
from afdash.store import loaders

from ..browser_support import PageProbe

pytestmark = pytest.mark.browser


def _rows_label(probe) -> int:
    text = probe.page.get_by_text(re.compile(r"^Download these \d+ rows \(CSV\)$")).inner_text()
    return int(re.search(r"\d+", text).group())


def test_default_view_opens_clean_with_one_chart_and_no_map(server, browser):
    with PageProbe(browser, f"{server}/external-powers") as probe:
        assert probe.page.locator("h1").first.inner_text().strip() == "External powers"
        probe.page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
        table = probe.page.locator('[data-testid="stMarkdown"] table').first  # the U.S. instruments, as Markdown
        table.wait_for()
        probe.wait_idle()
        assert table.locator("tbody tr").count() == 18 and "What happened" in table.locator("thead").inner_text()
        assert probe.page.locator('[data-testid="stDataFrame"]').count() == 0
        assert probe.page.locator('[data-testid="stVegaLiteChart"]').count() == 1
        assert probe.page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0
        probe.assert_clean()


def test_switching_the_map_power_reruns_clean_and_updates_the_url(server, browser):
    with PageProbe(browser, f"{server}/external-powers?view=map") as probe:
        assert probe.page.locator("h1").first.inner_text().strip() == "External powers"
        probe.page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for()
        probe.assert_clean()
        box = probe.page.locator('[data-testid="stSelectbox"]').filter(has_text="Power to show")
        box.click()
        probe.page.keyboard.type("Qatar")
        probe.page.keyboard.press("Enter")
        probe.page.wait_for_function("() => new URLSearchParams(location.search).get('power') === 'qat'")
        probe.wait_idle()
        probe.page.get_by_text("Qatar: not drawn on this map").wait_for()
        assert "view=map" in probe.page.url
        probe.assert_clean()


def test_context_toggle_adds_the_pre_withdrawal_rows(server, browser):
    ins, ev = loaders.load_table("us_instruments"), loaders.load_table("events")
    kf = loaders.load_table("key_figures")
    after = len(united_states.us_timeline(ins, ev, kf, ["diplomatic"]))
    with_context = len(united_states.us_timeline(ins, ev, kf, ["diplomatic"], include_context=True))
    assert with_context == after + 1  # the February 2020 Doha agreement
    with PageProbe(browser, f"{server}/external-powers?instrument=diplomatic") as probe:
        assert _rows_label(probe) == after
        probe.page.get_by_text("Include 2020–April 2021 context").click()
        probe.page.wait_for_function("() => new URLSearchParams(location.search).get('context') === '1'")
        probe.wait_idle()
        probe.page.get_by_text(f"Download these {with_context} rows (CSV)").wait_for()
        assert "instrument=diplomatic" in probe.page.url
        probe.assert_clean()
