"""The ten regional states and the vocabulary the regional views share (issues, levels, stances, aspects),
state names, border lengths and each state's stance toward the Taliban as the report gives it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from afdash.core.report import SECTIONS, cite

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
