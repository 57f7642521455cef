"""Regional actors: state profiles, the states × issues comparison matrix, side-by-side comparison, and the
regional map (countries coloured by an attribute, border incidents on their border, schematic project lines).

Plain functions over the regional_* datasets, events, actors, the countries layer and the provinces layer.
Nothing here imports Streamlit. A matrix cell no statement speaks to is NOT_DISCUSSED — never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import pydeck as pdk
import shapely
from shapely.geometry import LineString, box, mapping, shape

from afdash.core import palette
from afdash.core.report import SECTIONS, cite
from afdash.core.safe import md, md_link
from afdash.maps import geojson
from afdash.maps import labels as maplabels
from afdash.maps import layers as maps
from afdash.regional import map_key

# The ten states of the issue, in the order the page lists them.
STATES: tuple[str, ...] = ("PAK", "IRN", "TJK", "UZB", "TKM", "CHN", "RUS", "KAZ", "KGZ", "IND")

ISSUES: dict[str, str] = {
    "terrorist_threat": "Terrorist threat",
    "border_clashes": "Border clashes",
    "refugees": "Refugees",
    "water": "Water",
    "trade_transit": "Trade & transit",
    "engagement": "Engagement with Kabul",
}
LEVELS: tuple[str, ...] = ("high", "medium", "low")
LEVEL_RANK: dict[str, int] = {"high": 3, "medium": 2, "low": 1, "not_discussed": 0}
NOT_DISCUSSED = "not discussed in the report"
LEVEL_MEANING = (
    "Levels say how much of an issue the report describes for a state: **high** — concrete incidents, steps or a "
    "threat it calls serious; **medium** — named as a concern, interest or tie; **low** — mentioned in passing or "
    "described as limited or absent. They are afdash's reading of the report's wording; each cell's statements "
    "and citations are listed below the matrix."
)

STANCES: dict[str, str] = {
    "engaging": "Engaging",
    "engaged_cautious": "Engaged, cautious",
    "strained": "Strained or unstable",
    "hostile": "Hostile",
    "not_characterised": "No stance stated in the report",
}
STANCE_COLOURS: dict[str, str] = {
    "engaging": "#009E73",
    "engaged_cautious": "#56B4E9",
    "strained": "#E69F00",
    "hostile": "#CC79A7",
    "not_characterised": "#BBBBBB",
}

ASPECTS: dict[str, str] = {
    "stance": "Stance toward the Taliban government",
    "security_concern": "Security concerns",
    "border": "Border",
    "refugees": "Refugees",
    "water": "Water",
    "economic_interest": "Economic and transit interests",
    "engagement": "Engagement with Kabul",
    "formats": "Formats and alliances, as the report describes them",
    "context": "Context",
}
ASPECT_IDS: tuple[str, ...] = tuple(ASPECTS)
# Aspects a profile always shows, saying so when the report is silent.
ALWAYS_SHOWN = ("security_concern", "border", "refugees", "water", "economic_interest", "engagement")

ORGS: dict[str, str] = {"sco": "SCO", "csto": "CSTO", "cis": "CIS", "eaeu": "EAEU", "ots": "OTS"}
MEMBERSHIP: dict[str, tuple[str, str]] = {
    "member": ("Member", "#0072B2"),
    "observer": ("Observer", "#56B4E9"),
    "associate_member": ("Associate member", "#009E73"),
    "suspended": ("Membership suspended", "#E69F00"),
    "not_member": ("Not a member", "#E1E1E1"),
}
COLOUR_BY: dict[str, str] = {
    "stance": "Stance toward the Taliban government",
    "sco": "SCO status (2022)",
    "csto": "CSTO status (2022)",
    "cis": "CIS status (2022)",
    "eaeu": "EAEU status (2022)",
    "ots": "OTS status (2022)",
    "border_km": "Shared border with Afghanistan (km)",
}
LEVEL_FILTER: dict[str, str] = {
    "any": "any level",
    "high": "high",
    "medium": "medium or higher",
    "low": "low or higher (discussed)",
    "none": "not discussed",
}
SORTS: dict[str, str] = {
    "report": "Report order",
    "name": "Name",
    "border_km": "Shared border length",
    **{k: f"Level: {v}" for k, v in ISSUES.items()},
}
RELATIONS: dict[str, str] = {
    "armed_clash": "armed clash",
    "cross_border_strike": "cross-border strike",
    "cross_border_attack": "cross-border attack",
    "troop_deployment": "troop deployment",
    "border_unrest": "unrest on the border",
    "security_operation": "security operation",
}
PROJECT_KINDS: dict[str, str] = {
    "pipeline": "gas pipeline",
    "power_line": "power transmission",
    "railway": "railway",
    "corridor": "economic corridor",
    "mining": "mining",
}
SCHEMATIC_NOTE = (
    "Project lines are schematic: straight segments between country anchor points and Afghan province label "
    "points standing in for the places named, not surveyed routes."
)
BORDER_POINT_NOTE = (
    "A border point marks the border an incident concerns (halfway along the shared border line), not where it "
    "happened."
)
BORDER_KM_NOTE = "Border lengths are measured on Natural Earth 1:10m boundary lines (geodesic, WGS 84)."
MEMBERSHIP_NOTE = "Memberships are public record as of mid-2022, not from the report; each has its source link."

MAP_VIEW = {"latitude": 36.0, "longitude": 71.0, "zoom": 3.1, "pitch": 0, "bearing": 0}
AFGHANISTAN_FILL = maps.AFGHANISTAN_FILL  # dark: apart from every class colour, the grey land and the sea
AFGHANISTAN_TEXT = [25, 25, 25, 255]  # dark with a white outline, like every label: reads over the fill
FILTERED_OUT_FILL = [*palette.NEUTRAL_FILL, 255]
NO_BORDER_FILL = [200, 200, 200, 255]
PROJECT_LINE = [40, 40, 40, 230]
INCIDENT_FILL = [213, 94, 0, 255]

def source_of(r: Mapping) -> str:
    """Report citation of a row with section and (possibly missing) footnote."""
    return cite(r.get("section"), r.get("footnote"))


def short_source(r: Mapping) -> str:
    """Chapter, page and footnote without the report's name, for long lists under a caption that names it."""
    sec = SECTIONS.get(r.get("section"))
    fn = r.get("footnote")
    text = f"“{sec.title}”, p. {sec.page}" if sec else str(r.get("section"))
    return text if fn is None or pd.isna(fn) else f"{text}, fn. {int(fn)}"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# ------------------------------------------------------------------------------------------------- names
