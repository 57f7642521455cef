"""CSV downloads that are safe to open in a spreadsheet.

A text cell beginning with = + - @ or a tab / carriage return / line feed can be run as a formula by
Excel, LibreOffice or Google Sheets (CSV injection). Such cells get a leading apostrophe, which the
spreadsheet shows as text. Numeric columns are written unchanged: -5 stays a number.
"""

from __future__ import annotations

import re

import pandas as pd

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells and column names alike: a wide table (states × channels) takes its headers from the data."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d")
        elif not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
            out[col] = s.map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """RFC 4180 CSV (CRLF, so cells holding CR or LF get quoted) in UTF-8 with a BOM, so spreadsheets
    pick the right encoding."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def file_name(dataset: str, filters: dict[str, object] | None = None) -> str:
    """e.g. afdash_events_category-attack_province-AF-KAB.csv — the name says what was filtered."""
    parts = ["afdash", dataset]
    for key, value in (filters or {}).items():
        if value in (None, "", [], ()):
            continue
        text = "+".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        parts.append(f"{key}-{text}")
    name = "_".join(parts)
    name = re.sub(r"[^A-Za-z0-9_.+-]+", "-", name)[:150]
    return f"{name}.csv"
