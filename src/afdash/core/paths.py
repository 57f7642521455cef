"""Where the project's files live.

`AFDASH_DATA_DIR` lets tests and the build point the whole app at another data folder, so a
broken or half-built copy can be exercised without touching the committed data.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    override = os.environ.get("AFDASH_DATA_DIR")
    return Path(override).resolve() if override else PROJECT_ROOT / "data"


def sources_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "sources"


def vendor_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "vendor"


def clean_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "clean"


def index_dir(base: Path | None = None) -> Path:
    """Indexes the build derives from data/clean for the app (the search index)."""
    return (base or data_dir()) / "index"


def datapackage_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / "datapackage.json"


def report_text_path() -> Path:
    """The report's text lives beside the project (shared/), not in it: users' machines lack it."""
    return PROJECT_ROOT.parent / "shared" / "seed" / "000_487983c2867b452d.txt"
