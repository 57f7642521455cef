"""Civilian casualties 2009–2021 and August 2021–June 2022, as the report prints them."""

import pandas as pd
import streamlit as st

from afdash.core.report import REPORT_SHORT
from afdash.core.safe import md, md_table
from afdash.security import casualties
from afdash.web import ui
from afdash.web.page import Page


@ui.cached
def _casualty_view(measure: str) -> tuple[dict, list[dict], pd.DataFrame, str]:
    cas = ui.table("civilian_casualties")
    caveat = ui.resource("civilian_casualties").get("notes", "")
    return (ui.chart_spec(casualties.chart(cas, measure)), casualties.headlines(cas, measure),
            casualties.numbers_table(cas), caveat)


def render(page: Page) -> None:
    st.header("Civilian casualties")
    measure = page.radio("measure", "Measure", list(casualties.MEASURES), "total",
                         format_func=casualties.MEASURES.get, horizontal=True)
    spec, heads, numbers, caveat = _casualty_view(measure)
    for col, h in zip(st.columns(3), heads, strict=False):
        col.metric(h["label"], h["value"], h["delta"], delta_color="inverse", help=h["help"])
    by_source: dict[str, list[str]] = {}
    for h in heads:
        by_source.setdefault(h["source"], []).append(h["period"])
    st.caption("Sources: " + "; ".join(f"{md(' and '.join(periods))}: {md(src)}" for src, periods in by_source.items()))
    st.vega_lite_chart(spec, width="stretch")
    st.caption(
        "Source: " + REPORT_SHORT + ", Table 1 (2009–2021, citing UNAMA's Protection of Civilians reports, fn. 16) "
        "and the August 2021–June 2022 figure (citing UNAMA's July 2022 report, fn. 17). The dashed bar covers "
        "11 months and overlaps the last five months of 2021: it is not a calendar year. " + caveat
    )
    st.markdown(md_table(numbers.reset_index()))  # st.table would render its text cells as Markdown
