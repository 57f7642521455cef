"""External powers: the U.S. timeline's order and filters, the assets chart's arithmetic (printed vs derived),
the outside players, the influence shift, the map's data, the dataset checks and the page in AppTest."""

import functools
import json

import pandas as pd
import pytest

from afdash.core import downloads
from afdash.external import checks, players, powers, united_states, vocabulary
from afdash.external import reserves as assets

from ..apptest_support import open_page, page, query_param

PAGE = page("pages/external-powers.py")
_open = functools.partial(open_page, PAGE, timeout=90)


@pytest.fixture(scope="session")
def t(built):
    return {name: b.table for name, b in built.items()}


@pytest.fixture(scope="session")
def names(t):
    return players.actor_names(t["actors"])


def _timeline(t, **kw):
    return united_states.us_timeline(t["us_instruments"], t["events"], t["key_figures"], **kw)


# ------------------------------------------------------------------------------------------ timeline
def test_timeline_is_in_date_order_and_keeps_the_report_sequence(t):
    tl = _timeline(t, include_context=True)
    assert tl["date_start"].is_monotonic_increasing
    order = tl["event_id"].tolist()
    sequence = [
        "ev_20200229_doha_agreement",
        "ev_20210818_us_freezes_afghan_assets",
        "ev_20210828_us_drone_strike_nangarhar",
        "ev_20210829_us_drone_strike_kabul",
        "ev_20210908_blinken_demands_taliban",
        "ev_20211009_doha_us_taliban_talks",
        "ev_20211127_doha_second_round",
        "ev_20220111_usaid_308m_pledge",
        "ev_20220211_biden_order_afghan_assets",
        "ev_20220310_qatar_major_non_nato_ally",
    ]
    positions = [order.index(e) for e in sequence]
    assert positions == sorted(positions)


def test_the_issues_dates_are_all_on_the_timeline(t):
    tl = _timeline(t)
    dates = {(d.strftime("%Y-%m-%d"), title) for d, title in zip(tl["date_start"], tl["title"], strict=True)}
    days = {d for d, _ in dates}
    for day in ("2021-08-18", "2022-02-11", "2021-08-28", "2021-08-29", "2021-09-08", "2021-10-09", "2021-11-27",
                "2022-03-10", "2022-01-11"):
        assert day in days, day
    both_on_8_sep = tl[tl["date_start"] == pd.Timestamp("2021-09-08")]["instrument"].tolist()
    assert sorted(both_on_8_sep) == ["diplomatic", "multilateral"]  # demands + Germany ministerial
    doha = tl[tl["event_id"] == "ev_20211009_doha_us_taliban_talks"].iloc[0]
    assert doha["date"] == "9–10 Oct 2021"
    assert tl[tl["event_id"] == "ev_20211127_doha_second_round"].iloc[0]["date"] == "27–28 Nov 2021"


def test_timeline_figures_come_from_key_figures_with_their_wording(t):
    tl = _timeline(t).set_index("instrument_id")
    assert tl.loc["us_asset_freeze", "figures"].startswith("USD 9.5 billion")
    release = tl.loc["us_asset_release_order", "figures"]
    assert "USD 7 billion" in release and release.count("half") == 2
    assert tl.loc["usaid_emergency_pledge", "figures"].startswith("USD 308 million")
    assert tl.loc["us_aid_oct_2021_jan_2022", "figures"].startswith("USD 782 million")
    un = tl.loc["un_humanitarian_response_plan", "figures"]
    assert "USD 4.4 billion" in un and "USD 600 million" in un
    assert "fn. 84" in tl.loc["us_aid_oct_2021_jan_2022", "source"]
    assert "fn. 83" in tl.loc["us_blinken_demands", "source"]


def test_context_rows_only_on_request(t):
    default = _timeline(t)
    assert (default["date_start"] >= vocabulary.WITHDRAWAL).all()
    assert "ev_20200229_doha_agreement" not in default["event_id"].tolist()
    assert len(_timeline(t, include_context=True)) == len(default) + 2


