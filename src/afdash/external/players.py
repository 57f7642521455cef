"""The other outside players (interests, instruments, ties, fit with Russia and China) and the report's
qualitative shift in influence — directions only, never a score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from afdash.core.palette import OKABE_ITO
from afdash.core.report import cite
from afdash.core.safe import md
from afdash.external.vocabulary import ASPECTS, DIRECTION_ARROWS, DIRECTION_WORDS, FIT_CLASSES, INFLUENCE_ORDER, PLAYERS


# ------------------------------------------------------------------------------------------- players
def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(actors["actor_id"], actors["name"], strict=True))


def player_label(actor_id: str, names: Mapping[str, str]) -> str:
    short = {"quad": "QUAD", "aukus": "AUKUS", "i2u2": "I2U2 (“Middle East Four”)",
             "ots": "Organization of Turkic States", "nato": "NATO", "are": "UAE", "usa": "United States"}
    return short.get(actor_id, names.get(actor_id, actor_id))


def fit_of(players: pd.DataFrame, actor_id: str) -> str:
    rows = players[(players["actor_id"] == actor_id) & (players["aspect"] == "fit_with_russia_china")]
    return rows["fit_class"].iloc[0] if len(rows) else "not_assessed"


def influence_of(shift: pd.DataFrame, actor_id: str) -> str:
    """'↑ rose (markedly)', '↓ declined' or 'not stated'."""
    rows = shift[shift["actor_id"] == actor_id]
    if rows.empty:
        return "not stated"
    d = rows["direction"].iloc[0]
    marked = " (markedly)" if (rows["emphasis"] == "singled_out").any() else ""
    return f"{DIRECTION_ARROWS[d]} {DIRECTION_WORDS[d]}{marked}"


def players_overview(players: pd.DataFrame, shift: pd.DataFrame, names: Mapping[str, str],
                     ids: Sequence[str] = PLAYERS) -> pd.DataFrame:
    rows = []
    for a in ids:
        mine = players[players["actor_id"] == a]
        rows.append({
            "player": player_label(a, names),
            "kind": mine["kind"].iloc[0] if len(mine) else "",
            "fit with Russia/China": FIT_CLASSES[fit_of(players, a)],
            "influence after withdrawal": influence_of(shift, a),
            "points in the report": len(mine),
        })
    return pd.DataFrame(rows)


def player_rows(players: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """All rows of one player, in aspect order, each with its citation."""
    order = {a: i for i, a in enumerate(ASPECTS)}
    mine = players[players["actor_id"] == actor_id].copy()
    mine["aspect_order"] = mine["aspect"].map(order)
    mine["source"] = [cite(s, f) for s, f in zip(mine["section"], mine["footnote"], strict=True)]
    mine = mine.sort_values(["aspect_order", "row_id"], kind="stable").drop(columns="aspect_order")
    return mine.reset_index(drop=True)


def player_profile(rows: pd.DataFrame) -> dict[str, list[dict]]:
    """aspect → list of {text, source, fit_class}; an aspect the report says nothing about maps to []."""
    out: dict[str, list[dict]] = {a: [] for a in ASPECTS}
    for r in rows.to_dict("records"):
        out[r["aspect"]].append({"text": r["text"], "source": r["source"], "fit_class": r["fit_class"]})
    return out


# ----------------------------------------------------------------------------------------- influence
def influence_table(shift: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """One row per statement, U.S. first, then the risers in the report's order."""
    order = {a: i for i, a in enumerate(INFLUENCE_ORDER)}
    out = shift.copy()
    out["player"] = out["actor_id"].map(lambda a: player_label(a, names))
    out["direction_text"] = out["direction"].map(lambda d: f"{DIRECTION_ARROWS[d]} {d}")
    out["source"] = [cite(s, f) for s, f in zip(out["section"], out["footnote"], strict=True)]
    out["_o"] = out["actor_id"].map(lambda a: order.get(a, 99))
    out = out.sort_values(["_o", "section"], kind="stable").drop(columns="_o")
    return out[["player", "direction_text", "emphasis", "basis", "source", "actor_id", "direction", "section",
                "footnote"]].reset_index(drop=True)


def influence_chart(shift: pd.DataFrame, names: Mapping[str, str]) -> alt.LayerChart:
    """Arrows in two columns, 'declined' and 'rose'. No quantitative axis: the report measures nothing."""
    per = []
    for a, g in shift.groupby("actor_id", sort=False):
        d = g["direction"].iloc[0]
        marked = (g["emphasis"] == "singled_out").any()
        per.append({"player": player_label(a, names), "direction": d,
                    "label": "markedly" if marked else "",
                    "order": INFLUENCE_ORDER.index(a) if a in INFLUENCE_ORDER else 99})
    data = pd.DataFrame(per).sort_values("order")
    players = data["player"].tolist()
    x = alt.X("direction:N", title=None, sort=["declined", "rose"], scale=alt.Scale(domain=["declined", "rose"]),
              axis=alt.Axis(labelAngle=0, orient="top",
                            labelExpr="datum.value == 'declined' ? '↓ declined' : '↑ rose'"))
    y = alt.Y("player:N", title=None, sort=players)
    base = alt.Chart(data)
    arrows = base.mark_point(size=420, filled=True).encode(
        x=x, y=y,
        shape=alt.Shape("direction:N", legend=None, scale=alt.Scale(
            domain=["declined", "rose"], range=["triangle-down", "triangle-up"])),
        color=alt.Color("direction:N", legend=None, scale=alt.Scale(
            domain=["declined", "rose"], range=[OKABE_ITO[5], OKABE_ITO[2]])),
        tooltip=[alt.Tooltip("player:N"), alt.Tooltip("direction:N"), alt.Tooltip("label:N", title="Emphasis")])
    words = base.mark_text(align="left", dx=16, fontStyle="italic").encode(x=x, y=y, text="label:N")
    return alt.layer(arrows, words).properties(height=40 * len(players) + 30)




def influence_text(table: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """influence_table for reading: per player its direction as a heading, then each statement with its source."""
    return [(f"**{md(player)}** {md(g['direction_text'].iloc[0])}",
             [f"{md(r['basis'])} — {md(r['source'])}" for r in g.to_dict("records")])
            for player, g in table.groupby("player", sort=False)]
