"""The full-text index: SQLite FTS5 (porter stemming over unicode61) over the search_documents table, ranked
with bm25 and returning highlighted snippets. The data build writes it to a file (afdash.search.index_file),
which the app opens read-only; built here in memory when that file is missing or damaged.

One Index per server process (the web layer caches it); SQLite connections are not shared across threads
by default, so queries take a lock around a connection opened with check_same_thread=False.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

import pandas as pd

from afdash.search import aliases as alias_mod

COLUMNS = ("title", "text", "figure", "printed", "tags", "numbers")
WEIGHTS = (6.0, 1.0, 2.0, 2.0, 1.5, 1.0)  # a word in the title says more about the row than one in the tags
TOKENIZER = "porter unicode61 remove_diacritics 2"
OPEN, CLOSE = "\x02", "\x03"  # highlight markers: control characters never present in the data
MAX_MATCHES = 2000


def fts5_available() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        con.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
        con.close()
        return True
    except sqlite3.OperationalError:
        return False


@dataclass(frozen=True)
class Match:
    row: int  # position in Index.docs
    score: float  # bm25: lower is better
    title: str  # highlighted with OPEN/CLOSE
    snippet: str
    figure: str


def fill(con: sqlite3.Connection, docs: pd.DataFrame) -> None:
    """Create the fts table in `con` and index every document, rowid = position in `docs` (0, 1, …)."""
    cols = ", ".join(COLUMNS)
    con.execute(f"CREATE VIRTUAL TABLE fts USING fts5({cols}, tokenize='{TOKENIZER}')")
    values = docs[list(COLUMNS)].astype(object).where(docs[list(COLUMNS)].notna(), "")
    con.executemany(
        f"INSERT INTO fts(rowid, {cols}) VALUES (?, {', '.join('?' for _ in COLUMNS)})",
        [(i, *map(str, row)) for i, row in enumerate(values.itertuples(index=False, name=None))],
    )
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")  # one b-tree per column: smaller, faster to query
    con.commit()


def in_memory(docs: pd.DataFrame) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:", check_same_thread=False)
    fill(con, docs)
    return con


class Index:
    def __init__(self, docs: pd.DataFrame, actors: pd.DataFrame, country_names: dict[str, str] | None = None,
                 con: sqlite3.Connection | None = None, notice: str = ""):
        """`con`: an open connection holding the fts table of these docs (the build's file); None builds one
        in memory. `notice`: why the file was not used, for the page to say."""
        self.docs = docs.reset_index(drop=True)
        self.aliases = alias_mod.build(actors)
        self.country_names = dict(country_names or {})
        self._lock = threading.Lock()
        self.derived: dict = {}  # per-index values other modules compute once (engine's facet values)
        self._con = con if con is not None else in_memory(self.docs)
        self.notice = notice

    def __len__(self) -> int:
        return len(self.docs)

    def match(self, expr: str, limit: int = MAX_MATCHES) -> list[Match]:
        """Rows matching an FTS5 expression, best first. The expression comes from search.query, which
        quotes every term; a malformed one still returns [] rather than raising."""
        if not expr:
            return []
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (f"SELECT rowid, bm25(fts, {weights}) AS score, highlight(fts, 0, ?, ?), "
               f"snippet(fts, 1, ?, ?, '…', 28), highlight(fts, 2, ?, ?) "
               f"FROM fts WHERE fts MATCH ? ORDER BY score, rowid LIMIT ?")
        args = (OPEN, CLOSE) * 3 + (expr, limit)
        try:
            with self._lock:
                rows = self._con.execute(sql, args).fetchall()
        except sqlite3.Error:
            return []
        return [Match(int(r[0]), float(r[1]), r[2], r[3], r[4]) for r in rows]

    def count(self, expr: str) -> int:
        if not expr:
            return 0
        try:
            with self._lock:
                return int(self._con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()[0])
        except sqlite3.Error:
            return 0
