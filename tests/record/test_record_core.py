"""The record's charts and tables, built from small hand-made frames (no data files)."""

import pandas as pd
import pytest

from afdash.record import codes, compare, deaths, dyads, indicators, marks, refugees


def _deaths():
    rows = []
    for iso3 in ("AFG", "PAK", "TKM"):
        for y in (2020, 2021, 2022, 2023, 2024):
            rows.append({"iso3": iso3, "country": codes.SEVEN[iso3], "year": y, "deaths": 10 * y % 97,
                         "status": "final", "dataset": "UCDP GED 25.1 via Our World in Data"})
        rows.append({"iso3": iso3, "country": codes.SEVEN[iso3], "year": 2025, "deaths": 5, "status": "preliminary",
                     "dataset": "UCDP Candidate Events 25.01.25.12"})
    return pd.DataFrame(rows)


def test_gw_codes_map_to_iso3_in_order_and_refuse_unknown_numbers():
    assert codes.iso3_list("700, 770") == "AFG|PAK"
    assert [codes.GW_TO_ISO3[n] for n in (700, 770, 630, 702, 701, 704, 710)] == list(codes.SEVEN)
    assert codes.iso3_list("") is None
    with pytest.raises(codes.UnknownCode, match="999"):
        codes.iso3_list("700, 999")


def test_marks_fall_inside_their_year():
    (takeover, _), (report, _) = marks.MARKS
    assert 2021.6 < takeover < 2021.65 and 2022.5 < report < 2022.6
    assert marks.marks_frame(1989, 2021)["label"].tolist() == []  # neither mark falls before Aug 2021
    assert len(marks.marks_frame(2015, 2026)) == 2


def test_deaths_rows_are_the_chosen_countries_and_years_in_panel_order():
    drawn = deaths.rows(_deaths(), ["TKM", "AFG"], 2021, 2025)
    assert drawn["iso3"].unique().tolist() == ["AFG", "TKM"]  # SEVEN order, not the order asked
    assert drawn["year"].between(2021, 2025).all() and len(drawn) == 10
    assert drawn.loc[drawn["year"] == 2025, "status"].eq("preliminary").all()
    assert "preliminary" not in set(deaths.rows(_deaths(), ["AFG"], preliminary=False)["status"])


def test_deaths_chart_is_one_view_a_line_per_country_and_dashes_the_preliminary_year():
    drawn = deaths.rows(_deaths(), ["AFG", "PAK"], 2019, 2025)
    spec = deaths.chart(drawn).to_dict()
    assert "vconcat" not in spec and "facet" not in spec, "one Vega view, not a panel per country"
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["Afghanistan", "Pakistan"]
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "symlog"
    marks_used = [layer["mark"] for layer in spec["layer"]]
    dashed = [m for m in marks_used if isinstance(m, dict) and m.get("type") == "line" and m.get("strokeDash")]
    assert len(dashed) == 1, "the preliminary year is drawn as a dashed segment"
    seg = drawn[deaths.preliminary_segments(drawn)]
    assert seg.groupby("country")["year"].apply(list).to_dict() == {"Afghanistan": [2024, 2025],
                                                                   "Pakistan": [2024, 2025]}
    final_only = deaths.chart(deaths.rows(_deaths(), ["AFG"], 2019, 2025, preliminary=False)).to_dict()
    assert not any(isinstance(m, dict) and m.get("strokeDash") and m.get("type") == "line"
                   for m in (layer["mark"] for layer in final_only["layer"]))
    assert "preliminary" in deaths.CAPTION and "CC BY 4.0" in deaths.CAPTION


def _conflicts():
    base = {"location": "Afghanistan", "location_iso3": "AFG", "side_a": "Government of Afghanistan",
            "type_of_conflict": "intrastate", "afg_involved": True}
    return pd.DataFrame([
        {**base, "conflict_id": 333, "year": 2021, "side_b": "NRF, Taleban", "intensity": "war"},
        {**base, "conflict_id": 333, "year": 2022, "side_b": "AFF, NRF", "intensity": "minor"},
        {**base, "conflict_id": 11639, "year": 2024, "side_b": "Government of Pakistan", "intensity": "minor",
         "location": "Afghanistan, Pakistan", "location_iso3": "AFG|PAK", "type_of_conflict": "interstate"},
        {**base, "conflict_id": 404, "year": 2022, "side_a": "Government of Pakistan", "side_b": "TTP",
         "intensity": "minor", "location": "Pakistan", "location_iso3": "PAK", "afg_involved": False},
    ])


