"""The user's own event files (UCDP GED / candidate, ACLED), imported with `afdash import-events`, in four
views: deaths per month by type of violence, a province map, actors, and the report's own events overlaid.
The engine (DuckDB through Ibis, afdash.userevents.query) aggregates; this page only draws the small results.
The engine is imported and started on the first view that has events to query: with nothing imported, each
view says how to import and shows the report's own record, at the cost of a file check."""

from functools import partial

import streamlit as st

from afdash.core import downloads, urlstate
from afdash.core.report import REPORT_SHORT
from afdash.core.safe import md, md_table
from afdash.userevents import charts, event_map, filters, store
from afdash.userevents.filters import Filter
from afdash.web import ui
from afdash.web.page import Page

ALL = "all"
DOWNLOAD_LIMIT = 50_000


def _query():
    """afdash.userevents.query, imported on first use: Ibis and DuckDB cost ~50 MB and a second or two to load,
    which a server whose users never import events should not pay."""
    from afdash.userevents import query

    return query


@ui.cached(max_entries=2)
def _engine(key: tuple):
    """One engine per store state, shared by every session (its first start builds the store's cubes if an
    older import left none)."""
    return _query().Engine()


def _run(key: tuple, name: str, *args):
    """query.<name>(tables, *args) on a free cursor of the shared engine: sessions' queries run side by side."""
    with _engine(key).tables() as tables:
        return getattr(_query(), name)(tables, *args)


@ui.cached(max_entries=4)
def _options(key: tuple) -> dict:
    opts = filters.options(_run(key, "overview"))
    opts["actors"] = list(_run(key, "actors", Filter(), 200)["actor"])
    return opts


@ui.cached
def _monthly(key: tuple, f: Filter, grain: str):
    return _run(key, "monthly", f, grain)


def _grain(key: tuple, f: Filter, stacked: bool) -> str:
    opts = _options(key)
    lo, hi = opts["bounds"]
    return charts.grain_for(f.start or lo, f.end or hi, len(f.types or opts["types"]) if stacked else 1)


@ui.cached
def _provinces(key: tuple, f: Filter):
    return _run(key, "provinces", f)


@ui.cached
def _actors(key: tuple, f: Filter):
    return _run(key, "actors", f, 25)


@ui.cached
def _count(key: tuple, f: Filter) -> int:
    return _run(key, "count", f)


# Chart specs per filter state: building one (Altair to Vega-Lite, datasets to Arrow) costs tens of milliseconds,
# most of a cached rerun's server time, and every session showing the same filters draws the same spec.
@ui.cached
def _trend_spec(key: tuple, f: Filter, grain: str, measure: str) -> dict:
    return ui.chart_spec(charts.monthly_chart(_monthly(key, f, grain), measure, grain))


@ui.cached
def _overlay_spec(key: tuple, f: Filter, grain: str, measure: str) -> dict:
    return ui.chart_spec(charts.overlay_chart(_monthly(key, f, grain), ui.table("events"), measure, grain))


@ui.cached
def _actors_spec(key: tuple, f: Filter, measure: str) -> dict:
    ranked = _actors(key, f).sort_values(measure, ascending=False, kind="stable")
    return ui.chart_spec(charts.actors_chart(ranked, measure))


@ui.cached(max_entries=16)  # each holds the province polygons (~0.5 MB): bounded, unlike the small aggregates
def _deck(key: tuple, f: Filter, measure: str):
    return event_map.province_deck(ui.geo("provinces"), _provinces(key, f), measure)


@ui.cached
def _bundled_table() -> str:
    return md_table(charts.report_quarterly(ui.table("events")))


TREND_KEYS = ("measure", "period", "source", "type", "country", "province", "actor")  # as in afdash.web.site


def _empty_state(page: Page, keys: tuple[str, ...] = TREND_KEYS) -> None:
    for key in keys:  # nothing to filter: say so rather than silently dropping a bookmarked filter
        raw = page.params.get(key)
        if raw not in (None, ""):
            page.note(key, f"Ignored URL parameter {key}=“{urlstate.shown(str(raw))}”: no event files are "
                           "imported on this machine yet.")
    where = str(store.events_dir()).replace("`", "")  # shown in a code span, which Markdown leaves literal
    st.info(
        "No event files imported yet. Import UCDP GED or candidate-event files (CC BY 4.0, from ucdp.uu.se) or "
        "your own ACLED export with\n\n`afdash import-events FILE.csv`\n\nthen reload this page. The events are "
        f"stored on this machine in `{where}` (set {store.ENV} to move it) and never in afdash's repository. "
        "Meanwhile, here is the record afdash ships: the events the report itself mentions since January 2021, "
        "per category and quarter.", icon="ℹ️")
    st.markdown(_bundled_table())
    ui.source(extra="afdash dataset `events` (the report's dated events; each row cites its chapter and footnote).")


def _filters(page: Page, key: tuple, *, province: bool = True, actor: bool = True) -> Filter:
    opts = _options(key)
    lo, hi = opts["bounds"]
    start, end = page.period("period", "Period", (lo, hi), (lo, hi))
    with ui.filter_box("More filters"):
        sources = page.multiselect("source", "Sources", opts["sources"], [])
        types = page.multiselect("type", "Types of violence", opts["types"], [])
        countries = page.multiselect("country", "Countries (ISO 3166-1)", opts["countries"], [])
        prov = page.select("province", "Province", [ALL, *sorted(p["properties"]["iso_3166_2"] for p in
                                                                  ui.geo("provinces")["features"])], ALL,
                           format_func=_province_label) if province else ALL
        act = page.select("actor", "Actor (either side)", [ALL, *opts["actors"]], ALL) if actor else ALL
    return Filter(start if start > lo else None, end if end < hi else None, tuple(sources), tuple(types),
                  tuple(countries), None if prov == ALL else prov, None if act == ALL else act)


