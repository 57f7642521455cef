"""Datasets of the regional page, registered in afdash.store.catalogue.

- regional_statements: one row per state × aspect statement, paraphrasing the report, each citing chapter and
  footnote. The comparison matrix is derived from it (afdash.regional.model.matrix_cells); a cell no row speaks to
  is "not discussed in the report", never a guess.
- regional_projects: transit, energy and mining projects the report names, with the countries each connects and
  the route its schematic map line follows.
- regional_memberships: SCO, CSTO, CIS, EAEU and OTS status of the ten states as of 2022 — public record, each
  row with its source URL (not from the report).
- regional_border_events: which land border each border-related event in `events` concerns.
- regional_points: country anchor points and Afghanistan's border midpoints, computed from Natural Earth.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from afdash.regional import states
from afdash.schema.dataset import (
    ID,
    ID_LIST,
    NATURAL_EARTH_LICENSE,
    REPORT_LICENSE,
    REPORT_SOURCE,
    SECTION_IDS,
    Dataset,
    actor_field,
    footnote_field,
    iso3_field,
    section_field,
)
from afdash.schema.fields import CellError, Field, line_of

ROUTE_NODE = r"(?:[A-Z]{3}|AF-[A-Z]{3})"
PUBLIC_RECORD_LICENSE = {
    "name": "public-record",
    "title": "Public-record facts (organisation memberships), each row linked to its source",
}


def _err(file: str, i: int, column: str, value: object, problem: str) -> CellError:
    return CellError(file, line_of(i), column, "" if value is None else str(value), problem)


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA or v == ""


# ------------------------------------------------------------------------------------------------ checks
def statement_checks(tables: dict[str, Any]) -> list[CellError]:
    """Ten states, one stance each; an issue always carries a level; projects exist."""
    f, st = "regional_statements.csv", tables["regional_statements"]
    projects = set(tables["regional_projects"]["project_id"])
    errors = []
    for i, r in st.iterrows():
        if r["state_iso3"] not in states.STATES:
            errors.append(_err(f, i, "state_iso3", r["state_iso3"], "not one of the page's ten states"))
        if _blank(r["issue"]) != _blank(r["level"]):
            errors.append(_err(f, i, "level", r["level"], "issue and level must be given together"))
        if (r["aspect"] == "stance") == _blank(r["stance"]):
            errors.append(_err(f, i, "stance", r["stance"], "stance is required on stance rows and only there"))
        if r["aspect"] == "stance" and not _blank(r["issue"]):
            errors.append(_err(f, i, "issue", r["issue"], "stance rows do not fill matrix cells"))
        for p in [] if _blank(r["project_ids"]) else str(r["project_ids"]).split("|"):
            if p not in projects:
                errors.append(_err(f, i, "project_ids", p, "unknown project (not in regional_projects.csv)"))
    counts = st[st["aspect"] == "stance"]["state_iso3"].value_counts()
    for iso3 in states.STATES:
        if counts.get(iso3, 0) != 1:
            n = counts.get(iso3, 0)
            errors.append(CellError(f, 0, "stance", iso3, f"expected exactly one stance row, found {n}"))
    return errors


def project_checks(tables: dict[str, Any]) -> list[CellError]:
    """Route nodes exist on the map (country layer or province layer) and belong to the project's states."""
    f, pr = "regional_projects.csv", tables["regional_projects"]
    layer = set(tables["countries"]["iso3"])
    provinces = set(tables["provinces"]["iso_3166_2"])
    errors = []
    for i, r in pr.iterrows():
        states = set(str(r["states"]).split("|"))
        for node in [] if _blank(r["route"]) else str(r["route"]).split("|"):
            if node.startswith("AF-"):
                if node not in provinces:
                    errors.append(_err(f, i, "route", node, "unknown province"))
                elif "AFG" not in states:
                    errors.append(_err(f, i, "route", node, "route crosses Afghanistan but AFG is not in states"))
            elif node not in layer:
                errors.append(_err(f, i, "route", node, "country not in the countries layer"))
            elif node not in states:
                errors.append(_err(f, i, "route", node, "route node is not one of the project's states"))
    return errors


def membership_checks(tables: dict[str, Any]) -> list[CellError]:
    """Every state × organisation pair exactly once."""
    f, m = "regional_memberships.csv", tables["regional_memberships"]
    errors = []
    for i, r in m.iterrows():
        if r["org_id"] not in states.ORGS:
            errors.append(_err(f, i, "org_id", r["org_id"], f"expected one of {list(states.ORGS)}"))
        if r["state_iso3"] not in states.STATES:
            errors.append(_err(f, i, "state_iso3", r["state_iso3"], "not one of the page's ten states"))
    have = set(zip(m["state_iso3"], m["org_id"], strict=True))
    for org in states.ORGS:
        for iso3 in states.STATES:
            if (iso3, org) not in have:
                errors.append(CellError(f, 0, "org_id", f"{iso3}/{org}", "missing state × organisation row"))
    return errors