def test_filter_by_instrument_keeps_exactly_those_rows(t):
    aid = _timeline(t, kinds=["aid"])
    assert sorted(aid["instrument_id"]) == ["us_aid_oct_2021_jan_2022", "usaid_emergency_pledge"]
    military = _timeline(t, kinds=["military"])
    assert set(military["instrument"]) == {"military"}
    assert {"us_drone_strike_nangarhar", "us_drone_strike_kabul"} <= set(military["instrument_id"])
    assert _timeline(t, kinds=[]).empty


def test_download_is_the_filtered_timeline(t):
    aid = _timeline(t, kinds=["aid"])
    csv = downloads.to_csv_bytes(aid.drop(columns=["date_start", "date_end"])).decode("utf-8-sig")
    lines = csv.strip().split("\r\n")
    assert len(lines) == 1 + len(aid)
    assert "USAID pledges USD 308 million" in csv and "Drone" not in csv


@pytest.mark.parametrize("start,end,precision,expected", [
    ("2021-08-18", None, "day", "18 Aug 2021"),
    ("2021-10-09", "2021-10-10", "day", "9–10 Oct 2021"),
    ("2021-11-01", None, "month", "Nov 2021"),
    ("2021-10-01", "2022-01-31", "month", "Oct 2021 – Jan 2022"),
    ("2005-01-01", None, "year", "2005"),
])
def test_date_labels_follow_precision(start, end, precision, expected):
    assert united_states.date_label(pd.Timestamp(start), pd.Timestamp(end) if end else pd.NaT, precision) == expected


def test_timeline_chart_marks_month_precision_and_spans(t):
    spec = united_states.timeline_chart(_timeline(t)).to_dict()
    data = next(iter(spec["datasets"].values()))
    shapes = {r["title"]: r["precision"] for r in data}
    assert shapes["Qatari embassy in Kabul to represent the US"] == "month only"
    assert shapes["US freezes USD 9.5 billion of Afghan central bank assets"] == "exact day"
    span = next(r for r in data if r["title"].startswith("US aid to Afghanistan"))
    assert (span["date_start"], span["date_end"]) == ("2021-10-01", "2022-01-31")


# ---------------------------------------------------------------------------------------- assets
def test_assets_arithmetic_comes_from_the_printed_rows(t):
    kf = t["key_figures"].set_index("figure_id")
    assert "9.5 billion" in kf.loc[assets.FROZEN, "as_printed"]
    assert "7 billion" in kf.loc[assets.RELEASED, "as_printed"]
    assert "half" in kf.loc[assets.HUMANITARIAN_SHARE, "as_printed"]
    assert "half" in kf.loc[assets.CLAIMS_SHARE, "as_printed"]
    v = assets.stages(t["key_figures"]).set_index("stage_id")["value_usd"]
    assert v["frozen"] == 9.5e9 and v["released"] == 7e9
    assert v["humanitarian"] == 3.5e9 and v["claims_9_11"] == 3.5e9
    assert v["humanitarian"] + v["claims_9_11"] == v["released"]  # 3.5 + 3.5 = 7
    assert v["frozen"] - v["released"] == v["not_released"] == 2.5e9  # 9.5 − 7 = 2.5
    assert assets.balance_errors(assets.stages(t["key_figures"])) == []


def test_printed_and_derived_are_told_apart(t):
    s = assets.stages(t["key_figures"]).set_index("stage_id")
    assert s.loc[["frozen", "released"], "provenance"].eq("printed").all()
    assert s.loc[["not_released", "humanitarian", "claims_9_11"], "provenance"].eq("derived").all()
    assert s.loc["humanitarian", "formula"] == f"{assets.RELEASED} × {assets.HUMANITARIAN_SHARE}"
    assert s.loc["not_released", "formula"] == f"{assets.FROZEN} − {assets.RELEASED}"
    assert s.loc["frozen", "figure_ids"] == assets.FROZEN


def test_derived_amounts_follow_the_inputs_not_constants(t):
    kf = t["key_figures"].copy()
    kf.loc[kf["figure_id"] == assets.FROZEN, "value"] = 10e9
    kf.loc[kf["figure_id"] == assets.HUMANITARIAN_SHARE, "value"] = 0.25
    v = assets.stages(kf).set_index("stage_id")["value_usd"]
    assert v["not_released"] == 3e9 and v["humanitarian"] == 1.75e9


