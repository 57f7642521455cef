"""Security views: civilian casualties, ISIS-Khorasan's growth, armed-group estimates, where incidents are.

Talking points paraphrase the report; numbers in them are computed from the datasets where they can be."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import charts, map_charts
from afdash.briefing.areas import imported, record_views
from afdash.briefing.helpers import SECURITY_CATEGORIES, figure
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.record import codes as record_codes
from afdash.record import compare as record_compare
from afdash.record import deaths as record_deaths

MEASURES = ("breakdown", "total", "fatalities", "wounded")
MEASURE_LABELS = {"breakdown": "Killed and wounded, stacked", "total": "Total only", "fatalities": "Killed only",
                  "wounded": "Wounded only"}
CATEGORY_LABELS = {
    "attack": "Attacks", "strike": "Air and artillery strikes", "clash": "Armed clashes",
    "border_incident": "Border incidents", "crackdown": "Arrests and crackdowns", "unrest": "Unrest",
    "military": "Military moves", "meeting": "Meetings", "visit": "Visits", "statement": "Statements",
    "agreement": "Agreements", "sanction": "Sanctions", "financial": "Financial measures", "aid": "Aid",
    "diplomatic": "Diplomatic steps", "policy": "Policies", "disaster": "Disasters",
}


def _casualties(tables: Mapping, params: dict) -> Slide:
    cas = tables["civilian_casualties"]
    measure = params["measure"]
    measures = ("fatalities", "wounded") if measure == "breakdown" else (measure,)
    totals = cas[cas["measure"] == "total"]
    yearly = totals[totals["period_kind"] == "calendar_year"]
    peak = yearly.loc[yearly["value"].idxmax()]
    last = yearly.loc[yearly["period_start"].idxmax()]
    partial = cas[cas["period_kind"] == "partial_period"].set_index("measure")["value"]
    shown = cas[cas["measure"].isin(measures)]
    return Slide(
        view_id="security_casualties", area="security",
        title="Civilian casualties: lower since the takeover, still high",
        headline=f"{int(partial['total']):,}",
        headline_label=(f"civilians killed or wounded, Aug 2021 – Jun 2022 ({int(partial['fatalities']):,} "
                        f"killed, {int(partial['wounded']):,} wounded)"),
        chart=charts.casualties(cas, measures),
        points=(
            f"In the report's Table 1, civilian losses peak at {int(peak['value']):,} in {peak['period_label']} "
            f"and stand at {int(last['value']):,} in {last['period_label']}.",
            "A UN report of January 2022 found fewer clashes and fewer civilian victims after the Taliban took "
            "power, which made aid work easier.",
            "Even so, the toll stays high, and a large share of the post-takeover victims fell to ISIS-Khorasan "
            "attacks.",
        ),
        citations=(Citation("security_situation", 16), Citation("security_situation", 15),
                   Citation("security_situation", 17), Citation("security_situation", 18)),
        datasets=("civilian_casualties",),
        caveat=("Aug 2021 – Jun 2022 covers 11 months and overlaps 2021: compare it with the years only with "
                "care. The report attributes Table 1 to UNAMA; UNAMA's own annual totals are higher."),
        notes=(
            "The bars are the report's Table 1 as printed (2009–2021) and its figure for the eleven months after "
            "the takeover, drawn paler because it is not a calendar year and overlaps 2021. The report credits "
            "the fall in violence to the Taliban no longer fighting the government, and warns that ISIS-Khorasan "
            "accounts for much of what remains."
        ),
        data=shown, data_name="civilian_casualties",
    )


def _isisk(tables: Mapping, params: dict) -> Slide:
    kf = tables["key_figures"]
    before, after = figure(kf, "isisk_members_before_2022_growth"), figure(kf, "isisk_members_early_2022")
    foreign = figure(kf, "isisk_members_foreign_share_early_2022")
    rows = pd.DataFrame([
        {"label": "Earlier level", "value": before["value"], "text": before["text"], "group": "ISIS-Khorasan"},
        {"label": "Start of 2022", "value": after["value"], "text": after["text"], "group": "ISIS-Khorasan"},
    ])
    return Slide(
        view_id="security_isisk_growth", area="security",
        title="ISIS-Khorasan is growing",
        headline=after["text"], headline_label="ISIS-Khorasan members at the start of 2022",
        chart=charts.bars_with_labels(rows, None, "Members"),
        points=(
            f"Membership rose from {before['text']} to {after['text']} early in 2022, {foreign['text']} of them "
            "foreigners.",
            "From April 2022 the group struck every month at the Taliban and at civilians, mostly Shia, in "
            "Kabul, Kandahar, Mazar-e-Sharif and Kunduz.",
            "Since mid-April 2022 it has also fired rockets from Afghanistan at Uzbekistan and Tajikistan.",
        ),
        citations=(before["citation"], Citation("security_situation", 14), Citation("china_interests", 57)),
        datasets=("key_figures",),
        caveat="The report gives no date for the earlier level of 2,200.",
        notes=(
            "The report calls ISIS-Khorasan (Wilayat Khorasan) the most active terrorist group in the country and "
            "a leading anti-Taliban force. The rocket attacks on Uzbekistan and Tajikistan caused no casualties but "
            "signal ambitions in Central Asia; the group now also publishes propaganda in Uzbek, Tajik, Urdu and "
            "English."
        ),
        data=kf[kf["figure_id"].isin([before["id"], after["id"], foreign["id"]])], data_name="key_figures",
    )


def _fighters(tables: Mapping, params: dict) -> Slide:
    kf = tables["key_figures"]
    foreign, isisk = figure(kf, "foreign_terrorists_in_afghanistan"), figure(kf, "isisk_members_early_2022")
    etim, groups = figure(kf, "etim_ipt_fighters"), figure(kf, "terrorist_groups_count")
    rows = pd.DataFrame([
        {"label": "Foreign terrorists in Afghanistan", **_bounds(foreign)},
        {"label": "ISIS-Khorasan members (early 2022)", **_bounds(isisk)},
        {"label": "ETIM and Islamic Party of Turkestan", **_bounds(etim)},
    ])
    return Slide(
        view_id="security_fighters", area="security",
        title="A haven for foreign fighters",
        headline=foreign["text"], headline_label="foreign terrorists in Afghanistan (rough estimate)",
        chart=charts.estimates(rows),
        points=(
            f"Terrorist groups: the former Afghan government counted {groups['text']} in the country, most of "
            "foreign origin.",
            "Most of these foreign fighters come from Pakistan, China, the Caucasus, and Central and South Asia.",
            f"The Taliban moved ETIM and IPT fighters ({etim['text']}) from Badakhshan, on China's border, to "
            "Baghlan, Takhar and other provinces.",
        ),
        citations=(groups["citation"], foreign["citation"], etim["citation"]),
        datasets=("key_figures",),
        caveat="Ranges are the report's own rough estimates; the three groups overlap and must not be added up.",
        notes=(
            "The report stresses that the Taliban has not cut ties with several of these groups, al-Qaeda "
            "included, and that a UN report of January 2022 saw no sign of the Taliban restraining foreign "
            "fighters. For China, the ETIM fighters are the direct concern; for Russia and Central Asia, ISIS-K "
            "and groups such as Jamaat Ansarullah."
        ),
        data=kf[kf["figure_id"].isin([foreign["id"], isisk["id"], etim["id"], groups["id"]])],
        data_name="key_figures",
    )


def _bounds(fig: dict) -> dict:
    end = fig["high"] if fig["high"] is not None else fig["value"]
    return {"value": fig["value"], "low": fig["low"], "high": fig["high"], "end": end, "text": fig["text"]}


def province_counts(events: pd.DataFrame, categories: tuple[str, ...]) -> pd.DataFrame:
    """Events per province (ISO 3166-2:AF) among the chosen categories; provinces with none are absent."""
    rows = events[events["category"].isin(categories) & events["province_iso"].notna()]
    return (rows.groupby("province_iso").size().rename("events").reset_index()
            .sort_values(["events", "province_iso"], ascending=[False, True], ignore_index=True))


def _province_map(tables: Mapping, params: dict) -> Slide:
    events, geo = tables["events"], tables["provinces"]
    categories = tuple(params["category"])
    counts = province_counts(events, categories)
    names = {f["properties"]["iso_3166_2"]: f["properties"] for f in geo["features"]}
    shown = events[events["category"].isin(categories) & events["province_iso"].notna()]
    n_prov = len(counts)
    if n_prov:
        top = counts.iloc[0]
        first = (f"The report places {int(counts['events'].sum())} of these events in a named province, across "
                 f"{n_prov} provinces; {names[top['province_iso']]['name']} has the most ({int(top['events'])}).")
    else:
        chosen = ", ".join(categories) or "none"
        first = f"No events match: category={chosen}."
    return Slide(
        view_id="security_province_map", area="security",
        title="Where the report places security events",
        headline=f"{n_prov}", headline_label="provinces with security events named in the report",
        chart=map_charts.province_map(geo, dict(zip(counts["province_iso"], counts["events"], strict=True)),
                                  "Events in the report"),
        points=(
            first,
            "ISIS-Khorasan's campaign from April 2022 hit Kabul, Kandahar, Mazar-e-Sharif (Balkh) and Kunduz.",
            "These are events the report mentions, not an incident database: most of them have no province.",
        ),
        citations=(Citation("security_situation", 12), Citation("security_situation"),
                   Citation("external_factors")),
        datasets=("events", "provinces"),
        caveat="Categories: " + (", ".join(CATEGORY_LABELS.get(c, c) for c in categories) or "none") + ".",
        notes=(
            "Counts come from the events dataset: each dated event the report mentions, with a province where the "
            "report names a place. Kabul stands out because most named incidents happened there: the ISIS-K "
            "attacks, the February 2022 arrests of Islamic State members and the August 2021 U.S. drone strike."
        ),
        data=shown, data_name="events",
    )


def _record_deaths(tables: Mapping, params: dict) -> Slide:
    """The independent record past the report: UCDP deaths of all kinds, never merged with Table 1."""
    chosen = [c for c in record_codes.SEVEN if c in params["countries"]] or ["AFG"]
    iso3 = chosen[0]  # one country per slide: the page's top panel
    name = record_codes.SEVEN[iso3]
    rows = record_deaths.rows(tables["record_conflict_deaths"], [iso3], 2015, 2025)
    by_year = rows.set_index("year")["deaths"]
    cas = tables["civilian_casualties"]
    t1 = cas[(cas["record_id"] == "t1_2021_fatalities")]["value"]
    first = (f"UCDP counts {int(by_year[2021]):,} deaths of all kinds in {name} in 2021, {int(by_year[2022]):,} "
             f"in 2022 and {int(by_year[2024]):,} in 2024; its preliminary count for 2025 is {int(by_year[2025]):,}.")
    return Slide(
        view_id="security_record_deaths", area="security",
        title=f"Past the report: conflict deaths in {name}",
        headline=f"{int(by_year[2024]):,}", headline_label=f"deaths in organised violence in {name} in 2024 (UCDP)",
        chart=charts.finish(record_deaths.panel(rows, 2015, 2026)),
        points=(
            first,
            f"The report's Table 1 gives {int(t1.iloc[0]):,} civilians killed in Afghanistan in 2021: civilians "
            "only, so it measures something else than UCDP's total of soldiers, fighters and civilians.",
            "Dashed lines mark the Taliban's capture of Kabul and the report's writing in mid-2022.",
        ),
        citations=(Citation("security_situation", 16), Citation("security_situation", 17)),
        datasets=("record_conflict_deaths", "civilian_casualties"),
        caveat=("Record: UCDP GED 25.1 via Our World in Data (to 2024) and UCDP candidate events for 2025, "
                "preliminary; CC BY 4.0. Never added to the report's figures."),
        notes=("UCDP counts every death in organised violence where a conflict passes 25 deaths a year; the report's "
               "Table 1 counts civilians only and credits UNAMA, whose own totals are higher still. The 2025 bar sums "
               "UCDP's candidate events, which UCDP revises in its next release."),
        data=rows, data_name="record_conflict_deaths",
    )


RECORD_TOPICS = {"casualties": "Casualties", "armed_conflict": "Armed conflict", "refugees": "Refugees",
                 "economy": "Economy"}


def _report_vs_record(tables: Mapping, params: dict) -> Slide:
    """Up to three of the report's claims on one topic, each beside its counterpart: no chart, no verdict."""
    topics = [t for t in RECORD_TOPICS if t in params["topic"]] or ["casualties"]
    cmp = tables["record_comparison"]
    rows = cmp[cmp["topic"].isin(topics)].head(3)  # a slide holds three talking points
    shown = record_compare.table(rows, {name: tables[name] for name in record_compare.needed()})
    points = tuple(
        f"Report: {r['The report says']} ({r['Report figure']}). Record: {r['The record says']} "
        f"({r['Record figure']}). {r['Bearing']}."
        for r in shown.to_dict("records"))
    used = tuple(dict.fromkeys(d for d in rows["record_dataset"] if isinstance(d, str) and d))
    return Slide(
        view_id="security_report_vs_record", area="security",
        title="The report beside the record: " + ", ".join(RECORD_TOPICS[t].lower() for t in topics),
        points=points,
        citations=tuple(Citation(r["section"], None if pd.isna(r["footnote"]) else int(r["footnote"]))
                        for r in rows.to_dict("records")),
        datasets=("record_comparison", *used),
        caveat="Report and record measure different things; afdash sets them side by side and draws no verdict.",
        notes=" ".join(f"{r['The report says']}: {r['How they differ']}" for r in shown.to_dict("records")),
        data=shown, data_name="record_comparison",
    )


