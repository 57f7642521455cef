"""The search index as the data build writes it: data/index/search.sqlite (the FTS5 table of
afdash.search.index) and data/index/search.json (what it was made from). The app opens the file read-only
instead of indexing every document on the first search of each server process; when the file is missing,
stale or damaged it says so and the index is built in memory (afdash.search.index.in_memory).

The bytes are reproducible with one SQLite version: the same documents inserted in the same order, then
optimised, into an in-memory database that is serialised whole. SQLite writes its version into the file
header, so another version gives other bytes for the same index; the manifest records the version and the
documents' hash, and the tests compare the index's contents when the versions differ.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd

from afdash.search.index import COLUMNS, TOKENIZER, fill

FILE = "search.sqlite"
MANIFEST = "search.json"
REBUILD = "Rebuild it with `afdash build-data`."


class IndexFileError(Exception):
    """The index file cannot be used; the message says why, for the Search page."""


def manifest(docs_hash: str, rows: int) -> dict:
    return {"file": FILE, "source": "clean/search_documents.parquet", "source_hash": docs_hash, "rows": rows,
            "columns": list(COLUMNS), "tokenizer": TOKENIZER, "sqlite_version": sqlite3.sqlite_version}


def write(docs: pd.DataFrame, docs_hash: str, folder: Path) -> None:
    """Write search.sqlite and search.json into `folder` (created). `docs_hash`: datapackage.json's hash of
    search_documents, which the app checks the file against."""
    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(":memory:")
    try:
        fill(con, docs.reset_index(drop=True))
        con.execute("VACUUM")
        data = con.serialize()
    finally:
        con.close()
    (folder / FILE).write_bytes(data)
    text = json.dumps(manifest(docs_hash, len(docs)), indent=2) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def open_read_only(folder: Path, docs_hash: str, rows: int) -> sqlite3.Connection:
    """The build's index, opened read-only, after checking it was made from these documents (same hash and
    row count, same columns and tokenizer) and that SQLite can read it; IndexFileError otherwise."""
    path, meta_path = folder / FILE, folder / MANIFEST
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexFileError(f"data/index/{MANIFEST} is missing. {REBUILD}") from None
    except (OSError, ValueError) as exc:
        raise IndexFileError(f"data/index/{MANIFEST} cannot be read ({exc}). {REBUILD}") from None
    expected = {"source_hash": docs_hash, "rows": rows, "columns": list(COLUMNS), "tokenizer": TOKENIZER}
    if not isinstance(meta, dict) or any(meta.get(k) != v for k, v in expected.items()):
        raise IndexFileError(f"data/index/{FILE} was built from other documents than "
                             f"data/clean/search_documents.parquet. {REBUILD}")
    if not path.is_file():
        raise IndexFileError(f"data/index/{FILE} is missing. {REBUILD}")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        n = con.execute("SELECT count(*) FROM fts").fetchone()[0]
        con.execute("SELECT rowid FROM fts WHERE fts MATCH 'a*' LIMIT 1").fetchall()  # reads the index itself
    except sqlite3.Error as exc:
        raise IndexFileError(f"data/index/{FILE} is damaged ({exc}). {REBUILD}") from None
    if n != rows:
        con.close()
        raise IndexFileError(f"data/index/{FILE} holds {n} documents, not {rows}. {REBUILD}")
    return con
