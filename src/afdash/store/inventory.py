"""Tables describing the data package itself, for the Data & sources page."""

from __future__ import annotations

import pandas as pd


def overview(descriptor: dict) -> pd.DataFrame:
    rows = []
    for r in descriptor["resources"]:
        rows.append(
            {
                "dataset": r["name"],
                "title": r["title"],
                "rows": r["rows"],
                "format": r["format"],
                "size_kb": round(r["bytes"] / 1024, 1),
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
