"""A bookmark opens the real app: the first visitor of a freshly started server who opens a page by its own
URL gets app.py's page config and navigation (titles in the sidebar), not Streamlit's pages-folder mode."""

import pytest

from afdash.web import site

from ..browser_support import PageProbe, start_server, stop_server

pytestmark = pytest.mark.browser


# Every page takes the same path on a first visit (afdash.web.ui.guarded): a page with a map and a page without one
# show it; each needs a server nobody has visited yet.
BOOKMARKED = ("security-trends", "data")


@pytest.mark.parametrize("page", [p for p in site.PAGES if p.url_path in BOOKMARKED], ids=lambda p: p.url_path)
def test_first_visit_by_bookmark_serves_the_real_navigation(browser, page):
    proc, url = start_server()  # fresh: nobody has opened / yet
    try:
        with PageProbe(browser, f"{url}{page.path}") as probe:
            sidebar = probe.page.locator('[data-testid="stSidebarNav"]')
            for p in site.PAGES:  # the page reruns once to leave the pages-folder mode: wait for its navigation
                sidebar.get_by_text(p.title, exact=True).first.wait_for(timeout=20_000)
            probe.wait_idle()
            nav = sidebar.inner_text()
            assert "home" not in nav.split() and "app" not in nav.split(), nav
            assert probe.page.title().startswith("afdash"), probe.page.title()
            probe.assert_clean()
    finally:
        stop_server(proc)
