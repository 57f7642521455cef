"""afdash entry point: page config and navigation. Pages live in pages/, logic in src/afdash/."""

import streamlit as st

from afdash.core import heap
from afdash.web import search_ui, site

heap.limit_arenas()  # before the first run's allocations; see afdash.core.heap
st.set_page_config(page_title="afdash — Afghanistan security after 2021", layout="wide")

navigation = {
    group: [
        st.Page(p.script, title=p.title, url_path=p.url_path or None, default=p.url_path == "")
        for p in pages
    ]
    for group, pages in site.grouped().items()
}
try:
    page = st.navigation(navigation)
    search_ui.sidebar_box(page.url_path)  # on every page but Search; Enter opens /search?q=…
    page.run()
finally:
    heap.settle()  # after the page's imports: keeps full garbage collections cheap (see afdash.core.heap)
    heap.trim()  # freed memory back to the OS, at most every 10 s
