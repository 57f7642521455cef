"""One file's rows → the events table (afdash.userevents.columns), and the rows that fail, with reasons.

Checks are vectorised (a million rows parse in seconds). A row failing any check is left out as a whole
and listed once per failing cell in the rejects: row number (header = row 1), column, value, reason.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from afdash.intake import countries
from afdash.intake.read import Sheet
from afdash.userevents import columns as C

EARLIEST = pd.Timestamp("1946-01-01")  # UCDP's coverage starts in 1946 (ACD), GED in 1989; ACLED in 1997
UCDP_DATE_PREC = {1: "day", 2: "days", 3: "week", 4: "month", 5: "year"}
UCDP_WHERE_PREC = {1: "exact", 2: "near", 3: "district", 4: "province", 5: "ambiguous", 6: "country",
                   7: "international"}
ACLED_TIME_PREC = {1: "day", 2: "week", 3: "month"}
ACLED_GEO_PREC = {1: "exact", 2: "near", 3: "province"}
REJECT_COLUMNS = ["file", "row", "source_id", "column", "value", "reason"]


NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"


def _to_float(s: pd.Series) -> pd.Series:
    """Text → float, NaN where it is not a number; in Arrow, ~4× faster than pd.to_numeric on a million rows."""
    arr = pa.array(s, type=pa.large_string())
    ok = pc.match_substring_regex(arr, NUMBER)
    numbers = pc.cast(pc.if_else(ok, arr, pa.scalar(None, pa.large_string())), pa.float64())
    return pd.Series(numbers.to_numpy(zero_copy_only=False), index=s.index)


class Checker:
    """Collects failing cells of one sheet and which rows are out."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.n = len(sheet.frame)
        self.bad = np.zeros(self.n, dtype=bool)
        self.parts: list[pd.DataFrame] = []
        self.warnings: list[pd.DataFrame] = []
        self.ids = sheet.frame[sheet.fmt.required[0]].str.strip()

    def flag(self, mask, column: str, reason: str | pd.Series, *, warn_only: bool = False) -> None:
        """Rejects the rows in `mask` (or, with warn_only, keeps them and lists them as warnings)."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        idx = np.flatnonzero(mask)
        values = self.sheet.frame[column].iloc[idx] if column in self.sheet.frame else pd.Series([""] * len(idx))
        why = reason.iloc[idx].to_numpy() if isinstance(reason, pd.Series) else reason
        listed = pd.DataFrame({"file": self.sheet.name, "row": idx + 2, "source_id": self.ids.iloc[idx].to_numpy(),
                               "column": column, "value": values.to_numpy(), "reason": why})
        if warn_only:
            self.warnings.append(listed)
        else:
            self.bad |= mask
            self.parts.append(listed)

    @staticmethod
    def _listed(parts: list[pd.DataFrame]) -> pd.DataFrame:
        if not parts:
            return pd.DataFrame(columns=REJECT_COLUMNS)
        return pd.concat(parts, ignore_index=True).sort_values(["row", "column"], kind="stable")

    def rejects(self) -> pd.DataFrame:
        return self._listed(self.parts)

    def warned(self) -> pd.DataFrame:
        """Kept rows with a doubtful cell, among the rows not rejected."""
        w = self._listed(self.warnings)
        return w[~self.bad[w["row"].to_numpy(dtype=int) - 2]] if len(w) else w

    def text(self, column: str) -> pd.Series:
        f = self.sheet.frame
        return f[column].str.strip() if column in f else pd.Series([""] * self.n, index=f.index)

    def required_text(self, column: str) -> pd.Series:
        s = self.text(column)
        self.flag(s == "", column, "empty: a value is required")
        return s

    def number(self, column: str, *, required: bool, integer: bool = False, low: float | None = None,
               high: float | None = None, what: str = "") -> pd.Series:
        s = self.text(column)
        if integer:  # spreadsheets save whole numbers as "3.0"
            s = s.str.replace(r"\.0+$", "", regex=True)
        v = _to_float(s)
        empty = s == ""
        if required:
            self.flag(empty, column, "empty: a number is required")
        self.flag(~empty & v.isna(), column, "not a number")
        if integer:
            self.flag(v.notna() & (v != np.floor(v.fillna(0))), column, "not a whole number")
        if low is not None:
            self.flag(v < low, column, f"{what or 'value'} below {low:g}" if low else f"negative {what or 'value'}")
        if high is not None:
            self.flag(v > high, column, f"{what or 'value'} above {high:g}")
        return v

    def code(self, column: str, mapping: dict[int, str]) -> pd.Series:
        v = self.number(column, required=True, integer=True)
        out = v.map(mapping)
        keys = ", ".join(str(k) for k in mapping)
        self.flag(v.notna() & out.isna(), column, f"unknown code: expected one of {keys}")
        return out

    def date(self, column: str, text_formats: tuple[str, ...] = ()) -> pd.Series:
        s = self.text(column)
        iso = s.str.slice(0, 10)  # spreadsheets add " 00:00:00"
        d = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
        for fmt in text_formats:
            d = d.fillna(pd.to_datetime(s.where(d.isna()), format=fmt, errors="coerce"))
        empty = s == ""
        self.flag(empty, column, "empty: a date is required")
        looks_iso = iso.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
        self.flag(~empty & d.isna() & looks_iso, column, "impossible date (no such day)")
        self.flag(~empty & d.isna() & ~looks_iso, column, "not a date (expected YYYY-MM-DD)")
        today = pd.Timestamp(dt.datetime.now(dt.UTC).date())
        self.flag(d > today, column, "date in the future")
        self.flag(d < EARLIEST, column, f"date before {EARLIEST.year}")
        return d

    def duplicates(self, ids: pd.Series, column: str) -> None:
        dup = ids.duplicated(keep="first") & (ids != "")
        if dup.any():
            first = pd.Series(np.arange(self.n) + 2, index=ids.index).groupby(ids).transform("min")
            self.flag(dup, column, "duplicate id in this file (first on row " + first.astype(str) + ")")


def _country(ch: Checker, names: pd.Series, column: str, numeric: pd.Series | None = None) -> pd.Series:
    iso = names.map({n: countries.from_name(n) if n else None for n in names.unique()})
    if numeric is not None:
        iso = numeric.map({n: countries.from_numeric(n) if n else None for n in numeric.unique()}).fillna(iso)
    ch.flag(names.ne("") & iso.isna(), column, "unknown country name")
    ch.flag(names.eq("") & iso.isna(), column, "empty: a country is required")
    return iso


def _coordinates(ch: Checker, required: bool) -> tuple[pd.Series, pd.Series]:
    lat = ch.number("latitude", required=required, low=-90, high=90, what="latitude")
    lon = ch.number("longitude", required=required, low=-180, high=180, what="longitude")
    return lat, lon


def _deaths(ch: Checker, best_col: str, low_col: str | None, high_col: str | None):
    best = ch.number(best_col, required=True, integer=True, low=0, what="deaths")
    if low_col is None:
        return best, pd.Series(np.nan, index=best.index), pd.Series(np.nan, index=best.index)
    low = ch.number(low_col, required=True, integer=True, low=0, what="deaths")
    high = ch.number(high_col, required=True, integer=True, low=0, what="deaths")
    # Some GED releases carry a few events whose low or high lies on the wrong side of the best estimate:
    # the event is real, so it is kept and listed as a warning.
    ch.flag(low > best, low_col, "low estimate above the best estimate (kept)", warn_only=True)
    ch.flag(best > high, high_col, "best estimate above the high estimate (kept)", warn_only=True)
    return best, low, high


def _ucdp(ch: Checker) -> dict:
    ids = ch.required_text("id").str.replace(r"\.0+$", "", regex=True)
    ch.duplicates(ids, "id")
    start, end = ch.date("date_start"), ch.date("date_end")
    ch.flag(end < start, "date_end", "ends before it starts (date_start is later)")
    lat, lon = _coordinates(ch, required=True)
    best, low, high = _deaths(ch, "best", "low", "high")
    headline = ch.text("source_headline")
    return {
        "source_id": ids, "date_start": start, "date_end": end, "date_precision": ch.code("date_prec", UCDP_DATE_PREC),
        "country_iso3": _country(ch, ch.text("country"), "country"), "admin1_as_given": ch.text("adm_1"),
        "latitude": lat, "longitude": lon, "location_precision": ch.code("where_prec", UCDP_WHERE_PREC),
        "event_type": ch.code("type_of_violence", C.UCDP_VIOLENCE), "actor_1": ch.text("side_a"),
        "actor_2": ch.text("side_b"), "deaths_best": best, "deaths_low": low, "deaths_high": high,
        "description": headline.where(headline != "", ch.text("conflict_name")), C.REVISION: 0,
    }


def _ucdp_reduced(ch: Checker) -> dict:
    ids = ch.required_text("id").str.replace(r"\.0+$", "", regex=True)
    ch.duplicates(ids, "id")
    day = ch.date("date")
    best, low, high = _deaths(ch, "best", None, None)
    blank = pd.Series("", index=ids.index)
    return {
        "source_id": ids, "date_start": day, "date_end": day, "date_precision": "day",
        "country_iso3": _country(ch, ch.text("country"), "country"), "admin1_as_given": blank,
        "latitude": np.nan, "longitude": np.nan, "location_precision": "unknown",
        "event_type": ch.code("type_of_violence", C.UCDP_VIOLENCE), "actor_1": blank, "actor_2": blank,
        "deaths_best": best, "deaths_low": low, "deaths_high": high, "description": ch.text("conflict_name"),
        C.REVISION: 0,
    }


def _acled(ch: Checker) -> dict:
    ids = ch.required_text("event_id_cnty")
    ch.duplicates(ids, "event_id_cnty")
    day = ch.date("event_date", text_formats=("%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"))
    lat, lon = _coordinates(ch, required=True)
    best, low, high = _deaths(ch, "fatalities", None, None)
    stamp = ch.number("timestamp", required=False, integer=True, low=0, what="timestamp")
    return {
        "source_id": ids, "date_start": day, "date_end": day, "date_precision": ch.code("time_precision",
                                                                                          ACLED_TIME_PREC),
        "country_iso3": _country(ch, ch.text("country"), "country", ch.text("iso")),
        "admin1_as_given": ch.text("admin1"), "latitude": lat, "longitude": lon,
        "location_precision": ch.code("geo_precision", ACLED_GEO_PREC), "event_type": ch.required_text("event_type"),
        "actor_1": ch.text("actor1"), "actor_2": ch.text("actor2"), "deaths_best": best, "deaths_low": low,
        "deaths_high": high, "description": ch.text("notes"), C.REVISION: stamp.fillna(0),
    }


BUILDERS = {"ucdp-ged": _ucdp, "ucdp-candidate": _ucdp, "ucdp-candidate-reduced": _ucdp_reduced, "acled": _acled}


def normalise(sheet: Sheet) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(accepted rows in the events table's columns, province_code still empty; rejects; warnings)."""
    ch = Checker(sheet)
    parts = BUILDERS[sheet.fmt.name](ch)
    out = pd.DataFrame(parts, index=sheet.frame.index)
    out.insert(0, "source", sheet.fmt.source)
    keep = ~ch.bad
    out = out[keep].reset_index(drop=True)
    for col in ("deaths_best", "deaths_low", "deaths_high", C.REVISION):
        out[col] = out[col].astype("Int64")
    out["province_code"] = ""
    return out, ch.rejects(), ch.warned()
