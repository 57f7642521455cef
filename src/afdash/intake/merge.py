"""Merging newly read events into the store with DuckDB, written to a temporary file and swapped in.

An event is keyed by its source family and the source's own id (UCDP GED and candidate events share ids:
a GED release replaces the candidate record). Of two copies the higher-ranked source wins, then the later
revision (ACLED's timestamp), then the later import. An identical copy changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from afdash.userevents import columns as C

TYPES = {"string": "VARCHAR", "date": "DATE", "number": "DOUBLE", "integer": "BIGINT"}
FAMILY_SQL = "CASE source WHEN 'acled' THEN 'acled' ELSE 'ucdp' END"
RANK_SQL = "CASE source " + " ".join(f"WHEN '{s}' THEN {r}" for s, r in C.SOURCE_RANK.items()) + " ELSE 0 END"
HASHED = ", ".join(C.NAMES)


def _select_incoming() -> str:
    cols = ", ".join(f"CAST({c.name} AS {TYPES[c.kind]}) AS {c.name}" for c in C.COLUMNS)
    return (f"SELECT {cols}, CAST({C.REVISION} AS BIGINT) AS {C.REVISION}, hash({HASHED}) AS {C.ROW_HASH}, "
            f"file_order, file_row FROM incoming_raw")


def merge(incoming: pd.DataFrame, events_file: Path, threads: int = 2) -> tuple[pd.DataFrame, int]:
    """Writes the merged table to events_file (atomically) and returns per-incoming-row outcomes
    (file_order, source_id, outcome: inserted | replaced | unchanged | kept_newer) and the stored row count."""
    con = duckdb.connect(config={"threads": threads, "preserve_insertion_order": False})
    con.register("incoming_raw", pa.Table.from_pandas(incoming, preserve_index=False))
    con.execute(f"CREATE TEMP TABLE incoming AS {_select_incoming()}")
    stored_cols = ", ".join(C.STORED)
    if events_file.exists():
        con.execute(f"CREATE TEMP VIEW stored AS SELECT {stored_cols}, -1 AS file_order, 0 AS file_row "
                    f"FROM read_parquet('{_sql_path(events_file)}')")
    else:
        con.execute(f"CREATE TEMP TABLE stored AS SELECT {stored_cols}, -1 AS file_order, 0 AS file_row "
                    f"FROM incoming WHERE false")
    con.execute(f"""
        CREATE TEMP TABLE ranked AS
        SELECT *, {FAMILY_SQL} AS family,
               row_number() OVER (PARTITION BY {FAMILY_SQL}, source_id
                                  ORDER BY {RANK_SQL} DESC, {C.REVISION} DESC, file_order DESC, file_row DESC) AS pick
        FROM (SELECT * FROM stored UNION ALL BY NAME SELECT * FROM incoming)""")
    outcomes = con.execute(f"""
        SELECT i.file_order, i.source_id,
               CASE WHEN s.source_id IS NULL AND w.file_order = i.file_order AND w.file_row = i.file_row
                        THEN 'inserted'
                    WHEN w.file_order = i.file_order AND w.file_row = i.file_row AND s.{C.ROW_HASH} = i.{C.ROW_HASH}
                        THEN 'unchanged'
                    WHEN w.file_order = i.file_order AND w.file_row = i.file_row THEN 'replaced'
                    WHEN w.{C.ROW_HASH} = i.{C.ROW_HASH} THEN 'unchanged'
                    ELSE 'kept_newer' END AS outcome
        FROM incoming i
        LEFT JOIN (SELECT * FROM ranked WHERE file_order = -1) s
               ON s.family = {FAMILY_SQL.replace('source', 'i.source')} AND s.source_id = i.source_id
        JOIN (SELECT * FROM ranked WHERE pick = 1) w
               ON w.family = {FAMILY_SQL.replace('source', 'i.source')} AND w.source_id = i.source_id""").df()
    if events_file.exists() and not outcomes["outcome"].isin(["inserted", "replaced"]).any():
        count = con.execute("SELECT count(*) FROM stored").fetchone()[0]
        con.close()
        return outcomes, int(count)  # nothing new: the stored file is left as it is
    tmp = events_file.with_name(f".{events_file.name}.{os.getpid()}.tmp")
    try:
        con.execute(f"""COPY (SELECT {stored_cols} FROM ranked WHERE pick = 1 ORDER BY date_start, source, source_id)
                        TO '{_sql_path(tmp)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 131072)""")
        count = con.execute(f"SELECT count(*) FROM read_parquet('{_sql_path(tmp)}')").fetchone()[0]
        con.close()
        os.replace(tmp, events_file)
    finally:
        tmp.unlink(missing_ok=True)
    return outcomes, int(count)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")
