"""Hostile input, generically over every registered page (afdash.web.site.PAGES) and every dataset
(afdash.store.catalogue.DATASETS), so pages and datasets added later are covered without editing this file:

* every URL parameter given garbage, oversized, script-like, Markdown-like or control-character values:
  no exception, a notice, the default, and the value never rendered as markup;
* data whose free-text fields carry HTML, Markdown images and links, LaTeX, directives and spreadsheet
  formulas: every page renders it literally, and every CSV offered for download is formula-safe;
* the code renders nothing as HTML except constant strings (AST scan);
* every source file with a missing column, a bad date, an unknown province, a duplicate ID or a wrong
  encoding fails the build naming file, row and column, and leaves the last good data in place;
* every clean file missing, damaged or unreadable: every page shows the clear error page, no traceback.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from afdash.build import run as build
from afdash.core import downloads, safe, urlstate
from afdash.core.paths import PROJECT_ROOT
from afdash.schema.fields import SourceFileError
from afdash.store import catalogue, loaders
from afdash.web import site

from ..apptest_support import captured_downloads, markdown_texts, open_page, query_dict
from ..conftest import DATA, shared_folder

HOSTILE_VALUES = {
    "garbage": "nope,%%%,;;;,../../etc/passwd,0x00",
    "oversized": ("<b>big</b>![x](http://evil.example/big.png)" + "x" * 10_000)[:10_240],
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "markdown-image": "![x](http://evil.example/x.png)",
    "javascript-url": "javascript:alert(1)",
    "markdown-link": "[click](javascript:alert(1))",
    "control-chars": "\u202e\x00\x1b[31mevil\u200b\ufeff\r\nΩ🙂",
    "directives": ":red[x] $x^2$ **bold** www.evil.example",
    "list-of-junk": ",,,<img src=x>,,",
}

# Markup that would mean a value was rendered rather than shown: unescaped HTML tags, Markdown images
# and links, autolinks, LaTeX, Streamlit colour directives, emphasis, raw control characters.
DANGER = [
    re.compile(r"(?<!\\)<\s*(script|img|b)\b", re.I),
    re.compile(r"!\[x"),
    re.compile(r"(?<!\\)\]\(\s*(https?://evil|javascript)", re.I),
    re.compile(r"(?<![\\/])https?://evil", re.I),
    re.compile(r"(?<!\\)www\.evil", re.I),
    re.compile(r"(?<!\\):red\["),
    re.compile(r"(?<!\\)\$x\^2"),
    re.compile(r"(?<!\\)\*\*bold"),
    re.compile("[\x00\x1b\u202e]"),
]


def rendered_markup(at) -> list[str]:
    """Pieces of Markdown on screen that carry hostile markup unescaped (or any HTML at all)."""
    bad = []
    for kind, text, allow_html in markdown_texts(at):
        hits = [p.pattern for p in DANGER if p.search(text)]
        if hits or (allow_html and ("evil" in text or "alert" in text)):
            bad.append(f"{kind}: {text[:160]!r} matches {hits}")
    return bad


def _pages_with_params() -> list[site.PageSpec]:
    return [p for p in site.PAGES if p.params] or pytest.skip("no page declares URL parameters")


# --------------------------------------------------------------------------------------------------
# URL parameters


def _page_views() -> list:
    """Every page, and every further view of a page split into views: a hidden view's parameters are read only
    while it is open, so they get their garbage together with ?view=<id>."""
    out = []
    for p in site.PAGES:
        out.append(pytest.param(p, None, id=p.url_path or "home"))
        out += [pytest.param(p, v, id=f"{p.url_path}?view={v}") for v, _ in p.views[1:]]
    return out


KINDS = list(HOSTILE_VALUES)


def _hostile_cases() -> list:
    """One AppTest per page view, its parameters given hostile kinds in rotation, so that each page meets every
    kind at least once (pages with few parameters get further rounds); the URL parser itself meets every kind
    on every parser in test_urlstate_parsers_never_raise_and_never_echo_markup."""
    out = []
    for p in site.PAGES:
        views = [None, *(v for v, _ in p.views[1:])]
        offset, rounds = 0, 0
        while views and offset < len(KINDS) and rounds < len(KINDS):
            for view in views:
                names = [n for n in p.view_params(view) if n != "view"]
                if not names:
                    continue
                kinds = {n: KINDS[(offset + i) % len(KINDS)] for i, n in enumerate(names)}
                offset += len(names)
                out.append(pytest.param(p, view, kinds, id=f"{p.url_path or 'home'}-{view or 'default'}-r{rounds}"))
            rounds += 1
            if offset == 0:
                break
    return out


_DEFAULTS: dict[tuple, object] = {}


def default_render(page: site.PageSpec, view: str | None):
    """The page view as opened with no parameters, rendered once per test session and shared."""
    key = (page.path, view)
    if key not in _DEFAULTS:
        _DEFAULTS[key] = open_page(page, {"view": view} if view else {})
    return _DEFAULTS[key]


@pytest.mark.parametrize("page,view,kinds", _hostile_cases())
def test_hostile_url_parameters_give_a_notice_and_the_default(page, view, kinds):
    params = {name: HOSTILE_VALUES[kind] for name, kind in kinds.items()}
    opened = {"view": view} if view else {}
    params.update(opened)
    params["not_a_parameter"] = HOSTILE_VALUES["script"]  # unknown parameters are ignored, and never echoed
    at = open_page(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    notices = [w.value for w in at.warning]
    for name, kind in kinds.items():
        assert any(name in n for n in notices), f"no notice for ?{name}=<{kind}> on {page.path}: {notices}"
    assert len(notices) <= len(kinds), "at most one notice per parameter"
    assert all(len(n) < 400 for n in notices), "a notice must quote the value in a shortened form"
    assert not rendered_markup(at)
    default = default_render(page, view)
    assert [w.value for w in default.warning] == [], "the default view must not show notices"
    for widget in ("selectbox", "multiselect", "radio", "slider", "checkbox", "date_input"):
        got = [getattr(w, "value", None) for w in at.get(widget)]
        want = [getattr(w, "value", None) for w in default.get(widget)]
        assert got == want, f"{widget} did not fall back to its default for {kinds}"


# Values that parse but make no sense for the data: a period wholly outside what the data cover, a slide past the
# deck's end, an option that is well-formed but names nothing.
SENSELESS = {"period": "1900-01-01..1900-12-31", "slide": "9999", "present": "2", "preview": "2"}


@pytest.mark.parametrize("page,view", _page_views())
def test_values_that_parse_but_make_no_sense_give_a_notice_and_a_sane_page(page, view):
    names = [n for n in page.view_params(view) if n != "view"]
    if not names:
        pytest.skip(f"{page.path} {view or ''} reads no URL parameters")
    params = {n: SENSELESS.get(n, "zz_well_formed_but_unknown") for n in names}
    if view:
        params["view"] = view
    at = open_page(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    notices = [w.value for w in at.warning]
    for name in names:
        assert any(re.search(rf"(parameter|the) {name}\b", n) for n in notices), \
            f"no notice for ?{name}={params[name]} on {page.path}: {notices}"
    assert len(notices) <= len(names), notices


def test_every_page_with_parameters_meets_every_hostile_kind():
    """Guards the rotation above: no page with parameters is left with a kind it never met."""
    met: dict[str, set] = {}
    for case in _hostile_cases():
        page, _, kinds = case.values
        met.setdefault(page.path, set()).update(kinds.values())
    for p in site.PAGES:
        if p.params:
            assert met.get(p.path) == set(KINDS), (p.path, set(KINDS) - met.get(p.path, set()))


@pytest.mark.parametrize("page,view", _page_views())
def test_repeated_and_empty_parameters_are_harmless(page, view):
    names = page.view_params(view)
    for params in ({k: "" for k in names}, {k: ["a", "b"] for k in names}):
        if view:
            params["view"] = view
        at = open_page(page, params)
        assert not at.exception, [e.value for e in at.exception]
        assert not rendered_markup(at)


def test_urlstate_parsers_never_raise_and_never_echo_markup():
    bounds = (pd.Timestamp("2021-01-01").date(), pd.Timestamp("2022-12-31").date())
    for value in HOSTILE_VALUES.values():
        p = urlstate.Parsed()
        params = {"k": value}
        assert urlstate.choice(params, "k", ["a"], "a", p) == "a"
        assert urlstate.multi(params, "k", ["a"], ["a"], p) in (["a"], [])
        assert urlstate.integer(params, "k", 0, 9, 3, p) == 3
        assert urlstate.flag(params, "k", True, p) is True
        assert urlstate.date_range(params, "k", bounds, p) == bounds
        for notice in p.notices:
            assert not [d.pattern for d in DANGER if d.search(notice)], notice
            assert len(notice) < 200


@pytest.mark.parametrize("text", list(HOSTILE_VALUES.values()))
def test_safe_md_shows_hostile_text_literally(text):
    out = safe.md(text)
    assert not [d.pattern for d in DANGER if d.search(out)], out
    assert "\n" not in out and "\r" not in out


def test_safe_md_leaves_ordinary_punctuation_alone():
    assert safe.md("Report 80/2022, fn. 17 (p. 7) — 2,106") == "Report 80/2022, fn. 17 (p. 7) — 2,106"
    assert safe.md("1. item").startswith("1\\.")
    assert safe.md_link("t", "javascript:alert(1)") == "t"
    assert safe.md_link("UNAMA (2022)", "https://example.org/a b(c)") == \
        "[UNAMA (2022)](https://example.org/a%20b%28c%29)"


# --------------------------------------------------------------------------------------------------
# Downloads


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def formula_cells(data: bytes) -> list[str]:
    """Cells a spreadsheet would run as a formula: they start with = + - @ TAB CR LF and are not numbers."""
    text = data.decode("utf-8-sig")
    bad = []
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            if cell.startswith(FORMULA_START) and not NUMBER.match(cell):
                bad.append(cell[:60])
    return bad


POISON = [
    ("prefix", "=HYPERLINK(\"http://evil.example\",\"x\")"),
    ("suffix", "<img src=x onerror=alert(1)>"),
    ("prefix", "+1+cmd|' /C calc'!A0"),
    ("suffix", "![x](http://evil.example/x.png)"),
    ("prefix", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("suffix", "<script>alert(1)</script> [click](javascript:alert(1))"),
    ("prefix", "-2+3+cmd|' /C calc'!A0"),
    ("suffix", ":red[x] $x^2$ **bold** www.evil.example"),
    ("prefix", "\t=1+1"),
]


def _free_text_fields(ds) -> list[str]:
    """Text a person wrote: not an identifier, code, category or key."""
    return [f.name for f in ds.fields if f.type == "string" and f.enum is None and f.pattern is None
            and not f.references and f.name not in ds.key
            and "as_printed" not in f.name]  # verbatim report snippets, cross-checked between datasets


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return rows[0], rows[1:]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_data(tmp_path_factory) -> Path:
    """A copy of data/ whose free-text source cells carry markup and spreadsheet formulas, built once per test
    run and shared, read-only, by every pytest-xdist worker (each build takes seconds)."""
    return shared_folder(tmp_path_factory, "hostile-data", _make_hostile)


def _make_hostile(dst: Path) -> None:
    """Columns a dataset check ties to other values (e.g. a printed number) are restored until the build
    passes."""
    shutil.copytree(DATA, dst, ignore=shutil.ignore_patterns(".clean-*"))
    originals: dict[str, tuple[list[str], list[list[str]]]] = {}
    for ds in catalogue.DATASETS:
        cols = _free_text_fields(ds)
        if ds.builder is not None or not cols:
            continue
        path = dst / ds.source
        header, rows = _read_csv(path)
        originals[path.name] = (header, [list(r) for r in rows])
        for i, row in enumerate(rows):
            for j, name in enumerate(cols):
                k = header.index(name)
                if not row[k]:
                    continue
                where, payload = POISON[(i + j) % len(POISON)]
                row[k] = f"{payload} {row[k]}" if where == "prefix" else f"{row[k]} {payload}"
        _write_csv(path, header, rows)
    poisoned = {name: [c for c in _free_text_fields(ds)] for ds in catalogue.DATASETS
                for name in [Path(ds.source).name] if name in originals}
    for _ in range(8):
        try:
            build.build(dst)
            return
        except SourceFileError as exc:
            revert: dict[str, set[str]] = {}
            for e in exc.errors:
                cols = poisoned.get(e.file, [])
                # the column named, else a poisoned column the message quotes or mentions, else the first one
                pick = [c for c in cols if c == e.column] or [c for c in cols if c in e.problem] or cols[:1]
                revert.setdefault(e.file, set()).update(pick)
            if not any(revert.values()):
                raise
            for file, cols in revert.items():
                header, orig = originals[file]
                now_header, rows = _read_csv(dst / "sources" / file)
                for col in cols:
                    k = header.index(col)
                    for r, o in zip(rows, orig, strict=True):
                        r[k] = o[k]
                    poisoned[file].remove(col)
                _write_csv(dst / "sources" / file, now_header, rows)
    pytest.fail("could not build the hostile copy of the data")


# a missing value printed as such: "(nan)", "None", "<NA>" — but not the letters inside "financing"
MISSING_SHOWN = re.compile(r"(?<![\w.])(nan|NaN|NaT|None|<NA>)(?!\w)")


def test_missing_value_pattern_finds_placeholders_not_words():
    assert all(MISSING_SHOWN.search(t) for t in ("member (nan) — source", "as of None", "<NA>", "date: NaT."))
    assert not any(MISSING_SHOWN.search(t) for t in ("terrorist financing", "Nangarhar", "Nonetheless", "a.nan"))


def _views() -> list:
    out = []
    for p in site.PAGES:
        for q in p.samples or ("",):
            out.append(pytest.param(p, q))
    return out


@pytest.mark.parametrize("page,query", _views(), ids=lambda v: v.url_path or "home" if hasattr(v, "url_path")
                         else (v or "default"))
def test_hostile_data_is_shown_literally_and_downloads_are_formula_safe(hostile_data, monkeypatch, page, query):
    monkeypatch.setenv("AFDASH_DATA_DIR", str(hostile_data))
    with captured_downloads() as files:
        at = open_page(page, query_dict(query))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert not rendered_markup(at)
    for data, mimetype, name in files:
        if mimetype.startswith("text/csv") or (name or "").endswith(".csv"):
            assert not formula_cells(data), f"{name}: {formula_cells(data)[:5]}"
        assert "/" not in (name or "") and "\\" not in (name or "")


@pytest.mark.parametrize("page,query", _views(), ids=lambda v: v.url_path or "home" if hasattr(v, "url_path")
                         else (v or "default"))
def test_no_missing_value_is_shown_as_nan(page, query):
    at = open_page(page, query_dict(query))
    shown = [t for _, t, _ in markdown_texts(at) if MISSING_SHOWN.search(t)]
    assert not shown, shown


def test_the_hostile_copy_really_is_hostile(hostile_data):
    """Guards the test above: poisoned text reached the clean data, formulas included."""
    hits = 0
    for ds in catalogue.DATASETS:
        if ds.kind != "table":
            continue
        frame = pd.read_parquet(hostile_data / ds.path)
        for col in _free_text_fields(ds):
            hits += int(frame[col].astype(str).str.contains("evil|alert|HYPERLINK", regex=True).sum())
    assert hits >= 20


@pytest.mark.parametrize("ds", [d for d in catalogue.DATASETS if d.kind == "table"], ids=lambda d: d.name)
def test_every_dataset_downloads_formula_safe(hostile_data, ds):
    frame = pd.read_parquet(hostile_data / ds.path)
    data = downloads.to_csv_bytes(frame)
    assert not formula_cells(data)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == len(frame) and list(back.columns) == list(frame.columns)


def test_formula_check_catches_what_it_should():
    assert formula_cells(b"a,b\r\n=1+1,-5\r\n'=x,@x\r\n") == ["=1+1", "@x"]


# --------------------------------------------------------------------------------------------------
# Nothing rendered as HTML except constant strings

HTML_CALLS = {"html"}  # st.html(...), components.html(...)
SCANNED = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").rglob("*.py")),
           *sorted((PROJECT_ROOT / "src" / "afdash").rglob("*.py"))]
# (file relative to the project, source of the first argument) allowed to render HTML; keep it tiny
ALLOWLIST: set[tuple[str, str]] = {
    ("pages/briefing.py", "screen.BASE_CSS"),  # constant <style> blocks (afdash.briefing.screen) for presentation
    ("pages/briefing.py", "screen.PRESENT_CSS"),
    ("src/afdash/web/ui.py", "FIT_CSS"),  # constant <style>: headline figures wrap instead of ending in "…"
}


def _constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def html_uses(path: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """Calls that render HTML (unsafe_allow_html=True, st.html, components.html, a pydeck tooltip in html
    mode) whose content is not a constant string."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = str(path.relative_to(root))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            unsafe = any(k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant)
                                                               and k.value.value is False)
                         for k in node.keywords)
            if unsafe or name in HTML_CALLS or name == "components":
                first = node.args[0] if node.args else None
                src = ast.get_source_segment(path.read_text(encoding="utf-8"), first) if first else ""
                if not (first is not None and _constant(first)) and (rel, src) not in ALLOWLIST:
                    bad.append(f"{rel}:{node.lineno}: {name}(...) renders non-constant HTML: {src!r}")
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and key.value == "html":
                    bad.append(f"{rel}:{node.lineno}: a dict with an 'html' key (pydeck tooltips must use 'text')")
    return bad


