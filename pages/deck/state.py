"""The briefing's state and its cached builds: the deck and slide live in the URL (callbacks write it), and
every slide, chart file and export is built once per deck and shared."""

from __future__ import annotations

import streamlit as st

from afdash.briefing import deck as decks
from afdash.briefing import deck_url, exports, images
from afdash.briefing import registry as views
from afdash.briefing.deck import DeckItem
from afdash.briefing.slides import Slide
from afdash.core import urlstate
from afdash.web import ui
from afdash.web.page import DECK_STATE

JUMP, PANEL, EXPORTS = "briefing.jump", "briefing.panel", "briefing.exports"

# Constant style strings written here (never data-derived). Presentation mode hides the app's chrome and
# enlarges type so the slide reads from the back of a room; the hidden buttons carry extra shortcuts.
BASE_CSS = """<style>
.st-key-briefing_pgdn, .st-key-briefing_pgup { display: none !important; }
[data-testid="stMetricLabel"] p { white-space: normal !important; overflow: visible !important; }
</style>"""
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stSidebarNav"], footer
  { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container
  { padding: 1.2rem 3rem 0.4rem 3rem !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 3.1rem !important; line-height: 1.1; padding-top: 0.2rem; }
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p { font-size: 1.7rem; line-height: 1.35; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] p
  { font-size: 4.4rem !important; line-height: 1.1; font-weight: 700; color: #0072B2; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
[data-testid="stCaptionContainer"] { font-size: 1.05rem !important; }
</style>"""
SLIDE_HEIGHT = {True: 540, False: 400}  # chart height in px: presentation / page


def tables() -> views.Tables:
    return views.Tables(table=ui.table, geo=ui.geo)


@ui.cached(max_entries=200)
def slide(code: str) -> Slide:
    """The slide of one deck item (in its URL form), built once per process and shared: slides are immutable."""
    item = deck_url.decode(code, tables(), urlstate.Parsed())[0]
    return decks.build_slide(item, tables())


@ui.cached
def screen_spec(code: str, present: bool) -> dict:
    """The slide's chart as drawn on screen: its height for the mode, datasets in Arrow form. The slide keeps
    the JSON spec, which the exports need."""
    return ui.arrow_datasets({**slide(code).spec, "height": SLIDE_HEIGHT[present]})


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
    spec = slide(item_code).spec
    return images.png(spec) if kind == "png" else images.svg(spec).encode("utf-8")


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


