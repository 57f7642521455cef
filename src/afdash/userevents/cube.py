"""Pre-aggregated tables of the imported events (an OLAP "cube"), kept beside events.parquet.

Every question the views ask (events and deaths per month, type, province; actors ranked) groups on a few
columns, so the store also holds the events already summed per calendar month × source × type of violence ×
country × province (`cube.parquet`, ~30 times fewer rows than events at a million), and the same per actor
(`actor_cube.parquet`). Queries (afdash.userevents.query) read these instead of the events whenever the
filter allows it exactly, that is over whole calendar months, and the events otherwise.

Each file records the state (size, modification time) of the events file it summed, in its Parquet metadata,
so a cube left behind by an older events file is never read: the import rebuilds both, and opening a store
whose cube is missing or stale rebuilds it (or, on a read-only store, answers from the events alone).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow.parquet as pq

from afdash.userevents import store

KEYS = ("source", "event_type", "country_iso3", "province_code")
STATE = b"afdash.events_state"
# the stored types: DuckDB sums integers as 128-bit (written to Parquet as floats) and truncates dates to timestamps
STORED = {"month": "DATE", "events": "BIGINT", "deaths": "BIGINT", "sides": "BIGINT", "side_deaths": "BIGINT"}
LAYOUT = "1"  # bump when the cubes' columns change: older files then count as stale


def state(folder: Path | None = None) -> str:
    st = store.events_path(folder).stat()
    return f"{LAYOUT}:{st.st_size}:{st.st_mtime_ns}"


def _summed_state(path: Path) -> str | None:
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, ValueError):
        return None
    value = meta.get(STATE)
    return value.decode() if value else None


def current(folder: Path | None = None) -> bool:
    """Both cubes exist and summed the events file as it is now."""
    want = state(folder)
    return all(_summed_state(p) == want for p in (store.cube_path(folder), store.actor_cube_path(folder)))


def base(t: ir.Table) -> ir.Table:
    """Events and deaths (best, persons) per month and KEYS, with each cell's first and last day."""
    return (t.group_by([t.date_start.truncate("M").name("month"), *KEYS])
            .aggregate(events=t.count(), deaths=t.deaths_best.sum(),
                       first=t.date_start.min(), last=t.date_start.max()))


def actor_sides(t: ir.Table) -> ir.Table:
    """One row per event and distinct named actor: `sides` is how many of the event's two sides name it (2
    when both do), so filtering on an actor counts each event once and ranking actors counts each side."""
    a1, a2 = t.actor_1, t.actor_2
    named1 = a1.notnull() & (a1 != "")
    named2 = a2.notnull() & (a2 != "")
    both = named1 & named2 & (a1 == a2)
    cols = [t.date_start, *(t[k] for k in KEYS), t.deaths_best]
    first = t.filter(named1).select(*cols, actor=a1, sides=ibis.ifelse(both, 2, 1))
    second = t.filter(named2 & ~(named1 & (a1 == a2))).select(*cols, actor=a2, sides=ibis.literal(1))
    return ibis.union(first, second, distinct=False)


def by_actor(t: ir.Table) -> ir.Table:
    """actor_sides summed per month, KEYS and actor."""
    x = actor_sides(t)
    return (x.group_by([x.date_start.truncate("M").name("month"), *KEYS, "actor"])
            .aggregate(events=x.count(), deaths=x.deaths_best.sum(), sides=x.sides.sum(),
                       side_deaths=(x.sides * x.deaths_best).sum()))


def build(con, events: ir.Table, folder: Path | None = None) -> None:
    """Writes both cubes of `events` (a table on `con`, an Ibis DuckDB backend), each to a temporary file
    swapped in, stamped with the events file's state taken before reading it."""
    stamp = state(folder).replace("'", "")
    for expr, path in ((base(events), store.cube_path(folder)), (by_actor(events), store.actor_cube_path(folder))):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            typed = ", ".join(f"CAST({n} AS {STORED[n]}) AS {n}" for n in expr.columns if n in STORED)
            con.raw_sql(f"COPY (SELECT * REPLACE ({typed}) FROM ({con.compile(expr.order_by(['month', *KEYS]))})) "
                        f"TO '{_sql_path(tmp)}' "
                        f"(FORMAT parquet, COMPRESSION zstd, KV_METADATA {{'{STATE.decode()}': '{stamp}'}})")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)


def build_files(folder: Path) -> None:
    """Both cubes of the store in `folder`, on a DuckDB connection of their own."""
    import duckdb

    con = ibis.duckdb.from_connection(duckdb.connect(config={"threads": 2, "memory_limit": "256MB"}))
    build(con, con.read_parquet(store.events_path(folder)), folder)


def rebuild(folder: Path | None = None) -> bool:
    """Builds both cubes in a child process, whose memory (≈ 100 MB at a million events) goes back to the system
    when it exits, where a long-running app server would keep it; says whether they are current now."""
    folder = store.events_dir(folder) if folder is None else folder
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # this process's afdash
    try:
        done = subprocess.run([sys.executable, "-m", "afdash.userevents.cube", str(folder)], env=env,
                              capture_output=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and current(folder)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _next_month(d: dt.date) -> dt.date:
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def split(start: dt.date | None, end: dt.date | None
          ) -> tuple[tuple[dt.date | None, dt.date | None] | None, list[tuple[dt.date | None, dt.date | None]]]:
    """The period [start, end] (None: open) as whole months [first, stop) the cube answers (None: no whole month)
    and the days left over at either end, as inclusive (from, to) ranges the events answer."""
    first = None if start is None else (start if start.day == 1 else _next_month(start))
    stop = None if end is None else (_next_month(end) if _next_month(end) - dt.timedelta(days=1) == end
                                     else _month_start(end))
    if first is not None and stop is not None and first >= stop:
        return None, [(start, end)]
    edges = []
    if start is not None and start < first:
        edges.append((start, first - dt.timedelta(days=1)))
    if end is not None and stop <= end:
        edges.append((stop, end))
    return (first, stop), edges


if __name__ == "__main__":  # python -m afdash.userevents.cube FOLDER (see rebuild)
    build_files(Path(sys.argv[1]))
