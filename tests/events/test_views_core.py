"""Queries, charts, map and filter captions of the imported-events views, on a small generated store."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from afdash.core.paths import clean_dir
from afdash.intake.pipeline import import_files
from afdash.store import loaders
from afdash.userevents import charts, event_map, filters, query
from afdash.userevents.query import Filter

from .support import ACLED_FIXTURE, GED_FIXTURE, acled_rows, write

pytestmark = pytest.mark.unit


@pytest.fixture(scope="session")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("views")
    rows = acled_rows(5, seed=21)
    rows.loc[0, "notes"] = "=HYPERLINK(\"http://x\")"
    import_files([GED_FIXTURE, ACLED_FIXTURE, write(rows.assign(event_id_cnty="X" + rows["event_id_cnty"]),
                                                   tmp / "extra.csv")], tmp / "store")
    return tmp / "store"


@pytest.fixture(scope="session")
def table(folder):
    return query.open_table(folder)


@pytest.fixture(scope="session")
def frame(folder):
    return pd.read_parquet(folder / "events.parquet")


def test_open_table_is_none_without_imports(tmp_path):
    assert query.open_table(tmp_path) is None


def test_monthly_sums_match_the_rows(table, frame):
    m = query.monthly(table, Filter())
    assert m["events"].sum() == len(frame) == 105
    assert m["deaths"].sum() == frame["deaths_best"].sum()
    f = Filter(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), sources=("acled",))
    sub = frame[(frame["source"] == "acled") & (pd.to_datetime(frame["date_start"]).dt.year == 2020)]
    got = query.monthly(table, f)
    assert (got["events"].sum(), got["deaths"].sum()) == (len(sub), sub["deaths_best"].sum())
    assert query.count(table, f) == len(sub)


def test_provinces_and_actors(table, frame):
    p = query.provinces(table, Filter()).set_index("province_code")
    afg = frame[frame["country_iso3"] == "AFG"]
    assert p["events"].sum() == len(afg)
    assert p["events"].to_dict() == afg.groupby("province_code").size().to_dict()
    a = query.actors(table, Filter(), limit=100).set_index("actor")
    sides = pd.concat([frame["actor_1"], frame["actor_2"]])
    assert a["events"].to_dict() == sides[sides != ""].value_counts().to_dict()
    one = query.actors(table, Filter(province="AF-KAB"), limit=100)
    kab = frame[frame["province_code"] == "AF-KAB"]
    assert one["events"].sum() == (kab["actor_1"] != "").sum() + (kab["actor_2"] != "").sum()


def test_csv_has_exactly_the_filtered_rows_and_is_spreadsheet_safe(table, frame):
    f = Filter(sources=("acled",))
    raw = query.csv_bytes(table, f)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    got = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(got) == (frame["source"] == "acled").sum() == 65
    assert list(got.columns) == list(query.C.NAMES)
    assert "'=HYPERLINK(\"http://x\")" in set(got["description"])


def test_overview_gives_the_filter_options(table):
    opts = filters.options(query.overview(table))
    assert opts["sources"] == ["ucdp-ged", "acled"] and opts["events"] == 105
    assert opts["bounds"][0] >= dt.date(2017, 1, 1) and "AFG" in opts["countries"]


def test_filter_words_and_file_names():
    bounds = (dt.date(2017, 1, 1), dt.date(2024, 12, 31))
    f = Filter(start=dt.date(2020, 1, 1), types=("Battles",), province="AF-KAB")
    assert filters.describe(f, bounds) == "2020-01-01 to 2024-12-31; types: Battles; province AF-KAB"
    assert filters.file_filters(f, bounds)["period"] == "20200101-20241231"
    assert filters.file_filters(Filter(), bounds).get("period") is None


def test_map_classes_and_colour_key():
    assert event_map.breaks(pd.Series([0, 3, 7, 120])) == [24, 48, 72, 96, 120]
    assert event_map.breaks(pd.Series([0, 2])) == [1, 2]
    assert event_map.colour_of(0, [1, 2]) == event_map.EMPTY
    key = event_map.key([1, 2], "deaths")
    assert [label for _, label in key] == ["no deaths", "1 deaths", "2 deaths"]


def test_map_deck_is_offline_and_colours_provinces(table):
    provinces = loaders.load_geo("provinces", clean_dir().parent)
    deck, key = event_map.province_deck(provinces, query.provinces(table, Filter()), "events")
    assert deck.map_provider is None
    fills = {tuple(f["properties"]["fill"]) for f in deck.layers[0].data["features"]}
    assert len(fills) > 1
    assert len(key) >= 2 and "events" in key[-1][1]
    assert "<" not in "".join(label for _, label in key)


def test_charts_build_valid_specs(table):
    m = query.monthly(table, Filter())
    assert charts.monthly_chart(m).to_dict()["mark"]["type"] == "bar"
    assert charts.actors_chart(query.actors(table, Filter())).to_dict()
    report = loaders.load_table("events", clean_dir().parent)
    total, ticks = charts.overlay_frame(m, report)
    assert ticks["date_start"].between(total["month"].min(), total["month"].max() + pd.offsets.MonthEnd(0)).all()
    assert charts.overlay_chart(m, report).to_dict()["layer"]
    bundled = charts.report_monthly(report)
    recent = report[pd.to_datetime(report["date_start"]) >= charts.BUNDLED_FROM]
    assert bundled["events"].sum() == len(recent) and len(recent) > 50
    assert set(bundled["category"]) <= {*charts.SECURITY_CATEGORIES, charts.OTHER}
    assert charts.bundled_chart(report).to_dict()


def test_types_keep_ucdp_order_first():
    assert charts.type_order(["Riots", "one-sided violence", "state-based conflict"]) == [
        "state-based conflict", "one-sided violence", "Riots"]


def test_version_changes_with_an_import_and_follows_a_backend(tmp_path, monkeypatch):
    assert query.version(tmp_path) is None
    import_files([GED_FIXTURE], tmp_path)
    first = query.version(tmp_path)
    rows = acled_rows(3, seed=5)
    import_files([write(rows, tmp_path / "a.csv")], tmp_path)
    assert query.version(tmp_path) not in (None, first)
    monkeypatch.setenv(query.BACKEND_ENV, "duckdb://elsewhere.ddb")
    assert query.version(tmp_path) == ("duckdb://elsewhere.ddb", 0)


def test_the_same_queries_run_on_a_configured_backend(folder, frame, tmp_path, monkeypatch):
    import duckdb

    db = tmp_path / "shared.ddb"
    with duckdb.connect(str(db)) as con:
        con.execute(f"CREATE TABLE user_events AS SELECT * FROM read_parquet('{folder / 'events.parquet'}')")
    monkeypatch.setenv(query.BACKEND_ENV, f"duckdb://{db}")
    other = query.open_table(tmp_path / "empty")  # the folder is not read when a backend is configured
    assert query.count(other, Filter()) == len(frame)
    assert query.monthly(other, Filter())["deaths"].sum() == frame["deaths_best"].sum()


def test_long_periods_are_drawn_per_quarter_or_year_with_the_same_totals(table, frame):
    assert charts.MAX_BARS == 200
    assert charts.grain_for(dt.date(2008, 1, 1), dt.date(2024, 8, 31)) == "M"  # 200 months, one bar each
    assert charts.grain_for(dt.date(2008, 1, 1), dt.date(2024, 9, 1)) == "Q"
    assert charts.grain_for(dt.date(2021, 1, 1), dt.date(2022, 10, 31), series=9) == "M"  # 22 months × 9 types
    assert charts.grain_for(dt.date(2021, 1, 1), dt.date(2022, 11, 1), series=9) == "Q"
    assert charts.grain_for(dt.date(2017, 1, 1), dt.date(2024, 12, 31), series=9) == "Y"  # 32 quarters × 9 > 200
    assert charts.grain_for(dt.date(2017, 1, 1), dt.date(2024, 12, 31), series=3) == "Q"
    assert charts.grain_note("M") == "" and "quarter" in charts.grain_note("Q")
    by_month = query.monthly(table, Filter())
    for grain, unit in (("Q", "yearquarter"), ("Y", "year")):
        got = query.monthly(table, Filter(), grain)
        assert (got["events"].sum(), got["deaths"].sum()) == (len(frame), by_month["deaths"].sum())
        assert got["month"].nunique() < by_month["month"].nunique()
        assert (got["month"].dt.month.isin([1, 4, 7, 10] if grain == "Q" else [1])).all()
        spec = charts.monthly_chart(got, "deaths", grain).to_dict()
        assert spec["encoding"]["x"]["timeUnit"] == unit
        assert spec["encoding"]["y"]["title"].endswith(f"per {charts.GRAINS[grain][0]}")


def test_bundled_record_table_counts_every_recent_report_event():
    report = loaders.load_table("events", clean_dir().parent)
    recent = report[pd.to_datetime(report["date_start"]) >= charts.BUNDLED_FROM]
    table = charts.report_quarterly(report).set_index("Category")
    assert table.loc["All events", "Total"] == len(recent)
    assert (table.drop(index="All events").sum() == table.loc["All events"]).all()
    quarters = [c for c in table.columns if c != "Total"]
    assert quarters == sorted(quarters) and all(len(q) == 7 and " Q" in q for q in quarters)
    assert (table[quarters].sum(axis=1) == table["Total"]).all()


def test_the_page_module_leaves_the_engine_unimported():
    """Ibis and DuckDB load only when a view has events to query (a fresh interpreter, so other tests'
    imports do not count)."""
    import os
    import subprocess
    import sys

    from afdash.core.paths import PROJECT_ROOT

    path = os.pathsep.join([str(PROJECT_ROOT / "src"), str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")])
    code = ("import sys, pages.security.imported, afdash.briefing.areas.security; "
            "print(sorted(m for m in ('ibis', 'duckdb', 'afdash.userevents.query') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
                         env={**os.environ, "PYTHONPATH": path})
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_export_command_round_trips_and_writes_exactly_the_filtered_rows(folder, frame, tmp_path):
    from afdash import cli

    f = Filter(dt.date(2020, 1, 1), dt.date(2020, 12, 31), ("acled",), (), ("AFG",), None, "O'Brien `x` & co")
    args = cli._parser().parse_args(["export-events", *filters.cli_args(f), "out.csv"])
    assert filters.from_cli(args.start, args.end, args.source, args.type, args.country, args.province,
                            args.actor) == f
    assert filters.export_command(f, "out.csv").startswith("afdash export-events --from 2020-01-01 --to 2020-12-31")
    out = tmp_path / "acled2020.csv"
    wanted = Filter(dt.date(2020, 1, 1), dt.date(2020, 12, 31), ("acled",))
    assert cli.main(["export-events", "--events-dir", str(folder), *filters.cli_args(wanted), str(out)]) == 0
    sub = frame[(frame["source"] == "acled") & (pd.to_datetime(frame["date_start"]).dt.year == 2020)]
    got = pd.read_csv(out, dtype=str)
    assert 0 < len(got) == len(sub) and set(got["source_id"]) == set(sub["source_id"])
    assert cli.main(["export-events", "--events-dir", str(folder), "--from", "2020-13-01", str(out)]) == 2


def test_every_type_of_a_joint_import_has_its_own_colour_and_a_whole_name():
    colours = charts.type_colours(charts.TYPE_ORDER)
    assert len(charts.TYPE_ORDER) == 9 and len(set(colours.values())) == 9
    m = pd.DataFrame({"month": pd.to_datetime(["2021-01-01"] * 9), "event_type": list(charts.TYPE_ORDER),
                      "events": 1, "deaths": 1})
    legend = charts.monthly_chart(m).to_dict()["encoding"]["color"]["legend"]
    assert legend["labelLimit"] == 0  # "Explosions/Remote violence" was cut short
