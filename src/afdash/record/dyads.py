"""Who fought whom, year by year: UCDP/PRIO conflict-years (to 2024) split into one row per opponent, coloured
by the conflict's intensity that year, with UCDP's battle-related deaths for the matching dyad (to 2023) where
the dyad dataset has them.

UCDP calls whoever holds Kabul "Government of Afghanistan": the Islamic Republic until August 2021, the
Taliban after. So 2021 lists the Taliban and the NRF as opponents, and from 2022 the government's opponents
are the NRF, the AFF and IS."""

from __future__ import annotations

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.record.marks import MARKS, markers, year_axis

SOURCE = "UCDP/PRIO Armed Conflict Dataset 25.1 (to 2024); UCDP Battle-Related Deaths, dyadic, 24.1 (to 2023)"
LICENCE = "CC BY 4.0"
CAPTION = (f"Source: {SOURCE}. Licence: {LICENCE}. Intensity belongs to the conflict as a whole that year "
           "(minor: 25–999 battle-related deaths; war: 1,000 or more). “Government of Afghanistan” is UCDP's name "
           "for whoever held Kabul: the Taliban from August 2021. Battle deaths are per dyad and end in 2023. "
           "Dashed lines: the Taliban take Kabul (15 Aug 2021); the report's writing (sources to July 2022).")
INTENSITY_LABELS = {"minor": "Minor (25–999 deaths)", "war": "War (1,000+ deaths)"}
TYPE_LABELS = {"extrasystemic": "extrasystemic", "interstate": "interstate", "intrastate": "intrastate",
               "internationalized_intrastate": "intrastate, internationalised"}
COLUMNS = ["conflict_id", "year", "side_a", "opponent", "location", "type_of_conflict", "intensity",
           "battle_deaths_best", "battle_deaths_low", "battle_deaths_high"]


def opponents(conflicts: pd.DataFrame, brd: pd.DataFrame) -> pd.DataFrame:
    """One row per conflict, year and opponent on side B, with the dyad's battle deaths where BRD has them."""
    c = conflicts.assign(opponent=conflicts["side_b"].str.split(", ")).explode("opponent")
    deaths = brd[["conflict_id", "year", "side_b", "bd_best", "bd_low", "bd_high"]].rename(columns={
        "side_b": "opponent", "bd_best": "battle_deaths_best", "bd_low": "battle_deaths_low",
        "bd_high": "battle_deaths_high"})
    out = c.merge(deaths, on=["conflict_id", "year", "opponent"], how="left")
    out["type_of_conflict"] = out["type_of_conflict"].map(TYPE_LABELS)
    return out


def rows(conflicts: pd.DataFrame, brd: pd.DataFrame, countries: list[str], first: int = 2001,
         last: int = 2024, afghanistan_only: bool = False) -> pd.DataFrame:
    """The drawn rows: conflict-years located in any of `countries` (or, with afghanistan_only, those UCDP
    flags as involving Afghanistan), in the chosen years."""
    located = conflicts["location_iso3"].map(lambda v: bool(set(str(v).split("|")) & set(countries)))
    keep = conflicts["afg_involved"] if afghanistan_only else located
    c = conflicts[keep & conflicts["year"].between(first, last)]
    out = opponents(c, brd).sort_values(["conflict_id", "opponent", "year"])
    return out[COLUMNS].reset_index(drop=True)


def dyad_label(r: pd.Series) -> str:
    return f"{r['side_a']} vs {r['opponent']}"


def chart(drawn: pd.DataFrame) -> alt.LayerChart:
    """A strip per pair of opponents; each year a cell coloured by intensity; takeover and report marked."""
    d = drawn.assign(dyad=drawn.apply(dyad_label, axis=1), intensity_label=drawn["intensity"].map(INTENSITY_LABELS))
    order = d.sort_values(["year"]).drop_duplicates("dyad", keep="last").sort_values(
        ["year", "conflict_id"], ascending=[False, True])["dyad"].tolist()
    lo, hi = int(d["year"].min()), int(d["year"].max()) + 1
    cells = alt.Chart(d).transform_calculate(year_end="datum.year + 1").mark_rect(
        stroke="white", strokeWidth=1).encode(
        x=year_axis(lo, hi),
        x2="year_end:Q",
        y=alt.Y("dyad:N", title=None, sort=order, axis=alt.Axis(labelLimit=340, labelOverlap=False)),
        color=alt.Color("intensity_label:N", title="Intensity",
                        scale=alt.Scale(domain=list(INTENSITY_LABELS.values()),
                                        range=[palette.OKABE_ITO[0], palette.OKABE_ITO[5]])),
        tooltip=[alt.Tooltip("dyad:N", title="Who fought whom"), alt.Tooltip("year:Q", format="d"),
                 alt.Tooltip("intensity_label:N", title="Intensity"),
                 alt.Tooltip("type_of_conflict:N", title="Type"), alt.Tooltip("location:N", title="Location"),
                 alt.Tooltip("battle_deaths_best:Q", title="Battle deaths (dyad, best)", format=",d")])
    return alt.layer(cells, *markers(lo, hi, MARKS, labels=False)).properties(
        height=alt.Step(22), width="container")


def afghanistan_after_takeover(conflicts: pd.DataFrame, brd: pd.DataFrame) -> pd.DataFrame:
    """The government's opponents from 2021 on, as a small table beside the chart."""
    r = rows(conflicts, brd, ["AFG"], first=2021, last=2024, afghanistan_only=True)
    r = r[r["side_a"] == "Government of Afghanistan"]
    return pd.DataFrame({
        "Year": r["year"].astype(int),
        "Opponent": r["opponent"],
        "Intensity": r["intensity"].map(INTENSITY_LABELS),
        "Battle deaths (best)": r["battle_deaths_best"].map(lambda v: "not in BRD 24.1" if pd.isna(v) else f"{v:,}"),
    }).sort_values(["Year", "Opponent"]).reset_index(drop=True)
