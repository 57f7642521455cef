"""World Bank indicators for context: the few series of the WDI extract that bear on the report's economic and
governance remarks, one small-multiple chart per series with Afghanistan picked out from its neighbours."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.record import codes
from afdash.record.marks import MARKS, markers, year_axis

WDI_SOURCE = "World Bank, World Development Indicators (extract to 2023)"
WDI_LICENCE = "CC BY 4.0"


@dataclass(frozen=True)
class Series:
    code: str
    label: str
    unit: str
    theme: str


SERIES: dict[str, Series] = {s.code: s for s in (
    Series("NY.GDP.PCAP.CD", "GDP per capita", "current USD per person", "economy"),
    Series("FP.CPI.TOTL.ZG", "Inflation, consumer prices", "percent per year", "economy"),
    Series("SI.POV.MPWB", "Multidimensional poverty headcount (World Bank)", "percent of population", "poverty"),
    Series("SI.POV.MPUN", "Multidimensional poverty headcount (UNDP)", "percent of population", "poverty"),
    Series("MS.MIL.XPND.CD", "Military expenditure", "current USD", "military"),
    Series("MS.MIL.XPND.GD.ZS", "Military expenditure", "percent of GDP", "military"),
    Series("CC.EST", "Control of Corruption (estimate)", "index, about -2.5 (weak) to 2.5 (strong)", "governance"),
    Series("VA.EST", "Voice and Accountability (estimate)", "index, about -2.5 (weak) to 2.5 (strong)", "governance"),
)}
# Okabe–Ito without its faint yellow: one fixed colour per country, Afghanistan first.
COLOURS = [palette.OKABE_ITO[i] for i in (0, 1, 2, 4, 5, 6, 7)]
# The default selection on the page: one economic, one military and one governance series.
DEFAULT = ("NY.GDP.PCAP.CD", "MS.MIL.XPND.GD.ZS", "VA.EST")


def options(wdi: pd.DataFrame) -> list[str]:
    """Series codes that have data, in SERIES order."""
    have = set(wdi["series_code"])
    return [c for c in SERIES if c in have]


def label(code: str) -> str:
    s = SERIES[code]
    return f"{s.label} ({s.unit})"


def rows(wdi: pd.DataFrame, series: list[str], countries: list[str]) -> pd.DataFrame:
    """The drawn rows: chosen series and countries, with readable names and units."""
    unknown = [s for s in series if s not in SERIES]
    if unknown:
        raise ValueError(f"unknown series {unknown}")
    r = wdi[wdi["series_code"].isin(series) & wdi["iso3"].isin(countries)].copy()
    r["country"] = r["iso3"].map(codes.SEVEN)
    r["series"] = r["series_code"].map(label)
    r["source"] = f"{WDI_SOURCE}, {WDI_LICENCE}"
    cols = ["series_code", "series", "iso3", "country", "year", "value", "unit", "source"]
    return r[cols].sort_values(["series_code", "iso3", "year"]).reset_index(drop=True)


def latest(wdi: pd.DataFrame, iso3: str = "AFG") -> pd.DataFrame:
    """The last year each series has for one country: what the record says most recently, and how old it is."""
    r = wdi[wdi["iso3"] == iso3].sort_values("year").groupby("series_code").tail(1)
    out = pd.DataFrame({
        "Series": r["series_code"].map(label),
        "Latest year": r["year"].astype(int),
        "Value": r["value"].map(lambda v: f"{v:,.2f}"),
    })
    order = {c: i for i, c in enumerate(SERIES)}
    return out.assign(_o=r["series_code"].map(order)).sort_values("_o").drop(columns="_o").reset_index(drop=True)


def chart(drawn: pd.DataFrame) -> alt.VConcatChart:
    """One panel per series (each on its own scale and unit), Afghanistan thick, neighbours thin, the
    takeover and the report marked."""
    # each country keeps its colour whichever others are chosen; the legend lists only those drawn
    shown = [(name, colour) for (iso3, name), colour in zip(codes.SEVEN.items(), COLOURS, strict=True)
             if iso3 in set(drawn["iso3"])]
    colour = alt.Color("country:N", title="Country", sort=[n for n, _ in shown],
                       legend=alt.Legend(orient="top", direction="horizontal"),
                       scale=alt.Scale(domain=[n for n, _ in shown], range=[c for _, c in shown]))
    panels = []
    for code in [c for c in SERIES if c in set(drawn["series_code"])]:
        d = drawn[drawn["series_code"] == code]
        lo, hi = int(d["year"].min()), max(int(d["year"].max()), 2022) + 1
        x = year_axis(lo, hi, "x_mid:Q")
        # an annual value sits in the middle of its year, so the marks fall on the right side of it
        lines = alt.Chart(d).transform_calculate(x_mid="datum.year + 0.5").mark_line(point=True).encode(
            x=x, y=alt.Y("value:Q", title=SERIES[code].unit), color=colour,
            strokeWidth=alt.condition(alt.datum.iso3 == "AFG", alt.value(3), alt.value(1.2)),
            tooltip=["country:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", format=",.2f"),
                     "unit:N"])
        panels.append(alt.layer(lines, *markers(lo, hi, MARKS)).properties(
            title=label(code), height=180, width="container"))
    return alt.vconcat(*panels).resolve_scale(y="independent")
