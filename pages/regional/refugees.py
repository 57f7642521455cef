"""Afghan refugees by host country, 2015–2025 (UNHCR), beside what the report says about refugees in each host.
Logic lives in afdash.record.refugees."""

import pandas as pd
import streamlit as st

from afdash.core.safe import md, md_table
from afdash.record import codes, refugees
from afdash.web import ui
from afdash.web.page import Page

YEARS = [str(y) for y in range(2015, 2026)]  # URL values are text


@ui.cached
def _hosts() -> tuple[tuple[str, ...], dict[str, str]]:
    r = ui.table("record_refugees")
    names = r.drop_duplicates("host_iso3").set_index("host_iso3")["host_name"].to_dict()
    return tuple(refugees.hosts(r)), names


@ui.cached
def _refugee_view(hosts: tuple, first: int) -> tuple[pd.DataFrame, dict | None, str]:
    drawn = refugees.rows(ui.table("record_refugees"), list(hosts), first, 2025)
    spec = ui.chart_spec(refugees.chart(drawn)) if len(drawn) else None
    beside = refugees.report_beside(ui.table("regional_statements"), ui.table("key_figures"), list(hosts))
    return drawn, spec, md_table(beside)


def render(page: Page) -> None:
    st.header("Afghan refugees by host country, 2015–2025")
    hosts, names = _hosts()
    with ui.filter_box("Host countries, first year"):  # drawn when opened; the caption states the choice
        chosen = page.multiselect("hosts", "Host countries", list(hosts), refugees.DEFAULT_HOSTS,
                                  format_func=lambda h: names.get(h, h), placeholder="Choose host countries")
        first = int(page.select("from", "From", YEARS, "2015"))
    st.caption(codes.choice_line([names.get(h, h) for h in chosen], first, 2025, what="Hosts"))
    drawn, spec, beside = _refugee_view(tuple(chosen), first)
    if spec is None:
        st.info("Nothing to draw: choose at least one host country. UNHCR lists no Afghans in a host for years "
                "in which it has none on record.")
    else:
        st.vega_lite_chart(spec, width="stretch")
        st.caption(md(refugees.CAPTION) + " Symmetric log scale (each gridline ten times the one below); "
                   "exact figures in the tooltips and the CSV. Dotted vertical lines: the Taliban take Kabul; the "
                   "report's writing.")
        ui.download(drawn, "record_refugees", {"hosts": chosen, "from": first},
                    label=f"Download these {len(drawn)} rows (CSV)")
    if chosen:
        st.markdown("**What the report says about refugees in these countries**")
        st.markdown(beside)
        ui.source(extra="each row gives chapter, page and footnote; where the report is silent, the row says so")
