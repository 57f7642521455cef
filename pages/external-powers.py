"""External powers: the U.S. and the other outside players, their instruments, and the shift in influence
after the withdrawal — every figure and date from the report, with its source."""

import pandas as pd
import streamlit as st

from afdash.core import urlstate
from afdash.core.report import cite
from afdash.core.safe import md, md_table
from afdash.external import powers as ep
from afdash.external import reserves as assets
from afdash.web import ui

SCOPE = "external"
# One map or chart per view, so the page opens as fast as one view (all five at once took 2.6–2.9× the
# platform's floor). The U.S. view comes first: it is the page's subject and the benchmark's context toggle.
VIEWS = {"us": "The United States", "reserves": "Frozen reserves", "players": "Other outside players",
         "influence": "Shift in influence", "map": "On the map"}
US_COLUMNS = {"date": "Date", "type": "Instrument", "title": "What happened",
              "figures": "Figures (as the report gives them)", "role": "Role as an instrument", "source": "Source"}
DEFAULTS = {"view": "us", "instrument": list(ep.INSTRUMENTS), "context": False, "player": "pak", "power": "usa"}


@ui.cached
def _timeline(kinds: tuple[str, ...], context: bool) -> pd.DataFrame:
    return ep.us_timeline(ui.table("us_instruments"), ui.table("events"), ui.table("key_figures"), kinds, context)


@ui.cached
def _timeline_spec(kinds: tuple[str, ...], context: bool) -> dict:
    return ui.chart_spec(ep.timeline_chart(_timeline(kinds, context)))


@ui.cached
def _assets_spec() -> dict:
    return ui.chart_spec(assets.chart(ui.table("afghan_assets")))


@ui.cached
def _influence_spec() -> dict:
    return ui.chart_spec(ep.influence_chart(ui.table("influence_shift"), _names()))


@ui.cached
def _overview() -> pd.DataFrame:
    return ep.players_overview(ui.table("external_players"), ui.table("influence_shift"), _names())


@ui.cached
def _influence_table() -> pd.DataFrame:
    return ep.influence_table(ui.table("influence_shift"), _names())


@ui.cached
def _names() -> dict[str, str]:
    return ep.actor_names(ui.table("actors"))


@ui.cached
def _rep_points() -> dict:
    return ep.representative_points(ui.geo("countries"))


@ui.cached
def _us_table(kinds: tuple[str, ...], context: bool) -> tuple[str, pd.DataFrame]:
    """The timeline's rows as a Markdown table, and as downloaded."""
    tl = _timeline(kinds, context)
    return md_table(tl[list(US_COLUMNS)].rename(columns=US_COLUMNS)), tl.drop(columns=["date_start", "date_end"])


@ui.cached
def _reserves_text() -> tuple[str, str]:
    return assets.amounts_text(ui.table("afghan_assets"))


@ui.cached
def _player(player: str) -> tuple[pd.DataFrame, dict]:
    """One player's rows as downloaded, and its profile by aspect."""
    rows = ep.player_rows(ui.table("external_players"), player)
    return rows.drop(columns=["source"]), ep.player_profile(rows)


@ui.cached
def _influence_text() -> list[tuple[str, list[str]]]:
    return ep.influence_text(_influence_table())


@ui.cached
def _map_text(power: str) -> dict:
    """What the map of one power cannot draw, as text, and the map's rows as downloaded."""
    return ep.map_text(_map_data(power), _power_rows(power)) | {"rows": _power_rows(power)}


@ui.cached
def _map_deck(power: str):
    return ep.map_deck(_map_data(power), ui.geo("countries"))


@ui.cached
def _power_rows(power: str):
    """One power's rows of power_geography: the map, its text and the download all read these."""
    return ep.power_rows(ui.table("power_geography"), power)


@ui.cached
def _map_data(power: str) -> dict:
    return ep.map_layers_data(_power_rows(power), ui.geo("countries"), ui.geo_table("provinces"), _rep_points(),
                              _names())


