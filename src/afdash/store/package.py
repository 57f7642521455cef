"""The shape of data/datapackage.json as afdash reads it.

The file is written by the build, but it is a plain JSON file a person can edit, truncate or replace. Valid
JSON of the wrong shape (a list, a resource without a hash, a path leaving data/) must give the clear error
page, not a KeyError in a page: the loaders refuse any package for which `problems` returns something.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from afdash.store import catalogue

HASH = re.compile(r"sha256:[0-9a-f]{64}")
FORMATS = {"table": "parquet", "geo": "geojson"}
# resource key -> type the pages rely on (the Data & sources page shows all of these)
RESOURCE_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str, "path": str, "hash": str, "format": str, "title": str, "description": str,
    "licenses": list, "schema": dict,
}
COUNTS = {"table": "rows", "geo": "features"}  # how many a resource holds, by kind
FIELD_KEYS = ("name", "type", "description")


def problems(desc: object) -> list[str]:
    """What is wrong with a parsed datapackage.json ([] if afdash can read it)."""
    if not isinstance(desc, dict):
        return [f"expected a JSON object, found {type(desc).__name__}"]
    resources = desc.get("resources")
    if not isinstance(resources, list):
        return ["\"resources\" is missing or not a list"]
    out: list[str] = []
    seen: set[str] = set()
    for i, r in enumerate(resources, start=1):
        out += [f"resource {i}: {p}" for p in resource_problems(r)]
        if isinstance(r, dict) and isinstance(r.get("name"), str):
            if r["name"] in seen:
                out.append(f"resource {i}: name {r['name']!r} appears twice")
            seen.add(r["name"])
    return out


def resource_problems(r: object) -> list[str]:
    if not isinstance(r, dict):
        return ["not an object"]
    bad = [k for k, t in RESOURCE_KEYS.items() if not isinstance(r.get(k), t) or isinstance(r.get(k), bool)]
    if bad:
        return [f"{k!r} is missing or not a {_type_name(RESOURCE_KEYS[k])}" for k in bad]
    out = []
    ds = next((d for d in catalogue.DATASETS if d.name == r["name"]), None)
    path = PurePosixPath(r["path"])
    if path.is_absolute() or ".." in path.parts or "\\" in r["path"]:
        out.append(f"path {r['path']!r} leaves data/")
    elif ds is None:
        out.append(f"{r['name']!r} is not one of afdash's datasets")
    elif r["path"] != ds.path:
        out.append(f"path {r['path']!r} is not {ds.path!r}")
    if ds is not None and r["format"] != FORMATS[ds.kind]:
        out.append(f"format {r['format']!r} is not {FORMATS[ds.kind]!r}")
    if not HASH.fullmatch(r["hash"]):
        out.append("hash is not sha256:<64 hex digits>")
    if ds is not None:
        n = r.get(COUNTS[ds.kind])
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            out.append(f"{COUNTS[ds.kind]!r} is missing or not a whole number")
    if not all(isinstance(lic, dict) and isinstance(lic.get("name"), str)
               and isinstance(lic.get("title", ""), str) for lic in r["licenses"]):
        out.append("a licence lacks its name")
    fields = r["schema"].get("fields")
    if not isinstance(fields, list) or not all(
            isinstance(f, dict) and all(isinstance(f.get(k), str) for k in FIELD_KEYS)
            and isinstance(f.get("constraints", {}), dict) and isinstance(f.get("unit", ""), str)
            for f in fields):
        out.append("schema fields lack a name, type or description")
    if not isinstance(r.get("notes", ""), str):
        out.append("notes are not text")
    return out


def _type_name(t: type | tuple[type, ...]) -> str:
    return {str: "text", int: "whole number", list: "list", dict: "object"}.get(t, str(t))