def test_no_data_is_rendered_as_html():
    problems = [p for path in SCANNED for p in html_uses(path)]
    assert not problems, "\n".join(problems)


def test_html_scan_catches_what_it_should(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import streamlit as st\nrow = {}\n"
        "st.markdown(f\"<b>{row['x']}</b>\", unsafe_allow_html=True)\n"
        "st.markdown('<b>fixed</b>', unsafe_allow_html=True)\n"
        "st.html(row['x'])\ntooltip = {'html': row['x']}\n", encoding="utf-8")
    found = html_uses(sample, tmp_path)
    assert len(found) == 3, found


# --------------------------------------------------------------------------------------------------
# Source files: the build fails naming file, row and column, and keeps the last good data


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _fails_naming(data: Path, *needles: str) -> str:
    before = _digests(data / "clean")
    dp = (data / "datapackage.json").read_bytes()
    with pytest.raises(SourceFileError) as exc:
        build.build(data)
    msg = str(exc.value)
    for needle in needles:
        assert needle in msg, f"{needle!r} not in: {msg}"
    assert _digests(data / "clean") == before, "a failed build must leave data/clean/ untouched"
    assert (data / "datapackage.json").read_bytes() == dp
    return msg


def _one_fails_naming(data: Path, ds, *needles: str) -> str:
    """Validating just this dataset (build.collect(only=…)) names the problem; the full build's promise to
    leave data/clean/ untouched is tested by _fails_naming on the crosswalk and encodings, and in test_build."""
    with pytest.raises(SourceFileError) as exc:
        build.collect(data, only=[ds.name])
    msg = str(exc.value)
    for needle in needles:
        assert needle in msg, f"{needle!r} not in: {msg}"
    return msg


