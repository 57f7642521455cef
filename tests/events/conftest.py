import pytest


def pytest_collection_modifyitems(config, items):
    """Timed tests run only when asked for (pytest -m perf): a shared CI machine's timings are not a verdict."""
    if "perf" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="timed test: run with -m perf")
    for item in items:
        if item.get_closest_marker("perf") and item.path.is_relative_to(config.rootpath / "tests" / "events"):
            item.add_marker(skip)
