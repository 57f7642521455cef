"""Tables describing the data package itself, for the Data & sources page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def count(resource: dict) -> int:
    """Rows of a table, features of a map layer."""
    return resource.get("rows", resource.get("features", 0))


def size_bytes(resource: dict, base: Path) -> int:
    """The file's size on disk (the descriptor pins the content by sha256, not by size)."""
    path = base / resource["path"]
    return path.stat().st_size if path.is_file() else 0


def overview(descriptor: dict, base: Path) -> pd.DataFrame:
    rows = []
    for r in descriptor["resources"]:
        rows.append(
            {
                "dataset": r["name"],
                "title": r["title"],
                "rows": count(r),
                "format": r["format"],
                "size_kb": round(size_bytes(r, base) / 1024, 1),
                "licence": "; ".join(lic.get("title", lic["name"]) for lic in r["licenses"]),
            }
        )
    return pd.DataFrame(rows)


def fields(resource: dict) -> pd.DataFrame:
    out = []
    for f in resource["schema"]["fields"]:
        out.append(
            {
                "field": f["name"],
                "type": f["type"],
                "unit": f.get("unit", ""),
                "required": f.get("constraints", {}).get("required", False),
                "description": f["description"],
            }
        )
    return pd.DataFrame(out)


def third_party(manifest: list[dict]) -> pd.DataFrame:
    cols = ["path", "package", "version", "file", "sha256", "package_licence", "data_licence", "upstream"]
    return pd.DataFrame(manifest)[cols]