CSV_DATASETS = [d for d in catalogue.DATASETS if d.builder is None]
SOURCE_CSVS = sorted(p.name for p in (DATA / "sources").glob("*.csv"))


def _first(ds, pred):
    return next((f for f in ds.fields if pred(f)), None)


@pytest.mark.parametrize("ds", CSV_DATASETS, ids=lambda d: d.name)
def test_source_with_a_missing_column_fails_naming_it(data_copy, ds):
    path = data_copy / ds.source
    header, rows = _read_csv(path)
    col = _first(ds, lambda f: f.required).name
    k = header.index(col)
    _write_csv(path, header[:k] + header[k + 1:], [r[:k] + r[k + 1:] for r in rows])
    _one_fails_naming(data_copy, ds, path.name, "row 1", f"'{col}'", "missing")


@pytest.mark.parametrize("ds", [d for d in CSV_DATASETS if any(f.type == "date" for f in d.fields)],
                         ids=lambda d: d.name)
def test_source_with_a_bad_date_fails_naming_it(data_copy, ds):
    path = data_copy / ds.source
    header, rows = _read_csv(path)
    col = _first(ds, lambda f: f.type == "date").name
    rows[2][header.index(col)] = "2021-02-30"
    _write_csv(path, header, rows)
    _one_fails_naming(data_copy, ds, path.name, "row 4", f"column '{col}'")


