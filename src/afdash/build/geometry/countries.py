"""The regional country layer: Afghanistan, its neighbours, Central and South Asia, Russia, China and
the Gulf, from Natural Earth 1:10m (world-atlas). Shared borders with Afghanistan are measured on the
unsimplified topology, so their lengths do not depend on how much the map is simplified."""

from __future__ import annotations

import pycountry
from pyproj import Geod
from shapely.geometry import LineString, box

from afdash.build.geometry import topojson
from afdash.maps import geojson

# ISO 3166-1 alpha-3 → UN M49 sub-region. These are the states the report discusses, their
# neighbours and the context a regional map needs.
REGION: dict[str, str] = {
    "AFG": "Southern Asia", "PAK": "Southern Asia", "IRN": "Southern Asia", "IND": "Southern Asia",
    "NPL": "Southern Asia", "BGD": "Southern Asia", "BTN": "Southern Asia", "LKA": "Southern Asia",
    "TKM": "Central Asia", "UZB": "Central Asia", "TJK": "Central Asia", "KAZ": "Central Asia",
    "KGZ": "Central Asia",
    "CHN": "Eastern Asia", "MNG": "Eastern Asia",
    "RUS": "Eastern Europe",
    "SAU": "Western Asia", "ARE": "Western Asia", "QAT": "Western Asia", "KWT": "Western Asia",
    "BHR": "Western Asia", "OMN": "Western Asia", "IRQ": "Western Asia", "YEM": "Western Asia",
    "TUR": "Western Asia", "SYR": "Western Asia", "JOR": "Western Asia", "ISR": "Western Asia",
    "PSE": "Western Asia", "LBN": "Western Asia", "AZE": "Western Asia", "ARM": "Western Asia",
    "GEO": "Western Asia",
}
# Russia reaches past the antimeridian; a regional map needs none of that, and clipping avoids
# polygons that wrap the globe in a web projection.
CLIP_BOX = (25.0, 0.0, 150.0, 78.0)
SIMPLIFY_DEGREES = 0.03
_GEOD = Geod(ellps="WGS84")


def iso3_of(numeric_id: str | None) -> str | None:
    if not numeric_id:
        return None
    c = pycountry.countries.get(numeric=str(numeric_id).zfill(3))
    return c.alpha_3 if c else None


def _arc_ids(obj: dict) -> set[int]:
    rings = obj["arcs"] if obj["type"] == "Polygon" else [r for p in obj["arcs"] for r in p]
    return {i if i >= 0 else ~i for ring in rings for i in ring}


def border_lengths_km(topology: dict, with_iso3: str = "AFG") -> dict[str, float]:
    """Length of the land border each country shares with `with_iso3`, from shared topology arcs."""
    geoms = {iso3_of(g.get("id")): g for g in topology["objects"]["countries"]["geometries"]}
    arcs = topojson.decode_arcs(topology)
    own = _arc_ids(geoms[with_iso3])
    out: dict[str, float] = {}
    for iso3, obj in geoms.items():
        if iso3 in (None, with_iso3):
            continue
        shared = own & _arc_ids(obj)
        if shared:
            out[iso3] = round(sum(_GEOD.geometry_length(LineString(arcs[i])) for i in shared) / 1000, 1)
    return out


def build_features(topology: dict) -> list[dict]:
    """GeoJSON features with iso3, name, sub-region and shared-border length with Afghanistan."""
    borders = border_lengths_km(topology)
    clip = box(*CLIP_BOX)
    kept = topojson.features(
        topology, "countries", SIMPLIFY_DEGREES, keep=lambda o: iso3_of(o.get("id")) in REGION
    )
    out = []
    for obj, geom in sorted(kept, key=lambda t: iso3_of(t[0].get("id")) or ""):
        iso3 = iso3_of(obj["id"])
        geom = geojson.polygonal(geojson.polygonal(geom).intersection(clip))
        if geom.is_empty:
            continue
        props = {
            "iso3": iso3,
            "name": obj["properties"]["name"],  # Natural Earth's short English name
            "subregion": REGION[iso3],
            "borders_afg": iso3 in borders,
            "afg_border_km": borders.get(iso3, 0.0),
        }
        out.append(geojson.feature(geom, props))
    return out
