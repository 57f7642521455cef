"""Map labels that do not collide: a small, deterministic placement over Web Mercator pixels.

A label's box is estimated from its text (characters × CHAR_EM × font size, plus padding) at the map's
initial zoom, since deck.gl's TextLayer sizes text in pixels. Labels are placed in priority order; each tries
its anchor, then a few offsets around it, and is dropped when every position overlaps a label already placed
(or an obstacle such as a dot), or leaves the visible frame. The result is pure data for a TextLayer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from shapely.geometry import Point
from shapely.geometry import box as shapely_box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

CHAR_EM = 0.62  # average advance of a sans-serif character, in ems: generous, so real text fits its box
LINE_EM = 1.1  # deck.gl and Vega set lines about one font size apart
PAD_PX = 2.0
# Positions tried around the anchor, in multiples of the label's half-height (dy) and of a fixed step (dx).
OFFSETS: tuple[tuple[float, float], ...] = ((0, 0), (0, -2.2), (0, 2.2), (1, 0), (-1, 0), (1, -2.2), (-1, -2.2),
                                           (1, 2.2), (-1, 2.2), (0, -4.4), (0, 4.4))
OFFSET_STEP_PX = 8.0
# A country's name moves only a little, and its centre stays on the country (give or take WITHIN_DEGREES):
# moved further, it would sit on a neighbour and name it.
WITHIN_DEGREES = 0.3
NUDGES: tuple[tuple[float, float], ...] = ((0, 0), (0, -1.2), (0, 1.2), (0.4, 0), (-0.4, 0), (0.4, -1.2),
                                          (-0.4, -1.2), (0.4, 1.2), (-0.4, 1.2), (0, -2.2), (0, 2.2))
# The map width a label must fit in: pages draw maps in a column about 900–1000 px wide at 1440 px.
FRAME_PX = (900, 440)
TEXT_COLOUR = [25, 25, 25, 255]
TEXT_ON_DARK = [255, 255, 255, 255]
OUTLINE = [255, 255, 255, 255]
FONT = "Helvetica, Arial, sans-serif"

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in world pixels at the zoom (y grows southward)


@dataclass(frozen=True)
class Label:
    text: str
    lon: float
    lat: float
    size: float = 12.0  # font size in px
    priority: int = 0  # higher is placed first
    colour: tuple[int, ...] = tuple(TEXT_COLOUR)
    offsets: tuple[tuple[float, float], ...] | None = None  # positions tried, if not place()'s own
    within: BaseGeometry | None = None  # the label's centre must stay inside (a country's name on the country)


def world_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at `zoom` (512 px tiles, as deck.gl uses)."""
    scale = 512 * 2**zoom
    x = (lon + 180) / 360 * scale
    s = math.sin(math.radians(max(min(lat, 85.0), -85.0)))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return x, y


def lonlat(x: float, y: float, zoom: float) -> tuple[float, float]:
    scale = 512 * 2**zoom
    lon = x / scale * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))
    return lon, lat


def text_size(text: str, size: float) -> tuple[float, float]:
    """Estimated width and height of a label in px (lines split at newlines)."""
    lines = text.split("\n")
    return max(map(len, lines)) * CHAR_EM * size + 2 * PAD_PX, len(lines) * LINE_EM * size + 2 * PAD_PX


def label_box(label: Label, zoom: float, dx: float = 0.0, dy: float = 0.0) -> Box:
    x, y = world_px(label.lon, label.lat, zoom)
    w, h = text_size(label.text, label.size)
    cx, cy = x + dx, y + dy
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Box, frame: Box) -> bool:
    return a[0] >= frame[0] and a[1] >= frame[1] and a[2] <= frame[2] and a[3] <= frame[3]


def frame_box(view: Mapping[str, float], size_px: tuple[int, int] = FRAME_PX) -> Box:
    """The world-pixel box a map of `size_px` shows around its initial view."""
    x, y = world_px(view["longitude"], view["latitude"], view["zoom"])
    return x - size_px[0] / 2, y - size_px[1] / 2, x + size_px[0] / 2, y + size_px[1] / 2


def frame_lonlat(view: Mapping[str, float], size_px: tuple[int, int] = FRAME_PX) -> tuple[float, ...]:
    """The same frame as (west, south, east, north) in degrees."""
    x0, y0, x1, y1 = frame_box(view, size_px)
    w, n = lonlat(x0, y0, view["zoom"])
    e, s = lonlat(x1, y1, view["zoom"])
    return w, s, e, n


def fit_view(bbox: Sequence[float], size_px: tuple[int, int]) -> dict[str, float]:
    """The view (centre, zoom) at which a Mercator map fitted to `bbox` (west, south, east, north) fills
    `size_px`, as Vega's projection `fit` does: for placing labels on charts drawn with geoshapes."""
    x0, y0 = world_px(bbox[0], bbox[3], 0)
    x1, y1 = world_px(bbox[2], bbox[1], 0)
    zoom = math.log2(min(size_px[0] / (x1 - x0), size_px[1] / (y1 - y0)))
    lon, lat = lonlat((x0 + x1) / 2, (y0 + y1) / 2, 0)
    return {"longitude": lon, "latitude": lat, "zoom": zoom}