@pytest.mark.parametrize("ds", [d for d in CSV_DATASETS if any(f.references == "provinces" for f in d.fields)],
                         ids=lambda d: d.name)
def test_source_with_an_unknown_province_fails_naming_it(data_copy, ds):
    path = data_copy / ds.source
    header, rows = _read_csv(path)
    col = _first(ds, lambda f: f.references == "provinces").name
    rows[1][header.index(col)] = "AF-XXX"
    _write_csv(path, header, rows)
    _one_fails_naming(data_copy, ds, path.name, "row 3", f"column '{col}'", "AF-XXX", "unknown province")


@pytest.mark.parametrize("ds", [d for d in CSV_DATASETS if any(f.unique for f in d.fields) or d.key],
                         ids=lambda d: d.name)
def test_source_with_a_duplicate_id_fails_naming_it(data_copy, ds):
    path = data_copy / ds.source
    header, rows = _read_csv(path)
    _write_csv(path, header, [*rows, rows[0]])
    unique = _first(ds, lambda f: f.unique)
    needles = [path.name, f"row {len(rows) + 2}"]
    if unique is not None:
        needles.append(f"column '{unique.name}'")
    _one_fails_naming(data_copy, ds, *needles)


def _readers_of(name: str) -> list[str]:
    """The datasets that read sources/<name> (the province crosswalk is read by the province layer)."""
    readers = [d.name for d in catalogue.DATASETS if d.source == f"sources/{name}"]
    return readers or (["provinces"] if name == "provinces.csv" else [])


