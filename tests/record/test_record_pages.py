"""The record's views in AppTest: each opens from its ?view= link, draws its chart with source and licence,
offers a CSV of exactly the rows drawn, keeps its filters in the URL, and says why when nothing is drawn."""

import io

import pandas as pd
import pytest

from afdash.core import downloads
from afdash.record import refugees
from afdash.store import loaders

from ..apptest_support import captured_downloads, open_clean, page, query_param

SECURITY = page("pages/security-trends.py")
REGIONAL = page("pages/regional-actors.py")


def _open(spec, params):
    with captured_downloads() as files:
        at = open_clean(spec, params)
    csvs = [pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
            for data, mime, _ in files if mime.startswith("text/csv")]
    return at, csvs


def _chart_frames(at, column: str) -> pd.DataFrame:
    """Every chart dataset holding `column` (Streamlit ships them as Arrow IPC), stacked."""
    import pyarrow as pa

    frames = []
    for chart in at.get("vega_lite_chart"):
        for ds in chart.proto.datasets:
            frame = pa.ipc.open_stream(ds.data.data).read_all().to_pandas()
            if column in frame.columns:
                frames.append(frame)
    assert frames, f"no chart dataset with column {column!r}"
    return pd.concat(frames, ignore_index=True)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _keys(frame: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return sorted(tuple(str(v) for v in r) for r in frame[cols].itertuples(index=False))


def test_deaths_view_draws_the_chosen_countries_and_downloads_exactly_them():
    at, csvs = _open(SECURITY, {"view": "deaths", "countries": "AFG,PAK", "from": "2015"})
    assert at.radio(key="security.view").value == "deaths"
    assert len(at.get("vega_lite_chart")) == 1 and not at.warning
    drawn = _chart_frames(at, "deaths")
    assert set(drawn["iso3"]) == {"AFG", "PAK"} and drawn["year"].min() == 2015
    (csv,) = [c for c in csvs if "deaths" in c.columns]
    assert _keys(csv, ["iso3", "year", "deaths", "status"]) == _keys(drawn, ["iso3", "year", "deaths", "status"])
    afg = csv[csv["iso3"] == "AFG"].set_index("year")["deaths"]
    assert (afg[2021], afg[2022], afg[2023], afg[2024]) == (36375, 1577, 345, 361)
    assert csv.loc[csv["year"] == 2025, "status"].eq("preliminary").all()
    captions = _captions(at)
    assert "CC BY 4.0" in captions and "UCDP" in captions and "preliminary" in captions
    # the filters wait in a closed box; the caption under it states them
    assert "Countries: Afghanistan, Pakistan; years 2015–2025 (2025 preliminary)." in captions


def test_deaths_view_can_leave_out_the_preliminary_year_and_keeps_it_in_the_url():
    at, csvs = _open(SECURITY, {"view": "deaths", "prelim": "0"})
    (csv,) = [c for c in csvs if "deaths" in c.columns]
    assert csv["year"].max() == 2024 and set(csv["status"]) == {"final"}
    assert "years 2001–2024 (without 2025 (preliminary))." in _captions(at)
    at.multiselect(key="security.countries").set_value(["IRN"]).run()
    assert query_param(at, "countries") == "IRN" and query_param(at, "view") == "deaths"


def test_deaths_view_with_no_country_says_why():
    at = open_clean(SECURITY, {"view": "deaths"})
    at.multiselect(key="security.countries").set_value([]).run()
    assert not at.get("vega_lite_chart") and "No country chosen" in at.info[0].value


def test_bad_country_in_the_url_gives_a_notice():
    at = open_clean(SECURITY, {"view": "deaths", "countries": "XXX"})
    assert at.warning and "countries" in at.warning[0].value


def test_dyads_view_shows_the_afghanistan_pakistan_conflict_of_2024():
    at, csvs = _open(SECURITY, {"view": "dyads", "where": "AFG", "since": "2021"})
    drawn = _chart_frames(at, "opponent")
    (csv,) = [c for c in csvs if "opponent" in c.columns]
    assert _keys(csv, ["conflict_id", "year", "opponent"]) == _keys(drawn, ["conflict_id", "year", "opponent"])
    afpak = csv[(csv["conflict_id"] == 11639) & (csv["year"] == 2024)]
    assert afpak["opponent"].tolist() == ["Government of Pakistan"] and afpak["intensity"].tolist() == ["minor"]
    assert {"NRF", "AFF", "IS"} <= set(csv.loc[csv["year"] == 2022, "opponent"])
    assert "CC BY 4.0" in _captions(at) and "Taliban from August 2021" in _captions(at)


def test_economy_view_draws_the_chosen_series():
    at, csvs = _open(SECURITY, {"view": "economy", "series": "VA.EST", "econ": "AFG"})
    drawn = _chart_frames(at, "value")
    (csv,) = [c for c in csvs if "series_code" in c.columns]
    assert set(csv["series_code"]) == {"VA.EST"} and set(csv["iso3"]) == {"AFG"}
    assert len(csv) == len(drawn) and "World Bank" in _captions(at) and "CC BY 4.0" in _captions(at)


def test_report_vs_record_lists_claims_beside_counterparts_without_verdict():
    at, csvs = _open(SECURITY, {"view": "record", "topic": "casualties"})
    (csv,) = csvs
    expected = len(loaders.load_table("record_comparison").query("topic == 'casualties'"))
    assert len(csv) == expected and set(csv["Topic"]) == {"casualties"}
    row = csv[csv["Report figure"].str.startswith("1,426 (fatalities")].iloc[0]
    assert row["Record figure"] == "36,375" and "civilians" in row["How they differ"].lower()
    table = next(m.value for m in at.markdown if m.value.startswith("| Topic |"))
    assert "36,375" in table and "verdict" not in table.lower()


def test_refugees_view_on_the_regional_page_sets_unhcr_beside_the_report():
    at, csvs = _open(REGIONAL, {"view": "refugees", "hosts": "IRN,PAK"})
    drawn = _chart_frames(at, "persons")
    (csv,) = csvs
    assert _keys(csv, ["host_iso3", "year", "category", "persons"]) == _keys(
        drawn, ["host_iso3", "year", "category", "persons"])
    irn25 = csv[(csv["host_iso3"] == "IRN") & (csv["year"] == 2025)].set_index("category")["persons"]
    assert irn25["oip"] == 879500 and irn25["refugees"] == 758339
    said = " ".join(m.value for m in at.markdown)
    assert "850,000" in said and refugees.NO_STATEMENT in said  # Iran discussed, Pakistan not
    assert "UNHCR" in _captions(at) and "CC BY 4.0" in _captions(at)
    assert "Hosts: Iran (Islamic Rep. of), Pakistan; years 2015–2025." in _captions(at)


def test_csv_downloads_are_formula_safe():
    frame = pd.DataFrame({"side_b": ["=cmd"]})
    assert b"'=cmd" in downloads.to_csv_bytes(frame)



@pytest.mark.parametrize(("params", "entry"), [
    ({"view": "deaths", "countries": "PAK,AFG"}, "security_record_deaths:countries=PAK|AFG"),
    ({"view": "record", "topic": "refugees"}, "security_report_vs_record:topic=refugees"),
    ({"view": "economy", "econ": "AFG"}, "security_record_economy:econ=AFG"),
])
def test_add_to_briefing_carries_the_filters_into_the_deck(params, entry):
    at = open_clean(SECURITY, params)
    at.button(key="security.add_to_briefing").click().run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert (query_param(at, "deck") or "").split(";")[-1] == entry


def test_refugees_view_adds_its_slide_with_the_hosts():
    at = open_clean(REGIONAL, {"view": "refugees", "hosts": "PAK,IRN"})
    at.button(key="regional.add_to_briefing").click().run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert (query_param(at, "deck") or "").split(";")[-1] == "regional_record_refugees:hosts=PAK|IRN"
