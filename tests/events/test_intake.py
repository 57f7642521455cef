"""Importing event files: counts, deaths, provinces, rejects, re-imports and newer releases."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from afdash import cli
from afdash.intake.pipeline import import_files
from afdash.userevents import store

from .support import ACLED_FIXTURE, GED_FIXTURE, UCDP_SAMPLE, acled_rows, shared_file, write

pytestmark = pytest.mark.pipeline


def stored(folder) -> pd.DataFrame:
    return pd.read_parquet(store.events_path(folder))


def test_ucdp_ged_sample_imports_with_its_counts_deaths_and_provinces(tmp_path):
    path = shared_file(UCDP_SAMPLE)
    with path.open(encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    result = import_files([path], tmp_path)
    s = result.files[0]
    assert (s.format, s.rows_read, s.rows_accepted, s.rows_rejected, s.inserted) == ("ucdp-ged", 174, 174, 0, 174)
    assert s.warnings == 9  # low/high on the wrong side of best in 9 published events: kept, listed
    ev = stored(tmp_path)
    assert len(ev) == len(raw) == 174
    assert ev["deaths_best"].sum() == sum(int(r["best"]) for r in raw) == 1100
    assert ev.groupby("country_iso3")["deaths_best"].sum().to_dict() == {"AFG": 915, "IRN": 4, "PAK": 161, "TJK": 20}
    afg = ev[ev["country_iso3"] == "AFG"]
    precise = afg["location_precision"].isin(["exact", "near", "district", "province"])
    assert (len(afg), int(precise.sum())) == (135, 132)
    assert (afg.loc[precise, "province_code"] != "").all()  # every precise Afghan event lies in a province
    assert (afg.loc[~precise, "province_code"] == "").all()  # country-level or ambiguous: no province
    assert (ev.loc[ev["country_iso3"] != "AFG", "province_code"] == "").all()
    assert s.province_disagreements == 0 and s.outside_provinces == 0
    by_id = ev.set_index("source_id")["province_code"]
    assert (by_id["401115"], by_id["212545"]) == ("AF-NAN", "AF-PIA")  # "Nangarhar province", "Paktya province"
    assert ev["province_code"].value_counts().head(3).to_dict() == {"": 42, "AF-KAN": 15, "AF-HEL": 13}


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    import_files([GED_FIXTURE], tmp_path)
    before = store.events_path(tmp_path).read_bytes()
    again = import_files([GED_FIXTURE], tmp_path).files[0]
    assert (again.inserted, again.replaced, again.unchanged) == (0, 0, 40)
    assert store.events_path(tmp_path).read_bytes() == before
    log = pd.read_parquet(store.imports_path(tmp_path))
    assert list(log["file"]) == ["ged_synthetic_40.csv"] * 2  # both imports recorded
    assert log["sha256"].nunique() == 1 and list(log["rows_read"]) == [40, 40]


def test_a_newer_acled_release_replaces_the_old_copy_and_an_older_one_does_not(tmp_path):
    rows = acled_rows(30)
    import_files([write(rows, tmp_path / "v1.csv")], tmp_path / "store")
    newer = rows.copy()
    newer.loc[:4, "fatalities"] = "99"
    newer.loc[:4, "timestamp"] = (newer.loc[:4, "timestamp"].astype(int) + 1000).astype(str)
    older = rows.copy()
    older.loc[10:12, "fatalities"] = "77"
    older.loc[10:12, "timestamp"] = (older.loc[10:12, "timestamp"].astype(int) - 1000).astype(str)
    s = import_files([write(newer, tmp_path / "v2.csv")], tmp_path / "store").files[0]
    assert (s.inserted, s.replaced, s.unchanged, s.replaced_ids) == (0, 5, 25, [f"SYN{i}" for i in range(1, 6)])
    s = import_files([write(older, tmp_path / "v0.csv")], tmp_path / "store").files[0]
    # rows 11–13 are older than the stored copy; so are rows 1–5 now that v2 replaced them
    assert (s.replaced, s.kept_newer, s.unchanged) == (0, 8, 22)
    ev = stored(tmp_path / "store").set_index("source_id")
    assert ev.loc["SYN1", "deaths_best"] == 99 and ev.loc["SYN11", "deaths_best"] != 77
    assert len(ev) == 30


def test_a_ged_release_replaces_candidate_events_of_the_same_id(tmp_path):
    ged = pd.read_csv(GED_FIXTURE, dtype=str, keep_default_na=False)
    cand = ged.head(5).copy()
    cand["best"] = cand["high"] = "1000"
    folder = tmp_path / "store"
    import_files([write(cand, tmp_path / "candidate_25_1.csv")], folder)
    assert set(stored(folder)["source"]) == {"ucdp-candidate"}
    s = import_files([GED_FIXTURE], folder).files[0]
    assert (s.inserted, s.replaced) == (35, 5)
    ev = stored(folder)
    assert set(ev["source"]) == {"ucdp-ged"} and len(ev) == 40
    s = import_files([write(cand, tmp_path / "candidate_again.csv")], folder, given="ucdp-candidate").files[0]
    assert s.kept_newer == 5 and set(stored(folder)["source"]) == {"ucdp-ged"}


def test_bad_rows_are_rejected_with_row_column_and_reason(tmp_path):
    rows = acled_rows(20)
    rows.loc[0, "fatalities"] = "-3"
    rows.loc[1, "event_date"] = "2021-02-30"
    rows.loc[2, "latitude"] = "95"
    rows.loc[3, "event_id_cnty"] = rows.loc[4, "event_id_cnty"]
    rows.loc[5, "geo_precision"] = "7"
    rows.loc[6, "event_id_cnty"] = ""
    rows.loc[7, "event_date"] = "2999-01-01"
    rows.loc[8, "longitude"] = "east"
    rows.loc[9, "country"], rows.loc[9, "iso"] = "Atlantis", ""
    result = import_files([write(rows, tmp_path / "bad.csv")], tmp_path / "store")
    s = result.files[0]
    assert (s.rows_read, s.rows_accepted, s.rows_rejected) == (20, 11, 9)
    rejects = pd.read_csv(result.rejects_file, dtype=str, keep_default_na=False)
    got = set(zip(rejects["row"], rejects["column"], rejects["reason"], strict=True))
    assert got == {
        ("2", "fatalities", "negative deaths"),
        ("3", "event_date", "impossible date (no such day)"),
        ("4", "latitude", "latitude above 90"),
        ("6", "event_id_cnty", "duplicate id in this file (first on row 5)"),
        ("7", "geo_precision", "unknown code: expected one of 1, 2, 3"),
        ("8", "event_id_cnty", "empty: a value is required"),
        ("9", "event_date", "date in the future"),
        ("10", "longitude", "not a number"),
        ("11", "country", "unknown country name"),
    }
    assert set(rejects["file"]) == {"bad.csv"}
    summary = json.loads((tmp_path / "store" / "imports" / result.report_dir.split("/")[-1] / "summary.json")
                         .read_text("utf-8"))
    assert summary["files"][0]["rows_rejected"] == 9
    assert len(stored(tmp_path / "store")) == 11


def test_location_precision_decides_whether_a_province_is_given_and_disagreements_are_counted(tmp_path):
    rows = acled_rows(6, seed=11)
    kabul, kandahar = (69.1, 34.53), (65.7, 31.61)
    for i, prec, admin1, (lon, lat) in ((0, "1", "Kabul", kabul), (1, "3", "Kabul", kabul),
                                        (2, "2", "Kandahar", kabul), (3, "1", "Kandahar", kandahar),
                                        (4, "1", "Helmand", (40.0, 10.0)), (5, "1", "Hilmand", kandahar)):
        rows.loc[i, ["geo_precision", "admin1", "longitude", "latitude", "country", "iso"]] = \
            [prec, admin1, str(lon), str(lat), "Afghanistan", "4"]
    s = import_files([write(rows, tmp_path / "p.csv")], tmp_path / "store").files[0]
    ev = stored(tmp_path / "store").set_index("source_id")
    assert list(ev.loc[[f"SYN{i}" for i in range(1, 7)], "province_code"]) == \
        ["AF-KAB", "AF-KAB", "AF-KAB", "AF-KAN", "", "AF-KAN"]
    assert s.province_disagreements == 2  # row 3 says Kandahar but lies in Kabul; row 6 "Hilmand" in Kandahar
    assert s.outside_provinces == 1  # an "Afghan" point far outside the country


def test_generated_acled_and_ged_fixtures_import_together(tmp_path):
    acled = pd.read_csv(ACLED_FIXTURE, dtype=str, keep_default_na=False)
    ged = pd.read_csv(GED_FIXTURE, dtype=str, keep_default_na=False)
    result = import_files([ACLED_FIXTURE, GED_FIXTURE], tmp_path)
    assert [(s.format, s.rows_accepted, s.rows_rejected) for s in result.files] == [("acled", 60, 0),
                                                                                   ("ucdp-ged", 40, 0)]
    ev = stored(tmp_path)
    assert ev.groupby("source")["deaths_best"].sum().to_dict() == {
        "acled": acled["fatalities"].astype(int).sum(), "ucdp-ged": ged["best"].astype(int).sum()}
    afg = ev[(ev["source"] == "acled") & (ev["country_iso3"] == "AFG")]
    assert (afg["province_code"] != "").all()  # ACLED precision 1–3 all allow a province
    assert result.events_stored == 100


def test_cli_json_summary_and_export(tmp_path, capsys):
    folder = tmp_path / "store"
    assert cli.main(["import-events", "--events-dir", str(folder), "--json", str(ACLED_FIXTURE)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["files"][0]["rows_accepted"] == 60 and summary["events_stored"] == 60
    out = tmp_path / "all.csv"
    assert cli.main(["export-events", "--events-dir", str(folder), str(out)]) == 0
    exported = pd.read_csv(out)
    assert len(exported) == 60 and list(exported.columns)[:3] == ["source", "source_id", "date_start"]


def test_events_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "elsewhere"))
    assert store.events_dir() == (tmp_path / "elsewhere").resolve()
    assert cli.main(["import-events", str(GED_FIXTURE)]) == 0
    assert store.has_events(tmp_path / "elsewhere")
