"""Build data/clean/ and data/datapackage.json from data/sources/ and data/vendor/.

Every dataset goes through the same steps — produce (parse its CSV, or run its builder), validate
against its fields, resolve its references, run its checks — and every problem is collected before
anything is written. Output goes to a fresh folder that replaces data/clean/ only when all of it is
valid, so a failed build leaves the last good data untouched.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pycountry

from afdash.build import datapackage
from afdash.build.validate import schema, schema_errors
from afdash.core.paths import clean_dir, data_dir, datapackage_path, index_dir, vendor_dir
from afdash.maps import geojson
from afdash.schema.dataset import Dataset
from afdash.schema.fields import LIST_SEP, CellError, SourceFileError, coerce, line_of, parse, span_errors
from afdash.store import catalogue, vendor

BuildError = SourceFileError


def builder_of(ds: Dataset):
    """The dataset's builder, importing it when the catalogue names it as "module:function"."""
    if not isinstance(ds.builder, str):
        return ds.builder
    module, _, name = ds.builder.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass
class Built:
    dataset: Dataset
    table: pd.DataFrame  # tables; for geo layers, the feature properties
    features: list[dict] | None = None


def produce(ds: Dataset, base: Path, done: dict[str, Built] | None = None) -> tuple[Built, list[CellError]]:
    """Parse or build one dataset and validate it against its own schema; `done` holds the datasets built
    before it, for builders that derive from them (Dataset.needs)."""
    file = Path(ds.source).name
    if ds.builder is None:
        result = parse(base / ds.source, ds.fields)
        built, errors = Built(ds, result.frame), list(result.errors)
    else:
        built, errors = _run_builder(ds, base, done or {}), []
    if not errors:
        errors = schema_errors(file, built.table, schema(ds.fields, ds.key or None))
    if not errors:
        errors = span_errors(file, built.table, ds.spans)
    return built, errors


def _run_builder(ds: Dataset, base: Path, done: dict[str, Built]) -> Built:
    """A builder's output, typed. Its inputs are vendored files a person can break (a truncated download, a
    folder where a file belongs), so any failure is reported against the dataset's source, not as a traceback."""
    try:
        inputs = (base, {name: done[name].table for name in ds.needs}) if ds.needs else (base,)
        out = builder_of(ds)(*inputs)
        if ds.kind == "geo":
            props = pd.DataFrame([f["properties"] for f in out], columns=[f.name for f in ds.fields])
            return Built(ds, coerce(props, ds.fields), features=out)
        return Built(ds, coerce(out[[f.name for f in ds.fields]], ds.fields))
    except SourceFileError:
        raise
    except Exception as exc:  # reported with its file, never swallowed
        raise SourceFileError([CellError(Path(ds.source).name, 0, "-", "",
                                         f"cannot build {ds.name}: {type(exc).__name__}: {exc}")]) from None


REFERENCE_WORDS = {
    "actors": "unknown actor (not in actors.csv)",
    "report_sources": "unknown footnote (not in report_sources.csv)",
    "provinces": "unknown province (not an ISO 3166-2:AF code)",
    "iso3": "unknown country code (not ISO 3166-1 alpha-3)",
}


def _valid_values(built: dict[str, Built]) -> dict[str, set]:
    return {
        "actors": set(built["actors"].table["actor_id"]),
        "report_sources": set(built["report_sources"].table["footnote"].dropna().astype(int)),
        "provinces": set(built["provinces"].table["iso_3166_2"]),
        "iso3": {c.alpha_3 for c in pycountry.countries},
    }


def reference_errors(built: dict[str, Built]) -> list[CellError]:
    """Every field that points at another dataset must point at something that exists."""
    valid = _valid_values(built)
    errors: list[CellError] = []
    for b in built.values():
        file = Path(b.dataset.source).name
        for f in b.dataset.fields:
            if not f.references:
                continue
            allowed = valid[f.references]
            for i, v in b.table[f.name].items():
                if v is None or pd.isna(v):
                    continue
                for x in str(v).split(LIST_SEP) if f.is_list else [v]:
                    if (int(x) if f.references == "report_sources" else x) not in allowed:
                        errors.append(CellError(file, line_of(i), f.name, str(x), REFERENCE_WORDS[f.references]))
    return errors


