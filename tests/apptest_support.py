"""AppTest helpers shared by the generic test modules: open any registered page with query parameters,
walk every element, read the Markdown a user would see rendered, and capture every file offered for
download during a run."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from streamlit.testing.v1 import AppTest

from afdash.core.paths import PROJECT_ROOT
from afdash.web import site

APP = str(PROJECT_ROOT / "app.py")
_shared: dict[str, object] = {}


def new_app(timeout: float = 60) -> AppTest:
    """An AppTest of app.py. Streamlit scans installed packages for components once per AppTest (~0.7 s);
    the scan's result never changes within a test session, so it is shared."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if "bidi" in _shared and hasattr(at, "_bidi_component_manager"):
        at._bidi_component_manager = _shared["bidi"]
    return at


def _remember(at: AppTest) -> None:
    manager = getattr(at, "_bidi_component_manager", None)
    if manager is not None:
        _shared.setdefault("bidi", manager)


def open_page(page: site.PageSpec, params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    at = new_app(timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    _remember(at)
    if page.script != site.PAGES[0].script:
        at.switch_page(page.script)
        at.run()
    return at


def page(script: str) -> site.PageSpec:
    """The registered page for a script, so a page module's tests fail loudly if the page is renamed or dropped
    from the site rather than silently opening something else."""
    return next(p for p in site.PAGES if p.script == script)


def open_clean(page: site.PageSpec, params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """open_page for tests whose every check presumes the page rendered: a script error fails here, with its
    message, instead of as a confusing missing element further down."""
    at = open_page(page, params, timeout)
    assert not at.exception, [e.value for e in at.exception]
    return at


def query_param(at: AppTest, key: str):
    """One URL parameter's value; AppTest may hold a repeated key as a list, the page only ever writes one."""
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def query_dict(query: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query, keep_blank_values=True))


def elements(node) -> Iterator:
    """Every element and block below `node` (AppTest's tree), depth first."""
    children = getattr(node, "children", None) or {}
    for child in children.values():
        yield child
        yield from elements(child)


def popovers(at: AppTest) -> dict:
    """The page's popovers by label (AppTest has no accessor for them): label -> block, whose children are
    what the browser draws only once the popover is opened."""
    return {b.proto.popover.label: b for b in elements(at._tree)
            if getattr(b, "type", None) == "popover" and b.proto is not None}


MARKDOWN_FIELDS = ("body", "label", "help", "placeholder", "delta_description")


def markdown_texts(at: AppTest) -> list[tuple[str, str, bool]]:
    """(element type, text, allow_html) for every piece of text Streamlit renders as Markdown: markdown,
    captions, alerts, headings, metric labels, widget labels and help, expander and tab labels, st.table cells."""
    out = []
    for el in elements(at._tree):
        proto = getattr(el, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = getattr(el, "type", type(el).__name__)
        allow_html = bool(getattr(proto, "allow_html", False))
        for name in MARKDOWN_FIELDS:
            if name in proto.DESCRIPTOR.fields_by_name:
                value = getattr(proto, name)
                if isinstance(value, str) and value:
                    out.append((kind, value, allow_html))
        # blocks: expander label, tab label
        for sub in ("expandable", "tab"):
            if sub in proto.DESCRIPTOR.fields_by_name and proto.HasField(sub):
                label = getattr(proto, sub).label
                if label:
                    out.append((f"{kind}.{sub}", label, False))
    for table in at.table:  # st.table renders every text cell (and the index) as Markdown
        frame = table.value.reset_index()
        out += [("table cell", v, False) for v in frame.astype(str).to_numpy().ravel() if v]
    return out


@contextlib.contextmanager
def captured_downloads() -> Iterator[list[tuple[bytes, str, str | None]]]:
    """Every file a page offers for download during the block: (data, mimetype, file name). Files handed over as
    bytes are recorded as stored; CSV files built on click (a callable) are built here, as a click would (the
    briefing's slide exports, also built on click, take seconds each: tests/briefing/test_briefing.py)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    seen: list[tuple[bytes, str, str | None]] = []
    original, original_deferred = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

    def recording(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes | bytearray):
            seen.append((bytes(path_or_data), mimetype, filename))
        return original(self, path_or_data, mimetype, kind, filename)

    def recording_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        if (mimetype or "").startswith("text/csv"):
            data = data_callable()
            seen.append((data.encode() if isinstance(data, str) else bytes(data), mimetype, file_name))
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kw)

    MemoryMediaFileStorage.load_and_get_id = recording
    MediaFileManager.add_deferred = recording_deferred
    try:
        yield seen
    finally:
        MemoryMediaFileStorage.load_and_get_id = original
        MediaFileManager.add_deferred = original_deferred
