"""The file formats afdash imports, told apart by their header row.

UCDP GED and full UCDP candidate files share one header, so a GED-shaped file counts as candidate events
only when its name says "candidate" or the user passes --format ucdp-candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


@dataclass(frozen=True)
class Format:
    name: str  # the --format value
    source: str  # the events table's `source`
    required: tuple[str, ...]  # columns afdash reads; a file lacking one is refused
    optional: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()  # columns that together identify the format

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


GED_REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude", "country",
                "date_prec", "date_start", "date_end", "best", "low", "high")
GED_OPTIONAL = ("adm_1", "source_headline", "conflict_name", "country_id")
FORMATS: dict[str, Format] = {
    "ucdp-ged": Format("ucdp-ged", "ucdp-ged", GED_REQUIRED, GED_OPTIONAL,
                       signature=("id", "type_of_violence", "where_prec")),
    "ucdp-candidate": Format("ucdp-candidate", "ucdp-candidate", GED_REQUIRED, GED_OPTIONAL,
                             signature=("id", "type_of_violence", "where_prec")),
    # UCDP's monthly candidate files as some copies carry them, reduced to seven columns (no places)
    "ucdp-candidate-reduced": Format("ucdp-candidate-reduced", "ucdp-candidate",
                                     ("id", "conflict_name", "country", "best", "type_of_violence", "date"),
                                     ("conflict_new_id",), signature=("id", "conflict_name", "type_of_violence",
                                                                      "date")),
    "acled": Format("acled", "acled",
                    ("event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "actor2", "country",
                     "admin1", "latitude", "longitude", "geo_precision", "notes", "fatalities"),
                    ("iso", "timestamp"), signature=("event_id_cnty", "event_date", "fatalities")),
}
CHOICES = ("ucdp-ged", "ucdp-candidate", "acled")


class FormatError(ValueError):
    """A file afdash cannot read as a whole (the message names the file and, where it can, row and column)."""


def _normal(header: list[str]) -> list[str]:
    return [h.strip().lstrip("\ufeff").lower() for h in header]


def detect(header: list[str], file_name: str, given: str | None = None) -> Format:
    """The file's format: the one given, or the one whose signature the header carries. Raises FormatError
    naming the missing columns when the header does not fit."""
    cols = set(_normal(header))
    if given:
        fmt = FORMATS[given]
        if given == "ucdp-candidate" and not set(fmt.signature) <= cols \
                and set(FORMATS["ucdp-candidate-reduced"].signature) <= cols:
            fmt = FORMATS["ucdp-candidate-reduced"]
    else:
        fmt = _guess(cols, file_name)
    missing = [c for c in fmt.required if c not in cols]
    if missing:
        raise FormatError(f"{file_name}: row 1 (header): missing column{'s' if len(missing) > 1 else ''} "
                          f"{', '.join(missing)} required for the {fmt.name} format")
    return fmt


def _guess(cols: set[str], file_name: str) -> Format:
    if set(FORMATS["acled"].signature) <= cols or len(cols & set(ACLED_COLUMNS)) >= len(ACLED_COLUMNS) // 2:
        return FORMATS["acled"]
    if set(FORMATS["ucdp-ged"].signature) <= cols:
        return FORMATS["ucdp-candidate" if "candidate" in file_name.lower() else "ucdp-ged"]
    if set(FORMATS["ucdp-candidate-reduced"].signature) <= cols:
        return FORMATS["ucdp-candidate-reduced"]
    shown = ", ".join(sorted(cols)[:8]) + (" …" if len(cols) > 8 else "")
    raise FormatError(f"{file_name}: row 1 (header): unknown format: the columns ({shown}) match neither a UCDP "
                      f"GED / candidate file nor an ACLED export; name the format with --format "
                      f"{{{','.join(CHOICES)}}}")
