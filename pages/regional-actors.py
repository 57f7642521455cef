"""Regional actors: how each state of the region relates to the Taliban government — map, states × issues
matrix, side-by-side comparison and sourced profiles, one view at a time (?view=…, see VIEWS). Logic lives in
afdash.regional.model."""

import streamlit as st

from afdash.core import urlstate
from afdash.core.safe import md
from afdash.regional import model as regional
from afdash.web import ui

SCOPE = "regional"
# One view at a time: drawing the map, the matrix grids and the rest together made the page open in 2.6× a
# blank page's time, each heavy browser component costing 0.5–1.2 s.
VIEWS = {"map": "Map", "matrix": "States × issues", "compare": "Side by side", "profile": "Profiles"}
DEFAULTS = {
    "view": "map",
    "stance": list(regional.STANCES),
    "issue": "terrorist_threat",
    "level": "any",
    "sort": "report",
    "colour": "stance",
    "a": "PAK",
    "b": "IRN",
    "state": "PAK",
}


@ui.cached
def _base() -> dict:
    """Computed once per data folder, not on every rerun (rebuilding it took ~0.6 s of each run)."""
    return regional.derived({name: ui.table(name) for name in (
        "regional_statements", "regional_memberships", "regional_projects", "regional_points",
        "regional_border_events", "events", "actors")} | {"countries": ui.geo_table("countries")})


@ui.cached
def _map_countries() -> dict:
    """The country layer as the regional map draws it (clipped, shrunk over a land polygon); read-only."""
    return regional.map_countries(ui.geo("countries"))


@ui.cached
def _map(colour: str, kept: tuple[str, ...]) -> tuple:
    """The deck (shared, never mutated: st.pydeck_chart only serialises it), the legend as SVG and its text."""
    deck, legend = regional.map_and_legend(_base(), colour, kept, _map_countries(), ui.geo_table("provinces"))
    lines = regional.legend_lines(legend)
    alt = f"Legend, {regional.COLOUR_BY[colour]}: " + "; ".join(text for _, text in lines)
    return deck, regional.legend_svg(legend, regional.COLOUR_BY[colour]), alt


@ui.cached
def _ordered(stances: tuple, issue: str, level: str, sort: str) -> tuple[str, ...]:
    """The states the stance/issue/level filters keep, in the chosen order."""
    base = _base()
    kept = regional.filter_states(base["cells"], base["stances"], list(stances), issue, level)
    return tuple(regional.order_states(kept, base["cells"], base["names"], base["km"], sort))


@ui.cached
def _matrix(ordered: tuple) -> tuple:
    """The matrix of the kept states and the basis of each cell, as shown and downloaded."""
    base = _base()
    table = regional.matrix_table(base["cells"], base["stances"], base["names"], base["km"], list(ordered))
    return table, regional.basis_table(base["cells"], base["names"], list(ordered))


@ui.cached
def _map_lists() -> dict[str, str]:
    base = _base()
    return regional.map_lists(base["incidents"], base["projects"])


def _filter_row(params: dict, parsed: urlstate.Parsed, sort: bool = True) -> tuple[dict, list[str]]:
    """The stance / issue / level filters the map and the matrix share (the map colours only the states the
    matrix keeps), plus the matrix's sort, and the kept states in the chosen order. The map has no order, so it
    draws no sort box and leaves `sort` in the URL as it was."""
    stance0 = urlstate.multi(params, "stance", list(regional.STANCES), DEFAULTS["stance"], parsed)
    issue0 = urlstate.choice(params, "issue", list(regional.ISSUES), DEFAULTS["issue"], parsed)
    level0 = urlstate.choice(params, "level", list(regional.LEVEL_FILTER), DEFAULTS["level"], parsed)
    cols = st.columns([3, 2, 2, 2] if sort else [3, 2, 2])
    with cols[0]:
        stances = ui.multiselect("Stance toward the Taliban", SCOPE, "stance", list(regional.STANCES),
                                 stance0, format_func=regional.STANCES.get)
    with cols[1]:
        issue = ui.selectbox("Issue", SCOPE, "issue", list(regional.ISSUES), issue0, format_func=regional.ISSUES.get)
    with cols[2]:
        level = ui.selectbox("Level on that issue", SCOPE, "level", list(regional.LEVEL_FILTER), level0,
                             format_func=regional.LEVEL_FILTER.get)
    values = {"stance": stances, "issue": issue, "level": level}
    if sort:
        sort0 = urlstate.choice(params, "sort", list(regional.SORTS), DEFAULTS["sort"], parsed)
        with cols[3]:
            values["sort"] = ui.selectbox("Sort by", SCOPE, "sort", list(regional.SORTS), sort0,
                                          format_func=regional.SORTS.get)
    ordered = _ordered(tuple(stances), issue, level, values.get("sort", DEFAULTS["sort"]))
    return values, list(ordered)