def _us_section(params: dict, parsed: urlstate.Parsed) -> dict:
    kinds = urlstate.multi(params, "instrument", list(ep.INSTRUMENTS), DEFAULTS["instrument"], parsed)
    if params.get("instrument") and not kinds:  # nothing usable in the link: notice + default, not an empty page
        kinds = list(DEFAULTS["instrument"])
    context = urlstate.flag(params, "context", DEFAULTS["context"], parsed)
    ui.show_notices(parsed)
    st.header("The United States")
    st.markdown(
        "Washington left Afghanistan with its troops but not with its levers: sanctions and frozen reserves, "
        "occasional force, diplomacy with and about the Taliban, multilateral formats and aid. Dates and amounts "
        "come from the report's chapter on external factors unless the source says otherwise."
    )
    c1, c2 = st.columns([3, 1])
    with c1:
        kinds = ui.multiselect("U.S. instruments", SCOPE, "instrument", list(ep.INSTRUMENTS), kinds,
                               format_func=lambda k: ep.INSTRUMENTS[k])
    with c2:
        context = ui.toggle("Include 2020–April 2021 context", SCOPE, "context", context)
    tl = _timeline(tuple(kinds), context)
    if tl.empty:
        st.info("No U.S. instruments match: instrument=" + (", ".join(ep.INSTRUMENTS[k] for k in kinds) or "none")
                + f", context={'included' if context else 'excluded'}.")
    else:
        st.vega_lite_chart(spec=_timeline_spec(tuple(kinds), context), width="stretch")
        st.caption("Squares mark events the report dates only to the month; bars span multi-day or multi-month "
                   "periods. Hover for details.")
        # A Markdown table, not a data grid: the grid's code made this view the slowest to open (2.0× the floor)
        table, download = _us_table(tuple(kinds), context)
        st.markdown(table)
        ui.download(download, "us_instruments", {"instrument": kinds if kinds != DEFAULTS["instrument"] else None,
                                                 "context": "included" if context else None},
                    label=f"Download these {len(tl)} rows (CSV)")
    return {"instrument": kinds, "context": context}


def _reserves_section(params: dict, parsed: urlstate.Parsed) -> dict:
    ui.show_notices(parsed)
    st.header("The frozen central-bank reserves")
    table = ui.table("afghan_assets")
    st.vega_lite_chart(spec=_assets_spec(), width="stretch")
    # The chart's five amounts as text too (a grid would cost as much to open as a second chart).
    amounts, derived = _reserves_text()
    st.markdown(amounts)
    st.caption(
        "Solid bars are printed in the report (USD 9.5 billion frozen on 18 Aug 2021; USD 7 billion released by "
        "the order of 11 Feb 2022, “half” for each purpose). Pale, dash-outlined bars are "
        f"**{assets.DERIVED_LABEL}**, not printed: " + derived
        + ". The report does not say what became of the part the order did not cover."
    )
    ui.source("external_factors")
    ui.download(table, "afghan_assets", label="Download the chart's five amounts (CSV)")
    return {}


def _players_section(params: dict, parsed: urlstate.Parsed) -> dict:
    player = urlstate.choice(params, "player", ep.PLAYERS, DEFAULTS["player"], parsed)
    ui.show_notices(parsed)
    st.header("Other outside players")
    names = _names()
    st.dataframe(_overview(), hide_index=True, width="stretch")
    st.caption("Fit with Russian and Chinese interests is the report's judgement, classed only where the report "
               "supports a class; “not assessed” means it gives none.")
    player = ui.selectbox("Outside player", SCOPE, "player", ep.PLAYERS, player,
                          format_func=lambda a: ep.player_label(a, names))
    label = ep.player_label(player, names)
    rows, profile = _player(player)
    st.subheader(md(label))
    cols = st.columns(2)
    for i, (aspect, title) in enumerate(ep.ASPECTS.items()):
        with cols[i % 2]:
            st.markdown(f"**{title}**")
            items = profile[aspect]
            if not items:
                st.caption(f"The report says nothing about {md(label)}'s {title.lower()}.")
            for item in items:
                st.markdown(f"- {md(item['text'])}")
                st.caption(md(item["source"]))
    ui.download(rows, "external_players", {"player": player},
                label=f"Download {md(label)}: {len(rows)} rows (CSV)")
    return {"player": player}


