"""Overview: what afdash is, the report behind it, and a few headline figures with their sources."""

import streamlit as st

from afdash.core import figures, safe
from afdash.core.report import REPORT_CITATION, REPORT_URL
from afdash.record import deaths
from afdash.web import ui
from afdash.web.page import Page, PageDef, run

HEADLINES = [
    "isisk_members_early_2022",
    "foreign_terrorists_in_afghanistan",
    "terrorist_groups_count",
    "us_frozen_afghan_assets",
]


@ui.cached
def headlines() -> list[dict]:
    """The four headline figures, formatted once per data folder (not on every rerun)."""
    kf = ui.table("key_figures")
    return [figures.headline(kf, fid) for fid in HEADLINES]


@ui.cached
def casualties_since_takeover() -> dict:
    cas = ui.table("civilian_casualties")
    row = cas[(cas["period_kind"] == "partial_period") & (cas["measure"] == "total")].iloc[0]
    return {"value": int(row["value"]), "section": row["section"], "footnote": int(row["footnote"])}


@ui.cached
def record_deaths() -> dict:
    return deaths.latest_final(ui.table("record_conflict_deaths"))


def render(page: Page) -> None:
    st.markdown(
        "afdash lays out the joint Russian–Chinese expert assessment of Afghan security after August 2021 "
        "— armed groups, regional actors, channels of Russia–China cooperation and the role of outside "
        "powers — as sourced data, maps and briefing slides that work without an internet connection."
    )
    st.caption(f"Built on: [{REPORT_CITATION}]({REPORT_URL})")

    cols = st.columns(len(HEADLINES))
    for col, h in zip(cols, headlines(), strict=True):
        col.metric(safe.md(h["label"]), h["text"])
        col.caption(safe.md(h["source"] + (f" · {h['as_of']}" if h["as_of"] else "")))

    # The report's figure and, beside it, one figure from the independent record past the report: side by side,
    # never merged (they measure different things).
    report_col, record_col = st.columns(2)
    period = casualties_since_takeover()
    with report_col:
        st.metric("Civilian casualties, Aug 2021 – Jun 2022 (killed and wounded)", f"{period['value']:,}")
        ui.source(period["section"], period["footnote"],
                  "The report cites UNAMA; UNAMA's own annual totals are higher — see Data & sources.")
    record = record_deaths()
    with record_col:
        st.metric(f"Conflict deaths in Afghanistan, {record['year']} (UCDP, all kinds)", f"{record['deaths']:,}")
        st.caption("Past the report, from the independent record: UCDP Georeferenced Event Dataset 25.1 via Our "
                   "World in Data, licence CC BY 4.0. Soldiers, fighters and civilians, so not the report's "
                   "civilian count. [Conflict deaths per year since 1989](/security-trends?view=deaths)")

    st.subheader("Pages")
    st.page_link("pages/data.py", label="Data & sources — every dataset, its sources, licence and downloads")


run(PageDef("home", "Afghanistan's security after the U.S. withdrawal", render=render))
