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
    try:
        return vendor.manifest(vendor_dir(Path(base)))
    except vendor.VendorError as exc:
        raise loaders.DataUnavailable(f"{exc}. {loaders.REBUILD_HINT}") from None


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


# On every page (the Overview too): Streamlit's metric ellipsises a long value ("about 8,000–1…"); here it wraps.
# A Markdown table wraps its long cells (URLs, checksums, footnotes) instead of running past the window's edge;
# its first column (a row's name: a country, a dataset) keeps whole words, so a narrow column is not cut mid-word.
FIT_CSS = """<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; }
[data-testid="stMetricValue"] { height: auto !important; line-height: 1.15; }
h1, h2, h3 { overflow-wrap: anywhere; }
[data-testid="stMarkdownContainer"] table { width: 100%; }
[data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td { overflow-wrap: anywhere; }
[data-testid="stMarkdownContainer"] th:first-child, [data-testid="stMarkdownContainer"] td:first-child {
  overflow-wrap: break-word; }
</style>"""


def guarded(render) -> None:
    """Run a page; if the bundled data is missing or damaged, say so plainly instead of a traceback."""
    _leave_pages_folder_mode()
    st.html(FIT_CSS)  # a style-only block takes no room on the page
    try:
        render()
    except loaders.DataUnavailable as exc:
        st.error(f"**The bundled data cannot be used.** {exc}", icon="⚠️")
        st.stop()


def url_params() -> dict[str, str]:
    return st.query_params.to_dict()


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


def filter_box(label: str):
    """A view's secondary filters, in a popover: the browser draws a popover's widgets only when it is opened,
    so a map or table view opens with one heavy element (BENCHMARKS.md). The page states every filter's value
    in a caption under it, so nothing on screen depends on the closed box. Use as
    `with col, ui.filter_box(...):`."""
    return st.popover(label, icon=":material/filter_list:", width="stretch")


def source(section: str | None = None, footnote: int | None = None, extra: str = "") -> None:
    """A source caption. The citation is built from data (section, footnote) and shown literally; `extra`, after a
    semicolon (so it may start in lower case), is the page's own wording (Markdown allowed) — pass data-derived
    text through safe.md() first."""
    st.caption(f"Source: {safe.md(cite(section, footnote))}{'; ' + extra if extra else ''}")


def map_with_key(deck, **kw):
    """A map and, under it, its colour key (the deck's `legend`, an SVG image) when it has one. Keyword
    arguments go to st.pydeck_chart (height, on_select, key, ...); returns what st.pydeck_chart returns."""
    out = st.pydeck_chart(deck, **kw)
    legend = getattr(deck, "legend", None)
    if legend is not None and legend.entries:
        st.image(legend.svg(), alt=legend.alt())
    return out


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
