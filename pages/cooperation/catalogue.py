"""The channels the report names: kind, functions, threats, and whether Russia and China both sit in them."""

import streamlit as st

from afdash.cooperation import channels
from afdash.cooperation.datasets import KINDS, THREATS
from afdash.web import ui
from afdash.web.page import Page


@ui.cached
def _catalogue(kinds: tuple, threats: tuple, together: str):
    members = ui.table("channel_members")
    kept = channels.filter_channels(ui.table("channels"), kinds, threats)
    return channels.catalogue(channels.filter_together(kept, members, together), members)


def render(page: Page) -> None:
    st.subheader("Channels the report names")
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    with c1:
        together = page.radio("together", "Russia and China", list(channels.TOGETHER), "all",
                              format_func=channels.TOGETHER.get, horizontal=True,
                              help="Whether both are listed in the channel, in any role (dataset channel_members).")
    with c2, ui.filter_box("Kind, threat addressed"):
        kinds = page.multiselect("kind", "Kind", list(KINDS), [], format_func=channels.KIND_LABELS.get,
                                 placeholder="All kinds")
        threats = page.multiselect("threat", "Threat addressed", list(THREATS), [],
                                   format_func=channels.THREAT_LABELS.get, placeholder="All threats")
    st.caption(f"Filters: {channels.filters_text(kinds, threats)}.")
    shown = _catalogue(tuple(kinds), tuple(threats), together)
    if shown.empty:
        st.info(f"No channels match: kind={', '.join(kinds)}; threat={', '.join(threats)}; "
                f"Russia and China: {channels.TOGETHER[together].lower()}.")
    else:
        st.dataframe(shown, hide_index=True, width="stretch", height=280)
    ui.download(shown, "channels", {"kind": kinds, "threat": threats,
                                    "together": None if together == "all" else together},
                label=f"Download these {len(shown)} channel{'' if len(shown) == 1 else 's'} (CSV)")
    st.caption("Source: RIAC–PKU IISS Report 80/2022 (chapter and footnote per row). Threats: the issue's five "
               "plus political instability, which afdash adds because the report ties many channels to it. "
               "Who belongs to each channel: the views *Who belongs where* and *Membership matrix*.")
