"""One power's map as drawn: countries coloured by their link to it, presence and action dots, names for the
linked countries, Afghanistan, its neighbours and the marked places, and the colour key of exactly what is
drawn. The data comes from powers.map_layers_data."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pydeck as pdk

from afdash.core.palette import NEUTRAL_FILL
from afdash.maps import labels as maplabels
from afdash.maps import layers as maps
from afdash.maps.legend import Legend

FRAME_PX = (540, 470)  # the page draws the map 480 px high in the left of two columns (3:2) at 1440 px
NEIGHBOUR_TEXT = (85, 85, 85, 255)
MARK_RADIUS_PX = 7
ROLE_KEY = {"self": "The power itself", "member": "Member", "partner": "Partner named by the report",
            "prospective": "Could join in future"}
MARK_KEY = {"presence": "Presence or footprint", "action": "Action (strike, fighting, clash)"}


def place_name(where: str) -> str:
    """'Doha (marked inside …)' → 'Doha': the name a dot is labelled with."""
    return where.split(" (", 1)[0]


def labels(countries: dict, fills: Mapping[str, Mapping], points: pd.DataFrame,
           view: Mapping[str, float]) -> list[dict]:
    """Afghanistan first, then the marked places, the linked countries and Afghanistan's other neighbours."""
    prio = {iso3: 300 for iso3 in maps.AFGHANISTAN_NEIGHBOURS} | {iso3: 500 for iso3 in fills} | {"AFG": 2000}
    colours = {iso3: NEIGHBOUR_TEXT for iso3 in maps.AFGHANISTAN_NEIGHBOURS if iso3 not in fills}
    wanted = maplabels.country_labels(countries, prio, view, FRAME_PX, size=12, colours=colours)
    wanted += [maplabels.Label(place_name(r["where"]), r["lon"], r["lat"], size=11, priority=1000)
               for r in points.to_dict("records")]
    zoom = view["zoom"]
    dots = [maplabels.dot_box(r["lon"], r["lat"], MARK_RADIUS_PX + 1, zoom) for r in points.to_dict("records")]
    return maplabels.place(wanted, zoom, frame=maplabels.frame_box(view, FRAME_PX), obstacles=dots)


def afghanistan_fill(fills: Mapping[str, Mapping], name: str = "Afghanistan") -> dict:
    """Afghanistan keeps its role's colour when it has one, else the maps' grey for it."""
    return dict(fills) if "AFG" in fills else {**fills, "AFG": {"fill": maps.AFGHANISTAN_FILL, "tip": name}}


def legend(fills: Mapping[str, Mapping], roles: Mapping[str, str], points: pd.DataFrame, title: str,
           role_colours: Mapping[str, str], alpha: int = 210) -> Legend:
    """Key of the roles that colour a country on this map, the dots drawn, Afghanistan and other land."""
    key = Legend(title, note="Countries linked to the power but beyond this map are listed beside it.")
    for role, text in ROLE_KEY.items():
        if role in roles.values():
            key.add(role_colours[role], text)
    if "AFG" not in roles:
        key.add(maps.AFGHANISTAN_FILL, "Afghanistan")
    key.add([*NEUTRAL_FILL], "Other countries")
    shown = set(points["role"]) if len(points) else set()
    for role, text in MARK_KEY.items():
        if role in shown:
            key.add(role_colours[role], text, "circle")
    return key


def deck(data: Mapping[str, object], countries: dict, coloured: dict, title: str, role_colours: Mapping[str, str],
         view: Mapping[str, float]) -> maps.CompactDeck:
    """`coloured` is the countries layer with fills (powers.coloured_countries of afghanistan_fill)."""
    points = data["points"]
    layers = [maps.country_layer(coloured, fill="properties.fill", pickable=True)]
    if not points.empty:
        layers.append(pdk.Layer("ScatterplotLayer", points, id="marks", get_position=["lon", "lat"],
                                get_fill_color="color", get_line_color=[255, 255, 255, 255], stroked=True,
                                line_width_min_pixels=1, get_radius=20000, radius_min_pixels=6,
                                radius_max_pixels=MARK_RADIUS_PX + 2, pickable=True))
    layers.append(maplabels.text_layer(labels(countries, data["fills"], points, view), "labels"))
    key = legend(data["fills"], data.get("roles", {}), points, title, role_colours)
    return maps.with_legend(maps.deck(layers, view, tooltip_text="{tip}"), key)
