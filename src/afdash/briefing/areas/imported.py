"""The user's imported event files as briefing slides (registered with the security views): the monthly trend,
the province map, the actors and the overlay on the report's own events. Without imported events each slide
says so plainly and shows the report's own record instead, with how to import."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from afdash.briefing import charts as deck_charts
from afdash.briefing import map_charts
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.userevents import charts, filters

MEASURES = tuple(charts.MEASURES)
CITATIONS = (Citation("security_situation"),)
NOTHING = "No UCDP or ACLED files have been imported on this machine: run afdash import-events FILE."
MAX_ACTORS = 10  # bars a projector can letter
ALL = "all"


def _engine():
    """The query module, imported when a slide of the user's events is drawn (Ibis and DuckDB are heavy)."""
    from afdash.userevents import query

    return query


def _nothing_imported(view_id: str, what: str, tables: Mapping) -> Slide:
    """The plain empty state: no file, so no figure of the user's; the report's own dated events instead."""
    report = tables["events"]
    return Slide(
        view_id=view_id, area="security", title=f"Your event files: {what} (none imported)",
        headline=f"{len(report)}", headline_label="dated events in the report (no event files imported)",
        chart=deck_charts.finish(charts.bundled_chart(report)),
        points=(NOTHING, f"Until then this slide cannot show {what}; it shows the report's own dated events per "
                         "month."),
        citations=CITATIONS, datasets=("events",), data=charts.report_monthly(report), data_name="events")


def _span(t) -> tuple[dict, str]:
    opts = filters.options(_engine().overview(t))
    lo, hi = opts["bounds"]
    return opts, f"{lo:%b %Y} – {hi:%b %Y}"


# The page's filters a deck can carry: sources, countries (ISO 3166-1) and province (ISO 3166-2:AF) are codes, safe
# in the deck's URL. Period, type of violence and actor stay on the page: actor and type names hold the deck's
# separators, and a period is not a list of options; the slide says which filters it applied.
def _store_options(key: str):
    def options(tables: Mapping) -> list[str]:
        query = _engine()
        t = query.open_tables()
        return [] if t is None else list(filters.options(query.overview(t))[key])
    return options


def _provinces(tables: Mapping) -> list[str]:
    return [ALL, *sorted(f["properties"]["iso_3166_2"] for f in tables["provinces"]["features"])]


def _province_names(tables: Mapping) -> dict[str, str]:
    return {ALL: "All provinces"} | {f["properties"]["iso_3166_2"]: f["properties"]["name"]
                                     for f in tables["provinces"]["features"]}


def _filter(params: dict) -> filters.Filter:
    province = params.get("province", ALL)
    return filters.Filter(None, None, tuple(params.get("source", ())), (), tuple(params.get("country", ())),
                        None if province == ALL else province, None)


def _caveat(f: filters.Filter, opts: dict) -> str:
    return f"{charts.SOURCE_NOTE} Filters: {filters.describe(f, opts['bounds'])}."


@dataclass(frozen=True)
class Store:
    """What every imported-events slide starts from: the query module, the events table, the slide's filter, the
    store's options and the span of its dates."""

    query: Any
    table: Any
    filter: filters.Filter
    opts: dict
    span: str


def _from_store(view_id: str, what: str):
    """A recipe builder that opens the store once and says plainly when nothing is imported."""
    def wrap(draw: Callable[[Mapping, dict, Store], Slide]) -> Callable[[Mapping, dict], Slide]:
        @functools.wraps(draw)
        def build(tables: Mapping, params: dict) -> Slide:
            query = _engine()
            t = query.open_tables()
            if t is None:
                return _nothing_imported(view_id, what, tables)
            opts, span = _span(t)
            return draw(tables, params, Store(query, t, _filter(params), opts, span))
        return build
    return wrap


@_from_store("security_imported_trend", "deaths per month")
def imported_trend(tables: Mapping, params: dict, store: Store) -> Slide:
    measure, f, opts, span = params["measure"], store.filter, store.opts, store.span
    monthly = store.query.monthly(store.table, f)
    top = monthly.groupby("event_type")[measure].sum().sort_values(ascending=False)
    events, dead = int(monthly["events"].sum()), int(monthly["deaths"].sum())
    return Slide(
        view_id="security_imported_trend", area="security",
        title=f"{charts.MEASURES[measure]} per month in your event files",
        headline=f"{dead:,}" if measure == "deaths" else f"{events:,}",
        headline_label=f"{charts.MEASURES[measure].lower()}, {span}",
        chart=deck_charts.finish(charts.monthly_chart(monthly, measure)) if len(monthly) else None,
        points=(f"{events:,} of {opts['events']:,} imported events (from {', '.join(opts['sources'])}) match the "
                "filters.",
                f"Most {measure}: {top.index[0]} ({int(top.iloc[0]):,})." if len(top) else
                "No imported events match these filters."),
        citations=CITATIONS, datasets=("events",),
        caveat=_caveat(f, opts), data=monthly, data_name="imported_events")


