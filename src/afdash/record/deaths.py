"""Conflict deaths per year in Afghanistan and each neighbour, 1989–2024 from UCDP GED 25.1 (via Our World in
Data) and 2025 from UCDP's candidate events (preliminary), in one chart on a symmetric-log scale: on a linear one
Afghanistan's tens of thousands would flatten every neighbour to zero."""

from __future__ import annotations

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.record import codes
from afdash.record.marks import MARKS, markers, year_axis

SOURCE = ("UCDP Georeferenced Event Dataset 25.1 via Our World in Data (1989–2024); UCDP Candidate Events "
          "25.01.25.12 (2025, preliminary)")
LICENCE = "CC BY 4.0"
CAPTION = (f"Source: {SOURCE}. Licence: {LICENCE}. Deaths of all kinds in organised violence (state-based, "
           "non-state and one-sided), best estimate, by the country where they occurred. 2025 sums UCDP's "
           "candidate events: preliminary, revised in the next GED release.")
STATUS_LABELS = {"final": "GED 25.1 (final)", "preliminary": "2025 candidate events (preliminary)"}


def rows(deaths: pd.DataFrame, countries: list[str], first: int = 1989, last: int = 2025,
         preliminary: bool = True) -> pd.DataFrame:
    """The drawn rows, in panel order: chosen countries and years, preliminary 2025 only when asked for."""
    r = deaths[deaths["iso3"].isin(countries) & deaths["year"].between(first, last)]
    if not preliminary:
        r = r[r["status"] == "final"]
    order = {iso3: i for i, iso3 in enumerate(codes.SEVEN)}
    r = r.assign(_o=r["iso3"].map(order)).sort_values(["_o", "year"]).drop(columns="_o")
    return r[["iso3", "country", "year", "deaths", "status", "dataset"]].reset_index(drop=True)


def panel(d: pd.DataFrame, lo: int, hi: int) -> alt.LayerChart:
    """One country's bars: a bar per year spanning the year, final years filled, the preliminary year dashed
    and light; the takeover and the report's writing marked. Unsized, so slides can size it their way."""
    x = year_axis(lo, hi)
    tooltip = ["country:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("deaths:Q", format=",d"),
               alt.Tooltip("status_label:N", title="Status"), alt.Tooltip("dataset:N", title="Dataset")]
    d = d.assign(status_label=d["status"].map(STATUS_LABELS))
    base = alt.Chart(d).transform_calculate(year_end="datum.year + 1").encode(
        x=x, x2="year_end:Q", y=alt.Y("deaths:Q", title="deaths", axis=alt.Axis(format="~s")), y2=alt.datum(0),
        tooltip=tooltip)
    final = base.transform_filter(alt.datum.status == "final").mark_bar(
        color=palette.OKABE_ITO[5], stroke="white", strokeWidth=0.5)
    prelim = base.transform_filter(alt.datum.status == "preliminary").mark_bar(
        color=palette.OKABE_ITO[5], fillOpacity=0.25, stroke=palette.OKABE_ITO[5], strokeDash=[4, 2])
    return alt.layer(final, prelim, *markers(lo, hi, MARKS))


def chart(drawn: pd.DataFrame) -> alt.LayerChart:
    """Every chosen country in one chart, a line each, on a symmetric-log scale so that Afghanistan's tens of
    thousands do not flatten the neighbours' hundreds to zero (one Vega view: a panel per country cost the
    browser several). Final years solid, the preliminary year a dashed segment to a hollow point."""
    lo, hi = int(drawn["year"].min()), int(drawn["year"].max())
    names = [codes.SEVEN[i] for i in codes.SEVEN if i in set(drawn["iso3"])]
    d = drawn.assign(status_label=drawn["status"].map(STATUS_LABELS), dashed=preliminary_segments(drawn))
    colour = alt.Color("country:N", title="Country", sort=names,
                       scale=alt.Scale(domain=names, range=[COLOURS[n] for n in names]),
                       legend=alt.Legend(orient="top", direction="horizontal", labelLimit=200))
    tooltip = ["country:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("deaths:Q", format=",d"),
               alt.Tooltip("status_label:N", title="Status"), alt.Tooltip("dataset:N", title="Dataset")]
    x = alt.X("mid:Q", title=None, scale=alt.Scale(domain=[lo, hi + 1], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1))  # a year's point mid-way through its span [year, year+1)
    y = alt.Y("deaths:Q", title="deaths (symmetric log scale)",
              scale=alt.Scale(type="symlog", constant=10), axis=alt.Axis(format=",d", values=TICKS))
    base = alt.Chart(d).transform_calculate(mid="datum.year + 0.5").encode(x=x, y=y, color=colour, tooltip=tooltip)
    final = base.transform_filter(alt.datum.status == "final")
    layers = [final.mark_line(strokeWidth=2), final.mark_point(filled=True, size=18)]
    if d["dashed"].any():
        layers += [base.transform_filter(alt.datum.dashed).mark_line(strokeWidth=2, strokeDash=[4, 3]),
                   base.transform_filter(alt.datum.status == "preliminary").mark_point(
                       filled=False, size=50, strokeWidth=2)]
    return alt.layer(*layers, *markers(lo, hi + 1, MARKS)).properties(height=320, width="container")


TICKS = [0, 10, 100, 1000, 10000, 100000]
COLOURS = dict(zip(codes.SEVEN.values(), [palette.OKABE_ITO[i] for i in (5, 4, 2, 0, 6, 1, 7)], strict=True))


def preliminary_segments(drawn: pd.DataFrame) -> pd.Series:
    """The rows of the dashed segments: each preliminary year and the final year just before it (same country),
    so the drawn rows stay one dataset, the one the CSV offers."""
    prelim = drawn[drawn["status"] == "preliminary"]
    before = set(zip(prelim["iso3"], prelim["year"] - 1, strict=True))
    keys = zip(drawn["iso3"], drawn["year"], strict=True)
    return (drawn["status"] == "preliminary") | pd.Series([k in before for k in keys], index=drawn.index)


def afghanistan_since(deaths: pd.DataFrame, year: int = 2020) -> pd.DataFrame:
    """Afghanistan's yearly deaths from `year` on, as printed beside the chart."""
    r = deaths[(deaths["iso3"] == "AFG") & (deaths["year"] >= year)].sort_values("year")
    return pd.DataFrame({
        "Year": r["year"].astype(int),
        "Deaths (best estimate)": r["deaths"].map("{:,}".format),
        "Status": r["status"].map(STATUS_LABELS),
    }).reset_index(drop=True)


def latest_final(deaths: pd.DataFrame, iso3: str = "AFG") -> dict:
    """The last final (not preliminary) year of a country's deaths: the Overview's one figure from the record."""
    r = deaths[(deaths["iso3"] == iso3) & (deaths["status"] == "final")].sort_values("year").iloc[-1]
    return {"year": int(r["year"]), "deaths": int(r["deaths"])}
