"""The one events table that imported UCDP and ACLED files are normalised into.

Both the import pipeline (afdash.intake, build layer) and the running app's queries read these names, so
the table's shape is declared once, here. Units: dates are calendar dates (UTC day), coordinates WGS 84
decimal degrees, deaths are persons.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCES = {
    "ucdp-ged": "UCDP Georeferenced Event Dataset (GED), CC BY 4.0",
    "ucdp-candidate": "UCDP Candidate Events (preliminary, revised in the next GED), CC BY 4.0",
    "acled": "ACLED export (the user's own licence; ACLED's terms forbid redistribution)",
}
# Which source an event belongs to for keying: a GED release replaces the candidate record of the same id.
FAMILY = {"ucdp-ged": "ucdp", "ucdp-candidate": "ucdp", "acled": "acled"}
# When the same event comes twice, the higher rank wins (then the later revision stamp).
SOURCE_RANK = {"ucdp-candidate": 1, "ucdp-ged": 2, "acled": 1}

DATE_PRECISIONS = ("day", "days", "week", "month", "year")
LOCATION_PRECISIONS = ("exact", "near", "district", "province", "ambiguous", "country", "international",
                       "unknown")
# Only these are precise enough to place an event in one province.
PROVINCE_LEVEL = ("exact", "near", "district", "province")
UCDP_VIOLENCE = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # string | date | number | integer
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("source", "string", "ucdp-ged, ucdp-candidate or acled."),
    Column("source_id", "string", "The source's own event id (UCDP `id`, ACLED `event_id_cnty`)."),
    Column("date_start", "date", "First day of the event (UCDP date_start, ACLED event_date)."),
    Column("date_end", "date", "Last day of the event (same as date_start for ACLED)."),
    Column("date_precision", "string", "How exactly the date is known: " + ", ".join(DATE_PRECISIONS) + "."),
    Column("country_iso3", "string", "Country where it happened, ISO 3166-1 alpha-3."),
    Column("province_code", "string", "Afghan province, ISO 3166-2:AF, from afdash's province polygons; "
                                      "empty when unknown, outside Afghanistan or not precise enough."),
    Column("admin1_as_given", "string", "First-order admin unit as the source names it (UCDP adm_1, ACLED admin1)."),
    Column("latitude", "number", "WGS 84 decimal degrees; empty when the source gives none."),
    Column("longitude", "number", "WGS 84 decimal degrees; empty when the source gives none."),
    Column("location_precision", "string", "How exactly the place is known: " + ", ".join(LOCATION_PRECISIONS)
           + " (UCDP where_prec 1–7, ACLED geo_precision 1–3)."),
    Column("event_type", "string", "UCDP type of violence (state-based conflict, non-state conflict, one-sided "
                                   "violence) or ACLED event_type as given."),
    Column("actor_1", "string", "UCDP side_a or ACLED actor1."),
    Column("actor_2", "string", "UCDP side_b or ACLED actor2."),
    Column("deaths_best", "integer", "Best estimate of deaths, persons (UCDP best, ACLED fatalities)."),
    Column("deaths_low", "integer", "Low estimate, persons (UCDP low; empty for ACLED)."),
    Column("deaths_high", "integer", "High estimate, persons (UCDP high; empty for ACLED)."),
    Column("description", "string", "UCDP source_headline (or conflict name), ACLED notes."),
)
NAMES = tuple(c.name for c in COLUMNS)
# Kept beside the documented columns to decide which copy of a re-imported event wins; not exported.
REVISION = "revision"  # ACLED `timestamp` (seconds); UCDP: 0 (rank decides, then the later import)
ROW_HASH = "row_hash"  # hash of the documented columns: an identical re-import changes nothing
STORED = (*NAMES, REVISION, ROW_HASH)
