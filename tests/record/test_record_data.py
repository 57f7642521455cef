"""The record's data: vendored files match their manifest and the public extracts; the build turns them into
the record_* datasets with known values; the hand-kept comparison is checked."""

import csv
import hashlib
import json

import pytest

from afdash.build import run as build
from afdash.record.datasets import comparison_checks
from afdash.schema.fields import SourceFileError
from afdash.store import catalogue, vendor

from ..conftest import DATA

OPEN = DATA / "vendor" / "open"
SHARED_OPEN = DATA.parents[1] / "shared" / "data" / "open"
RECORD = [d.name for d in catalogue.DATASETS if d.name.startswith("record_")]


def test_every_vendored_open_file_is_in_the_manifest_with_provenance():
    entries = {e["path"]: e for e in vendor.manifest(DATA / "vendor")}
    files = sorted(p.name for p in OPEN.iterdir())
    assert len(files) == 6
    for name in files:
        e = entries[f"open/{name}"]
        assert e["sha256"] == hashlib.sha256((OPEN / name).read_bytes()).hexdigest()
        assert e["public_copy"]["repo"] and len(e["public_copy"]["commit"]) == 40
        assert e["filter"] and e["producer"] and e["dataset"] and e["version"]
        assert "CC BY 4.0" in e["data_licence"]


def test_the_ged_random_sample_is_not_vendored():
    """A random 1,000-row sample is a fixture, never a series: it must not be in the project."""
    assert not list(OPEN.glob("*ged231*"))
    assert all("ged231" not in e["path"] for e in vendor.manifest(DATA / "vendor"))


def test_vendored_files_are_the_shared_extracts():
    sums = SHARED_OPEN / "SHA256SUMS"
    if not sums.exists():
        pytest.skip(f"{sums} is absent (../shared is not on this machine)")
    expected = dict(reversed(line.split()) for line in sums.read_text().splitlines() if line.strip())
    for p in OPEN.iterdir():
        assert hashlib.sha256(p.read_bytes()).hexdigest() == expected[p.name], p.name


def test_afghanistan_conflict_deaths_known_values(built):
    """OWID/UCDP best estimates for Afghanistan, as the extract's README states them."""
    d = built["record_conflict_deaths"].table
    afg = d[d["iso3"] == "AFG"].set_index("year")
    assert {y: int(afg.loc[y, "deaths"]) for y in (2021, 2022, 2023, 2024)} == {
        2021: 36375, 2022: 1577, 2023: 345, 2024: 361}
    assert set(afg.loc[[2021, 2022, 2023, 2024], "status"]) == {"final"}
    assert afg.loc[2025, "status"] == "preliminary"


def test_conflict_deaths_match_the_vendored_file(built):
    d = built["record_conflict_deaths"].table.set_index(["country", "year"])
    with (OPEN / "owid_ucdp_conflict_deaths_by_country_afg_neighbours.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 7 * 36
    for r in rows:
        assert int(d.loc[(r["Entity"], int(r["Year"])), "deaths"]) == int(
            r["Deaths in ongoing conflicts (best estimate) - Conflict type: all"])


def test_2025_is_the_sum_of_candidate_events_per_country(built):
    d = built["record_conflict_deaths"].table
    y25 = d[d["year"] == 2025].set_index("iso3")
    assert (y25["status"] == "preliminary").all() and len(y25) == 7
    sums: dict[str, int] = {}
    with (OPEN / "ucdp_candidate_2025_reduced_afg_neighbours.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            sums[r["country"]] = sums.get(r["country"], 0) + int(r["best"])
    assert {n: int(y25.set_index("country").loc[n, "deaths"]) for n in sums} == sums
    assert int(y25.loc["AFG", "deaths"]) == 335 and int(y25.loc["TKM", "deaths"]) == 0


def test_conflicts_carry_iso3_codes_and_intensity(built):
    c = built["record_conflicts"].table.set_index(["conflict_id", "year"])
    afpak = c.loc[(11639, 2024)]
    assert afpak["location_iso3"] == "AFG|PAK" and afpak["side_a_iso3"] == "AFG" and afpak["side_b_iso3"] == "PAK"
    assert afpak["type_of_conflict"] == "interstate" and afpak["intensity"] == "minor"
    assert afpak["territory_name"] == "Durand line"
    assert str(afpak["start_date"].date()) == "2005-01-03"  # d-m-yyyy in the public copy
    assert c.loc[(333, 2021), "intensity"] == "war" and c.loc[(333, 2022), "side_b"] == "AFF, NRF"


def test_battle_deaths_known_values(built):
    b = built["record_battle_deaths"].table.set_index(["dyad_id", "year"])
    nrf = b.loc[(16825, 2022)]
    assert (int(nrf["bd_best"]), int(nrf["bd_low"]), int(nrf["bd_high"])) == (571, 350, 1114)
    assert nrf["side_b"] == "NRF"
    assert int(b.loc[(14320, 2022), "bd_best"]) == 253  # government (Taliban) vs IS


def test_refugees_keep_unhcrs_2025_reclassification(built):
    r = built["record_refugees"].table.set_index(["year", "origin_iso3", "host_iso3"])
    assert int(r.loc[(2024, "AFG", "IRN"), "refugees"]) == 3477082
    assert int(r.loc[(2025, "AFG", "IRN"), "refugees"]) == 758339
    assert int(r.loc[(2025, "AFG", "IRN"), "oip"]) == 879500
    assert r.loc[(2024, "AFG", "IRN"), "oip"] is None or str(r.loc[(2024, "AFG", "IRN"), "oip"]) == "<NA>"


def test_indicators_keep_only_the_drawn_series(built):
    from afdash.record.indicators import SERIES

    w = built["record_indicators"].table
    assert set(w["series_code"]) == set(SERIES)
    gdp = w[(w["iso3"] == "AFG") & (w["series_code"] == "NY.GDP.PCAP.CD")].set_index("year")["value"]
    assert round(gdp[2022], 2) == 352.60
    assert (w["unit"] != "").all()


def test_record_resources_have_schemas_sources_and_licences():
    desc = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    res = {r["name"]: r for r in desc["resources"]}
    for name in RECORD:
        r = res[name]
        assert r["schema"]["fields"] and r["sources"], name
        assert any("CC" in lic["name"] for lic in r["licenses"]), name
    units = {f["name"]: f.get("unit") for f in res["record_conflict_deaths"]["schema"]["fields"]}
    assert units["deaths"] == "persons"


def _edit(data_copy, old, new):
    path = data_copy / "sources" / "record_comparison.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("AFG|2021", "AFG|2031", "no row with iso3, year = AFG, 2031"),
    ("16825|2022", "16825", "expected 2 values"),
    (",regional_role,32", ",regional_role,31", "differs from the cited row's footnote"),
])
def test_comparison_refs_must_exist(built, data_copy, old, new, needle):
    """The check itself, on the edited file beside the other built tables (no full build per case)."""
    _edit(data_copy, old, new)
    edited = build.collect(data_copy, only=["record_comparison"])["record_comparison"].table
    tables = {name: b.table for name, b in built.items()} | {"record_comparison": edited}
    found = " ".join(str(e) for e in comparison_checks(tables))
    assert "record_comparison.csv" in found and needle in found, found


