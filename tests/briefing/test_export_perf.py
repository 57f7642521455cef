"""Each export of the default deck is ready within EXPORT_BUDGET_S on this machine, counted as a briefer meets
it: the deck already on screen (slides built), charts not yet drawn, vl-convert loaded."""

import time

import pytest

from afdash.briefing import deck as decks
from afdash.briefing import exports, images
from afdash.briefing import registry as recipes

pytestmark = pytest.mark.perf

EXPORT_BUDGET_S = 10.0


@pytest.fixture
def fresh_slides():
    slides = decks.build_deck(decks.DEFAULT_DECK, recipes.Tables())
    for s in slides:
        _ = s.spec  # what the page has already computed to show the slides
    images.javascript_bundle()  # once per server process (cached)
    images.svg(slides[1].spec)  # vl-convert's engine started
    return slides


@pytest.mark.parametrize("kind", ["html", "pptx", "pdf"])
def test_deck_export_within_budget(fresh_slides, kind):
    t0 = time.perf_counter()
    data = exports.render(kind, fresh_slides)
    took = time.perf_counter() - t0
    assert data and took <= EXPORT_BUDGET_S, f"{kind}: {took:.1f} s"


@pytest.mark.parametrize("kind", exports.CHART_KINDS)
def test_chart_file_within_budget(fresh_slides, kind):
    t0 = time.perf_counter()
    exports.chart_file(kind, fresh_slides[3])
    assert time.perf_counter() - t0 <= EXPORT_BUDGET_S
