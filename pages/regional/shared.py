"""What the regional views share: the derived tables, and the stance / issue / level filters the map and the
matrix both apply (the map colours only the states the matrix keeps)."""

import streamlit as st

from afdash.regional import frames, matrix, states
from afdash.web import ui
from afdash.web.page import Page

DEFAULT_STANCES = list(states.STANCES)


@ui.cached
def base() -> dict:
    """Computed once per data folder, not on every rerun."""
    return frames.derived({name: ui.table(name) for name in (
        "regional_statements", "regional_memberships", "regional_projects", "regional_points",
        "regional_border_events", "events", "actors")} | {"countries": ui.geo_table("countries")})


@ui.cached
def ordered(stances: tuple, issue: str, level: str, sort: str) -> tuple[str, ...]:
    """The states the stance/issue/level filters keep, in the chosen order."""
    b = base()
    kept = matrix.filter_states(b["cells"], b["stances"], list(stances), issue, level)
    return tuple(matrix.order_states(kept, b["cells"], b["names"], b["km"], sort))


def filter_row(page: Page, sort: bool = True) -> tuple[dict, list[str]]:
    """The shared filters, plus the matrix's sort, and the kept states in order. The map has no order, so it
    draws no sort box and leaves `sort` in the URL as it was."""
    cols = st.columns([3, 2, 2, 2] if sort else [3, 2, 2])
    with cols[0]:
        stances = page.multiselect("stance", "Stance toward the Taliban", list(states.STANCES), DEFAULT_STANCES,
                                   format_func=states.STANCES.get)
    with cols[1]:
        issue = page.select("issue", "Issue", list(states.ISSUES), "terrorist_threat",
                            format_func=states.ISSUES.get)
    with cols[2]:
        level = page.select("level", "Level on that issue", list(states.LEVEL_FILTER), "any",
                            format_func=states.LEVEL_FILTER.get)
    values = {"stance": stances, "issue": issue, "level": level, "sort": "report"}
    if sort:
        with cols[3]:
            values["sort"] = page.select("sort", "Sort by", list(states.SORTS), "report",
                                         format_func=states.SORTS.get)
    return values, list(ordered(tuple(stances), issue, level, values["sort"]))
