"""Datasets of the record, registered in afdash.store.catalogue.

- record_conflict_deaths: deaths in organised violence by country and year (UCDP GED 25.1 via OWID, 1989–2024;
  2025 summed from UCDP candidate events, preliminary).
- record_conflicts: UCDP/PRIO conflict-years with sides (ISO3 where states), incompatibility and intensity.
- record_battle_deaths: UCDP battle-related deaths per dyad and year.
- record_refugees: UNHCR population figures by origin × host × year, Afghanistan as origin or host.
- record_indicators: the World Bank series afdash draws.
- record_comparison: the report's claims beside their counterparts in the record, hand-kept, never merged.

The first five are built from data/vendor/open/ by afdash.build.record; the build checks their sha256 first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from afdash.schema.dataset import (
    ID,
    REPORT_LICENSE,
    REPORT_SOURCE,
    Dataset,
    footnote_field,
    iso3_field,
    section_field,
)
from afdash.schema.fields import CellError, Field, line_of

CC_BY = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (UCDP, UNHCR, World Bank)",
         "path": "https://creativecommons.org/licenses/by/4.0/"}
UCDP_SITE = "https://ucdp.uu.se/downloads/"
# UCDP/PRIO covers 1946 on, but a conflict's first death may come earlier (1945 for some)
ACD_WINDOW = (date(1900, 1, 1), date(2030, 12, 31))
PRELIMINARY = ("2025 rows are sums of UCDP candidate events: preliminary figures that UCDP revises when it "
               "publishes the next GED release.")


def _src(title: str, path: str) -> dict:
    return {"title": title, "path": path}


def _side_fields() -> list[Field]:
    return [
        Field("side_a", "string", "Side A as UCDP names it (a government in state-based conflicts)."),
        Field("side_a_2nd", "string", "States supporting side A with troops, as UCDP names them.", required=False),
        Field("side_b", "string", "Side B as UCDP names it; several groups are comma-separated."),
        Field("side_b_2nd", "string", "States supporting side B with troops.", required=False),
        iso3_field("side_a_iso3", "Side A's state (ISO 3166-1 alpha-3).", many=True),
        iso3_field("side_a_2nd_iso3", "Supporting states of side A (ISO 3166-1 alpha-3).", many=True),
        iso3_field("side_b_iso3", "Side B's state, interstate conflicts only (ISO 3166-1 alpha-3).", many=True),
        iso3_field("side_b_2nd_iso3", "Supporting states of side B (ISO 3166-1 alpha-3).", many=True),
    ]


INCOMPATIBILITY = Field("incompatibility", "string", "What the conflict is over.",
                        enum=("territory", "government", "territory_and_government"))
CONFLICT_TYPE = Field("type_of_conflict", "string", "UCDP conflict type.",
                      enum=("extrasystemic", "interstate", "intrastate", "internationalized_intrastate"))

RECORD_CONFLICT_DEATHS = Dataset(
    name="record_conflict_deaths",
    title="Deaths in organised violence by country and year, Afghanistan and its six neighbours, 1989–2025",
    description=(
        "Deaths in ongoing conflicts of all three kinds (state-based, non-state, one-sided violence), best "
        "estimate, by the country where they occurred: UCDP GED 25.1 as published by Our World in Data for "
        "1989–2024, and for 2025 the sum of UCDP's candidate events per country (status preliminary). ISO 3166-1 "
        "alpha-3 codes."
    ),
    kind="table",
    source="vendor/open/owid_ucdp_conflict_deaths_by_country_afg_neighbours.csv",
    fields=[
        iso3_field("iso3", "Country where the deaths occurred (ISO 3166-1 alpha-3).", required=True),
        Field("country", "string", "Country name."),
        Field("year", "integer", "Calendar year.", minimum=1989),
        Field("deaths", "integer", "Deaths in organised violence, best estimate.", unit="persons", minimum=0),
        Field("status", "string", "final (GED) or preliminary (candidate events).", enum=("final", "preliminary")),
        Field("dataset", "string", "Upstream dataset the row comes from."),
    ],
    key=["iso3", "year"],
    sources=[
        _src("UCDP Georeferenced Event Dataset 25.1, via Our World in Data, “Deaths in ongoing conflicts (best "
             "estimate)”", "https://ourworldindata.org/grapher/deaths-in-armed-conflicts-based-on-where-they-occurred"),
        _src("UCDP Candidate Events Dataset 25.01.25.12 (preliminary)", UCDP_SITE),
    ],
    licenses=[CC_BY],
    rows=(252, 270),
    builder="afdash.build.record:conflict_deaths",
    notes=PRELIMINARY,
)

RECORD_CONFLICTS = Dataset(
    name="record_conflicts",
    title="Armed conflicts by year involving Afghanistan or located in its neighbours (UCDP/PRIO 25.1)",
    description=(
        "UCDP/PRIO Armed Conflict Dataset 25.1, conflict-years 1946–2024 located in Afghanistan or a neighbour or "
        "with Afghanistan as a party: sides (with ISO 3166-1 alpha-3 codes for states), incompatibility, type and "
        "intensity (minor: 25–999 battle-related deaths in the year; war: 1,000 or more)."
    ),
    kind="table",
    source="vendor/open/ucdp_prio_acd_v25_1_afg_neighbours.csv",
    fields=[
        Field("conflict_id", "integer", "UCDP conflict identifier.", minimum=1),
        Field("year", "integer", "Calendar year.", minimum=1946),
        Field("location", "string", "Country or countries whose government or territory is contested."),
        iso3_field("location_iso3", "Location (ISO 3166-1 alpha-3).", required=True, many=True),
        *_side_fields(),
        INCOMPATIBILITY,
        Field("territory_name", "string", "Contested territory, for territorial conflicts.", required=False),
        CONFLICT_TYPE,
        Field("intensity_level", "integer", "UCDP intensity: 1 minor, 2 war.", minimum=1),
        Field("intensity", "string", "minor (25–999 deaths) or war (1,000+).", enum=("minor", "war")),
        Field("start_date", "date", "Date of the conflict's first battle-related death.", window=ACD_WINDOW),
        Field("episode_start_date", "date", "Start of the current episode (after a year or more of inactivity).",
              window=ACD_WINDOW),
        Field("episode_ended", "boolean", "The episode ended in this year."),
        Field("episode_end_date", "date", "End of the episode, where it ended.", required=False,
              window=ACD_WINDOW),
        Field("afg_involved", "boolean", "Afghanistan is a party or the location (added by the extract)."),
    ],
    key=["conflict_id", "year"],
    sources=[_src("UCDP/PRIO Armed Conflict Dataset version 25.1 (Davies, Pettersson & Öberg; Gleditsch et al. 2002)",
                  UCDP_SITE)],
    licenses=[CC_BY],
    rows=(200, 320),
    builder="afdash.build.record:conflicts",
    notes="UCDP names whoever holds Kabul “Government of Afghanistan”: the Taliban from August 2021.",
)

RECORD_BATTLE_DEATHS = Dataset(
    name="record_battle_deaths",
    title="Battle-related deaths by dyad and year (UCDP BRD 24.1, 1989–2023)",
    description=(
        "UCDP Battle-Related Deaths Dataset 24.1, dyadic: for each pair of opponents and year, the best, low and "
        "high estimates of battle-related deaths, with where the conflict and the battles were located (ISO 3166-1 "
        "alpha-3)."
    ),
    kind="table",
    source="vendor/open/ucdp_brd_dyadic_v24_1_afg_neighbours.csv",
    fields=[
        Field("conflict_id", "integer", "UCDP conflict identifier.", minimum=1),
        Field("dyad_id", "integer", "UCDP dyad identifier.", minimum=1),
        Field("year", "integer", "Calendar year.", minimum=1989),
        *_side_fields(),
        INCOMPATIBILITY,
        Field("territory_name", "string", "Contested territory, for territorial conflicts.", required=False),
        CONFLICT_TYPE,
        Field("bd_best", "integer", "Battle-related deaths, best estimate.", unit="persons", minimum=0),
        Field("bd_low", "integer", "Battle-related deaths, low estimate.", unit="persons", minimum=0),
        Field("bd_high", "integer", "Battle-related deaths, high estimate.", unit="persons", minimum=0),
        iso3_field("location_iso3", "Location of the conflict (ISO 3166-1 alpha-3).", required=True, many=True),
        iso3_field("battle_iso3", "Countries where the battles took place (ISO 3166-1 alpha-3).", required=True,
                   many=True),
        Field("afg_involved", "boolean", "Afghanistan is a party or the location (added by the extract)."),
    ],
    key=["dyad_id", "year"],
    sources=[_src("UCDP Battle-Related Deaths Dataset version 24.1, dyadic", UCDP_SITE)],
    licenses=[CC_BY],
    rows=(200, 300),
    builder="afdash.build.record:battle_deaths",
)

RECORD_REFUGEES = Dataset(
    name="record_refugees",
    title="Refugees, asylum seekers and others of concern, Afghanistan as origin or host, 2015–2025 (UNHCR)",
    description=(
        "UNHCR population statistics by country of origin × country of asylum × year, wherever Afghanistan is "
        "either: refugees (including refugee-like situations), asylum seekers, other people in need of "
        "international protection (oip, a category UNHCR introduced in 2025, empty before), returnees, IDPs, "
        "stateless people, others of concern and host communities. ISO 3166-1 alpha-3 codes."
    ),
    kind="table",
    source="vendor/open/unhcr_population_afghanistan_2015_2025.csv",
    fields=[
        Field("year", "integer", "Year (end-year figures).", minimum=2015),
        iso3_field("origin_iso3", "Country of origin (ISO 3166-1 alpha-3).", required=True),
        Field("origin_name", "string", "Country of origin, UNHCR's name."),
        iso3_field("host_iso3", "Country of asylum (ISO 3166-1 alpha-3).", required=True),
        Field("host_name", "string", "Country of asylum, UNHCR's name."),
        Field("refugees", "integer", "Refugees under UNHCR's mandate, incl. refugee-like situations.",
              unit="persons", minimum=0),
        Field("asylum_seekers", "integer", "Asylum seekers.", unit="persons", minimum=0),
        Field("oip", "integer", "Other people in need of international protection (from 2025; empty before).",
              required=False, unit="persons", minimum=0),
        Field("returned_refugees", "integer", "Refugees who returned during the year.", unit="persons", minimum=0),
        Field("idps", "integer", "Internally displaced persons.", unit="persons", minimum=0),
        Field("returned_idps", "integer", "IDPs who returned during the year.", unit="persons", minimum=0),
        Field("stateless", "integer", "Stateless persons.", unit="persons", minimum=0),
        Field("ooc", "integer", "Others of concern to UNHCR.", unit="persons", minimum=0),
        Field("hst", "integer", "Host community members of concern.", unit="persons", minimum=0),
    ],
    key=["year", "origin_iso3", "host_iso3"],
    sources=[_src("UNHCR Refugee Population Statistics Database, via the R package refugees 2025.12.1",
                  "https://www.unhcr.org/refugee-statistics/")],
    licenses=[CC_BY],
    rows=(1000, 1300),
    builder="afdash.build.record:refugees",
    notes=("In 2025 UNHCR moved many Afghans in Iran and Pakistan from refugees into oip; from 2022 it counts "
           "Afghans in Iran in refugee-like situations as refugees. Read the columns together."),
)

RECORD_INDICATORS = Dataset(
    name="record_indicators",
    title="World Bank indicators for Afghanistan and its six neighbours (GDP per capita, inflation, poverty, "
          "military expenditure, governance)",
    description=(
        "Eight World Development Indicators series, long (one row per country, series and year), for the seven "
        "countries: GDP per capita, consumer-price inflation, multidimensional poverty (World Bank and UNDP), "
        "military expenditure (USD and share of GDP), Control of Corruption and Voice and Accountability."
    ),
    kind="table",
    source="vendor/open/wdi_afg_neighbours_long.csv",
    fields=[
        iso3_field("iso3", "Country (ISO 3166-1 alpha-3).", required=True),
        Field("series_code", "string", "WDI series code.", pattern=r"[A-Z0-9.]+"),
        Field("series_name", "string", "WDI series name."),
        Field("year", "integer", "Calendar year.", minimum=1990),
        Field("value", "number", "Value, in `unit`."),
        Field("unit", "string", "Unit of value."),
        Field("theme", "string", "What afdash uses it for.", enum=("economy", "poverty", "military", "governance")),
    ],
    key=["iso3", "series_code", "year"],
    sources=[_src("World Bank, World Development Indicators (DataBank exports)",
                  "https://databank.worldbank.org/source/world-development-indicators")],
    licenses=[CC_BY],
    rows=(600, 900),
    builder="afdash.build.record:indicators",
    notes="The extract ends in 2023 and has no total GDP series; for Afghanistan many series stop in 2020–2022.",
)

RECORD_DATASETS = ("record_conflict_deaths", "record_conflicts", "record_battle_deaths", "record_refugees",
                   "record_indicators")
REPORT_DATASETS = {"key_figures": "figure_id", "civilian_casualties": "record_id", "events": "event_id",
                   "regional_statements": "statement_id"}
KEYS = {"record_conflict_deaths": RECORD_CONFLICT_DEATHS.key, "record_conflicts": RECORD_CONFLICTS.key,
        "record_battle_deaths": RECORD_BATTLE_DEATHS.key, "record_refugees": RECORD_REFUGEES.key,
        "record_indicators": RECORD_INDICATORS.key}


def _blank(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v) or v == ""


def _same(a: object, b: object) -> bool:
    return (_blank(a) and _blank(b)) or (not _blank(a) and not _blank(b) and int(a) == int(b))


def comparison_checks(tables: dict[str, Any]) -> list[CellError]:
    """Every report ref and record ref points at a row that exists; the report ref cites what that row cites;
    a row with no counterpart names no record row, and every other row names one."""
    f, cmp = "record_comparison.csv", tables["record_comparison"]
    errors: list[CellError] = []

    def err(i, col, v, problem):
        errors.append(CellError(f, line_of(i), col, "" if _blank(v) else str(v), problem))

    for i, r in cmp.iterrows():
        id_col = REPORT_DATASETS[r["report_dataset"]]
        report = tables[r["report_dataset"]].set_index(id_col)
        if r["report_ref"] not in report.index:
            err(i, "report_ref", r["report_ref"], f"unknown id (not in {r['report_dataset']})")
        else:
            row = report.loc[r["report_ref"]]
            if row["section"] != r["section"]:
                err(i, "section", r["section"], f"differs from the cited row's section {row['section']!r}")
            if not _same(row["footnote"], r["footnote"]):
                err(i, "footnote", r["footnote"], f"differs from the cited row's footnote {row['footnote']}")
        named = [not _blank(r[c]) for c in ("record_dataset", "record_key", "record_measure")]
        if r["bearing"] == "no_counterpart":
            if any(named):
                err(i, "record_dataset", r["record_dataset"], "a row with no counterpart names no record row")
            continue
        if not all(named):
            err(i, "record_key", r["record_key"], "record_dataset, record_key and record_measure are required")
            continue
        table, key = tables[r["record_dataset"]], KEYS[r["record_dataset"]]
        if r["record_measure"] not in table.columns:
            err(i, "record_measure", r["record_measure"], f"not a column of {r['record_dataset']}")
        parts = str(r["record_key"]).split("|")
        if len(parts) != len(key):
            err(i, "record_key", r["record_key"], f"expected {len(key)} values ({', '.join(key)})")
            continue
        match = pd.Series(True, index=table.index)
        for col, v in zip(key, parts, strict=True):
            match &= table[col].astype(str) == v
        if match.sum() != 1:
            err(i, "record_key", r["record_key"], f"no row with {', '.join(key)} = {', '.join(parts)} in "
                f"{r['record_dataset']}")
    return errors


RECORD_COMPARISON = Dataset(
    name="record_comparison",
    title="The report's claims beside the independent record",
    description=(
        "Hand-kept: each claim of the report that has a counterpart in the record (UCDP, UNHCR, World Bank) or "
        "plainly has none, with the report row it comes from (key_figures, civilian_casualties, events or "
        "regional_statements id, chapter and footnote), the record row it is set beside (dataset, key values, "
        "column) and a plain statement of how the two measures differ. No verdict is computed: where the record "
        "cannot confirm or contradict a claim, the row says so."
    ),
    kind="table",
    source="sources/record_comparison.csv",
    fields=[
        Field("comparison_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("topic", "string", "Theme.", enum=("casualties", "armed_conflict", "refugees", "economy")),
        Field("report_dataset", "string", "Dataset holding the report's claim.", enum=tuple(REPORT_DATASETS)),
        Field("report_ref", "string", "Id of the claim in report_dataset.", pattern=ID),
        Field("claim", "string", "The claim, paraphrased."),
        Field("record_dataset", "string", "Record dataset of the counterpart.", required=False, enum=RECORD_DATASETS),
        Field("record_key", "string", "Key values of the counterpart row, in the dataset's key order, '|'-separated.",
              required=False, pattern=r"[A-Za-z0-9_.]+(\|[A-Za-z0-9_.]+)*"),
        Field("record_measure", "string", "Column of the counterpart row that is set beside the claim.",
              required=False, pattern=ID),
        Field("bearing", "string", "How the record relates to the claim (not a verdict).",
              enum=("different_measure", "different_period", "no_counterpart")),
        Field("how_they_differ", "string", "How the two measures differ, in plain words."),
        section_field(),
        footnote_field(),
    ],
    sources=[
        REPORT_SOURCE,
        _src("UCDP (conflicts, deaths), UNHCR (refugees), World Bank (indicators): see the record_* datasets",
             UCDP_SITE),
    ],
    licenses=[REPORT_LICENSE, CC_BY],
    rows=(8, 60),
    checks=(comparison_checks,),
)

DATASETS: list[Dataset] = [
    RECORD_CONFLICT_DEATHS, RECORD_CONFLICTS, RECORD_BATTLE_DEATHS, RECORD_REFUGEES, RECORD_INDICATORS,
    RECORD_COMPARISON,
]
