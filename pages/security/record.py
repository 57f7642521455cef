"""The independent record past 2022: conflict deaths per country and year, who fought whom, economic and
governance series, and the report's claims beside their counterparts. Logic lives in afdash.record."""

import pandas as pd
import streamlit as st

from afdash.core.safe import md, md_table
from afdash.record import codes, compare, deaths, dyads, indicators
from afdash.web import ui
from afdash.web.page import Page

COUNTRIES = list(codes.SEVEN)
YEARS = [str(y) for y in range(1989, 2025)]  # URL values are text


# ------------------------------------------------------------------------------------------- conflict deaths
@ui.cached
def _deaths_view(countries: tuple, first: int, prelim: bool) -> tuple[pd.DataFrame, dict | None, str]:
    drawn = deaths.rows(ui.table("record_conflict_deaths"), list(countries), first, 2025, prelim)
    spec = ui.chart_spec(deaths.chart(drawn)) if len(drawn) else None
    return drawn, spec, md_table(deaths.afghanistan_since(ui.table("record_conflict_deaths")))


def deaths_view(page: Page) -> None:
    st.header("Conflict deaths since 1989, past the report")
    # In a filter box: the browser draws its widgets only when it is opened; the caption states the choice.
    with ui.filter_box("Countries, first year, 2025"):
        countries = page.multiselect("countries", "Countries", COUNTRIES, COUNTRIES, format_func=codes.SEVEN.get,
                                     placeholder="Choose countries")
        first = int(page.select("from", "From", YEARS, "2001"))
        prelim = page.toggle("prelim", "Show 2025 (preliminary)", True)
    st.caption(codes.choice_line([codes.SEVEN[c] for c in countries], first, 2025 if prelim else 2024,
                                 "2025 preliminary" if prelim else "without 2025 (preliminary)"))
    drawn, spec, afg = _deaths_view(tuple(countries), first, prelim)
    if spec is None:
        st.info("No country chosen: pick at least one of Afghanistan and its six neighbours to draw their deaths.")
        return
    st.vega_lite_chart(spec, width="stretch")
    st.caption(md(deaths.CAPTION) + " Symmetric log scale (each gridline ten times the one below), so "
               "every country's line is readable beside Afghanistan's; exact figures in the tooltips and the CSV. "
               "Dashed segment and hollow point: 2025, preliminary. Dotted vertical lines: the Taliban take Kabul "
               "(15 Aug 2021); the report's writing (sources to July 2022).")
    if "AFG" in countries:
        st.markdown("**Afghanistan since 2020**")
        st.markdown(afg)
    filters = {"countries": countries, "from": first, "prelim": prelim}
    ui.download(drawn, "record_conflict_deaths", filters, label=f"Download these {len(drawn)} rows (CSV)")


# ------------------------------------------------------------------------------------------------- dyads
@ui.cached
def _dyad_view(where: tuple, first: int, afg_only: bool) -> tuple[pd.DataFrame, dict | None, str]:
    conflicts, brd = ui.table("record_conflicts"), ui.table("record_battle_deaths")
    drawn = dyads.rows(conflicts, brd, list(where), first, 2024, afg_only)
    spec = ui.chart_spec(dyads.chart(drawn)) if len(drawn) else None
    return drawn, spec, md_table(dyads.afghanistan_after_takeover(conflicts, brd))


