"""The other outside players — interests, instruments, ties, fit with Russia and China — and the report's
qualitative shift in influence."""

import pandas as pd
import streamlit as st

from afdash.core.report import cite
from afdash.core.safe import md
from afdash.external import players, vocabulary
from afdash.web import ui
from afdash.web.page import Page
from pages.external.shared import names


@ui.cached
def _overview() -> pd.DataFrame:
    return players.players_overview(ui.table("external_players"), ui.table("influence_shift"), names())


@ui.cached
def _player(player: str) -> tuple[pd.DataFrame, dict]:
    """One player's rows as downloaded, and its profile by aspect."""
    rows = players.player_rows(ui.table("external_players"), player)
    return rows.drop(columns=["source"]), players.player_profile(rows)


@ui.cached
def _influence_spec() -> dict:
    return ui.chart_spec(players.influence_chart(ui.table("influence_shift"), names()))


@ui.cached
def _influence_table() -> pd.DataFrame:
    return players.influence_table(ui.table("influence_shift"), names())


@ui.cached
def _influence_text() -> list[tuple[str, list[str]]]:
    return players.influence_text(_influence_table())


def render(page: Page) -> None:
    st.header("Other outside players")
    st.dataframe(_overview(), hide_index=True, width="stretch")
    st.caption("Fit with Russian and Chinese interests is the report's judgement, classed only where the report "
               "supports a class; “not assessed” means it gives none.")
    player = page.select("player", "Outside player", vocabulary.PLAYERS, "pak",
                         format_func=lambda a: players.player_label(a, names()))
    label = players.player_label(player, names())
    rows, profile = _player(player)
    st.subheader(md(label))
    cols = st.columns(2)
    for i, (aspect, title) in enumerate(vocabulary.ASPECTS.items()):
        with cols[i % 2]:
            st.markdown(f"**{title}**")
            if not profile[aspect]:
                st.caption(f"The report says nothing about {md(label)}'s {title.lower()}.")
            for item in profile[aspect]:
                st.markdown(f"- {md(item['text'])}")
                st.caption(md(item["source"]))
    ui.download(rows, "external_players", {"player": player}, label=f"Download {md(label)}: {len(rows)} rows (CSV)")


def influence(page: Page) -> None:
    st.header("The shift in influence")
    st.markdown(
        "The report judges that U.S. influence in the region **declined** after the withdrawal, while that of "
        "Pakistan, Qatar, Iran and Turkey **rose** — Qatar's and Turkey's markedly. This is a qualitative "
        "judgement: the report measures nothing, so the chart below has **no numeric scale**, only directions."
    )
    st.vega_lite_chart(spec=_influence_spec(), width="stretch")
    for heading, captions in _influence_text():
        st.markdown(heading)
        for caption in captions:
            st.caption(caption)
    st.caption("The report also notes that U.S. influence remains significant and that the decline opens a "
               "window for Russia and China. " + cite("external_factors"))
    ui.download(_influence_table(), "influence_shift", label="Download these statements (CSV)")
