"""The two moments every record chart marks: the Taliban's capture of Kabul (15 August 2021) and the report's
writing (its latest cited item is dated 31 July 2022). Years are drawn as spans [year, year + 1), so a mark
falls inside the year it belongs to."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from afdash.core import palette


def year_fraction(d: date) -> float:
    start, end = date(d.year, 1, 1), date(d.year + 1, 1, 1)
    return d.year + (d - start).days / (end - start).days


TAKEOVER = date(2021, 8, 15)
REPORT_WRITTEN = date(2022, 7, 31)
MARKS: list[tuple[float, str]] = [
    (year_fraction(TAKEOVER), "Taliban take Kabul, 15 Aug 2021"),
    (year_fraction(REPORT_WRITTEN), "Report 80/2022 written (sources to Jul 2022)"),
]


def year_axis(lo: int, hi: int, field: str = "year:Q") -> alt.X:
    """A year axis over [lo, hi) with a tick per year at most, no rounding of the ends."""
    return alt.X(field, title=None, scale=alt.Scale(domain=[lo, hi], nice=False),
                 axis=alt.Axis(format="d", tickMinStep=1))


def marks_frame(lo: float, hi: float, marks: list[tuple[float, str]] = MARKS) -> pd.DataFrame:
    """The marks that fall inside the drawn years."""
    return pd.DataFrame([{"x": x, "label": text} for x, text in marks if lo <= x <= hi], columns=["x", "label"])


def markers(lo: float, hi: float, marks: list[tuple[float, str]] = MARKS, labels: bool = True) -> list[alt.Chart]:
    """Dashed rules on a quantitative year axis, each labelled at the top on its own line so labels of
    close marks do not overlap (without labels where the plot's top row holds data; the caption names them)."""
    data = marks_frame(lo, hi, marks)
    if data.empty:
        return []
    rule = alt.Chart(data).mark_rule(color=palette.OKABE_ITO[7], strokeDash=[3, 3]).encode(
        x="x:Q", tooltip=[alt.Tooltip("label:N", title="Marked")])
    texts = [
        alt.Chart(data.iloc[[i]]).mark_text(align="right", baseline="top", dx=-3, y=2 + 13 * i, fontSize=10,
                                            color=palette.OKABE_ITO[7]).encode(x="x:Q", text="label:N")
        for i in range(len(data))
    ]
    return [rule, *texts] if labels else [rule]
