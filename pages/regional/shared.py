"""What the regional views share: the derived tables, and the stance / issue / level filters the map and the
matrix both apply (the map colours only the states the matrix keeps)."""

import streamlit as st

from afdash.regional import model as regional
from afdash.web import ui
from afdash.web.page import Page

DEFAULT_STANCES = list(regional.STANCES)


@ui.cached
def base() -> dict:
    """Computed once per data folder, not on every rerun."""
    return regional.derived({name: ui.table(name) for name in (
        "regional_statements", "regional_memberships", "regional_projects", "regional_points",
        "regional_border_events", "events", "actors")} | {"countries": ui.geo_table("countries")})


@ui.cached
def ordered(stances: tuple, issue: str, level: str, sort: str) -> tuple[str, ...]:
    """The states the stance/issue/level filters keep, in the chosen order."""
    b = base()
    kept = regional.filter_states(b["cells"], b["stances"], list(stances), issue, level)
    return tuple(regional.order_states(kept, b["cells"], b["names"], b["km"], sort))


def filter_row(page: Page, sort: bool = True) -> tuple[dict, list[str]]:
    """The shared filters, plus the matrix's sort, and the kept states in order. The map has no order, so it
    draws no sort box and leaves `sort` in the URL as it was."""
    cols = st.columns([3, 2, 2, 2] if sort else [3, 2, 2])
    with cols[0]:
        stances = page.multiselect("stance", "Stance toward the Taliban", list(regional.STANCES), DEFAULT_STANCES,
                                   format_func=regional.STANCES.get)
    with cols[1]:
        issue = page.select("issue", "Issue", list(regional.ISSUES), "terrorist_threat",
                            format_func=regional.ISSUES.get)
    with cols[2]:
        level = page.select("level", "Level on that issue", list(regional.LEVEL_FILTER), "any",
                            format_func=regional.LEVEL_FILTER.get)
    values = {"stance": stances, "issue": issue, "level": level, "sort": "report"}
    if sort:
        with cols[3]:
            values["sort"] = page.select("sort", "Sort by", list(regional.SORTS), "report",
                                         format_func=regional.SORTS.get)
    return values, list(ordered(tuple(stances), issue, level, values["sort"]))
