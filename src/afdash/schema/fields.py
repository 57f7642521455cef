"""Typed field specifications: one definition per column gives the source parser, the pandera
schema that guards the clean data, and the Data Package field description.

Source files are read as text and parsed here so that every bad cell can be reported by file,
row and column, the way a person fixing a CSV needs it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

TYPES = ("string", "integer", "number", "boolean", "date")
LIST_SEP = "|"
# Dates the report's data can plausibly carry: from the Soviet intervention to a few years past publication.
# A year 1 or 9999 is a typo that would crash charts, never a fact.
DATE_WINDOW = (date(1979, 1, 1), date(2030, 12, 31))
# Parquet's Int64 holds these; a larger integer in a source is a typo, reported rather than overflowing.
INT_RANGE = (-(2**63), 2**63 - 1)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = True
    unit: str | None = None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    unique: bool = False
    is_list: bool = False  # `|`-separated values in one cell
    # Another dataset's key this field points to ("actors", "report_sources", "provinces") or "iso3";
    # the build checks every value and names the row that points nowhere.
    references: str | None = None
    # Dates only: the plausible window (earliest, latest), checked by the build and the loaders.
    window: tuple[date, date] = DATE_WINDOW

    def descriptor(self) -> dict:
        """Frictionless Table Schema field."""
        d: dict = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            d["unit"] = self.unit
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum is not None and not self.is_list:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None and not self.is_list:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.type == "date":
            constraints["minimum"], constraints["maximum"] = (d.isoformat() for d in self.window)
        if constraints:
            d["constraints"] = constraints
        if self.is_list:
            d["listDelimiter"] = LIST_SEP  # a list in one text cell; Table Schema has no list format
        if self.references:
            d["references"] = self.references
        return d


@dataclass
class CellError:
    file: str
    row: int  # 1-based line number in the file, header = 1
    column: str
    value: str
    problem: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
        return f"{self.file}, row {self.row}, column '{self.column}': {self.problem} (value: {shown!r})"


@dataclass
class ParseResult:
    frame: pd.DataFrame
    errors: list[CellError] = field(default_factory=list)


def line_of(index: int) -> int:
    """Data row i (0-based) sits on line i + 2: the header is line 1."""
    return int(index) + 2


# ASCII only: Python's int(), float() and \d also take "1_0", "+5", Arabic-Indic digits, "inf" and "nan",
# none of which a person fixing a CSV means as a number.
_INT_RE = re.compile(r"-?[0-9]+")
_NUMBER_RE = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_DIGITS = 40  # far beyond INT_RANGE, and short of Python's int-parsing limit


def _parse_cell(f: Field, raw: str) -> tuple[object, str | None]:
    """(value, None), or (None, problem) for a cell a person must fix. Never raises."""
    text = str(raw).strip()
    if text == "":
        return (None, "required value is empty") if f.required else (None, None)
    if f.type == "string":
        return text, None
    if f.type == "integer":
        return _integer(text)
    if f.type == "number":
        return _number(text)
    if f.type == "boolean":
        if text.lower() not in ("true", "false"):
            return None, "not true/false"
        return text.lower() == "true", None
    if f.type == "date":
        return _date(text, f.window)
    raise AssertionError(f.type)


def _integer(text: str) -> tuple[int | None, str | None]:
    if not _INT_RE.fullmatch(text):
        return None, "not a whole number (ASCII digits, optional leading '-')"
    if len(text.lstrip("-")) > _MAX_DIGITS or not INT_RANGE[0] <= int(text) <= INT_RANGE[1]:
        return None, f"whole number too large (allowed: {INT_RANGE[0]} to {INT_RANGE[1]})"
    return int(text), None


def _number(text: str) -> tuple[float | None, str | None]:
    if not _NUMBER_RE.fullmatch(text):
        return None, "not a number (ASCII digits, optional '-', '.' and exponent)"
    value = float(text)
    if not math.isfinite(value):
        return None, "number too large (not finite)"
    return value, None


def _date(text: str, window: tuple[date, date]) -> tuple[pd.Timestamp | None, str | None]:
    if not _DATE_RE.fullmatch(text):
        return None, "not an ISO date (YYYY-MM-DD)"
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        return None, f"not a calendar date: {exc}"
    if not window[0] <= day <= window[1]:
        return None, f"date outside the plausible window {window[0]}..{window[1]}"
    return pd.Timestamp(day), None


def read_csv_text(path: Path) -> pd.DataFrame:
    """All cells as text. A file that is missing, a folder, empty or not UTF-8 is rejected, naming the line."""
    data = read_source_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceFileError(
            [CellError(path.name, line, "-", repr(data[exc.start : exc.start + 8]), "file is not UTF-8 text")]
        ) from None
    if text.strip() == "":
        raise SourceFileError([CellError(path.name, 1, "-", "", "file is empty (no header row)")])
    return _table(path.name, text.removeprefix("\ufeff"))


def _table(file: str, text: str) -> pd.DataFrame:
    """The CSV as a frame of strings. Read with the csv module rather than pandas, which takes a row with one
    cell too many as an index and shifts every value left without a word; here it is a reported problem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [r for r in reader if r]  # blank lines carry nothing
    except csv.Error as exc:
        raise SourceFileError([CellError(file, reader.line_num, "-", "", f"malformed CSV: {exc}")]) from None
    header, body = rows[0], rows[1:]
    errors = [CellError(file, 1, name, name, "column appears twice in the header")
              for i, name in enumerate(header) if name in header[:i]]
    errors += [CellError(file, line_of(i), "-", str(len(r)), f"row has {len(r)} cells, the header {len(header)}")
               for i, r in enumerate(body) if len(r) != len(header)]
    if errors:
        raise SourceFileError(errors)
    return pd.DataFrame(body, columns=header, dtype=str)


