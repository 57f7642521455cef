"""The deck builder: reorder, remove and open slides, add any registered view with its settings."""

from __future__ import annotations

import streamlit as st

from afdash.briefing import deck as decks
from afdash.briefing import deck_url
from afdash.briefing import registry as recipes
from afdash.briefing.deck import DeckItem
from afdash.briefing.registry import AREAS
from pages.deck import state


def panel(items: list[DeckItem], number: int) -> None:
    st.subheader("Slides in this deck", anchor=False)
    st.caption("Reorder with ↑ ↓, remove with ✕, open with →. The deck is kept in the page address, so a "
               "bookmark or a shared link reproduces it.")
    # No tooltips on the row buttons: the caption above says what they do, and a tooltip per button slows the
    # panel's opening (BENCHMARKS.md).
    for i, item in enumerate(items):
        label, up, down, drop, show = st.columns([8, 1, 1, 1, 1], vertical_alignment="center")
        marker = "▶ " if i + 1 == number else ""
        label.markdown(f"{marker}**{i + 1}.** {item.label(state.tables())} · *{AREAS[item.view.area]}*")
        up.button("↑", key=f"briefing_up_{i}", disabled=i == 0,
                  on_click=lambda i=i: state.set_deck(deck_url.moved(items, i, -1), i))
        down.button("↓", key=f"briefing_down_{i}", disabled=i == len(items) - 1,
                    on_click=lambda i=i: state.set_deck(deck_url.moved(items, i, 1), i + 2))
        drop.button("✕", key=f"briefing_drop_{i}", disabled=len(items) == 1,
                    on_click=lambda i=i: state.set_deck(deck_url.removed(items, i),
                                                        max(1, min(number, len(items) - 1))))
        show.button("→", key=f"briefing_show_{i}",
                    on_click=lambda i=i: state.go(i + 1))
    st.subheader("Add a view", anchor=False)
    grouped = recipes.by_area()
    options = [v.id for vs in grouped.values() for v in vs]
    view_id = st.selectbox("View", options, key="briefing_add_view",
                           format_func=lambda v: f"{AREAS[recipes.get(v).area]} — {recipes.get(v).title}")
    view = recipes.get(view_id)
    if view.description:
        st.caption(view.description)
    chosen: dict[str, object] = {}
    for p in view.params:
        allowed = list(p.allowed(state.tables()))
        names = p.names(state.tables())
        key = f"briefing_add_{view.id}_{p.name}"
        if p.multi:
            chosen[p.name] = tuple(st.multiselect(p.label, allowed, default=list(p.default), key=key,
                                                  format_func=lambda v, names=names: names.get(v, v)))
        else:
            chosen[p.name] = st.selectbox(p.label, allowed, index=allowed.index(p.default), key=key,
                                          format_func=lambda v, names=names: names.get(v, v))
    add, reset = st.columns(2)
    add.button("Add to the end of the deck", type="primary", key="briefing_add",
               on_click=lambda: state.set_deck(deck_url.added(items, DeckItem.of(view.id, chosen)), len(items) + 1))
    reset.button("Reset to the default briefing", key="briefing_reset",
                 on_click=lambda: state.set_deck(list(decks.DEFAULT_DECK), 1))
    st.caption("Link to this deck: add the current page address to a bookmark, or copy it: "
               + (f"`briefing{deck_url.query(items)}`" if deck_url.query(items) else "`briefing` (default deck)"))