def test_every_source_file_has_a_reader():
    assert all(_readers_of(name) for name in SOURCE_CSVS), [n for n in SOURCE_CSVS if not _readers_of(n)]


def _to_utf16(path: Path) -> str:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return "row 1"


def _to_latin1(path: Path) -> str:
    header, rows = _read_csv(path)
    rows[3][-1] = (rows[3][-1] + " café").strip()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    data = buf.getvalue().encode("latin-1", errors="replace")
    path.write_bytes(data)
    first_bad = next(i for i, b in enumerate(data) if b >= 0x80)
    line = data[:first_bad].count(b"\n") + 1
    return f"row {line}"


# Each file through the datasets that read it (build.collect(only=…)); the full build's promise to fail and keep
# the last good data is shown once per kind of damage, on the file every map depends on.
@pytest.mark.parametrize("damage", [_to_utf16, _to_latin1], ids=["utf-16", "latin-1"])
@pytest.mark.parametrize("name", SOURCE_CSVS)
def test_source_in_a_wrong_encoding_fails_naming_the_line(data_copy, name, damage):
    row = damage(data_copy / "sources" / name)
    with pytest.raises(SourceFileError) as exc:
        build.collect(data_copy, only=_readers_of(name))
    for needle in (name, row, "not UTF-8"):
        assert needle in str(exc.value), f"{needle!r} not in: {exc.value}"


