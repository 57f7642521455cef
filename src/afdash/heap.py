"""Keep Streamlit's after-every-run garbage collection cheap.

Streamlit runs a full `gc.collect()` after each script run (config `runner.postScriptGC`), and a full
collection walks every container object in the process. pandas, pyarrow, altair and pydeck bring well over
100,000 of them, so that one call cost ~100 ms of CPU per page view on the project's 2-core machine —
more than the page itself. Objects that exist once the app's modules are imported live as long as the
process, so after a run that imported new modules we collect once and move the survivors to the
permanent generation (`gc.freeze()`). Later collections then only walk objects made since, which keeps
the per-run GC (and the memory protection it gives) at a few milliseconds.

Reference counting still frees frozen objects that become unreachable; only cyclic garbage among objects
frozen at start-up would stay, and freezing happens only when the set of imported modules grows (a few
times per server process), so it cannot accumulate run after run.
"""

from __future__ import annotations

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
