"""The regional map's names and colour key: which labels it draws (without collisions) and the key of every
colour on it, built with the shared helpers in afdash.maps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from shapely.geometry import shape

from afdash.maps import labels as maplabels
from afdash.maps import layers as maps
from afdash.maps.legend import Legend, hex_of

FRAME_PX = (900, 540)  # the page draws the map 560 px high in a column about 900–1000 px wide
STATE_SIZE, AFG_SIZE, PROJECT_SIZE = 13, 14, 11
PROJECT_TEXT = (60, 60, 60, 255)


def placed_labels(labels: pd.DataFrame, paths: pd.DataFrame, countries_fc: dict, view: Mapping[str, float],
                  dots: pd.DataFrame, afghanistan_text: Sequence[int]) -> list[dict]:
    """Afghanistan first, then its neighbours, the other states, then the projects' short names. A state
    whose anchor lies outside the map's frame (Russia's is in Siberia) is named on the part of it the map
    shows."""
    frame_px = maplabels.frame_box(view, FRAME_PX)
    frame = maplabels.frame_lonlat(view, (FRAME_PX[0] - 60, FRAME_PX[1] - 40))
    geoms = {f["properties"]["iso3"]: f["geometry"] for f in countries_fc["features"]}
    w, s, e, n = frame
    wanted = []
    for r in labels.to_dict("records"):
        lon, lat, iso3 = r["lon"], r["lat"], r.get("iso3")
        if not (w <= lon <= e and s <= lat <= n) and iso3 in geoms:
            anchor = maplabels.anchor_in(shape(geoms[iso3]), frame)
            if anchor is None:
                continue
            lon, lat = anchor
        afg = iso3 == "AFG"
        wanted.append(maplabels.Label(r["name"], lon, lat, size=AFG_SIZE if afg else STATE_SIZE,
                                      priority=1000 if afg else 700 if iso3 in maps.AFGHANISTAN_NEIGHBOURS else 500,
                                      offsets=maplabels.OFFSETS if afg else maplabels.NUDGES,
                                      colour=tuple(afghanistan_text) if afg else tuple(maplabels.TEXT_COLOUR)))
    for r in paths.to_dict("records"):
        wanted.append(maplabels.Label(r["short_name"], r["label_lon"], r["label_lat"], size=PROJECT_SIZE,
                                      priority=100, colour=PROJECT_TEXT))
    zoom = view["zoom"]
    obstacles = [maplabels.dot_box(r["lon"], r["lat"], r["radius"] + 1.5, zoom) for r in dots.to_dict("records")]
    return maplabels.place(wanted, zoom, frame=frame_px, obstacles=obstacles)


def map_legend(lines: Sequence[tuple[str, str]], title: str, extra: Sequence[tuple[Sequence[int], str, str]]) -> Legend:
    """The attribute's classes (colour, text naming the states), then the map's other colours."""
    key = Legend(title)
    for colour, text in lines:
        key.add(colour, text)
    for rgba, text, shape_ in extra:
        key.add(hex_of(rgba), text, shape_)
    return key
