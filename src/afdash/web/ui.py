"""The one place afdash talks to Streamlit outside app.py and pages/: cached loaders, the data-error
page, URL-parameter notices, source captions and downloads. Pages stay thin by calling these.

Caches are keyed on the data folder as well as the dataset name, so pointing AFDASH_DATA_DIR at
another copy (as the tests do) never serves data cached from the first one.
"""

from __future__ import annotations

import functools
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from afdash.core import downloads, memo, safe, urlstate
from afdash.core.paths import data_dir, vendor_dir
from afdash.core.report import cite
from afdash.store import loaders, vendor


@st.cache_resource(show_spinner=False)
def _table(name: str, base: str) -> pd.DataFrame:
    return loaders.load_table(name, Path(base))


@st.cache_resource(show_spinner=False)
def _geo(name: str, base: str) -> dict:
    return loaders.load_geo(name, Path(base))


@st.cache_resource(show_spinner=False)
def _descriptor(base: str) -> dict:
    return loaders.descriptor(Path(base))


@st.cache_resource(show_spinner=False)
def _manifest(base: str) -> list[dict]:
    return vendor.manifest(vendor_dir(Path(base)))


def table(name: str) -> pd.DataFrame:
    """Read once per server process and shared by every session and run, never copied (a copy per call was ~5 %
    of the server's CPU under load): treat it as read-only. tests/test_memo.py checks that drawing every page
    leaves every table as it was read."""
    return _table(name, str(data_dir()))


def geo(name: str) -> dict:
    """Shared, read-only GeoJSON: too large to copy on every rerun, and never mutated by pages."""
    return _geo(name, str(data_dir()))


def descriptor() -> dict:
    return _descriptor(str(data_dir()))


