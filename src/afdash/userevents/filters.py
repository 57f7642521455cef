"""The imported-events views' filters: what they hold (Filter), what they offer (from query.overview's table),
and how captions and download names say them. No engine here, so a page can hold a Filter before (or without)
starting one."""

from __future__ import annotations

import datetime as dt
import shlex
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


def cli_args(f: Filter) -> list[str]:
    """The filter as `afdash export-events` options (the inverse of from_cli), so a page can give the exact
    command that writes the filtered rows when they are too many for a browser download."""
    out: list[str] = []
    if f.start:
        out += ["--from", f"{f.start:%Y-%m-%d}"]
    if f.end:
        out += ["--to", f"{f.end:%Y-%m-%d}"]
    for option, values in (("--source", f.sources), ("--type", f.types), ("--country", f.countries)):
        for v in values:
            out += [option, v]
    if f.province:
        out += ["--province", f.province]
    if f.actor:
        out += ["--actor", f.actor]
    return out


def from_cli(start: str | None, end: str | None, sources, types, countries, province: str | None,
             actor: str | None) -> Filter:
    """A Filter from `afdash export-events` options (dates as YYYY-MM-DD; repeated options as lists)."""
    return Filter(dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None,
                  tuple(sources or ()), tuple(types or ()), tuple(countries or ()), province or None, actor or None)


def export_command(f: Filter, out: str) -> str:
    """The shell command that writes exactly the filtered rows to `out`."""
    return shlex.join(["afdash", "export-events", *cli_args(f), out])
