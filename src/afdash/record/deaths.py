"""Conflict deaths per year in Afghanistan and each neighbour, 1989–2024 from UCDP GED 25.1 (via Our World in
Data) and 2025 from UCDP's candidate events (preliminary), one panel per country on its own scale: Afghanistan's
tens of thousands would otherwise flatten every neighbour to zero."""

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


def chart(drawn: pd.DataFrame) -> alt.VConcatChart:
    """A panel per country, each on its own scale."""
    lo, hi = int(drawn["year"].min()), int(drawn["year"].max()) + 1
    panels = [panel(drawn[drawn["iso3"] == iso3], lo, hi).properties(title=codes.SEVEN[iso3], height=130,
                                                                     width="container")
              for iso3 in drawn["iso3"].unique()]
    return alt.vconcat(*panels).resolve_scale(y="independent")


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
