"""Build steps for the record: the vendored UCDP, UNHCR and World Bank extracts (data/vendor/open/) cleaned
into tidy tables with ISO 3166-1 alpha-3 codes. Values are kept as the producers publish them; only codes,
labels and date formats change."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from afdash.core.paths import vendor_dir
from afdash.record import codes
from afdash.record.indicators import SERIES

OWID_DEATHS = "open/owid_ucdp_conflict_deaths_by_country_afg_neighbours.csv"
CANDIDATE_2025 = "open/ucdp_candidate_2025_reduced_afg_neighbours.csv"
ACD = "open/ucdp_prio_acd_v25_1_afg_neighbours.csv"
BRD = "open/ucdp_brd_dyadic_v24_1_afg_neighbours.csv"
UNHCR = "open/unhcr_population_afghanistan_2015_2025.csv"
WDI = "open/wdi_afg_neighbours_long.csv"

INCOMPATIBILITY = {1: "territory", 2: "government", 3: "territory_and_government"}
CONFLICT_TYPE = {1: "extrasystemic", 2: "interstate", 3: "intrastate", 4: "internationalized_intrastate"}
INTENSITY = {1: "minor", 2: "war"}
UNHCR_COUNTS = ["refugees", "asylum_seekers", "oip", "returned_refugees", "idps", "returned_idps", "stateless",
                "ooc", "hst"]


def _read(base: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(vendor_dir(base) / name, dtype=str, keep_default_na=False)


def _int(s: pd.Series) -> pd.Series:
    return pd.array([None if v == "" else int(v) for v in s], dtype="Int64")


def _dmy(s: pd.Series) -> pd.Series:
    """d-m-yyyy (as the spreadsheet-saved public copy writes UCDP's dates) to dates; empty stays empty."""
    return pd.to_datetime(s.replace("", None), format="%d-%m-%Y")


def _text(s: pd.Series) -> pd.Series:
    return s.str.strip().replace("", None)


def conflict_deaths(base: Path) -> pd.DataFrame:
    """Deaths in ongoing conflicts by country and year: OWID's UCDP GED 25.1 series (1989–2024), then 2025 as
    the sum of UCDP's candidate events per country, marked preliminary. Both count all three types of
    organised violence by the country where deaths occurred (best estimate). A country with no candidate event
    in 2025 gets 0: the extract kept every event located in the seven countries."""
    owid = _read(base, OWID_DEATHS)
    value = "Deaths in ongoing conflicts (best estimate) - Conflict type: all"
    final = pd.DataFrame({
        "iso3": owid["Entity"].map(codes.NAME_TO_ISO3),
        "year": owid["Year"].astype(int),
        "deaths": owid[value].astype(int),
        "status": "final",
        "dataset": "UCDP GED 25.1 via Our World in Data",
    })
    cand = _read(base, CANDIDATE_2025)
    cand["iso3"] = cand["country"].map(codes.NAME_TO_ISO3)
    cand["year"] = cand["date"].str[:4].astype(int)
    sums = cand.assign(best=cand["best"].astype(int)).groupby(["iso3", "year"])["best"].sum()
    years = sorted(cand["year"].unique())
    prelim = pd.DataFrame([
        {"iso3": iso3, "year": y, "deaths": int(sums.get((iso3, y), 0)), "status": "preliminary",
         "dataset": "UCDP Candidate Events 25.01.25.12"}
        for iso3 in codes.SEVEN for y in years
    ])
    out = pd.concat([final, prelim], ignore_index=True)
    out["country"] = out["iso3"].map(codes.SEVEN)
    order = {iso3: i for i, iso3 in enumerate(codes.SEVEN)}
    out = out.sort_values(["iso3", "year"], key=lambda s: s.map(order) if s.name == "iso3" else s)
    return out[["iso3", "country", "year", "deaths", "status", "dataset"]].reset_index(drop=True)


def _sides(raw: pd.DataFrame) -> dict[str, pd.Series]:
    return {
        "side_a": _text(raw["side_a"]), "side_a_2nd": _text(raw["side_a_2nd"]),
        "side_b": _text(raw["side_b"]), "side_b_2nd": _text(raw["side_b_2nd"]),
        "side_a_iso3": raw["gwno_a"].map(codes.iso3_list), "side_a_2nd_iso3": raw["gwno_a_2nd"].map(codes.iso3_list),
        "side_b_iso3": raw["gwno_b"].map(codes.iso3_list), "side_b_2nd_iso3": raw["gwno_b_2nd"].map(codes.iso3_list),
    }


def conflicts(base: Path) -> pd.DataFrame:
    """UCDP/PRIO conflict-years: who fought whom, over what, and at what intensity."""
    raw = _read(base, ACD)
    level = raw["intensity_level"].astype(int)
    out = pd.DataFrame({
        "conflict_id": _int(raw["conflict_id"]),
        "year": _int(raw["year"]),
        "location": raw["location"],
        "location_iso3": raw["gwno_loc"].map(codes.iso3_list),
        **_sides(raw),
        "incompatibility": raw["incompatibility"].astype(int).map(INCOMPATIBILITY),
        "territory_name": _text(raw["territory_name"]),
        "type_of_conflict": raw["type_of_conflict"].astype(int).map(CONFLICT_TYPE),
        "intensity_level": _int(raw["intensity_level"]),
        "intensity": level.map(INTENSITY),
        "start_date": _dmy(raw["start_date"]),
        "episode_start_date": _dmy(raw["start_date2"]),
        "episode_ended": raw["ep_end"] == "1",
        "episode_end_date": _dmy(raw["ep_end_date"]),
        "afg_involved": raw["afg_involved"] == "1",
    })
    return out.sort_values(["conflict_id", "year"]).reset_index(drop=True)


def battle_deaths(base: Path) -> pd.DataFrame:
    """UCDP battle-related deaths per dyad and year (best, low and high estimates)."""
    raw = _read(base, BRD)
    out = pd.DataFrame({
        "conflict_id": _int(raw["conflict_id"]),
        "dyad_id": _int(raw["dyad_id"]),
        "year": _int(raw["year"]),
        **_sides(raw),
        "incompatibility": raw["incompatibility"].astype(int).map(INCOMPATIBILITY),
        "territory_name": _text(raw["territory_name"]),
        "type_of_conflict": raw["type_of_conflict"].astype(int).map(CONFLICT_TYPE),
        "bd_best": _int(raw["bd_best"]),
        "bd_low": _int(raw["bd_low"]),
        "bd_high": _int(raw["bd_high"]),
        "location_iso3": raw["gwno_loc"].map(codes.iso3_list),
        "battle_iso3": raw["gwno_battle"].map(codes.iso3_list),
        "afg_involved": raw["afg_involved"] == "1",
    })
    return out.sort_values(["dyad_id", "year"]).reset_index(drop=True)


def refugees(base: Path) -> pd.DataFrame:
    """UNHCR population figures by origin × host × year. `oip` (other people in need of international
    protection) exists only from 2025 and stays empty before, as UNHCR publishes it."""
    raw = _read(base, UNHCR)
    out = pd.DataFrame({
        "year": _int(raw["year"]),
        "origin_iso3": raw["coo_iso"],
        "origin_name": raw["coo_name"],
        "host_iso3": raw["coa_iso"],
        "host_name": raw["coa_name"],
        **{c: _int(raw[c]) for c in UNHCR_COUNTS},
    })
    return out.sort_values(["year", "origin_iso3", "host_iso3"]).reset_index(drop=True)


def indicators(base: Path) -> pd.DataFrame:
    """The World Development Indicators afdash draws (GDP per capita, inflation, poverty, military
    expenditure, governance), long: one row per country, series and year."""
    raw = _read(base, WDI)
    raw = raw[raw["series_code"].isin(SERIES)]
    out = pd.DataFrame({
        "iso3": raw["country_code"],
        "series_code": raw["series_code"],
        "series_name": raw["series_name"],
        "year": _int(raw["year"]),
        "value": raw["value"].astype(float),
        "unit": raw["series_code"].map(lambda c: SERIES[c].unit),
        "theme": raw["series_code"].map(lambda c: SERIES[c].theme),
    })
    return out.sort_values(["series_code", "iso3", "year"]).reset_index(drop=True)
