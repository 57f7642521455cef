"""Russia–China cooperation: the channels Moscow and Beijing can use on Afghan security and who belongs
to them, the two sides' views topic by topic, and the report's recommendations, one view at a time
(?view=<id>): only the chosen view's section runs, reads its own URL parameters and shows their notices.
Logic lives in afdash.cooperation (channels, positions, recommendations); this script reads widgets and renders."""

import streamlit as st

from afdash.cooperation import channels as C
from afdash.cooperation import positions as V
from afdash.cooperation import recommendations as R
from afdash.cooperation.datasets import AGREEMENT, KINDS, SIDES, THREATS, TOPICS
from afdash.core import urlstate
from afdash.core.safe import md_table
from afdash.web import ui

SCOPE = "russia_china"
# One map or chart per view (plus at most one grid beside a chart), so the page opens as fast as one view:
# the old first section drew a grid, a map, a chart and a second grid at once.
SECTIONS = {"channels": "Channels", "members": "Who belongs where", "network": "Network",
            "matrix": "Membership matrix", "views": "The two views side by side",
            "recommendations": "Recommendations"}
STATE_SETS = {"report": "States the report names", "all": "Every state listed"}
ALL = "all"
DEFAULTS = {"view": "channels", "channel": "sco", "kind": [], "threat": [], "together": "all", "states": "report",
            "topic": [], "agreement": [], "actor": ALL, "via": ALL, "rthreat": [], "voice": []}


@ui.cached
def _lookups() -> dict:
    """Names and sets every section needs, computed once per server."""
    return C.lookups(ui.table("actors"), ui.table("channel_members"), ui.table("channels"), ui.geo_table("countries"))


# Derived frames and chart specs are cached per data folder and filter value (ui.cached), so a rerun does no
# pandas, JSON or Arrow work for a view that has been drawn before. Results are shared: never mutate them.
@ui.cached
def _catalogue(kinds: tuple, threats: tuple, together: str):
    members = ui.table("channel_members")
    return C.catalogue(C.filter_together(C.filter_channels(ui.table("channels"), kinds, threats), members, together),
                       members)


@ui.cached
def _roster(channel: str):
    return C.member_list(ui.table("channel_members"), channel, _lookups()["states"])


@ui.cached
def _matrix(state_set: str):
    lk = _lookups()
    return C.membership_matrix(ui.table("channel_members"), ui.table("channels"), lk["states"],
                               lk["named"] if state_set == "report" else None)


@ui.cached
def _deck(channel: str):
    return C.channel_deck(ui.geo("countries"), ui.table("channel_members"), channel)


@ui.cached
def _network(state_set: str, channel: str) -> dict:
    lk = _lookups()
    return ui.chart_spec(C.network(ui.table("channel_members"), ui.table("channels"), lk["states"],
                                   lk["named"] if state_set == "report" else None, channel))


@ui.cached
def _views_rows(topics: tuple, agreements: tuple) -> tuple:
    """The positions shown and the same rows as downloaded."""
    shown = V.filter_views(ui.table("expert_views"), topics, agreements)
    return shown, V.table(shown)


@ui.cached
def _views_chart(topics: tuple, agreements: tuple) -> dict:
    return ui.chart_spec(V.agreement_chart(_views_rows(topics, agreements)[0], topics))


@ui.cached
def _topic_blocks(topics: tuple, agreements: tuple) -> list:
    return V.topic_blocks(_views_rows(topics, agreements)[0], bool(agreements))


@ui.cached
def _recs(actor: str | None, via: str | None, threats: tuple, voices: tuple):
    """The filtered recommendations and their tracker table, once per data folder and filter (shared, never
    mutated)."""
    lk = _lookups()
    shown = R.filter_recs(ui.table("recommendations"), actor, via, threats, voices)
    return shown, R.tracker(shown, lk["channels"], lk["actors"])


