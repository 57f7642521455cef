"""Briefing: walk an audience through the findings on a projector, build a deck from the pages' views, and
export it for rooms without the app (one offline HTML file, PowerPoint, PDF; any chart as PNG or SVG).

URL: ?present=1 presentation mode · ?slide=N (1-based) · ?deck=view:setting=value;view2 (see deck_url)."""

from __future__ import annotations

import time
from functools import partial

import streamlit as st

from afdash.briefing import deck as decks
from afdash.briefing import deck_url, exports, images
from afdash.briefing import registry as views
from afdash.briefing.deck import DeckItem
from afdash.briefing.registry import AREAS
from afdash.briefing.slides import Slide
from afdash.core import urlstate
from afdash.web import ui

SCOPE = "briefing"
DECK_STATE, JUMP, PANEL, EXPORTS = "briefing.deck", "briefing.jump", "briefing.panel", "briefing.exports"
PANELS = ("Slides", "Deck builder", "Export")

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


def _tables() -> views.Tables:
    return views.Tables(table=ui.table, geo=ui.geo)


@ui.cached(max_entries=200)
def _slide(code: str) -> Slide:
    """The slide of one deck item (in its URL form), built once per process and shared: slides are immutable."""
    item = deck_url.decode(code, _tables(), urlstate.Parsed())[0]
    return decks.build_slide(item, _tables())


@ui.cached
def _screen_spec(code: str, present: bool) -> dict:
    """The slide's chart as drawn on screen: its height for the mode, datasets in Arrow form. The slide keeps
    the JSON spec, which the exports need."""
    return ui.arrow_datasets({**_slide(code).spec, "height": SLIDE_HEIGHT[present]})


@ui.cached
def _js_bundle() -> str:
    return images.javascript_bundle()


@ui.cached(max_entries=6)
def _export(kind: str, code: str) -> bytes:
    """An export of the deck whose URL form is `code`, cached on the deck and the data folder."""
    slides = [_slide(deck_url.encode([item])) for item in deck_url.decode(code, _tables(), urlstate.Parsed())]
    if kind == "html":
        from afdash.briefing import export_html

        return export_html.build(slides, _js_bundle(), title=slides[0].title).encode("utf-8")
    return exports.render(kind, slides)


@ui.cached(max_entries=16)
def _chart_file(kind: str, item_code: str) -> bytes:
    spec = _slide(item_code).spec
    return images.png(spec) if kind == "png" else images.svg(spec).encode("utf-8")


# --- URL state: the URL is the source of truth for the slide and the deck; callbacks write it -------------

def _deck_code(items: list[DeckItem]) -> str:
    return "" if deck_url.is_default(items) else deck_url.encode(items)


def _set_deck(items: list[DeckItem], slide: int | None = None) -> None:
    st.session_state[DECK_STATE] = list(items)
    code = _deck_code(items)
    if code:
        st.query_params[deck_url.DECK_KEY] = code
    elif deck_url.DECK_KEY in st.query_params:
        del st.query_params[deck_url.DECK_KEY]
    if slide is not None:
        _go(slide)


def _go(n: int) -> None:
    st.query_params[deck_url.SLIDE_KEY] = str(n)
    st.session_state[JUMP] = n


def _jumped() -> None:
    _go(int(st.session_state[JUMP]))


def _current_deck(params: dict, parsed: urlstate.Parsed) -> list[DeckItem]:
    raw = params.get(deck_url.DECK_KEY)
    if raw is None and DECK_STATE in st.session_state:  # came back through the sidebar: keep the session's deck
        items = list(st.session_state[DECK_STATE])
    else:
        items = deck_url.decode(raw, _tables(), parsed)
    _set_deck(items)
    return items


# --- rendering -------------------------------------------------------------------------------------------

def _render_slide(code: str, present: bool) -> None:
    slide = _slide(code)
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
            st.vega_lite_chart(_screen_spec(code, present), width="stretch", theme=None, alt=f"Chart: {slide.title}")
            if slide.caveat:
                st.caption(slide.caveat)
    st.caption(slide.source_line)