def test_built_assets_table_equals_the_arithmetic(t):
    built = t["afghan_assets"].set_index("stage_id")["value_usd"]
    derived = assets.stages(t["key_figures"]).set_index("stage_id")["value_usd"]
    pd.testing.assert_series_equal(built, derived)
    assert assets.check(t) == []


def test_assets_check_catches_a_tampered_or_missing_figure(t):
    tampered = dict(t, afghan_assets=t["afghan_assets"].assign(
        value_usd=lambda f: f["value_usd"].where(f["stage_id"] != "humanitarian", 4e9)))
    problems = assets.check(tampered)
    assert any(e.column == "value_usd" and "×" in e.problem for e in problems)
    assert any("halves differ" in e.problem for e in problems)
    missing = dict(t, key_figures=t["key_figures"][t["key_figures"]["figure_id"] != assets.RELEASED])
    assert "no row" in assets.check(missing)[0].problem
    wrong_unit = t["key_figures"].copy()
    wrong_unit.loc[wrong_unit["figure_id"] == assets.FROZEN, "unit"] = "persons"
    with pytest.raises(assets.AssetFigureError, match="unit"):
        assets.stages(wrong_unit)


def test_assets_chart_encodes_derived_differently(t):
    spec = assets.chart(t["afghan_assets"]).to_dict()
    bars = spec["layer"][0]["encoding"]
    assert bars["strokeDash"]["field"] == "provenance_label"
    assert bars["fillOpacity"]["field"] == "provenance_label"
    assert bars["strokeDash"]["scale"]["domain"] == ["printed in the report", assets.DERIVED_LABEL]
    data = next(iter(spec["datasets"].values()))
    by_stage = {r["stage_id"]: r for r in data}
    assert by_stage["frozen"]["usd_bn"] == 9.5 and "(derived)" not in by_stage["frozen"]["text"]
    for s, bn in (("humanitarian", 3.5), ("claims_9_11", 3.5), ("not_released", 2.5)):
        assert by_stage[s]["usd_bn"] == bn and by_stage[s]["text"].endswith("(derived)")
        assert by_stage[s]["provenance_label"] == assets.DERIVED_LABEL
    assert by_stage["not_released"]["y1"] == by_stage["frozen"]["y1"] == 9.5


# --------------------------------------------------------------------------------------- players
def test_every_player_of_the_issue_has_rows_and_one_fit_judgement(t):
    p = t["external_players"]
    for a in vocabulary.POWERS:
        rows = p[p["actor_id"] == a]
        assert len(rows), a
        fit = rows[rows["aspect"] == "fit_with_russia_china"]
        assert len(fit) == 1 and fit["fit_class"].iloc[0] in vocabulary.FIT_CLASSES, a
    assert set(p.loc[p["actor_id"].isin(vocabulary.GROUPINGS), "kind"]) == {"grouping"}
    assert set(p.loc[p["actor_id"].isin(vocabulary.STATES), "kind"]) == {"state"}


def test_fit_classes_are_the_reports_and_otherwise_not_assessed(t):
    p = t["external_players"]
    fit = p[p["aspect"] == "fit_with_russia_china"].set_index("actor_id")["fit_class"]
    assert fit["nato"] == "divergent" and fit["quad"] == "divergent" and fit["aukus"] == "divergent"
    assert {fit[a] for a in ("pak", "irn", "tur", "qat")} == {"mixed"}  # "do not always coincide"
    assert {fit[a] for a in ("ind", "sau", "are", "isr", "i2u2", "ots")} == {"not_assessed"}
    assert p.loc[p["aspect"] != "fit_with_russia_china", "fit_class"].isna().all()


def test_player_profile_groups_by_aspect_and_cites(t):
    rows = players.player_rows(t["external_players"], "irn")
    profile = players.player_profile(rows)
    assert list(profile) == list(vocabulary.ASPECTS)
    assert any("Fatemiyoun" in i["text"] and "fn. 85" in i["source"] for i in profile["instruments"])
    assert players.player_profile(players.player_rows(t["external_players"], "isr"))["interests"] == []


