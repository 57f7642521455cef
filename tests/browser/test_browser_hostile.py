"""Hostile input in a real browser (Debian Chromium, offline), for every registered page: URL parameters
carrying HTML, Markdown images and script URLs, and data whose text carries the same. Nothing may be
injected into the page (no <img>/<script> from the input, no inline event handlers), no request may leave
the machine (a Markdown image would be one), and the page must show no exception or console error."""

from __future__ import annotations

import os
from urllib.parse import urlencode

import pytest

from afdash.web import site

from ..browser_support import CHROMIUM, PageProbe, start_server, stop_server
from ..house.test_hostile import hostile_data  # noqa: F401  (session fixture: the hostile copy of data/)

pytestmark = pytest.mark.browser

PAYLOAD = '"><img src=x onerror=alert(1)><script>alert(1)</script>![x](http://evil.example/x.png)' \
          "[y](javascript:alert(1)) www.evil.example"

INJECTED = """() => {
  const out = [];
  document.querySelectorAll('img').forEach(i => {
    const s = i.getAttribute('src') || '';
    if (s === 'x' || s.includes('evil')) out.push('img ' + s);
  });
  document.querySelectorAll('script').forEach(s => {
    if ((s.textContent || '').includes('alert(1)')) out.push('script');
  });
  document.querySelectorAll('a[href]').forEach(a => {
    const h = a.getAttribute('href');
    // '#slug' is the in-page anchor Streamlit derives from a heading's (escaped) text: it loads nothing
    if (h.startsWith('javascript:') || (h.includes('evil') && !h.startsWith('#'))) out.push('link ' + h);
  });
  document.querySelectorAll('*').forEach(el => {
    for (const at of el.getAttributeNames()) if (at.startsWith('on')) out.push(el.tagName + ' ' + at);
  });
  return out;
}"""


def _check(probe: PageProbe) -> None:
    assert probe.page.evaluate(INJECTED) == []
    probe.assert_clean()


@pytest.mark.parametrize("page", site.PAGES, ids=lambda p: p.url_path or "home")
def test_hostile_url_parameters_inject_nothing(server, browser, page):
    names = page.view_params()  # the default view's: a hidden view's parameters are not read
    query = urlencode(dict.fromkeys((*names, "unknown"), PAYLOAD))
    with PageProbe(browser, f"{server}{page.path}?{query}") as probe:
        _check(probe)
        notices = probe.page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
        for name in names:
            assert any(name in n for n in notices), notices


@pytest.fixture(scope="session")
def hostile_server(hostile_data):  # noqa: F811
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed")
    proc, url = start_server({"AFDASH_DATA_DIR": str(hostile_data)})
    yield url
    stop_server(proc)


# Where data reaches HTML other than through Streamlit's escaping Markdown, tables and Vega: map tooltips and
# labels (deck.gl), search snippets with their highlights, slides. Every other view is covered by the AppTest
# tier (tests/house/test_hostile.py: every view and sample shows hostile text literally) and by the scan for raw
# HTML in pages and the web layer; here each page opens once as it is first shown, plus those views.
RAW_HTML_SAMPLES = ("view=map&province=AF-KAB", "view=imported-map", "view=members&channel=csto", "view=map&power=pak",
                    "q=ISKP", "present=1&slide=5")


def _hostile_views() -> list[tuple[site.PageSpec, str]]:
    out = [(p, q) for p in site.PAGES for q in ("", *(s for s in p.samples if s in RAW_HTML_SAMPLES))]
    assert len(out) == len(site.PAGES) + len(RAW_HTML_SAMPLES), "a sample named above is no longer a page sample"
    return out


@pytest.mark.parametrize("view", _hostile_views(), ids=lambda v: f"{v[0].url_path or 'home'}?{v[1]}")
def test_hostile_data_injects_nothing(hostile_server, browser, view):
    page, query = view
    with PageProbe(browser, f"{hostile_server}{page.path}{'?' + query if query else ''}") as probe:
        _check(probe)


@pytest.fixture(scope="session")
def broken_server(tmp_path_factory):
    """The app started on a data folder whose clean/ files are gone: what a user sees after a bad copy."""
    import shutil

    from ..conftest import DATA

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed")
    data = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".clean-*"))
    for f in (data / "clean").iterdir():
        f.write_bytes(b"corrupt")
    proc, url = start_server({"AFDASH_DATA_DIR": str(data)})
    yield url
    stop_server(proc)


@pytest.mark.parametrize("page", site.PAGES, ids=lambda p: p.url_path or "home")
def test_corrupt_data_shows_a_clear_error_page_not_a_traceback(broken_server, browser, page):
    with PageProbe(browser, f"{broken_server}{page.path}") as probe:
        error = probe.page.locator('[data-testid="stAlertContentError"]').first.inner_text()
        assert "cannot be used" in error and "rebuild" in error, error
        probe.assert_clean()  # no stException box, no console error, nothing off the machine
