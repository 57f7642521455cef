"""Lookups and controls the cooperation views share: one chosen channel and one set of states across views."""

from afdash.cooperation import channels
from afdash.web import ui
from afdash.web.page import Page

STATE_SETS = {"report": "States the report names", "all": "Every state listed"}


@ui.cached
def lookups() -> dict:
    """Names and sets every view needs, computed once per data folder."""
    return channels.lookups(ui.table("actors"), ui.table("channel_members"), ui.table("channels"),
                            ui.geo_table("countries"))


def channel_select(page: Page) -> str:
    """The same URL-backed select box on the map and the network view, so both follow one chosen channel."""
    return page.select("channel", "Channel", list(ui.table("channels")["channel_id"]), "sco",
                       format_func=lookups()["channels"].get)


def states_radio(page: Page) -> str:
    return page.radio("states", "States shown", list(STATE_SETS), "report", format_func=STATE_SETS.get,
                      horizontal=True)
