"""Build data/clean/ and data/datapackage.json from data/sources/ and data/vendor/.

Every step has the same shape — read, parse against the catalogue's fields, validate, cross-check —
and every problem is collected before anything is written. Output goes to a fresh folder that replaces
data/clean/ only when all of it is valid, so a failed build leaves the last good data untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pycountry

from afdash import catalogue, countries, datapackage, geojson, provinces, vendor
from afdash.catalogue import Dataset
from afdash.fields import LIST_SEP as SEP
from afdash.fields import CellError, SourceFileError, coerce, line_of, parse, schema, schema_errors
from afdash.paths import clean_dir, data_dir, datapackage_path, sources_dir, vendor_dir

BuildError = SourceFileError


@dataclass
class Built:
    dataset: Dataset
    table: pd.DataFrame | None = None  # tables; for geo layers, the feature properties
    features: list[dict] | None = None


def _table(ds: Dataset, base: Path) -> tuple[Built, list[CellError]]:
    path = base / ds.source
    result = parse(path, ds.fields)
    errors = list(result.errors)
    if not errors:
        errors += schema_errors(path.name, result.frame, schema(ds.fields, ds.key or None))
    return Built(ds, table=result.frame), errors


def _geo(ds: Dataset, features: list[dict], file: str) -> tuple[Built, list[CellError]]:
    props = coerce(pd.DataFrame([f["properties"] for f in features]), ds.fields)
    props = props[[f.name for f in ds.fields]]
    return Built(ds, table=props, features=features), schema_errors(file, props, schema(ds.fields))


def _cross_checks(built: dict[str, Built], province_codes: set[str]) -> list[CellError]:
    """References between datasets: actors, footnotes, provinces, countries."""
    errors: list[CellError] = []
    actors = set(built["actors"].table["actor_id"])
    footnotes = set(built["report_sources"].table["footnote"].dropna().astype(int))
    iso3 = {c.alpha_3 for c in pycountry.countries}

    def check(name: str, column: str, valid: set, what: str, split: bool = False) -> None:
        frame = built[name].table
        for i, v in frame[column].items():
            if v is None or pd.isna(v):
                continue
            values = str(v).split(SEP) if split else [v]
            for x in values:
                if (int(x) if column == "footnote" else x) not in valid:
                    errors.append(CellError(f"{name}.csv", line_of(i), column, str(x), f"unknown {what}"))

    for name in ("civilian_casualties", "key_figures", "events"):
        check(name, "footnote", footnotes, "footnote (not in report_sources)")
    check("key_figures", "actor_id", actors, "actor (not in actors.csv)")
    check("events", "actor_ids", actors, "actor (not in actors.csv)", split=True)
    check("actors", "parent_id", actors, "parent actor (not in actors.csv)")
    check("key_figures", "province_iso", province_codes, "province (not an ISO 3166-2:AF code)")
    check("events", "province_iso", province_codes, "province (not an ISO 3166-2:AF code)")
    check("key_figures", "place_iso3", iso3, "country code (not ISO 3166-1 alpha-3)", split=True)
    check("events", "country_iso3", iso3, "country code (not ISO 3166-1 alpha-3)")
    check("actors", "iso3", iso3, "country code (not ISO 3166-1 alpha-3)")
    return errors


def _casualty_checks(frame: pd.DataFrame) -> list[CellError]:
    """The printed cell and the number must agree, and fatalities + wounded = total in every period."""
    errors = []
    for i, r in frame.iterrows():
        if pd.notna(r["value"]) and str(r["as_printed"]).replace(",", "") != str(r["value"]):
            errors.append(CellError("civilian_casualties.csv", line_of(i), "value", str(r["value"]),
                                    f"differs from as_printed {r['as_printed']!r}"))
    wide = frame.pivot_table(index="period_label", columns="measure", values="value", aggfunc="sum")
    for period, r in wide.iterrows():
        if r.get("fatalities", 0) + r.get("wounded", 0) != r.get("total", 0):
            errors.append(CellError("civilian_casualties.csv", 0, "value", str(period),
                                    "fatalities + wounded does not equal total"))
    return errors


def collect(base: Path | None = None) -> dict[str, Built]:
    """Read and validate everything; raise BuildError listing every problem, or return the datasets."""
    base = base or data_dir()
    vendor.verify(vendor_dir(base))
    built: dict[str, Built] = {}
    errors: list[CellError] = []
    for ds in catalogue.DATASETS:
        if ds.kind == "table":
            b, errs = _table(ds, base)
            built[ds.name], errors = b, errors + errs
    crosswalk_path = sources_dir(base) / "provinces.csv"
    crosswalk = pd.read_csv(crosswalk_path, dtype=str, keep_default_na=False)
    try:
        prov = provinces.build_features(json.loads((base / catalogue.PROVINCES.source).read_text("utf-8")),
                                        crosswalk)
    except provinces.ProvinceError as exc:
        raise BuildError([CellError("provinces.csv", 0, "ne_adm1_code", "", str(exc))]) from exc
    b, errs = _geo(catalogue.PROVINCES, prov, "provinces.csv")
    built["provinces"], errors = b, errors + errs
    topo = json.loads((base / catalogue.COUNTRIES.source).read_text("utf-8"))
    b, errs = _geo(catalogue.COUNTRIES, countries.build_features(topo), "countries-10m.json")
    built["countries"], errors = b, errors + errs
    if not errors:
        errors += _cross_checks(built, set(crosswalk["iso_3166_2"]))
        errors += _casualty_checks(built["civilian_casualties"].table)
    for ds in catalogue.DATASETS:
        n = len(built[ds.name].table)
        lo, hi = ds.rows
        if not errors and not lo <= n <= hi:
            errors.append(CellError(ds.source, 0, "-", str(n), f"expected {lo}–{hi} rows"))
    if errors:
        raise BuildError(errors)
    return built


def _write(built: dict[str, Built], target: Path) -> None:
    target.mkdir(parents=True)
    for b in built.values():
        out = target / Path(b.dataset.path).name
        if b.dataset.kind == "table":
            b.table.to_parquet(out, index=False, engine="pyarrow", compression="zstd")
        else:
            out.write_text(geojson.dumps(geojson.collection(b.features)), encoding="utf-8")


def build(base: Path | None = None) -> dict[str, Built]:
    """Validate, write to a temporary folder, then swap it in as data/clean/ in one step."""
    base = base or data_dir()
    built = collect(base)
    tmp = Path(tempfile.mkdtemp(prefix=".clean-new-", dir=base))
    try:
        staged = tmp / "clean"
        _write(built, staged)
        descriptor = datapackage.descriptor(built, staged)
        staged_dp = tmp / "datapackage.json"
        staged_dp.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        live = clean_dir(base)
        old = tmp / "old"
        if live.exists():
            os.replace(live, old)
        os.replace(staged, live)
        os.replace(staged_dp, datapackage_path(base))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return built
