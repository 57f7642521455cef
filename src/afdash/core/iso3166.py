"""Country names from the ISO 3166-1 table that ships with the pycountry package, read as plain JSON.

The running app needs a display name for the few member states the report does not name itself.
Importing pycountry for that costs ~8 MB of server memory for the life of the process (its package
metadata machinery); the table it would read is a 50 kB JSON file, so the app reads that file directly,
once. The build keeps using pycountry's API.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

DATABASE = "databases/iso3166-1.json"


def _database_path() -> Path:
    spec = importlib.util.find_spec("pycountry")  # locates the package without executing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycountry is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / DATABASE


@functools.cache
def names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → the common name where ISO gives one (e.g. "Iran"), else the short name."""
    rows = json.loads(_database_path().read_text("utf-8"))["3166-1"]
    return {r["alpha_3"]: r.get("common_name") or r["name"] for r in rows}
