"""Points on the regional map derived from the Natural Earth 1:10m topology: one anchor point per country
(where schematic project lines start and end, and where country labels sit) and one point on each land border
Afghanistan shares (where border incidents are drawn). Both are computed on the unsimplified topology, so they
do not move when the map layer is simplified differently.

- anchor: the centroid of the country's largest polygon (clipped to the regional map box), or a point
  guaranteed to lie inside it when the centroid falls outside (a crescent-shaped country).
- border_midpoint: the point halfway along the longest continuous piece of the border Afghanistan shares
  with that neighbour. It marks the border concerned, not where anything happened.
"""

from __future__ import annotations

from shapely.geometry import LineString, box
from shapely.ops import linemerge

from afdash.build.geometry import countries, topojson
from afdash.maps import geojson

COORD_DECIMALS = 4


def _shared_lines(topology: dict, with_iso3: str = "AFG") -> dict[str, list[LineString]]:
    geoms = {countries.iso3_of(g.get("id")): g for g in topology["objects"]["countries"]["geometries"]}
    arcs = topojson.decode_arcs(topology)
    own = countries._arc_ids(geoms[with_iso3])
    out: dict[str, list[LineString]] = {}
    for iso3, obj in geoms.items():
        if iso3 in (None, with_iso3):
            continue
        shared = sorted(own & countries._arc_ids(obj))
        if shared:
            merged = linemerge([LineString(arcs[i]) for i in shared])
            out[iso3] = list(getattr(merged, "geoms", [merged]))
    return out


def border_midpoints(topology: dict, with_iso3: str = "AFG") -> dict[str, tuple[float, float]]:
    """(lon, lat) halfway along the longest piece of each land border shared with `with_iso3`."""
    out = {}
    for iso3, parts in _shared_lines(topology, with_iso3).items():
        longest = max(parts, key=lambda p: p.length)
        p = longest.interpolate(0.5, normalized=True)
        out[iso3] = (round(p.x, COORD_DECIMALS), round(p.y, COORD_DECIMALS))
    return out


def anchors(topology: dict) -> dict[str, tuple[float, float]]:
    """(lon, lat) anchor for every country of the regional layer."""
    clip = box(*countries.CLIP_BOX)
    kept = topojson.features(topology, "countries", 0.0,
                             keep=lambda o: countries.iso3_of(o.get("id")) in countries.REGION)
    out = {}
    for obj, geom in kept:
        geom = geojson.polygonal(geojson.polygonal(geom).intersection(clip))
        if geom.is_empty:
            continue
        largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        c = largest.centroid
        if not largest.contains(c):
            c = largest.representative_point()
        out[countries.iso3_of(obj["id"])] = (round(c.x, COORD_DECIMALS), round(c.y, COORD_DECIMALS))
    return out


def points_table(topology: dict) -> list[dict]:
    """Rows for the regional_points dataset, sorted by country then kind."""
    rows = [{"iso3": k, "kind": "anchor", "lon": v[0], "lat": v[1]} for k, v in anchors(topology).items()]
    rows += [{"iso3": k, "kind": "border_midpoint", "lon": v[0], "lat": v[1]}
             for k, v in border_midpoints(topology).items()]
    return sorted(rows, key=lambda r: (r["iso3"], r["kind"]))