@pytest.mark.parametrize("damage", [_to_utf16, _to_latin1], ids=["utf-16", "latin-1"])
def test_a_file_in_a_wrong_encoding_fails_the_build_and_keeps_the_data(data_copy, damage):
    row = damage(data_copy / "sources" / "actors.csv")
    _fails_naming(data_copy, "actors.csv", row, "not UTF-8")


def test_crosswalk_with_a_missing_column_or_duplicate_code_fails_naming_it(data_copy):
    path = data_copy / "sources" / "provinces.csv"
    header, rows = _read_csv(path)
    _write_csv(path, header, [*rows, rows[0]])
    _fails_naming(data_copy, "provinces.csv", f"row {len(rows) + 2}", "duplicate")
    k = header.index("ne_adm1_code")
    _write_csv(path, header[:k] + header[k + 1:], [r[:k] + r[k + 1:] for r in rows])
    with pytest.raises(SourceFileError) as exc:
        build.collect(data_copy, only=["provinces"])
    assert all(n in str(exc.value) for n in ("provinces.csv", "row 1", "'ne_adm1_code'", "missing")), exc.value


# --------------------------------------------------------------------------------------------------
# Clean files missing or corrupt: a clear error page on every page, never a traceback


def _resource(data: Path, name: str) -> dict:
    desc = json.loads((data / "datapackage.json").read_text())
    return next(r for r in desc["resources"] if r["name"] == name)


