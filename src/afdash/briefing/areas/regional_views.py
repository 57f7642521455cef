"""The regional page's table views as slides: the states × issues matrix as a labelled grid, two states side by
side, and one state's profile. Registered with the regional views; each carries the page's filters."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import boards
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.regional import frames, matrix, profiles, states
from afdash.store import loaders

MATRIX_ROWS = 10  # every state the matrix tracks fits the grid at presentation type
CITATIONS = (Citation("regional_role"), Citation("china_interests"), Citation("external_factors"))
DATASETS = ("regional_statements", "actors", "countries")


def _base(tables: Mapping) -> dict:
    """The regional page's derived tables, from the same datasets."""
    return frames.derived({name: tables[name] for name in (
        "regional_statements", "regional_memberships", "regional_projects", "regional_points",
        "regional_border_events", "events", "actors")} | {"countries": loaders.geo_properties(tables["countries"])})


def _kept(tables: Mapping, params: dict) -> tuple[dict, list[str]]:
    b = _base(tables)
    kept = matrix.filter_states(b["cells"], b["stances"], list(params["stance"]), params["issue"], params["level"])
    return b, matrix.order_states(kept, b["cells"], b["names"], b["km"], params["sort"])


NOT_SAID = "–"  # a dash in the cell; the legend and the caveat say it means "not discussed in the report"


def _short(level: str) -> str:
    return "not discussed" if level == states.NOT_DISCUSSED else level


def _cell(level: str) -> str:
    return NOT_SAID if level == "not discussed" else level


def _matrix(tables: Mapping, params: dict) -> Slide:
    b, ordered = _kept(tables, params)
    table = matrix.matrix_table(b["cells"], b["stances"], b["names"], b["km"], ordered[:MATRIX_ROWS])
    issues = list(states.ISSUES.values())
    cells = pd.DataFrame([{"row": r["state"], "col": issue, "level": _short(r[issue]), "text": _cell(_short(r[issue]))}
                          for r in table.to_dict("records") for issue in issues],
                         columns=["row", "col", "level", "text"])
    words = matrix.filters_text(params["stance"], params["issue"], params["level"])
    issue = states.ISSUES[params["issue"]]
    high = table[table[issue] == "high"]["state"].tolist() if len(table) else []
    return Slide(
        view_id="regional_matrix", area="regional",
        title="Where the neighbours stand, issue by issue",
        headline=f"{len(ordered)}",
        headline_label=f"states shown, of the {len(states.STATES)} the matrix tracks (filters: {words})",
        chart=boards.level_grid(cells, table["state"].tolist(), issues, boards.LEVEL_COLOURS, "Level in the report")
        if len(table) else None,
        points=(
            (f"{issue}: the report puts {', '.join(high)} at a high level." if high else
             f"{issue}: no state kept here is at a high level in the report.") if len(table) else
            f"No states match: {words}.",
            "Levels are afdash's reading of how strongly the report speaks to each issue, not a measurement.",
            "A dash (–) marks an issue the report does not discuss for that state.",
        ),
        citations=CITATIONS, datasets=DATASETS,
        caveat=("High: concrete incidents, steps or a threat the report calls serious; medium: named as a concern, "
                "interest or tie; low: mentioned in passing. Filters: " + words + "."),
        notes=("The page's matrix also gives each state's stance and border length; the CSV under this slide keeps "
               "every column. Each cell's statements and sources are on the Regional actors page."),
        data=table, data_name="regional_statements",
    )


