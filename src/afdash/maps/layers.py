"""pydeck maps that work offline: no basemap tiles, no tokens. Base layers are drawn from afdash's own
boundaries (countries, provinces). Tooltips use deck.gl's `text` mode, so data values are shown as
plain text and never interpreted as HTML.

Functions here never mutate the cached GeoJSON they are given: they return new feature dicts that
share geometry with the cache and carry their own properties.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import Polygon

from afdash.core.palette import NEUTRAL_FILL, NEUTRAL_LINE

AFGHANISTAN_VIEW = {"latitude": 33.9, "longitude": 66.0, "zoom": 4.7, "pitch": 0, "bearing": 0}
REGION_VIEW = {"latitude": 37.0, "longitude": 66.0, "zoom": 3.0, "pitch": 0, "bearing": 0}


def with_properties(fc: dict, extra: Mapping[str, Mapping[str, object]], key: str) -> dict:
    """A new FeatureCollection whose features carry extra properties looked up by `key`."""
    features = []
    for f in fc["features"]:
        props = dict(f["properties"])
        props.update(extra.get(props[key], {}))
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def country_layer(countries: dict, layer_id: str = "countries", fill=None, pickable: bool = False) -> pdk.Layer:
    """Context outlines of the region; `fill` may be an accessor string like 'properties.fill'."""
    return pdk.Layer(
        "GeoJsonLayer",
        countries,
        id=layer_id,
        stroked=True,
        filled=True,
        get_fill_color=fill or [*NEUTRAL_FILL, 255],
        get_line_color=[*NEUTRAL_LINE, 255],
        line_width_min_pixels=1,
        pickable=pickable,
    )


def province_layer(provinces: dict, layer_id: str = "provinces", fill="properties.fill",
                   pickable: bool = True) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        provinces,
        id=layer_id,
        stroked=True,
        filled=True,
        get_fill_color=fill,
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=1,
        pickable=pickable,
        auto_highlight=pickable,
    )


class CompactDeck(pdk.Deck):
    """The same deck, serialised without pydeck's `indent=2` pretty-printing, which inflates a GeoJSON layer
    about six-fold on the wire (the countries layer: ~1.5 MB instead of ~260 KB) and slows every rerun."""

    def to_json(self) -> str:
        """Serialised once: pages draw decks from their caches, and dumping a 150–260 KB GeoJSON deck on every
        rerun was ~5 % of the server's CPU under load. A deck is not changed after it has been drawn."""
        if "_afdash_json" not in self.__dict__:
            self.__dict__["_afdash_json"] = json.dumps(self, sort_keys=True, default=default_serialize,
                                                       separators=(",", ":"))
        return self.__dict__["_afdash_json"]


def deck(layers: list[pdk.Layer], view: Mapping[str, float] = AFGHANISTAN_VIEW,
         tooltip_text: str | None = None) -> CompactDeck:
    """A compact Deck with no basemap provider at all: `map_style=None` alone would still fetch one."""
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view),
        map_provider=None,
        tooltip={"text": tooltip_text} if tooltip_text else False,
    )


def circle(lon: float, lat: float, radius_px: float, zoom: float, sides: int = 20) -> Polygon:
    """A polygon that looks like a dot of `radius_px` at `zoom` in Web Mercator: maps draw dots as polygons,
    because in a browser without a GPU every extra deck.gl layer type costs a shader and a slower redraw."""
    rx = radius_px * 360 / (512 * 2**zoom)
    ry = rx * math.cos(math.radians(lat))
    return Polygon([(lon + rx * math.cos(a), lat + ry * math.sin(a))
                    for a in (2 * math.pi * i / sides for i in range(sides))])