def _break_clean(data: Path, ds, mode: str) -> str:
    """Break one clean file; returns the words the error page must contain."""
    path = data / ds.path
    if mode == "missing":
        path.unlink()
        return "is missing"
    if mode == "damaged":  # bytes differ from the recorded checksum
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        return "is damaged"
    # unreadable: garbage whose checksum was recorded too, so the parser itself must refuse it
    garbage = b"PAR1 not really parquet \x00\xff" if ds.kind == "table" else b'{"type": "FeatureCollection", '
    path.write_bytes(garbage)
    dp = data / "datapackage.json"
    desc = json.loads(dp.read_text())
    for r in desc["resources"]:
        if r["name"] == ds.name:
            r["hash"] = "sha256:" + hashlib.sha256(garbage).hexdigest()
    dp.write_text(json.dumps(desc))
    return "cannot be read" if ds.kind == "table" else "not valid GeoJSON"


def _assert_error_page(at, words: str, file: str) -> bool:
    """No traceback; if the page shows an error, it names the file and says what to do. True if shown."""
    assert not at.exception, [e.value for e in at.exception]
    if not at.error:
        return False
    text = " ".join(e.value for e in at.error)
    assert file in text and words in text, text
    assert "rebuild" in text and "Traceback" not in text, text
    return True


MODES = ("missing", "damaged", "unreadable")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ds", catalogue.DATASETS, ids=lambda d: d.name)
def test_broken_clean_file_is_refused_by_the_loader_naming_it(data_copy, ds, mode):
    words = _break_clean(data_copy, ds, mode)
    load = loaders.load_table if ds.kind == "table" else loaders.load_geo
    with pytest.raises(loaders.DataUnavailable) as exc:
        load(ds.name, data_copy)
    text = str(exc.value)
    assert Path(ds.path).name in text and words in text and "rebuild" in text, text


@pytest.mark.parametrize("page", site.PAGES, ids=lambda p: p.url_path or "home")
def test_every_page_shows_the_error_page_when_its_data_is_broken(data_copy, monkeypatch, page):
    mode = MODES[site.PAGES.index(page) % len(MODES)]
    for ds in catalogue.DATASETS:
        _break_clean(data_copy, ds, mode)
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(e.value for e in at.error)
    assert "The bundled data cannot be used" in text and "rebuild" in text and "Traceback" not in text, text


@pytest.mark.parametrize("ds", catalogue.DATASETS, ids=lambda d: d.name)
def test_the_data_page_names_any_missing_dataset(data_copy, monkeypatch, ds):
    """The Data & sources page opens any dataset by URL, so it must show that dataset's breakage."""
    words = _break_clean(data_copy, ds, "missing")
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    data_page = next(p for p in site.PAGES if p.url_path == "data")
    assert _assert_error_page(open_page(data_page, {"dataset": ds.name}), words, Path(ds.path).name), \
        f"{data_page.path}?dataset={ds.name} did not show the error page"


@pytest.mark.parametrize("broken", ["datapackage-missing", "datapackage-corrupt", "clean-folder-missing"])
def test_broken_data_package_shows_the_error_page_on_every_page(data_copy, monkeypatch, broken):
    if broken == "datapackage-missing":
        (data_copy / "datapackage.json").unlink()
    elif broken == "datapackage-corrupt":
        (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    else:
        shutil.rmtree(data_copy / "clean")
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    for page in site.PAGES:
        at = open_page(page)
        assert not at.exception, (page.path, [e.value for e in at.exception])
        assert at.error, f"{page.path} shows no error page for {broken}"
        assert "rebuild" in at.error[0].value
