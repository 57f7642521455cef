"""Who belongs to which channel: on a map with its roster, as a state–channel network, and as a matrix."""

import streamlit as st

from afdash.cooperation import channels
from afdash.web import ui
from afdash.web.page import Page
from pages.cooperation.shared import channel_select, lookups, states_radio


@ui.cached
def _roster(channel: str):
    return channels.member_list(ui.table("channel_members"), channel, lookups()["states"])


@ui.cached
def _members_text(channel: str) -> dict:
    lk = lookups()
    row = ui.table("channels").set_index("channel_id").loc[channel]
    return channels.members_text(row, _roster(channel),
                                 channels.off_map(ui.table("channel_members"), channel, lk["on_map"], lk["states"]))


@ui.cached
def _deck(channel: str):
    return channels.channel_deck(ui.geo("countries"), ui.table("channel_members"), channel)


@ui.cached
def _network(state_set: str, channel: str) -> dict:
    lk = lookups()
    return ui.chart_spec(channels.network(ui.table("channel_members"), ui.table("channels"), lk["states"],
                                          lk["named"] if state_set == "report" else None, channel))


@ui.cached
def _matrix(state_set: str):
    lk = lookups()
    return channels.membership_matrix(ui.table("channel_members"), ui.table("channels"), lk["states"],
                                      lk["named"] if state_set == "report" else None)


def members(page: Page) -> None:
    st.subheader("Who belongs where")
    channel = channel_select(page)
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


def network(page: Page) -> None:
    st.subheader("Network of states and channels")
    c1, c2 = st.columns(2)
    with c1:
        channel = channel_select(page)
    with c2:
        state_set = states_radio(page)
    st.vega_lite_chart(spec=_network(state_set, channel), width="stretch")
    st.caption("Each line joins a state to a channel it is listed in; the chosen channel's lines are highlighted. "
               "Memberships: dataset channel_members (the report, or official and reference pages where it names "
               "none). Who belongs, row by row with sources: the views *Who belongs where* and *Membership matrix*.")


def matrix(page: Page) -> None:
    st.subheader("Membership matrix")
    state_set = states_radio(page)
    table = _matrix(state_set)
    st.dataframe(table, hide_index=True, width="stretch", height=360)
    ui.download(table, "membership_matrix", {"states": state_set},
                label=f"Download the matrix ({len(table)} states × {table.shape[1] - 2} channels, CSV)")
    st.caption("Cells give the state's role. Memberships come from the report or, where it names none, from "
               "official or reference pages linked row by row (dataset channel_members); the UN is listed only "
               "for the states afdash tracks.")
