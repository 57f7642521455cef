"""The page framework: a page is a title, an introduction and a set of views; each URL-bound control is one
call that reads its URL value (with a notice for an unusable one), draws the widget and records the value for
the URL. Notices, URL sync and the data-error guard run once per page, in `run`.

    def casualties(page: Page) -> None:
        measure = page.radio("measure", "Measure", list(MEASURES), "total", format_func=MEASURES.get)
        ...

    run(PageDef("security", "Security trends", INTRO, views={"casualties": View("Civilian casualties", casualties)}))

Streamlit's own `bind="query-params"` was weighed and not used: it writes lists as repeated keys and selections
by label, which would change every bookmarked afdash URL (`?category=attack,strike`, `?state=TJK`), and it drops an
unusable value without telling the reader. The URL seeds a widget once per session; after that the widget owns
the value and the URL follows it, so a bookmark reproduces exactly what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from afdash.core import urlstate
from afdash.web import ui

DECK_STATE = "briefing.deck"  # the session's deck, which the Briefing page shows when its URL names none


@dataclass(frozen=True)
class View:
    label: str
    render: Callable[[Page], None]
    # The briefing recipe (afdash.briefing.areas) that draws this view as a slide: the view then offers "Add to
    # briefing", which appends the recipe with the view's current filters (those the recipe knows) to the deck.
    slide: str | None = None


@dataclass(frozen=True)
class PageDef:
    scope: str  # prefix of the widgets' session keys (and so of their CSS classes, .st-key-<scope>-<key>)
    title: str
    intro: str = ""
    caption: str = ""  # a source line under the introduction
    views: dict[str, View] = field(default_factory=dict)  # the first is the default, left out of the URL
    render: Callable[[Page], None] | None = None  # a page without views


class Page:
    """One run of one page: its URL parameters, the values its controls show, and the notices to give."""

    def __init__(self, scope: str, params: dict[str, str] | None = None):
        self.scope = scope
        self.params = ui.url_params() if params is None else params
        self.parsed = urlstate.Parsed()
        self.shown: dict[str, object] = {}
        self.defaults: dict[str, object] = {}
        self.view_id: str | None = None

    # --- URL-bound controls -------------------------------------------------------------------------------
    def select(self, key: str, label: str, options: Sequence, default, **kw):
        value = urlstate.choice(self.params, key, list(options), default, self.parsed)
        return self._record(key, default, st.selectbox(label, list(options), key=self._seed(key, value), **kw))

    def radio(self, key: str, label: str, options: Sequence, default, **kw):
        value = urlstate.choice(self.params, key, list(options), default, self.parsed)
        return self._record(key, default, st.radio(label, list(options), key=self._seed(key, value), **kw))

    def multiselect(self, key: str, label: str, options: Sequence, default: Sequence, **kw) -> list:
        value = urlstate.multi(self.params, key, list(options), list(default), self.parsed)
        chosen = st.multiselect(label, list(options), key=self._seed(key, list(value)), **kw)
        return self._record(key, list(default), list(chosen))

    def toggle(self, key: str, label: str, default: bool = False, **kw) -> bool:
        value = urlstate.flag(self.params, key, default, self.parsed)
        return self._record(key, default, st.toggle(label, key=self._seed(key, value), **kw))

    def period(self, key: str, label: str, bounds: tuple[date, date], default: tuple[date, date],
               **kw) -> tuple[date, date]:
        value = urlstate.date_range(self.params, key, bounds, self.parsed, default=default)
        got = st.slider(label, min_value=bounds[0], max_value=bounds[1], key=self._seed(key, tuple(value)),
                        format="YYYY-MM", **kw)
        start, end = (got[0], got[1]) if isinstance(got, tuple | list) else default
        return self._record(key, tuple(default), (_as_date(start), _as_date(end)))

    def integer(self, key: str, lo: int, hi: int, default: int) -> int:
        """A number the page draws its own way (a slide number): parsed and kept in the URL, no widget."""
        return self._record(key, default, urlstate.integer(self.params, key, lo, hi, default, self.parsed))

    def keep(self, key: str, value, default) -> None:
        """Record a value a control outside this framework decided (e.g. a deck the builder edited)."""
        self._record(key, default, value)

    def note(self, key: str, text: str) -> None:
        self.parsed.note(key, text)

    # --- internals ----------------------------------------------------------------------------------------
    def state_key(self, key: str) -> str:
        return f"{self.scope}.{key}"

    def _seed(self, key: str, value) -> str:
        state_key = self.state_key(key)
        if state_key not in st.session_state:
            st.session_state[state_key] = value
        return state_key

    def _record(self, key: str, default, value):
        self.shown[key], self.defaults[key] = value, default
        return value

    def finish(self, notices) -> None:
        with notices:
            for text in self.parsed.notices:
                st.warning(text, icon="ℹ️")  # Markdown text; Streamlit never renders it as HTML
        ui.sync_url(self.shown, self.defaults)


def run(spec: PageDef) -> None:
    """Draw a page: title, introduction, the view switch (if any), the chosen view, then notices and URL."""
    ui.guarded(lambda: _draw(spec))


def _draw(spec: PageDef) -> None:
    if spec.title:  # a page without one (the briefing) draws its own
        st.title(spec.title)
    if spec.intro:
        st.markdown(spec.intro)
    if spec.caption:
        st.caption(spec.caption)
    page = Page(spec.scope)
    if spec.views:
        ids = list(spec.views)
        chosen = urlstate.choice(page.params, "view", ids, ids[0], page.parsed)
        page.view_id = page._record("view", ids[0], st.radio(
            "View", ids, key=page._seed("view", chosen), format_func=lambda v: spec.views[v].label,
            horizontal=True, label_visibility="collapsed"))
    notices = st.container()  # filled once the drawn view has read all of its URL parameters
    view = spec.views[page.view_id] if spec.views else None
    (view.render if view else spec.render)(page)
    if view is not None and view.slide:
        _add_to_briefing(page, view.slide)
    # Only this run's controls: a hidden view's parameters stay in the URL untouched and seed its widgets
    # again when it is reopened.
    page.finish(notices)


def _add_to_briefing(page: Page, recipe_id: str) -> None:
    st.button("Add to briefing", key=f"{page.scope}.add_to_briefing", icon=":material/slideshow:",
              on_click=_append_slide, args=(recipe_id, dict(page.shown)),
              help="Append this view, with the filters on screen, to the deck on the Briefing page.")


def _append_slide(recipe_id: str, shown: dict) -> None:
    from afdash.briefing import deck, deck_url, registry

    recipe = registry.get(recipe_id)
    # the URL's own spelling of each value (a toggle is "1"/"0", a year is text), as the deck keeps it
    given = {name: tuple(str(x) for x in v) if isinstance(v, list | tuple) else urlstate.encode(v)
             for name, v in shown.items() if recipe.param(name) is not None}
    tables = registry.Tables(table=ui.table, geo=ui.geo)
    items = list(st.session_state.get(DECK_STATE, deck.DEFAULT_DECK))
    item = deck.DeckItem.of(recipe_id, registry.resolve_params(recipe, given, tables, []))
    st.session_state[DECK_STATE] = deck_url.added(items, item)
    st.toast(f"Added “{recipe.title}” to the briefing as slide {len(items) + 1}. Open Briefing to see it.")


def _as_date(v) -> date:
    return v.date() if hasattr(v, "date") and callable(v.date) else v
