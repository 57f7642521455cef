"""The U.S. instruments after the withdrawal on a timeline, and the same rows as a table."""

import pandas as pd
import streamlit as st

from afdash.core.safe import md_table
from afdash.external import united_states, vocabulary
from afdash.web import ui
from afdash.web.page import Page

US_COLUMNS = {"date": "Date", "type": "Instrument", "title": "What happened",
              "figures": "Figures (as the report gives them)", "role": "Role as an instrument", "source": "Source"}
ALL_INSTRUMENTS = list(vocabulary.INSTRUMENTS)


@ui.cached
def _timeline(kinds: tuple[str, ...], context: bool) -> pd.DataFrame:
    return united_states.us_timeline(ui.table("us_instruments"), ui.table("events"), ui.table("key_figures"), kinds,
                              context)


@ui.cached
def _timeline_spec(kinds: tuple[str, ...], context: bool) -> dict:
    return ui.chart_spec(united_states.timeline_chart(_timeline(kinds, context)))


@ui.cached
def _us_table(kinds: tuple[str, ...], context: bool) -> tuple[str, pd.DataFrame]:
    """The timeline's rows as a Markdown table, and as downloaded."""
    tl = _timeline(kinds, context)
    return md_table(tl[list(US_COLUMNS)].rename(columns=US_COLUMNS)), tl.drop(columns=["date_start", "date_end"])


def render(page: Page) -> None:
    st.header("The United States")
    st.markdown(
        "Washington left Afghanistan with its troops but not with its levers: sanctions and frozen reserves, "
        "occasional force, diplomacy with and about the Taliban, multilateral formats and aid. Dates and amounts "
        "come from the report's chapter on external factors unless the source says otherwise."
    )
    kinds = page.multiselect("instrument", "U.S. instruments", ALL_INSTRUMENTS, ALL_INSTRUMENTS,
                             format_func=lambda k: vocabulary.INSTRUMENTS[k])
    context = page.toggle("context", "Include 2020–April 2021 context", False)  # full width: its label never cut
    key = (tuple(kinds), context)
    tl = _timeline(*key)
    if tl.empty:
        st.info("No U.S. instruments match: instrument="
                + (", ".join(vocabulary.INSTRUMENTS[k] for k in kinds) or "none")
                + f", context={'included' if context else 'excluded'}.")
        return
    st.vega_lite_chart(spec=_timeline_spec(*key), width="stretch")
    st.caption("Squares mark events the report dates only to the month; bars span multi-day or multi-month "
               "periods. Hover for details.")
    table, download = _us_table(*key)  # a Markdown table: a data grid made this view the slowest to open
    st.markdown(table)
    ui.download(download, "us_instruments", {"instrument": kinds if kinds != ALL_INSTRUMENTS else None,
                                             "context": "included" if context else None},
                label=f"Download these {len(tl)} rows (CSV)")
