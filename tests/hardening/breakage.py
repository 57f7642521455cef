"""Ways to break a built copy of data/ that are valid on the surface: JSON of the wrong shape, a folder where a
file belongs (and the reverse), a path leaving data/, clean files with impossible values whose checksum was
recorded too. Each breaker edits the copy in place and returns the words the error must contain."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd


def _dp(data: Path) -> Path:
    return data / "datapackage.json"


def _edit(data: Path, fn: Callable[[dict], object]) -> None:
    desc = json.loads(_dp(data).read_text(encoding="utf-8"))
    _dp(data).write_text(json.dumps(fn(desc)), encoding="utf-8")


def _each_resource(fn: Callable[[dict], object]) -> Callable[[dict], dict]:
    def edit(desc: dict) -> dict:
        desc["resources"] = [fn(r) for r in desc["resources"]]
        return desc
    return edit


def _without(key: str) -> Callable[[dict], dict]:
    return lambda r: {k: v for k, v in r.items() if k != key}


def _rehash(data: Path, name: str) -> None:
    """Record the clean file's current checksum, as a careless hand edit with a rebuilt descriptor would."""
    def fix(r: dict) -> dict:
        if r["name"] == name:
            r["hash"] = "sha256:" + hashlib.sha256((data / r["path"]).read_bytes()).hexdigest()
        return r
    _edit(data, _each_resource(fix))


def _rewrite_table(data: Path, name: str, change: Callable[[pd.DataFrame], None]) -> None:
    path = data / "clean" / f"{name}.parquet"
    frame = pd.read_parquet(path)
    change(frame)
    frame.to_parquet(path, index=False)
    _rehash(data, name)


def _set(column: str, value, where: Callable[[pd.DataFrame], pd.Series] | None = None):
    def change(frame: pd.DataFrame) -> None:
        rows = frame.index[where(frame)] if where is not None else frame.index
        frame.loc[rows[0], column] = value
    return change


def package_a_list(data: Path) -> str:
    _dp(data).write_text("[]", encoding="utf-8")
    return "not a valid data package"


def resources_not_a_list(data: Path) -> str:
    _edit(data, lambda d: {**d, "resources": {"events": {}}})
    return "not a valid data package"


def resource_not_an_object(data: Path) -> str:
    _edit(data, _each_resource(lambda r: r["name"]))
    return "not a valid data package"


def resource_without_hash(data: Path) -> str:
    _edit(data, _each_resource(_without("hash")))
    return "not a valid data package"


def resource_without_path(data: Path) -> str:
    _edit(data, _each_resource(_without("path")))
    return "not a valid data package"


def hash_not_text(data: Path) -> str:
    _edit(data, _each_resource(lambda r: {**r, "hash": 12345}))
    return "not a valid data package"


def format_swapped(data: Path) -> str:
    _edit(data, _each_resource(lambda r: {**r, "format": {"parquet": "geojson", "geojson": "parquet"}[r["format"]]}))
    return "not a valid data package"


def path_leaves_data(data: Path) -> str:
    """Every resource read from a faithful copy outside data/: nothing is damaged, but the package points out."""
    outside = data.parent / "outside"
    shutil.copytree(data / "clean", outside)
    _edit(data, _each_resource(lambda r: {**r, "path": "../outside/" + Path(r["path"]).name}))
    return "leaves data/"


def links_leave_data(data: Path) -> str:
    """Every clean file a symbolic link to a faithful copy outside data/ (the recorded paths are unchanged)."""
    outside = data.parent / "outside"
    shutil.copytree(data / "clean", outside)
    for path in sorted((data / "clean").iterdir()):
        path.unlink()
        path.symlink_to(outside / path.name)
    return "points outside the data folder"


def datapackage_a_folder(data: Path) -> str:
    _dp(data).unlink()
    _dp(data).mkdir()
    return "is a folder"


def clean_folder_a_file(data: Path) -> str:
    shutil.rmtree(data / "clean")
    (data / "clean").write_text("not a folder", encoding="utf-8")
    return "cannot be read"


def clean_files_folders(data: Path) -> str:
    for path in sorted((data / "clean").iterdir()):
        path.unlink()
        path.mkdir()
    return "is a folder"


def geojson_wrong_shape(data: Path) -> str:
    for path in sorted((data / "clean").glob("*.geojson")):
        path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', encoding="utf-8")
        _rehash(data, path.stem)
    return "not valid GeoJSON"


def numbers_not_finite(data: Path) -> str:
    _rewrite_table(data, "key_figures", _set("value", np.inf, lambda f: f["value"].notna()))
    return "not finite"


def dates_out_of_window(data: Path) -> str:
    _rewrite_table(data, "events", _set("date_start", date(9999, 12, 31)))
    _rewrite_table(data, "civilian_casualties", _set("period_start", date(1900, 1, 1)))
    return "dates outside"


def ends_before_starts(data: Path) -> str:
    for name, start, end in (("events", "date_start", "date_end"),
                             ("civilian_casualties", "period_start", "period_end"),
                             ("key_figures", "period_start", "period_end")):
        def change(frame: pd.DataFrame, start=start, end=end) -> None:
            i = frame.index[frame[start].notna()][0]
            frame.loc[i, end] = frame.loc[i, start] - timedelta(days=30)  # stored as calendar dates
        _rewrite_table(data, name, change)
    return "before"


# Breakages that leave no page able to read its data
WHOLE_PACKAGE = [package_a_list, resources_not_a_list, resource_not_an_object, resource_without_hash,
                 resource_without_path, hash_not_text, format_swapped, path_leaves_data, links_leave_data,
                 datapackage_a_folder,
                 clean_folder_a_file, clean_files_folders]
# Breakages of some datasets only: (breaker, the datasets it breaks)
SOME_DATASETS = [
    (geojson_wrong_shape, ("provinces", "countries")),
    (numbers_not_finite, ("key_figures",)),
    (dates_out_of_window, ("events", "civilian_casualties")),
    (ends_before_starts, ("events", "civilian_casualties", "key_figures")),
]
