"""Where the user's imported events live: a folder of Parquet files outside the repository's data/.

AFDASH_EVENTS_DIR (or the CLI's --events-dir) overrides the default, XDG's data home
(~/.local/share/afdash/events). The folder holds:
  events.parquet   the normalised events table (afdash.userevents.columns), sorted by date
  imports.parquet  one row per imported file: name, sha256, format, rows read/accepted/rejected, when
  imports/<when>-<file>/  summary.json, rejects.csv and province disagreements of each import
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "AFDASH_EVENTS_DIR"
EVENTS = "events.parquet"
IMPORTS = "imports.parquet"
REPORTS = "imports"


def events_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser().resolve()
    home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(home) / "afdash" / "events"


def events_path(folder: Path | None = None) -> Path:
    return (folder or events_dir()) / EVENTS


def imports_path(folder: Path | None = None) -> Path:
    return (folder or events_dir()) / IMPORTS


def has_events(folder: Path | None = None) -> bool:
    return events_path(folder).is_file()