REFERENCED = ("actors", "report_sources", "provinces")  # what reference_errors checks against


def collect(base: Path | None = None, only: Iterable[str] | None = None) -> dict[str, Built]:
    """Read and validate everything; raise BuildError listing every problem, or return the datasets.

    `only` validates just those datasets (and the ones references point into), without the dataset-level
    checks that read other tables: enough to find a bad cell in one file without building the package."""
    base = base or data_dir()
    vendor.verify(vendor_dir(base))
    wanted = None if only is None else {*only, *REFERENCED}
    built: dict[str, Built] = {}
    errors: list[CellError] = []
    for ds in catalogue.DATASETS:
        if wanted is not None and ds.name not in wanted:
            continue
        if ds.needs and (errors or not all(n in built for n in ds.needs)):
            continue  # derived from tables that failed (their errors say what to fix) or were not asked for
        try:
            b, errs = produce(ds, base, built)
        except SourceFileError as exc:  # a file that cannot be read at all: report it with the others
            errors += exc.errors
            continue
        built[ds.name] = b
        errors += errs
    if errors:
        raise BuildError(errors)
    errors += reference_errors(built)
    if only is not None:
        if errors:
            raise BuildError(errors)
        return built
    tables = {name: b.table for name, b in built.items()}
    for ds in catalogue.DATASETS:
        for check in ds.checks:
            try:
                errors += check(tables)
            except Exception as exc:  # a check that cannot even run is a data problem to report, not a crash
                errors.append(CellError(Path(ds.source).name, 0, "-", "",
                                        f"check {check.__name__} could not run: {type(exc).__name__}: {exc}"))
        n, (lo, hi) = len(built[ds.name].table), ds.rows
        if not lo <= n <= hi:
            errors.append(CellError(Path(ds.source).name, 0, "-", str(n), f"expected {lo}–{hi} rows"))
    if errors:
        raise BuildError(errors)
    return built


def _parquet(b: Built) -> pd.DataFrame:
    """The table as written: dates as calendar dates (Parquet date32), not timestamps, and empty numbers as
    nulls, not NaN, so readers other than afdash's (the Frictionless validator among them) see a date and an
    empty cell, not a time, NaT or "nan"."""
    out = b.table.copy()
    for f in b.dataset.fields:
        if f.type == "date":
            out[f.name] = out[f.name].map(lambda v: None if pd.isna(v) else v.date()).astype("object")
        elif f.type == "number":
            out[f.name] = out[f.name].astype("Float64")
    return out


def _write(built: dict[str, Built], target: Path) -> None:
    target.mkdir(parents=True)
    for b in built.values():
        out = target / Path(b.dataset.path).name
        if b.dataset.kind == "table":
            _parquet(b).to_parquet(out, index=False, engine="pyarrow", compression="zstd")
        else:
            out.write_text(geojson.dumps(geojson.collection(b.features)), encoding="utf-8")


# Indexes the app opens instead of building them at run time: dataset → "module:function(table, hash, folder)".
# Named as strings because the search engine sits above the build in the layers (pyproject's import contracts).
INDEXES = {"search_documents": "afdash.search.index_file:write"}


def write_indexes(built: dict[str, Built], descriptor: dict, clean: Path, folder: Path) -> None:
    """Write every index into `folder`, each from its dataset's file as written to `clean` (what the app reads)
    and stamped with the hash datapackage.json gives that file."""
    folder.mkdir(parents=True)
    hashes = {r["name"]: r["hash"] for r in descriptor["resources"]}
    for name, target in INDEXES.items():
        if name in built:
            module, _, fn = target.partition(":")
            table = pd.read_parquet(clean / Path(built[name].dataset.path).name)
            getattr(importlib.import_module(module), fn)(table, hashes[name], folder)


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
        staged_index = tmp / "index"
        write_indexes(built, descriptor, staged, staged_index)
        live = clean_dir(base)
        if live.exists():
            os.replace(live, tmp / "old")
        os.replace(staged, live)
        os.replace(staged_dp, datapackage_path(base))
        if index_dir(base).exists():
            os.replace(index_dir(base), tmp / "old-index")
        os.replace(staged_index, index_dir(base))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return built
