"""The imported-events views' filter options, captions and download names, from query.overview's table."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from afdash.userevents import columns as C
from afdash.userevents.query import Filter


def options(overview: pd.DataFrame) -> dict:
    """What the filters offer: sources, types, countries present, and the date bounds."""
    first, last = pd.to_datetime(overview["first"]).min(), pd.to_datetime(overview["last"]).max()
    return {
        "sources": [s for s in C.SOURCES if s in set(overview["source"])],
        "types": sorted(overview["event_type"].unique()),
        "countries": sorted(c for c in overview["country_iso3"].unique() if c),
        "bounds": (first.date(), last.date()) if pd.notna(first) else (dt.date(1989, 1, 1), dt.date.today()),
        "events": int(overview["events"].sum()),
        "deaths": int(overview["deaths"].fillna(0).sum()),
    }


def describe(f: Filter, bounds: tuple[dt.date, dt.date]) -> str:
    """The filters in words, for captions and empty states."""
    parts = [f"{(f.start or bounds[0]):%Y-%m-%d} to {(f.end or bounds[1]):%Y-%m-%d}"]
    for label, values in (("sources", f.sources), ("types", f.types), ("countries", f.countries)):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if f.province:
        parts.append(f"province {f.province}")
    if f.actor:
        parts.append(f"actor {f.actor}")
    return "; ".join(parts)


def file_filters(f: Filter, bounds: tuple[dt.date, dt.date]) -> dict[str, object]:
    """The filters that differ from "everything", for the CSV's file name."""
    out: dict[str, object] = {}
    if (f.start and f.start > bounds[0]) or (f.end and f.end < bounds[1]):
        out["period"] = f"{(f.start or bounds[0]):%Y%m%d}-{(f.end or bounds[1]):%Y%m%d}"
    out |= {"source": f.sources, "type": f.types, "country": f.countries, "province": f.province or "",
            "actor": f.actor or ""}
    return out
