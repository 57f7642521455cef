"""Where the user's imported events live: a folder of Parquet files outside the repository's data/.

AFDASH_EVENTS_DIR (or the CLI's --events-dir) overrides the default, XDG's data home
(~/.local/share/afdash/events). The folder holds:
  events.parquet   the normalised events table (afdash.userevents.columns), sorted by date
  cube.parquet, actor_cube.parquet  events and deaths summed per month, source, type, country, province (and
                   actor), rebuilt from events.parquet by each import (afdash.userevents.cube)
  imports.parquet  one row per imported file: name, sha256, format, rows read/accepted/rejected, when
  imports/<when>-<file>/  summary.json, rejects.csv and province disagreements of each import
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "AFDASH_EVENTS_DIR"
# An Ibis connection URL for a bigger deployment's engine (see afdash.userevents.query)
BACKEND_ENV = "AFDASH_EVENTS_BACKEND"
EVENTS = "events.parquet"
CUBE = "cube.parquet"
ACTOR_CUBE = "actor_cube.parquet"
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


def cube_path(folder: Path | None = None) -> Path:
    return (folder or events_dir()) / CUBE


def actor_cube_path(folder: Path | None = None) -> Path:
    return (folder or events_dir()) / ACTOR_CUBE


def imports_path(folder: Path | None = None) -> Path:
    return (folder or events_dir()) / IMPORTS


def has_events(folder: Path | None = None) -> bool:
    return events_path(folder).is_file()


def version(folder: Path | None = None) -> tuple[str, int] | None:
    """Names the stored table's current state (None: nothing imported), so caches keyed on it see a new import
    without a restart. A configured backend is taken as always present and never changing. Cheap: a stat, no
    engine."""
    url = os.environ.get(BACKEND_ENV)
    if url:
        return url, 0
    path = events_path(folder)
    try:
        return str(path), path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