def test_overview_joins_fit_and_influence(t, names):
    o = players.players_overview(t["external_players"], t["influence_shift"], names).set_index("player")
    assert o.loc["Pakistan", "influence after withdrawal"] == "↑ rose"
    assert o.loc["Qatar", "influence after withdrawal"] == "↑ rose (markedly)"
    assert o.loc["India", "influence after withdrawal"] == "not stated"
    assert o.loc["NATO", "fit with Russia/China"] == "divergent"
    assert len(o) == len(vocabulary.PLAYERS)


# ------------------------------------------------------------------------------------- influence
def test_influence_shift_is_the_reports_judgement(t):
    s = t["influence_shift"]
    direction = s.groupby("actor_id")["direction"].first().to_dict()
    assert direction == {"usa": "declined", "pak": "rose", "qat": "rose", "irn": "rose", "tur": "rose"}
    marked = set(s.loc[s["emphasis"] == "singled_out", "actor_id"])
    assert marked == {"qat", "tur"}
    assert set(s["section"]) == {"summary", "external_factors"}


def test_influence_chart_has_no_numeric_scale(t, names):
    spec = players.influence_chart(t["influence_shift"], names).to_dict()
    encodings = [e for layer in spec["layer"] for v in layer["encoding"].values()
                 for e in (v if isinstance(v, list) else [v])]
    types = [e.get("type") for e in encodings]
    assert "nominal" in types
    assert "quantitative" not in types and "temporal" not in types
    data = next(iter(spec["datasets"].values()))
    assert [r["player"] for r in data] == ["United States", "Pakistan", "Qatar", "Iran", "Turkey"]


# ------------------------------------------------------------------------------------------- map
@pytest.fixture(scope="session")
def geo(built):
    countries = {"type": "FeatureCollection", "features": built["countries"].features}
    return countries, built["provinces"].table, powers.representative_points(countries)


def _map(t, geo, names, power):
    countries, provinces, rep = geo
    return powers.map_layers_data(powers.power_rows(t["power_geography"], power), countries, provinces, rep, names)


def test_us_map_partners_presence_and_off_map_list(t, geo, names):
    m = _map(t, geo, names, "usa")
    assert {"QAT", "PAK", "TUR", "SAU", "ARE", "KWT", "BHR", "IND", "ISR", "UZB", "TJK", "TKM"} <= set(m["fills"])
    assert "AFG" not in m["fills"]
    assert {"USA", "JPN", "AUS", "GBR", "DEU", "CAN", "KOR"} <= set(m["off_map"]["iso3"])
    assert m["off_map"].set_index("iso3").loc["USA", "role"] == vocabulary.ROLES["self"]
    tips = " ".join(m["points"]["tip"])
    assert "Nangarhar" in tips and "28 Aug 2021" in tips and "29 Aug 2021" in tips
    assert "embassy for Afghanistan moved from Kabul to Doha" in tips
    kabul = t["provinces"].set_index("iso_3166_2").loc["AF-KAB"]
    at_kabul = m["points"][m["points"]["lat"] == kabul["label_lat"]].set_index("role")["lon"]
    assert at_kabul["presence"] == kabul["label_lon"]  # the embassy mark at Kabul's label point
    assert at_kabul["action"] == kabul["label_lon"] + vocabulary.SIDE_BY_SIDE_DEGREES  # the strike mark beside it


def test_grouping_members_and_public_record_rows(t, geo, names):
    quad = _map(t, geo, names, "quad")
    assert set(quad["fills"]) == {"IND"}
    assert set(quad["off_map"]["iso3"]) == {"USA", "JPN", "AUS"}
    assert set(quad["off_map"]["basis"]) == {"public record"}
    notes = powers.public_record_notes(powers.power_rows(t["power_geography"], "quad"))
    assert notes and all(n["url"].startswith("https://") for n in notes)
    ots = _map(t, geo, names, "ots")
    members = {k for k, v in ots["fills"].items() if v["fill"][:3] == [0, 114, 178]}
    assert members == {"TUR", "KAZ", "TKM", "UZB", "KGZ", "AZE"}  # exactly the report's six
    assert "could join in future" in ots["fills"]["AFG"]["tip"]
    ots_notes = powers.public_record_notes(powers.power_rows(t["power_geography"], "ots"))
    assert [n["iso3"] for n in ots_notes] == ["TKM"] and "observer" in ots_notes[0]["text"]


