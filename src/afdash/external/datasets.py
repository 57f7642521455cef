"""Datasets of the external-powers page, registered in afdash.store.catalogue.

They reuse the foundation's events and key_figures by id instead of repeating dates and numbers; the
dataset checks in afdash.external.powers make sure every id points at a row that exists.
"""

from __future__ import annotations

from afdash.external import checks, vocabulary
from afdash.external import reserves as assets
from afdash.schema.dataset import (
    ID,
    ID_LIST,
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

PUBLIC_RECORD_SOURCES = [
    {"title": "Quad Leaders' Joint Statement “The Spirit of the Quad”, The White House, 12 Mar 2021 (archived)",
     "path": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/03/12/"
             "quad-leaders-joint-statement-the-spirit-of-the-quad/"},
    {"title": "Joint Leaders Statement on AUKUS, The White House, 15 Sep 2021 (archived)",
     "path": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/09/15/"
             "joint-leaders-statement-on-aukus/"},
    {"title": "Organization of Turkic States, About the organisation",
     "path": "https://www.turkicstates.org/en/turk-konseyi-hakkinda"},
    {"title": "NATO, Member countries", "path": "https://www.nato.int/cps/en/natohq/topics_52044.htm"},
]
PUBLIC_RECORD_LICENSE = {"name": "public-record-facts",
                         "title": "Membership facts from official public web pages, each row citing its URL"}

US_INSTRUMENTS = Dataset(
    name="us_instruments",
    title="U.S. instruments on Afghanistan after the withdrawal, by type",
    description=(
        "The report's dated U.S. moves — sanctions and frozen reserves, drone strikes, diplomacy, multilateral "
        "formats and aid — each pointing at its row in events (date, description) and, where the report prints a "
        "number, at key_figures. Dates and amounts are not repeated here: the page joins them in."
    ),
    kind="table",
    source="sources/us_instruments.csv",
    fields=[
        Field("instrument_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("event_id", "string", "The dated event (events.event_id).", unique=True, pattern=ID),
        Field("instrument", "string", "Kind of instrument.", enum=tuple(vocabulary.INSTRUMENTS)),
        Field("figure_ids", "string", "Figures printed with it (key_figures.figure_id).", required=False,
              pattern=ID_LIST, is_list=True),
        Field("role", "string", "What the report makes of it as a U.S. instrument, paraphrased."),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(15, 40),
    checks=(checks.check_us_instruments,),
)

AFGHAN_ASSETS = Dataset(
    name="afghan_assets",
    title="Afghan central bank reserves frozen by the U.S.: printed and derived amounts",
    description=(
        "Built from key_figures, never typed by hand: USD 9.5 billion frozen (printed), USD 7 billion released by "
        "the executive order of 11 Feb 2022 (printed), and three amounts derived by arithmetic on those rows — the "
        "two halves of the release (7 × 0.5) and the part the order did not cover (9.5 − 7). `provenance` and "
        "`formula` say which is which."
    ),
    kind="table",
    source="sources/key_figures.csv",
    fields=[
        Field("stage_id", "string", "Segment of the chart.", unique=True, pattern=ID),
        Field("label", "string", "What the amount is."),
        Field("bar", "string", "Bar of the chart the segment belongs to.", enum=tuple(assets.BARS)),
        Field("bar_order", "integer", "Order of the bar, left to right.", minimum=1),
        Field("segment_order", "integer", "Order of the segment within its bar, bottom to top.", minimum=1),
        Field("value_usd", "number", "Amount.", unit="USD", minimum=0),
        Field("provenance", "string", "printed: the report prints it; derived: arithmetic on printed figures.",
              enum=(assets.PRINTED, assets.DERIVED)),
        Field("formula", "string", "For derived rows, the arithmetic on key_figures ids.", required=False),
        Field("figure_ids", "string", "key_figures rows the amount comes from.", pattern=ID_LIST, is_list=True),
        Field("date", "date", "Date of the figure (freeze or order)."),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(5, 5),
    builder="afdash.build.derived:reserves_table",
    checks=(assets.check,),
    notes=(
        "Only 9.5 and 7 (and “half”) are printed in the report. The USD 3.5 billion halves and the USD 2.5 billion "
        "not covered by the order are afdash's arithmetic on those printed figures, shown as derived."
    ),
)

EXTERNAL_PLAYERS = Dataset(
    name="external_players",
    title="Outside players: interests, instruments, ties to Afghan groups, fit with Russia and China",
    description=(
        "One row per point the report makes about an outside state or grouping (the U.S., Pakistan, India, "
        "Iran, Saudi Arabia, Turkey, Qatar, the UAE, Israel, QUAD, AUKUS, I2U2, the OTS and NATO), under one of "
        "four aspects. The fit with Russian and Chinese interests carries a class only where the report supports "
        "one; otherwise it is `not_assessed`."
    ),
    kind="table",
    source="sources/external_players.csv",
    fields=[
        Field("row_id", "string", "Stable identifier.", unique=True, pattern=ID),
        actor_field(description="The player (actors.actor_id).", required=True),
        Field("kind", "string", "state or grouping.", enum=("state", "grouping")),
        Field("aspect", "string", "What the row is about.", enum=tuple(vocabulary.ASPECTS)),
        Field("text", "string", "The report's point, paraphrased."),
        Field("fit_class", "string", "Only on fit rows: the report's judgement as a class.", required=False,
              enum=tuple(vocabulary.FIT_CLASSES)),
        actor_field("linked_actor_ids", "Afghan or armed groups the row concerns (actors.actor_id).", many=True),
        Field("event_ids", "string", "Related dated events (events.event_id).", required=False, pattern=ID_LIST,
              is_list=True),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(40, 120),
    checks=(checks.check_external_players,),
)

INFLUENCE_SHIFT = Dataset(
    name="influence_shift",
    title="Shift in influence after the U.S. withdrawal (the report's qualitative judgement)",
    description=(
        "Who the report says lost or gained influence after the withdrawal: the U.S. declined; Pakistan, Qatar, "
        "Iran and Turkey rose, Qatar and Turkey markedly. A direction and an emphasis, never a measured score."
    ),
    kind="table",
    source="sources/influence_shift.csv",
    fields=[
        actor_field(description="The player (actors.actor_id).", required=True),
        Field("direction", "string", "Direction of the change the report states.", enum=("declined", "rose")),
        Field("emphasis", "string", "stated, or singled_out where the report stresses the change.",
              enum=("stated", "singled_out")),
        Field("basis", "string", "What the report says, paraphrased."),
        section_field(),
        footnote_field(),
    ],
    key=["actor_id", "section"],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(5, 30),
    checks=(checks.check_influence_shift,),
)

POWER_GEOGRAPHY = Dataset(
    name="power_geography",
    title="Outside powers on the map: members, partners, presence and actions",
    description=(
        "For each outside power: itself or a grouping's members, the partners the report names, and where it is "
        "present or acted (province for Afghan places). Membership the report does not list (QUAD, AUKUS, NATO) "
        "comes from the public record, marked `public_record` with its URL."
    ),
    kind="table",
    source="sources/power_geography.csv",
    fields=[
        Field("row_id", "string", "Stable identifier.", unique=True, pattern=ID),
        actor_field("power_id", "The outside power (actors.actor_id).", required=True),
        Field("role", "string", "How the place relates to the power.", enum=tuple(vocabulary.ROLES)),
        iso3_field(required=True),
        province_field(),
        Field("place", "string", "Named place, if any.", required=False),
        Field("description", "string", "What links the place to the power, paraphrased."),
        Field("event_id", "string", "Related dated event (events.event_id).", required=False, pattern=ID),
        Field("basis", "string", "report, or public_record for facts the report does not give.",
              enum=("report", "public_record")),
        Field("public_record_note", "string", "A public-record correction or addition to the report's statement.",
              required=False),
        Field("source_url", "string", "Source of public-record facts.", required=False, pattern=r"https://\S+"),
        section_field(),
        footnote_field(),
    ],
    sources=[REPORT_SOURCE, *PUBLIC_RECORD_SOURCES],
    licenses=[REPORT_LICENSE, PUBLIC_RECORD_LICENSE],
    rows=(60, 200),
    checks=(checks.check_power_geography,),
)

DATASETS: list[Dataset] = [US_INSTRUMENTS, AFGHAN_ASSETS, EXTERNAL_PLAYERS, INFLUENCE_SHIFT, POWER_GEOGRAPHY]
