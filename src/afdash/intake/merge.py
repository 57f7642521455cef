"""Merging newly read events into the store with DuckDB, written to a temporary file and swapped in.

An event is keyed by its source family and the source's own id (UCDP GED and candidate events share ids:
a GED release replaces the candidate record). Of two copies the higher-ranked source wins, then the later
revision (ACLED's timestamp), then the later import. An identical copy changes nothing, and an import that
changes nothing leaves the stored file as it is. Copies are ranked on their keys alone, so the window sorts
narrow rows; the wide rows are read once, when the new file is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from afdash.userevents import columns as C

TYPES = {"string": "VARCHAR", "date": "DATE", "number": "DOUBLE", "integer": "BIGINT"}
RANK_SQL = "CASE source " + " ".join(f"WHEN '{s}' THEN {r}" for s, r in C.SOURCE_RANK.items()) + " ELSE 0 END"
FAMILY_SQL = "CASE source WHEN 'acled' THEN 'acled' ELSE 'ucdp' END"
HASHED = ", ".join(C.NAMES)
STORED_COLS = ", ".join(C.STORED)


def _incoming_sql() -> str:
    cols = ", ".join(f"CAST({c.name} AS {TYPES[c.kind]}) AS {c.name}" for c in C.COLUMNS)
    return (f"SELECT {cols}, CAST({C.REVISION} AS BIGINT) AS {C.REVISION}, hash({HASHED}) AS {C.ROW_HASH}, "
            f"{FAMILY_SQL} AS family, file_order, file_row FROM incoming_raw")


def _keys_sql(events_file: Path) -> str:
    """Every copy's key and ranking fields: the stored table's (file_order -1) and the incoming ones."""
    incoming = f"SELECT family, source_id, {RANK_SQL} AS rank, {C.REVISION}, {C.ROW_HASH}, file_order, file_row " \
               "FROM incoming"
    if not events_file.exists():
        return incoming
    return (f"SELECT {FAMILY_SQL} AS family, source_id, {RANK_SQL} AS rank, {C.REVISION}, {C.ROW_HASH}, "
            f"-1 AS file_order, 0 AS file_row FROM read_parquet('{_sql_path(events_file)}') UNION ALL {incoming}")


OUTCOMES = """
    SELECT i.file_order, i.source_id,
           CASE WHEN w.file_order = i.file_order AND w.file_row = i.file_row
                    THEN CASE WHEN s.source_id IS NULL THEN 'inserted'
                              WHEN s.row_hash = i.row_hash THEN 'unchanged' ELSE 'replaced' END
                WHEN w.row_hash = i.row_hash THEN 'unchanged'
                ELSE 'kept_newer' END AS outcome
    FROM keys i
    JOIN keys w ON w.family = i.family AND w.source_id = i.source_id AND w.pick = 1
    LEFT JOIN keys s ON s.family = i.family AND s.source_id = i.source_id AND s.file_order = -1
    WHERE i.file_order >= 0"""


def merge(incoming: pd.DataFrame, events_file: Path, threads: int = 2) -> tuple[pd.DataFrame, int]:
    """Writes the merged table to events_file (atomically) and returns per-incoming-row outcomes
    (file_order, source_id, outcome: inserted | replaced | unchanged | kept_newer) and the stored row count."""
    con = duckdb.connect(config={"threads": threads, "preserve_insertion_order": False})
    con.execute("SET enable_progress_bar = false")
    con.register("incoming_raw", pa.Table.from_pandas(incoming, preserve_index=False))
    con.execute(f"CREATE TEMP TABLE incoming AS {_incoming_sql()}")
    con.execute(f"""CREATE TEMP TABLE keys AS SELECT *, row_number() OVER (PARTITION BY family, source_id
                    ORDER BY rank DESC, {C.REVISION} DESC, file_order DESC, file_row DESC) AS pick
                    FROM ({_keys_sql(events_file)})""")
    outcomes = con.execute(OUTCOMES).df()
    if events_file.exists() and not outcomes["outcome"].isin(["inserted", "replaced"]).any():
        count = con.execute("SELECT count(*) FROM keys WHERE file_order = -1").fetchone()[0]
        con.close()
        return outcomes, int(count)  # nothing new: the stored file is left as it is
    winners = "SELECT family, source_id, file_order, file_row FROM keys WHERE pick = 1"
    parts = [f"SELECT {STORED_COLS} FROM incoming SEMI JOIN ({winners}) w "
             "USING (family, source_id, file_order, file_row)"]
    if events_file.exists():
        parts.append(f"SELECT {STORED_COLS} FROM read_parquet('{_sql_path(events_file)}') p SEMI JOIN "
                     f"({winners} AND file_order = -1) w ON w.family = {FAMILY_SQL.replace('source', 'p.source')} "
                     "AND w.source_id = p.source_id")
    tmp = events_file.with_name(f".{events_file.name}.{os.getpid()}.tmp")
    try:
        con.execute(f"""COPY ({' UNION ALL '.join(parts)} ORDER BY date_start)
                        TO '{_sql_path(tmp)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 131072)""")
        count = con.execute(f"SELECT count(*) FROM read_parquet('{_sql_path(tmp)}')").fetchone()[0]
        con.close()
        os.replace(tmp, events_file)
    finally:
        tmp.unlink(missing_ok=True)
    return outcomes, int(count)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")
