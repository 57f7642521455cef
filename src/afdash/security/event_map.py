"""The security events map: provinces shaded by the number of filtered events, event locations as dots,
named places for orientation, and the neighbours' outlines for context. No basemap: it works offline.

Everything is drawn as filled polygons in GeoJSON layers — no line, point or text layers. Outlines are
narrow gaps between slightly shrunk shapes, dots are small circle polygons, and the chosen province gets a
dark ring polygon. In a browser without a GPU (software WebGL) every extra deck.gl layer type costs a
shader compilation of up to a second; one polygon shader keeps the map as cheap as a chart.

Every pickable object carries one `tip` property, so a single text-mode tooltip template ("{tip}") serves
all layers and data values are never read as HTML.
"""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from afdash.core import palette
from afdash.maps import geojson
from afdash.maps import layers as maps
from afdash.security import incidents

# Frame of the map (lon/lat); context outlines are clipped to it so the payload stays small.
FRAME = (46.0, 24.0, 88.0, 46.0)
VIEW = {"latitude": 33.9, "longitude": 66.8, "zoom": 4.75, "pitch": 0, "bearing": 0}
CONTEXT_SIMPLIFY = 0.02
GAP = 0.045  # degrees left between neighbouring shapes: about 1.5 px at the initial zoom
RING = 0.09  # width of the chosen province's ring, degrees
TIP_EVENTS = 8
COUNTRY_LAYER = "countries"
PROVINCE_LAYER = "provinces"
PLACE_LAYER = "places"
POINT_LAYER = "event-points"
AFGHANISTAN_FILL = [140, 140, 140, 255]  # shows through the gaps between provinces as their borders
LAND_FILL = [222, 222, 214, 255]
SELECTED_RING = [0, 0, 0, 255]
EVENT_DOT = palette.hex_to_rgb(palette.OKABE_ITO[4], 235)
HALO = [255, 255, 255, 255]
PLACE_DOT = [70, 70, 70, 230]


def _shrunk(geom: BaseGeometry, gap: float) -> BaseGeometry:
    return geojson.polygonal(geom.buffer(-gap / 2, join_style="mitre"))


def context_outlines(countries: dict, frame: tuple[float, float, float, float] = FRAME) -> dict:
    """The region's countries clipped to the map frame, simplified and shrunk so that a gap marks each
    border. Afghanistan keeps its full shape: its grey shows between the provinces drawn on top."""
    clip = box(*frame)
    features = []
    for f in countries["features"]:
        geom = shape(f["geometry"])
        if not geom.intersects(clip):
            continue
        iso3 = f["properties"]["iso3"]
        part = geojson.polygonal(geom.intersection(clip).simplify(CONTEXT_SIMPLIFY, preserve_topology=True))
        if iso3 != "AFG":
            part = _shrunk(part, GAP)
        if part.is_empty:
            continue
        features.append(geojson.feature(part, {"iso3": iso3, "name": f["properties"]["name"]}))
    return {"type": "FeatureCollection", "features": features}


def province_shapes(provinces: dict) -> tuple[dict, dict[str, dict]]:
    """Provinces shrunk by the border gap, and for each province a ring polygon marking it as chosen."""
    shrunk, rings = [], {}
    for f in provinces["features"]:
        geom = shape(f["geometry"])
        inner = _shrunk(geom, GAP)
        props = {k: f["properties"][k] for k in ("iso_3166_2", "name")}
        shrunk.append(geojson.feature(inner, props))
        rings[props["iso_3166_2"]] = geojson.feature(geojson.polygonal(inner.difference(inner.buffer(-RING))),
                                                     props)["geometry"]
    return {"type": "FeatureCollection", "features": shrunk}, rings


def _tip(head: str, count: int, events: list[str] | None) -> str:
    if not count:
        return f"{head}\nNo events in the current filters"
    lines = [head, f"{count} event{'s' if count != 1 else ''} in the current filters:"]
    shown = (events or [])[:TIP_EVENTS]
    lines += [f"• {e}" for e in shown]
    if count > len(shown):
        lines.append(f"… and {count - len(shown)} more (see the table)")
    return "\n".join(lines)


def _indexed(counts: pd.DataFrame, key: str) -> dict[str, tuple[int, list[str]]]:
    return {r[key]: (int(r["count"]), list(r["events"])) for r in counts.to_dict("records")}


def province_layer(shapes: dict, rings: dict[str, dict], counts: pd.DataFrame, selected: str | None) -> pdk.Layer:
    by_iso = _indexed(counts, "province_iso")
    vmax = max((n for n, _ in by_iso.values()), default=0)
    features = []
    for f in shapes["features"]:
        iso, name = f["properties"]["iso_3166_2"], f["properties"]["name"]
        n, events = by_iso.get(iso, (0, []))
        props = {"iso_3166_2": iso, "name": name, "count": n, "ring": False,
                 "fill": palette.sequential_rgb(n, vmax, alpha=235),
                 "tip": _tip(f"{name} province ({iso})", n, events)}
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    if selected in rings:
        chosen = next(ft for ft in features if ft["properties"]["iso_3166_2"] == selected)
        features.append({"type": "Feature", "geometry": rings[selected],
                         "properties": {**chosen["properties"], "ring": True, "fill": SELECTED_RING}})
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id=PROVINCE_LAYER,
                     stroked=False, filled=True, get_fill_color="properties.fill", pickable=True,
                     auto_highlight=True)


