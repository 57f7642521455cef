"""An Explore view with a slide recipe offers "Add to briefing": its filters travel with it into the deck."""

import pytest

from ..apptest_support import open_clean, page, query_param

SECURITY = page("pages/security-trends.py")
BRIEFING = page("pages/briefing.py")


def _deck_after_adding(params: dict, script=SECURITY, scope: str = "security") -> str:
    at = open_clean(script, params)
    at.button(key=f"{scope}.add_to_briefing").click().run()
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


def test_a_toggle_and_a_list_travel_in_the_deck_in_their_url_spelling():
    deck = _deck_after_adding({"view": "dyads", "where": "AFG,PAK", "afg": "1"})
    assert deck.split(";")[-1] == "security_record_dyads:afg=1,where=AFG|PAK"


def test_a_cooperation_view_goes_into_the_deck_with_its_channel():
    deck = _deck_after_adding({"view": "members", "channel": "csto"}, page("pages/russia-china.py"), "russia_china")
    assert deck.split(";")[-1] == "cooperation_members:channel=csto"
