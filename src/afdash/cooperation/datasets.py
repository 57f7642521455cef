"""Datasets of the Russia–China cooperation page, registered in afdash.store.catalogue: the channels through
which Moscow and Beijing can act on Afghan security, who belongs to them, the two sides' views by
topic, and the report's recommendations.

The vocabularies below are the one definition the build, the core modules and the page share.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from afdash.schema.checks import sourced_rows_check
from afdash.schema.dataset import (
    ID,
    ID_LIST,
    REPORT_LICENSE,
    REPORT_SOURCE,
    SECTION_IDS,
    Dataset,
    actor_field,
    footnote_field,
    iso3_field,
    section_field,
)
from afdash.schema.fields import LIST_SEP, CellError, Field, line_of

# The five threats, plus political instability and internal conflict, which many of the
# report's channels and recommendations address and none of the five describes.
THREATS = ("terrorism", "drugs", "refugees", "economy", "border_security", "instability")
KINDS = ("military_alliance", "political", "economic", "ad_hoc")
FORMS = ("organisation", "body", "format", "initiative", "working_group")
ROLES = ("member", "permanent_member", "elected_member", "associate_member", "observer", "dialogue_partner",
         "participant", "convenor", "initiator", "invitee")
BASES = ("report", "public_record", "parent")
TOPICS = ("taliban", "terrorism", "etim_xinjiang", "drugs", "central_asia", "us_presence", "recognition",
          "economic_aid", "obor")
SIDES = ("russian", "chinese", "shared")
ATTRIBUTIONS = ("russian_experts", "chinese_experts", "both_experts", "russia_chapter", "china_chapter", "joint_text")
AGREEMENT = ("agree", "partly", "diverge")
# A recommendation's channel is a channel_id, or one of these when the report names no organisation.
CHANNEL_CLASSES = ("bilateral", "national", "multilateral")

URL = r"https?://\S+"
PUBLIC_RECORD_LICENSE = {
    "name": "public-record-facts",
    "title": "Membership facts from the public record; every such row links the page it comes from",
}


def _present(value: object) -> bool:
    return value is not None and not pd.isna(value) and value != ""


def _split(value: object) -> list[str]:
    return str(value).split(LIST_SEP) if _present(value) else []


def membership_checks(tables: dict[str, Any]) -> list[CellError]:
    """Every membership row belongs to a catalogued channel, cites its basis, and a membership taken
    from a parent organisation matches a member row of that parent."""
    channels, members = tables["channels"], tables["channel_members"]
    file = "channel_members.csv"
    ids = set(channels["channel_id"])
    parent = dict(zip(channels["channel_id"], channels["parent_id"], strict=True))
    member_rows = set(zip(members["channel_id"], members["iso3"], members["role"], strict=True))
    errors = []
    for i, r in channels.iterrows():
        if _present(r["parent_id"]) and r["parent_id"] not in ids:
            errors.append(CellError("channels.csv", line_of(i), "parent_id", r["parent_id"], "parent is not a channel"))
    known = members[members["channel_id"].isin(ids)]
    errors += sourced_rows_check(file, known, "section", known["basis"] == "report",
                                 "a row based on the report must cite its chapter")
    errors += sourced_rows_check(file, known, "source_url", known["basis"] == "public_record",
                                 "a public-record row must link its source")
    for i, r in members.iterrows():
        row = line_of(i)
        if r["channel_id"] not in ids:
            errors.append(CellError(file, row, "channel_id", r["channel_id"], "not in channels.csv"))
            continue
        if r["basis"] == "parent":
            p = parent.get(r["channel_id"])
            if not _present(p) or (p, r["iso3"], "member") not in member_rows:
                errors.append(CellError(file, row, "iso3", r["iso3"],
                                        f"basis 'parent' but not a member of the parent channel {p!r}"))
    return errors


def recommendation_checks(tables: dict[str, Any]) -> list[CellError]:
    """Each recommendation names an actor, a threat, and a channel or a channel class; afdash only
    fills in a class (bilateral/national/multilateral), never an organisation the report did not name."""
    recs = tables["recommendations"]
    valid = set(tables["channels"]["channel_id"]) | set(CHANNEL_CLASSES)
    file = "recommendations.csv"
    errors = []
    for i, r in recs.iterrows():
        values = _split(r["channels"])
        for v in values:
            if v not in valid:
                errors.append(CellError(file, line_of(i), "channels", v, "not a channel_id nor bilateral/national/"
                                        "multilateral"))
        if not r["channel_stated"] and not set(values) <= set(CHANNEL_CLASSES):
            errors.append(CellError(file, line_of(i), "channel_stated", "false",
                                    "a channel the report does not name may only be a channel class"))
    return errors


_ATTRIBUTION_SIDE = {"russian_experts": "russian", "chinese_experts": "chinese", "both_experts": "shared"}
_ATTRIBUTION_SECTION = {"russia_chapter": "russia_interests", "china_chapter": "china_interests"}


def attribution_checks(tables: dict[str, Any]) -> list[CellError]:
    """Attribution and side/section agree: a view the text gives to 'Chinese experts' is on the Chinese
    side, and a view drawn from the chapter on Russia cites that chapter."""
    errors = []
    for name in ("expert_views", "recommendations"):
        frame, side_col = tables[name], ("side" if name == "expert_views" else "voice")
        for i, r in frame.iterrows():
            want_side = _ATTRIBUTION_SIDE.get(r["attribution"])
            if want_side and r[side_col] != want_side:
                errors.append(CellError(f"{name}.csv", line_of(i), side_col, r[side_col],
                                        f"attribution {r['attribution']} implies {want_side}"))
            want_section = _ATTRIBUTION_SECTION.get(r["attribution"])
            if want_section and r["section"] != want_section:
                errors.append(CellError(f"{name}.csv", line_of(i), "section", r["section"],
                                        f"attribution {r['attribution']} implies section {want_section}"))
    return errors


CHANNELS = Dataset(
    name="channels",
    title="Channels of Russia–China cooperation on Afghanistan",
    description=(
        "Every organisation, format and initiative the report names as a channel through which Moscow and "
        "Beijing can act on Afghan security — the SCO and its bodies, the CSTO, CIS, EAEU, the Moscow format, "
        "the neighbours' foreign-ministers meetings with their Tunxi working groups and initiative, the "
        "extended troika, Russia–China Plus, the Regional Dialogue on Security, the 1+5 format, One Belt One "
        "Road, the UN — with its kind, what it does, the report's view of it and the threats it addresses."
    ),
    kind="table",
    source="sources/channels.csv",
    fields=[
        actor_field("channel_id", "Channel (actors.actor_id).", required=True),
        Field("label", "string", "Short display name.", unique=True),
        Field("kind", "string", "Military alliance, political, economic, or ad hoc (a format without a charter).",
              enum=KINDS),
        Field("form", "string", "Organisation, body of an organisation, format, initiative or working group.",
              enum=FORMS),
        Field("status", "string", "existing, or proposed by the report.", enum=("existing", "proposed")),
        actor_field("parent_id", "Organisation or format the channel belongs to (actors.actor_id)."),
        Field("functions", "string", "What the channel is and does, paraphrased from the report."),
        Field("report_view", "string", "How the report sees its use for Afghan security, paraphrased."),
        Field("threats", "string", "Threats the report ties to the channel.", enum=THREATS, is_list=True),
        section_field(),
        footnote_field(),
    ],
    key=["channel_id"],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(18, 40),
    checks=(membership_checks,),
    notes=(
        "Threat vocabulary: terrorism, drugs, refugees, economy (economic and humanitarian crisis), "
        "border_security, and instability (political instability and internal conflict), which afdash adds "
        "because the report ties many channels to it. Channels of other powers (QUAD, AUKUS, C5+1, I2U2, "
        "OTS) belong to the external-powers view and are not listed here."
    ),
)

CHANNEL_MEMBERS = Dataset(
    name="channel_members",
    title="Who belongs to each channel (2022)",
    description=(
        "States in each channel with their role (member, observer, dialogue partner, participant, convenor, "
        "invitee…), the date the membership refers to, and its basis: the report (chapter and footnote), the "
        "public record (a linked page), or the parent organisation (bodies created by it). Meetings list the "
        "participants of the last meeting before or during the report's period. The UN is listed only for "
        "the states afdash tracks."
    ),
    kind="table",
    source="sources/channel_members.csv",
    fields=[
        actor_field("channel_id", "Channel (channels.channel_id).", required=True),
        iso3_field(description="Member state (ISO 3166-1 alpha-3).", required=True),
        Field("role", "string", "The state's role in the channel.", enum=ROLES),
        Field("as_of", "date", "Date the membership refers to (a meeting's date, or 2022-07-31, the latest "
              "date the report cites)."),
        Field("basis", "string", "report, public_record, or parent (taken from the parent channel's members).",
              enum=BASES),
        Field("section", "string", "Report chapter supporting the row (required when basis is report).",
              required=False, enum=SECTION_IDS),
        footnote_field(),
        Field("source_url", "string", "Public page supporting the row (required when basis is public_record).",
              required=False, pattern=URL),
        Field("note", "string", "Caveats, e.g. where the report and the public record differ.", required=False),
    ],
    key=["channel_id", "iso3"],
    sources=[
        REPORT_SOURCE,
        {"title": "SCO composition in July 2022 (Sputnik, 27 July 2022)",
         "path": "https://sputniknews.com/20220727/sco-says-interest-in-bloc-keeps-growing-despite-western-pressure-1097856891.html"},
        {"title": "Collective Security Treaty Organization (Wikipedia)",
         "path": "https://en.wikipedia.org/wiki/Collective_Security_Treaty_Organization"},
        {"title": "Member states of the Commonwealth of Independent States (Wikipedia)",
         "path": "https://en.wikipedia.org/wiki/Member_states_of_the_Commonwealth_of_Independent_States"},
        {"title": "What is the Eurasian Economic Union? (Chatham House, July 2022)",
         "path": "https://www.chathamhouse.org/2022/07/what-eurasian-economic-union"},
        {"title": "UN member states", "path": "https://www.un.org/en/about-us/member-states"},
        {"title": "Further pages linked row by row in source_url", "path": "https://russiancouncil.ru/en/report80"},
    ],
    licenses=[REPORT_LICENSE, PUBLIC_RECORD_LICENSE],
    rows=(150, 400),
    notes=(
        "Where the report and the public record differ, the row follows the public record and says so: "
        "the report calls Iran an SCO member, but in 2022 Iran was an observer (full member from July 2023). "
        "Bodies without a membership the report or the public record states (the SCO–Afghanistan Contact "
        "Group) have no rows rather than guessed ones."
    ),
)

EXPERT_VIEWS = Dataset(
    name="expert_views",
    title="Russian and Chinese views side by side, by topic",
    description=(
        "What the report gives as the Russian side's view, the Chinese side's view and the shared view on "
        "nine topics (the Taliban, terrorism, ETIM and Xinjiang, drugs, Central Asia, the U.S. presence, "
        "recognition, economic aid, One Belt One Road), paraphrased, with how the text attributes each point "
        "and whether it agrees with, partly matches, or diverges from the other side and the joint line."
    ),
    kind="table",
    source="sources/expert_views.csv",
    fields=[
        Field("view_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("topic", "string", "Topic.", enum=TOPICS),
        Field("side", "string", "Whose position: the Russian side, the Chinese side, or shared.", enum=SIDES),
        Field("attribution", "string", "How the text attributes it: to Russian/Chinese/both experts, to the "
              "chapter on Russia's or China's interests, or to the joint text.", enum=ATTRIBUTIONS),
        Field("position", "string", "The position, paraphrased."),
        Field("agreement", "string", "agree: shared or held by both; partly: same aim, different emphasis, means "
              "or history; diverge: the report shows or warns of differing views (afdash's reading).",
              enum=AGREEMENT),
        section_field(),
        footnote_field(),
        Field("note", "string", "Why the agreement reads as it does, where not obvious.", required=False),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(50, 120),
    checks=(attribution_checks,),
)

RECOMMENDATIONS = Dataset(
    name="recommendations",
    title="The report's recommendations",
    description=(
        "Every recommendation the report makes, paraphrased: who should act, through which channel (a "
        "channel_id, or bilateral, national or multilateral where the report names no organisation), against "
        "which threat, to whom it is addressed, which side voices it, and the chapter and footnote."
    ),
    kind="table",
    source="sources/recommendations.csv",
    fields=[
        Field("rec_id", "string", "Stable identifier.", unique=True, pattern=ID),
        Field("recommendation", "string", "The recommendation, paraphrased."),
        actor_field("actors", "Who should act (actors.actor_id).", required=True, many=True),
        Field("channels", "string", "channel_id(s), or bilateral / national / multilateral.", pattern=ID_LIST,
              is_list=True),
        Field("channel_stated", "boolean", "true if the report itself names the channel or says bilaterally; "
              "false if afdash classified it."),
        Field("threats", "string", "Threats it addresses.", enum=THREATS, is_list=True),
        actor_field("addressed_to", "Who it targets or asks to change, where named (actors.actor_id).", many=True),
        Field("voice", "string", "Which side voices it: russian, chinese, or shared.", enum=SIDES),
        Field("attribution", "string", "How the text attributes it (as in expert_views).", enum=ATTRIBUTIONS),
        section_field(),
        footnote_field(),
        Field("also_in", "string", "Other chapters repeating it.", required=False, enum=SECTION_IDS, is_list=True),
        Field("note", "string", "Context and caveats.", required=False),
    ],
    sources=[REPORT_SOURCE],
    licenses=[REPORT_LICENSE],
    rows=(50, 100),
    checks=(recommendation_checks,),
)

DATASETS: list[Dataset] = [CHANNELS, CHANNEL_MEMBERS, EXPERT_VIEWS, RECOMMENDATIONS]
