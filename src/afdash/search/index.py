"""The full-text index: SQLite FTS5 (porter stemming over unicode61) in memory, built from the
search_documents table, ranked with bm25 and returning highlighted snippets.

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


class Index:
    def __init__(self, docs: pd.DataFrame, actors: pd.DataFrame, country_names: dict[str, str] | None = None):
        self.docs = docs.reset_index(drop=True)
        self.aliases = alias_mod.build(actors)
        self.country_names = dict(country_names or {})
        self._lock = threading.Lock()
        self.derived: dict = {}  # per-index values other modules compute once (engine's facet values)
        self._con = sqlite3.connect(":memory:", check_same_thread=False)
        cols = ", ".join(COLUMNS)
        self._con.execute(f"CREATE VIRTUAL TABLE fts USING fts5({cols}, tokenize='{TOKENIZER}')")
        values = self.docs[list(COLUMNS)].astype(object).where(self.docs[list(COLUMNS)].notna(), "")
        self._con.executemany(
            f"INSERT INTO fts(rowid, {cols}) VALUES (?, {', '.join('?' for _ in COLUMNS)})",
            [(i, *map(str, row)) for i, row in enumerate(values.itertuples(index=False, name=None))],
        )
        self._con.commit()

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
