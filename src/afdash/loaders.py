"""Reading the built data package. Pure functions: the Streamlit layer (afdash.ui) only adds caching.

A clean file is read only if it matches the sha256 the build recorded and passes its schema again,
so a corrupt or hand-edited file produces a clear DataUnavailable error instead of wrong numbers.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from afdash import catalogue
from afdash.fields import schema
from afdash.paths import data_dir, datapackage_path


class DataUnavailable(RuntimeError):
    """The bundled data is missing or damaged; the message says which file and what to do."""


REBUILD_HINT = "Restore it from version control or rebuild with `afdash build-data`."


def descriptor(base: Path | None = None) -> dict:
    path = datapackage_path(base)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataUnavailable(f"{path.name} is missing. {REBUILD_HINT}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataUnavailable(f"{path.name} is not valid JSON ({exc}). {REBUILD_HINT}") from None


def resource(name: str, base: Path | None = None) -> dict:
    for r in descriptor(base)["resources"]:
        if r["name"] == name:
            return r
    raise DataUnavailable(f"datapackage.json has no resource {name!r}. {REBUILD_HINT}")


def _verified_bytes(name: str, base: Path | None) -> bytes:
    res = resource(name, base)
    path = (base or data_dir()) / res["path"]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataUnavailable(f"data/{res['path']} is missing. {REBUILD_HINT}") from None
    if f"sha256:{hashlib.sha256(data).hexdigest()}" != res["hash"]:
        raise DataUnavailable(f"data/{res['path']} is damaged (checksum differs from datapackage.json). "
                              f"{REBUILD_HINT}")
    return data


def load_table(name: str, base: Path | None = None) -> pd.DataFrame:
    ds = catalogue.get(name)
    data = _verified_bytes(name, base)
    try:
        frame = pd.read_parquet(io.BytesIO(data), engine="pyarrow")
        return schema(ds.fields, ds.key or None).validate(frame)
    except (OSError, ValueError, pa.errors.SchemaError) as exc:
        raise DataUnavailable(f"data/{ds.path} cannot be read: {exc}. {REBUILD_HINT}") from None


def load_geo(name: str, base: Path | None = None) -> dict:
    ds = catalogue.get(name)
    try:
        return json.loads(_verified_bytes(name, base).decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataUnavailable(f"data/{ds.path} is not valid GeoJSON: {exc}. {REBUILD_HINT}") from None


def geo_properties(fc: dict) -> pd.DataFrame:
    """Feature properties as a table, for previews and downloads of a map layer."""
    return pd.DataFrame([f["properties"] for f in fc["features"]])
