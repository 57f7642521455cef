"""One outside power on the map: itself or its members, partners the report names, and its presence."""

import streamlit as st

from afdash.core.safe import md
from afdash.external import players, powers, vocabulary
from afdash.web import ui
from afdash.web.page import Page
from pages.external.shared import names


@ui.cached
def _rep_points() -> dict:
    return powers.representative_points(ui.geo("countries"))


@ui.cached
def _power_rows(power: str):
    """One power's rows of power_geography: the map, its text and the download all read these."""
    return powers.power_rows(ui.table("power_geography"), power)


@ui.cached
def _map_data(power: str) -> dict:
    return powers.map_layers_data(_power_rows(power), ui.geo("countries"), ui.geo_table("provinces"),
                                  _rep_points(), names())


@ui.cached
def _map_text(power: str) -> dict:
    """What the map of one power cannot draw, as text, and the map's rows as downloaded."""
    return powers.map_text(_map_data(power), _power_rows(power)) | {"rows": _power_rows(power)}


@ui.cached
def _map_deck(power: str):
    return powers.map_deck(_map_data(power), ui.geo("countries"))


def render(page: Page) -> None:
    st.header("On the map")
    power = page.select("power", "Power to show", vocabulary.POWERS, "usa",
                        format_func=lambda a: players.player_label(a, names()))
    label = players.player_label(power, names())
    text = _map_text(power)
    left, right = st.columns([3, 2])
    with left:
        st.pydeck_chart(_map_deck(power), height=480)
        st.caption("Dark blue: the power itself or a grouping's members · orange: partners the report names · "
                   "sky blue: could join in future · green dots: presence or footprint · vermillion dots: "
                   "actions. Dots in Afghanistan sit at the province's label point (an action sharing a province "
                   "with a presence is set just beside it); dots elsewhere sit inside the country, not at the exact "
                   "city. Boundaries: Natural Earth (public domain), de facto lines.")
    with right:
        st.markdown(f"**{md(label)}: not drawn on this map**")
        if text["off_map"]:
            st.caption("These countries lie outside afdash's regional map layer (Afghanistan's wider region), "
                       "so they cannot be coloured; they are listed here instead.")
            st.markdown(text["off_map"])
        else:
            st.caption("Every country linked to this power is on the map.")
        if text["unplaced"]:
            st.markdown("**In Afghanistan, no place named**")
            for item, source in text["unplaced"]:
                st.markdown(item)
                st.caption(source)
        if text["public_record"]:
            st.markdown("**From the public record, not the report**")
            for caption in text["public_record"]:
                st.caption(caption)
    ui.source("external_factors", extra="Presence and partners per power: dataset power_geography.")
    ui.download(text["rows"], "power_geography", {"power": power},
                label=f"Download the map's rows for {md(label)} (CSV)")
