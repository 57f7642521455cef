"""Briefing in a real browser (Debian Chromium via Playwright), offline: presentation mode, next/previous by
button and by key (arrows and the PageUp/PageDown a presenter's clicker sends), jump by URL, reload on the same
slide; the exported HTML opened from disk with networking disabled; the PowerPoint downloaded from the page."""

import io
import re
from urllib.parse import urlparse

import pytest

from afdash.briefing import deck as decks
from afdash.briefing import exports
from afdash.briefing import registry as recipes

from ..browser_support import PageProbe

pytestmark = pytest.mark.browser

TITLES = {2: "Civilian casualties: lower since the takeover, still high", 3: "ISIS-Khorasan is growing",
          4: "A haven for foreign fighters", 7: "Refugees strain relations with Iran"}


def _slide_param(page) -> str | None:
    m = re.search(r"[?&]slide=(\d+)", page.url)
    return m.group(1) if m else None


def _click(probe: PageProbe, key: str) -> None:
    """Click a keyed Streamlit button once the page has settled. (Streamlit keeps an invisible copy of a
    button in a column to measure its label, so only the visible one is clicked.)"""
    from playwright.sync_api import expect

    probe.wait_idle()
    button = probe.page.locator(f".st-key-{key} button").filter(visible=True)
    expect(button).to_have_count(1, timeout=30_000)
    button.click()


def _wait_for_slide(probe: PageProbe, n: int) -> None:
    probe.page.wait_for_url(re.compile(rf"[?&]slide={n}(&|$)"), timeout=60_000)
    probe.wait_idle()
    probe.page.get_by_role("heading", level=1, name=TITLES[n]).wait_for(timeout=60_000)


def test_presentation_mode_moves_by_button_and_key_and_survives_reload(server, browser):
    with PageProbe(browser, f"{server}/briefing?present=1&slide=2", viewport=(1920, 1080)) as probe:
        page = probe.page
        page.get_by_role("heading", level=1, name=TITLES[2]).wait_for()
        assert not page.locator('[data-testid="stSidebar"]').is_visible()  # chrome hidden
        assert not page.locator('[data-testid="stHeader"]').is_visible()
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
        _click(probe, "briefing_next")
        _wait_for_slide(probe, 3)
        page.keyboard.press("ArrowLeft")
        _wait_for_slide(probe, 2)
        page.keyboard.press("ArrowRight")
        _wait_for_slide(probe, 3)
        page.keyboard.press("PageDown")  # a presenter's clicker
        _wait_for_slide(probe, 4)
        page.keyboard.press("PageUp")
        _wait_for_slide(probe, 3)
        _click(probe, "briefing_prev")
        _wait_for_slide(probe, 2)
        page.keyboard.press("r")  # reserved by Streamlit (rerun): must not move the deck
        probe.wait_idle()
        assert _slide_param(page) == "2"
        page.reload()
        probe.wait_idle()
        page.get_by_role("heading", level=1, name=TITLES[2]).wait_for()
        assert "present=1" in page.url and _slide_param(page) == "2"
        probe.assert_clean()


def test_jump_to_slide_n_by_url_and_a_bad_number_falls_back_to_one(server, browser):
    with PageProbe(browser, f"{server}/briefing?slide=7") as probe:
        probe.page.get_by_role("heading", level=2, name=TITLES[7]).wait_for()
        probe.assert_clean()
    with PageProbe(browser, f"{server}/briefing?slide=%3Cb%3E99") as probe:
        notice = probe.page.locator('[data-testid="stAlertContentWarning"]').first.inner_text()
        assert "Ignored URL parameter slide=" in notice
        probe.page.get_by_role("heading", level=2, name="Afghanistan after the U.S. withdrawal").wait_for()
        assert probe.page.locator("b", has_text="99").count() == 0
        probe.assert_clean()


@pytest.fixture(scope="session")
def default_slides():
    return decks.build_deck(decks.DEFAULT_DECK, recipes.Tables())


def test_exported_html_shows_every_slide_offline_without_console_errors(browser, default_slides, tmp_path):
    path = tmp_path / "briefing.html"
    path.write_bytes(exports.render("html", default_slides))
    context = browser.new_context(viewport={"width": 1600, "height": 900}, offline=True)
    errors, outside = [], []

    def route(r):
        if urlparse(r.request.url).scheme in ("file", "data", "blob"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.as_uri())
        n = len(default_slides)
        assert page.locator("section.slide").count() == n
        for i, slide in enumerate(default_slides, start=1):
            active = page.locator("section.slide.active")
            assert active.get_attribute("id") == f"slide-{i}"
            assert active.locator("h1").inner_text() == slide.title
            active.locator(".vis svg.marks").wait_for(timeout=30_000)
            assert active.locator(".vis svg.marks path, .vis svg.marks text").count() > 3, f"slide {i}: empty chart"
            assert page.url.endswith(f"#{i}")
            page.keyboard.press("ArrowRight")
        page.keyboard.press("PageUp")
        assert page.locator("section.slide.active").get_attribute("id") == f"slide-{n - 1}"
        page.goto(path.as_uri() + "#5")
        page.reload()
        assert page.locator("section.slide.active").get_attribute("id") == "slide-5"
        assert not errors, errors
        assert not outside, outside
    finally:
        context.close()


def test_powerpoint_downloaded_from_the_page_has_every_slide_image_and_notes(server, browser):
    from pptx import Presentation

    with PageProbe(browser, f"{server}/briefing") as probe:
        probe.page.get_by_text("Export", exact=True).click()
        probe.wait_idle()
        with probe.page.expect_download(timeout=300_000) as info:
            _click(probe, "briefing_dl_pptx")
        download = info.value
        assert download.suggested_filename == "afdash_briefing_default.pptx"
        prs = Presentation(io.BytesIO(download.path().read_bytes()))
        assert len(prs.slides) == len(decks.DEFAULT_DECK)
        for s in prs.slides:
            assert sum(1 for sh in s.shapes if sh.shape_type == 13) == 1
            assert "Source: RIAC–PKU IISS Report 80/2022" in s.notes_slide.notes_text_frame.text
        probe.assert_clean()