def _province_label(code: str) -> str:
    if code == ALL:
        return "All provinces"
    names = {f["properties"]["iso_3166_2"]: f["properties"]["name"] for f in ui.geo("provinces")["features"]}
    return f"{names.get(code, code)} ({code})"


def _download(key: tuple, f: Filter, n: int | None = None) -> None:
    """A CSV of exactly the filtered rows, made when clicked; above DOWNLOAD_LIMIT rows the file (~300 bytes a
    row) would sit in the server's memory while the browser fetches it, so the page points to the CLI instead.
    `n`, the number of filtered rows, when the view already knows it (saves a query)."""
    n = _count(key, f) if n is None else n
    bounds = _options(key)["bounds"]
    if n > DOWNLOAD_LIMIT:
        command = filters.export_command(f, downloads.file_name("imported_events", filters.file_filters(f, bounds)))
        fence = "``" if "`" in command else "`"  # a code span shows the command literally, quotes and all
        st.caption(f"{n:,} events match: more than the {DOWNLOAD_LIMIT:,} a browser download offers (the file "
                   "would be built in the server's memory). Narrow the filters, or write exactly these rows on "
                   f"this machine with {fence} {command} {fence}")
        return
    st.download_button(f"Download these {n:,} events (CSV)", data=partial(_csv, key, f),
                       file_name=downloads.file_name("imported_events", filters.file_filters(f, bounds)),
                       mime="text/csv", on_click="ignore")


def _csv(key: tuple, f: Filter) -> bytes:
    return _run(key, "csv_bytes", f)


def _caption(key: tuple, f: Filter, extra: str = "") -> None:
    words = filters.describe(f, _options(key)["bounds"])
    st.caption(f"{md(charts.SOURCE_NOTE)} Filters: {md(words)}. {extra}")


def _start(page: Page, title: str, measure_label: str, measure: str, without: str | None = None
           ) -> tuple[tuple, Filter, str] | None:
    """A view's header, measure and filters: (store key, filter, measure), or None after drawing the empty state
    when nothing is imported. `without` names the filter the view does not offer (the map has no province
    filter, the actors view no actor filter)."""
    st.header(title)
    key = store.version()
    if key is None:
        _empty_state(page, tuple(k for k in TREND_KEYS if k != without))
        return None
    chosen = page.radio("measure", measure_label, list(charts.MEASURES), measure, format_func=charts.MEASURES.get,
                        horizontal=True)
    return key, _filters(page, key, province=without != "province", actor=without != "actor"), chosen


def _finish(key: tuple, f: Filter, extra: str, n: int | None = None) -> None:
    _caption(key, f, extra)
    _download(key, f, n)


def trend_view(page: Page) -> None:
    if not (started := _start(page, "Your event files: deaths over time by type of violence", "Measure", "deaths")):
        return
    key, f, measure = started
    monthly = _monthly(key, f, grain := _grain(key, f, stacked=True))
    if monthly.empty:
        st.info(f"No imported events match: {md(filters.describe(f, _options(key)['bounds']))}.")
    else:
        st.vega_lite_chart(_trend_spec(key, f, grain, measure), width="stretch")
    _finish(key, f, "Deaths are the sources' best estimates (UCDP `best`, ACLED `fatalities`), by start date. "
            + charts.grain_note(grain), n=int(monthly["events"].sum()))


def map_view(page: Page) -> None:
    if not (started := _start(page, "Your event files: where, by province", "Colour provinces by", "deaths",
                               without="province")):
        return
    key, f, measure = started
    deck, colour_key = _deck(key, f, measure)
    st.pydeck_chart(deck, height=470, width="stretch")
    legend = event_map.key_legend(colour_key, charts.MEASURES[measure].lower())
    st.image(legend.svg(), alt=legend.alt())
    totals = _provinces(key, f)
    unplaced = int(totals.loc[totals["province_code"] == "", "events"].sum())
    _finish(key, f, f"Provinces from afdash's province polygons (Natural Earth, public domain) where the source "
                    f"places an event precisely enough; {unplaced:,} Afghan events under these filters are known "
                    "only to the country, are ambiguous or lie in no polygon, and are not on the map.")


def actors_view(page: Page) -> None:
    if not (started := _start(page, "Your event files: actors", "Rank by", "events", without="actor")):
        return
    key, f, measure = started
    if _actors(key, f).empty:
        st.info("No named actors under these filters.")
    else:
        st.vega_lite_chart(_actors_spec(key, f, measure), width="stretch")
    _finish(key, f, "An event counts once for each side it names (UCDP side_a / side_b, ACLED actor1 / actor2); "
                    "the 25 actors named in most events are shown.")


def overlay_view(page: Page) -> None:
    if not (started := _start(page, "Your event files beside the report's own events", "Bars show", "deaths")):
        return
    key, f, measure = started
    monthly = _monthly(key, f, grain := _grain(key, f, stacked=False))
    bars = "deaths (the sources' best estimates)" if measure == "deaths" else "events"
    st.vega_lite_chart(_overlay_spec(key, f, grain, measure), width="stretch")
    _finish(key, f, f"Dark orange ticks: events {REPORT_SHORT} mentions (afdash dataset `events`; hover for "
                    f"each) within the imported span; bars: {bars} in your imported events per "
                    f"{charts.GRAINS[grain][0]}. "
                    + charts.grain_note(grain), n=int(monthly["events"].sum()))
