"""Briefing: walk an audience through the findings on a projector, build a deck from the pages' views, and
export it for rooms without the app (one offline HTML file, PowerPoint, PDF; any chart as PNG or SVG).

URL: ?present=1 presentation mode · ?slide=N (1-based) · ?deck=view:setting=value;view2 (see deck_url).
The parts live in pages/deck/."""

import streamlit as st

from afdash.briefing import deck_url
from afdash.web.page import Page, PageDef, run
from pages.deck import builder, export, slides, state

PANELS = ("Slides", "Deck builder", "Export")


def render(page: Page) -> None:
    items = state.current_deck(page.params, page.parsed)
    number = deck_url.slide_number(page.params, len(items), page.parsed)
    page.keep(deck_url.SLIDE_KEY, number, 0)  # the slide number always stays in the URL
    st.markdown(state.BASE_CSS, unsafe_allow_html=True)
    if st.session_state.get(page.state_key("present"), page.params.get(deck_url.PRESENT_KEY) == "1"):
        st.markdown(state.PRESENT_CSS, unsafe_allow_html=True)
        slides.render_slide(deck_url.encode([items[number - 1]]), present=True)
        slides.nav(number, len(items), items, present=True)
        page.toggle(deck_url.PRESENT_KEY, "Presentation mode", False)
        return
    st.title("Briefing")
    st.caption("Present the report's findings on a projector, build your own deck from the pages' views, "
               "and export it for rooms without the app. Everything works offline.")
    mode, panel_col = st.columns([1, 3], vertical_alignment="center")
    with mode:
        page.toggle(deck_url.PRESENT_KEY, "Presentation mode", False,
                    help="Full-screen slides with large type; ← → or PageUp/PageDown to move.")
    with panel_col:
        panel = st.radio("Panel", PANELS, key=state.PANEL, horizontal=True, label_visibility="collapsed")
    if panel == "Deck builder":
        builder.panel(items, number)
    elif panel == "Export":
        export.panel(items)
    else:
        slides.panel(items, number)


run(PageDef("briefing", "", render=render))