def _brd():
    return pd.DataFrame([
        {"conflict_id": 333, "year": 2022, "side_b": "NRF", "bd_best": 571, "bd_low": 350, "bd_high": 1114},
        {"conflict_id": 333, "year": 2021, "side_b": "Taleban", "bd_best": 34795, "bd_low": 1, "bd_high": 2},
    ])


def test_dyads_split_side_b_and_join_battle_deaths_by_opponent():
    drawn = dyads.rows(_conflicts(), _brd(), ["AFG"], 2021, 2024)
    assert len(drawn) == 5  # 2 + 2 opponents of conflict 333, and the interstate conflict
    nrf22 = drawn[(drawn["opponent"] == "NRF") & (drawn["year"] == 2022)].iloc[0]
    assert nrf22["battle_deaths_best"] == 571 and nrf22["intensity"] == "minor"
    assert drawn.loc[drawn["opponent"] == "AFF", "battle_deaths_best"].isna().all()
    assert list(drawn.columns) == dyads.COLUMNS
    assert "TTP" not in set(drawn["opponent"])
    assert "TTP" in set(dyads.rows(_conflicts(), _brd(), ["PAK"], 2021, 2024)["opponent"])


def test_dyad_chart_orders_current_pairs_first():
    spec = dyads.chart(dyads.rows(_conflicts(), _brd(), ["AFG"], 2021, 2024)).to_dict()
    y = spec["layer"][0]["encoding"]["y"]
    assert y["sort"][0] == "Government of Afghanistan vs Government of Pakistan"
    table = dyads.afghanistan_after_takeover(_conflicts(), _brd())
    assert table.loc[table["Opponent"] == "AFF", "Battle deaths (best)"].tolist() == ["not in BRD 24.1"]


def _refugees():
    rows = []
    for y, irn, oip in ((2024, 3477082, None), (2025, 758339, 879500)):
        rows.append({"year": y, "origin_iso3": "AFG", "origin_name": "Afghanistan", "host_iso3": "IRN",
                     "host_name": "Iran (Islamic Rep. of)", "refugees": irn, "asylum_seekers": 0, "oip": oip})
        rows.append({"year": y, "origin_iso3": "AFG", "origin_name": "Afghanistan", "host_iso3": "PAK",
                     "host_name": "Pakistan", "refugees": 100, "asylum_seekers": 7, "oip": None})
        rows.append({"year": y, "origin_iso3": "PAK", "origin_name": "Pakistan", "host_iso3": "AFG",
                     "host_name": "Afghanistan", "refugees": 5, "asylum_seekers": 0, "oip": None})
    f = pd.DataFrame(rows)
    f["oip"] = f["oip"].astype("Int64")
    return f


def test_refugee_rows_are_afghans_abroad_long_with_oip_only_where_given():
    drawn = refugees.rows(_refugees(), ["IRN", "PAK"])
    assert set(drawn["host_iso3"]) == {"IRN", "PAK"}  # never Afghanistan as host
    irn25 = drawn[(drawn["host_iso3"] == "IRN") & (drawn["year"] == 2025)].set_index("category")["persons"]
    assert irn25.to_dict() == {"refugees": 758339, "asylum_seekers": 0, "oip": 879500}
    assert "oip" not in set(drawn.loc[drawn["year"] == 2024, "category"])
    assert refugees.hosts(_refugees()) == ["IRN", "PAK"]
    spec = refugees.chart(drawn).to_dict()
    assert "vconcat" not in spec, "one Vega view, not a panel per host"
    lines = spec["layer"][0]["encoding"]
    assert lines["color"]["scale"]["domain"] == ["Iran (Islamic Rep. of)", "Pakistan"]
    assert lines["strokeDash"]["scale"]["domain"] == list(refugees.CATEGORIES.values())  # categories never summed
    assert lines["y"]["field"] == "persons" and "aggregate" not in lines["y"]


