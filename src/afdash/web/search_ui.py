"""The search index as the app holds it (one per server process and data folder) and the search box every
page shows in the sidebar. The engine itself is afdash.search (pure); this module only adds Streamlit."""

from __future__ import annotations

import streamlit as st

from afdash.core.paths import index_dir
from afdash.search import engine, index_file
from afdash.search.index import Index
from afdash.web import site, ui
from afdash.web.page import DECK_STATE

SEARCH_PATH = "pages/search.py"
QUERY_STATE = "search.q"  # the Search page's text box (scope "search", key "q")
BOX_STATE = "sidebar.search"
SEARCH_URL = next((p.url_path for p in site.PAGES if p.script == SEARCH_PATH), None)  # None: no Search page


@ui.cached
def index() -> Index:
    """The FTS5 index the data build wrote (data/index/), opened read-only once per process; built in memory
    from search_documents when that file is missing, stale or damaged (Index.notice says so)."""
    countries = ui.geo_table("countries")
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    actors = ui.table("actors")
    for iso3, name in zip(actors["iso3"], actors["name"], strict=True):
        if isinstance(iso3, str):
            names.setdefault(iso3, name)
    docs = ui.table("search_documents")
    try:
        con = index_file.open_read_only(index_dir(), ui.resource("search_documents")["hash"], len(docs))
    except index_file.IndexFileError as exc:
        return Index(docs, actors, names, notice=f"{exc} Meanwhile the index was built in memory: search works, "
                                                "the first search of each server start is slower.")
    return Index(docs, actors, names, con=con)


@ui.cached(max_entries=256)
def run(q: str, filters: tuple[tuple[str, str], ...], limit: int) -> engine.Result:
    """A search, shared by every session that asks the same thing (results are read-only)."""
    return engine.search(index(), q, dict(filters), limit=limit)


def sidebar_box(url_path: str) -> None:
    """A search box in the sidebar of every page but Search itself (its own box is at the top of the page):
    Enter opens /search?q=… (call from app.py before the page runs, with the page's URL path). A form, so that
    typing does not rerun the page on every keystroke."""
    if SEARCH_URL is None or url_path == SEARCH_URL:
        return
    with st.sidebar.form("sidebar-search", clear_on_submit=True, border=False):
        text = st.text_input("Search the report", key=BOX_STATE, placeholder="ISKP, frozen assets, 4,000…",
                             max_chars=engine.query_mod.MAX_CHARS)
        go = st.form_submit_button("Search", icon=":material/search:")
    if go:
        st.session_state[QUERY_STATE] = text  # the Search page's box may already hold an older query
        st.switch_page(SEARCH_PATH, query_params={"q": text} if text else None)


def add_to_briefing(doc_id: str) -> None:
    """A button that appends this hit as a one-fact slide (briefing view framing_fact) to the session's deck,
    which /briefing shows and puts in its URL."""
    st.button("Add to briefing", key=f"search.add.{doc_id}", on_click=_append, args=(doc_id,),
              icon=":material/add_to_queue:")  # no tooltip: the label says it, and ten tooltips are ten to draw


def _append(doc_id: str) -> None:
    from afdash.briefing import deck, deck_url

    items = list(st.session_state.get(DECK_STATE, deck.DEFAULT_DECK))
    st.session_state[DECK_STATE] = deck_url.added(items, deck.DeckItem.of("framing_fact", {"doc": doc_id}))
    st.toast(f"Added to the briefing as slide {min(len(items) + 1, deck.MAX_SLIDES)}. Open Briefing to see it.")
