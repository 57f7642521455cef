"""The states × issues matrix: one cell per state and issue, its level and basis; a cell no statement speaks to
is NOT_DISCUSSED — never a guess."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from afdash.regional.states import (
    ISSUES,
    LEVEL_FILTER,
    LEVEL_RANK,
    NOT_DISCUSSED,
    STANCES,
    STATES,
    _unique,
    short_source,
    source_of,
)


# ------------------------------------------------------------------------------------------------ matrix
def matrix_cells(statements: pd.DataFrame) -> pd.DataFrame:
    """The complete states × issues grid in long form: level (highest among the cell's statements), labels,
    basis (the statements) and sources. Cells without statements are NOT_DISCUSSED."""
    by_cell: dict[tuple[str, str], list[dict]] = {}
    for r in statements[statements["issue"].notna()].to_dict(orient="records"):
        by_cell.setdefault((r["state_iso3"], r["issue"]), []).append(r)
    rows = []
    for iso3 in STATES:
        for issue in ISSUES:
            group = sorted(by_cell.get((iso3, issue), []), key=lambda r: -LEVEL_RANK[r["level"]])
            if not group:
                rows.append({"state_iso3": iso3, "issue": issue, "level": "not_discussed", "rank": 0,
                             "label": NOT_DISCUSSED, "basis": "", "sources": "", "basis_cited": "",
                             "statement_ids": ""})
                continue
            rows.append({
                "state_iso3": iso3,
                "issue": issue,
                "level": group[0]["level"],
                "rank": LEVEL_RANK[group[0]["level"]],
                "label": "; ".join(_unique(r["label"] for r in group)),
                "basis": " ".join(_unique(r["statement"] for r in group)),
                "sources": "; ".join(_unique(source_of(r) for r in group)),
                "basis_cited": " ".join(_unique(f"{r['statement']} ({short_source(r)})" for r in group)),
                "statement_ids": "|".join(r["statement_id"] for r in group),
            })
    return pd.DataFrame(rows)


def cell_text(level: str, label: str) -> str:
    return NOT_DISCUSSED if level == "not_discussed" else f"{level} — {label}"


def filters_text(stance_classes: Sequence[str], issue: str, level: str) -> str:
    """The state filters that differ from their defaults (every stance class, any level), in words: for the
    map's caption and the matrix's empty state."""
    parts = []
    if list(stance_classes) != list(STANCES):
        parts.append("stance=" + (", ".join(STANCES[s] for s in stance_classes) or "none selected"))
    if level != "any":
        parts.append(f"{ISSUES[issue]}={LEVEL_FILTER[level]}")
    return "; ".join(parts) or "none"


def filter_states(cells: pd.DataFrame, stance_table: pd.DataFrame, stance_classes: Iterable[str],
                  issue: str, level: str) -> list[str]:
    """States whose stance is among `stance_classes` and whose `issue` cell passes the `level` filter."""
    wanted = set(stance_classes)
    ranks = cells[cells["issue"] == issue].set_index("state_iso3")["rank"]
    keep = []
    for iso3 in STATES:
        if stance_table.loc[iso3, "stance"] not in wanted:
            continue
        r = int(ranks[iso3])
        ok = {
            "any": True,
            "high": r >= LEVEL_RANK["high"],
            "medium": r >= LEVEL_RANK["medium"],
            "low": r >= LEVEL_RANK["low"],
            "none": r == 0,
        }[level]
        if ok:
            keep.append(iso3)
    return keep


def order_states(states: Iterable[str], cells: pd.DataFrame, names: Mapping[str, str],
                 border_km: Mapping[str, float], sort: str) -> list[str]:
    """Sort states: report order, by name, by border length (longest first) or by an issue's level (highest
    first); ties keep the report order."""
    states = [s for s in STATES if s in set(states)]
    if sort == "report":
        return states
    if sort == "name":
        return sorted(states, key=lambda s: names.get(s, s))
    if sort == "border_km":
        return sorted(states, key=lambda s: -border_km.get(s, 0.0))
    ranks = cells[cells["issue"] == sort].set_index("state_iso3")["rank"]
    return sorted(states, key=lambda s: -int(ranks[s]))


def level_text(level: str) -> str:
    return NOT_DISCUSSED if level == "not_discussed" else level


def matrix_table(cells: pd.DataFrame, stance_table: pd.DataFrame, names: Mapping[str, str],
                 border_km: Mapping[str, float], states: list[str]) -> pd.DataFrame:
    """The matrix as shown and downloaded: one row per state (in the given order), one column per issue
    holding the cell's level ("not discussed in the report" where no statement speaks to it)."""
    levels = cells.set_index(["state_iso3", "issue"])["level"]
    rows = []
    for iso3 in states:
        row = {
            "state": names.get(iso3, iso3),
            "iso3": iso3,
            "stance": stance_table.loc[iso3, "stance_label"],
            "border_km": border_km.get(iso3, 0.0),
        }
        for issue, title in ISSUES.items():
            row[title] = level_text(levels[(iso3, issue)])
        rows.append(row)
    return pd.DataFrame(rows, columns=["state", "iso3", "stance", "border_km", *ISSUES.values()])


