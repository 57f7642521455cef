"""`afdash import-events`: read, check and normalise files, place events in provinces, merge into the store.

A file that cannot be read as a whole (unknown format, missing column, empty, not UTF-8, broken zip) stops
the whole import before anything is written; rows that fail their checks are left out and listed in a
rejects file next to the import's summary. The events file is replaced in one step (temp file, rename).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from afdash.intake import merge, provinces
from afdash.intake.formats import FormatError
from afdash.intake.normalise import normalise
from afdash.intake.read import Sheet, members, read_sheet
from afdash.userevents import store

EXAMPLES = 10  # ids shown in a summary for each kind of outcome


@dataclass
class FileSummary:
    file: str
    sha256: str
    format: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    kept_newer: int = 0
    warnings: int = 0
    province_disagreements: int = 0
    outside_provinces: int = 0
    replaced_ids: list[str] = field(default_factory=list)
    imported_at: str = ""


@dataclass
class ImportResult:
    store: str
    events_stored: int
    files: list[FileSummary]
    report_dir: str
    rejects_file: str
    first_rejects: list[dict]

    def as_dict(self) -> dict:
        return asdict(self)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def read_all(paths: list[Path], given: str | None) -> list[tuple[Path, Sheet]]:
    """Every table in every file, or FormatError for the first file that cannot be read."""
    return [(p, read_sheet(m, given)) for p in paths for m in members(p)]


def import_files(paths: list[Path], folder: Path | None = None, given: str | None = None,
                 data_base: Path | None = None) -> ImportResult:
    folder = store.events_dir(folder)
    sheets = read_all([Path(p) for p in paths], given)
    polygons = provinces.load_polygons(data_base)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    accepted, rejects, warnings, disagreements, summaries = [], [], [], [], []
    digests = {p: sha256(p) for p in {p for p, _ in sheets}}
    for order, (path, sheet) in enumerate(sheets):
        rows, bad, doubtful = normalise(sheet)
        placed = provinces.assign(rows, polygons)
        rows["province_code"] = placed.codes
        rows["file_order"], rows["file_row"] = order, range(len(rows))
        accepted.append(rows)
        rejects.append(bad)
        warnings.append(doubtful)
        disagreements.append(placed.disagreements.assign(file=sheet.name))
        summaries.append(FileSummary(sheet.name, digests[path], sheet.fmt.name, len(sheet.frame), len(rows),
                                     int(bad["row"].nunique()) if len(bad) else 0,
                                     warnings=len(doubtful), province_disagreements=len(placed.disagreements),
                                     outside_provinces=placed.outside, imported_at=now.isoformat()))
    folder.mkdir(parents=True, exist_ok=True)
    report_dir = _report_dir(folder, now, sheets[0][1].name)
    all_rejects = pd.concat(rejects, ignore_index=True)
    all_rejects.to_csv(report_dir / "rejects.csv", index=False)
    pd.concat(warnings, ignore_index=True).to_csv(report_dir / "warnings.csv", index=False)
    pd.concat(disagreements, ignore_index=True).to_csv(report_dir / "province_disagreements.csv", index=False)
    outcomes, stored = merge.merge(pd.concat(accepted, ignore_index=True), store.events_path(folder))
    _aggregate(folder)
    _count(outcomes, summaries)
    _log(folder, summaries)
    result = ImportResult(str(folder), stored, summaries, str(report_dir), str(report_dir / "rejects.csv"),
                          all_rejects.head(EXAMPLES).astype(str).to_dict("records"))
    (report_dir / "summary.json").write_text(json.dumps(result.as_dict(), indent=2, ensure_ascii=False), "utf-8")
    return result


def _aggregate(folder: Path) -> None:
    """The store's pre-aggregated tables, rebuilt when the events changed (or were never summed)."""
    from afdash.userevents import cube  # Ibis: loaded only once there is something to sum

    if not cube.current(folder):
        cube.build_files(folder)


def _report_dir(folder: Path, now: dt.datetime, first: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", first)[:60]
    base = folder / store.REPORTS / f"{now:%Y%m%dT%H%M%SZ}-{slug}"
    out, n = base, 1
    while out.exists():
        n += 1
        out = base.with_name(f"{base.name}-{n}")
    out.mkdir(parents=True)
    return out


def _count(outcomes: pd.DataFrame, summaries: list[FileSummary]) -> None:
    for order, s in enumerate(summaries):
        mine = outcomes[outcomes["file_order"] == order]
        counts = mine["outcome"].value_counts()
        s.inserted, s.replaced = int(counts.get("inserted", 0)), int(counts.get("replaced", 0))
        s.unchanged, s.kept_newer = int(counts.get("unchanged", 0)), int(counts.get("kept_newer", 0))
        s.replaced_ids = sorted(mine.loc[mine["outcome"] == "replaced", "source_id"].astype(str))[:EXAMPLES]


def _log(folder: Path, summaries: list[FileSummary]) -> None:
    """Appends one row per file to imports.parquet (small: one row per import), swapped in atomically."""
    cols = ["file", "sha256", "format", "rows_read", "rows_accepted", "rows_rejected", "inserted", "replaced",
            "unchanged", "kept_newer", "warnings", "province_disagreements", "outside_provinces", "imported_at"]
    new = pd.DataFrame([{c: getattr(s, c) for c in cols} for s in summaries])
    path = store.imports_path(folder)
    log = pd.concat([pd.read_parquet(path), new], ignore_index=True) if path.exists() else new
    tmp = path.with_name(f".{path.name}.tmp")
    log.to_parquet(tmp, index=False)
    tmp.replace(path)


__all__ = ["FormatError", "ImportResult", "import_files"]
