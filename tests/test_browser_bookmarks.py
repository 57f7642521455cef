"""A bookmark opens the real app: the first visitor of a freshly started server who opens a page by its own
URL gets app.py's page config and navigation (titles in the sidebar), not Streamlit's pages-folder mode."""

import pytest

from afdash import site

from .browser_support import PageProbe, start_server, stop_server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", [p for p in site.PAGES if p.url_path], ids=lambda p: p.url_path)
def test_first_visit_by_bookmark_serves_the_real_navigation(browser, page):
    proc, url = start_server()  # fresh: nobody has opened / yet
    try:
        probe = PageProbe(browser, f"{url}{page.path}")
        try:
            nav = probe.page.locator('[data-testid="stSidebarNav"]').inner_text()
            for p in site.PAGES:
                assert p.title in nav, f"{p.title!r} missing from the sidebar: {nav!r}"
            assert "home" not in nav.split() and "app" not in nav.split(), nav
            assert probe.page.title().startswith("afdash"), probe.page.title()
            probe.assert_clean()
        finally:
            probe.close()
    finally:
        stop_server(proc)
