"""Regional views: Afghanistan's neighbours and their borders, refugees in Iran, the neighbours' formats."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import charts, map_charts
from afdash.briefing.areas import regional_views
from afdash.briefing.helpers import PERIOD_LABELS, PERIODS, SECURITY_CATEGORIES, figure, in_period, involving
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.core.palette import OKABE_ITO
from afdash.record import codes as record_codes
from afdash.record import refugees as record_refugees

WITH_EVENTS, WITHOUT_EVENTS = "Neighbour: security events in the report", "Neighbour: none in the report"


def neighbour_table(countries: Mapping, events: pd.DataFrame) -> pd.DataFrame:
    """One row per neighbour: ISO3, name, border length (km, Natural Earth) and the number of security-related
    events in the report that involve it (events.actor_ids holds the lowercase ISO3 of states)."""
    rows = []
    for f in countries["features"]:
        p = f["properties"]
        if not p["borders_afg"]:
            continue
        mine = involving(events[events["category"].isin(SECURITY_CATEGORIES)], [p["iso3"].lower()])
        rows.append({"iso3": p["iso3"], "name": p["name"], "border_km": float(p["afg_border_km"]),
                     "security_events": len(mine), "event_ids": "|".join(mine["event_id"])})
    return pd.DataFrame(rows).sort_values("border_km", ascending=False, ignore_index=True)


def _neighbours(tables: Mapping, params: dict) -> Slide:
    countries, events, kf = tables["countries"], tables["events"], tables["key_figures"]
    table = neighbour_table(countries, events)
    labels = {r.iso3: f"{r.name}\n{r.border_km:,.0f} km\n{r.security_events} event"
                      f"{'s' if r.security_events != 1 else ''}" for r in table.itertuples()}
    fills = {"AFG": "Afghanistan"} | {
        r.iso3: WITH_EVENTS if r.security_events else WITHOUT_EVENTS for r in table.itertuples()}
    iran = figure(kf, "iran_border_conflicts")
    return Slide(
        view_id="regional_neighbours", area="regional",
        title="Friction on every border",
        headline=iran["text"], headline_label="clashes on the Iranian border since the Taliban took power",
        chart=map_charts.labelled_region_map(countries, labels, fills,
                                         {"Afghanistan": map_charts.AFG_FILL, WITH_EVENTS: OKABE_ITO[0],
                                          WITHOUT_EVENTS: OKABE_ITO[1]}),
        points=(
            "Since the takeover: clashes with Iranian forces, fighting with Turkmen border guards, and Taliban "
            "troops sent to the Tajik border.",
            "Strikes from Pakistani territory on Afghan border districts in April 2022 damaged Kabul's ties with "
            "Islamabad.",
            "The Taliban also quarrelled with Uzbekistan over Afghan military aircraft it had not returned.",
        ),
        citations=(iran["citation"], Citation("china_interests", 60), Citation("china_interests", 61),
                   Citation("regional_role", 32), Citation("china_interests", 62)),
        datasets=("countries", "events", "key_figures"),
        caveat=("Border lengths are measured by afdash on Natural Earth boundaries, not taken from the report. "
                "Events: security-related events in the report involving each neighbour."),
        notes=(
            "The report expects conflicts between Afghanistan and its neighbours to flare up at any time. Tajikistan "
            "is the most hostile to the Taliban, and Russia, as its CSTO ally, could not stay neutral in a clash; "
            "on the Pakistani side, TTP activity and border disputes drive the tension."
        ),
        data=table, data_name="countries",
    )


def _refugees(tables: Mapping, params: dict) -> Slide:
    countries, kf = tables["countries"], tables["key_figures"]
    refugees = figure(kf, "afghan_refugee_influx_iran")
    pts = map_charts.region_label_points(countries, ["AFG", "IRN"])
    (alon, alat), (ilon, ilat) = pts["AFG"], pts["IRN"]
    labels = pd.DataFrame([{"lon": ilon, "lat": ilat, "text": f"Iran\n{refugees['text']}\nrefugees"},
                           {"lon": alon + 1.4, "lat": alat - 0.3, "text": "Afghanistan"}])
    lines = pd.DataFrame([{"lon": alon - 1.2, "lat": alat - 0.4, "lon2": ilon + 3.0, "lat2": ilat + 0.4}])
    return Slide(
        view_id="regional_refugees", area="regional",
        title="Refugees strain relations with Iran",
        headline=refugees["text"], headline_label="Afghan refugees who recently arrived in Iran",
        chart=map_charts.region_map(countries, {"AFG": "Afghanistan", "IRN": "Iran"}, labels,
                                {"Afghanistan": map_charts.AFG_FILL, "Iran": OKABE_ITO[0]}, lines=lines),
        points=(
            "The inflow of Afghans into Iran, together with quarrels over the Helmand river's water, has soured "
            "Tehran's relations with Kabul.",
            "Turkey feels it too: Afghan refugees reach it by way of Iran.",
            "Still, the first year brought no mass flight of Afghans into neighbouring states.",
        ),
        citations=(refugees["citation"], Citation("external_factors"), Citation("introduction")),
        datasets=("key_figures", "countries"),
        caveat="The report gives the number without a date or a source of its own.",
        notes=(
            "Before the takeover, pessimists expected millions of refugees to overwhelm the neighbours and reach "
            "Europe; a year on, the report finds no such exodus. The strain is concentrated on Iran, where the "
            "arrivals come on top of the water dispute over the Helmand."
        ),
        data=kf[kf["figure_id"] == refugees["id"]], data_name="key_figures",
    )


FORMATS = {
    "neighbours_fm_meeting": "Neighbours' foreign ministers",
    "extended_troika": "Extended troika",
    "format_1_5": "Russia + Central Asia (1+5)",
    "csto": "CSTO",
    "cis": "CIS",
    "sco": "SCO",
    "ots": "Organization of Turkic States",
    "moscow_format": "Moscow format",
    "regional_security_dialogue": "Regional security dialogue",
}
EVENT_KINDS = {"meeting": "Meeting", "statement": "Statement", "agreement": "Agreement",
               "diplomatic": "Diplomatic step"}


def format_events(events: pd.DataFrame, period: str) -> pd.DataFrame:
    """One row per (event, regional format it involves), in the chosen period."""
    rows = []
    for r in in_period(involving(events, FORMATS), period).itertuples():
        for actor in str(r.actor_ids).split("|"):
            if actor in FORMATS:
                rows.append({"event_id": r.event_id, "date_start": r.date_start, "title": r.title,
                             "lane": FORMATS[actor], "group": EVENT_KINDS.get(r.category, "Other"),
                             "section": r.section, "footnote": r.footnote})
    return pd.DataFrame(rows, columns=["event_id", "date_start", "title", "lane", "group", "section", "footnote"])


def _tunxi(tables: Mapping, params: dict) -> Slide:
    events, kf = tables["events"], tables["key_figures"]
    rows = format_events(events, params["period"])
    training = figure(kf, "tunxi_training_positions")
    lanes = [v for v in FORMATS.values() if v in set(rows["lane"])]
    groups = [v for v in [*EVENT_KINDS.values(), "Other"] if v in set(rows["group"])]
    return Slide(
        view_id="regional_tunxi", area="regional",
        title="The neighbours organise: Tunxi and other formats",
        headline=training["text"],
        headline_label="training places for Afghan professionals in the Tunxi Initiative (April 2022)",
        chart=charts.timeline(rows, lanes, groups),
        points=(
            "At Tunxi, China, on 31 March 2022, Afghanistan, its neighbours and Russia looked for one regional line, "
            "restating Afghan sovereignty and asking the Taliban for visible action against terrorists.",
            "They created political-diplomatic, economic and humanitarian working groups, a fourth on security, "
            "and regular meetings of special envoys.",
            "The Tunxi Initiative lists aid, transport and logistics, trade, farming, energy and staff training.",
        ),
        citations=(Citation("regional_role", 27), Citation("regional_role", 30), Citation("regional_role", 31)),
        datasets=("events", "actors", "key_figures"),
        caveat=f"Events involving a regional format, {PERIOD_LABELS[params['period']].lower()}; one dot per format.",
        notes=(
            "The report's Russian authors see Tunxi as the start of a new, practical phase of regional cooperation. "
            "Risks they name: instability inside Afghanistan, centrifugal trends and unsettled border and water "
            "disputes in Central Asia, and tense Tajik–Afghan and Tajik–Kyrgyz relations."
        ),
        data=rows, data_name="events",
    )


def _record_refugees(tables: Mapping, params: dict) -> Slide:
    """UNHCR's count of Afghans in one host, 2015–2025, beside the report's refugee figure; never merged."""
    hosts = list(params["hosts"]) or ["IRN"]
    iso3 = hosts[0]  # one host per slide: the page's top panel
    rows = record_refugees.rows(tables["record_refugees"], [iso3])
    name = rows["host_name"].iloc[0] if len(rows) else record_codes.SEVEN.get(iso3, iso3)
    by = rows.pivot_table(index="year", columns="category", values="persons", aggfunc="sum")
    last = int(by.index.max()) if len(by) else 2025

    def count(year: int, cat: str) -> str:
        v = by.get(cat, pd.Series(dtype=float)).get(year)
        return "none" if v is None or pd.isna(v) else f"{int(v):,}"

    influx = figure(tables["key_figures"], "afghan_refugee_influx_iran")
    return Slide(
        view_id="regional_record_refugees", area="regional",
        title=f"Past the report: Afghans in {name} by UNHCR category",
        headline=count(last, "refugees"), headline_label=f"Afghan refugees in {name}, end {last} (UNHCR)",
        chart=charts.finish(record_refugees.panel(rows, 2015, last + 1)) if len(rows) else None,
        points=(
            f"UNHCR counts {count(2021, 'refugees')} Afghan refugees in {name} at the end of 2021 and "
            f"{count(last, 'refugees')} at the end of {last}, with {count(last, 'oip')} more in its new category of "
            "other people in need of international protection.",
            f"The report speaks of an inflow of {influx['text']} Afghans into Iran; UNHCR counts people present at "
            "year end, not arrivals.",
            "UNHCR reclassified Afghans in Iran in 2022 and again in 2025: read the categories together.",
        ),
        citations=(influx["citation"],),
        datasets=("record_refugees", "key_figures"),
        caveat="Record: UNHCR Refugee Population Statistics, Global Trends 2025 release; CC BY 4.0.",
        notes=("The bars stack UNHCR's categories for each year. The jump in 2022 reflects UNHCR counting Afghans "
               "in refugee-like situations in Iran as refugees; the 2025 drop moves many of them into the oip "
               "category rather than recording departures alone."),
        data=rows, data_name="record_refugees",
    )


VIEWS: list[Recipe] = [
    Recipe("regional_neighbours", "regional", "Map: neighbours, borders and incidents", _neighbours,
         description="Afghanistan's six neighbours with border lengths and the security events the report names."),
    Recipe("regional_record_refugees", "regional", "Past the report: Afghan refugees by host (UNHCR)",
         _record_refugees,
         params=(Param("hosts", "Host (the first chosen is drawn)", tuple(record_codes.SEVEN)[1:], ("IRN",),
                       multi=True, labels=record_codes.SEVEN),),
         description="UNHCR's refugees, asylum seekers and oip in one host, 2015–2025, beside the report's figure."),
    Recipe("regional_refugees", "regional", "Map: refugees in Iran", _refugees,
         description="About 850,000 Afghan refugees in Iran and the strain on relations."),
    Recipe("regional_tunxi", "regional", "Timeline: Tunxi and regional formats", _tunxi,
         params=(Param("period", "Period", PERIODS, "since_2021", labels=PERIOD_LABELS),),
         description="Meetings and statements of the neighbours' formats, the extended troika, CSTO and others."),
]
VIEWS += regional_views.VIEWS