def map_view(base: dict, params: dict, parsed: urlstate.Parsed) -> dict:
    # The state filters (ui.filter_box) and the two lists sit in popovers, drawn only when opened.
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with right, ui.filter_box("Filter states"):
        values, kept = _filter_row(params, parsed, sort=False)
    colour0 = urlstate.choice(params, "colour", list(regional.COLOUR_BY), DEFAULTS["colour"], parsed)
    with left:
        colour = ui.selectbox("Colour states by", SCOPE, "colour", list(regional.COLOUR_BY), colour0,
                              format_func=regional.COLOUR_BY.get)
    words = regional.filters_text(values["stance"], values["issue"], values["level"])
    st.caption(f"States coloured: {len(kept)} of {len(regional.STATES)} (filters: {md(words)}).")
    deck, legend, alt = _map(colour, tuple(sorted(kept)))
    st.pydeck_chart(deck, height=560)
    st.image(legend, alt=alt)
    st.caption("Afghanistan is white; light grey states are outside the ten or filtered out of the matrix. "
               "Orange dots: border incidents (larger = more); dark lines: transit and energy projects.")
    st.caption(f"**Schematic lines.** {regional.SCHEMATIC_NOTE} {regional.BORDER_POINT_NOTE} "
               f"{regional.BORDER_KM_NOTE}")
    if colour in regional.ORGS:
        st.caption(regional.MEMBERSHIP_NOTE)
    ui.source(extra="Boundaries: Natural Earth 1:10m (public domain); de facto lines, no position on disputes")
    lists = _map_lists()
    incidents, projects = st.columns(2)
    with incidents, st.popover(f"Border incidents on the map ({len(base['incidents'])})", width="stretch"):
        st.markdown(lists["incidents"])
    with projects, st.popover(f"Projects ({len(base['projects'])})", width="stretch"):
        st.markdown(lists["projects"])
    return values | {"colour": colour}


def matrix_view(base: dict, params: dict, parsed: urlstate.Parsed) -> dict:
    values, ordered = _filter_row(params, parsed)
    st.caption(regional.LEVEL_MEANING)
    stances, issue, level = values["stance"], values["issue"], values["level"]
    filters = {"stance": stances if stances != DEFAULTS["stance"] else None,
               "issue": issue if level != "any" else None, "level": level if level != "any" else None}
    if not ordered:
        st.info(f"No states match: {regional.filters_text(stances, issue, level)}.")
    else:
        table, basis = _matrix(tuple(ordered))
        # a Styler per run: Streamlit renders it in place, so a shared one could be read while another session
        # renders it
        st.dataframe(regional.style_matrix(table), hide_index=True, width="stretch",
                     column_config={"border_km": "Shared border (km)"})
        ui.download(table, "regional_matrix", filters, label=f"Download matrix CSV ({len(table)} states)")
        with st.expander("Basis and sources of each cell"):
            st.dataframe(basis, hide_index=True, width="stretch")
            ui.download(basis, "regional_matrix_basis", filters, label=f"Download basis CSV ({len(basis)} cells)")
    ui.source(extra="regional_statements dataset; levels and stance classes are afdash's reading of the text")
    return values


def compare_view(base: dict, params: dict, parsed: urlstate.Parsed) -> dict:
    names = base["names"]
    a0 = urlstate.choice(params, "a", list(regional.STATES), DEFAULTS["a"], parsed)
    b0 = urlstate.choice(params, "b", list(regional.STATES), DEFAULTS["b"], parsed)
    s1, s2 = st.columns(2)
    with s1:
        a = ui.selectbox("First state", SCOPE, "a", list(regional.STATES), a0, format_func=names.get)
    with s2:
        b = ui.selectbox("Second state", SCOPE, "b", list(regional.STATES), b0, format_func=names.get)
    sbs = regional.side_by_side(base["cells"], base["stances"], a, b)
    left, right = st.columns(2)
    left.markdown(f"#### {md(names[a])}")
    right.markdown(f"#### {md(names[b])}")
    for r in sbs.to_dict("records"):
        left, right = st.columns(2)
        for col, key in ((left, "a"), (right, "b")):
            col.markdown(f"**{md(r['topic'])}:** {md(r[key])}")
            if r[key + "_basis"]:
                col.caption(md(r[key + "_basis"]))
    ui.source(extra="citations in brackets give the report's chapter, page and footnote")
    return {"a": a, "b": b}


def profile_view(base: dict, params: dict, parsed: urlstate.Parsed) -> dict:
    state0 = urlstate.choice(params, "state", list(regional.STATES), DEFAULTS["state"], parsed)
    iso3 = ui.selectbox("State", SCOPE, "state", list(regional.STATES), state0, format_func=base["names"].get)
    _profile(iso3)
    return {"state": iso3}


def render() -> None:
    st.title("Regional actors")
    st.markdown(
        "How each state of the region relates to the Taliban government, what it fears and wants, and what "
        "happened on each border — as the report tells it. Every statement cites the report's chapter and "
        "footnote; where the report is silent the page says so."
    )
    params, parsed = ui.url_params(), urlstate.Parsed()
    view = ui.view_switch(SCOPE, VIEWS, params, parsed)
    notices = st.container()  # filled once the drawn view has parsed all of its URL parameters
    draw = {"map": map_view, "matrix": matrix_view, "compare": compare_view, "profile": profile_view}[view]
    values = draw(_base(), params, parsed)
    with notices:
        ui.show_notices(parsed)
    # Only this run's widgets and the view: a hidden view's parameters stay in the URL untouched, and seed its
    # widgets again when it is reopened.
    ui.sync_url({"view": view, **values}, DEFAULTS)


def _profile(iso3: str) -> None:
    p = _profile_parts(iso3)
    st.markdown(f"### {p['name']}")
    for col, (label, value) in zip(st.columns([2, 1, 1]), p["metrics"], strict=True):
        col.metric(label, value)
    ui.source(extra=f"each line gives chapter, page and footnote. {regional.BORDER_KM_NOTE}")
    st.markdown(p["body"])
    with st.expander(p["events_label"]):
        st.markdown(p["events"])


@ui.cached
def _profile_parts(iso3: str) -> dict:
    """A state's profile as finished Markdown, once per data folder and state (shared, never mutated)."""
    return regional.profile_parts(_base(), iso3)


ui.guarded(render)
