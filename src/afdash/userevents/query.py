"""Queries on the imported events, written with Ibis so the engine does the work.

Here the engine is DuckDB reading the store's Parquet file, limited to the machine's two cores and a
memory cap, and every result handed to pandas is an aggregate (months × types, provinces, actors), so the
app never holds the million rows. A bigger deployment points the same expressions at another engine by
setting AFDASH_EVENTS_BACKEND to an Ibis connection URL (e.g. a shared DuckDB file, PostgreSQL, Trino)
holding a table named `user_events` with the columns of afdash.userevents.columns.
"""

from __future__ import annotations

import codecs
import io
import os
import queue
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow.csv as pacsv

from afdash.core.downloads import DANGEROUS_PREFIXES
from afdash.userevents import columns as C
from afdash.userevents import cube, store
from afdash.userevents.filters import Filter
from afdash.userevents.store import BACKEND_ENV, version  # noqa: F401 (part of this module's API)

TABLE = "user_events"
CUBE, ACTOR_CUBE = "user_events_cube", "user_events_actor_cube"
THREADS = 2
MEMORY_LIMIT = "128MB"
CURSORS = 3  # queries that may run at once (sharing the database's THREADS and MEMORY_LIMIT)


@dataclass(frozen=True)
class Tables:
    """The events and, when the store has current ones, its pre-aggregated tables (afdash.userevents.cube)."""

    events: ir.Table
    cube: ir.Table | None = None
    actor_cube: ir.Table | None = None


def _database() -> duckdb.DuckDBPyConnection:
    db = duckdb.connect(config={"threads": THREADS, "memory_limit": MEMORY_LIMIT})
    # hand freed query memory back to the system soon (DuckDB's allocator keeps up to 128 MB by default)
    db.execute("SET allocator_flush_threshold = '8MB'")
    db.execute("SET enable_progress_bar = false")
    return db


def _register(db: duckdb.DuckDBPyConnection, folder: Path | None, aggregates: bool) -> bool:
    """Views on the store's files in the database's catalogue (seen by all its cursors); with `aggregates`,
    the cubes too, rebuilt first (in a child process) when missing or stale. Returns whether they are there."""
    _view(db, TABLE, store.events_path(folder))
    if not aggregates:
        return False
    if not cube.current(folder) and not cube.rebuild(folder):  # e.g. a read-only store: the events alone
        return False
    for name, path in ((CUBE, store.cube_path(folder)), (ACTOR_CUBE, store.actor_cube_path(folder))):
        _view(db, name, path)
    return True


def _view(db: duckdb.DuckDBPyConnection, name: str, path: Path) -> None:
    db.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{_sql_path(path)}')")


def _bind(backend, aggregates: bool) -> Tables:
    if not aggregates:
        return Tables(backend.table(TABLE))
    return Tables(backend.table(TABLE), backend.table(CUBE), backend.table(ACTOR_CUBE))


def open_table(folder: Path | None = None) -> ir.Table | None:
    """The events table, or None when nothing has been imported."""
    url = os.environ.get(BACKEND_ENV)
    if url:
        return ibis.connect(url).table(TABLE)
    if not store.events_path(folder).is_file():
        return None
    db = _database()
    _register(db, folder, aggregates=False)
    return _bind(ibis.duckdb.from_connection(db), False).events


def open_tables(folder: Path | None = None) -> Tables | None:
    """The events with their cubes (built if missing or stale), or None when nothing has been imported."""
    url = os.environ.get(BACKEND_ENV)
    if url:
        return Tables(ibis.connect(url).table(TABLE))
    if not store.events_path(folder).is_file():
        return None
    db = _database()
    return _bind(ibis.duckdb.from_connection(db), _register(db, folder, aggregates=True))


