"""Results of a page's derivations, shared by every session and bounded per function.

A page script is executed again on every rerun, so a cache decorator applied inside it is applied again too:
Streamlit's `st.cache_data` re-reads the function's source on each decoration (`inspect.getsource`) and
pickles a copy of the result on each hit, which together cost ~10 % of the server's CPU under the load test.
This table is the one cache behind `afdash.web.ui.cached`: a hit is a dictionary lookup, and the result is
shared, so callers treat it as read-only (tests/test_memo.py checks that no page mutates one).

When several sessions ask for the same missing result at once, one computes it and the others wait for it,
instead of all of them doing the same work on the same two cores.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()


class Memo:
    def __init__(self, per_function: int = 64):
        self.per_function = per_function
        self._tables: dict[Hashable, OrderedDict] = {}
        self._gates: dict[tuple, threading.Lock] = {}
        self._lock = threading.Lock()

    def _lookup(self, fn_key: Hashable, args: tuple) -> Any:
        table = self._tables.get(fn_key)
        if table is None or args not in table:
            return _MISSING
        table.move_to_end(args)
        return table[args]

    def get(self, fn_key: Hashable, args: tuple, compute: Callable[[], Any], limit: int | None = None) -> Any:
        """The stored result for (fn_key, args), else compute() stored under it, keeping the function's `limit`
        (default: per_function) most recent results. An exception is passed on and nothing is stored, so a
        failure (e.g. damaged data) is not remembered."""
        with self._lock:
            hit = self._lookup(fn_key, args)
            if hit is not _MISSING:
                return hit
            gate = self._gates.setdefault((fn_key, args), threading.Lock())
        with gate:
            with self._lock:
                hit = self._lookup(fn_key, args)
            if hit is not _MISSING:
                return hit
            try:
                value = compute()
                with self._lock:
                    table = self._tables.setdefault(fn_key, OrderedDict())
                    table[args] = value
                    while len(table) > (limit or self.per_function):
                        table.popitem(last=False)
            finally:
                with self._lock:
                    self._gates.pop((fn_key, args), None)
        return value

    def items(self) -> list[tuple[Hashable, tuple, Any]]:
        """Every stored (fn_key, args, result); for tests and diagnostics."""
        with self._lock:
            return [(k, a, v) for k, table in self._tables.items() for a, v in table.items()]

    def __len__(self) -> int:
        with self._lock:
            return sum(len(t) for t in self._tables.values())

    def clear(self) -> None:
        with self._lock:
            self._tables.clear()
