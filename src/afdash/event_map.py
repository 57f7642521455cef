"""The security events map: provinces shaded by the number of filtered events, event locations as points,
named places for orientation, and the neighbours' outlines for context. No basemap: it works offline.

Every pickable object carries one `tip` property, so a single text-mode tooltip template ("{tip}") serves
all layers and data values are never read as HTML.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import box, shape

from afdash import geojson, maps, palette

# Frame of the map (lon/lat); context outlines are clipped to it so the payload stays small.
FRAME = (46.0, 24.0, 88.0, 46.0)
VIEW = {"latitude": 33.9, "longitude": 66.8, "zoom": 4.75, "pitch": 0, "bearing": 0}
CONTEXT_SIMPLIFY = 0.02
TIP_EVENTS = 8
PROVINCE_LAYER = "provinces"
POINT_LAYER = "event-points"
SELECTED_LINE = [0, 0, 0, 255]
PROVINCE_LINE = [150, 150, 150, 255]
EVENT_POINT = palette.hex_to_rgb(palette.OKABE_ITO[4], 230)
PLACE_DOT = [90, 90, 90, 200]


def context_outlines(countries: dict, frame: tuple[float, float, float, float] = FRAME) -> dict:
    """The region's countries clipped to the map frame and simplified; properties iso3 and name only."""
    clip = box(*frame)
    features = []
    for f in countries["features"]:
        geom = shape(f["geometry"])
        if not geom.intersects(clip):
            continue
        part = geojson.polygonal(geom.intersection(clip).simplify(CONTEXT_SIMPLIFY, preserve_topology=True))
        if part.is_empty:
            continue
        features.append(geojson.feature(part, {"iso3": f["properties"]["iso3"], "name": f["properties"]["name"]}))
    return {"type": "FeatureCollection", "features": features}


def _tip(head: str, count: int, events: list[str] | None) -> str:
    if not count:
        return f"{head}\nNo events in the current filters"
    lines = [head, f"{count} event{'s' if count != 1 else ''} in the current filters:"]
    shown = (events or [])[:TIP_EVENTS]
    lines += [f"• {e}" for e in shown]
    if count > len(shown):
        lines.append(f"… and {count - len(shown)} more (see the table)")
    return "\n".join(lines)


def province_layer(provinces: dict, counts: pd.DataFrame, selected: str | None) -> pdk.Layer:
    by_iso = counts.set_index("province_iso") if len(counts) else pd.DataFrame(columns=["count", "events"])
    vmax = int(counts["count"].max()) if len(counts) else 0
    extra = {}
    for f in provinces["features"]:
        iso = f["properties"]["iso_3166_2"]
        n = int(by_iso.loc[iso, "count"]) if iso in by_iso.index else 0
        events = list(by_iso.loc[iso, "events"]) if iso in by_iso.index else []
        extra[iso] = {
            "count": n,
            "fill": palette.sequential_rgb(n, vmax, alpha=230),
            "line": SELECTED_LINE if iso == selected else PROVINCE_LINE,
            "width": 3 if iso == selected else 1,
            "tip": _tip(f"{f['properties']['name']} province ({iso})", n, events),
        }
    fc = maps.with_properties(provinces, extra, "iso_3166_2")
    return pdk.Layer(
        "GeoJsonLayer", fc, id=PROVINCE_LAYER, stroked=True, filled=True,
        get_fill_color="properties.fill", get_line_color="properties.line", get_line_width="properties.width",
        line_width_units="'pixels'", pickable=True, auto_highlight=True,
    )


def country_layer(outlines: dict, counts: pd.DataFrame) -> pdk.Layer:
    by_iso = counts.set_index("country_iso3") if len(counts) else pd.DataFrame(columns=["count", "events"])
    extra = {}
    for f in outlines["features"]:
        iso = f["properties"]["iso3"]
        n = int(by_iso.loc[iso, "count"]) if iso in by_iso.index else 0
        events = list(by_iso.loc[iso, "events"]) if iso in by_iso.index else []
        fill = palette.hex_to_rgb(palette.SEQUENTIAL[1], 150) if n else [*palette.NEUTRAL_FILL, 255]
        tip = (f"{f['properties']['name']}" if iso == "AFG"
               else _tip(f"{f['properties']['name']} ({iso})", n, events))
        extra[iso] = {"fill": fill, "tip": tip}
    fc = maps.with_properties(outlines, extra, "iso3")
    return maps.country_layer(fc, layer_id="countries", fill="properties.fill", pickable=True)