@_from_store("security_imported_map", "where, by province")
def imported_map(tables: Mapping, params: dict, store: Store) -> Slide:
    measure, f, opts, span = params["measure"], store.filter, store.opts, store.span
    totals = store.query.provinces(store.table, f)
    placed = totals[totals["province_code"] != ""]
    values = {r["province_code"]: int(r[measure]) for r in placed.to_dict("records") if int(r[measure])}
    unplaced = int(totals.loc[totals["province_code"] == "", "events"].sum())
    geo = tables["provinces"]
    names = {f["properties"]["iso_3166_2"]: f["properties"]["name"] for f in geo["features"]}
    # the first of the map's own list: most first, then by name
    top = min(values.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])), default=None)
    unit = charts.MEASURES[measure].lower()
    return Slide(
        view_id="security_imported_map", area="security",
        title=f"Your event files: {unit} by province",
        headline=f"{len(values)}", headline_label=f"provinces with {unit} in your files, {span}",
        chart=map_charts.province_map(geo, values, charts.MEASURES[measure], f"{charts.MEASURES[measure]}"),
        points=((f"Most {unit}: {names.get(top[0], top[0])} ({top[1]:,})." if top else "No Afghan event is placed "
                 "in a province."),
                f"{unplaced:,} Afghan events are known only to the country, are ambiguous or lie in no province, "
                "and are not on the map."),
        citations=CITATIONS, datasets=("events", "provinces"),
        caveat=_caveat(f, opts), data=totals, data_name="imported_events")


@_from_store("security_imported_actors", "actors")
def imported_actors(tables: Mapping, params: dict, store: Store) -> Slide:
    measure, f, opts, span = params["measure"], store.filter, store.opts, store.span
    actors = store.query.actors(store.table, f, MAX_ACTORS).sort_values(measure, ascending=False, kind="stable")
    rows = pd.DataFrame({"label": actors["actor"], "value": actors[measure].astype(float),
                         "text": actors[measure].map("{:,}".format), "group": "Actor"})
    chart = (deck_charts.bars_with_labels(rows, None, charts.MEASURES[measure], horizontal=True, value_format=",d")
             if len(rows) else None)
    return Slide(
        view_id="security_imported_actors", area="security",
        title="Your event files: the actors named most",
        headline=f"{len(actors)}", headline_label=f"actors shown (the {MAX_ACTORS} named in most events), {span}",
        chart=chart,
        points=(f"{actors.iloc[0]['actor']} is named in the most events ({int(actors.iloc[0]['events']):,})."
                if len(actors) else "No named actors in the imported files.",
                "An event counts once for each side it names, so the bars overlap and must not be added up."),
        citations=CITATIONS, datasets=("events",),
        caveat=_caveat(f, opts), data=actors, data_name="imported_events")


@_from_store("security_imported_overlay", "your events beside the report's")
def imported_overlay(tables: Mapping, params: dict, store: Store) -> Slide:
    measure, f, opts, span = params["measure"], store.filter, store.opts, store.span
    monthly = store.query.monthly(store.table, f)
    _, report = charts.overlay_frame(monthly, tables["events"])
    return Slide(
        view_id="security_imported_overlay", area="security",
        title="Your event files beside the report's own events",
        headline=f"{len(report)}", headline_label=f"events the report mentions within your files' span, {span}",
        chart=deck_charts.finish(charts.overlay_chart(monthly, tables["events"], measure)),
        points=(f"Bars: your imported {charts.MEASURES[measure].lower()} per month; dark ticks: the events the "
                "report mentions in the same months.",
                "The report names few events; a month without a tick is not a quiet month in the record."),
        citations=CITATIONS, datasets=("events",),
        caveat=_caveat(f, opts), data=monthly, data_name="imported_events")


def _params(default: str, province: bool = True) -> tuple[Param, ...]:
    """The measure and the page's code-valued filters (see above), in the page's URL names."""
    return (Param("measure", "Measure", MEASURES, default, labels=charts.MEASURES),
            Param("source", "Sources", _store_options("sources"), (), multi=True),
            Param("country", "Countries (ISO 3166-1)", _store_options("countries"), (), multi=True),
            *((Param("province", "Province", _provinces, ALL, labels=_province_names),) if province else ()))


VIEWS: list[Recipe] = [
    Recipe("security_imported_map", "security", "Your event files: map by province", imported_map,
           params=_params("deaths", province=False),
           description="Imported UCDP / ACLED events or deaths per Afghan province; says so when none are imported."),
    Recipe("security_imported_actors", "security", "Your event files: actors", imported_actors,
           params=_params("events"),
           description="The actors named in most imported events; says so when none are imported."),
    Recipe("security_imported_overlay", "security", "Your event files beside the report's events", imported_overlay,
           params=_params("deaths"),
           description="Imported deaths or events per month with the report's own events as ticks."),
]


TREND = Recipe("security_imported_trend", "security", "Your event files: deaths per month", imported_trend,
               params=_params("deaths"),
               description="UCDP / ACLED files imported with afdash import-events, by month and type of violence; "
                           "the report's own events when none are imported.")