class Engine:
    """One DuckDB database on the store with a few cursors, so that sessions' queries run side by side rather
    than queue behind one connection; the database's thread and memory limits bound them all together."""

    def __init__(self, folder: Path | None = None, cursors: int = CURSORS):
        self._pool: queue.Queue[Tables] = queue.Queue()
        url = os.environ.get(BACKEND_ENV)
        if url:  # another engine: one connection, one query at a time
            self._pool.put(Tables(ibis.connect(url).table(TABLE)))
            return
        self._db = _database()
        aggregates = _register(self._db, folder, aggregates=True)
        for _ in range(cursors):
            self._pool.put(_bind(ibis.duckdb.from_connection(self._db.cursor()), aggregates))

    @contextmanager
    def tables(self) -> Iterator[Tables]:
        """A free cursor's tables for one query (waits while all are busy)."""
        got = self._pool.get()
        try:
            yield got
        finally:
            self._pool.put(got)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def _tables(src: ir.Table | Tables) -> Tables:
    return src if isinstance(src, Tables) else Tables(src)


def apply(t: ir.Table, f: Filter) -> ir.Table:
    preds = []
    if f.start:
        preds.append(t.date_start >= f.start)
    if f.end:
        preds.append(t.date_start <= f.end)
    return _keep(t, f, preds)


def _keep(t: ir.Table, f: Filter, preds: list | None = None, actor=None) -> ir.Table:
    """`t` (events or a cube) filtered on everything but the period; `actor`: how to filter on the actor
    (default: either side of an event)."""
    preds = list(preds or [])
    if f.sources:
        preds.append(t.source.isin(list(f.sources)))
    if f.types:
        preds.append(t.event_type.isin(list(f.types)))
    if f.countries:
        preds.append(t.country_iso3.isin(list(f.countries)))
    if f.province:
        preds.append(t.province_code == f.province)
    if f.actor:
        preds.append((t.actor_1 == f.actor) | (t.actor_2 == f.actor) if actor is None else actor == f.actor)
    return _where(t, preds)


def _where(t: ir.Table, *preds: list) -> ir.Table:
    flat = [p for group in preds for p in group]
    return t.filter(*flat) if flat else t


def _summed(src: ir.Table | Tables, f: Filter, ranking: bool = False) -> ir.Table | None:
    """The filtered events summed per month and cube keys, from a cube (afdash.userevents.cube), or None when
    no cube answers exactly: no cubes; a period that starts or ends inside a month (the date-sorted events
    answer that faster than a cube plus the partial months from the events); ranking actors within one actor's
    events. The actor cube serves an actor filter and rankings."""
    tables = _tables(src)
    by_actor = ranking or bool(f.actor)
    c = tables.actor_cube if by_actor else tables.cube
    months, partial = cube.split(f.start, f.end)
    if c is None or partial or (ranking and f.actor):
        return None
    first, stop = months
    x = _where(c, [c.month >= first] if first else [], [c.month < stop] if stop else [])
    return _keep(x, f, actor=x.actor if by_actor else None)


def overview(t: ir.Table | Tables) -> pd.DataFrame:
    """Events and deaths by source, type and country, with first and last dates: the filters' options and
    the views' captions come from this one small table."""
    c = _tables(t).cube
    if c is not None:
        agg = dict(events=c.events.sum(), deaths=c.deaths.sum(), first=c["first"].min(), last=c["last"].max())
    else:
        c = _tables(t).events
        agg = dict(events=c.count(), deaths=c.deaths_best.sum(), first=c.date_start.min(), last=c.date_start.max())
    return (c.group_by(["source", "event_type", "country_iso3"]).aggregate(**agg)
            .order_by(["source", "event_type", "country_iso3"]).to_pandas())


def monthly(t: ir.Table | Tables, f: Filter, grain: str = "M") -> pd.DataFrame:
    """Events and deaths (best estimate, persons) per calendar month and type of violence; with grain "Q" or "Y"
    per quarter or year instead (`month` is then the period's first day), so that a long span is a few hundred
    bars rather than thousands."""
    x = _summed(t, f)
    if x is not None:
        x = x.mutate(month=x.month.truncate(grain))
        agg = dict(events=x.events.sum(), deaths=x.deaths.sum())
    else:
        x = apply(_tables(t).events, f)
        x = x.mutate(month=x.date_start.truncate(grain))
        agg = dict(events=x.count(), deaths=x.deaths_best.sum())
    out = x.group_by(["month", "event_type"]).aggregate(**agg).order_by(["month", "event_type"]).to_pandas()
    out["month"] = pd.to_datetime(out["month"]).astype("datetime64[s]")  # one unit whichever table answered
    return _whole(out)