def test_a_broken_comparison_ref_stops_the_real_build(data_copy):
    _edit(data_copy, "t1_2021_fatalities", "t1_2031_fatalities")
    with pytest.raises(SourceFileError) as exc:
        build.build(data_copy)
    assert "record_comparison.csv" in str(exc.value)
    assert "unknown id (not in civilian_casualties)" in str(exc.value)


def test_a_tampered_open_file_stops_the_build(data_copy):
    path = data_copy / "vendor" / "open" / "unhcr_population_afghanistan_2015_2025.csv"
    path.write_bytes(path.read_bytes().replace(b"758339", b"758340", 1))
    with pytest.raises(vendor.VendorError, match="unhcr_population"):
        build.build(data_copy)


def test_briefing_slide_shows_the_record_with_its_status_and_cites_the_report():
    from afdash.briefing import registry
    from afdash.briefing.registry import Tables

    s = registry.get("security_record_deaths").build(Tables(base=DATA), {"countries": ("AFG",)})
    assert s.headline == "361" and "2024" in s.headline_label
    assert "36,375" in s.points[0] and "preliminary count for 2025 is 335" in s.points[0]
    assert "1,426 civilians" in s.points[1]
    assert "preliminary" in s.caveat and "CC BY 4.0" in s.caveat
    assert set(s.data["iso3"]) == {"AFG"} and s.data["year"].min() == 2015
    assert s.spec["datasets"] and s.source_line.startswith("Source: RIAC–PKU IISS Report 80/2022")


def test_report_vs_record_slide_keeps_both_sides_and_draws_no_chart():
    from afdash.briefing import registry
    from afdash.briefing.registry import Tables

    s = registry.get("security_report_vs_record").build(Tables(base=DATA), {"topic": ("refugees",)})
    assert s.spec is None and not s.headline and len(s.points) == 2
    assert all("Report:" in p and "Record:" in p for p in s.points)
    assert "about 850,000" in s.points[0] and "778,054" in s.points[0]
    assert "record_refugees" in s.datasets and "no verdict" in s.caveat


def test_record_slides_export_to_powerpoint():
    import io

    from pptx import Presentation

    from afdash.briefing import deck as decks
    from afdash.briefing import exports
    from afdash.briefing.registry import Tables

    items = [decks.DeckItem.of("security_record_deaths", {"countries": ("AFG",)}),
             decks.DeckItem.of("security_report_vs_record", {"topic": ("casualties",)})]
    prs = Presentation(io.BytesIO(exports.render("pptx", decks.build_deck(items, Tables(base=DATA)))))
    assert len(prs.slides) == 2
    pictures = [sum(sh.shape_type == 13 for sh in s.shapes) for s in prs.slides]  # 13: picture
    assert pictures == [1, 0]  # the deaths chart; the comparison has no chart


def test_refugee_slide_keeps_unhcr_categories_apart_and_the_report_beside():
    from afdash.briefing import registry
    from afdash.briefing.registry import Tables

    s = registry.get("regional_record_refugees").build(Tables(base=DATA), {"hosts": ("PAK", "IRN")})
    assert "Pakistan" in s.title and s.headline == "1,158,538"
    assert "1,490,562" in s.points[0] and "140,558" in s.points[0]
    assert "about 850,000" in s.points[1] and "CC BY 4.0" in s.caveat
    assert set(s.data["host_iso3"]) == {"PAK"} and s.spec["datasets"]
