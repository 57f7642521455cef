"""The independent record's other security views as slides: who fought whom (UCDP) and the World Bank's
economic and governance series. Registered with the security views; each carries the page's filters."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from afdash.briefing import charts
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.record import codes, dyads, indicators

YEARS = tuple(str(y) for y in range(1989, 2025))
FLAG = ("0", "1")
FLAG_LABELS = {"0": "No", "1": "Yes"}
MAX_DYADS = 8  # strips a projector can letter on two lines at 17 px in the chart's height


def _names(iso3s) -> str:
    return ", ".join(codes.SEVEN[c] for c in iso3s) or "none"


def _dyad_chart(shown: pd.DataFrame) -> alt.TopLevelMixin:
    """The page's strips, each pair written on two lines ("… vs" / opponent) so no name is cut."""
    short = shown.assign(side_a=shown["side_a"].str.replace("Government of ", "Govt of ", regex=False),
                         opponent=shown["opponent"].str.replace("Government of ", "Govt of ", regex=False))
    chart = dyads.chart(short)
    chart.layer[0].encoding.y.axis = alt.Axis(labelLimit=420, labelLineHeight=19, labelOverlap=False,
                                              labelExpr="split(replace(datum.label, ' vs ', ' vs|'), '|')")
    return charts.finish(chart)


def _dyads(tables: Mapping, params: dict) -> Slide:
    where = [c for c in codes.SEVEN if c in params["where"]]
    first, afg_only = int(params["since"]), params["afg"] == "1"
    drawn = dyads.rows(tables["record_conflicts"], tables["record_battle_deaths"], where, first, 2024, afg_only)
    scope = "involving Afghanistan" if afg_only else f"located in {_names(where)}"
    labelled = drawn.assign(dyad=drawn.apply(dyads.dyad_label, axis=1)) if len(drawn) else drawn.assign(dyad="")
    recent = (labelled.sort_values("year").drop_duplicates("dyad", keep="last")
              .sort_values(["year", "conflict_id"], ascending=[False, True])["dyad"].head(MAX_DYADS).tolist())
    shown = labelled[labelled["dyad"].isin(recent)].drop(columns="dyad")
    if len(shown):
        last = int(shown["year"].max())
        latest = shown[shown["year"] == last]
        wars = latest[latest["intensity"] == "war"]
        first_point = (f"In {last} UCDP lists {latest['opponent'].nunique()} opponents in conflicts {scope}: "
                       + "; ".join(f"{r.side_a} against {r.opponent}" for r in latest.head(3).itertuples())
                       + ("" if len(latest) <= 3 else "; and others") + ".")
        war_point = (f"{len(wars)} of these pairs belong to a conflict at war level (1,000 or more battle-related "
                     f"deaths) that year." if len(wars) else
                     f"None of the {last} conflicts shown reached war level (1,000 or more battle-related deaths).")
        chart = _dyad_chart(shown)
    else:
        first_point = (f"No conflict-year matches: conflicts {scope}, from {first}. UCDP lists a conflict only in "
                       "years with 25 or more battle-related deaths.")
        war_point, chart = "", None
    left_out = labelled["dyad"].nunique() - len(recent)
    points = tuple(p for p in (
        first_point, war_point,
        "UCDP names whoever holds Kabul the government of Afghanistan: the Taliban since August 2021, so the "
        "report's security picture and these strips describe the same government from 2022 on.",
    ) if p)
    return Slide(
        view_id="security_record_dyads", area="security",
        title="Past the report: who fought whom (UCDP)",
        headline=f"{len(recent)}", headline_label=f"pairs of opponents in conflicts {scope}, {first}–2024",
        chart=chart, points=points,
        citations=(Citation("security_situation"),),
        datasets=("record_conflicts", "record_battle_deaths"),
        caveat=(f"Record: {dyads.SOURCE}; {dyads.LICENCE}. Intensity is the whole conflict's in that year."
                + (f" The {left_out} pairs last active earliest are in the CSV only." if left_out > 0 else "")),
        notes=("Each strip is one pair of opponents, a cell per year coloured by the conflict's intensity. The "
               "report describes the fighting qualitatively; UCDP counts battle-related deaths per conflict and "
               "dyad, so the two are set side by side, never merged."),
        data=shown.reset_index(drop=True), data_name="record_conflicts",
    )


