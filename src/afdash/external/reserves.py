"""The Afghan central bank's reserves frozen by the United States, as the report gives them.

The report prints three numbers: USD 9.5 billion frozen on 18 Aug 2021, USD 7 billion released by the
executive order of 11 Feb 2022, and that the release was split in halves (humanitarian needs / 9/11
claimants). Everything else on the chart is arithmetic on those printed rows and is labelled as such:
the two USD 3.5 billion halves and the USD 2.5 billion the order did not cover. Nothing here is typed by
hand: the build derives the table from key_figures, and a dataset check re-derives it.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from afdash.core.palette import OKABE_ITO
from afdash.core.safe import md, md_table
from afdash.schema.fields import CellError, line_of

FROZEN = "us_frozen_afghan_assets"
RELEASED = "us_unfrozen_afghan_assets"
HUMANITARIAN_SHARE = "us_unfrozen_assets_humanitarian_share"
CLAIMS_SHARE = "us_unfrozen_assets_9_11_share"
INPUTS = {FROZEN: "USD", RELEASED: "USD", HUMANITARIAN_SHARE: "fraction", CLAIMS_SHARE: "fraction"}

PRINTED, DERIVED = "printed", "derived"
DERIVED_LABEL = "derived from the report's figures"

BAR_FROZEN = "Frozen (18 Aug 2021)"
BAR_ORDER = "Executive order (11 Feb 2022)"
BAR_USE = "Use of the released funds"
BARS = [BAR_FROZEN, BAR_ORDER, BAR_USE]

COLUMNS = ["stage_id", "label", "bar", "bar_order", "segment_order", "value_usd", "provenance", "formula",
           "figure_ids", "date", "section", "footnote"]


class AssetFigureError(ValueError):
    """A figure the chart is derived from is missing or not in the expected unit."""


def printed(figures: pd.DataFrame, figure_id: str) -> tuple[float, pd.Series]:
    """The printed value of one key figure, with its row; refuses missing values and wrong units."""
    rows = figures[figures["figure_id"] == figure_id]
    if rows.empty:
        raise AssetFigureError(f"key_figures has no row {figure_id!r}")
    r = rows.iloc[0]
    if r["unit"] != INPUTS[figure_id]:
        raise AssetFigureError(f"{figure_id}: unit is {r['unit']!r}, expected {INPUTS[figure_id]!r}")
    value = r["value"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise AssetFigureError(f"{figure_id}: no point value")
    return float(value), r


def stages(figures: pd.DataFrame) -> pd.DataFrame:
    """Five segments in three bars: frozen → released + not released → humanitarian + 9/11 claims."""
    frozen, f_row = printed(figures, FROZEN)
    released, r_row = printed(figures, RELEASED)
    hum_share, _ = printed(figures, HUMANITARIAN_SHARE)
    claims_share, _ = printed(figures, CLAIMS_SHARE)
    fdate, rdate = f_row["period_start"], r_row["period_start"]
    sec = f_row["section"]
    rows = [
        ("frozen", "Frozen by the U.S.", BAR_FROZEN, 1, 1, frozen, PRINTED, "", FROZEN, fdate),
        ("released", "Released by the executive order", BAR_ORDER, 2, 1, released, PRINTED, "", RELEASED, rdate),
        ("not_released", "Not covered by the order (the report does not say what became of it)", BAR_ORDER, 2, 2,
         frozen - released, DERIVED, f"{FROZEN} − {RELEASED}", f"{FROZEN}|{RELEASED}", rdate),
        ("humanitarian", "Half for Afghanistan's humanitarian needs", BAR_USE, 3, 1, released * hum_share,
         DERIVED, f"{RELEASED} × {HUMANITARIAN_SHARE}", f"{RELEASED}|{HUMANITARIAN_SHARE}", rdate),
        ("claims_9_11", "Half to compensate victims of the 9/11 attacks", BAR_USE, 3, 2, released * claims_share,
         DERIVED, f"{RELEASED} × {CLAIMS_SHARE}", f"{RELEASED}|{CLAIMS_SHARE}", rdate),
    ]
    out = pd.DataFrame(
        [(*r, sec, None) for r in rows],
        columns=COLUMNS,
    )
    out["footnote"] = pd.array([None] * len(out), dtype="Int64")
    return out


def balance_errors(table: pd.DataFrame, tol: float = 1e-6) -> list[str]:
    """The bars must add up: released + not released = frozen; the two halves = released; nothing negative."""
    v = table.set_index("stage_id")["value_usd"].to_dict()
    problems = []
    if v["released"] > v["frozen"] + tol:
        problems.append("released exceeds frozen")
    if abs(v["released"] + v["not_released"] - v["frozen"]) > tol:
        problems.append("released + not released differs from frozen")
    if abs(v["humanitarian"] + v["claims_9_11"] - v["released"]) > tol:
        problems.append("humanitarian + 9/11 halves differ from the released amount")
    if any(x < 0 for x in v.values()):
        problems.append("a negative amount")
    return problems


def check(tables: dict) -> list[CellError]:
    """Dataset check: the built table equals the arithmetic on the printed rows, and its bars balance."""
    file = "afghan_assets (derived from key_figures.csv)"
    try:
        expected = stages(tables["key_figures"]).set_index("stage_id")
    except AssetFigureError as exc:
        return [CellError("key_figures.csv", 0, "figure_id", "", str(exc))]
    got = tables["afghan_assets"]
    errors = []
    for i, r in got.iterrows():
        if r["stage_id"] not in expected.index:
            errors.append(CellError(file, line_of(i), "stage_id", str(r["stage_id"]), "unknown stage"))
            continue
        e = expected.loc[r["stage_id"]]
        if abs(r["value_usd"] - e["value_usd"]) > 1e-6 or r["provenance"] != e["provenance"]:
            errors.append(CellError(file, line_of(i), "value_usd", str(r["value_usd"]),
                                    f"does not equal {e['formula'] or 'the printed figure'}"))
    errors += [CellError(file, 0, "value_usd", "", p) for p in balance_errors(got)]
    return errors


def chart_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Rows for the stacked-bar chart: billions, a text label, and the printed/derived marker."""
    out = table[["stage_id", "label", "bar", "bar_order", "segment_order", "value_usd", "provenance",
                 "formula"]].copy()
    out["usd_bn"] = out["value_usd"] / 1e9
    out["provenance_label"] = out["provenance"].map(
        {PRINTED: "printed in the report", DERIVED: DERIVED_LABEL})
    out["text"] = out.apply(
        lambda r: f"{SHORT[r['stage_id']]}\nUSD {r['usd_bn']:g} bn"
        + (" (derived)" if r["provenance"] == DERIVED else ""), axis=1)
    out = out.sort_values(["bar_order", "segment_order"]).reset_index(drop=True)
    out["y0"] = out.groupby("bar")["usd_bn"].cumsum() - out["usd_bn"]
    out["y1"] = out["y0"] + out["usd_bn"]
    out["y_mid"] = (out["y0"] + out["y1"]) / 2
    return out


