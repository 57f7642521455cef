"""Turning key_figures rows into the words a briefer would say: "about 4,000", "USD 9.5 billion",
"8,000–10,000". The report's qualifier always travels with the number."""

from __future__ import annotations

import math

import pandas as pd

from afdash.core.report import cite

QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "up_to": "up to ",
    "below": "below ",
    "nearly": "nearly ",
    "range": "",
}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number(x: float, unit: str) -> str:
    if unit == "USD":
        for size, word in _SCALES:
            if abs(x) >= size:
                v = x / size
                return f"{v:,.1f}".rstrip("0").rstrip(".") + f" {word}"
    if unit == "fraction":
        return "half" if x == 0.5 else f"{x:.0%}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}"


UNIT_WORDS = {"percent": "%", "magnitude": "", "persons": "", "count": "", "fraction": "", "USD": ""}


def format_figure(value: float | None, low: float | None, high: float | None, unit: str, qualifier: str) -> str:
    """Human wording of a figure with its qualifier and unit, e.g. 'about 8,000–10,000'."""
    def ok(v: float | None) -> bool:
        return v is not None and not (isinstance(v, float) and math.isnan(v))

    if ok(low) and ok(high):
        body = f"{number(low, unit)}–{number(high, unit)}"
        if unit == "USD":  # "1–3 trillion" reads better than "1 trillion–3 trillion"
            lo, hi = number(low, unit).split(" "), number(high, unit).split(" ")
            if len(lo) == 2 and len(hi) == 2 and lo[1] == hi[1]:
                body = f"{lo[0]}–{hi[0]} {hi[1]}"
    elif ok(value):
        body = number(value, unit)
    else:
        return "—"
    prefix = "USD " if unit == "USD" else ""
    suffix = UNIT_WORDS.get(unit, f" {unit}")
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{prefix}{body}{suffix}"


def headline(figures: pd.DataFrame, figure_id: str) -> dict:
    """Label, formatted figure and citation for one row of key_figures."""
    rows = figures[figures["figure_id"] == figure_id]
    if rows.empty:
        raise KeyError(f"key_figures has no figure {figure_id!r}")
    r = rows.iloc[0]
    return {
        "label": r["label"],
        "text": format_figure(r["value"], r["low"], r["high"], r["unit"], r["qualifier"]),
        "source": cite(r["section"], r["footnote"]),
        "as_of": None if pd.isna(r["as_of"]) else r["as_of"],  # never the word "nan" on screen
    }