def country_layer(outlines: dict, counts: pd.DataFrame) -> pdk.Layer:
    by_iso = _indexed(counts, "country_iso3")
    extra = {}
    for f in outlines["features"]:
        iso, name = f["properties"]["iso3"], f["properties"]["name"]
        n, events = by_iso.get(iso, (0, []))
        if iso == "AFG":
            extra[iso] = {"fill": AFGHANISTAN_FILL, "tip": name}
        else:
            extra[iso] = {"fill": palette.hex_to_rgb(palette.SEQUENTIAL[1], 200) if n else LAND_FILL,
                          "tip": _tip(f"{name} ({iso})", n, events)}
    fc = maps.with_properties(outlines, extra, "iso3")
    return pdk.Layer("GeoJsonLayer", fc, id=COUNTRY_LAYER, stroked=False, filled=True,
                     get_fill_color="properties.fill", pickable=True)


def circle(lon: float, lat: float, radius_px: float, zoom: float = VIEW["zoom"], sides: int = 20) -> BaseGeometry:
    return maps.circle(lon, lat, radius_px, zoom, sides)


def event_points(filtered: pd.DataFrame) -> pd.DataFrame:
    """One dot per location (named place or province centre), sized by its number of events."""
    located = filtered[filtered["located_by"].notna()]
    cols = ["lon", "lat", "where", "province_iso", "count", "radius", "tip"]
    rows = []
    for (lon, lat, where), g in located.groupby(["lon", "lat", "map_location"], sort=True):
        events = [f"{d} · {t}" for d, t in zip(g["date_text"], g["title"], strict=True)]
        prov = g["province_iso"].dropna()
        rows.append({"lon": lon, "lat": lat, "where": where, "province_iso": prov.iloc[0] if len(prov) else None,
                     "count": len(g), "radius": 5 + 3 * math.sqrt(len(g)), "tip": _tip(where, len(g), events)})
    return pd.DataFrame(rows, columns=cols)


def point_layer(points: pd.DataFrame) -> pdk.Layer:
    features = []
    for r in points.itertuples():
        props = {"where": r.where, "province_iso": r.province_iso, "count": int(r.count), "tip": r.tip}
        features.append(geojson.feature(circle(r.lon, r.lat, r.radius + 1.5), {**props, "halo": True, "fill": HALO}))
        features.append(geojson.feature(circle(r.lon, r.lat, r.radius), {**props, "halo": False,
                                                                          "fill": EVENT_DOT}))
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id=POINT_LAYER,
                     stroked=False, filled=True, get_fill_color="properties.fill", pickable=True)


def place_labels(place_table: pd.DataFrame, frame: tuple[float, float, float, float] = FRAME) -> pd.DataFrame:
    """Named places with GeoNames coordinates inside the frame, for orientation (names on hover)."""
    p = place_table[place_table["lon"].between(frame[0], frame[2]) & place_table["lat"].between(frame[1], frame[3])]
    return pd.DataFrame({
        "lon": p["lon"], "lat": p["lat"], "name": p["name"],
        "tip": [f"{n} ({k.replace('_', ' ')}, {c}) · coordinates: GeoNames, CC BY 4.0"
                for n, k, c in zip(p["name"], p["kind"], p["iso3"], strict=True)],
    }).reset_index(drop=True)


def place_layer(labels: pd.DataFrame) -> pdk.Layer:
    features = [geojson.feature(circle(r.lon, r.lat, 3), {"name": r.name, "tip": r.tip, "fill": PLACE_DOT})
                for r in labels.itertuples()]
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id=PLACE_LAYER,
                     stroked=False, filled=True, get_fill_color="properties.fill", pickable=True)


def deck(province_fc: dict, rings: dict[str, dict], outlines: dict, province_counts: pd.DataFrame,
         country_counts: pd.DataFrame, points: pd.DataFrame, labels: pd.DataFrame,
         selected: str | None) -> CompactDeck:
    layers = [
        country_layer(outlines, country_counts),
        province_layer(province_fc, rings, province_counts, selected),
        place_layer(labels),
        point_layer(points),
    ]
    return compact(maps.deck(layers, view=VIEW, tooltip_text="{tip}"))


def filtered_deck(shape_set: tuple[dict, dict[str, dict], dict], prepared: pd.DataFrame, labels: pd.DataFrame,
                  f: incidents.EventFilter, selected: str | None) -> CompactDeck:
    """The map for one filter state. The shading ignores the province filter, so a chosen province can still
    be compared with the others; the dots follow every filter, like the timeline and the table."""
    provinces, rings, outlines = shape_set
    shading = incidents.apply(prepared, incidents.without_province(f))
    filtered = incidents.apply(prepared, f)
    return deck(provinces, rings, outlines, incidents.province_counts(shading), incidents.country_counts(shading),
                event_points(filtered), labels, selected)


CompactDeck = maps.CompactDeck  # serialised once, without pydeck's indentation


def compact(d: pdk.Deck) -> CompactDeck:
    out = CompactDeck.__new__(CompactDeck)
    out.__dict__.update(d.__dict__)
    return out


def selected_province(selection: dict | None, valid: set[str]) -> str | None:
    """The province a map click chose: a province shape, or an event dot inside a province."""
    if not selection:
        return None
    objects = selection.get("objects", {}) or {}
    for layer, key in ((PROVINCE_LAYER, "iso_3166_2"), (POINT_LAYER, "province_iso")):
        for obj in objects.get(layer, []) or []:
            props = obj.get("properties") if isinstance(obj.get("properties"), dict) else obj
            if props.get(key) in valid:
                return props[key]
    return None