def state_names(actors: pd.DataFrame) -> dict[str, str]:
    """ISO3 → display name, from the actors dataset."""
    states = actors[actors["kind"] == "state"].dropna(subset=["iso3"])
    return dict(zip(states["iso3"], states["name"], strict=True))


def border_lengths(countries: pd.DataFrame) -> dict[str, float]:
    """ISO3 → km of land border shared with Afghanistan (0 when none), from the countries layer."""
    return {r["iso3"]: float(r["afg_border_km"]) for r in countries.to_dict("records")}


def land_neighbours(countries: pd.DataFrame) -> list[str]:
    return sorted(countries.loc[countries["borders_afg"], "iso3"])


# ------------------------------------------------------------------------------------------------ stance
def stances(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per state: stance class, its label, the short phrase, the reasoning and its citation."""
    s = statements[statements["aspect"] == "stance"].set_index("state_iso3")
    out = pd.DataFrame(index=pd.Index(STATES, name="state_iso3"))
    out["stance"] = s["stance"]
    out["stance_label"] = out["stance"].map(STANCES)
    out["phrase"] = s["label"]
    out["statement"] = s["statement"]
    out["source"] = [source_of(s.loc[i]) if i in s.index else "" for i in out.index]
    out["short_source"] = [short_source(s.loc[i]) if i in s.index else "" for i in out.index]
    return out


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


# ----------------------------------------------------------------------------------------------- profile
def profile(statements: pd.DataFrame, iso3: str) -> dict[str, pd.DataFrame]:
    """aspect → the state's statements on it (with a `source` citation), in ASPECTS order; aspects in
    ALWAYS_SHOWN appear even when empty, so the page can say the report is silent."""
    mine = statements[statements["state_iso3"] == iso3]
    out = {}
    for aspect in ASPECTS:
        g = mine[mine["aspect"] == aspect]
        if g.empty and aspect not in ALWAYS_SHOWN:
            continue
        g = g.assign(source=[short_source(r) for r in g.to_dict("records")]) if not g.empty else g.assign(source=[])
        out[aspect] = g.reset_index(drop=True)
    return out


def memberships_of(memberships: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """A state's memberships ready to list: organisation names, readable status, an empty note where none."""
    m = memberships[memberships["state_iso3"] == iso3].copy()
    m["note"] = m["note"].fillna("")
    m["organisation"] = m["org_id"].map(ORGS)
    m["status_label"] = m["status"].map(lambda s: MEMBERSHIP[s][0])
    m["report_mention"] = [
        "" if r["report_section"] is None or pd.isna(r["report_section"])
        else cite(r["report_section"], r["report_footnote"])
        for r in m.to_dict("records")
    ]
    m["order"] = m["org_id"].map({k: i for i, k in enumerate(ORGS)})
    return m.sort_values("order").reset_index(drop=True)


def format_date(ts: pd.Timestamp, precision: str) -> str:
    if precision == "day":
        return f"{ts.day} {ts:%b %Y}"
    if precision == "month":
        return f"{ts:%b %Y}"
    if precision == "season":
        season = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
                  7: "summer", 8: "summer"}.get(ts.month, "autumn")
        return f"{season} {ts.year}"
    return str(ts.year)


