"""Typed field specifications: one definition per column gives the source parser, the pandera
schema that guards the clean data, and the Data Package field description.

Source files are read as text and parsed here so that every bad cell can be reported by file,
row and column, the way a person fixing a CSV needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TYPES = ("string", "integer", "number", "boolean", "date")
LIST_SEP = "|"


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


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_cell(f: Field, raw: str) -> tuple[object, str | None]:
    text = raw.strip()
    if text == "":
        return (None, "required value is empty") if f.required else (None, None)
    try:
        if f.type == "string":
            return text, None
        if f.type == "integer":
            if not re.fullmatch(r"-?\d+", text):
                return None, "not a whole number"
            return int(text), None
        if f.type == "number":
            return float(text), None
        if f.type == "boolean":
            if text.lower() not in ("true", "false"):
                return None, "not true/false"
            return text.lower() == "true", None
        if f.type == "date":
            if not _DATE_RE.match(text):
                return None, "not an ISO date (YYYY-MM-DD)"
            return pd.Timestamp(text), None
    except (ValueError, OverflowError) as exc:
        return None, f"cannot be read as {f.type}: {exc}"
    raise AssertionError(f.type)


def read_csv_text(path: Path) -> pd.DataFrame:
    """All cells as text. A file that is not UTF-8 is rejected with the line where decoding fails."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceFileError(
            [CellError(path.name, line, "-", repr(data[exc.start : exc.start + 8]), "file is not UTF-8 text")]
        ) from exc
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.ParserError as exc:
        raise SourceFileError([CellError(path.name, 0, "-", "", f"malformed CSV: {exc}")]) from exc


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
