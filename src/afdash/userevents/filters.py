"""The imported-events views' filters: what they hold (Filter), what they offer (from query.overview's table),
and how captions and download names say them. No engine here, so a page can hold a Filter before (or without)
starting one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from afdash.userevents import columns as C


@dataclass(frozen=True)
class Filter:
    """The filters of the imported-events views; empty tuples and None mean "all"."""

    start: dt.date | None = None
    end: dt.date | None = None
    sources: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-3
    province: str | None = None  # ISO 3166-2:AF
    actor: str | None = None

    def without_province(self) -> Filter:
        return Filter(self.start, self.end, self.sources, self.types, self.countries, None, self.actor)


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
