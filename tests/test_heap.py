"""afdash.heap: the long-lived heap is frozen once per batch of new imports, never on every run."""

import gc
import sys
import types

from afdash import heap


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
    from afdash.paths import PROJECT_ROOT

    text = (PROJECT_ROOT / "app.py").read_text()
    assert "heap.settle()" in text and "finally:" in text


def test_trim_runs_at_most_every_ten_seconds():
    heap._last_trim = 0.0
    assert heap.trim(now=1_000.0) is (heap._libc() is not None)
    assert heap.trim(now=1_005.0) is False  # within ten seconds of the last trim
    assert heap.trim(now=1_011.0) is (heap._libc() is not None)
    text = (__import__("afdash.paths", fromlist=["PROJECT_ROOT"]).PROJECT_ROOT / "app.py").read_text()
    assert "heap.trim()" in text


def test_arenas_are_limited_before_the_first_page():
    assert heap.limit_arenas() is (heap._libc() is not None)
    text = (__import__("afdash.paths", fromlist=["PROJECT_ROOT"]).PROJECT_ROOT / "app.py").read_text()
    assert text.index("heap.limit_arenas()") < text.index("st.navigation(")
