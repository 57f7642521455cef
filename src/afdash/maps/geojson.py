"""Writing shapely geometries as compact, deterministic GeoJSON for the browser."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry

COORD_DECIMALS = 4  # about 11 m at the equator: finer than any map afdash draws


def _round(obj: Any, nd: int) -> Any:
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, list | tuple):
        return [_round(o, nd) for o in obj]
    return obj


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Valid polygons only: repairing or clipping can leave stray lines and points behind."""
    geom = shapely.make_valid(geom)
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    polys = [p for g in parts for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
    return MultiPolygon(polys) if len(polys) != 1 else polys[0]


def feature(geom: BaseGeometry, properties: dict) -> dict:
    g = mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": g["type"], "coordinates": _round(g["coordinates"], COORD_DECIMALS)},
    }


def collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def dumps(fc: dict) -> str:
    """Byte-stable output: sorted keys, no whitespace, so rebuilding gives the same file."""
    return json.dumps(fc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