def vendor_manifest() -> list[dict]:
    return _manifest(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _geo_table(name: str, base: str) -> pd.DataFrame:
    return loaders.geo_properties(_geo(name, base))


def geo_table(name: str) -> pd.DataFrame:
    return _geo_table(name, str(data_dir()))


def resource(name: str) -> dict:
    for r in descriptor()["resources"]:
        if r["name"] == name:
            return r
    raise loaders.DataUnavailable(f"datapackage.json has no resource {name!r}. {loaders.REBUILD_HINT}")


def _leave_pages_folder_mode() -> None:
    """Bookmarks must open the real app. A folder named pages/ next to app.py puts a fresh Streamlit server in
    its old multipage mode until app.py has called st.navigation once: a first visitor who opens a deep link
    (/data) gets that page script run on its own, without app.py's page config and with a sidebar listing
    file names. If that happens, leave the old mode and rerun, so app.py's navigation serves the page."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a future Streamlit without the old mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def guarded(render) -> None:
    """Run a page; if the bundled data is missing or damaged, say so plainly instead of a traceback."""
    _leave_pages_folder_mode()
    try:
        render()
    except loaders.DataUnavailable as exc:
        st.error(f"**The bundled data cannot be used.** {exc}", icon="⚠️")
        st.stop()


def url_params() -> dict[str, str]:
    return st.query_params.to_dict()


def show_notices(parsed: urlstate.Parsed) -> None:
    for notice in parsed.notices:
        st.warning(notice, icon="ℹ️")  # Markdown text; Streamlit never renders it as HTML


def sync_url(values: dict[str, object], defaults: dict[str, object]) -> None:
    """Keep the URL equal to the current filters, leaving defaults out so links stay short."""
    for key, value in values.items():
        default = defaults.get(key)
        if value == default or (isinstance(value, list | tuple) and list(value) == list(default or [])):
            if key in st.query_params:
                del st.query_params[key]
        else:
            text = urlstate.encode(value)
            if st.query_params.get(key) != text:
                st.query_params[key] = text


# URL-backed widgets. The URL seeds the widget once per session; after that the widget owns the value
# and sync_url writes it back, so a bookmark or a shared link reproduces exactly what was on screen.
def _seed(scope: str, key: str, value: object) -> str:
    state_key = f"{scope}.{key}"
    if state_key not in st.session_state:
        st.session_state[state_key] = value
    return state_key


def multiselect(label: str, scope: str, key: str, options: list, value: list, **kw) -> list:
    return st.multiselect(label, options, key=_seed(scope, key, list(value)), **kw)


def selectbox(label: str, scope: str, key: str, options: list, value: object, **kw) -> object:
    return st.selectbox(label, options, key=_seed(scope, key, value), **kw)


def radio(label: str, scope: str, key: str, options: list, value: object, **kw) -> object:
    return st.radio(label, options, key=_seed(scope, key, value), **kw)


def toggle(label: str, scope: str, key: str, value: bool, **kw) -> bool:
    return st.toggle(label, key=_seed(scope, key, value), **kw)


def date_slider(label: str, scope: str, key: str, bounds: tuple, value: tuple, **kw) -> tuple:
    return st.slider(label, min_value=bounds[0], max_value=bounds[1], key=_seed(scope, key, tuple(value)),
                     format="YYYY-MM", **kw)


def view_switch(scope: str, views: dict[str, str], params: dict[str, str], parsed: urlstate.Parsed,
                key: str = "view") -> str:
    """Which of a page's views to draw. Only the chosen view runs and is sent to the browser, so a page opens
    as fast as one view: each holds at most one map or chart (a page drawing them all took 2.6–2.9× the
    platform's floor to open). The choice is kept in the URL (`?view=<id>`, left out for the first view);
    a hidden view's filters stay in the URL and come back with it."""
    ids = list(views)
    chosen = urlstate.choice(params, key, ids, ids[0], parsed)
    return radio("View", scope, key, ids, chosen, format_func=views.get, horizontal=True,
                 label_visibility="collapsed")


def filter_box(label: str):
    """A view's secondary filters, in a popover: the browser draws a popover's widgets only when it is opened,
    so a map or table view opens with one heavy element (the regional map 1.85x -> 1.79x the floor, the
    security timeline 2.04x -> 1.77x; BENCHMARKS.md, session 5). The page states every filter's value in a
    caption under it, so nothing on screen depends on the closed box. Use as `with col, ui.filter_box(...):`."""
    return st.popover(label, icon=":material/filter_list:", width="stretch")


def source(section: str | None = None, footnote: int | None = None, extra: str = "") -> None:
    """A source caption. The citation is built from data (section, footnote) and shown literally; `extra` is
    the page's own wording (Markdown allowed) — pass data-derived text through safe.md() first."""
    st.caption(f"Source: {safe.md(cite(section, footnote))}{'. ' + extra if extra else ''}")


def download(frame: pd.DataFrame, dataset: str, filters: dict | None = None, label: str = "Download CSV") -> None:
    """The CSV is written when the button is clicked, from the very frame on screen: a page run neither hashes
    the frame nor keeps a copy of the file per session (that was ~6 % of the server's CPU under load)."""
    st.download_button(
        label,
        data=partial(downloads.to_csv_bytes, frame),
        file_name=downloads.file_name(dataset, filters),
        mime="text/csv",
        on_click="ignore",
    )


# --- briefing (issue 7) -----------------------------------------------------------------------------------
# Any page can offer "Add to briefing" for one of its registered views (afdash.briefing.areas.<area>) with
# the filters on screen; the view is appended to the session's deck, which /briefing shows and puts in its URL.
def add_to_briefing(view_id: str, params: dict | None = None, label: str = "Add to briefing",
                    key: str | None = None) -> None:
    """`key` tells apart several buttons for one view on a page (the Search page offers one per hit)."""
    st.button(label, key=key or f"briefing.add.{view_id}", on_click=_append_to_briefing,
              args=(view_id, dict(params or {})),
              help="Append this view, with the current filters, to the deck on the Briefing page.")


def _append_to_briefing(view_id: str, params: dict) -> None:
    from afdash.briefing import deck, deck_url

    items = list(st.session_state.get("briefing.deck", deck.DEFAULT_DECK))
    st.session_state["briefing.deck"] = deck_url.added(items, deck.DeckItem.of(view_id, params))
    st.toast(f"Added to the briefing as slide {len(items) + 1}.")


# --- quality (issue 8) ---------------------------------------------------------------------------------
def data_key() -> str:
    """The data folder: part of every ui.cached key, so another copy of the data is never served results
    derived from the first."""
    return str(data_dir())


@st.cache_resource(show_spinner=False)
def _memo() -> memo.Memo:
    return memo.Memo()


def cached(fn=None, *, max_entries: int | None = None):
    """A page's derivation, computed once per data folder and arguments and shared by every session (see
    afdash.core.memo); `@ui.cached` or `@ui.cached(max_entries=n)` (default 64 per function). Arguments must be
    hashable (tuples, not lists); the result is shared, so never mutate it. Cheap to apply on every rerun,
    unlike st.cache_data inside a page script."""
    if fn is None:
        return partial(cached, max_entries=max_entries)
    fn_key = (fn.__code__.co_filename, fn.__qualname__)

    @functools.wraps(fn)
    def call(*args):
        return _memo().get(fn_key, (data_key(), *args), partial(fn, *args), max_entries)

    return call


def chart_spec(chart) -> dict:
    """An Altair chart as the Vega-Lite spec for st.vega_lite_chart, its datasets already in Arrow form (see
    arrow_datasets). The chart's schema is checked by the tests that build it, so it is not validated again
    here (validation is most of the cost of building a spec)."""
    return arrow_datasets(chart.to_dict(validate=False))


def arrow_datasets(spec: dict) -> dict:
    """A copy of a Vega-Lite spec whose record-list datasets are Arrow IPC bytes. Streamlit converts such
    datasets to Arrow on every run (~5 % of the server's CPU under load) but passes bytes through; do it once,
    inside a ui.cached function. Exports need the JSON form, so keep that where a spec is also exported."""
    if not spec.get("datasets"):
        return spec
    from streamlit import dataframe_util

    # Only tables, converted exactly as Streamlit would; GeoJSON (a list of features) stays JSON for Vega-Lite.
    return {**spec, "datasets": {name: dataframe_util.convert_anything_to_arrow_bytes(rows) if _is_table(rows)
                                 else rows for name, rows in spec["datasets"].items()}}


def _is_table(rows) -> bool:
    return (isinstance(rows, list) and bool(rows) and isinstance(rows[0], dict)
            and rows[0].get("type") not in ("Feature", "Topology"))
