"""Import and query timings for the user's events store at scale (not part of the test suite).

    python -m tools.bench_events --rows 1000000            # synthetic ACLED rows (half) + GED rows (half)

Generates the files (tools.synth_events), imports them into a fresh store, then times every query the
imported-events views run (cold: first query after opening; warm: a filter change), and reports the peak
memory of the query process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMPORT_BUDGET_S = 60.0


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def _peak_mb() -> float:
    """VmHWM: this process's own peak (ru_maxrss would carry over the parent's peak across exec)."""
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def generate(rows: int, folder: Path) -> list[Path]:
    from tools import synth_events

    half = rows // 2
    acled, ged = folder / "acled.csv", folder / "ged.csv"
    synth_events.write_csv(synth_events.acled(rows - half), acled)
    synth_events.write_csv(synth_events.ged(half), ged)
    return [acled, ged]


def time_queries(store_dir: Path) -> None:
    import pyarrow.parquet as pq

    from afdash.userevents import query as q
    from afdash.userevents import store

    t0 = time.perf_counter()
    table = q.open_tables(store_dir)
    print(f"open tables (cubes)     {time.perf_counter() - t0:6.3f} s")
    filters = {
        "all": q.Filter(),
        "2020-2021, Battles": q.Filter(dt.date(2020, 1, 1), dt.date(2021, 12, 31), types=("Battles",)),
        "province AF-KAB": q.Filter(province="AF-KAB"),
        "actor Taleban, AFG": q.Filter(countries=("AFG",), actor="Taleban"),
    }
    for path in (store.cube_path(store_dir), store.actor_cube_path(store_dir)):
        print(f"{path.name:18} {pq.read_metadata(path).num_rows:9,} rows {path.stat().st_size / 2**20:6.2f} MB")
    raw = q.Tables(table.events)  # the same queries without the cubes, for comparison
    for label, f in filters.items():
        for name, fn in (("monthly", q.monthly), ("provinces", q.provinces), ("actors", q.actors),
                         ("count", q.count)):
            took = []
            for src in (table, raw):
                t = time.perf_counter()
                fn(src, f)
                took.append(time.perf_counter() - t)
            print(f"{name:10} {label:22} {took[0]:6.3f} s (events only: {took[1]:6.3f} s)")
    for grain in ("Q", "Y"):  # what the trend draws over long periods (charts.grain_for)
        t = time.perf_counter()
        q.monthly(table, filters["all"], grain)
        print(f"monthly    all, per {grain}           {time.perf_counter() - t:6.3f} s")
    t = time.perf_counter()
    q.overview(table)
    print(f"overview                {time.perf_counter() - t:6.3f} s")
    print(f"query process RSS now {_rss_mb():.0f} MB, peak {_peak_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:  # a CLI job (its own connection), after the RSS of the views
        t = time.perf_counter()
        n = q.export_csv(Path(tmp) / "battles.csv", store_dir, filters["2020-2021, Battles"])
        print(f"export-events 2020-2021, Battles ({n:,} rows) {time.perf_counter() - t:6.3f} s")
    t = time.perf_counter()
    size = len(q.csv_bytes(table, filters["province AF-KAB"]))
    print(f"csv AF-KAB ({size / 2**20:.1f} MB) {time.perf_counter() - t:6.3f} s")
    print(f"after the export and the download: RSS {_rss_mb():.0f} MB, peak {_peak_mb():.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the store in this folder")
    parser.add_argument("--queries-only", action="store_true", help="time the queries on --keep's store")
    a = parser.parse_args(argv)
    if a.queries_only:
        time_queries(a.keep)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(a.rows, Path(tmp))
        store_dir = a.keep or Path(tmp) / "store"
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "afdash.cli", "import-events", "--events-dir", str(store_dir),
                               *map(str, files)], capture_output=True, text=True)
        took = time.perf_counter() - t
        print(done.stdout[-1500:], done.stderr[-1500:])
        print(f"import of {a.rows:,} rows: {took:.1f} s (budget {IMPORT_BUDGET_S:.0f} s)")
        # a fresh process for the queries, as the app would be
        subprocess.run([sys.executable, "-m", "tools.bench_events", "--queries-only", "--keep", str(store_dir)])
        return 0 if done.returncode == 0 and took <= IMPORT_BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