def _categories(tables: Mapping) -> tuple[str, ...]:
    return tuple(sorted(tables["events"]["category"].dropna().unique()))


VIEWS: list[Recipe] = [
    Recipe("security_casualties", "security", "Civilian casualties, 2009 – Jun 2022", _casualties,
         params=(Param("measure", "Measure", MEASURES, "breakdown", labels=MEASURE_LABELS),),
         description="The report's Table 1 and its figure for Aug 2021 – Jun 2022 (partial period marked)."),
    Recipe("security_isisk_growth", "security", "ISIS-Khorasan membership", _isisk,
         description="Growth from 2,200 to about 4,000 members at the start of 2022."),
    Recipe("security_fighters", "security", "Foreign fighters and armed groups", _fighters,
         description="The report's estimates of foreign terrorists, ISIS-K and ETIM/IPT fighters."),
    Recipe("security_province_map", "security", "Map: security events by province", _province_map,
         params=(Param("category", "Event categories", _categories, SECURITY_CATEGORIES, multi=True,
                       labels=CATEGORY_LABELS),),
         description="Events the report places in a province, as a choropleth of Afghanistan's 34 provinces."),
    imported.TREND,
    Recipe("security_record_deaths", "security", "Past the report: conflict deaths (UCDP)", _record_deaths,
         params=(Param("countries", "Country (the first chosen is drawn)", tuple(record_codes.SEVEN), ("AFG",),
                       multi=True, labels=record_codes.SEVEN),),
         description="UCDP deaths of all kinds per year 2015–2025 (2025 preliminary), takeover and report marked."),
    Recipe("security_report_vs_record", "security", "The report beside the record", _report_vs_record,
         params=(Param("topic", "Topics (the first three claims are shown)", tuple(RECORD_TOPICS), ("casualties",),
                       multi=True, labels=RECORD_TOPICS),),
         description="Up to three of the report's claims on a topic, each beside its counterpart in UCDP, UNHCR or "
                     "World Bank data, with how the measures differ."),
]
VIEWS += record_views.VIEWS + imported.VIEWS
