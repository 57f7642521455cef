"""One slide on screen, the slide navigation (buttons, keys, presenter clickers), and the slides panel."""

from __future__ import annotations

from functools import partial

import streamlit as st

from afdash.briefing import deck_url, exports, images
from afdash.briefing.deck import DeckItem
from afdash.briefing.registry import AREAS
from afdash.web import ui
from pages.deck import state


def render_slide(code: str, present: bool) -> None:
    slide = state.slide(code)
    st.caption(AREAS.get(slide.area, slide.area).upper())
    (st.title if present else st.header)(slide.title, anchor=False)
    if slide.subtitle:
        st.markdown(f"*{slide.subtitle}*")
    text, chart = st.columns([2, 3], gap="large") if slide.spec is not None else (st.container(), None)
    with text:
        if slide.headline:
            st.metric(slide.headline_label, slide.headline)
        if slide.points:
            st.markdown("\n".join(f"- {p}" for p in slide.points))
    if chart is not None:
        with chart:
            st.vega_lite_chart(state.screen_spec(code, present), width="stretch", theme=None,
                               alt=f"Chart: {slide.title}")
            if slide.caveat:
                st.caption(slide.caveat)
    st.caption(slide.source_line)


def nav(number: int, count: int, items: list[DeckItem], present: bool):
    """Previous / Next and the slide counter (presented) or the jump list; returns the free cell beside the
    counter when presented (the presentation-mode switch goes there: one row of controls)."""
    prev_col, mid, next_col = st.columns([1, 3, 1], vertical_alignment="center")
    prev_col.button("◀ Previous", key="briefing_prev", on_click=state.go, args=(number - 1,), disabled=number <= 1,
                    shortcut="Left", help="Previous slide (← or PageUp)", width="stretch")
    next_col.button("Next ▶", key="briefing_next", on_click=state.go, args=(number + 1,), disabled=number >= count,
                    shortcut="Right", help="Next slide (→ or PageDown)", type="primary", width="stretch")
    # Presenter clickers send PageUp / PageDown: hidden buttons carry those shortcuts.
    st.button("Previous slide", key="briefing_pgup", on_click=state.go, args=(number - 1,), disabled=number <= 1,
              shortcut="PageUp")
    st.button("Next slide", key="briefing_pgdn", on_click=state.go, args=(number + 1,), disabled=number >= count,
              shortcut="PageDown")
    with mid:
        if present:
            counter, free = st.columns(2, vertical_alignment="center")
            counter.markdown(f"Slide **{number}** of {count}", text_alignment="center")
            return free
        else:
            st.session_state[state.JUMP] = number
            st.selectbox("Jump to slide", list(range(1, count + 1)), key=state.JUMP, on_change=state.jumped,
                         format_func=lambda n: f"{n} / {count} · {items[n - 1].label(state.tables())}",
                         label_visibility="collapsed")


def panel(items: list[DeckItem], number: int) -> None:
    item_code = deck_url.encode([items[number - 1]])
    slide = state.slide(item_code)
    nav(number, len(items), items, present=False)
    with st.container(border=True):
        render_slide(item_code, present=False)
    if slide.notes:
        with st.expander("Speaker notes"):
            st.markdown(slide.notes)
    cols = st.columns(3)
    if slide.spec is not None:
        cols[0].download_button(f"Chart as PNG ({images.PPI} ppi)", data=partial(state.chart_file, "png", item_code),
                                file_name=exports.chart_file_name(slide, number, "png"), mime="image/png",
                                on_click="ignore", key="briefing_png")
        cols[1].download_button("Chart as SVG", data=partial(state.chart_file, "svg", item_code),
                                file_name=exports.chart_file_name(slide, number, "svg"), mime="image/svg+xml",
                                on_click="ignore", key="briefing_svg")
    if slide.data is not None and slide.data_name:
        with cols[2]:
            ui.download(slide.data, slide.data_name, {"slide": number}, label="Data behind this slide (CSV)")


