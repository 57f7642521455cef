"""The user's imported event files as briefing slides (registered with the security views): the monthly trend,
the province map, the actors and the overlay on the report's own events. Without imported events each slide
says so plainly and shows the report's own record instead, with how to import."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import charts as deck_charts
from afdash.briefing import map_charts
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.userevents import charts, filters, query

MEASURES = tuple(charts.MEASURES)
CITATIONS = (Citation("security_situation"),)
NOTHING = "No UCDP or ACLED files have been imported on this machine: run afdash import-events FILE."
MAX_ACTORS = 10  # bars a projector can letter


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
    opts = filters.options(query.overview(t))
    lo, hi = opts["bounds"]
    return opts, f"{lo:%b %Y} – {hi:%b %Y}"


def imported_trend(tables: Mapping, params: dict) -> Slide:
    measure = params["measure"]
    t = query.open_table()
    if t is None:
        return _nothing_imported("security_imported_trend", "deaths per month", tables)
    monthly = query.monthly(t, query.Filter())
    opts, span = _span(t)
    top = monthly.groupby("event_type")[measure].sum().sort_values(ascending=False)
    return Slide(
        view_id="security_imported_trend", area="security",
        title=f"{charts.MEASURES[measure]} per month in your event files",
        headline=f"{opts['deaths']:,}" if measure == "deaths" else f"{opts['events']:,}",
        headline_label=f"{charts.MEASURES[measure].lower()}, {span}",
        chart=deck_charts.finish(charts.monthly_chart(monthly, measure)),
        points=(f"{opts['events']:,} imported events from {', '.join(opts['sources'])}.",
                f"Most {measure}: {top.index[0]} ({int(top.iloc[0]):,})." if len(top) else "No events."),
        citations=CITATIONS, datasets=("events",),
        caveat=charts.SOURCE_NOTE, data=monthly, data_name="imported_events")


def imported_map(tables: Mapping, params: dict) -> Slide:
    measure = params["measure"]
    t = query.open_table()
    if t is None:
        return _nothing_imported("security_imported_map", "where, by province", tables)
    totals = query.provinces(t, query.Filter())
    placed = totals[totals["province_code"] != ""]
    values = {r["province_code"]: int(r[measure]) for r in placed.to_dict("records") if int(r[measure])}
    unplaced = int(totals.loc[totals["province_code"] == "", "events"].sum())
    _, span = _span(t)
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
        caveat=charts.SOURCE_NOTE, data=totals, data_name="imported_events")


def imported_actors(tables: Mapping, params: dict) -> Slide:
    measure = params["measure"]
    t = query.open_table()
    if t is None:
        return _nothing_imported("security_imported_actors", "actors", tables)
    actors = query.actors(t, query.Filter(), MAX_ACTORS).sort_values(measure, ascending=False, kind="stable")
    _, span = _span(t)
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
        caveat=charts.SOURCE_NOTE, data=actors, data_name="imported_events")


def imported_overlay(tables: Mapping, params: dict) -> Slide:
    measure = params["measure"]
    t = query.open_table()
    if t is None:
        return _nothing_imported("security_imported_overlay", "your events beside the report's", tables)
    monthly = query.monthly(t, query.Filter())
    _, report = charts.overlay_frame(monthly, tables["events"])
    _, span = _span(t)
    return Slide(
        view_id="security_imported_overlay", area="security",
        title="Your event files beside the report's own events",
        headline=f"{len(report)}", headline_label=f"events the report mentions within your files' span, {span}",
        chart=deck_charts.finish(charts.overlay_chart(monthly, tables["events"], measure)),
        points=(f"Bars: your imported {charts.MEASURES[measure].lower()} per month; dark ticks: the events the "
                "report mentions in the same months.",
                "The report names few events; a month without a tick is not a quiet month in the record."),
        citations=CITATIONS, datasets=("events",),
        caveat=charts.SOURCE_NOTE, data=monthly, data_name="imported_events")


def _measure(default: str) -> tuple[Param, ...]:
    return (Param("measure", "Measure", MEASURES, default, labels=charts.MEASURES),)


VIEWS: list[Recipe] = [
    Recipe("security_imported_map", "security", "Your event files: map by province", imported_map,
           params=_measure("deaths"),
           description="Imported UCDP / ACLED events or deaths per Afghan province; says so when none are imported."),
    Recipe("security_imported_actors", "security", "Your event files: actors", imported_actors,
           params=_measure("events"),
           description="The actors named in most imported events; says so when none are imported."),
    Recipe("security_imported_overlay", "security", "Your event files beside the report's events", imported_overlay,
           params=_measure("deaths"),
           description="Imported deaths or events per month with the report's own events as ticks."),
]