def _influence_section(params: dict, parsed: urlstate.Parsed) -> dict:
    ui.show_notices(parsed)
    st.header("The shift in influence")
    st.markdown(
        "The report judges that U.S. influence in the region **declined** after the withdrawal, while that of "
        "Pakistan, Qatar, Iran and Turkey **rose** — Qatar's and Turkey's markedly. This is a qualitative "
        "judgement: the report measures nothing, so the chart below has **no numeric scale**, only directions."
    )
    st.vega_lite_chart(spec=_influence_spec(), width="stretch")
    table = _influence_table()
    for heading, captions in _influence_text():
        st.markdown(heading)
        for caption in captions:
            st.caption(caption)
    st.caption("The report also notes that U.S. influence remains significant and that the decline opens a "
               "window for Russia and China. " + cite("external_factors"))
    ui.download(table, "influence_shift", label="Download these statements (CSV)")
    return {}


def _map_section(params: dict, parsed: urlstate.Parsed) -> dict:
    power = urlstate.choice(params, "power", ep.POWERS, DEFAULTS["power"], parsed)
    ui.show_notices(parsed)
    names = _names()
    st.header("On the map")
    power = ui.selectbox("Power to show", SCOPE, "power", ep.POWERS, power,
                         format_func=lambda a: ep.player_label(a, names))
    label = ep.player_label(power, names)
    left, right = st.columns([3, 2])
    with left:
        st.pydeck_chart(_map_deck(power), height=480)
        st.caption("Dark blue: the power itself or a grouping's members · orange: partners the report names · "
                   "sky blue: could join in future · green dots: presence or footprint · vermillion dots: "
                   "actions. Dots in Afghanistan sit at the province's label point (an action sharing a province "
                   "with a presence is set just beside it); dots elsewhere sit inside the country, not at the exact "
                   "city. "
                   "Boundaries: Natural Earth (public domain), de facto lines.")
    with right:
        st.markdown(f"**{md(label)}: not drawn on this map**")
        text = _map_text(power)
        if text["off_map"]:
            st.caption("These countries lie outside afdash's regional map layer (Afghanistan's wider region), "
                       "so they cannot be coloured; they are listed here instead.")
            st.markdown(text["off_map"])
        else:
            st.caption("Every country linked to this power is on the map.")
        if text["unplaced"]:
            st.markdown("**In Afghanistan, no place named**")
            for item, source in text["unplaced"]:
                st.markdown(item)
                st.caption(source)
        if text["public_record"]:
            st.markdown("**From the public record, not the report**")
            for caption in text["public_record"]:
                st.caption(caption)
    ui.source("external_factors", extra="Presence and partners per power: dataset power_geography.")
    ui.download(text["rows"], "power_geography", {"power": power},
                label=f"Download the map's rows for {md(label)} (CSV)")
    return {"power": power}


SECTIONS = {"us": _us_section, "reserves": _reserves_section, "players": _players_section,
            "influence": _influence_section, "map": _map_section}


def render() -> None:
    """Only the chosen view's section runs: each reads its own URL parameters and shows their notices, and
    returns the values of the widgets it drew for the URL. A hidden view's parameters stay in the URL."""
    st.title("External powers")
    st.caption(f"The U.S. and the other outside players in and around Afghanistan. Source: {cite('external_factors')}"
               " unless stated otherwise.")
    params, parsed = ui.url_params(), urlstate.Parsed()
    view = ui.view_switch(SCOPE, VIEWS, params, parsed)
    values = SECTIONS[view](params, parsed)
    ui.sync_url({"view": view, **values}, DEFAULTS)


ui.guarded(render)