def _nav(number: int, count: int, items: list[DeckItem], present: bool) -> None:
    prev_col, mid, next_col = st.columns([1, 3, 1], vertical_alignment="center")
    prev_col.button("◀ Previous", key="briefing_prev", on_click=_go, args=(number - 1,), disabled=number <= 1,
                    shortcut="Left", help="Previous slide (← or PageUp)", width="stretch")
    next_col.button("Next ▶", key="briefing_next", on_click=_go, args=(number + 1,), disabled=number >= count,
                    shortcut="Right", help="Next slide (→ or PageDown)", type="primary", width="stretch")
    # Presenter clickers send PageUp / PageDown: hidden buttons carry those shortcuts.
    st.button("Previous slide", key="briefing_pgup", on_click=_go, args=(number - 1,), disabled=number <= 1,
              shortcut="PageUp")
    st.button("Next slide", key="briefing_pgdn", on_click=_go, args=(number + 1,), disabled=number >= count,
              shortcut="PageDown")
    with mid:
        if present:
            st.markdown(f"Slide **{number}** of {count}", text_alignment="center")
        else:
            st.session_state[JUMP] = number
            st.selectbox("Jump to slide", list(range(1, count + 1)), key=JUMP, on_change=_jumped,
                         format_func=lambda n: f"{n} / {count} · {items[n - 1].label()}",
                         label_visibility="collapsed")


def _slides_panel(items: list[DeckItem], number: int) -> None:
    item_code = deck_url.encode([items[number - 1]])
    slide = _slide(item_code)
    _nav(number, len(items), items, present=False)
    with st.container(border=True):
        _render_slide(item_code, present=False)
    if slide.notes:
        with st.expander("Speaker notes"):
            st.markdown(slide.notes)
    cols = st.columns(3)
    if slide.spec is not None:
        cols[0].download_button(f"Chart as PNG ({images.PPI} ppi)", data=partial(_chart_file, "png", item_code),
                                file_name=exports.chart_file_name(slide, number, "png"), mime="image/png",
                                on_click="ignore", key="briefing_png")
        cols[1].download_button("Chart as SVG", data=partial(_chart_file, "svg", item_code),
                                file_name=exports.chart_file_name(slide, number, "svg"), mime="image/svg+xml",
                                on_click="ignore", key="briefing_svg")
    if slide.data is not None and slide.data_name:
        with cols[2]:
            ui.download(slide.data, slide.data_name, {"slide": number}, label="Data behind this slide (CSV)")


def _builder_panel(items: list[DeckItem], number: int) -> None:
    st.subheader("Slides in this deck", anchor=False)
    st.caption("Reorder with ↑ ↓, remove with ✕, open with →. The deck is kept in the page address, so a "
               "bookmark or a shared link reproduces it.")
    # No tooltips on the row buttons (the caption above says what they do): a tooltip per button made opening
    # this panel 0.37x a blank page's load instead of 0.32x (BENCHMARKS.md, rerun target 0.4x).
    for i, item in enumerate(items):
        label, up, down, drop, show = st.columns([8, 1, 1, 1, 1], vertical_alignment="center")
        marker = "▶ " if i + 1 == number else ""
        label.markdown(f"{marker}**{i + 1}.** {item.label()} · *{AREAS[item.view.area]}*")
        up.button("↑", key=f"briefing_up_{i}", disabled=i == 0,
                  on_click=lambda i=i: _set_deck(deck_url.moved(items, i, -1), i))
        down.button("↓", key=f"briefing_down_{i}", disabled=i == len(items) - 1,
                    on_click=lambda i=i: _set_deck(deck_url.moved(items, i, 1), i + 2))
        drop.button("✕", key=f"briefing_drop_{i}", disabled=len(items) == 1,
                    on_click=lambda i=i: _set_deck(deck_url.removed(items, i), max(1, min(number, len(items) - 1))))
        show.button("→", key=f"briefing_show_{i}",
                    on_click=lambda i=i: _go(i + 1))
    st.subheader("Add a view", anchor=False)
    grouped = views.by_area()
    options = [v.id for vs in grouped.values() for v in vs]
    view_id = st.selectbox("View", options, key="briefing_add_view",
                           format_func=lambda v: f"{AREAS[views.get(v).area]} — {views.get(v).title}")
    view = views.get(view_id)
    if view.description:
        st.caption(view.description)
    chosen: dict[str, object] = {}
    for p in view.params:
        allowed = list(p.allowed(_tables()))
        key = f"briefing_add_{view.id}_{p.name}"
        if p.multi:
            chosen[p.name] = tuple(st.multiselect(p.label, allowed, default=list(p.default), key=key,
                                                  format_func=p.label_of))
        else:
            chosen[p.name] = st.selectbox(p.label, allowed, index=allowed.index(p.default), key=key,
                                          format_func=p.label_of)
    add, reset = st.columns(2)
    add.button("Add to the end of the deck", type="primary", key="briefing_add",
               on_click=lambda: _set_deck(deck_url.added(items, DeckItem.of(view.id, chosen)), len(items) + 1))
    reset.button("Reset to the default briefing", key="briefing_reset",
                 on_click=lambda: _set_deck(list(decks.DEFAULT_DECK), 1))
    st.caption("Link to this deck: add the current page address to a bookmark, or copy it: "
               + (f"`briefing{deck_url.query(items)}`" if deck_url.query(items) else "`briefing` (default deck)"))