LEVEL_STYLE: dict[str, str] = {
    "high": "background-color: #0072B2; color: white",
    "medium": "background-color: #56B4E9; color: black",
    "low": "background-color: #D6ECF8; color: black",
    NOT_DISCUSSED: "color: #6b6b6b; font-style: italic",
}


def style_matrix(table: pd.DataFrame):
    """Cell colours by level (blue ramp, darker = more), for st.dataframe; the text says the level too."""
    return table.style.map(lambda v: LEVEL_STYLE.get(v, ""), subset=list(ISSUES.values())).format(
        {"border_km": "{:,.0f}"})


def basis_table(cells: pd.DataFrame, names: Mapping[str, str], states: list[str]) -> pd.DataFrame:
    """Every cell of the shown states with its statements and sources, in long form."""
    frame = cells[cells["state_iso3"].isin(states)].copy()
    frame["order"] = frame["state_iso3"].map({s: i for i, s in enumerate(states)})
    frame["issue_order"] = frame["issue"].map({k: i for i, k in enumerate(ISSUES)})
    frame = frame.sort_values(["order", "issue_order"])
    return pd.DataFrame({
        "state": frame["state_iso3"].map(lambda s: names.get(s, s)),
        "iso3": frame["state_iso3"],
        "issue": frame["issue"].map(ISSUES),
        "level": frame["level"].map(lambda v: NOT_DISCUSSED if v == "not_discussed" else v),
        "label": frame["label"].where(frame["level"] != "not_discussed", ""),
        "basis": frame["basis"],
        "sources": frame["sources"],
    }).reset_index(drop=True)


def side_by_side(cells: pd.DataFrame, stance_table: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Topic × {a, b}: stance, then each issue's level and label, then the basis of each cell."""
    by = cells.set_index(["state_iso3", "issue"])
    rows = [{"topic": "Stance", "a": stance_table.loc[a, "stance_label"], "b": stance_table.loc[b, "stance_label"],
             "a_basis": f"{stance_table.loc[a, 'statement']} ({stance_table.loc[a, 'short_source']})",
             "b_basis": f"{stance_table.loc[b, 'statement']} ({stance_table.loc[b, 'short_source']})"}]
    for issue, title in ISSUES.items():
        ca, cb = by.loc[(a, issue)], by.loc[(b, issue)]
        rows.append({"topic": title, "a": cell_text(ca["level"], ca["label"]),
                     "b": cell_text(cb["level"], cb["label"]), "a_basis": ca["basis_cited"],
                     "b_basis": cb["basis_cited"]})
    return pd.DataFrame(rows)
