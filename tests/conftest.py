import fcntl
import inspect
import os
import re
import shutil
from pathlib import Path

import pytest

from afdash.build import run as build
from afdash.core.paths import PROJECT_ROOT, report_text_path

DATA = PROJECT_ROOT / "data"


# Fixtures that cost more than a test are session-scoped, also within a test module: pytest-xdist hands each worker
# tests from many modules in turn, and a module-scoped fixture would be rebuilt every time its module came back.
@pytest.fixture(scope="session")
def built():
    """All datasets, validated from the committed sources (nothing is written)."""
    return build.collect(DATA)


def shared_folder(tmp_path_factory, name: str, make) -> Path:
    """A folder that make(folder) fills once per test run, shared by every pytest-xdist worker (they share the
    parent of their base temp folders); a lock makes the others wait for the first. Read-only for its users."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    target, done = root / name / "data", root / name / ".done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target.parent, ignore_errors=True)  # a half-made folder from a failed attempt
            target.parent.mkdir(parents=True)
            make(target)
            done.touch()
    return target


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break without touching the real one."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst, ignore=shutil.ignore_patterns(".clean-*"))
    return dst


@pytest.fixture(scope="session")
def report_text() -> str:
    path = report_text_path()
    if not path.exists():
        pytest.skip(f"the report's text is not on this machine ({path}); provenance checks need shared/")
    return path.read_text(encoding="utf-8")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def server():
    """One Streamlit server for all browser tests."""
    from .browser_support import CHROMIUM, start_server, stop_server

    if not os.path.exists(CHROMIUM):
        if in_ci():
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium for the browser tests")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    proc, url = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    from .browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


# --------------------------------------------------------------------------------------------------
# Tiers. Every test carries exactly one: browser (Playwright + Chromium), perf (benchmark and load test), app
# (Streamlit AppTest), pipeline (runs the build or reads the data files), unit (everything else). Tests are laid
# out by area (tests/<area>/); `pytest -m unit` runs one tier. `make test` runs every tier but the timed
# benchmark smoke (marker bench), which lives in `make bench`.
TIERS = ("unit", "pipeline", "app", "browser", "perf")
PIPELINE_FIXTURES = {"built", "data_copy", "hostile_data", "report_text"}
APP_CALLS = re.compile(r"\b(AppTest|open_page|open_clean|new_app|run_page)\b")
PIPELINE_CALLS = re.compile(r"\b(build\.(build|collect|produce)|load_table|load_geo|read_parquet|DATA\b|cli\.main)")


def tier_of(item) -> str:
    """The tier of a collected test, from its markers, fixtures and the calls in its source; a module that
    declares its tier (pytestmark) keeps it."""
    declared = [t for t in TIERS if item.get_closest_marker(t)]
    if declared:
        return declared[0]
    if item.get_closest_marker("bench") or item.get_closest_marker("loadtest"):
        return "perf"
    for tier in ("pipeline", "app", "unit"):  # a tier a module declares (pytestmark) is taken as it is
        if item.get_closest_marker(tier):
            return tier
    source = _source(item)
    if APP_CALLS.search(source):
        return "app"
    if PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())) or PIPELINE_CALLS.search(source):
        return "pipeline"
    return "unit"


def _source(item) -> str:
    fn = getattr(item, "function", None)
    try:
        return inspect.getsource(fn) if fn is not None else ""
    except (OSError, TypeError):
        return ""


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(getattr(pytest.mark, tier_of(item)))
