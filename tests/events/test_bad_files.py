"""Files that cannot be imported: each gives a message naming the file (and row, column) and leaves the store
as it was."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from afdash import cli
from afdash.intake.formats import FormatError
from afdash.intake.pipeline import import_files
from afdash.userevents import store

from .support import ACLED_FIXTURE, GED_FIXTURE, UCDP_CANDIDATE, shared_file

pytestmark = pytest.mark.pipeline


@pytest.fixture
def folder(tmp_path):
    """A store holding the GED fixture, to prove a failed import leaves it alone."""
    out = tmp_path / "store"
    import_files([GED_FIXTURE], out)
    return out


def refused(paths, folder, message: str, given=None):
    before = store.events_path(folder).read_bytes()
    with pytest.raises(FormatError) as err:
        import_files(paths, folder, given)
    assert message in str(err.value)
    assert store.events_path(folder).read_bytes() == before
    return str(err.value)


def test_unknown_format(tmp_path, folder):
    p = tmp_path / "other.csv"
    p.write_text("a,b,c\n1,2,3\n", "utf-8")
    refused([p], folder, "other.csv: row 1 (header): unknown format")


def test_missing_column(tmp_path, folder):
    df = pd.read_csv(ACLED_FIXTURE, dtype=str).drop(columns=["fatalities"])
    p = tmp_path / "acled_cut.csv"
    df.to_csv(p, index=False)
    refused([p], folder, "acled_cut.csv: row 1 (header): missing column fatalities required for the acled format")


def test_wrong_format_given(folder):
    refused([ACLED_FIXTURE], folder, "missing columns id, type_of_violence", given="ucdp-ged")


def test_empty_file_and_header_only(tmp_path, folder):
    (tmp_path / "empty.csv").write_bytes(b"")
    refused([tmp_path / "empty.csv"], folder, "empty.csv: the file is empty")
    (tmp_path / "head.csv").write_text(GED_FIXTURE.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    refused([tmp_path / "head.csv"], folder, "head.csv: the file has a header but no rows")


def test_non_utf8_names_row_and_byte(tmp_path, folder):
    lines = GED_FIXTURE.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"Synthetic", b"Synth\xe9tic", 1)
    (tmp_path / "latin1.csv").write_bytes(b"\n".join(lines))
    msg = refused([tmp_path / "latin1.csv"], folder, "latin1.csv: row 4, byte")
    assert "not UTF-8" in msg and "0xe9" in msg


def test_half_written_zip(tmp_path, folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(ACLED_FIXTURE, "acled.csv")
    (tmp_path / "cut.zip").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    refused([tmp_path / "cut.zip"], folder, "cut.zip: not a complete zip archive")


def test_one_bad_file_stops_the_whole_batch(tmp_path, folder):
    (tmp_path / "empty.csv").write_bytes(b"")
    refused([ACLED_FIXTURE, tmp_path / "empty.csv"], folder, "empty.csv")
    assert set(pd.read_parquet(store.events_path(folder))["source"]) == {"ucdp-ged"}


def test_cli_reports_failure_on_stderr(tmp_path, folder, capsys):
    (tmp_path / "empty.csv").write_bytes(b"")
    assert cli.main(["import-events", "--events-dir", str(folder), str(tmp_path / "empty.csv")]) == 1
    err = capsys.readouterr().err
    assert "the events store was left as it was" in err and "empty.csv: the file is empty" in err


def test_zip_and_xlsx_are_read_like_csv(tmp_path):
    buf = tmp_path / "both.zip"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(ACLED_FIXTURE, "exports/acled.csv")
    xlsx = tmp_path / "ged.xlsx"
    pd.read_csv(GED_FIXTURE, dtype=str, keep_default_na=False).to_excel(xlsx, index=False)
    result = import_files([buf, xlsx], tmp_path / "store")
    assert [(s.file, s.format, s.rows_accepted) for s in result.files] == [
        ("both.zip:exports/acled.csv", "acled", 60), ("ged.xlsx", "ucdp-ged", 40)]


def test_reduced_candidate_file_is_detected(tmp_path):
    s = import_files([shared_file(UCDP_CANDIDATE)], tmp_path).files[0]
    assert (s.format, s.rows_read, s.rows_accepted, s.rows_rejected) == ("ucdp-candidate-reduced", 1382, 1382, 0)
    ev = pd.read_parquet(store.events_path(tmp_path))
    assert ev["deaths_best"].sum() == 5009 and (ev["province_code"] == "").all()
    assert set(ev["location_precision"]) == {"unknown"}


def test_a_cut_off_csv_names_the_row(tmp_path, folder):
    text = ACLED_FIXTURE.read_text("utf-8")
    cut = text[: text.index("\n", len(text) // 2) + 40]  # ends inside a row
    (tmp_path / "cut.csv").write_text(cut, "utf-8")
    msg = refused([tmp_path / "cut.csv"], folder, "cut.csv: row ")
    assert "cells where the header has 31" in msg


def test_an_unwritable_store_is_a_message_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "store"
    blocker.write_text("a file where the store folder should be", "utf-8")
    assert cli.main(["import-events", "--events-dir", str(blocker), str(GED_FIXTURE)]) == 1
    assert "import-events failed" in capsys.readouterr().err
