"""Reading users' files (CSV, XLSX, or a zip of either) into tables of text, one per file.

Every cell is read as text and parsed later, so a bad cell becomes a reject naming its row and column
instead of failing the file. Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from afdash.intake.formats import Format, FormatError, detect

TABLE_SUFFIXES = (".csv", ".xlsx")
HEADER_BYTES = 1 << 16


@dataclass
class Sheet:
    name: str  # the file as the user knows it: "ged.csv" or "export.zip:acled.csv"
    fmt: Format
    frame: pd.DataFrame  # the format's columns as text ("" where empty); index 0 = row 2 of the file


@dataclass
class _Member:
    name: str
    suffix: str
    path: Path | None = None
    data: bytes | None = None

    def stream(self):
        return io.BytesIO(self.data) if self.data is not None else open(self.path, "rb")


def members(path: Path) -> Iterator[_Member]:
    """The tables in one file: the file itself, or each CSV/XLSX inside a zip."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise FormatError(f"{path}: no such file")
    if suffix == ".zip":
        yield from _zip_members(path)
    elif suffix in TABLE_SUFFIXES:
        yield _Member(path.name, suffix, path=path)
    else:
        raise FormatError(f"{path.name}: unknown file type {suffix or '(none)'}: give a .csv, .xlsx or .zip")


def _zip_members(path: Path) -> Iterator[_Member]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if Path(n).suffix.lower() in TABLE_SUFFIXES
                     and not n.startswith("__MACOSX/") and not n.endswith("/")]
            if not names:
                raise FormatError(f"{path.name}: the zip holds no .csv or .xlsx file")
            loaded = [(n, zf.read(n)) for n in names]
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, RuntimeError) as exc:
        raise FormatError(f"{path.name}: not a complete zip archive (half-written or damaged): {exc}") from exc
    for n, data in loaded:
        yield _Member(f"{path.name}:{n}", Path(n).suffix.lower(), data=data)


def read_sheet(member: _Member, given: str | None) -> Sheet:
    if member.suffix == ".xlsx":
        return _read_xlsx(member, given)
    return _read_csv(member, given)


def _header(member: _Member) -> list[str]:
    with member.stream() as f:
        head = f.read(HEADER_BYTES)
    if not head.strip():
        raise FormatError(f"{member.name}: the file is empty")
    first = head.splitlines()[0] if head.splitlines() else head
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{member.name}: row 1 (header), byte {exc.start + 1}: not UTF-8 text; save the file "
                          f"as CSV UTF-8") from exc
    return next(csv.reader([text]))


def _read_csv(member: _Member, given: str | None) -> Sheet:
    header = _header(member)
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    fmt = detect(header, member.name, given)
    wanted = [c for c in fmt.columns if c in names]
    try:
        with member.stream() as f:
            table = pacsv.read_csv(
                f,
                read_options=pacsv.ReadOptions(skip_rows=1, column_names=_unique(names), block_size=1 << 24),
                convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(wanted, pa.string()),
                                                     include_columns=wanted, strings_can_be_null=False),
            )
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "utf8" in str(exc).lower():
            raise FormatError(_utf8_message(member)) from exc
        raise FormatError(f"{member.name}: {_ragged_row(member, len(names)) or ''}cannot be read as CSV: "
                          f"{_arrow_reason(exc)}") from exc
    if table.num_rows == 0:
        raise FormatError(f"{member.name}: the file has a header but no rows")
    return Sheet(member.name, fmt, table.to_pandas().fillna(""))


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}__{seen[n]}")
    return out


def _ragged_row(member: _Member, width: int) -> str | None:
    """"row N: " for the first row whose number of cells differs from the header's (a cut-off or hand-edited
    file); Arrow's own message quotes the row but not its number."""
    with member.stream() as f:
        text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="replace", newline="")
        for n, row in enumerate(csv.reader(text), start=1):
            if len(row) != width and any(cell.strip() for cell in row):
                return f"row {n}: {len(row)} cells where the header has {width}; "
    return None


def _arrow_reason(exc: Exception) -> str:
    text = str(exc).split("\n")[0]
    return text.replace("CSV parse error: ", "")


def _utf8_message(member: _Member) -> str:
    """Where the first byte that is not UTF-8 sits: the line (row) and the byte within it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, on_line = 1, 0  # on_line: bytes of the current line seen before this chunk
    with member.stream() as f:
        while chunk := f.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                before = chunk[: exc.start]
                nl = before.rfind(b"\n")
                line += before.count(b"\n")
                col = exc.start - nl - 1 if nl >= 0 else on_line + exc.start
                return (f"{member.name}: row {line}, byte {col + 1} of the line: not UTF-8 text (found byte "
                        f"0x{chunk[exc.start]:02x}); save the file as CSV UTF-8")
            line += chunk.count(b"\n")
            nl = chunk.rfind(b"\n")
            on_line = len(chunk) - nl - 1 if nl >= 0 else on_line + len(chunk)
    return f"{member.name}: not UTF-8 text; save the file as CSV UTF-8"


def _read_xlsx(member: _Member, given: str | None) -> Sheet:
    try:
        with member.stream() as f:
            raw = pd.read_excel(f, dtype=str, header=None, engine="openpyxl")
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise FormatError(f"{member.name}: cannot be read as an Excel workbook (.xlsx): {exc}") from exc
    if raw.empty:
        raise FormatError(f"{member.name}: the file is empty")
    header = [str(h) if not pd.isna(h) else "" for h in raw.iloc[0]]
    fmt = detect(header, member.name, given)
    raw.columns = _unique([h.strip().lower() for h in header])
    body = raw.iloc[1:].reset_index(drop=True)
    if body.empty:
        raise FormatError(f"{member.name}: the file has a header but no rows")
    wanted = [c for c in fmt.columns if c in body.columns]
    return Sheet(member.name, fmt, body[wanted].fillna("").astype(str))
