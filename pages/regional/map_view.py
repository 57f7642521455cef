"""The regional map: states coloured by stance, organisation or shared border, with incidents and projects."""

import streamlit as st

from afdash.core.safe import md
from afdash.regional import matrix, model, states
from afdash.web import ui
from afdash.web.page import Page
from pages.regional.shared import base, filter_row


@ui.cached
def _map_countries() -> dict:
    """The country layer as the regional map draws it (clipped, shrunk over a land polygon); read-only."""
    return model.map_countries(ui.geo("countries"))


@ui.cached
def _map(colour: str, kept: tuple[str, ...]) -> tuple:
    """The deck (shared, never mutated: st.pydeck_chart only serialises it), the legend as SVG and its text."""
    deck, legend = model.map_and_legend(base(), colour, kept, _map_countries(), ui.geo_table("provinces"))
    lines = model.legend_lines(legend)
    alt = f"Legend, {states.COLOUR_BY[colour]}: " + "; ".join(text for _, text in lines)
    return deck, model.legend_svg(legend, states.COLOUR_BY[colour]), alt


@ui.cached
def _map_lists() -> dict[str, str]:
    b = base()
    return model.map_lists(b["incidents"], b["projects"])


def render(page: Page) -> None:
    # The state filters and the two lists sit in popovers, drawn only when opened.
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with right, ui.filter_box("Filter states"):
        values, kept = filter_row(page, sort=False)
    with left:
        colour = page.select("colour", "Colour states by", list(states.COLOUR_BY), "stance",
                             format_func=states.COLOUR_BY.get)
    words = matrix.filters_text(values["stance"], values["issue"], values["level"])
    st.caption(f"States coloured: {len(kept)} of {len(states.STATES)} (filters: {md(words)}).")
    deck, legend, alt = _map(colour, tuple(sorted(kept)))
    st.pydeck_chart(deck, height=560)
    st.image(legend, alt=alt)
    st.caption("Afghanistan is white; light grey states are outside the ten or filtered out of the matrix. "
               "Orange dots: border incidents (larger = more); dark lines: transit and energy projects.")
    st.caption(f"**Schematic lines.** {model.SCHEMATIC_NOTE} {model.BORDER_POINT_NOTE} "
               f"{model.BORDER_KM_NOTE}")
    if colour in states.ORGS:
        st.caption(model.MEMBERSHIP_NOTE)
    ui.source(extra="Boundaries: Natural Earth 1:10m (public domain); de facto lines, no position on disputes")
    lists, b = _map_lists(), base()
    incidents, projects = st.columns(2)
    with incidents, st.popover(f"Border incidents on the map ({len(b['incidents'])})", width="stretch"):
        st.markdown(lists["incidents"])
    with projects, st.popover(f"Projects ({len(b['projects'])})", width="stretch"):
        st.markdown(lists["projects"])