def _whole(out: pd.DataFrame) -> pd.DataFrame:
    out["events"] = out["events"].astype("int64")
    out["deaths"] = out["deaths"].fillna(0).astype("int64")
    return out


def provinces(t: ir.Table | Tables, f: Filter) -> pd.DataFrame:
    """Events and deaths per Afghan province (ISO 3166-2:AF); events that could not be placed in a province
    are the row with an empty code."""
    x = _summed(t, f)
    if x is not None:
        x = x.filter(x.country_iso3 == "AFG")
        agg = dict(events=x.events.sum(), deaths=x.deaths.sum())
    else:
        x = apply(_tables(t).events, f)
        x = x.filter(x.country_iso3 == "AFG")
        agg = dict(events=x.count(), deaths=x.deaths_best.sum())
    return _whole(x.group_by("province_code").aggregate(**agg).order_by("province_code").to_pandas())


def actors(t: ir.Table | Tables, f: Filter, limit: int = 25) -> pd.DataFrame:
    """The actors named in most filtered events (either side), with those events' deaths."""
    both = _summed(t, f, ranking=True)
    if both is not None:
        agg = dict(events=both.sides.sum(), deaths=both.side_deaths.sum())
    else:
        x = apply(_tables(t).events, f)
        sides = [x.select(actor=x[col], deaths=x.deaths_best) for col in ("actor_1", "actor_2")]
        both = ibis.union(*sides, distinct=False)
        both = both.filter(both.actor.notnull() & (both.actor != ""))
        agg = dict(events=both.count(), deaths=both.deaths.sum())
    out = (both.group_by("actor").aggregate(**agg)
           .order_by([ibis.desc("events"), "actor"]).limit(limit).to_pandas())
    return _whole(out)


def count(t: ir.Table | Tables, f: Filter) -> int:
    x = _summed(t, f)
    if x is None:
        return int(apply(_tables(t).events, f).count().to_pyarrow().as_py())
    return int(x.events.sum().to_pyarrow().as_py() or 0)


def rows(t: ir.Table | Tables, f: Filter) -> ir.Table:
    """The filtered events in the documented columns, in date order (for CSV downloads and exports)."""
    return apply(_tables(t).events, f).select(*C.NAMES).order_by(["date_start", "source", "source_id"])


def _spreadsheet_safe(x: ir.Table) -> ir.Table:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (as afdash.core.downloads
    does for the bundled tables), computed by the engine."""
    fixes = {}
    for name, dtype in x.schema().items():
        if dtype.is_string():
            col = x[name]
            fixes[name] = ibis.ifelse(col.substr(0, 1).isin(list(DANGEROUS_PREFIXES)), "'" + col, col)
    return x.mutate(**fixes)


def csv_bytes(t: ir.Table | Tables, f: Filter) -> bytes:
    """Exactly the filtered rows as CSV (UTF-8 with BOM, CRLF, like afdash's other downloads), streamed from
    the engine in record batches; called only when the user clicks the download button."""
    buf = io.BytesIO()
    buf.write(codecs.BOM_UTF8)
    reader = _spreadsheet_safe(rows(t, f)).to_pyarrow_batches(chunk_size=20_000)
    with pacsv.CSVWriter(buf, reader.schema, write_options=pacsv.WriteOptions(eol="\r\n")) as w:
        for batch in reader:
            w.write_batch(batch)
    return buf.getvalue()


def export_csv(out: Path, folder: Path | None = None, f: Filter | None = None) -> int:
    """The normalised table (all of it, or the rows `f` keeps) to a CSV file, written by the engine without
    passing through pandas; returns the number of rows written."""
    t = open_table(folder)
    if t is None:
        raise FileNotFoundError(f"no imported events in {store.events_dir(folder)}: run afdash import-events first")
    f = f or Filter()
    rows(t, f).to_csv(out)
    return count(t, f)