def dyads_view(page: Page) -> None:
    st.header("Who fought whom, year by year")
    c1, c2, c3 = st.columns([4, 1, 2])
    with c1:
        where = page.multiselect("where", "Conflicts located in", COUNTRIES, ["AFG"], format_func=codes.SEVEN.get,
                                 placeholder="Choose countries")
    with c2:
        first = int(page.select("since", "From", YEARS, "2015"))
    with c3:
        afg_only = page.toggle("afg", "Only conflicts involving Afghanistan", False)
    drawn, spec, after = _dyad_view(tuple(where), first, afg_only)
    if spec is None:
        st.info("No conflict-year matches: choose at least one country, or an earlier first year. UCDP lists a "
                "conflict only in years with 25 or more battle-related deaths.")
        return
    st.vega_lite_chart(spec, width="stretch")
    st.caption(md(dyads.CAPTION))
    st.markdown("**Afghanistan's government and its opponents since 2021**")
    st.markdown(after)
    filters = {"where": where, "since": first, "afg": afg_only}
    ui.download(drawn, "record_conflicts", filters, label=f"Download these {len(drawn)} rows (CSV)")


# ----------------------------------------------------------------------------------------------- economy
@ui.cached
def _economy_view(series: tuple, countries: tuple) -> tuple[pd.DataFrame, dict | None, str]:
    wdi = ui.table("record_indicators")
    drawn = indicators.rows(wdi, list(series), list(countries))
    spec = ui.chart_spec(indicators.chart(drawn)) if len(drawn) else None
    return drawn, spec, md_table(indicators.latest(wdi))


def economy_view(page: Page) -> None:
    st.header("Economy and governance for context")
    wdi_series = indicators.options(ui.table("record_indicators"))
    c1, c2 = st.columns(2)
    with c1:
        series = page.multiselect("series", "Series", wdi_series, list(indicators.DEFAULT),
                                   format_func=indicators.label, placeholder="Choose series")
    with c2:
        countries = page.multiselect("econ", "Countries", COUNTRIES, ["AFG", "PAK", "IRN"],
                                     format_func=codes.SEVEN.get, placeholder="Choose countries")
    drawn, spec, latest = _economy_view(tuple(series), tuple(countries))
    if spec is None:
        st.info("Nothing to draw: choose at least one series and one country (the World Bank extract has no value "
                "for some pairs).")
        return
    st.vega_lite_chart(spec, width="stretch")
    st.caption(f"Source: {md(indicators.WDI_SOURCE)}. Licence: {indicators.WDI_LICENCE}. Values as the World Bank "
               "publishes them; the extract ends in 2023 and for Afghanistan many series stop in 2020–2022. The "
               "report's GDP estimate (below USD 20 billion) is a total, which the extract does not carry.")
    st.markdown("**Afghanistan: latest year of each series**")
    st.markdown(latest)
    ui.download(drawn, "record_indicators", {"series": series, "econ": countries},
                label=f"Download these {len(drawn)} rows (CSV)")


# ---------------------------------------------------------------------------------------- report vs record
TOPICS = {"casualties": "Casualties", "armed_conflict": "Armed conflict", "refugees": "Refugees",
          "economy": "Economy"}


@ui.cached
def _comparison(topics: tuple) -> pd.DataFrame:
    tables = {name: ui.table(name) for name in compare.needed()}
    return compare.table(tables["record_comparison"], tables, list(topics))


def compare_view(page: Page) -> None:
    st.header("The report beside the record")
    st.markdown("Each row sets one of the report's claims beside its nearest counterpart in the independent record. "
                "The two are never merged and afdash draws no verdict: the last columns say how the measures "
                "differ, or that the record cannot confirm or contradict the claim.")
    topics = page.multiselect("topic", "Topics", list(TOPICS), list(TOPICS), format_func=TOPICS.get,
                              placeholder="Choose topics")
    shown = _comparison(tuple(topics))
    if shown.empty:
        st.info("No topic chosen: pick at least one to list the report's claims beside the record.")
        return
    st.markdown(md_table(shown))
    st.caption("Sources: the report (chapter, page and footnote in the Report source column; © RIAC 2022, facts "
               "cited) and the record datasets named in the Record source column (CC BY 4.0). Hand-kept in "
               "data/sources/record_comparison.csv; the build checks every reference.")
    ui.download(shown, "record_comparison", {"topic": topics}, label=f"Download these {len(shown)} rows (CSV)")