def _compare(tables: Mapping, params: dict) -> Slide:
    b = _base(tables)
    a, c = params["a"], params["b"]
    sbs = matrix.side_by_side(b["cells"], b["stances"], a, c)
    na, nc = b["names"][a], b["names"][c]
    shown = sbs.assign(a=sbs["a"].map(lambda v: _short(str(v).split(" — ")[0])),
                       b=sbs["b"].map(lambda v: _short(str(v).split(" — ")[0])))
    issues = list(states.ISSUES.values())
    cells = pd.DataFrame([{"row": name, "col": r["topic"], "level": r[key], "text": _cell(r[key])}
                          for key, name in (("a", na), ("b", nc)) for r in shown.to_dict("records")
                          if r["topic"] in issues], columns=["row", "col", "level", "text"])
    same = [r["topic"] for r in shown.to_dict("records") if r["topic"] in issues and r["a"] == r["b"]]
    differ = [r["topic"] for r in shown.to_dict("records") if r["topic"] in issues and r["a"] != r["b"]]
    stance = shown.iloc[0]
    return Slide(
        view_id="regional_compare", area="regional",
        title=f"{na} and {nc} side by side",
        headline=f"{len(same)} of {len(issues)}", headline_label="issues on which the report puts both at one level",
        chart=boards.level_grid(cells, [na, nc], issues, boards.LEVEL_COLOURS, "Level in the report"),
        points=(
            f"Stance toward the Taliban: {na}, {stance['a'].lower()}; {nc}, {stance['b'].lower()}.",
            ("The report puts them at different levels on: " + ", ".join(differ) + ".") if differ else
            "The report puts them at the same level on every issue.",
            "What lies behind each level, with chapter and footnote, is on the Regional actors page.",
        ),
        citations=CITATIONS, datasets=DATASETS,
        caveat="Levels are afdash's reading of the report's text; a dash (–) means the report is silent.",
        notes=(f"The grid sets the level the report gives {na} and {nc} on each issue side by side. The basis of "
               "each level, in afdash's words with the report's chapter and footnote, is in the CSV and on the "
               "Regional actors page."),
        data=sbs, data_name="regional_statements",
    )


def _profile(tables: Mapping, params: dict) -> Slide:
    b = _base(tables)
    iso3 = params["state"]
    parts = profiles.profile_parts(b, iso3)
    tables_by = profiles.profile(b["statements"], iso3)
    metrics = dict(parts["metrics"])
    rows = pd.DataFrame([{"aspect": states.ASPECTS.get(k, k),
                          "label": "; ".join(dict.fromkeys(str(v) for v in f["label"])) if len(f) else
                          "not discussed in the report"} for k, f in tables_by.items()],
                        columns=["aspect", "label"])
    chart, kept = boards.board(rows, (("aspect", "Aspect", 0.36), ("label", "What the report says, in brief", 0.64)))
    return Slide(
        view_id="regional_profile", area="regional",
        title=f"{parts['name']}: profile from the report",
        headline=metrics.get("Stance toward the Taliban", ""), headline_label="stance toward the Taliban government",
        chart=chart if len(rows) else None,
        points=(*(f"{label}: {value}." for label, value in parts["metrics"][1:]),
                "Every line of the full profile, with its chapter and footnote, is on the Regional actors page."),
        citations=CITATIONS, datasets=DATASETS,
        caveat=f"Border lengths are measured by afdash on Natural Earth boundaries. Rows shown: {kept} of {len(rows)}.",
        notes="Each aspect's statements by their short labels; the CSV gives every statement with its source.",
        data=b["statements"][b["statements"]["state_iso3"] == iso3],
        data_name="regional_statements",
    )


STATE_LABELS = {"PAK": "Pakistan", "IRN": "Iran", "TJK": "Tajikistan", "UZB": "Uzbekistan", "TKM": "Turkmenistan",
                "CHN": "China", "RUS": "Russia", "KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "IND": "India"}
VIEWS: list[Recipe] = [
    Recipe("regional_matrix", "regional", "States × issues (labelled grid)", _matrix,
           params=(Param("stance", "Stance toward the Taliban", tuple(states.STANCES), tuple(states.STANCES),
                         multi=True, labels=states.STANCES),
                   Param("issue", "Issue", tuple(states.ISSUES), "terrorist_threat", labels=states.ISSUES),
                   Param("level", "Level on that issue", tuple(states.LEVEL_FILTER), "any",
                         labels=states.LEVEL_FILTER),
                   Param("sort", "Sort by", tuple(states.SORTS), "report", labels=states.SORTS)),
           description="The level the report gives each state on six issues, as a grid with words."),
    Recipe("regional_compare", "regional", "Two states side by side", _compare,
           params=(Param("a", "First state", states.STATES, "PAK", labels=STATE_LABELS),
                   Param("b", "Second state", states.STATES, "IRN", labels=STATE_LABELS)),
           description="Stance and the six issues for two states, as the report gives them."),
    Recipe("regional_profile", "regional", "A state's profile", _profile,
           params=(Param("state", "State", states.STATES, "PAK", labels=STATE_LABELS),),
           description="One state's stance, border and what the report says on each aspect, in brief."),
]