def test_report_beside_says_so_where_the_report_is_silent():
    st = pd.DataFrame([{"state_iso3": "IRN", "aspect": "refugees", "statement": "An inflow strained ties.",
                        "section": "regional_role", "footnote": None}])
    kf = pd.DataFrame([{"topic": "refugees", "place_iso3": "IRN", "label": "Refugees who entered Iran",
                        "value": 850000.0, "low": None, "high": None, "unit": "persons", "qualifier": "about",
                        "as_of": "recently", "section": "regional_role", "footnote": None}])
    t = refugees.report_beside(st, kf, ["IRN", "PAK"])
    assert t["Host"].tolist() == ["Iran", "Iran", "Pakistan"]
    assert "about 850,000" in t.iloc[1]["The report says"]
    assert t.iloc[2]["The report says"] == refugees.NO_STATEMENT


def test_indicator_rows_and_panels():
    w = pd.DataFrame([{"iso3": i, "series_code": s, "series_name": s, "year": y, "value": 1.0 + y,
                       "unit": indicators.SERIES[s].unit, "theme": indicators.SERIES[s].theme}
                      for i in ("AFG", "PAK") for s in ("NY.GDP.PCAP.CD", "VA.EST") for y in (2020, 2021)])
    drawn = indicators.rows(w, ["VA.EST"], ["AFG"])
    assert len(drawn) == 2 and set(drawn["country"]) == {"Afghanistan"}
    assert "CC BY 4.0" in drawn["source"].iloc[0]
    with pytest.raises(ValueError, match="unknown series"):
        indicators.rows(w, ["XX"], ["AFG"])
    spec = indicators.chart(indicators.rows(w, ["VA.EST", "NY.GDP.PCAP.CD"], ["PAK", "AFG"])).to_dict()
    assert [panel["title"] for panel in spec["vconcat"]] == [indicators.label("NY.GDP.PCAP.CD"),
                                                              indicators.label("VA.EST")]  # SERIES order
    colour = spec["vconcat"][0]["layer"][0]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Afghanistan", "Pakistan"] and colour["range"] == indicators.COLOURS[:2]
    assert indicators.latest(w)["Latest year"].tolist() == [2021, 2021]


def test_comparison_keeps_report_and_record_apart_and_states_no_verdict():
    tables = {
        "record_comparison": pd.DataFrame([
            {"comparison_id": "a", "topic": "casualties", "report_dataset": "civilian_casualties", "report_ref": "t1",
             "claim": "Civilians killed", "record_dataset": "record_conflict_deaths", "record_key": "AFG|2021",
             "record_measure": "deaths", "bearing": "different_measure", "how_they_differ": "Civilians vs all.",
             "section": "security_situation", "footnote": 16},
            {"comparison_id": "b", "topic": "armed_conflict", "report_dataset": "key_figures", "report_ref": "k",
             "claim": "Border clashes", "record_dataset": None, "record_key": None, "record_measure": None,
             "bearing": "no_counterpart", "how_they_differ": "None in UCDP.", "section": "china_interests",
             "footnote": 59}]),
        "civilian_casualties": pd.DataFrame([{"record_id": "t1", "value": 1426, "measure": "fatalities",
                                              "period_label": "2021"}]),
        "key_figures": pd.DataFrame([{"figure_id": "k", "value": 2.0, "low": None, "high": None, "unit": "count",
                                      "qualifier": "at_least"}]),
        "record_conflict_deaths": pd.DataFrame([{"iso3": "AFG", "year": 2021, "deaths": 36375, "country": "Afghanistan",
                                                 "status": "final"}]),
    }
    t = compare.table(tables["record_comparison"], tables)
    assert list(t.columns) == compare.COLUMNS
    assert t.iloc[0]["Report figure"] == "1,426 (fatalities, 2021)" and t.iloc[0]["Record figure"] == "36,375"
    assert t.iloc[1]["Report figure"] == "at least 2" and t.iloc[1]["Record figure"] == "—"
    assert "neither confirm nor contradict" in t.iloc[1]["Bearing"]
    assert not {"verdict", "agrees", "match"} & {c.lower() for c in t.columns}
    assert len(compare.table(tables["record_comparison"], tables, topics=["casualties"])) == 1