def border_event_checks(tables: dict[str, Any]) -> list[CellError]:
    """Each row points at a real event, cites what that event cites, and names a land neighbour."""
    f, be = "regional_border_events.csv", tables["regional_border_events"]
    events = tables["events"].set_index("event_id")
    land = set(tables["countries"].loc[tables["countries"]["borders_afg"], "iso3"])
    errors = []
    for i, r in be.iterrows():
        if r["border_iso3"] not in land:
            errors.append(_err(f, i, "border_iso3", r["border_iso3"], "not a land neighbour of Afghanistan"))
        if r["event_id"] not in events.index:
            errors.append(_err(f, i, "event_id", r["event_id"], "unknown event (not in events.csv)"))
            continue
        ev = events.loc[r["event_id"]]
        if ev["section"] != r["section"]:
            errors.append(_err(f, i, "section", r["section"], f"differs from the event's section {ev['section']!r}"))
        a, b = ev["footnote"], r["footnote"]
        if not ((_blank(a) and _blank(b)) or (not _blank(a) and not _blank(b) and int(a) == int(b))):
            errors.append(_err(f, i, "footnote", b, f"differs from the event's footnote {a}"))
    return errors


def point_checks(tables: dict[str, Any]) -> list[CellError]:
    """A border midpoint for exactly the countries the country layer marks as land neighbours."""
    pts, c = tables["regional_points"], tables["countries"]
    mids = set(pts.loc[pts["kind"] == "border_midpoint", "iso3"])
    land = set(c.loc[c["borders_afg"], "iso3"])
    if mids != land:
        return [CellError("countries-10m.json", 0, "iso3", ",".join(sorted(mids ^ land)),
                          "border midpoints and land neighbours differ")]
    return []


