"""Charts of the imported events, built from the small aggregates of afdash.userevents.query, and of the
report's own events (dataset `events`) when nothing is imported or to overlay them."""

from __future__ import annotations

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.userevents import columns as C

MEASURES = {"deaths": "Deaths (best estimate)", "events": "Events"}
PER = {"deaths": "Deaths", "events": "Events"}  # axis titles with a time unit ("Deaths per quarter") must stay short
# UCDP's three types first, in its own order; ACLED's types follow in theirs.
TYPE_ORDER = (*C.UCDP_VIOLENCE.values(), "Battles", "Explosions/Remote violence", "Violence against civilians",
              "Protests", "Riots", "Strategic developments")
SOURCE_NOTE = ("Imported by you with afdash import-events: UCDP GED / candidate events (CC BY 4.0, cite UCDP) "
               "and ACLED exports (under your own ACLED licence; afdash never ships ACLED rows).")


# Okabe–Ito's eight and a mid grey: UCDP's three types and ACLED's six, imported together, are nine, and two
# types sharing a colour would make the stacked bars lie.
COLOURS = (*palette.OKABE_ITO, "#999999")


def _colours(n: int) -> list[str]:
    """n distinct colours for up to nine categories, repeating beyond (more types than that is rare)."""
    return [COLOURS[i % len(COLOURS)] for i in range(n)]


def type_order(types) -> list[str]:
    known = [t for t in TYPE_ORDER if t in set(types)]
    return known + sorted(set(types) - set(known))


def type_colours(types) -> dict[str, str]:
    order = type_order(types)
    return dict(zip(order, _colours(len(order)), strict=True))


# Bars per month, quarter or year: (name, Vega-Lite time unit, axis format, tooltip format, pandas period end)
GRAINS = {"M": ("month", "yearmonth", "%b %Y", "%B %Y", pd.offsets.MonthEnd(0)),
          "Q": ("quarter", "yearquarter", "Q%q %Y", "Q%q %Y", pd.offsets.QuarterEnd(0)),
          "Y": ("year", "year", "%Y", "%Y", pd.offsets.YearEnd(0))}
MAX_BARS = 200  # the browser draws each bar as an SVG element: a few hundred at once, thousands take seconds


