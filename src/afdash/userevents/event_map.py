"""The province map of imported events: provinces coloured by deaths (or events) in classes with a colour key,
drawn offline (pydeck, no basemap) from afdash's own province layer."""

from __future__ import annotations

import math

import pandas as pd

from afdash.core import palette
from afdash.maps import layers as maps
from afdash.maps.legend import Legend

LAYER = "imported-provinces"
EMPTY = [250, 250, 247, 235]
CLASSES = len(palette.SEQUENTIAL) - 1  # the first, palest colour is left out so "none" stays white


def breaks(values: pd.Series) -> list[int]:
    """Upper bounds of up to five classes, rounded to "nice" numbers, for counts above zero."""
    top = int(values.max()) if len(values) and values.max() > 0 else 0
    if top == 0:
        return []
    out: list[int] = []
    for i in range(1, CLASSES + 1):
        raw = top * i / CLASSES
        mag = 10 ** max(int(math.log10(raw)) - 1, 0) if raw >= 10 else 1
        b = int(math.ceil(raw / mag) * mag)
        if not out or b > out[-1]:
            out.append(b)
    out[-1] = max(out[-1], top)
    return out


def colour_of(value: float, bounds: list[int]) -> list[int]:
    if not value or not bounds:
        return EMPTY
    idx = next(i for i, b in enumerate(bounds) if value <= b)
    return palette.hex_to_rgb(palette.SEQUENTIAL[1 + idx], 235)


def key(bounds: list[int], unit: str) -> list[tuple[str, str]]:
    """(hex colour, label) per class, "none" first: the map's colour key."""
    out = [("#fafaf7", f"no {unit}")]
    lo = 1
    for i, b in enumerate(bounds):
        out.append((palette.SEQUENTIAL[1 + i], f"{lo:,}–{b:,} {unit}" if b > lo else f"{b:,} {unit}"))
        lo = b + 1
    return out


def province_deck(provinces: dict, totals: pd.DataFrame, measure: str) -> tuple[maps.CompactDeck, list]:
    """The deck and its colour key. `totals` has province_code, events, deaths (from query.provinces)."""
    placed = totals[totals["province_code"] != ""].set_index("province_code")
    values = placed[measure] if len(placed) else pd.Series(dtype="int64")
    bounds = breaks(values)
    features = []
    for f in provinces["features"]:
        iso, name = f["properties"]["iso_3166_2"], f["properties"]["name"]
        ev = int(placed["events"].get(iso, 0)) if len(placed) else 0
        de = int(placed["deaths"].get(iso, 0)) if len(placed) else 0
        props = {"iso_3166_2": iso, "name": name, "events": ev, "deaths": de,
                 "fill": colour_of(ev if measure == "events" else de, bounds),
                 "tip": f"{name} province ({iso})\n{ev:,} events, {de:,} deaths (best estimate)"}
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    layer = maps.province_layer({"type": "FeatureCollection", "features": features}, layer_id=LAYER)
    unit = "deaths" if measure == "deaths" else "events"
    return maps.deck([layer], tooltip_text="{tip}"), key(bounds, unit)


def key_legend(entries: list[tuple[str, str]], measure_label: str) -> Legend:
    """The colour key as the shared SVG key (afdash.maps.legend): an image, no HTML."""
    legend = Legend(f"Provinces coloured by {measure_label}")
    for colour, label in entries:
        legend.add(colour, label)
    return legend
