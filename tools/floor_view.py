"""The view floor: what the parts every afdash chart view must show cost in Streamlit alone, with no afdash code.

Under afdash's URL paths: the grouped page navigation and the sidebar search box, a title, an introduction and a
source caption, the view switch (13 views, as Security trends has), the chart floor's one small Vega-Lite chart,
a CSV download and an "Add to briefing" button. Measured beside the title floor (`../shared/tools/floor/app.py`)
it shows how much of a page target these parts use up before a view draws anything of its own:

    python ../shared/tools/measure_app.py ../shared/tools/floor/app.py ../shared/tools/floor/chart_app.py \\
        tools/floor_view.py app.py --page "/security-trends?view=deaths" --runs 5
"""

import altair as alt
import pandas as pd
import streamlit as st

PATHS = ["security-trends", "regional-actors", "russia-china", "external-powers", "briefing", "data", "search"]
DATA = pd.DataFrame({"year": [str(y) for y in range(2012, 2022)], "value": [3, 5, 4, 6, 8, 7, 9, 6, 5, 4]})
VIEWS = [f"View {i}" for i in range(1, 14)]


def _page(title: str):
    def render() -> None:
        st.title(title)
        st.markdown("An introduction of one or two sentences, as every afdash page has.")
        st.caption("Source: a source caption, as every afdash page has.")
        st.radio("View", VIEWS, horizontal=True, label_visibility="collapsed")
        st.altair_chart(alt.Chart(DATA).mark_bar().encode(x="year", y="value"), width="stretch")
        st.download_button("Download CSV", data=DATA.to_csv(index=False), file_name="rows.csv", on_click="ignore")
        st.button("Add to briefing")

    render.__name__ = title.replace("-", "_")
    return render


pages = {"Explore": [st.Page(_page("View floor"), title="View floor", default=True)],
         "Reference": [st.Page(_page(p), title=p, url_path=p) for p in PATHS]}
navigation = st.navigation(pages)
with st.sidebar.form("sidebar-search", border=False):
    st.text_input("Search the report")
    st.form_submit_button("Search")
navigation.run()
