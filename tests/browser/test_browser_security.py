"""Security trends in Chromium, offline: a measure change reruns cleanly and lands in the URL; hovering a
province shows its count and events; clicking a province on the map filters the event list."""

from __future__ import annotations

import json
import math

import pytest

from ..browser_support import PageProbe
from ..conftest import DATA

pytestmark = pytest.mark.browser

PAGE = "security-trends"


def _label_point(iso: str) -> tuple[float, float]:
    fc = json.loads((DATA / "clean" / "provinces.geojson").read_text())
    p = next(f["properties"] for f in fc["features"] if f["properties"]["iso_3166_2"] == iso)
    return p["label_lon"], p["label_lat"]


def _to_pixels(lon: float, lat: float, box: dict) -> tuple[float, float]:
    """Where deck.gl's Web Mercator view (afdash.security.event_map.VIEW) draws a lon/lat inside the canvas."""
    from afdash.security.event_map import VIEW

    size = 512 * 2 ** VIEW["zoom"]

    def project(lo: float, la: float) -> tuple[float, float]:
        x = (lo + 180) / 360 * size
        y = (math.pi - math.log(math.tan(math.pi / 4 + math.radians(la) / 2))) / (2 * math.pi) * size
        return x, y

    cx, cy = project(VIEW["longitude"], VIEW["latitude"])
    x, y = project(lon, lat)
    return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)


def _open(server, browser, query: str = "") -> PageProbe:
    return PageProbe(browser, f"{server}/{PAGE}{query}")


@pytest.fixture
def probe(server, browser):
    with _open(server, browser) as p:
        yield p


@pytest.fixture
def map_probe(server, browser):
    with _open(server, browser, "?view=map") as p:
        yield p


def _canvas(probe: PageProbe):
    canvas = probe.page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(state="visible")
    # Playwright's own scrolling waits for two identical animation frames, which software WebGL can delay.
    canvas.evaluate("e => e.scrollIntoView({block: 'center'})")
    return canvas


def test_measure_change_reruns_clean_and_updates_the_url(probe):
    page = probe.page
    probe.assert_clean()
    assert page.locator("h1").first.inner_text().strip() == "Security trends"
    page.locator('[data-testid="stRadio"]').get_by_text("Killed", exact=True).click()
    page.wait_for_function("() => location.search.includes('measure=fatalities')", timeout=60_000)
    probe.wait_idle()
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[0] == "1,426"
    probe.assert_clean()


def test_hover_and_click_on_a_province(map_probe):
    probe = map_probe
    page = probe.page
    canvas = _canvas(probe)
    box = canvas.bounding_box()
    kx, ky = _to_pixels(*_label_point("AF-KAN"), box)  # the province's centre, clear of the city's dot
    tooltip = page.locator(".deck-tooltip")
    for _ in range(20):  # deck.gl draws (software WebGL) a moment after the canvas exists
        page.mouse.move(kx + 1, ky + 1)
        page.mouse.move(kx, ky)
        if tooltip.count() and "Kandahar province (AF-KAN)" in (tooltip.first.inner_text() or ""):
            break
        page.wait_for_timeout(500)
    text = tooltip.first.inner_text()
    assert "Kandahar province (AF-KAN)" in text and "1 event in the current filters" in text
    assert "ISIS-K attack campaign hits Kandahar" in text

    page.mouse.click(kx, ky)
    page.wait_for_function("() => location.search.includes('province=AF-KAN')"
                           " && location.search.includes('view=map')", timeout=60_000)
    probe.wait_idle()
    # the URL changes inside the rerun; wait for that rerun's widgets rather than sampling mid-run
    # the selectbox shows its choice either as text or as its input's value, depending on the render path
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stSelectbox"]')].some(
               e => e.innerText.includes('Kandahar (AF-KAN)')
                    || [...e.querySelectorAll('input')].some(i => i.value.includes('Kandahar (AF-KAN)')))""",
        timeout=60_000,
    )
    probe.wait_idle()
    assert page.get_by_text("Events (1)").count() == 1
    assert page.get_by_text("ISIS-K attack campaign hits Kandahar").count() >= 1  # the province's event, listed
    probe.assert_clean()


def test_switching_views_keeps_the_filters(probe):
    page = probe.page
    page.locator('[data-testid="stRadio"]').get_by_text("Event list", exact=True).click()
    page.wait_for_function("() => location.search.includes('view=events')", timeout=60_000)
    probe.wait_idle()
    page.locator('[data-testid="stMarkdownContainer"] table').first.wait_for(state="visible")  # the event list
    page.locator('[data-testid="stRadio"]').get_by_text("Event timeline", exact=True).click()
    page.wait_for_function("() => location.search.includes('view=timeline')", timeout=60_000)
    probe.wait_idle()
    page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for()
    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0  # one view drawn at a time
    probe.assert_clean()
