"""The one set of event filters (period, categories, actors, province) shared by the map, the timeline and the
list, and the cached derivations they read. On the map view a click on a province sets the province filter
before the widgets are drawn, so the map and the select box are one filter."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from afdash.core.safe import md
from afdash.security import event_map, incidents
from afdash.security import places as places_core
from afdash.web import ui
from afdash.web.page import Page

MAP_KEY = "security.map"  # + ".<generation>": a new generation is a fresh map without a selection
MAP_GEN = "security.map_gen"
MAP_LAST = "security.map_last"


@ui.cached
def prepared() -> pd.DataFrame:
    return incidents.prepare(ui.table("events"), ui.table("actors"), ui.geo_table("provinces"), ui.table("places"))


@ui.cached
def context() -> dict:
    """Options and labels for the event filters, and the map's named places."""
    places = ui.table("places")
    options = incidents.filter_options(prepared(), ui.table("actors"), ui.geo_table("provinces"))
    return options | {"labels": event_map.place_labels(places), "not_drawn_md": places_core.not_drawn_note(places)}


@ui.cached
def filtered(filter_key: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events under one filter state, and the same rows as listed and downloaded."""
    rows = incidents.apply(prepared(), incidents.EventFilter(*filter_key))
    return rows, incidents.table(rows)


@dataclass(frozen=True)
class Events:
    filter: incidents.EventFilter
    default: incidents.EventFilter
    filtered: pd.DataFrame
    shown: pd.DataFrame
    words: str

    @property
    def key(self) -> tuple:
        f = self.filter
        return (f.start, f.end, f.categories, f.actors, f.province)

    def download(self) -> None:
        ui.download(self.shown, "security_events", incidents.file_filters(self.filter, self.default),
                    label=f"Download these {len(self.shown)} events (CSV)")


def map_key() -> str:
    return f"{MAP_KEY}.{st.session_state.get(MAP_GEN, 0)}"


def _apply_map_click(page: Page, valid: set[str]) -> str | None:
    """A click on the map sets the province box before it is drawn; a click on empty map clears a province the
    map had chosen. Returns the province the map's selection points at, if any."""
    state = st.session_state.get(map_key())
    clicked = event_map.selected_province(state.get("selection") if state else None, valid)
    last = st.session_state.get(MAP_LAST)
    if clicked != last:
        st.session_state[MAP_LAST] = clicked
        if clicked:
            st.session_state[page.state_key("province")] = clicked
        elif st.session_state.get(page.state_key("province")) == last:
            st.session_state[page.state_key("province")] = incidents.ALL_PROVINCES
    return clicked


def _release_map_selection(clicked: str | None, province: str) -> None:
    """The province changed elsewhere (box, URL) while the map shows its own selection: start a fresh map."""
    if clicked and clicked != province:
        st.session_state[MAP_GEN] = st.session_state.get(MAP_GEN, 0) + 1
        st.session_state[MAP_LAST] = None


def event_filters(page: Page, on_map: bool) -> Events:
    st.markdown(
        "Attacks, strikes, clashes, border incidents, crackdowns, unrest and military moves the report mentions. "
        "These filters drive the map, the timeline and the list alike."
    )
    ctx = context()
    names, prov_names = ctx["names"], ctx["prov_names"]
    lo, hi = ctx["bounds"]
    default_period = (max(incidents.DEFAULT_START, lo), hi)
    clicked = _apply_map_click(page, set(prov_names)) if on_map else None
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    with c1:  # the province stays on the page: a click on the map sets it
        province = page.select("province", "Province (or click it on the map)" if on_map else "Province",
                               ctx["prov_opts"], incidents.ALL_PROVINCES,
                               format_func=lambda p: "All provinces" if p == incidents.ALL_PROVINCES
                               else f"{prov_names[p]} ({p})")
    with c2, ui.filter_box("Period, categories, actors"):
        period = page.period("period", "Period", (lo, hi), default_period)
        cats = page.multiselect("category", "Categories", ctx["categories"], list(incidents.SECURITY_CATEGORIES),
                                format_func=lambda c: incidents.CATEGORY_LABELS.get(c, c), placeholder="No category")
        actors = page.multiselect("actor", "Actors involved (any of)", ctx["actor_opts"], [],
                                  format_func=names.get, placeholder="Any actor")
    if on_map:
        _release_map_selection(clicked, province)
    f = incidents.EventFilter(period[0], period[1], tuple(cats), tuple(actors), province)
    default = incidents.EventFilter(default_period[0], default_period[1])
    rows, shown = filtered((f.start, f.end, f.categories, f.actors, f.province))
    st.caption(f"Filters: {md(incidents.summary(f, default, names))}.")
    return Events(f, default, rows, shown, incidents.describe(f, default, {**names, **prov_names}))
