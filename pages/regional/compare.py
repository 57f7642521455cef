"""Two states side by side, and one state's sourced profile."""

import streamlit as st

from afdash.core.safe import md
from afdash.regional import matrix, model, profiles, states
from afdash.web import ui
from afdash.web.page import Page
from pages.regional.shared import base


@ui.cached
def _profile_parts(iso3: str) -> dict:
    """A state's profile as finished Markdown, once per data folder and state (shared, never mutated)."""
    return profiles.profile_parts(base(), iso3)


def render(page: Page) -> None:
    names = base()["names"]
    s1, s2 = st.columns(2)
    with s1:
        a = page.select("a", "First state", list(states.STATES), "PAK", format_func=names.get)
    with s2:
        b = page.select("b", "Second state", list(states.STATES), "IRN", format_func=names.get)
    sbs = matrix.side_by_side(base()["cells"], base()["stances"], a, b)
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


def profile(page: Page) -> None:
    iso3 = page.select("state", "State", list(states.STATES), "PAK", format_func=base()["names"].get)
    p = _profile_parts(iso3)
    st.markdown(f"### {p['name']}")
    for col, (label, value) in zip(st.columns([2, 1, 1]), p["metrics"], strict=True):
        col.metric(label, value)
    ui.source(extra=f"each line gives chapter, page and footnote. {model.BORDER_KM_NOTE}")
    st.markdown(p["body"])
    with st.expander(p["events_label"]):
        st.markdown(p["events"])