def state_events(events: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Dated events in which the state is an actor, oldest first, with their citation."""
    actor = iso3.lower()
    hit = events["actor_ids"].fillna("").map(lambda v: actor in str(v).split("|"))
    ev = events[hit].sort_values(["date_start", "event_id"]).copy()
    ev["when"] = [format_date(r["date_start"], r["date_precision"]) for r in ev.to_dict("records")]
    ev["source"] = [short_source(r) for r in ev.to_dict("records")]
    return ev.reset_index(drop=True)


def state_projects(projects: pd.DataFrame, iso3: str) -> pd.DataFrame:
    hit = projects["states"].map(lambda v: iso3 in str(v).split("|"))
    p = projects[hit].copy()
    p["source"] = [short_source(r) for r in p.to_dict("records")]
    return p.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------- map
def border_incidents(border_events: pd.DataFrame, events: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """One row per border-related event, with the border it concerns, its date and citation."""
    wanted = set(border_events["event_id"])
    ev = {e["event_id"]: e for e in events[events["event_id"].isin(wanted)].to_dict(orient="records")}
    rows = []
    for r in border_events.to_dict(orient="records"):
        e = ev[r["event_id"]]
        rows.append({
            "border_iso3": r["border_iso3"],
            "border": f"Afghanistan–{names.get(r['border_iso3'], r['border_iso3'])}",
            "date": e["date_start"],
            "when": format_date(e["date_start"], e["date_precision"]),
            "relation": RELATIONS[r["relation"]],
            "title": e["title"],
            "event_id": r["event_id"],
            "source": source_of(r),
        })
    out = pd.DataFrame(rows, columns=["border_iso3", "border", "date", "when", "relation", "title", "event_id",
                                      "source"])
    return out.sort_values(["border_iso3", "date", "event_id"]).reset_index(drop=True)


def border_points(incidents: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """One point per border with incidents, at that border's midpoint, with the count and a text tooltip."""
    m = points[points["kind"] == "border_midpoint"]
    mid = {k: (float(x), float(y)) for k, x, y in zip(m["iso3"], m["lon"], m["lat"], strict=True)}
    by_border: dict[str, list[dict]] = {}
    for r in incidents.to_dict(orient="records"):
        by_border.setdefault(r["border_iso3"], []).append(r)
    rows = []
    for iso3, g in sorted(by_border.items()):
        lines = [f"{g[0]['border']} border: {len(g)} incident(s)", "(the point marks the border, not the place)"]
        lines += [f"{r['when']} · {r['relation']} · {r['title']} ({r['source']})" for r in g]
        rows.append({"iso3": iso3, "lon": mid[iso3][0], "lat": mid[iso3][1], "n": len(g), "radius": 4 + 2 * len(g),
                     "tooltip": "\n".join(lines)})
    return pd.DataFrame(rows, columns=["iso3", "lon", "lat", "n", "radius", "tooltip"])


def node_coordinates(points: pd.DataFrame, provinces: pd.DataFrame) -> dict[str, list[float]]:
    """Route node → [lon, lat]: country anchors by ISO3, Afghan provinces by their label point."""
    a = points[points["kind"] == "anchor"]
    nodes = {k: [float(x), float(y)] for k, x, y in zip(a["iso3"], a["lon"], a["lat"], strict=True)}
    nodes.update({k: [float(x), float(y)] for k, x, y in
                  zip(provinces["iso_3166_2"], provinces["label_lon"], provinces["label_lat"], strict=True)})
    return nodes


def project_paths(projects: pd.DataFrame, nodes: Mapping[str, list[float]], names: Mapping[str, str]) -> pd.DataFrame:
    """Schematic lines of the projects that have a route, with a label position and a text tooltip."""
    rows = []
    for p in projects.to_dict("records"):
        if p["route"] is None or pd.isna(p["route"]) or not p["route"]:
            continue
        path = [nodes[n] for n in str(p["route"]).split("|")]
        i = max(range(len(path) - 1),
                key=lambda k: (path[k + 1][0] - path[k][0]) ** 2 + (path[k + 1][1] - path[k][1]) ** 2)
        label_at = [(path[i][0] + path[i + 1][0]) / 2, (path[i][1] + path[i + 1][1]) / 2]
        connects = ", ".join(names.get(s, "Afghanistan" if s == "AFG" else s) for s in str(p["states"]).split("|"))
        tooltip = "\n".join([
            f"{p['name']} — schematic line, not the actual route",
            f"{PROJECT_KINDS[p['kind']]}; connects {connects}",
            f"Status: {p['status']}",
            f"Source: {source_of(p)}",
        ])
        rows.append({"project_id": p["project_id"], "name": p["name"], "short_name": p["short_name"], "path": path,
                     "label_lon": label_at[0],
                     "label_lat": label_at[1], "tooltip": tooltip})
    return pd.DataFrame(rows, columns=["project_id", "name", "short_name", "path", "label_lon", "label_lat",
                                       "tooltip"])


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return palette.hex_to_rgb(hex_colour, alpha)


def country_styles(attribute: str, names: Mapping[str, str], stance_table: pd.DataFrame,
                   memberships: pd.DataFrame, border_km: Mapping[str, float],
                   shown: Iterable[str]) -> tuple[dict[str, dict], pd.DataFrame]:
    """Fill colour and tooltip for each of the ten states under `attribute`, and the legend (label, colour,
    states). States not in `shown` (filtered out of the matrix) get the neutral fill."""
    shown = set(shown)
    styles: dict[str, dict] = {}
    legend_rows = []
    if attribute == "stance":
        for cls, label in STANCES.items():
            members = [s for s in STATES if stance_table.loc[s, "stance"] == cls and s in shown]
            legend_rows.append({"label": label, "colour": STANCE_COLOURS[cls], "states": members})
            for s in members:
                styles[s] = {"fill": _rgb(STANCE_COLOURS[cls]),
                             "value": f"stance: {label} ({stance_table.loc[s, 'phrase']})"}
    elif attribute in ORGS:
        status = memberships[memberships["org_id"] == attribute].set_index("state_iso3")["status"]
        for st, (label, colour) in MEMBERSHIP.items():
            members = [s for s in STATES if status.get(s) == st and s in shown]
            legend_rows.append({"label": label, "colour": colour, "states": members})
            for s in members:
                styles[s] = {"fill": _rgb(colour), "value": f"{ORGS[attribute]}: {label.lower()} (2022)"}
    elif attribute == "border_km":
        vmax = max([border_km.get(s, 0.0) for s in STATES] + [1.0])
        none = []
        for s in sorted(STATES, key=lambda x: -border_km.get(x, 0.0)):
            if s not in shown:
                continue
            km = border_km.get(s, 0.0)
            if not km:
                none.append(s)
                styles[s] = {"fill": NO_BORDER_FILL, "value": "no land border with Afghanistan"}
                continue
            fill = palette.sequential_rgb(km, vmax, alpha=210)
            styles[s] = {"fill": fill, "value": f"shared border {km:,.0f} km"}
            legend_rows.append({"label": f"{km:,.0f} km", "colour": "#{:02x}{:02x}{:02x}".format(*fill[:3]),
                                "states": [s]})
        legend_rows.append({"label": "No land border", "colour": "#{:02x}{:02x}{:02x}".format(*NO_BORDER_FILL[:3]),
                            "states": none})
    else:
        raise ValueError(f"unknown attribute {attribute!r}")
    for s in STATES:
        name = names.get(s, s)
        if s in styles:
            styles[s]["tooltip"] = f"{name} — {styles[s]['value']}"
        else:
            styles[s] = {"fill": FILTERED_OUT_FILL, "value": "", "tooltip": f"{name} (filtered out of the matrix)"}
    legend = pd.DataFrame(legend_rows, columns=["label", "colour", "states"])
    legend["n"] = legend["states"].map(len)
    legend["names"] = legend["states"].map(lambda ss: ", ".join(names.get(s, s) for s in ss))
    return styles, legend


def legend_lines(legend: pd.DataFrame) -> list[tuple[str, str]]:
    """(colour, text) for each class of the map's legend that holds a state, naming the states, so the colours
    can be read without relying on hue alone. Border lengths read "Pakistan: 2,246 km", classes "Hostile: …"."""
    rows = legend[legend["n"] > 0]
    return [(colour, f"{names}: {label}" if label.endswith(" km") else f"{label}: {names}")
            for label, colour, names in zip(rows["label"], rows["colour"], rows["names"], strict=True)]




def map_extras(incidents: bool = True, projects: bool = True) -> list[tuple[list[int], str, str]]:
    """The regional map's colours besides the attribute's classes: (rgba, text, swatch shape)."""
    extra = [(AFGHANISTAN_FILL, "Afghanistan", "square"),
             (FILTERED_OUT_FILL, "Other countries, or states the filters leave out", "square")]
    if incidents:
        extra.append((INCIDENT_FILL, "Border incidents (on the border concerned; bigger: more)", "circle"))
    if projects:
        extra.append((PROJECT_LINE, "Project line (schematic)", "square"))
    return extra


def legend_svg(legend: pd.DataFrame, title: str, extra: list | None = None) -> str:
    """The map's key as a small SVG image (afdash.maps.legend): the attribute's classes naming their states,
    then Afghanistan, other countries, incidents and project lines."""
    return map_key.map_legend(legend_lines(legend), title, map_extras() if extra is None else extra).svg()


def state_labels(points: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    a = points[(points["kind"] == "anchor") & points["iso3"].isin([*STATES, "AFG"])]
    return pd.DataFrame({"name": a["iso3"].map(lambda s: names.get(s, "Afghanistan" if s == "AFG" else s)),
                         "lon": a["lon"], "lat": a["lat"], "tooltip": a["iso3"].map(lambda s: names.get(s, s)),
                         "iso3": a["iso3"]})


MAP_BOX = (30.0, 5.0, 115.0, 58.0)  # lon/lat box the page's map can show at its zoom


def clip_layer(fc: dict, bbox: tuple[float, float, float, float] = MAP_BOX, decimals: int = 3) -> dict:
    """A new FeatureCollection clipped to `bbox` with coordinates rounded to `decimals` (3 ≈ 100 m), so the
    map sends the browser only what it can show. Features entirely outside the box are dropped."""
    clip = box(*bbox)
    out = []
    for f in fc["features"]:
        g = shape(f["geometry"])
        if not g.intersects(clip):
            continue
        g = geojson.polygonal(g.intersection(clip))
        if g.is_empty:
            continue
        out.append({"type": "Feature", "properties": dict(f["properties"]), "geometry": _rounded(g, decimals)})
    return {"type": "FeatureCollection", "features": out}


GAP = 0.1  # degrees between neighbouring states: about 1.2 px at the map's zoom, where the grey land shows
LAND_FILL = [110, 110, 110, 255]
LINE_WIDTH_PX = 2.5
DEG_PER_PX = 360 / (512 * 2 ** MAP_VIEW["zoom"])


def map_countries(fc: dict) -> dict:
    """The region for drawing: clipped to the map box, each state shrunk by half of GAP, plus one grey land
    polygon underneath (feature "land") that shows through the gaps as the borders. Everything on the map is a
    filled polygon: in a browser without a GPU each extra deck.gl layer type (lines, points, text) costs a
    shader compilation and a slower redraw, and a recolour redraws the map (afdash.security.event_map does the same)."""
    clipped = clip_layer(fc)
    shapes = [shapely.make_valid(shape(f["geometry"])) for f in clipped["features"]]  # rounding can leave slivers
    land = geojson.polygonal(shapely.union_all(shapes, grid_size=0.001))
    features = [{"type": "Feature", "properties": {"iso3": "land", "name": ""},
                 "geometry": _rounded(land, 3)}]
    for f, g in zip(clipped["features"], shapes, strict=True):
        inner = geojson.polygonal(g.buffer(-GAP / 2, join_style="mitre"))
        if not inner.is_empty:
            features.append({"type": "Feature", "properties": dict(f["properties"]),
                             "geometry": _rounded(inner, 3)})
    return {"type": "FeatureCollection", "features": features}


def _rounded(geom, decimals: int) -> dict:
    m = mapping(geom)
    return {"type": m["type"], "coordinates": geojson._round(m["coordinates"], decimals)}


def mark_features(incidents: pd.DataFrame, paths: pd.DataFrame) -> dict:
    """Project lines (as thin polygons) and border-incident dots (as circle polygons), each with its fill
    and text tooltip, drawn by one polygon layer over the states."""
    features = []
    for p in paths.to_dict("records"):
        line = LineString(p["path"]).buffer(LINE_WIDTH_PX * DEG_PER_PX / 2, cap_style="round", join_style="round")
        features.append({"type": "Feature", "properties": {"fill": PROJECT_LINE, "tooltip": p["tooltip"]},
                         "geometry": _rounded(line, 3)})
    for r in incidents.to_dict("records"):
        halo = maps.circle(r["lon"], r["lat"], r["radius"] + 1.5, MAP_VIEW["zoom"], 18)
        dot = maps.circle(r["lon"], r["lat"], r["radius"], MAP_VIEW["zoom"], 18)
        features.append({"type": "Feature", "properties": {"fill": [0, 0, 0, 255], "tooltip": r["tooltip"]},
                         "geometry": _rounded(halo, 4)})
        features.append({"type": "Feature", "properties": {"fill": INCIDENT_FILL, "tooltip": r["tooltip"]},
                         "geometry": _rounded(dot, 4)})
    return {"type": "FeatureCollection", "features": features}


def map_labels(labels: pd.DataFrame, paths: pd.DataFrame, countries_fc: dict,
               incidents: pd.DataFrame) -> list[dict]:
    """State names and the projects' short names, placed without collisions (regional.map_key), for one
    text layer."""
    return map_key.placed_labels(labels, paths, countries_fc, MAP_VIEW, incidents, AFGHANISTAN_TEXT)


def regional_map(countries_fc: dict, styles: Mapping[str, Mapping], incidents: pd.DataFrame,
                 paths: pd.DataFrame, labels: pd.DataFrame) -> pdk.Deck:
    """States filled by `styles` over the grey land (gaps are the borders), project lines and border-incident
    dots as polygons, state and project names in one text layer; offline, text tooltips. `countries_fc` is
    map_countries' output."""
    extra = {"land": {"fill": LAND_FILL, "tooltip": ""}}
    for f in countries_fc["features"]:
        iso3 = f["properties"]["iso3"]
        if iso3 in styles:
            extra[iso3] = {"fill": list(styles[iso3]["fill"]), "tooltip": styles[iso3]["tooltip"]}
        elif iso3 == "AFG":
            extra[iso3] = {"fill": AFGHANISTAN_FILL, "tooltip": "Afghanistan"}
        elif iso3 != "land":
            extra[iso3] = {"fill": [*palette.NEUTRAL_FILL, 255], "tooltip": f["properties"]["name"]}
    fc = maps.with_properties(countries_fc, extra, "iso3")
    land = {"type": "FeatureCollection", "features": fc["features"][:1]}
    states = {"type": "FeatureCollection", "features": fc["features"][1:]}
    layers = [
        maps.province_layer(land, layer_id="regional-land", fill="properties.fill", pickable=False),
        maps.province_layer(states, layer_id="regional-countries", fill="properties.fill"),
        maps.province_layer(mark_features(incidents, paths), layer_id="regional-marks", fill="properties.fill"),
    ]
    for layer in layers:
        layer.stroked = False
    layers.append(maplabels.text_layer(map_labels(labels, paths, countries_fc, incidents), "regional-labels"))
    return maps.deck(layers, view=MAP_VIEW, tooltip_text="{tooltip}")


def derived(tables: Mapping[str, pd.DataFrame]) -> dict:
    """What the page derives from the data alone (names, border lengths, matrix cells, stances, border
    incidents), next to the tables it reads: one dict a page can cache once per data folder."""
    statements, events = tables["regional_statements"], tables["events"]
    names = state_names(tables["actors"])
    return {
        "statements": statements, "memberships": tables["regional_memberships"],
        "projects": tables["regional_projects"], "events": events, "points": tables["regional_points"],
        "names": names, "km": border_lengths(tables["countries"]), "cells": matrix_cells(statements),
        "stances": stances(statements),
        "incidents": border_incidents(tables["regional_border_events"], events, names),
    }


def map_and_legend(base: Mapping, colour: str, kept: Iterable[str], countries_fc: dict,
                   provinces: pd.DataFrame) -> tuple[pdk.Deck, pd.DataFrame]:
    """The regional map coloured by one attribute, with only the kept states coloured, and its legend."""
    names, points = base["names"], base["points"]
    styles, legend = country_styles(colour, names, base["stances"], base["memberships"], base["km"], kept)
    paths = project_paths(base["projects"], node_coordinates(points, provinces), names)
    dots = border_points(base["incidents"], points)
    deck = regional_map(countries_fc, styles, dots, paths, state_labels(points, names))
    key = map_key.map_legend(legend_lines(legend), COLOUR_BY[colour], map_extras(len(dots) > 0, len(paths) > 0))
    return maps.with_legend(deck, key), legend


def profile_parts(base: Mapping, iso3: str) -> dict:
    """One state's profile as display-ready parts: name, three headline metrics, the sourced statements per
    aspect, projects and memberships as one Markdown body, and the dated events. Every data string is escaped
    (safe.md), so the page renders it as Markdown without running any of it."""
    names, km, cells = base["names"], base["km"], base["cells"]
    name = names[iso3]
    kms = km.get(iso3)
    discussed = int((cells[cells["state_iso3"] == iso3]["rank"] > 0).sum())
    metrics = [("Stance toward the Taliban", md(base["stances"].loc[iso3, "stance_label"])),
               ("Shared border with Afghanistan", f"{kms:,.0f} km" if kms else "none"),
               ("Matrix issues the report discusses", f"{discussed} of {len(ISSUES)}")]
    parts = []
    for aspect, rows in profile(base["statements"], iso3).items():
        if rows.empty:
            silent = "Not discussed in the report."
            if aspect == "border" and not kms:
                silent += " No land border with Afghanistan on Natural Earth 1:10m."
            lines = f"- {silent}"
        else:
            lines = "\n".join(f"- *{md(r['label'])}.* {md(r['statement'])} — {md(r['source'])}"
                              for r in rows.to_dict("records"))
        parts.append(f"**{ASPECTS[aspect]}**\n\n{lines}")
    mine = state_projects(base["projects"], iso3)
    parts.append("**Transit, energy and mining projects**\n\n" + (
        "\n".join(f"- {md(r['name'])}: {md(r['status'])} — {md(r['source'])}" for r in mine.to_dict("records"))
        if not mine.empty else "- None named in the report."))
    mem = memberships_of(base["memberships"], iso3)
    parts.append("**Memberships (public record, 2022)**\n\n" + "\n".join(
        f"- {md(r['organisation'])}: {md(r['status_label'].lower())}"
        + (f" ({md(r['note'])})" if r["note"] else "")
        + f" — source: {md_link(r['source_title'], r['source_url'])}"
        + (f"; mentioned in {md(r['report_mention'])}" if r["report_mention"] else "")
        for r in mem.to_dict("records")))
    ev = state_events(base["events"], iso3)
    return {"name": md(name), "metrics": metrics, "body": "\n\n".join(parts),
            "events_label": f"Dated events involving {md(name)} ({len(ev)})",
            "events": "\n".join(f"- {md(r['when'])}: {md(r['title'])} — {md(r['source'])}"
                                 for r in ev.to_dict("records")) if not ev.empty
            else "No dated events in the events dataset."}


def map_lists(incidents: pd.DataFrame, projects: pd.DataFrame) -> dict[str, str]:
    """The border incidents and projects the map draws, as Markdown lists with their sources (shown under the
    map, so what the map only marks can be read)."""
    return {
        "incidents": "\n".join(
            f"- **{md(r['border'])}** · {md(r['when'])} · {md(r['relation'])}: {md(r['title'])} — *{md(r['source'])}*"
            for r in incidents.to_dict("records")),
        "projects": "\n".join(
            f"- **{md(r['name'])}** ({md(PROJECT_KINDS[r['kind']])}; "
            f"{'on the map' if r['route'] else 'not drawn: no route'}): {md(r['description'])} "
            f"Status: {md(r['status'])}. — *{md(source_of(r))}*"
            for r in projects.to_dict("records")),
    }