def test_off_map_countries_are_grouped_by_reason(t, geo, names):
    lines = powers.off_map_lines(_map(t, geo, names, "usa")["off_map"])
    assert lines[0] == "United States — the power itself"
    ministerial = [line for line in lines if "ministerial" in line]
    assert len(ministerial) == 1 and ministerial[0].startswith("United Kingdom, France, Germany, Italy, Spain")


def test_places_the_report_does_not_name_are_listed_not_drawn(t, geo, names):
    m = _map(t, geo, names, "pak")
    assert "no place named" in " ".join(m["unplaced"]["what"])
    assert "fn. 32" in m["unplaced"]["source"].iloc[0]
    assert not m["points"]["tip"].str.contains("Strikes on Afghan border").any()


def test_coloured_countries_leave_the_cached_layer_untouched(t, geo, names):
    countries = geo[0]
    before = json.dumps(countries["features"][0]["properties"], sort_keys=True)
    out = powers.coloured_countries(countries, _map(t, geo, names, "qat")["fills"])
    assert json.dumps(countries["features"][0]["properties"], sort_keys=True) == before
    props = {f["properties"]["iso3"]: f["properties"] for f in out["features"]}
    assert props["QAT"]["fill"][:3] == [0, 114, 178] and "Qatar" in props["QAT"]["tip"]
    assert props["MNG"]["tip"] == props["MNG"]["name"]


# ---------------------------------------------------------------------------------------- checks
def test_checks_pass_on_the_committed_data(t):
    for check in (checks.check_us_instruments, checks.check_external_players, checks.check_influence_shift,
                  checks.check_power_geography):
        assert check(t) == [], check.__name__


def test_checks_name_the_bad_row(t):
    ins = t["us_instruments"].copy()
    ins.loc[0, "event_id"] = "ev_nowhere"
    ins.loc[1, "figure_ids"] = "no_such_figure"
    errors = checks.check_us_instruments(dict(t, us_instruments=ins))
    assert {(e.row, e.column, e.value) for e in errors} == {(2, "event_id", "ev_nowhere"),
                                                          (3, "figure_ids", "no_such_figure")}
    wrong_date = t["us_instruments"].copy()
    i = wrong_date.index[wrong_date["instrument_id"] == "us_asset_freeze"][0]
    wrong_date.loc[i, "event_id"] = "ev_20220211_biden_order_afghan_assets"
    assert any("dated" in e.problem for e in checks.check_us_instruments(dict(t, us_instruments=wrong_date)))
    players = t["external_players"].copy()
    players = players[~((players["actor_id"] == "isr") & (players["aspect"] == "fit_with_russia_china"))]
    assert any(e.value == "isr" for e in checks.check_external_players(dict(t, external_players=players)))
    geo_rows = t["power_geography"].copy()
    j = geo_rows.index[geo_rows["basis"] == "public_record"][0]
    geo_rows.loc[j, "source_url"] = float("nan")
    assert any(e.column == "source_url" for e in checks.check_power_geography(dict(t, power_geography=geo_rows)))


# --------------------------------------------------------------------------------------- AppTest


def _chart_data(at) -> list[pd.DataFrame]:
    """The data behind each Vega-Lite chart on the page (Streamlit ships it as Arrow, apart from the spec)."""
    import pyarrow as pa

    return [pa.ipc.open_stream(c.proto.datasets[0].data.data).read_all().to_pandas()
            for c in at.get("vega_lite_chart")]


def _us_table(at) -> pd.DataFrame:
    """The U.S. instruments table, drawn as a Markdown table under the timeline."""
    text = next(m.value for m in at.markdown if m.value.startswith("| Date | Instrument |"))
    lines = text.splitlines()
    head = [c.strip() for c in lines[0].strip("|").split(" | ")]
    return pd.DataFrame([[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]], columns=head)


