"""The briefing's state and its cached builds: the deck and slide live in the URL (callbacks write it), and
every slide, chart file and export is built once per deck and shared."""

from __future__ import annotations

import streamlit as st

from afdash.briefing import deck as decks
from afdash.briefing import deck_url, exports, images, screen
from afdash.briefing import registry as recipes
from afdash.briefing.deck import DeckItem
from afdash.briefing.slides import Slide
from afdash.core import urlstate
from afdash.web import ui
from afdash.web.page import DECK_STATE

JUMP, PANEL, EXPORTS = "briefing.jump", "briefing.panel", "briefing.exports"

SLIDE_HEIGHT = {True: screen.PRESENT_CHART_HEIGHT, False: screen.PAGE_CHART_HEIGHT}  # chart height, px


def tables() -> recipes.Tables:
    return recipes.Tables(table=ui.table, geo=ui.geo)


@ui.cached(max_entries=200)
def slide(code: str) -> Slide:
    """The slide of one deck item (in its URL form), built once per process and shared: slides are immutable."""
    item = deck_url.decode(code, tables(), urlstate.Parsed())[0]
    return decks.build_slide(item, tables())


@ui.cached
def screen_spec(code: str, present: bool) -> dict:
    """The slide's chart as drawn on screen: its height for the mode, datasets in Arrow form. The slide keeps
    the JSON spec, which the exports need. Presented, no chart text is under screen.MIN_PRESENT_PX."""
    spec = {**slide(code).spec, "height": SLIDE_HEIGHT[present]}
    return ui.arrow_datasets(screen.presentation_spec(spec) if present else spec)


@ui.cached
def js_bundle() -> str:
    return images.javascript_bundle()


@ui.cached(max_entries=6)
def export(kind: str, code: str) -> bytes:
    """An export of the deck whose URL form is `code`, cached on the deck and the data folder."""
    slides = [slide(deck_url.encode([item])) for item in deck_url.decode(code, tables(), urlstate.Parsed())]
    if kind == "html":
        from afdash.briefing import export_html

        return export_html.build(slides, js_bundle(), title=slides[0].title).encode("utf-8")
    return exports.render(kind, slides)


@ui.cached(max_entries=16)
def chart_file(kind: str, item_code: str) -> bytes:
    return exports.chart_file(kind, slide(item_code))


def deck_code(items: list[DeckItem]) -> str:
    return "" if deck_url.is_default(items) else deck_url.encode(items)


def set_deck(items: list[DeckItem], slide: int | None = None) -> None:
    st.session_state[DECK_STATE] = list(items)
    code = deck_code(items)
    if code:
        st.query_params[deck_url.DECK_KEY] = code
    elif deck_url.DECK_KEY in st.query_params:
        del st.query_params[deck_url.DECK_KEY]
    if slide is not None:
        go(slide)


def go(n: int) -> None:
    st.query_params[deck_url.SLIDE_KEY] = str(n)
    st.session_state[JUMP] = n


def jumped() -> None:
    go(int(st.session_state[JUMP]))


def current_deck(params: dict, parsed: urlstate.Parsed) -> list[DeckItem]:
    raw = params.get(deck_url.DECK_KEY)
    if raw is None and DECK_STATE in st.session_state:  # came back through the sidebar: keep the session's deck
        items = list(st.session_state[DECK_STATE])
    else:
        items = deck_url.decode(raw, tables(), parsed)
    set_deck(items)
    return items


