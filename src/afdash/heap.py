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
