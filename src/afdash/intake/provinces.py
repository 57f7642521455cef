"""Which Afghan province each event lies in: point in polygon on afdash's own province layer
(data/clean/provinces.geojson), only where the source's location precision allows it, and where the
polygon disagrees with the source's own admin-1 name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from afdash.core.paths import clean_dir
from afdash.userevents.columns import PROVINCE_LEVEL

# Spellings UCDP and ACLED use for provinces, beyond the names and upstream names in provinces.geojson.
ALIASES = {
    "paktya": "AF-PIA", "paktiya": "AF-PIA", "hilmand": "AF-HEL", "hirat": "AF-HER", "jawzjan": "AF-JOW",
    "jowzjan": "AF-JOW", "sari pul": "AF-SAR", "sar-e pol": "AF-SAR", "sar-i pul": "AF-SAR", "sar e pul": "AF-SAR",
    "daikundi": "AF-DAY", "daykundi": "AF-DAY", "dai kundi": "AF-DAY", "urozgan": "AF-URU", "oruzgan": "AF-URU",
    "nimruz": "AF-NIM", "maidan wardak": "AF-WAR", "wardak": "AF-WAR", "maydan wardak": "AF-WAR",
    "panjsher": "AF-PAN", "panjshir": "AF-PAN", "konar": "AF-KNR", "kunar": "AF-KNR", "bamian": "AF-BAM",
    "kapisa": "AF-KAP", "baghlan": "AF-BGL", "zabol": "AF-ZAB", "nangrahar": "AF-NAN", "khowst": "AF-KHO",
    "laghman": "AF-LAG", "lowgar": "AF-LOG", "ghowr": "AF-GHO", "faryab": "AF-FYB", "badghis": "AF-BDG",
}
SUFFIX = re.compile(r"\s+(province|wilayat|velayat)$")


@dataclass
class Placed:
    codes: pd.Series  # ISO 3166-2:AF or ""
    disagreements: pd.DataFrame  # rows where the polygon and the source's admin-1 name differ
    outside: int  # Afghan events precise enough for a province that fall in no polygon


def load_polygons(base: Path | None = None) -> gpd.GeoDataFrame:
    return gpd.read_file(clean_dir(base) / "provinces.geojson")[["iso_3166_2", "name", "upstream_name", "geometry"]]


def name_index(polygons: pd.DataFrame) -> dict[str, str]:
    index = {k: v for k, v in ALIASES.items()}
    for r in polygons.itertuples():
        index[r.name.lower()] = r.iso_3166_2
    return index


def admin1_code(names: pd.Series, index: dict[str, str]) -> pd.Series:
    """ISO 3166-2:AF for admin-1 names as sources write them ("Paktya province", "Hilmand"); "" if unknown."""
    uniq = pd.Series(names.unique())
    keys = uniq.str.strip().str.lower().str.replace(SUFFIX, "", regex=True)
    lookup = dict(zip(uniq, keys.map(index).fillna(""), strict=True))
    return names.map(lookup)


def assign(events: pd.DataFrame, polygons: gpd.GeoDataFrame) -> Placed:
    """Province per event. Unique coordinates are joined once (sources repeat places a great deal)."""
    eligible = (events["country_iso3"].eq("AFG") & events["location_precision"].isin(PROVINCE_LEVEL)
                & events["latitude"].notna() & events["longitude"].notna()).to_numpy()
    codes = np.full(len(events), "", dtype=object)
    outside = 0
    if eligible.any():
        pts = events.loc[eligible, ["longitude", "latitude"]].astype(float)
        uniq = pts.drop_duplicates().reset_index(drop=True)
        where = gpd.GeoDataFrame(uniq, geometry=gpd.points_from_xy(uniq["longitude"], uniq["latitude"]),
                                 crs=polygons.crs)
        hit = gpd.sjoin(where, polygons[["iso_3166_2", "geometry"]], how="left", predicate="intersects")
        hit = hit[~hit.index.duplicated(keep="first")]  # a point on a shared border: the first polygon
        by_point = pd.Series(hit["iso_3166_2"].fillna("").to_numpy(),
                             index=pd.MultiIndex.from_frame(uniq[["longitude", "latitude"]]))
        found = by_point.reindex(pd.MultiIndex.from_frame(pts)).to_numpy()
        codes[eligible] = found
        outside = int((found == "").sum())
    out = pd.Series(codes, index=events.index, dtype="str")
    given = admin1_code(events["admin1_as_given"], name_index(polygons))
    differ = (out != "") & (given != "") & (out != given)
    cols = ["source", "source_id", "admin1_as_given", "latitude", "longitude", "location_precision"]
    dis = events.loc[differ, cols].assign(admin1_code=given[differ], polygon_code=out[differ])
    return Placed(out, dis.reset_index(drop=True), outside)
