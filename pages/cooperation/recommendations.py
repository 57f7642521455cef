"""The report's recommendations, filtered by who acts, through which channel, against which threat and voiced by
which side."""

import streamlit as st

from afdash.cooperation import channels, positions, recommendations
from afdash.cooperation.datasets import SIDES, THREATS
from afdash.core.safe import md_table
from afdash.web import ui
from afdash.web.page import Page
from pages.cooperation.shared import lookups

ALL = "all"


@ui.cached
def _recs(actor: str | None, via: str | None, threats: tuple, voices: tuple):
    """The filtered recommendations and their tracker table (shared, never mutated)."""
    lk = lookups()
    shown = recommendations.filter_recs(ui.table("recommendations"), actor, via, threats, voices)
    return shown, recommendations.tracker(shown, lk["channels"], lk["actors"])


@ui.cached
def _options() -> tuple[list[str], list[str]]:
    """Who the recommendations address and through which channels, as filter options."""
    recs = ui.table("recommendations")
    return recommendations.actor_options(recs), recommendations.channel_options(recs, ui.table("channels"))


@ui.cached
def _counts(actor: str | None, via: str | None, threats: tuple, voices: tuple) -> str:
    return md_table(recommendations.threat_table(_recs(actor, via, threats, voices)[0]))


def render(page: Page) -> None:
    lk = lookups()
    actor_ids, via_ids = _options()
    via_names = {ALL: "All channels", **lk["channels"], **recommendations.CLASS_LABELS}
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        actor = page.select("actor", "Who should act", [ALL, *actor_ids], ALL,
                            format_func=lambda a: "Anyone" if a == ALL else lk["actors"].get(a, a))
    with c2:
        via = page.select("via", "Channel", [ALL, *via_ids], ALL, format_func=via_names.get)
    with c3:
        threats = page.multiselect("rthreat", "Threat", list(THREATS), [], format_func=channels.THREAT_LABELS.get,
                                   placeholder="All threats")
    with c4:
        voices = page.multiselect("voice", "Voiced by", list(SIDES), [], format_func=positions.SIDE_LABELS.get,
                                  placeholder="Both sides and shared")
    who, where = (None if actor == ALL else actor), (None if via == ALL else via)
    shown, table = _recs(who, where, tuple(threats), tuple(voices))
    st.metric("Recommendations shown", f"{len(shown)} of {len(ui.table('recommendations'))}")
    if shown.empty:
        st.info(f"No recommendations match: actor={actor}, channel={via}, threat={', '.join(threats) or 'any'}, "
                f"voice={', '.join(voices) or 'any'}.")
    else:
        # counts as text: the tracker grid is this view's one heavy element
        st.markdown(_counts(who, where, tuple(threats), tuple(voices)))
        st.dataframe(table, hide_index=True, width="stretch", height=420, column_config={
            "recommendation": st.column_config.TextColumn("recommendation", width="large")})
    ui.download(table, "recommendations", {"actor": who, "via": where, "threat": threats, "voice": voices},
                label=f"Download these {len(table)} recommendation{'' if len(table) == 1 else 's'} (CSV)")
    st.caption("Source: RIAC–PKU IISS Report 80/2022, chapter and footnote per row. Where the report names no "
               "organisation, afdash classes the channel as bilateral, national or multilateral and says so.")