def _export_panel(items: list[DeckItem]) -> None:
    code = _deck_code(items)
    st.markdown(
        "Exports for rooms without the app. **HTML**: one file with every script and all data inside; it opens "
        "in any browser without a network, charts stay interactive (→/← or PageDown/PageUp, N for notes). "
        f"**PowerPoint**: 16:9, each chart as a {images.PPI}-ppi image, talking points, source line and speaker "
        "notes. **PDF**: a handout, one page per slide."
    )
    done = st.session_state.setdefault(EXPORTS, {}).get(code, {})
    if st.button("Prepare all exports", key="briefing_prepare", type="primary"):
        with st.status("Preparing exports…", expanded=True) as status:
            for kind, fmt in exports.FORMATS.items():
                st.write(f"Building {fmt.label} for {len(items)} slides…")
                t0 = time.perf_counter()
                data = _export(kind, code)
                done[kind] = (time.perf_counter() - t0, len(data))
            status.update(label="Exports ready", state="complete", expanded=False)
        st.session_state[EXPORTS][code] = done
    cols = st.columns(len(exports.FORMATS))
    for col, (kind, fmt) in zip(cols, exports.FORMATS.items(), strict=True):
        size = f" · {exports.human_size(done[kind][1])}" if kind in done else ""
        col.download_button(f"Download {fmt.label}{size}", data=partial(_export, kind, code),
                            file_name=exports.file_name(kind, code), mime=fmt.mime, on_click="ignore",
                            key=f"briefing_dl_{kind}", width="stretch")
    if done:
        st.caption(" · ".join(f"{exports.FORMATS[k].label}: {exports.human_size(n)}, built in {s:.1f} s"
                              for k, (s, n) in done.items()))
    else:
        st.caption("Downloads are built when clicked (a few seconds each) and then kept; “Prepare all exports” "
                   "builds them now and reports their sizes.")


def render() -> None:
    params = ui.url_params()
    parsed = urlstate.Parsed()
    present_url = urlstate.flag(params, deck_url.PRESENT_KEY, False, parsed)
    items = _current_deck(params, parsed)
    number = deck_url.slide_number(params, len(items), parsed)
    st.markdown(BASE_CSS, unsafe_allow_html=True)
    present = bool(st.session_state.get(f"{SCOPE}.present", present_url))

    if present:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
        ui.show_notices(parsed)
        _render_slide(deck_url.encode([items[number - 1]]), present=True)
        _nav(number, len(items), items, present=True)
        present = ui.toggle("Presentation mode", SCOPE, "present", present_url)
    else:
        st.title("Briefing")
        st.caption("Present the report's findings on a projector, build your own deck from the pages' views, "
                   "and export it for rooms without the app. Everything works offline.")
        ui.show_notices(parsed)
        mode, panel_col = st.columns([1, 3], vertical_alignment="center")
        with mode:
            present = ui.toggle("Presentation mode", SCOPE, "present", present_url,
                                help="Full-screen slides with large type; ← → or PageUp/PageDown to move.")
        with panel_col:
            panel = st.radio("Panel", PANELS, key=PANEL, horizontal=True, label_visibility="collapsed")
        if panel == "Deck builder":
            _builder_panel(items, number)
        elif panel == "Export":
            _export_panel(items)
        else:
            _slides_panel(items, number)
    ui.sync_url({deck_url.PRESENT_KEY: present, deck_url.SLIDE_KEY: number},
                {deck_url.PRESENT_KEY: False, deck_url.SLIDE_KEY: 0})


ui.guarded(render)
