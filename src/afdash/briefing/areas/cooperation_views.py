"""The Russia–China page's views as slides: the channel catalogue, one channel's members, the membership
network and matrix, the two sides' positions and the recommendations. Registered with the cooperation views;
each carries the page's filters. Wide tables become short boards or counts; the CSV keeps every column."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import boards, charts
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.cooperation import channels, positions, recommendations
from afdash.cooperation.datasets import AGREEMENT, KINDS, SIDES, THREATS, TOPICS
from afdash.store import loaders

ALL = "all"
STATE_SETS = {"report": "States the report names", "all": "Every state listed"}
CITATIONS = (Citation("cooperation"), Citation("russia_interests"), Citation("china_interests"))
MAX_STATES = 10  # bars a projector can letter


def _lookups(tables: Mapping) -> dict:
    return channels.lookups(tables["actors"], tables["channel_members"], tables["channels"],
                            loaders.geo_properties(tables["countries"]))


def _channel_ids(tables: Mapping) -> list[str]:
    return list(tables["channels"]["channel_id"])


def _channel_names(tables: Mapping) -> dict[str, str]:
    return channels.labels(tables["channels"])


def _channel_label(tables: Mapping, channel: str) -> str:
    return _channel_names(tables).get(channel, channel)


def _actor_names(tables: Mapping) -> dict[str, str]:
    return {ALL: "Anyone"} | dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=True))


def _via_names(tables: Mapping) -> dict[str, str]:
    return {ALL: "All channels"} | _channel_names(tables) | recommendations.CLASS_LABELS


def _states(lk: dict, state_set: str):
    return lk["named"] if state_set == "report" else None


def _catalogue(tables: Mapping, params: dict) -> Slide:
    members = tables["channel_members"]
    kinds, threats, together = tuple(params["kind"]), tuple(params["threat"]), params["together"]
    kept = channels.filter_channels(tables["channels"], kinds, threats)
    shown = channels.catalogue(channels.filter_together(kept, members, together), members)
    words = channels.filters_text(kinds, threats) + f"; Russia and China: {channels.TOGETHER[together].lower()}"
    ranked = shown.sort_values("states_listed", ascending=False, kind="stable")
    board = ranked.assign(states=ranked["states_listed"].astype(str))
    chart, kept_rows = boards.board(board, (("channel", "Channel", 0.36), ("kind", "Kind", 0.2),
                                            ("states", "States", 0.1), ("threats", "Threats addressed", 0.34)))
    both = channels.filter_together(kept, members, "both")
    return Slide(
        view_id="cooperation_channels", area="cooperation",
        title="The channels Moscow and Beijing can use",
        headline=f"{len(shown)}", headline_label=f"channels the report names (filters: {words})",
        chart=chart if len(shown) else None,
        points=(
            (f"Russia and China both take part in {len(both)} of the {len(kept)} channels that match the kind "
             "and threat filters." if len(kept) else f"No channels match: {words}."),
            (f"The widest is {ranked.iloc[0]['channel']}, with {int(ranked.iloc[0]['states_listed'])} states "
             "listed." if len(ranked) else "Widen the filters in the deck builder to list channels."),
            "The report sees the SCO and the CSTO as the main frames for joint action on Afghan security.",
        ),
        citations=CITATIONS, datasets=("channels", "channel_members"),
        caveat=f"Board: the {kept_rows} channels with most states listed; the CSV keeps every column and row.",
        notes="Each channel's functions, status and the report's view of it are in the CSV and on the page.",
        data=shown, data_name="channels",
    )


def _members(tables: Mapping, params: dict) -> Slide:
    lk = _lookups(tables)
    channel = params["channel"]
    label = _channel_label(tables, channel)
    roster = channels.member_list(tables["channel_members"], channel, lk["states"])
    roles = (roster.groupby("role", sort=False)["state"].agg(lambda s: ", ".join(s)).reset_index()
             .assign(role=lambda f: f["role"].str.capitalize()))
    chart, kept = boards.board(roles, (("role", "Role", 0.25), ("state", "States", 0.75)))
    both = {"RUS", "CHN"} <= set(roster["iso3"])
    from_report = int((roster["basis"] == "report").sum()) if len(roster) else 0
    return Slide(
        view_id="cooperation_members", area="cooperation",
        title=f"Who belongs to {label}",
        headline=f"{len(roster)}", headline_label=f"states listed in {label}",
        chart=chart if len(roster) else None,
        points=(
            (f"Russia and China both take part in {label}." if both else
             f"Russia and China do not both take part in {label}.") if len(roster) else
            f"No membership listed for {label}: neither the report nor a public source afdash can cite states "
            "who belongs to it, so none is guessed.",
            f"{from_report} of these memberships come from the report; the rest from official or reference pages "
            "named row by row in the CSV.",
        ),
        citations=CITATIONS, datasets=("channel_members", "channels", "actors"),
        caveat=(f"Memberships as of the dates in the CSV (dataset channel_members); roles shown: {kept} of "
                f"{len(roles)}."),
        data=roster, data_name="channel_members",
    )


def _network(tables: Mapping, params: dict) -> Slide:
    lk = _lookups(tables)
    channel, state_set = params["channel"], params["states"]
    members = tables["channel_members"]
    states = _states(lk, state_set)
    used = members if states is None else members[members["iso3"].isin(states)]
    label = _channel_label(tables, channel)
    chosen = used[used["channel_id"] == channel]
    # A room reads a network of the chosen channel's states only; the page draws every state.
    drawn = set(chosen["iso3"])
    chart = (boards.larger_text(charts.finish(channels.network(members, tables["channels"], lk["states"], drawn,
                                                               channel)), 14) if drawn else None)
    return Slide(
        view_id="cooperation_network", area="cooperation",
        title=f"States and channels: {label} highlighted",
        headline=f"{len(drawn)}", headline_label=f"of {used['iso3'].nunique()} states shown sit in {label}",
        chart=chart,
        points=(
            f"Each line joins one of {label}'s states to every channel it is listed in; {label}'s lines are "
            "coloured." if drawn else f"No state shown is listed in {label}.",
            f"States counted: {STATE_SETS[state_set].lower()}; the page's network draws all of them.",
            "The CSV lists every membership with its role and source.",
        ),
        citations=CITATIONS, datasets=("channel_members", "channels", "actors"),
        caveat=("Memberships: dataset channel_members (the report, or official and reference pages where it names "
                "none)."),
        data=used, data_name="channel_members",
    )


def _matrix(tables: Mapping, params: dict) -> Slide:
    lk = _lookups(tables)
    state_set = params["states"]
    table = channels.membership_matrix(tables["channel_members"], tables["channels"], lk["states"],
                                       _states(lk, state_set))
    cols = [c for c in table.columns if c not in ("iso3", "state")]
    counts = table.assign(n=(table[cols] != "").sum(axis=1)).sort_values("n", ascending=False, kind="stable")
    top = counts.head(MAX_STATES)
    rows = pd.DataFrame({"label": top["state"], "value": top["n"].astype(float), "text": top["n"].map(str),
                         "group": "Channels"})
    return Slide(
        view_id="cooperation_matrix", area="cooperation",
        title="Who sits in most channels",
        headline=f"{len(table)} × {len(cols)}", headline_label="states × channels in the membership matrix",
        chart=charts.bars_with_labels(rows, None, "Channels the state is listed in, any role", horizontal=True,
                                      value_format=",d"),
        points=(
            f"{top.iloc[0]['state']} is listed in {int(top.iloc[0]['n'])} of the {len(cols)} channels, the most.",
            f"The bars show the {len(top)} states in most channels ({STATE_SETS[state_set].lower()}); the CSV "
            "holds the full matrix with each role.",
            "Any role counts: member, observer, partner or proposed invitee.",
        ),
        citations=CITATIONS, datasets=("channel_members", "channels", "actors"),
        caveat="A short form of the page's matrix: counts per state. Memberships: dataset channel_members.",
        data=table, data_name="channel_members",
    )


def _positions(tables: Mapping, params: dict) -> Slide:
    topics, agreements = tuple(params["topic"]), tuple(params["agreement"])
    shown = positions.filter_views(tables["expert_views"], topics, agreements)
    counts = shown["agreement"].value_counts()
    diverge = sorted({positions.TOPIC_LABELS[t] for t in shown.loc[shown["agreement"] == "diverge", "topic"]})
    words = (f"topics: {', '.join(positions.TOPIC_LABELS.get(t, t) for t in topics) or 'all'}; "
             f"agreement: {', '.join(agreements) or 'all'}")
    return Slide(
        view_id="cooperation_views", area="cooperation",
        title="Russian and Chinese views, topic by topic",
        headline=f"{len(shown)}", headline_label=f"positions in the report ({words})",
        chart=boards.larger_text(charts.finish(positions.agreement_chart(shown, topics))) if len(shown) else None,
        points=(
            ", ".join(f"{int(counts.get(a, 0))} {a}" for a in AGREEMENT) + " (afdash's reading of the report's "
            "own comparison)." if len(shown) else f"No positions match: {words}.",
            ("The two sides part ways on: " + ", ".join(diverge) + ".") if diverge else
            "No position shown is marked as diverging.",
            "Counter-terrorism is the common ground the report returns to most often.",
        ),
        citations=CITATIONS, datasets=("expert_views",),
        caveat="Each cell counts positions by side and topic; the colour is the agreement the report's text supports.",
        data=positions.table(shown), data_name="expert_views",
    )


def _actor_options(tables: Mapping) -> list[str]:
    return [ALL, *recommendations.actor_options(tables["recommendations"])]


def _via_options(tables: Mapping) -> list[str]:
    return [ALL, *recommendations.channel_options(tables["recommendations"], tables["channels"])]


def _recommendations(tables: Mapping, params: dict) -> Slide:
    lk = _lookups(tables)
    actor, via = params["actor"], params["via"]
    threats, voices = tuple(params["rthreat"]), tuple(params["voice"])
    recs = tables["recommendations"]
    shown = recommendations.filter_recs(recs, None if actor == ALL else actor, None if via == ALL else via,
                                        threats, voices)
    table = recommendations.tracker(shown, lk["channels"], lk["actors"])
    chart, kept = boards.board(table, (("recommendation", "Recommendation", 0.64), ("who_acts", "Who acts", 0.2),
                                       ("voice", "Voiced by", 0.16)))
    counts = recommendations.threat_table(shown) if len(shown) else pd.DataFrame()
    top = counts.sort_values("total", ascending=False).iloc[0] if len(counts) else None
    return Slide(
        view_id="cooperation_recommendations", area="cooperation",
        title="What the authors recommend",
        headline=f"{len(shown)} of {len(recs)}", headline_label="recommendations under these filters",
        chart=chart if len(shown) else None,
        points=(
            (f"Most address {top['threat addressed']} ({int(top['total'])})." if top is not None else
             "No recommendations match these filters."),
            f"The board shows {kept} of them in full; the CSV lists every one with its channel and source.",
            "Where the report names no organisation, afdash classes the channel as bilateral, national or "
            "multilateral and says so.",
        ),
        citations=CITATIONS, datasets=("recommendations", "channels", "actors"),
        caveat=(f"Filters: who acts: {_actor_names(tables).get(actor, actor)}; channel: "
                f"{_via_names(tables).get(via, via)}; threat: "
                f"{', '.join(channels.THREAT_LABELS.get(t, t) for t in threats) or 'any'}; voiced by: "
                f"{', '.join(positions.SIDE_LABELS.get(v, v) for v in voices) or 'any'}."),
        data=table, data_name="recommendations",
    )


def _channel_param() -> Param:
    return Param("channel", "Channel", _channel_ids, "sco", labels=_channel_names)


def _states_param() -> Param:
    return Param("states", "States shown", tuple(STATE_SETS), "report", labels=STATE_SETS)


VIEWS: list[Recipe] = [
    Recipe("cooperation_channels", "cooperation", "Channels the report names", _catalogue,
           params=(Param("together", "Russia and China", tuple(channels.TOGETHER), "all", labels=channels.TOGETHER),
                   Param("kind", "Kind", tuple(KINDS), (), multi=True, labels=channels.KIND_LABELS),
                   Param("threat", "Threat addressed", tuple(THREATS), (), multi=True,
                         labels=channels.THREAT_LABELS)),
           description="The channels with their kind, size and threats, as a short board."),
    Recipe("cooperation_members", "cooperation", "Who belongs to a channel", _members, params=(_channel_param(),),
           description="One channel's states grouped by role, with how many come from the report."),
    Recipe("cooperation_network", "cooperation", "Network of states and channels", _network,
           params=(_channel_param(), _states_param()),
           description="Every membership as a line, the chosen channel highlighted."),
    Recipe("cooperation_matrix", "cooperation", "Membership matrix (states in most channels)", _matrix,
           params=(_states_param(),),
           description="The states × channels matrix in short form: channels per state."),
    Recipe("cooperation_views", "cooperation", "The two views side by side", _positions,
           params=(Param("topic", "Topic", tuple(TOPICS), (), multi=True, labels=positions.TOPIC_LABELS),
                   Param("agreement", "Agreement", tuple(AGREEMENT), (), multi=True)),
           description="Positions by topic and side, coloured by agreement."),
    Recipe("cooperation_recommendations", "cooperation", "Recommendations", _recommendations,
           params=(Param("actor", "Who should act", _actor_options, ALL, labels=_actor_names),
                   Param("via", "Channel", _via_options, ALL, labels=_via_names),
                   Param("rthreat", "Threat", tuple(THREATS), (), multi=True, labels=channels.THREAT_LABELS),
                   Param("voice", "Voiced by", tuple(SIDES), (), multi=True, labels=positions.SIDE_LABELS)),
           description="The report's recommendations under the page's filters, in full on a board."),
]