def test_default_view_is_the_us_timeline_with_its_table():
    at = _open()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "External powers"
    assert [h.value for h in at.header] == ["The United States"]
    assert len(at.get("vega_lite_chart")) == 1 and not at.get("deck_gl_json_chart")  # one chart per view
    assert not at.dataframe and len(_us_table(at)) == 18  # the post-withdrawal timeline, as a Markdown table
    assert "Report 80/2022" in " ".join(c.value for c in at.caption)
    assert at.toggle[0].value is False and at.multiselect[0].value == list(vocabulary.INSTRUMENTS)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download these 18 rows (CSV)" in labels
    assert "view" not in at.query_params  # the default view stays out of the URL


def test_reserves_view_shows_the_chart_its_amounts_and_sources():
    at = _open({"view": "reserves"})
    assert not at.exception and not at.warning
    assert [h.value for h in at.header] == ["The frozen central-bank reserves"]
    assert len(at.get("vega_lite_chart")) == 1 and not at.dataframe and not at.get("deck_gl_json_chart")
    captions = " ".join(c.value for c in at.caption)
    assert "derived from the report's figures" in captions and "Report 80/2022" in captions
    amounts = next(m.value for m in at.markdown if m.value.startswith("| amount |"))
    assert "| Frozen by the U.S. | 9\\.5 | printed |" in amounts  # Markdown-escaped: shown as 9.5
    assert "| Half for Afghanistan's humanitarian needs | 3\\.5 | derived from the report's figures |" in amounts
    assert [b.proto.label for b in at.get("download_button")] == ["Download the chart's five amounts (CSV)"]


def test_assets_chart_on_the_page_carries_printed_and_derived_rows():
    at = _open({"view": "reserves"})
    frame = next(f for f in _chart_data(at) if "provenance" in f.columns)
    by = frame.set_index("stage_id")
    assert by.loc["frozen", "usd_bn"] == 9.5 and by.loc["released", "usd_bn"] == 7
    assert set(by.index[by["provenance"] == "derived"]) == {"not_released", "humanitarian", "claims_9_11"}
    assert by.loc["humanitarian", "usd_bn"] + by.loc["claims_9_11", "usd_bn"] == by.loc["released", "usd_bn"]
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][0]["encoding"]["strokeDash"]["field"] == "provenance_label"


def test_players_view_shows_the_overview_and_one_players_profile():
    at = _open({"view": "players", "player": "qat"})
    assert not at.exception and not at.warning
    assert [h.value for h in at.header] == ["Other outside players"]
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == len(vocabulary.PLAYERS)  # the rest is text
    assert not at.get("vega_lite_chart") and not at.get("deck_gl_json_chart")
    assert at.selectbox[0].value == "qat" and "Qatar" in [s.value for s in at.subheader]
    assert any(b.proto.label.startswith("Download Qatar: ") for b in at.get("download_button"))


def test_influence_view_has_its_chart_and_the_judgement_in_words():
    at = _open({"view": "influence"})
    assert not at.exception and not at.warning
    assert [h.value for h in at.header] == ["The shift in influence"]
    assert len(at.get("vega_lite_chart")) == 1 and not at.dataframe
    assert "no numeric scale" in " ".join(m.value for m in at.markdown)
    assert "Report 80/2022" in " ".join(c.value for c in at.caption)
    assert [b.proto.label for b in at.get("download_button")] == ["Download these statements (CSV)"]


def test_map_view_draws_the_chosen_power():
    at = _open({"view": "map", "power": "quad"})
    assert not at.exception and not at.warning
    assert [h.value for h in at.header] == ["On the map"]
    assert len(at.get("deck_gl_json_chart")) == 1 and not at.dataframe and not at.get("vega_lite_chart")
    assert at.selectbox[0].value == "quad"
    off_map = [m.value for m in at.markdown if "Japan" in m.value]
    assert len(off_map) == 1 and "United States, Japan, Australia — member (public record)" in off_map[0]
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    fills = {f["properties"]["iso3"]: f["properties"]["fill"] for f in layers["countries"]["data"]["features"]}
    assert fills["IND"][:3] == [0, 114, 178]  # the only QUAD member inside the map layer
    assert fills["PAK"][:3] == [235, 235, 228]
    assert "marks" not in layers  # QUAD has no presence rows
    captions = " ".join(c.value for c in at.caption)
    assert "Natural Earth" in captions and "Report 80/2022" in captions


