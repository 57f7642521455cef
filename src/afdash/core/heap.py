"""Keep full garbage collections cheap.

A full collection walks every container object in the process; pandas, pyarrow, altair and pydeck bring
well over 100,000 of them. Streamlit's own collection after every script run (`runner.postScriptGC`) is
switched off in .streamlit/config.toml (under the load test it was still ~16 % of the server's CPU, as the
page caches fill with objects), so what remains are Python's automatic generational collections. Objects
that exist once the app's modules are imported live as long as the process, so after a run that imported
new modules we collect once and move the survivors to the permanent generation (`gc.freeze()`); the
automatic full collections then walk only objects made since.

Reference counting still frees frozen objects that become unreachable; only cyclic garbage among objects
frozen at start-up would stay, and freezing happens only when the set of imported modules grows (a few
times per server process), so it cannot accumulate run after run. The load test checks that memory stays
flat.
"""

from __future__ import annotations

import functools
import gc
import sys

_modules_at_last_freeze = 0


def settle() -> bool:
    """Freeze the long-lived heap if modules were imported since the last freeze; True if it froze."""
    global _modules_at_last_freeze
    if len(sys.modules) <= _modules_at_last_freeze:
        return False
    gc.collect()
    gc.freeze()
    _modules_at_last_freeze = len(sys.modules)
    return True


_TRIM_EVERY_S = 10.0
_last_trim = 0.0


@functools.cache
def _libc():
    """glibc, found once: ctypes.util.find_library runs `ldconfig -p` in a subprocess on every call (it was
    ~5 % of the server's CPU when app.py looked it up on each run)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    lib = ctypes.CDLL(name) if name else None
    return lib if lib is not None and hasattr(lib, "malloc_trim") else None


def trim(now: float | None = None) -> bool:
    """Hand memory that Python has freed back to the operating system (glibc `malloc_trim`), at most every
    ten seconds. Each session's script runs on its own thread, and glibc keeps what those threads freed in
    per-thread arenas, so the server's RSS grows with the pages visited though little of it is live; a
    trim after a run returns it. True if it trimmed; a no-op where glibc is absent."""
    global _last_trim
    import time

    now = time.monotonic() if now is None else now
    if now - _last_trim < _TRIM_EVERY_S:
        return False
    _last_trim = now
    lib = _libc()
    if lib is None:
        return False
    lib.malloc_trim(0)
    return True


_M_ARENA_MAX = -8  # glibc's mallopt parameter number
_ARENAS = 2
_arenas_limited: bool | None = None


def limit_arenas() -> bool:
    """At most two glibc malloc arenas for the whole server. glibc gives threads their own arenas (up to eight
    per core) and each keeps its own free memory; Streamlit runs every session's script on a new thread, so
    memory freed by one run is not reused by the next. Two arenas suffice for one Python process (the GIL
    serialises allocation anyway). Done once per process (app.py calls it on every run); a no-op where glibc
    is absent."""
    global _arenas_limited
    if _arenas_limited is None:
        lib = _libc()
        _arenas_limited = bool(lib is not None and lib.mallopt(_M_ARENA_MAX, _ARENAS))
    return _arenas_limited