def read_source_bytes(path: Path) -> bytes:
    """A source file's bytes, or a SourceFileError saying why there are none (missing, a folder, unreadable)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problem = "file is missing"
    except IsADirectoryError:
        problem = "is a folder, not a file"
    except NotADirectoryError:
        problem = "a folder on its path is a file"
    except OSError as exc:
        problem = f"cannot be read: {exc.strerror or exc}"
    raise SourceFileError([CellError(path.name, 0, "-", str(path), problem)])


class SourceFileError(ValueError):
    """One or more bad cells; the message lists each by file, row and column."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        head = "\n".join(f"  - {e}" for e in errors[:20])
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} problem(s) in source data:\n{head}{more}")


def parse(path: Path, fields: list[Field]) -> ParseResult:
    """Typed frame with exactly the specified columns, plus every cell-level problem found."""
    raw = read_csv_text(path)
    errors: list[CellError] = []
    names = [f.name for f in fields]
    missing = [n for n in names if n not in raw.columns]
    extra = [c for c in raw.columns if c not in names]
    for n in missing:
        errors.append(CellError(path.name, 1, n, "", "column is missing from the header"))
    for c in extra:
        errors.append(CellError(path.name, 1, c, "", "column is not in the dataset's schema"))
    if missing:
        raise SourceFileError(errors)
    out: dict[str, list] = {n: [] for n in names}
    for i, rec in enumerate(raw.to_dict(orient="records")):
        for f in fields:
            value, problem = _parse_cell(f, rec[f.name])
            if problem:
                errors.append(CellError(path.name, line_of(i), f.name, rec[f.name], problem))
            out[f.name].append(value)
    frame = pd.DataFrame(out, columns=names)
    return ParseResult(coerce(frame, fields), errors)


def span_errors(file: str, frame: pd.DataFrame, spans: list[tuple[str, str]]) -> list[CellError]:
    """Rows whose end date comes before their start date, by file, row and the end column."""
    errors = []
    for start, end in spans:
        bad = frame[frame[end].notna() & frame[start].notna() & (frame[end] < frame[start])]
        for i, row in bad.iterrows():
            errors.append(CellError(file, line_of(i), end, str(row[end].date()),
                                    f"ends before {start} ({row[start].date()})"))
    return errors


def coerce(frame: pd.DataFrame, fields: list[Field]) -> pd.DataFrame:
    """Give each column the dtype its schema expects."""
    frame = frame.copy()
    for f in fields:
        col = frame[f.name]
        if f.type == "integer":
            frame[f.name] = pd.array([None if pd.isna(v) else int(v) for v in col], dtype="Int64")
        elif f.type == "number":
            frame[f.name] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif f.type == "boolean":
            frame[f.name] = col.map(lambda v: bool(v) if v is not None else False).astype(bool)
        elif f.type == "date":
            frame[f.name] = pd.to_datetime(col, errors="coerce").astype("datetime64[us]")
        else:
            frame[f.name] = col.astype("str")
    return frame