def _series_options(tables: Mapping) -> list[str]:
    return indicators.options(tables["record_indicators"])


def _economy(tables: Mapping, params: dict) -> Slide:
    wdi = tables["record_indicators"]
    series = [s for s in _series_options(tables) if s in params["series"]]
    countries = [c for c in codes.SEVEN if c in params["econ"]]
    code = series[0] if series else None
    drawn = indicators.rows(wdi, [code], countries) if code else indicators.rows(wdi, [], [])
    focus = "AFG" if "AFG" in countries else (countries[0] if countries else "AFG")
    mine = drawn[drawn["iso3"] == focus].sort_values("year")
    if len(drawn):
        chart = charts.finish(indicators.chart(drawn).vconcat[0].properties(title=""))
        last = mine.iloc[-1] if len(mine) else None
    else:
        chart, last = None, None
    unit = indicators.SERIES[code].unit if code else ""
    headline = "" if last is None else f"{last['value']:,.2f}"
    latest = indicators.latest(wdi, focus)
    chosen = latest[latest["Series"].isin([indicators.label(s) for s in series])].head(3)
    points = tuple(f"{codes.SEVEN[focus]}: {r['Series']} was {r['Value']} in {r['Latest year']}, the World Bank's "
                   "latest value." for r in chosen.to_dict("records")) or (
        "Nothing to draw: choose at least one series and one country in the deck builder.",)
    return Slide(
        view_id="security_record_economy", area="security",
        title=("Economy and governance: " + indicators.SERIES[code].label.lower()) if code else
              "Economy and governance (World Bank)",
        headline=headline,
        headline_label=(f"{unit}, {codes.SEVEN[focus]}, {int(last['year'])} (World Bank)" if last is not None
                        else ""),
        chart=chart, points=points,
        citations=(Citation("security_situation"), Citation("cooperation")),
        datasets=("record_indicators",),
        caveat=(f"Record: {indicators.WDI_SOURCE}; {indicators.WDI_LICENCE}. One series per slide (the first "
                f"chosen); countries: {_names(countries)}. For Afghanistan many series stop in 2020–2022."),
        notes=("The report gives no economic series of its own, only an estimate of GDP under USD 20 billion; the "
               "World Bank extract carries values per person or as shares, so the two are never combined."),
        data=drawn, data_name="record_indicators",
    )


VIEWS: list[Recipe] = [
    Recipe("security_record_dyads", "security", "Past the report: who fought whom (UCDP)", _dyads,
           params=(Param("where", "Conflicts located in", tuple(codes.SEVEN), ("AFG",), multi=True,
                         labels=codes.SEVEN),
                   Param("since", "From", YEARS, "2015"),
                   Param("afg", "Only conflicts involving Afghanistan", FLAG, "0", labels=FLAG_LABELS)),
           description="UCDP conflict-years split into pairs of opponents, coloured by intensity, 1989–2024."),
    Recipe("security_record_economy", "security", "Past the report: economy and governance (World Bank)", _economy,
           params=(Param("series", "Series (the first chosen is drawn)", _series_options, indicators.DEFAULT,
                         multi=True, labels={c: indicators.label(c) for c in indicators.SERIES}),
                   Param("econ", "Countries", tuple(codes.SEVEN), ("AFG", "PAK", "IRN"), multi=True,
                         labels=codes.SEVEN)),
           description="World Development Indicators for Afghanistan and its neighbours, one series per slide."),
]
