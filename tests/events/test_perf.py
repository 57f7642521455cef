"""Import and query speed at scale (run on purpose: pytest -m perf tests/events). The full million-row run is
`python -m tools.bench_events --rows 1000000`; this test runs a tenth of it against a tenth of the budget."""

from __future__ import annotations

import time

import pytest

from afdash.intake.pipeline import import_files
from afdash.userevents import query
from tools import synth_events

pytestmark = pytest.mark.perf
ROWS = 100_000
IMPORT_BUDGET_S = 60 * ROWS / 1_000_000  # the million-row budget, pro rata
QUERY_BUDGET_S = 0.5


def test_import_and_queries_within_budget(tmp_path):
    path = tmp_path / "acled.csv"
    synth_events.write_csv(synth_events.acled(ROWS), path)
    t = time.perf_counter()
    result = import_files([path], tmp_path / "store")
    took = time.perf_counter() - t
    assert result.events_stored == ROWS
    assert took <= IMPORT_BUDGET_S, f"import of {ROWS:,} rows took {took:.1f} s (budget {IMPORT_BUDGET_S:.0f} s)"
    table = query.open_tables(tmp_path / "store")  # the cubes the import wrote
    query.overview(table)  # the engine's first query reads the file's metadata
    for fn in (query.monthly, query.provinces, query.actors, query.count):
        t = time.perf_counter()
        fn(table, query.Filter(types=("Battles",), province="AF-KAB"))
        assert time.perf_counter() - t <= QUERY_BUDGET_S, fn.__name__