@ui.cached
def _rec_options() -> tuple[list[str], list[str]]:
    """Who the recommendations address and through which channels, as filter options."""
    return (R.actor_options(ui.table("recommendations")),
            R.channel_options(ui.table("recommendations"), ui.table("channels")))


@ui.cached
def _recs_counts(actor: str | None, via: str | None, threats: tuple, voices: tuple) -> str:
    return md_table(R.threat_table(_recs(actor, via, threats, voices)[0]))


def channels_section(params: dict, parsed: urlstate.Parsed) -> dict:
    kinds = urlstate.multi(params, "kind", KINDS, [], parsed)
    threats = urlstate.multi(params, "threat", THREATS, [], parsed)
    together = urlstate.choice(params, "together", list(C.TOGETHER), DEFAULTS["together"], parsed)
    ui.show_notices(parsed)

    st.subheader("Channels the report names")
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    with c1:
        together = ui.radio("Russia and China", SCOPE, "together", list(C.TOGETHER), together,
                            format_func=C.TOGETHER.get, horizontal=True,
                            help="Whether both are listed in the channel, in any role (dataset channel_members).")
    with c2, ui.filter_box("Kind, threat addressed"):
        kinds = ui.multiselect("Kind", SCOPE, "kind", list(KINDS), kinds, format_func=C.KIND_LABELS.get,
                               placeholder="All kinds")
        threats = ui.multiselect("Threat addressed", SCOPE, "threat", list(THREATS), threats,
                                 format_func=C.THREAT_LABELS.get, placeholder="All threats")
    st.caption(f"Filters: {C.filters_text(kinds, threats)}.")
    shown = _catalogue(tuple(kinds), tuple(threats), together)
    if shown.empty:
        st.info(f"No channels match: kind={', '.join(kinds)}; threat={', '.join(threats)}; "
                f"Russia and China: {C.TOGETHER[together].lower()}.")
    else:
        st.dataframe(shown, hide_index=True, width="stretch", height=280)
    ui.download(shown, "channels", {"kind": kinds, "threat": threats,
                                    "together": None if together == DEFAULTS["together"] else together},
                label=f"Download these {len(shown)} channel{'' if len(shown) == 1 else 's'} (CSV)")
    st.caption("Source: RIAC–PKU IISS Report 80/2022 (chapter and footnote per row). Threats: the issue's five "
               "plus political instability, which afdash adds because the report ties many channels to it. "
               "Who belongs to each channel: the views *Who belongs where* and *Membership matrix*.")
    return {"kind": kinds, "threat": threats, "together": together}


def _channel_choice(params: dict, parsed: urlstate.Parsed) -> str:
    return urlstate.choice(params, "channel", list(ui.table("channels")["channel_id"]), DEFAULTS["channel"], parsed)


def _channel_select(channel: str) -> str:
    """The same URL-backed select box on the map and the network view, so both follow one chosen channel."""
    ids = list(ui.table("channels")["channel_id"])
    return ui.selectbox("Channel", SCOPE, "channel", ids, channel, format_func=_lookups()["channels"].get)


def _states_radio(state_set: str) -> str:
    return ui.radio("States shown", SCOPE, "states", list(STATE_SETS), state_set, format_func=STATE_SETS.get,
                    horizontal=True)


@ui.cached
def _members_text(channel: str) -> dict:
    lk = _lookups()
    row = ui.table("channels").set_index("channel_id").loc[channel]
    return C.members_text(row, _roster(channel),
                          C.off_map(ui.table("channel_members"), channel, lk["on_map"], lk["states"]))


