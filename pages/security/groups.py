"""The armed groups the report names: size estimates as printed, where they operate, whom they threaten."""

import pandas as pd
import streamlit as st

from afdash.core import figures
from afdash.core.report import REPORT_SHORT
from afdash.core.safe import md, md_table
from afdash.security import armed_groups
from afdash.web import ui
from afdash.web.page import Page

GROUP_COLUMNS = {"group": "Group", "size": "Size (as printed)", "size_as_of": "As of",
                 "operates_note": "Where it operates", "threatens_labels": "Threatens",
                 "ties_label": "Ties to the Taliban", "ties_note": "Ties, per the report",
                 "banned_in_russia": "Banned in Russia*", "source": "Source"}


@ui.cached
def _groups() -> tuple[pd.DataFrame, dict]:
    kf = ui.table("key_figures")
    scale = figures.headline(kf, "foreign_terrorists_in_afghanistan")
    return armed_groups.table(ui.table("armed_groups"), ui.table("actors")), scale


@ui.cached
def _group_view(threat: tuple, ties: tuple) -> tuple[pd.DataFrame, pd.DataFrame, dict | None]:
    shown = armed_groups.filter_groups(_groups()[0], threat, ties)
    marks = armed_groups.estimates(shown, ui.table("key_figures"), ui.table("actors"))
    return shown, marks, (ui.chart_spec(armed_groups.estimates_chart(marks)) if len(marks) else None)


@ui.cached
def _groups_table(threat: tuple, ties: tuple) -> str:
    shown = _group_view(threat, ties)[0]
    return md_table(shown[list(GROUP_COLUMNS)].fillna({"size_as_of": ""}).rename(columns=GROUP_COLUMNS))


def render(page: Page) -> None:
    st.header("Armed groups named in the report")
    c1, c2 = st.columns(2)
    with c1:
        threat = page.multiselect("threat", "Threatens (any of)", list(armed_groups.THREATS), [],
                                  format_func=armed_groups.THREATS.get, placeholder="Anyone")
    with c2:
        tie = page.multiselect("ties", "Ties to the Taliban", list(armed_groups.TIES), [],
                               format_func=armed_groups.TIES.get, placeholder="Any")
    shown, marks, spec = _group_view(tuple(threat), tuple(tie))
    scale = _groups()[1]
    for_scale = f"For scale: {md(scale['text'])} foreign terrorists in Afghanistan in all ({md(scale['source'])})."
    if shown.empty:
        st.info(f"No armed groups match: threatens={', '.join(threat) or 'anyone'}; ties={', '.join(tie) or 'any'}.")
        return
    if spec is None:
        st.caption(f"The report prints no size estimate for the groups shown. {for_scale}")
    else:
        st.vega_lite_chart(spec, width="stretch")
        sources = md("; ".join(dict.fromkeys(marks["source"])))
        unsized = shown.loc[shown["size_figure_id"].isna(), "group"].tolist()
        st.caption(
            f"Source: {sources}. Bars are ranges exactly as printed; dots are point figures with the report's "
            "qualifier ('about'); no error margin is added. The 200–700 estimate is one figure for ETIM and "
            "IPT (IMU) together. " + (f"No size given in the report for: {md(', '.join(unsized))}. " if unsized else "")
            + for_scale
        )
    st.markdown(_groups_table(tuple(threat), tuple(tie)))  # Markdown, not a data grid: see safe.md_table
    st.caption("*The report marks these organisations as banned in Russia. Source of every row: the Source column "
               f"({REPORT_SHORT}; afdash dataset `armed_groups`).")
    ui.download(shown[armed_groups.DOWNLOAD_COLUMNS], "armed_groups", {"threat": threat, "ties": tie},
                label=f"Download these {len(shown)} groups (CSV)")
