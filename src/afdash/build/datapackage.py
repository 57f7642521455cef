"""The Frictionless Data Package descriptor for data/clean/, generated from the catalogue so that
documentation, schemas and files cannot drift apart. Each resource carries its sha256, which the
loaders check: a clean file that was truncated or edited by hand is refused, not half-read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from afdash import __version__
from afdash.core.report import REPORT_CITATION, REPORT_URL
from afdash.store import vendor

if TYPE_CHECKING:
    from afdash.build.run import Built


def resource(b: Built, staged: Path) -> dict:
    ds = b.dataset
    path = staged / Path(ds.path).name
    res = {
        "name": ds.name,
        "path": ds.path,
        "title": ds.title,
        "description": ds.description,
        "profile": "tabular-data-resource" if ds.kind == "table" else "data-resource",
        "format": "parquet" if ds.kind == "table" else "geojson",
        "mediatype": "application/vnd.apache.parquet" if ds.kind == "table" else "application/geo+json",
        "hash": f"sha256:{vendor.sha256(path)}",
        "schema": {"fields": fields(ds)},
        "sources": ds.sources,
        "licenses": ds.licenses,
    }
    # Row counts only where a validator can check them: a GeoJSON layer counts features, not table rows, and
    # no size in bytes (a Parquet reader never sees the bytes; the sha256 pins the file anyway).
    res["rows" if ds.kind == "table" else "features"] = len(b.table)
    if ds.key:
        res["schema"]["primaryKey"] = ds.key
    if ds.notes:
        res["notes"] = ds.notes
    return res


def fields(ds) -> list[dict]:
    """Field descriptors; an end date also says it never comes before its start (the build refuses that)."""
    out = [f.descriptor() for f in ds.fields]
    ends = dict((end, start) for start, end in ds.spans)
    for d in out:
        if d["name"] in ends:
            d["description"] += f" Never before {ends[d['name']]}."
    return out


def descriptor(built: dict[str, Built], staged: Path) -> dict:
    return {
        "profile": "data-package",
        "name": "afdash",
        "title": "afdash: Afghanistan's security after the U.S. withdrawal, from RIAC–PKU IISS Report 80/2022",
        "version": __version__,
        "sources": [{"title": REPORT_CITATION, "path": REPORT_URL}],
        "resources": [resource(b, staged) for b in built.values()],
    }
