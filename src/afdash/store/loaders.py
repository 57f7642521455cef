"""Reading the built data package. Pure functions: the Streamlit layer (afdash.web.ui) only adds caching.

A clean file is read only if it matches the sha256 the build recorded and still has its dataset's shape
(columns, types, required values, keys, allowed values), so a corrupt or hand-edited file produces a clear
DataUnavailable error instead of wrong numbers. The build validates every cell with pandera; here the same
field specifications are checked with plain pandas, so the app never imports pandera (about a second and
13 MB per server process, for files the checksum already ties to a validated build).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from afdash.core.paths import data_dir, datapackage_path
from afdash.schema.dataset import Dataset
from afdash.schema.fields import LIST_SEP
from afdash.store import catalogue, package


class DataUnavailable(RuntimeError):
    """The bundled data is missing or damaged; the message says which file and what to do."""


REBUILD_HINT = "Restore it from version control or rebuild with `afdash build-data`."


def descriptor(base: Path | None = None) -> dict:
    """datapackage.json, after checking it has the shape the pages read (afdash.store.package)."""
    path = datapackage_path(base)
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataUnavailable(f"{path.name} is missing. {REBUILD_HINT}") from None
    except IsADirectoryError:
        raise DataUnavailable(f"{path.name} is a folder, not a file. {REBUILD_HINT}") from None
    except OSError as exc:
        raise DataUnavailable(f"{path.name} cannot be read ({exc.strerror or exc}). {REBUILD_HINT}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataUnavailable(f"{path.name} is not valid JSON ({exc}). {REBUILD_HINT}") from None
    problems = package.problems(desc)
    if problems:
        raise DataUnavailable(f"{path.name} is not a valid data package: {'; '.join(problems[:3])}. "
                              f"{REBUILD_HINT}")
    return desc


def resource(name: str, base: Path | None = None) -> dict:
    for r in descriptor(base)["resources"]:
        if r["name"] == name:
            return r
    raise DataUnavailable(f"datapackage.json has no resource {name!r}. {REBUILD_HINT}")


def _verified_bytes(name: str, base: Path | None) -> bytes:
    res = resource(name, base)
    root = (base or data_dir()).resolve()
    path = root / res["path"]
    where = f"data/{res['path']}"
    try:
        if not path.resolve().is_relative_to(root):  # a symbolic link out of the data folder
            raise DataUnavailable(f"{where} points outside the data folder. {REBUILD_HINT}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataUnavailable(f"{where} is missing. {REBUILD_HINT}") from None
    except IsADirectoryError:
        raise DataUnavailable(f"{where} is a folder, not a file. {REBUILD_HINT}") from None
    except OSError as exc:  # e.g. clean/ is a file, or the file is unreadable
        raise DataUnavailable(f"{where} cannot be read ({exc.strerror or exc}). {REBUILD_HINT}") from None
    if f"sha256:{hashlib.sha256(data).hexdigest()}" != res["hash"]:
        raise DataUnavailable(f"{where} is damaged (checksum differs from datapackage.json). "
                              f"{REBUILD_HINT}")
    return data


DTYPES = {
    "string": ("str", "string", "object"),
    "integer": ("Int64",),
    "number": ("float64",),
    "boolean": ("bool",),
    "date": ("datetime64[us]",),
}


def shape_problems(frame: pd.DataFrame, ds: Dataset) -> list[str]:
    """How a loaded table differs from its dataset's fields ([] if it conforms). Pure; no pandera."""
    names = [f.name for f in ds.fields]
    if list(frame.columns) != names:
        missing = [n for n in names if n not in frame.columns]
        extra = [c for c in frame.columns if c not in names]
        return [f"columns differ from the dataset's fields (missing: {missing or 'none'}, "
                f"unexpected: {extra or 'none'})"]
    problems = []
    for f in ds.fields:
        col = frame[f.name]
        if str(col.dtype) not in DTYPES[f.type]:
            problems.append(f"column {f.name!r} has type {col.dtype}, expected {f.type}")
            continue
        present = col.dropna()
        if f.required and len(present) < len(col):
            problems.append(f"column {f.name!r} has empty values")
        if f.unique and present.duplicated().any():
            problems.append(f"column {f.name!r} has duplicate values")
        if f.type == "string" and (f.enum is not None or f.pattern is not None):
            values = present.astype(str)
            items = values.str.split(re.escape(LIST_SEP), regex=True).explode() if f.is_list else values
            if f.enum is not None and not items.isin(list(f.enum)).all():
                problems.append(f"column {f.name!r} has values outside {list(f.enum)}")
            if f.pattern is not None and not values.str.fullmatch(f.pattern).all():
                problems.append(f"column {f.name!r} has values not matching {f.pattern!r}")
        if f.minimum is not None and (present < f.minimum).any():
            problems.append(f"column {f.name!r} has values below {f.minimum}")
        if f.type == "number" and not np.isfinite(present).all():
            problems.append(f"column {f.name!r} has values that are not finite")
        if f.type == "date" and not present.between(*(pd.Timestamp(d) for d in f.window)).all():
            problems.append(f"column {f.name!r} has dates outside {f.window[0]}..{f.window[1]}")
    for start, end in ds.spans:
        if (frame[end] < frame[start]).any():
            problems.append(f"column {end!r} has dates before {start!r}")
    if ds.key and frame.duplicated(subset=ds.key).any():
        problems.append(f"rows repeat the key {ds.key}")
    return problems


def load_table(name: str, base: Path | None = None) -> pd.DataFrame:
    ds = catalogue.get(name)
    data = _verified_bytes(name, base)
    try:
        frame = pd.read_parquet(io.BytesIO(data), engine="pyarrow")
        for f in ds.fields:  # stored as calendar dates and nullable numbers; the app works with these dtypes
            if f.name in frame.columns and f.type in ("date", "number"):
                frame[f.name] = (pd.to_datetime(frame[f.name]).astype("datetime64[us]") if f.type == "date"
                                 else frame[f.name].astype("float64"))
    except (OSError, ValueError, TypeError) as exc:
        raise DataUnavailable(f"data/{ds.path} cannot be read: {exc}. {REBUILD_HINT}") from None
    problems = shape_problems(frame, ds)
    if problems:
        raise DataUnavailable(f"data/{ds.path} does not match its schema: {'; '.join(problems[:3])}. "
                              f"{REBUILD_HINT}")
    return frame


def load_geo(name: str, base: Path | None = None) -> dict:
    ds = catalogue.get(name)
    try:
        fc = json.loads(_verified_bytes(name, base).decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataUnavailable(f"data/{ds.path} is not valid GeoJSON: {exc}. {REBUILD_HINT}") from None
    if not _feature_collection(fc, [f.name for f in ds.fields]):
        raise DataUnavailable(f"data/{ds.path} is not valid GeoJSON: not a FeatureCollection of features with "
                              f"a geometry and the properties {[f.name for f in ds.fields]}. {REBUILD_HINT}")
    return fc


def _feature_collection(fc: object, names: list[str]) -> bool:
    """The shape the maps read: features, each with a geometry object and the dataset's properties."""
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection" or not isinstance(fc.get("features"), list):
        return False
    return all(isinstance(f, dict) and isinstance(f.get("geometry"), dict)
               and isinstance(f.get("properties"), dict) and all(n in f["properties"] for n in names)
               for f in fc["features"])


def geo_properties(fc: dict) -> pd.DataFrame:
    """Feature properties as a table, for previews and downloads of a map layer."""
    return pd.DataFrame([f["properties"] for f in fc["features"]])