def event_points(filtered: pd.DataFrame) -> pd.DataFrame:
    """One point per location (named place or province label point), sized by its number of events."""
    located = filtered[filtered["located_by"].notna()]
    if located.empty:
        return pd.DataFrame(columns=["lon", "lat", "where", "province_iso", "count", "radius", "tip"])
    rows = []
    for (lon, lat, where), g in located.groupby(["lon", "lat", "map_location"], sort=True):
        events = [f"{d} · {t}" for d, t in zip(g["date_text"], g["title"], strict=True)]
        prov = g["province_iso"].dropna()
        rows.append({"lon": lon, "lat": lat, "where": where, "province_iso": prov.iloc[0] if len(prov) else None,
                     "count": len(g), "radius": 5 + 3 * math.sqrt(len(g)), "tip": _tip(where, len(g), events)})
    return pd.DataFrame(rows)


def place_labels(place_table: pd.DataFrame, frame: tuple[float, float, float, float] = FRAME) -> pd.DataFrame:
    """Named places with GeoNames coordinates inside the frame, for orientation."""
    p = place_table[place_table["lon"].between(frame[0], frame[2]) & place_table["lat"].between(frame[1], frame[3])]
    return pd.DataFrame({
        "lon": p["lon"], "lat": p["lat"], "name": p["name"],
        "tip": [f"{n} ({k.replace('_', ' ')}, {c}) · coordinates: GeoNames, CC BY 4.0"
                for n, k, c in zip(p["name"], p["kind"], p["iso3"], strict=True)],
    }).reset_index(drop=True)


def deck(provinces: dict, outlines: dict, province_counts: pd.DataFrame, country_counts: pd.DataFrame,
         points: pd.DataFrame, labels: pd.DataFrame, selected: str | None) -> pdk.Deck:
    layers = [
        country_layer(outlines, country_counts),
        province_layer(provinces, province_counts, selected),
        pdk.Layer("ScatterplotLayer", records(labels), id="places", get_position=["lon", "lat"], get_radius=3,
                  radius_units="'pixels'", get_fill_color=PLACE_DOT, pickable=True),
        pdk.Layer("TextLayer", records(labels), id="place-names", get_position=["lon", "lat"], get_text="name",
                  get_size=12, get_color=[40, 40, 40, 255], get_text_anchor="'start'",
                  get_alignment_baseline="'bottom'", get_pixel_offset=[7, -5], pickable=False),
        pdk.Layer("ScatterplotLayer", records(points), id=POINT_LAYER, get_position=["lon", "lat"], get_radius="radius",
                  radius_units="'pixels'", get_fill_color=EVENT_POINT, get_line_color=[255, 255, 255, 255],
                  stroked=True, line_width_min_pixels=1.5, pickable=True),
    ]
    return compact(maps.deck(layers, view=VIEW, tooltip_text="{tip}"))


def records(frame: pd.DataFrame) -> list[dict]:
    """Layer data as plain dicts with None for missing values (JSON has no NaN)."""
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in frame.to_dict(orient="records")]


class CompactDeck(pdk.Deck):
    """A Deck that serialises once and without indentation. pydeck indents by two spaces, which makes a
    map with province polygons about five times larger on the wire than it needs to be."""

    _json: str | None = None

    def to_json(self) -> str:
        if self._json is None:
            self._json = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        return self._json


def compact(deck: pdk.Deck) -> CompactDeck:
    out = CompactDeck.__new__(CompactDeck)
    out.__dict__.update(deck.__dict__)
    return out


def selected_province(selection: dict | None, valid: set[str]) -> str | None:
    """The province a map click chose: a province shape, or an event point inside a province."""
    if not selection:
        return None
    objects = selection.get("objects", {}) or {}
    for obj in objects.get(PROVINCE_LAYER, []) or []:
        iso = (obj.get("properties") or {}).get("iso_3166_2")
        if iso in valid:
            return iso
    for obj in objects.get(POINT_LAYER, []) or []:
        iso = obj.get("province_iso")
        if iso in valid:
            return iso
    return None
