"""The Russian and Chinese sides' positions by topic, with where they agree or part ways."""

import streamlit as st

from afdash.cooperation import positions
from afdash.cooperation.datasets import AGREEMENT, TOPICS
from afdash.web import ui
from afdash.web.page import Page


@ui.cached
def _rows(topics: tuple, agreements: tuple) -> tuple:
    """The positions shown and the same rows as downloaded."""
    shown = positions.filter_views(ui.table("expert_views"), topics, agreements)
    return shown, positions.table(shown)


@ui.cached
def _chart(topics: tuple, agreements: tuple) -> dict:
    return ui.chart_spec(positions.agreement_chart(_rows(topics, agreements)[0], topics))


@ui.cached
def _topic_blocks(topics: tuple, agreements: tuple) -> list:
    return positions.topic_blocks(_rows(topics, agreements)[0], bool(agreements))


def render(page: Page) -> None:
    c1, c2 = st.columns(2)
    with c1:
        topics = page.multiselect("topic", "Topic", list(TOPICS), [], format_func=positions.TOPIC_LABELS.get,
                                  placeholder="All topics")
    with c2:
        agreements = page.multiselect("agreement", "Agreement", list(AGREEMENT), [],
                                      placeholder="Agree, partly and diverge")
    key = (tuple(topics), tuple(agreements))
    shown, rows = _rows(*key)
    st.markdown("Each position is the report's, paraphrased. *Side* is whose position it is; the grey line "
                "under it says how the text attributes it and where. *Agreement* is afdash's reading of the "
                "report's own comparison: agree (shared or held by both), partly (same aim, different emphasis, "
                "means or history), diverge (the report shows or warns of differing views).")
    if shown.empty:
        st.info(f"No positions match: topic={', '.join(topics)}; agreement={', '.join(agreements)}.")
    else:
        st.vega_lite_chart(spec=_chart(*key), width="stretch")
        # one Markdown element per side and topic (not one per position)
        for heading, blocks in _topic_blocks(*key):
            st.markdown(heading)
            for col, block in zip(st.columns(3), blocks, strict=True):
                col.markdown(block)
    ui.download(rows, "expert_views", {"topic": topics, "agreement": agreements},
                label=f"Download these {len(shown)} position{'' if len(shown) == 1 else 's'} (CSV)")
