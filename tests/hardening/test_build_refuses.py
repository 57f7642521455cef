"""`afdash build-data` on broken sources: non-finite numbers, impossible dates, ends before starts, oversized
integers, empty/blank/missing files, a folder where a file belongs, a missing or malformed vendor manifest.
Each must exit with status 1 naming file, row and column, print no traceback, and leave the last good
data/clean/ and datapackage.json as they were.

The command runs in-process on a copy of data/, building only the broken dataset and the ones its references
need, so each case takes a second or two; two cases also run the real command in a subprocess on every dataset.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from afdash import cli
from afdash.core.paths import PROJECT_ROOT
from afdash.store import catalogue

pytestmark = pytest.mark.pipeline

REFERENCED = ("actors", "report_sources", "provinces")  # what the reference check needs to run at all


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(dataset: str, column: str, value: str | Callable[[dict], str], where: Callable[[dict], bool]
             = lambda r: True) -> Callable[[Path], str]:
    """A breaker: sets `column` in the first row matching `where`; returns the 'row N' the build must name."""
    def brk(data: Path) -> str:
        path = data / "sources" / f"{dataset}.csv"
        header, rows = _rows(path)
        i = next(i for i, r in enumerate(rows) if where(dict(zip(header, r, strict=True))))
        rec = dict(zip(header, rows[i], strict=True))
        rows[i][header.index(column)] = value(rec) if callable(value) else value
        _write(path, header, rows)
        return f"row {i + 2}"
    return brk


def day_before(col: str) -> Callable[[dict], str]:
    return lambda rec: (date.fromisoformat(rec[col]) - timedelta(days=1)).isoformat()


def replace_file(dataset: str, content: bytes | None) -> Callable[[Path], str]:
    """None: delete the file; b"<dir>": a folder in its place; else new bytes."""
    def brk(data: Path) -> str:
        path = data / "sources" / f"{dataset}.csv"
        path.unlink()
        if content == b"<dir>":
            path.mkdir()
        elif content is not None:
            path.write_bytes(content)
        return ""
    return brk


def edit_lines(dataset: str, fn: Callable[[list[str]], list[str]]) -> Callable[[Path], str]:
    def brk(data: Path) -> str:
        path = data / "sources" / f"{dataset}.csv"
        path.write_text("\n".join(fn(path.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
        return ""
    return brk


# (id, dataset to build, breaker, words the message must contain besides the file and row)
CELL_CASES = [
    ("number-inf", "key_figures", set_cell("key_figures", "value", "inf"), ["column 'value'", "not a number"]),
    ("number-nan", "key_figures", set_cell("key_figures", "value", "nan"), ["column 'value'", "not a number"]),
    ("number-1e999", "key_figures", set_cell("key_figures", "low", "1e999", lambda r: r["low"] != ""),
     ["column 'low'", "not finite"]),
    ("integer-underscore", "civilian_casualties", set_cell("civilian_casualties", "value", "1_0"),
     ["column 'value'", "whole number"]),
    ("integer-plus", "civilian_casualties", set_cell("civilian_casualties", "value", "+5"), ["column 'value'"]),
    ("integer-arabic-indic", "civilian_casualties", set_cell("civilian_casualties", "value", "٣"),
     ["column 'value'"]),
    ("integer-too-large", "civilian_casualties", set_cell("civilian_casualties", "value", "9" * 30),
     ["column 'value'", "too large"]),
    ("integer-beyond-int64", "armed_groups", set_cell("armed_groups", "footnote", str(2**63),
                                                      lambda r: r["footnote"] != ""), ["column 'footnote'"]),
    ("date-year-1", "events", set_cell("events", "date_start", "0001-01-01"), ["column 'date_start'", "window"]),
    ("date-year-9999", "events", set_cell("events", "date_start", "9999-12-31"), ["column 'date_start'", "window"]),
    ("date-2031", "civilian_casualties", set_cell("civilian_casualties", "period_end", "2031-01-01"),
     ["column 'period_end'", "window"]),
    ("events-end-before-start", "events",
     set_cell("events", "date_end", day_before("date_start"), lambda r: r["date_end"] != ""),
     ["column 'date_end'", "before date_start"]),
    ("casualties-end-before-start", "civilian_casualties",
     set_cell("civilian_casualties", "period_end", day_before("period_start")),
     ["column 'period_end'", "before period_start"]),
    ("key-figures-end-before-start", "key_figures",
     set_cell("key_figures", "period_end", day_before("period_start"), lambda r: r["period_start"] != ""),
     ["column 'period_end'", "before period_start"]),
    ("file-empty", "armed_groups", replace_file("armed_groups", b""), ["row 1", "empty"]),
    ("file-blank", "armed_groups", replace_file("armed_groups", b"  \n\t \r\n"), ["row 1", "empty"]),
    ("file-missing", "armed_groups", replace_file("armed_groups", None), ["missing"]),
    ("file-is-a-folder", "armed_groups", replace_file("armed_groups", b"<dir>"), ["folder"]),
    ("row-with-an-extra-cell", "regional_projects", edit_lines("regional_projects", lambda ls: [
        *ls[:2], ls[2] + ",extra", *ls[3:]]), ["row 3", "cells"]),
    ("every-row-with-an-extra-cell", "regional_projects", edit_lines("regional_projects", lambda ls: [
        ls[0], *(line + ",extra" for line in ls[1:])]), ["row 2", "cells"]),
    ("column-twice", "regional_projects", edit_lines("regional_projects", lambda ls: [
        ls[0] + "," + ls[0].split(",")[0], *(line + ",x" for line in ls[1:])]), ["row 1", "twice"]),
    ("file-not-utf8", "armed_groups", replace_file("armed_groups", b"group_id\n\xff\xfe\n"), ["row 2", "UTF-8"]),
]


def _digests(data: Path) -> dict[str, str]:
    files = [*sorted((data / "clean").iterdir()), data / "datapackage.json"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _run_cli(monkeypatch, capsys, data: Path, names: list[str] | None) -> tuple[int, str]:
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data))
    if names is not None:
        monkeypatch.setattr(catalogue, "DATASETS", [catalogue.get(n) for n in names])
    code = cli.main(["build-data"])  # an exception here is the traceback the user would see
    return code, capsys.readouterr().err


@pytest.mark.parametrize("dataset,brk,words", [pytest.param(*c[1:], id=c[0]) for c in CELL_CASES])
def test_build_data_refuses_naming_file_row_and_column(data_copy, monkeypatch, capsys, dataset, brk, words):
    before = _digests(data_copy)
    row = brk(data_copy)
    code, err = _run_cli(monkeypatch, capsys, data_copy, [dataset, *(n for n in REFERENCED if n != dataset)])
    assert code == 1, err
    for needle in [f"{dataset}.csv", row, *words]:
        assert needle in err, f"{needle!r} not in: {err}"
    assert "Traceback" not in err
    assert _digests(data_copy) == before, "a failed build must leave data/clean/ untouched"


def _manifest(data: Path) -> Path:
    return data / "vendor" / "manifest.json"


def _edit_manifest(fn: Callable[[dict], object]) -> Callable[[Path], None]:
    def brk(data: Path) -> None:
        doc = json.loads(_manifest(data).read_text(encoding="utf-8"))
        _manifest(data).write_text(json.dumps(fn(doc)), encoding="utf-8")
    return brk


def _entry(doc: dict, **changes) -> dict:
    doc["files"][0].update(changes)
    for k, v in changes.items():
        if v is None:
            del doc["files"][0][k]
    return doc


def _vendored_file_is_a_folder(data: Path) -> None:
    entry = json.loads(_manifest(data).read_text(encoding="utf-8"))["files"][0]
    path = data / "vendor" / entry["path"]
    path.unlink()
    path.mkdir()


VENDOR_CASES = [
    ("manifest-missing", lambda d: _manifest(d).unlink(), ["manifest.json", "missing"]),
    ("manifest-a-folder", lambda d: (_manifest(d).unlink(), _manifest(d).mkdir()), ["manifest.json"]),
    ("manifest-not-json", lambda d: _manifest(d).write_text('{"files": [', encoding="utf-8"),
     ["manifest.json", "line 1", "not valid JSON"]),
    ("manifest-empty", lambda d: _manifest(d).write_bytes(b""), ["manifest.json", "not valid JSON"]),
    ("manifest-a-list", _edit_manifest(lambda doc: doc["files"]), ["manifest.json", "files"]),
    ("manifest-files-not-a-list", _edit_manifest(lambda doc: {"files": {"a": 1}}), ["manifest.json", "files"]),
    ("entry-not-an-object", _edit_manifest(lambda doc: {"files": ["x"]}), ["manifest.json, entry 1"]),
    ("entry-without-sha256", _edit_manifest(lambda doc: _entry(doc, sha256=None)),
     ["manifest.json, entry 1", "'sha256'"]),
    ("entry-sha256-a-number", _edit_manifest(lambda doc: _entry(doc, sha256=12)),
     ["manifest.json, entry 1", "'sha256'"]),
    ("entry-path-escapes", _edit_manifest(lambda doc: _entry(doc, path="../sources/actors.csv")),
     ["manifest.json, entry 1", "'path'", "leaves data/vendor/"]),
    ("vendored-file-is-a-folder", _vendored_file_is_a_folder, ["manifest entry 1", "folder"]),
]


@pytest.mark.parametrize("brk,words", [pytest.param(*c[1:], id=c[0]) for c in VENDOR_CASES])
def test_build_data_refuses_a_broken_vendor_manifest(data_copy, monkeypatch, capsys, brk, words):
    before = _digests(data_copy)
    brk(data_copy)
    code, err = _run_cli(monkeypatch, capsys, data_copy, list(REFERENCED))
    assert code == 1, err
    for needle in ["vendor/", *words]:
        assert needle in err, f"{needle!r} not in: {err}"
    assert "Traceback" not in err
    assert _digests(data_copy) == before


@pytest.mark.parametrize("case", ["file-empty", "manifest-not-json"])
def test_the_real_command_prints_no_traceback(data_copy, case):
    """The console script itself, on every dataset, as a person runs it."""
    before = _digests(data_copy)
    if case == "file-empty":
        (data_copy / "sources" / "armed_groups.csv").write_bytes(b"")
    else:
        _manifest(data_copy).write_text('{"files": [', encoding="utf-8")
    env = {**os.environ, "AFDASH_DATA_DIR": str(data_copy)}
    afdash = shutil.which("afdash", path=os.path.dirname(sys.executable))
    cmd = [afdash, "build-data"] if afdash else [sys.executable, "-m", "afdash.cli", "build-data"]
    proc = subprocess.run(cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    assert ("armed_groups.csv, row 1" if case == "file-empty" else "vendor/manifest.json") in proc.stderr
    assert _digests(data_copy) == before