# ---------------------------------------------------------------------------------------------- datasets
REGIONAL_STATEMENTS = Dataset(
    name="regional_statements",
    title="Regional states and the Taliban government: sourced statements",
    description=(
        "What the report says about each of ten regional states — Pakistan, Iran, Tajikistan, Uzbekistan, "
        "Turkmenistan, China, Russia, Kazakhstan, Kyrgyzstan and India: its stance toward the Taliban government, "
        "security concerns, economic and transit interests, refugees, water, border, engagement with Kabul and "
        "formats. One paraphrased statement per row, citing chapter and footnote. Rows that bear on one of the "
        "comparison matrix's six issues carry that issue and a level (high: concrete incidents, steps or a threat "
        "called serious; medium: named as a concern, interest or tie; low: mentioned in passing or described as "
        "limited or absent)."
    ),
    kind="table",
    source="sources/regional_statements.csv",
    fields=[
        Field("statement_id", "string", "Stable identifier.", unique=True, pattern=ID),
        iso3_field("state_iso3", "State the statement is about (ISO 3166-1 alpha-3).", required=True),
        Field("aspect", "string", "Part of the state's profile.", enum=states.ASPECT_IDS),
        Field("issue", "string", "Comparison-matrix issue the statement bears on.", required=False,
              enum=tuple(states.ISSUES)),
        Field("level", "string", "How much of the issue the report describes for the state.", required=False,
              enum=states.LEVELS),
        Field("stance", "string", "Stance class toward the Taliban government (stance rows only).",
              required=False, enum=tuple(states.STANCES)),
        Field("label", "string", "Short label of the statement, paraphrased."),
        Field("statement", "string", "What the report says, paraphrased."),
        Field("project_ids", "string", "Projects the statement concerns (regional_projects.project_id).",
              required=False, pattern=ID_LIST, is_list=True),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(100, 400),
    checks=(statement_checks,),
    notes=("Stance classes and levels are afdash's reading of the report's wording; the statement text and its "
           "citation give the basis for each."),
)

REGIONAL_PROJECTS = Dataset(
    name="regional_projects",
    title="Transit, energy and mining projects the report names",
    description=(
        "TAPI, CASA-1000, the trans-Afghan railways (Mazar-i-Sharif–Kabul–Peshawar, Khaf–Herat, "
        "Hairaton–Mazar-i-Sharif), the proposed CPEC extension and the Aynak copper deposit: the countries each "
        "connects, its status as the report describes it, and the route of its schematic map line — a sequence "
        "of country anchor points (ISO 3166-1 alpha-3) and Afghan province label points (ISO 3166-2:AF) that "
        "stand in for the places named. Lines are schematic, not surveyed alignments."
    ),
    kind="table",
    source="sources/regional_projects.csv",
    fields=[
        Field("project_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("name", "string", "Project name."),
        Field("short_name", "string", "Short ASCII label drawn on the map.", pattern=r"[ -~]+"),
        Field("kind", "string", "Kind of project.", enum=("pipeline", "power_line", "railway", "corridor", "mining")),
        iso3_field("states", "Countries the project connects or involves (ISO 3166-1 alpha-3).", required=True,
                   many=True),
        Field("route", "string", "Nodes of the schematic line, in order: country anchors or Afghan provinces.",
              required=False, pattern=rf"{ROUTE_NODE}(\|{ROUTE_NODE})*"),
        Field("description", "string", "What the project is, paraphrased from the report."),
        Field("status", "string", "Status as the report describes it."),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(5, 30),
    checks=(project_checks,),
    notes="Map lines are schematic: straight segments between country anchor points and province label points.",
)

REGIONAL_MEMBERSHIPS = Dataset(
    name="regional_memberships",
    title="Membership of the ten regional states in SCO, CSTO, CIS, EAEU and OTS (2022)",
    description=(
        "Status of each of the ten states in the Shanghai Cooperation Organisation, the Collective Security Treaty "
        "Organization, the Commonwealth of Independent States, the Eurasian Economic Union and the Organization "
        "of Turkic States as of mid-2022. Public record, not taken from the report: every row links its source. "
        "Where the report mentions the membership, report_section/report_footnote say where."
    ),
    kind="table",
    source="sources/regional_memberships.csv",
    fields=[
        iso3_field("state_iso3", "State (ISO 3166-1 alpha-3).", required=True),
        actor_field("org_id", "Organisation (actors.actor_id).", required=True),
        Field("status", "string", "Status in the organisation.",
              enum=("member", "observer", "associate_member", "suspended", "not_member")),
        Field("as_of", "date", "Date the status is stated for."),
        Field("source_title", "string", "Source of the status."),
        Field("source_url", "string", "Link to the source.", pattern=r"https?://\S+"),
        Field("report_section", "string", "Report chapter that mentions this membership, if any.", required=False,
              enum=SECTION_IDS),
        Field("report_footnote", "integer", "Report footnote supporting that mention, if any.", required=False,
              minimum=1, references="report_sources"),
        Field("note", "string", "Dates and caveats.", required=False),
    ],
    key=["state_iso3", "org_id"],
    sources=[
        {"title": "Shanghai Cooperation Organisation", "path": "https://eng.sectsco.org/"},
        {"title": "Collective Security Treaty Organization", "path": "https://en.odkb-csto.org/"},
        {"title": "Commonwealth of Independent States, Executive Committee", "path": "https://e-cis.info/"},
        {"title": "Eurasian Economic Union", "path": "https://eaeunion.org/"},
        {"title": "Organization of Turkic States", "path": "https://www.turkicstates.org/"},
    ],
    licenses=[PUBLIC_RECORD_LICENSE],
    rows=(50, 50),
    checks=(membership_checks,),
    notes=("The report calls Iran an SCO member; in 2022 Iran was an observer whose accession had begun (full "
           "membership in July 2023). afdash shows the public-record status and the report's wording side by side."),
)

REGIONAL_BORDER_EVENTS = Dataset(
    name="regional_border_events",
    title="Border incidents and cross-border attacks, by the border they concern",
    description=(
        "Links each border-related event in `events` (clashes, strikes, cross-border rocket fire, troop "
        "deployments, unrest and security operations on a border) to the land border it concerns, so the map can "
        "place it on that border's midpoint. The point marks the border, not where the event happened."
    ),
    kind="table",
    source="sources/regional_border_events.csv",
    fields=[
        Field("event_id", "string", "Event (events.event_id).", unique=True, pattern=ID),
        iso3_field("border_iso3", "Neighbour whose border with Afghanistan the event concerns.", required=True),
        Field("relation", "string", "How the event concerns the border.", enum=(
            "armed_clash", "cross_border_strike", "cross_border_attack", "troop_deployment", "border_unrest",
            "security_operation")),
        Field("note", "string", "Short paraphrase."),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(5, 60),
    checks=(border_event_checks,),
)

REGIONAL_POINTS = Dataset(
    name="regional_points",
    title="Country anchor points and Afghanistan's border midpoints",
    description=(
        "Computed from Natural Earth 1:10m (world-atlas) without simplification: for each country of the regional "
        "layer an anchor point (centroid of its largest polygon within the map box, or an interior point where "
        "the centroid falls outside), and for each land neighbour of Afghanistan the point halfway along their "
        "shared border line. Used for labels, schematic project lines and border-incident points."
    ),
    kind="table",
    source="vendor/world-atlas/countries-10m.json",
    fields=[
        iso3_field("iso3", "Country (ISO 3166-1 alpha-3).", required=True),
        Field("kind", "string", "anchor, or border_midpoint (shared border with Afghanistan).",
              enum=("anchor", "border_midpoint")),
        Field("lon", "number", "Longitude (WGS 84).", unit="degrees"),
        Field("lat", "number", "Latitude (WGS 84).", unit="degrees"),
    ],
    key=["iso3", "kind"],
    sources=[{"title": "Natural Earth 1:10m admin-0 countries v4.1.0, via npm world-atlas 2.0.2",
              "path": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/"}],
    licenses=[NATURAL_EARTH_LICENSE],
    rows=(25, 80),
    builder="afdash.build.geometry.steps:regional_points",
    checks=(point_checks,),
)

DATASETS: list[Dataset] = [
    REGIONAL_STATEMENTS, REGIONAL_PROJECTS, REGIONAL_MEMBERSHIPS, REGIONAL_BORDER_EVENTS, REGIONAL_POINTS,
]
