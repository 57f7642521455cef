"""The security events map: provinces shaded by the number of filtered events, event locations as dots,
named places for orientation, and the neighbours' outlines for context. No basemap: it works offline.

Shapes are filled polygons in GeoJSON layers: outlines are narrow gaps between slightly shrunk shapes, dots
are small circle polygons, and the chosen province gets a dark ring polygon. In a browser without a GPU
(software WebGL) every extra deck.gl layer type costs a shader compilation, so the only other layer is one
TextLayer naming the neighbours, the provinces with events and the chosen one (afdash.maps.labels places
them without collisions), so the map reads without hovering. Its colour key is a legend image
(afdash.maps.legend) that travels with the deck.

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
from afdash.maps import labels as maplabels
from afdash.maps import layers as maps
from afdash.maps.legend import Legend, count_range, hex_of, ramp_classes
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
LABEL_LAYER = "labels"
NEIGHBOUR_TEXT = (85, 85, 85, 255)
PROVINCE_FILL_ALPHA = 235


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
        anchor = maplabels.anchor_in(part, _label_frame()) if iso3 != "AFG" else None
        features.append(geojson.feature(part, {"iso3": iso3, "name": f["properties"]["name"], "anchor": anchor}))
    return {"type": "FeatureCollection", "features": features}


def _label_frame() -> tuple[float, ...]:
    """The lon/lat box the map shows at its initial view, a little inset, where neighbour names go."""
    w, s_, e, n = maplabels.frame_lonlat(VIEW)
    return w + 0.8, s_ + 0.5, e - 0.8, n - 0.5


def province_shapes(provinces: dict) -> tuple[dict, dict[str, dict]]:
    """Provinces shrunk by the border gap, and for each province a ring polygon marking it as chosen."""
    shrunk, rings = [], {}
    for f in provinces["features"]:
        geom = shape(f["geometry"])
        inner = _shrunk(geom, GAP)
        props = {k: f["properties"][k] for k in ("iso_3166_2", "name")}
        shrunk.append(geojson.feature(inner, {**props, "anchor": maplabels.anchor_in(inner)}))
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
                 "fill": palette.sequential_rgb(n, vmax, alpha=PROVINCE_FILL_ALPHA),
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


def map_labels(province_fc: dict, outlines: dict, province_counts: pd.DataFrame, points: pd.DataFrame,
               selected: str | None) -> list[dict]:
    """Names drawn on the map: the chosen province first, then the provinces with events (most first, with
    their count), then the neighbours; a name that would collide with one already placed or with an event dot
    is moved beside its spot or dropped (afdash.maps.labels)."""
    by_iso = _indexed(province_counts, "province_iso")
    wanted = []
    for f in province_fc["features"]:
        iso, name, anchor = f["properties"]["iso_3166_2"], f["properties"]["name"], f["properties"].get("anchor")
        n = by_iso.get(iso, (0, []))[0]
        if anchor is None or not (n or iso == selected):
            continue
        wanted.append(maplabels.Label(f"{name} ({n})" if n else name, anchor[0], anchor[1],
                                      size=13 if iso == selected else 12,
                                      priority=10_000 if iso == selected else 100 + n))
    for f in outlines["features"]:
        anchor = f["properties"].get("anchor")
        if anchor is not None:
            wanted.append(maplabels.Label(f["properties"]["name"].upper(), anchor[0], anchor[1], size=12,
                                          priority=50, colour=NEIGHBOUR_TEXT, offsets=maplabels.NUDGES))
    zoom = VIEW["zoom"]
    dots = [maplabels.dot_box(r.lon, r.lat, r.radius + 1.5, zoom) for r in points.itertuples()]
    return maplabels.place(wanted, zoom, frame=maplabels.frame_box(VIEW), obstacles=dots)


def legend(province_counts: pd.DataFrame, country_counts: pd.DataFrame, points: pd.DataFrame, n_provinces: int,
           selected: str | None) -> Legend:
    """The key of exactly what the map colours: the count classes in use, the neighbours' shade if any has
    events, the dots and the chosen province's ring."""
    counts = [int(c) for c in province_counts["count"]] if len(province_counts) else []
    key = Legend("Security events per province (number in the current filters)",
                 note="Shading ignores the province filter. Counts: afdash events dataset, from the report.")
    if len([c for c in counts if c > 0]) < n_provinces:
        key.add(palette.sequential_rgb(0, 1), "No events")
    for colour, lo, hi in ramp_classes(counts, PROVINCE_FILL_ALPHA):
        key.add(colour, count_range(lo, hi, "event"))
    if len(country_counts) and any(iso != "AFG" and n for iso, n in
                                   zip(country_counts["country_iso3"], country_counts["count"], strict=True)):
        key.add(hex_of(palette.hex_to_rgb(palette.SEQUENTIAL[1])), "Neighbouring country with events")
    if len(points):
        key.add(hex_of(EVENT_DOT), "Where events took place (bigger dot: more events)", "circle")
    key.add(hex_of(PLACE_DOT), "Named place, for orientation (name on hover)", "circle")
    if selected:
        key.add(hex_of(SELECTED_RING), "Chosen province", "ring")
    return key


def deck(province_fc: dict, rings: dict[str, dict], outlines: dict, province_counts: pd.DataFrame,
         country_counts: pd.DataFrame, points: pd.DataFrame, labels: pd.DataFrame,
         selected: str | None) -> CompactDeck:
    placed = map_labels(province_fc, outlines, province_counts, points, selected)
    layers = [
        country_layer(outlines, country_counts),
        province_layer(province_fc, rings, province_counts, selected),
        place_layer(labels),
        point_layer(points),
        maplabels.text_layer(placed, LABEL_LAYER),
    ]
    key = legend(province_counts, country_counts, points, len(province_fc["features"]), selected)
    return maps.with_legend(maps.deck(layers, view=VIEW, tooltip_text="{tip}"), key)


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