def test_url_filters_are_applied_and_the_table_matches():
    at = _open({"instrument": "aid,military", "context": "1"})
    assert not at.exception and not at.warning
    assert at.multiselect[0].value == ["aid", "military"] and at.toggle[0].value is True
    shown = _us_table(at)
    assert set(shown["Instrument"]) == {"Aid", "Military"}
    assert any(b.proto.label == f"Download these {len(shown)} rows (CSV)" for b in at.get("download_button"))


def test_empty_selection_says_why():
    at = _open({"instrument": ""})
    assert not at.exception
    assert any("No U.S. instruments match" in i.value for i in at.info)
    assert not at.get("vega_lite_chart") and not any(m.value.startswith("| Date |") for m in at.markdown)
    other = _open({"view": "reserves", "instrument": ""})  # the other views do not read the U.S. filter
    assert len(other.get("vega_lite_chart")) == 1 and not other.info


DEFAULT_CHOICE = {"players": "pak", "map": "usa"}


@pytest.mark.parametrize("params, view, count", [
    ({"instrument": "nukes", "context": "maybe"}, "us", 2),
    ({"view": "players", "player": "<script>alert(1)</script>"}, "players", 1),
    ({"view": "map", "power": "x" * 3000}, "map", 1),
])
def test_bad_url_parameters_give_notices_and_defaults(params, view, count):
    at = _open(params)
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert len(notices) == count and all("Ignored URL parameter" in n and len(n) < 200 for n in notices)
    assert at.radio[0].value == view
    if view == "us":
        assert at.multiselect[0].value == list(vocabulary.INSTRUMENTS)  # nothing usable: the default, not an empty page
        assert len(_us_table(at)) == 18 and at.toggle[0].value is False
    else:
        assert at.selectbox[0].value == DEFAULT_CHOICE[view]


def test_an_unknown_view_gives_a_notice_and_the_default_view():
    at = _open({"view": "<b>globe</b>"})
    assert not at.exception
    assert len(at.warning) == 1 and "Ignored URL parameter view=" in at.warning[0].value
    assert "<b>" not in at.warning[0].value
    assert at.radio[0].value == "us" and [h.value for h in at.header] == ["The United States"]
    assert "view" not in at.query_params


def test_one_bad_value_among_good_ones_keeps_the_good_ones():
    at = _open({"instrument": "aid,nukes"})
    assert at.multiselect[0].value == ["aid"]
    assert len(at.warning) == 1 and "nukes" in at.warning[0].value


def test_choices_update_the_url_and_a_hidden_views_choice_comes_back():
    at = _open({"view": "map"})
    at.selectbox[0].set_value("ots").run()
    assert not at.exception
    assert query_param(at, "power") == "ots" and query_param(at, "view") == "map"
    at.radio(key="external.view").set_value("players").run()
    assert [h.value for h in at.header] == ["Other outside players"]
    assert query_param(at, "power") == "ots"  # the hidden map view's choice stays in the URL
    at.selectbox[0].set_value("tur").run()
    assert query_param(at, "player") == "tur"
    assert "Turkey" in [s.value for s in at.subheader]
    at.radio(key="external.view").set_value("map").run()
    assert at.selectbox[0].value == "ots" and query_param(at, "player") == "tur"
    at.radio(key="external.view").set_value("us").run()
    assert "view" not in at.query_params and query_param(at, "power") == "ots"


def test_compact_deck_sends_the_same_spec_without_padding(built):
    import pydeck as pdk

    from afdash.maps import layers as maps

    countries = {"type": "FeatureCollection", "features": built["countries"].features}
    small = maps.deck([maps.country_layer(countries)], tooltip_text="{name}").to_json()
    pretty = pdk.Deck.to_json(maps.deck([maps.country_layer(countries)], tooltip_text="{name}"))
    assert json.loads(pretty) == json.loads(small)
    assert len(small) < len(pretty) / 3