def members_section(params: dict, parsed: urlstate.Parsed) -> dict:
    channel = _channel_choice(params, parsed)
    ui.show_notices(parsed)

    st.subheader("Who belongs where")
    channel = _channel_select(channel)
    roster, text = _roster(channel), _members_text(channel)
    st.markdown(text["about"])
    st.markdown(text["report_view"])
    ui.source(text["section"], text["footnote"])

    left, right = st.columns([3, 2])
    with left:
        st.pydeck_chart(_deck(channel), height=430)
        st.caption("Blue: member or participant · orange: observer, associate or dialogue partner · pink: "
                   "proposed invitee · grey: not listed. Map: Natural Earth (public domain).")
        if text["outside"]:
            st.caption("Also listed, outside this map: " + text["outside"] + ".")
    with right:
        if roster.empty:
            st.info(f"No membership listed for {text['label']}: neither the report nor a public source afdash "
                    "can cite states who belongs to it, so none is guessed.")
        else:
            st.markdown(text["roles"])
            st.caption(text["as_of"])
            ui.download(roster, "channel_members", {"channel": channel},
                        label=f"Download the {len(roster)} states of {text['label']} with sources (CSV)")
    return {"channel": channel}


def network_section(params: dict, parsed: urlstate.Parsed) -> dict:
    channel = _channel_choice(params, parsed)
    state_set = urlstate.choice(params, "states", list(STATE_SETS), DEFAULTS["states"], parsed)
    ui.show_notices(parsed)

    st.subheader("Network of states and channels")
    c1, c2 = st.columns(2)
    with c1:
        channel = _channel_select(channel)
    with c2:
        state_set = _states_radio(state_set)
    st.vega_lite_chart(spec=_network(state_set, channel), width="stretch")
    st.caption("Each line joins a state to a channel it is listed in; the chosen channel's lines are highlighted. "
               "Memberships: dataset channel_members (the report, or official and reference pages where it names "
               "none). Who belongs, row by row with sources: the views *Who belongs where* and *Membership matrix*.")
    return {"channel": channel, "states": state_set}


def matrix_section(params: dict, parsed: urlstate.Parsed) -> dict:
    state_set = urlstate.choice(params, "states", list(STATE_SETS), DEFAULTS["states"], parsed)
    ui.show_notices(parsed)

    st.subheader("Membership matrix")
    state_set = _states_radio(state_set)
    matrix = _matrix(state_set)
    st.dataframe(matrix, hide_index=True, width="stretch", height=360)
    ui.download(matrix, "membership_matrix", {"states": state_set},
                label=f"Download the matrix ({len(matrix)} states × {matrix.shape[1] - 2} channels, CSV)")
    st.caption("Cells give the state's role. Memberships come from the report or, where it names none, from "
               "official or reference pages linked row by row (dataset channel_members); the UN is listed only "
               "for the states afdash tracks.")
    return {"states": state_set}


def views_section(params: dict, parsed: urlstate.Parsed) -> dict:
    topics = urlstate.multi(params, "topic", TOPICS, [], parsed)
    agreements = urlstate.multi(params, "agreement", AGREEMENT, [], parsed)
    ui.show_notices(parsed)

    c1, c2 = st.columns(2)
    with c1:
        topics = ui.multiselect("Topic", SCOPE, "topic", list(TOPICS), topics, format_func=V.TOPIC_LABELS.get,
                                placeholder="All topics")
    with c2:
        agreements = ui.multiselect("Agreement", SCOPE, "agreement", list(AGREEMENT), agreements,
                                    placeholder="Agree, partly and diverge")
    shown, rows = _views_rows(tuple(topics), tuple(agreements))
    st.markdown("Each position is the report's, paraphrased. *Side* is whose position it is; the grey line "
                "under it says how the text attributes it and where. *Agreement* is afdash's reading of the "
                "report's own comparison: agree (shared or held by both), partly (same aim, different emphasis, "
                "means or history), diverge (the report shows or warns of differing views).")
    if shown.empty:
        st.info(f"No positions match: topic={', '.join(topics)}; agreement={', '.join(agreements)}.")
    else:
        st.vega_lite_chart(spec=_views_chart(tuple(topics), tuple(agreements)), width="stretch")
        # one Markdown element per side and topic (not one per position): ~30 elements, not ~150
        for heading, blocks in _topic_blocks(tuple(topics), tuple(agreements)):
            st.markdown(heading)
            for col, block in zip(st.columns(3), blocks, strict=True):
                col.markdown(block)
    ui.download(rows, "expert_views", {"topic": topics, "agreement": agreements},
                label=f"Download these {len(shown)} position{'' if len(shown) == 1 else 's'} (CSV)")
    return {"topic": topics, "agreement": agreements}


