"""The user's imported event files as a briefing slide (registered with the security views). Without imported
events the slide shows the report's own record and says how to import."""

from __future__ import annotations

from collections.abc import Mapping

from afdash.briefing import charts as deck_charts
from afdash.briefing.slides import Citation, Slide
from afdash.userevents import charts, filters

MEASURES = tuple(charts.MEASURES)


def imported_trend(tables: Mapping, params: dict) -> Slide:
    from afdash.userevents import query  # the engine only when the slide is drawn (Ibis and DuckDB are heavy)

    measure = params["measure"]
    t = query.open_table()
    citations = (Citation("security_situation"),)
    if t is None:
        report = tables["events"]
        return Slide(
            view_id="security_imported_trend", area="security", title="Security events the report mentions",
            headline=f"{len(report)}", headline_label="dated events in the report (no event files imported)",
            chart=deck_charts.finish(charts.bundled_chart(report)),
            points=("No UCDP or ACLED files have been imported on this machine: run afdash import-events FILE.",
                    "Until then this slide shows the report's own dated events per month."),
            citations=citations, datasets=("events",), data=charts.report_monthly(report), data_name="events")
    monthly = query.monthly(t, query.Filter())
    opts = filters.options(query.overview(t))
    lo, hi = opts["bounds"]
    top = monthly.groupby("event_type")[measure].sum().sort_values(ascending=False)
    return Slide(
        view_id="security_imported_trend", area="security",
        title=f"{charts.MEASURES[measure]} per month in your event files",
        headline=f"{opts['deaths']:,}" if measure == "deaths" else f"{opts['events']:,}",
        headline_label=f"{charts.MEASURES[measure].lower()}, {lo:%b %Y} – {hi:%b %Y}",
        chart=deck_charts.finish(charts.monthly_chart(monthly, measure)),
        points=(f"{opts['events']:,} imported events from {', '.join(opts['sources'])}.",
                f"Most {measure}: {top.index[0]} ({int(top.iloc[0]):,})." if len(top) else "No events."),
        citations=citations, datasets=("events",),
        caveat=charts.SOURCE_NOTE, data=monthly, data_name="imported_events")
