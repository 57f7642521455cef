"""An Explore view with a slide recipe offers "Add to briefing": its filters travel with it into the deck."""

import pytest

from ..apptest_support import open_clean, page, query_param

SECURITY = page("pages/security-trends.py")
BRIEFING = page("pages/briefing.py")


def _deck_after_adding(params: dict) -> str:
    at = open_clean(SECURITY, params)
    at.button(key="security.add_to_briefing").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(BRIEFING.script).run()
    assert not at.exception, [e.value for e in at.exception]
    return query_param(at, "deck") or ""


def test_a_view_goes_into_the_deck_with_its_filters():
    deck = _deck_after_adding({"measure": "wounded"})
    assert deck.split(";")[-1] == "security_casualties:measure=wounded"


def test_the_event_map_goes_in_with_its_categories():
    deck = _deck_after_adding({"view": "map", "category": "attack,strike"})
    assert deck.split(";")[-1] == "security_province_map:category=attack|strike"


@pytest.mark.parametrize("view", ["groups", "map"])
def test_views_with_a_recipe_show_the_button(view):
    at = open_clean(SECURITY, {"view": view})
    assert at.button(key="security.add_to_briefing")


def test_views_without_a_recipe_show_no_button():
    at = open_clean(page("pages/russia-china.py"))
    assert not [b for b in at.get("button") if b.proto.label == "Add to briefing"]