def grain_for(start, end, series: int = 1) -> str:
    """The finest of month, quarter and year that keeps the chart within MAX_BARS bars for a period from start to
    end with `series` stacked types (bars per period)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    for grain, per in (("M", 1), ("Q", 3)):
        if -(-months // per) * max(series, 1) <= MAX_BARS:
            return grain
    return "Y"


def grain_note(grain: str) -> str:
    """Says why bars are not per month, for the caption ("" for months)."""
    if grain == "M":
        return ""
    return (f"One bar per {GRAINS[grain][0]}: per month this period would need more than {MAX_BARS} bars; narrow "
            "the period (or the types) to see months.")


def monthly_chart(monthly: pd.DataFrame, measure: str = "deaths", grain: str = "M") -> alt.Chart:
    """Stacked bars: deaths (or events) per month (or quarter, year: see grain_for), one colour per type of
    violence."""
    name, unit, axis_format, tip_format, _ = GRAINS[grain]
    colours = type_colours(monthly["event_type"].unique())
    return alt.Chart(monthly).mark_bar().encode(
        x=alt.X(f"{unit}(month):T", title=None, axis=alt.Axis(format=axis_format)),
        y=alt.Y(f"sum({measure}):Q", title=f"{PER[measure]} per {name}", stack="zero"),
        color=alt.Color("event_type:N", title="Type of violence",
                        scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=0)),  # whole type names
        order=alt.Order("event_type:N"),
        tooltip=[alt.Tooltip(f"{unit}(month):T", title=name.capitalize(), format=tip_format),
                 alt.Tooltip("event_type:N", title="Type"), alt.Tooltip("events:Q", title="Events", format=","),
                 alt.Tooltip("deaths:Q", title="Deaths (best)", format=",")],
    ).properties(height=320)


def actors_chart(actors: pd.DataFrame, measure: str = "events") -> alt.Chart:
    """Horizontal bars: the actors in most events (either side), longest first."""
    return alt.Chart(actors).mark_bar(color=palette.OKABE_ITO[4]).encode(
        x=alt.X(f"{measure}:Q", title=MEASURES[measure] + " in which the actor is named"),
        y=alt.Y("actor:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("events:Q", title="Events", format=","),
                 alt.Tooltip("deaths:Q", title="Deaths (best)", format=",")],
    ).properties(height=alt.Step(18))


# The report's security categories keep their own colour; the rest (diplomacy, aid, statements…) share one.
SECURITY_CATEGORIES = ("attack", "strike", "clash", "border_incident", "crackdown", "unrest", "military")
OTHER = "other (not security)"
BUNDLED_FROM = pd.Timestamp("2021-01-01")  # the report's period; its few older events are background


def report_monthly(events: pd.DataFrame) -> pd.DataFrame:
    """The report's own events (dataset `events`) from 2021 on, per month and category (security categories
    by name, the rest as one): the bundled record."""
    start = pd.to_datetime(events["date_start"])
    out = events.assign(month=start.dt.to_period("M").dt.to_timestamp(),
                        category=events["category"].where(events["category"].isin(SECURITY_CATEGORIES), OTHER))
    out = out[start >= BUNDLED_FROM]
    return (out.groupby(["month", "category"], as_index=False).size().rename(columns={"size": "events"})
            .sort_values(["month", "category"], kind="stable").reset_index(drop=True))


def report_quarterly(events: pd.DataFrame) -> pd.DataFrame:
    """The bundled record as a small table: the report's events since 2021 per category (rows; security
    categories first, in their order) and calendar quarter (columns), with totals. What the views show before
    anything is imported: exact counts that cost the browser no chart code."""
    monthly = report_monthly(events)
    quarter = monthly["month"].dt.to_period("Q").astype(str).str.replace("Q", " Q", regex=False)
    table = (monthly.assign(quarter=quarter)
             .pivot_table(index="category", columns="quarter", values="events", aggfunc="sum", fill_value=0))
    cats = [c for c in (*SECURITY_CATEGORIES, OTHER) if c in table.index]
    table = table.loc[cats]
    table["Total"] = table.sum(axis=1)
    table.loc["All events"] = table.sum()
    out = table.astype("int64").reset_index().rename(columns={"category": "Category"})
    out["Category"] = out["Category"].str.replace("_", " ")
    out.columns.name = None
    return out


def bundled_chart(events: pd.DataFrame) -> alt.Chart:
    """What the views show before anything is imported: the report's events per month by category."""
    monthly = report_monthly(events)
    cats = [c for c in (*SECURITY_CATEGORIES, OTHER) if c in set(monthly["category"])]
    colours = [*_colours(len(cats) - 1), "#BBBBBB"] if OTHER in cats else _colours(len(cats))
    return alt.Chart(monthly).mark_bar().encode(
        x=alt.X("yearmonth(month):T", title=None, axis=alt.Axis(format="%b %Y")),
        y=alt.Y("sum(events):Q", title="Events the report mentions"),
        color=alt.Color("category:N", title="Category", scale=alt.Scale(domain=cats, range=colours),
                        legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                 alt.Tooltip("category:N", title="Category"), alt.Tooltip("events:Q", title="Events")],
    ).properties(height=300)


def overlay_frame(monthly: pd.DataFrame, events: pd.DataFrame, grain: str = "M") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(imported deaths and events per month (or quarter, year), all types together; the report's events within
    that span)."""
    total = monthly.groupby("month", as_index=False)[["events", "deaths"]].sum()
    report = events[["event_id", "date_start", "title", "category"]].copy()
    report["date_start"] = pd.to_datetime(report["date_start"])
    if len(total):
        lo, hi = total["month"].min(), total["month"].max() + GRAINS[grain][4]
        report = report[report["date_start"].between(lo, hi)]
    return total, report.sort_values("date_start", kind="stable").reset_index(drop=True)


def overlay_chart(monthly: pd.DataFrame, events: pd.DataFrame, measure: str = "deaths",
                  grain: str = "M") -> alt.LayerChart:
    """Imported deaths (or events) per month (or quarter, year) as bars, the report's own events as ticks on the
    same time axis."""
    name, unit, axis_format, tip_format, _ = GRAINS[grain]
    total, report = overlay_frame(monthly, events, grain)
    bars = alt.Chart(total).mark_bar(color=palette.OKABE_ITO[1]).encode(
        x=alt.X(f"{unit}(month):T", title=None, axis=alt.Axis(format=axis_format)),
        y=alt.Y(f"{measure}:Q", title=f"{PER[measure]} per {name}, imported"),
        tooltip=[alt.Tooltip(f"{unit}(month):T", title=name.capitalize(), format=tip_format),
                 alt.Tooltip("events:Q", title="Imported events", format=","),
                 alt.Tooltip("deaths:Q", title="Deaths (best)", format=",")])
    ticks = alt.Chart(report).mark_rule(color=palette.OKABE_ITO[5], strokeWidth=2, opacity=0.8).encode(
        x="date_start:T",
        tooltip=[alt.Tooltip("date_start:T", title="Date", format="%d %B %Y"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("category:N", title="Category")])
    return alt.layer(bars, ticks).properties(height=320)
