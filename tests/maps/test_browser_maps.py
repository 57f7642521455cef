"""Every map view in Chromium at 1440×900: the map draws, its colour key is visible under it, and the page
raises no Streamlit exception and logs no console error."""

import pytest

from ..browser_support import PageProbe

pytestmark = pytest.mark.browser

MAP_VIEWS = [
    ("/security-trends?view=map", 'img[alt^="Key, Security events per province"]'),
    ("/regional-actors?view=map", 'img[alt^="Legend, Stance toward the Taliban government:"]'),
    ("/external-powers?view=map", 'img[alt^="Key, Linked to United States: Partner named by the report"]'),
    ("/russia-china?view=members", 'img[alt^="Key, Membership in this channel"]'),
]


@pytest.mark.parametrize("path,key", MAP_VIEWS)
def test_each_map_view_shows_its_key(server, browser, path, key):
    with PageProbe(browser, f"{server}{path}", viewport=(1440, 900)) as probe:
        probe.page.get_by_test_id("stDeckGlJsonChart").wait_for(timeout=60_000)
        image = probe.page.locator(key)
        image.wait_for(timeout=60_000)
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        box = image.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 40  # drawn at a readable size, not collapsed
        probe.assert_clean()
