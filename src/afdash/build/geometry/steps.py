"""Build steps that make the map layers from the vendored Natural Earth files. They need shapely, pyproj and
pycountry, so the catalogue names them as "afdash.build.geometry.steps:<function>" and only the build imports
this module."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from afdash.build.geometry import borders, countries, provinces
from afdash.schema.checks import COUNTRIES_RAW, PROVINCES_RAW, memo_on_files, province_crosswalk
from afdash.schema.fields import CellError, SourceFileError


@memo_on_files(PROVINCES_RAW, "sources/provinces.csv")
def province_features(base: Path) -> list[dict]:
    raw = json.loads((base / PROVINCES_RAW).read_text("utf-8"))
    try:
        return provinces.build_features(raw, province_crosswalk(base))
    except provinces.ProvinceError as exc:
        raise SourceFileError([CellError("provinces.csv", 0, "ne_adm1_code", "", str(exc))]) from exc


@memo_on_files(COUNTRIES_RAW)
def country_features(base: Path) -> list[dict]:
    return countries.build_features(json.loads((base / COUNTRIES_RAW).read_text("utf-8")))


@memo_on_files(COUNTRIES_RAW)
def regional_points(base: Path) -> pd.DataFrame:
    topology = json.loads((base / COUNTRIES_RAW).read_text("utf-8"))
    return pd.DataFrame(borders.points_table(topology))