def dot_box(lon: float, lat: float, radius_px: float, zoom: float) -> Box:
    x, y = world_px(lon, lat, zoom)
    return x - radius_px, y - radius_px, x + radius_px, y + radius_px


def anchor_in(geom: BaseGeometry, frame: Sequence[float] | None = None) -> tuple[float, float] | None:
    """A point well inside `geom` (its pole of inaccessibility), within `frame` (lon/lat) when given, so a
    country that reaches far beyond the map is still named on the part the map shows."""
    if frame is not None:
        geom = geom.intersection(shapely_box(*frame))
    if geom.is_empty:
        return None
    parts = getattr(geom, "geoms", [geom])
    biggest = max((p for p in parts if p.geom_type == "Polygon"), key=lambda p: p.area, default=None)
    if biggest is None:
        return None
    p = polylabel(biggest, tolerance=0.05)
    return round(p.x, 3), round(p.y, 3)


def place(labels: Iterable[Label], zoom: float, frame: Box | None = None,
          obstacles: Sequence[Box] = (), offsets: Sequence[tuple[float, float]] = OFFSETS) -> list[dict]:
    """Placed labels as TextLayer rows (text, lon, lat, size, colour), highest priority first,
    ties in the given order. Every returned label's box (`box`) overlaps no other and no obstacle.
    `offsets=((0, 0),)` keeps every label at its anchor and only drops the colliding ones."""
    ordered = sorted(enumerate(labels), key=lambda il: (-il[1].priority, il[0]))
    placed: list[Box] = []
    seen: set[str] = set()
    rows = []
    for _, lab in ordered:
        if not lab.text or lab.text in seen:
            continue
        half_h = text_size(lab.text, lab.size)[1] / 2
        for ox, oy in lab.offsets or offsets:
            w = text_size(lab.text, lab.size)[0]
            dx = ox * (w / 2 + OFFSET_STEP_PX)
            dy = oy * half_h
            b = label_box(lab, zoom, dx, dy)
            if frame is not None and not inside(b, frame):
                continue
            if any(overlaps(b, o) for o in placed) or any(overlaps(b, o) for o in obstacles):
                continue
            lon, lat = lonlat((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, zoom)
            if lab.within is not None and not lab.within.contains(Point(lon, lat)):
                continue
            placed.append(b)
            seen.add(lab.text)
            rows.append({"text": lab.text, "lon": round(lon, 4), "lat": round(lat, 4), "size": lab.size,
                         "colour": list(lab.colour), "box": b})
            break
    return rows


def text_layer(rows: list[dict], layer_id: str):
    """One TextLayer for placed labels, with a white outline so names read over any fill."""
    import pydeck as pdk

    data = [{k: v for k, v in r.items() if k != "box"} for r in rows]
    return pdk.Layer("TextLayer", data, id=layer_id, get_position=["lon", "lat"], get_text="text",
                     get_size="size", get_color="colour", font_family=pdk.types.String(FONT),
                     font_weight=600, outline_width=2, outline_color=OUTLINE,
                     font_settings={"sdf": True}, pickable=False, get_text_anchor=pdk.types.String("middle"),
                     get_alignment_baseline=pdk.types.String("center"))


def boxes(rows: Iterable[Mapping]) -> list[Box]:
    return [tuple(r["box"]) for r in rows]


def any_overlap(bs: Sequence[Box]) -> bool:
    return any(overlaps(a, b) for i, a in enumerate(bs) for b in bs[i + 1:])


def country_labels(countries: dict, priorities: Mapping[str, int], view: Mapping[str, float],
                   size_px: tuple[int, int] = FRAME_PX, size: float = 12.0,
                   colours: Mapping[str, Sequence[int]] | None = None) -> list[Label]:
    """A label per country in `priorities` (ISO3 → priority), named by the layer's `name` and anchored well
    inside the part of the country the map shows at `view`; countries outside the frame get none."""
    from shapely.geometry import shape

    frame = frame_lonlat(view, (size_px[0] - 40, size_px[1] - 30))
    out = []
    for f in countries["features"]:
        iso3 = f["properties"]["iso3"]
        if iso3 not in priorities or not f.get("geometry"):
            continue
        geom = shape(f["geometry"])
        anchor = anchor_in(geom, frame)
        if anchor is None:
            continue
        colour = tuple((colours or {}).get(iso3, TEXT_COLOUR))
        out.append(Label(f["properties"]["name"], anchor[0], anchor[1], size=size, priority=priorities[iso3],
                         colour=colour, offsets=NUDGES, within=geom.buffer(WITHIN_DEGREES)))
    return out
