"""Decode TopoJSON (as shipped by world-atlas) into shapely geometries.

Kept in arc form until the end so that simplification happens once per shared border: two
neighbours simplified this way still meet exactly, with no slivers or gaps between them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

Arc = list[tuple[float, float]]


def decode_arcs(topology: dict) -> list[Arc]:
    """Absolute lon/lat arcs, undoing quantisation and delta-encoding."""
    transform = topology.get("transform")
    arcs: list[Arc] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(px), float(py)) for px, py in arc]
        arcs.append(pts)
    return arcs


def simplify_arcs(arcs: Sequence[Arc], tolerance: float) -> list[Arc]:
    """Douglas–Peucker per arc; endpoints are kept, so shared borders stay shared."""
    if tolerance <= 0:
        return [list(a) for a in arcs]
    out = []
    for arc in arcs:
        if len(arc) <= 2:
            out.append(list(arc))
            continue
        simple = LineString(arc).simplify(tolerance, preserve_topology=False)
        out.append(list(simple.coords))
    return out


def _ring(indices: Sequence[int], arcs: Sequence[Arc]) -> Arc:
    pts: Arc = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def _polygon(rings: Sequence[Sequence[int]], arcs: Sequence[Arc]) -> Polygon | None:
    coords = [_ring(r, arcs) for r in rings]
    coords = [c for c in coords if len(c) >= 4]
    if not coords:
        return None
    return Polygon(coords[0], coords[1:])


def geometry(obj: dict, arcs: Sequence[Arc]) -> BaseGeometry | None:
    """Shapely geometry of one TopoJSON geometry object (Polygon or MultiPolygon)."""
    kind = obj.get("type")
    if kind == "Polygon":
        return _polygon(obj["arcs"], arcs)
    if kind == "MultiPolygon":
        polys = [p for p in (_polygon(r, arcs) for r in obj["arcs"]) if p is not None]
        return MultiPolygon(polys) if polys else None
    return None


def features(
    topology: dict, object_name: str, tolerance: float = 0.0, keep: Callable[[dict], bool] | None = None
) -> list[tuple[dict, BaseGeometry]]:
    """(topology geometry object, shapely geometry) for each kept geometry of one named object."""
    arcs = simplify_arcs(decode_arcs(topology), tolerance)
    out = []
    for obj in topology["objects"][object_name]["geometries"]:
        if keep is not None and not keep(obj):
            continue
        geom = geometry(obj, arcs)
        if geom is not None:
            out.append((obj, geom))
    return out