SHORT = {"frozen": "Frozen", "released": "Released", "not_released": "Not covered by the order",
         "humanitarian": "Humanitarian half", "claims_9_11": "9/11-claims half"}
SEGMENT_COLOURS = {"frozen": OKABE_ITO[4], "released": OKABE_ITO[1], "not_released": "#BBBBBB",
                   "humanitarian": OKABE_ITO[2], "claims_9_11": OKABE_ITO[0]}


def chart(table: pd.DataFrame) -> alt.LayerChart:
    """Stacked bars, frozen → order → use of the released funds. Printed amounts are solid with a plain
    outline; derived amounts are pale with a dashed outline and say “(derived)” in their label."""
    data = chart_frame(table)
    labels = data["label"].tolist()
    base = alt.Chart(data)
    x = alt.X("bar:N", title=None, sort=BARS, axis=alt.Axis(labelAngle=0, labelLimit=220))
    bars = base.mark_bar(stroke="#222222", strokeWidth=1.5, size=190).encode(
        x=x,
        y=alt.Y("y0:Q", title="USD billion", scale=alt.Scale(domain=[0, 10])),
        y2="y1:Q",
        color=alt.Color("label:N", title="Amount", sort=labels, scale=alt.Scale(
            domain=labels, range=[SEGMENT_COLOURS[s] for s in data["stage_id"]]), legend=None),
        fillOpacity=alt.FillOpacity("provenance_label:N", title="Figure", scale=alt.Scale(
            domain=["printed in the report", DERIVED_LABEL], range=[0.95, 0.35]),
            legend=alt.Legend(symbolFillColor="#56B4E9", symbolStrokeColor="#222222", labelLimit=320)),
        strokeDash=alt.StrokeDash("provenance_label:N", title="Figure", scale=alt.Scale(
            domain=["printed in the report", DERIVED_LABEL], range=[[1, 0], [6, 3]]),
            legend=alt.Legend(symbolFillColor="#56B4E9", symbolStrokeColor="#222222", labelLimit=320)),
        tooltip=[alt.Tooltip("label:N", title="Amount"), alt.Tooltip("text:N", title="USD"),
                 alt.Tooltip("provenance_label:N", title="Figure"), alt.Tooltip("formula:N", title="Arithmetic")],
    )
    text = base.mark_text(fontWeight="bold", color="#111111", lineBreak="\n").encode(
        x=x, y="y_mid:Q", text="text:N")
    return alt.layer(bars, text).properties(height=340)


def amounts_text(table: pd.DataFrame) -> tuple[str, str]:
    """The chart's amounts as a Markdown table, and how each derived amount is computed, for the text under the
    chart."""
    amounts = md_table(pd.DataFrame({
        "amount": table["label"],
        "USD billion": [f"{v / 1e9:g}" for v in table["value_usd"]],
        "in the report": ["printed" if p == PRINTED else DERIVED_LABEL for p in table["provenance"]],
        "how derived": table["formula"].fillna(""),
    }))
    derived = table[table["provenance"] == DERIVED]
    return amounts, "; ".join(f"{md(r['label'].split(' (')[0])} = {md(r['formula'])} = USD {r['value_usd'] / 1e9:g} "
                              "billion" for r in derived.to_dict("records"))

