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
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow.csv as pacsv

from afdash.core.downloads import DANGEROUS_PREFIXES
from afdash.userevents import columns as C
from afdash.userevents import store
from afdash.userevents.filters import Filter
from afdash.userevents.store import BACKEND_ENV, version  # noqa: F401 (part of this module's API)

TABLE = "user_events"
THREADS = 2
MEMORY_LIMIT = "128MB"


def open_table(folder: Path | None = None) -> ir.Table | None:
    """The events table, or None when nothing has been imported."""
    url = os.environ.get(BACKEND_ENV)
    if url:
        return ibis.connect(url).table(TABLE)
    path = store.events_path(folder)
    if not path.is_file():
        return None
    con = ibis.duckdb.connect(threads=THREADS, memory_limit=MEMORY_LIMIT)
    # hand freed query memory back to the system soon (DuckDB's allocator keeps up to 128 MB by default)
    con.raw_sql("SET allocator_flush_threshold = '8MB'")
    return con.read_parquet(path, table_name=TABLE)


def apply(t: ir.Table, f: Filter) -> ir.Table:
    preds = []
    if f.start:
        preds.append(t.date_start >= f.start)
    if f.end:
        preds.append(t.date_start <= f.end)
    if f.sources:
        preds.append(t.source.isin(list(f.sources)))
    if f.types:
        preds.append(t.event_type.isin(list(f.types)))
    if f.countries:
        preds.append(t.country_iso3.isin(list(f.countries)))
    if f.province:
        preds.append(t.province_code == f.province)
    if f.actor:
        preds.append((t.actor_1 == f.actor) | (t.actor_2 == f.actor))
    return t.filter(*preds) if preds else t


def overview(t: ir.Table) -> pd.DataFrame:
    """Events and deaths by source, type and country, with first and last dates: the filters' options and
    the views' captions come from this one small table."""
    return (t.group_by(["source", "event_type", "country_iso3"])
            .aggregate(events=t.count(), deaths=t.deaths_best.sum(), first=t.date_start.min(),
                       last=t.date_start.max())
            .order_by(["source", "event_type", "country_iso3"]).to_pandas())


def monthly(t: ir.Table, f: Filter, grain: str = "M") -> pd.DataFrame:
    """Events and deaths (best estimate, persons) per calendar month and type of violence; with grain "Q" or "Y"
    per quarter or year instead (`month` is then the period's first day), so that a long span is a few hundred
    bars rather than thousands."""
    x = apply(t, f)
    x = x.mutate(month=x.date_start.truncate(grain))
    out = (x.group_by(["month", "event_type"]).aggregate(events=x.count(), deaths=x.deaths_best.sum())
           .order_by(["month", "event_type"]).to_pandas())
    out["month"] = pd.to_datetime(out["month"])
    out["deaths"] = out["deaths"].fillna(0).astype("int64")
    return out


def provinces(t: ir.Table, f: Filter) -> pd.DataFrame:
    """Events and deaths per Afghan province (ISO 3166-2:AF); events that could not be placed in a province
    are the row with an empty code."""
    x = apply(t, f)
    x = x.filter(x.country_iso3 == "AFG")
    out = (x.group_by("province_code").aggregate(events=x.count(), deaths=x.deaths_best.sum())
           .order_by("province_code").to_pandas())
    out["deaths"] = out["deaths"].fillna(0).astype("int64")
    return out


def actors(t: ir.Table, f: Filter, limit: int = 25) -> pd.DataFrame:
    """The actors named in most filtered events (either side), with those events' deaths."""
    x = apply(t, f)
    sides = [x.select(actor=x[col], deaths=x.deaths_best) for col in ("actor_1", "actor_2")]
    both = ibis.union(*sides, distinct=False)
    both = both.filter(both.actor.notnull() & (both.actor != ""))
    out = (both.group_by("actor").aggregate(events=both.count(), deaths=both.deaths.sum())
           .order_by([ibis.desc("events"), "actor"]).limit(limit).to_pandas())
    out["deaths"] = out["deaths"].fillna(0).astype("int64")
    return out


def count(t: ir.Table, f: Filter) -> int:
    return int(apply(t, f).count().to_pyarrow().as_py())


def rows(t: ir.Table, f: Filter) -> ir.Table:
    """The filtered events in the documented columns, in date order (for CSV downloads and exports)."""
    return apply(t, f).select(*C.NAMES).order_by(["date_start", "source", "source_id"])


def _spreadsheet_safe(x: ir.Table) -> ir.Table:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (as afdash.core.downloads
    does for the bundled tables), computed by the engine."""
    fixes = {}
    for name, dtype in x.schema().items():
        if dtype.is_string():
            col = x[name]
            fixes[name] = ibis.ifelse(col.substr(0, 1).isin(list(DANGEROUS_PREFIXES)), "'" + col, col)
    return x.mutate(**fixes)


def csv_bytes(t: ir.Table, f: Filter) -> bytes:
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
