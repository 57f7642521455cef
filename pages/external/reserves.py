"""The Afghan central bank's reserves frozen by the United States: printed and derived amounts."""

import streamlit as st

from afdash.external import reserves
from afdash.web import ui
from afdash.web.page import Page


@ui.cached
def _spec() -> dict:
    return ui.chart_spec(reserves.chart(ui.table("afghan_assets")))


@ui.cached
def _text() -> tuple[str, str]:
    return reserves.amounts_text(ui.table("afghan_assets"))


def render(page: Page) -> None:
    st.header("The frozen central-bank reserves")
    st.vega_lite_chart(spec=_spec(), width="stretch")
    amounts, derived = _text()  # the chart's five amounts as text too (a grid would cost as much as a chart)
    st.markdown(amounts)
    st.caption(
        "Solid bars are printed in the report (USD 9.5 billion frozen on 18 Aug 2021; USD 7 billion released by "
        "the order of 11 Feb 2022, “half” for each purpose). Pale, dash-outlined bars are "
        f"**{reserves.DERIVED_LABEL}**, not printed: " + derived
        + ". The report does not say what became of the part the order did not cover."
    )
    ui.source("external_factors")
    ui.download(ui.table("afghan_assets"), "afghan_assets", label="Download the chart's five amounts (CSV)")
