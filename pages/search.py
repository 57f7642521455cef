"""Search: every sourced row of afdash's datasets in one full-text index (afdash.search), with facets, a link to
the view that shows each hit and a button that adds it to the briefing. URL: ?q=… plus the facet filters."""

import streamlit as st

from afdash.core.report import REPORT_SHORT
from afdash.core.safe import md
from afdash.search import engine, links, render
from afdash.web import search_ui, site, ui
from afdash.web.page import Page, PageDef, run

LIMIT = 10  # hits drawn at first; "Show more" adds as many again (each hit is three elements to draw)
MORE_STATE = "search.more"  # how many hits to draw for the query it was asked for: (query, filters, limit)
SCRIPTS = {p.path: p.script for p in site.PAGES}
HELP = ("Words must all match (stems too: “attack” finds “attacks”); put a phrase in \"quotes\"; any spelling of "
        "a name works (ISKP, IS-K, Wilayat Khorasan; ETIM, TIP); numbers as printed (9.5, 4,000 or 4000). "
        "Operators and wildcards are read as plain text.")


def _current_filters(page: Page) -> dict[str, list[str]]:
    """The facet values the widgets will show this run: their state once seeded, else the URL's."""
    out = {}
    notices: list[str] = []
    parsed = engine.parse_filters(page.params, search_ui.index(), notices)  # notices come from the widgets
    for facet in engine.FACETS:
        state = st.session_state.get(page.state_key(facet))
        chosen = list(state) if state is not None else parsed.get(facet, [])
        if chosen:
            out[facet] = chosen
    return out


def _facets(page: Page, result: engine.Result) -> None:
    index = search_ui.index()
    for facet, title in engine.FACET_TITLES.items():
        counts = {v: n for v, _, n in result.facets.get(facet, [])}
        ordered = [v for v, _, _ in result.facets.get(facet, [])]
        options = ordered + [v for v in engine.known_values(index, facet) if v not in counts]
        page.multiselect(facet, title, options, [],
                         format_func=lambda v, f=facet, c=counts: f"{engine.label(index, f, v)} ({c.get(v, 0)})",
                         placeholder="Any")


def _hit(hit: dict, first: bool) -> None:
    """One hit in three elements (each one the browser must render): its text in one Markdown block, then the
    link to its view and the briefing button side by side."""
    st.markdown(render.hit_markdown(hit, first))
    link = links.deep_link(hit)
    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.page_link(SCRIPTS.get(link.path, "pages/data.py"), label=f"Open in {link.label}",
                     icon=":material/open_in_new:", query_params=dict(link.params))
        if render.from_report(hit):
            search_ui.add_to_briefing(hit["doc_id"])


def _limit(asked: tuple) -> int:
    """Hits to draw: LIMIT, or more after "Show more" for this same query and filters."""
    more = st.session_state.get(MORE_STATE)
    return more[1] if more and more[0] == asked else LIMIT


def _more(asked: tuple, limit: int) -> None:
    st.session_state[MORE_STATE] = (asked, limit + LIMIT)


def _ask(text: str) -> None:
    st.session_state[search_ui.QUERY_STATE] = text


def render_page(page: Page) -> None:
    if search_ui.index().notice:
        st.warning(md(search_ui.index().notice), icon="⚠️")
    url_q = page.params.get("q", "")
    state = search_ui.QUERY_STATE
    if state not in st.session_state:
        st.session_state[state] = url_q[:2000] if isinstance(url_q, str) else ""
    q = st.text_input("Search the report's facts", key=state, placeholder="e.g. ISKP attacks, frozen assets, 4,000",
                      help=HELP)
    page.keep("q", q, "")
    filters = _current_filters(page)
    asked = (q, tuple((f, ",".join(v)) for f, v in filters.items()))
    limit = _limit(asked)
    result = search_ui.run(*asked, limit)
    said = [n for n in result.notices if " filter “" not in n]  # the facet widgets give their own notices
    if result.reason and not result.query.empty:
        said.append(result.reason)  # nothing to show for this query: said once, with the other notices
    if said:
        page.note("q", "Search query (parameter q): " + " ".join(said))  # one notice per parameter
    # In a popover: the browser draws its six lists only when it is opened (they were most of this page's
    # drawing time); the counts stay on screen in the caption under it.
    with ui.filter_box("Filter the hits by area, dataset, chapter, actor, country or year"):
        _facets(page, result)
    index = search_ui.index()
    chosen = "; ".join(f"{engine.FACET_TITLES[f].lower()}: {md(', '.join(engine.label(index, f, v) for v in vs))}"
                       for f, vs in result.filters.items() if vs)
    counts = render.facet_summary(result.facets, engine.FACET_TITLES)
    if chosen or counts:
        st.caption(" ".join(x for x in (f"Filtered to {chosen}." if chosen else "",
                                        f"Matching rows — {counts}" if counts else "") if x))
    _hits(result, asked, limit)


def _hits(result: engine.Result, asked: tuple, limit: int) -> None:
    if result.reason:
        if result.query.empty:  # no query yet: how to search (not a notice)
            st.info(md(result.reason), icon="🔎")
        if result.suggestions:
            st.markdown("Try:")
            with st.container(horizontal=True, wrap=True):  # each button as wide as its words
                for i, text in enumerate(result.suggestions):
                    st.button(text, key=f"search.try.{i}", on_click=_ask, args=(text,))
        return
    shown = min(result.total, limit)
    st.markdown(f"**{result.total:,}** row(s) match" + (f"; the best {shown} are shown" if result.total > shown
                                                       else "") + ".")
    for i, hit in enumerate(result.hits.to_dict("records")):
        _hit(hit, first=i == 0)
    if result.total > shown:
        st.button(f"Show {min(LIMIT, result.total - shown)} more", key="search.show-more", on_click=_more,
                  args=(asked, limit), icon=":material/expand_more:")


run(PageDef("search", "Search", "Find anything the report says, in every afdash dataset: figures, events, actors, "
            "statements, views and recommendations, each with its chapter and footnote.",
            caption=f"Source: {REPORT_SHORT} and the afdash datasets built on it; each hit names its dataset, "
                    "chapter and footnote.", render=render_page))