def recommendations_section(params: dict, parsed: urlstate.Parsed) -> dict:
    recs, lk = ui.table("recommendations"), _lookups()
    actor_ids, via_ids = _rec_options()
    actor = urlstate.choice(params, "actor", [ALL, *actor_ids], ALL, parsed)
    via = urlstate.choice(params, "via", [ALL, *via_ids], ALL, parsed)
    threats = urlstate.multi(params, "rthreat", THREATS, [], parsed)
    voices = urlstate.multi(params, "voice", SIDES, [], parsed)
    ui.show_notices(parsed)

    via_names = {ALL: "All channels", **lk["channels"], **R.CLASS_LABELS}
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        actor = ui.selectbox("Who should act", SCOPE, "actor", [ALL, *actor_ids], actor,
                             format_func=lambda a: "Anyone" if a == ALL else lk["actors"].get(a, a))
    with c2:
        via = ui.selectbox("Channel", SCOPE, "via", [ALL, *via_ids], via, format_func=via_names.get)
    with c3:
        threats = ui.multiselect("Threat", SCOPE, "rthreat", list(THREATS), threats,
                                 format_func=C.THREAT_LABELS.get, placeholder="All threats")
    with c4:
        voices = ui.multiselect("Voiced by", SCOPE, "voice", list(SIDES), voices, format_func=V.SIDE_LABELS.get,
                                placeholder="Both sides and shared")
    who, where = (None if actor == ALL else actor), (None if via == ALL else via)
    shown, table = _recs(who, where, tuple(threats), tuple(voices))
    st.metric("Recommendations shown", f"{len(shown)} of {len(recs)}")
    if shown.empty:
        st.info(f"No recommendations match: actor={actor}, channel={via}, threat={', '.join(threats) or 'any'}, "
                f"voice={', '.join(voices) or 'any'}.")
    else:
        # counts as text: the tracker grid is this view's one heavy element (a chart beside it made the view
        # open at 2.0× the floor)
        st.markdown(_recs_counts(who, where, tuple(threats), tuple(voices)))
        st.dataframe(table, hide_index=True, width="stretch", height=420, column_config={
            "recommendation": st.column_config.TextColumn("recommendation", width="large")})
    ui.download(table, "recommendations", {"actor": who, "via": where, "threat": threats, "voice": voices},
                label=f"Download these {len(table)} recommendation{'' if len(table) == 1 else 's'} (CSV)")
    st.caption("Source: RIAC–PKU IISS Report 80/2022, chapter and footnote per row. Where the report names no "
               "organisation, afdash classes the channel as bilateral, national or multilateral and says so.")
    return {"actor": actor, "via": via, "rthreat": threats, "voice": voices}


def render() -> None:
    st.title("Russia–China cooperation")
    st.markdown(
        "Through which channels Moscow and Beijing can act together on Afghan security, who sits in them, "
        "where the report's Russian and Chinese sides agree or part ways, and what the authors recommend."
    )
    params, parsed = ui.url_params(), urlstate.Parsed()
    section = ui.view_switch(SCOPE, SECTIONS, params, parsed)
    render_section = {"channels": channels_section, "members": members_section, "network": network_section,
                      "matrix": matrix_section, "views": views_section,
                      "recommendations": recommendations_section}[section]
    values = render_section(params, parsed)
    ui.sync_url({"view": section, **values}, DEFAULTS)


ui.guarded(render)
