"""Numbers as a reader says them ("about 4,000 persons", "US$9.5 billion") and the extra forms the index
holds so that a number is found however it is typed ("4,000" and "4000")."""

from __future__ import annotations

import math
import re

QUALIFIERS = {
    "exact": "", "about": "about ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to ",
    "below": "below ", "nearly": "nearly ", "range": "",
}
UNITS = {"persons": "persons", "groups": "groups", "count": "", "tonnes": "tonnes", "magnitude": "magnitude",
         "homes": "homes", "positions": "positions", "percent": "%", "fraction": ""}
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _num(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def plain(v: float) -> str:
    """4000 → '4,000'; 9.5 → '9.5'; 0.25 → '0.25'."""
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def usd(v: object) -> str:
    f = _num(v)
    if f is None:
        return ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(f) >= size:
            return f"US${plain(round(f / size, 2))} {word}"
    return f"US${plain(f)}"


def amount(v: float, unit: str) -> str:
    if unit == "USD":
        return usd(v)
    if unit == "percent":
        return f"{plain(v)}%"
    if unit == "fraction":
        return f"{plain(v * 100)}%"
    if unit == "magnitude":
        return f"magnitude {plain(v)}"
    word = UNITS.get(unit, unit)
    if v == 1 and word.endswith("s"):
        word = word[:-1]
    return f"{plain(v)} {word}".strip()


def figure(row: dict) -> str:
    """The figure with the report's qualifier: 'about 4,000 persons', '5,000–6,000 persons', ''."""
    unit = str(row.get("unit") or "")
    if not unit or unit == "nan":
        return ""
    value, low, high = (_num(row.get(k)) for k in ("value", "low", "high"))
    qualifier = QUALIFIERS.get(str(row.get("qualifier") or ""), "")
    if value is not None:
        return qualifier + amount(value, unit)
    if low is not None and high is not None:
        if unit == "USD":
            return f"{usd(low)}–{usd(high)}"
        return f"{qualifier}{plain(low)}–{amount(high, unit)}"
    return ""


def number_forms(text: str) -> str:
    """The numbers in `text` without thousands separators ('4,000' → '4000'), space-separated, for the
    index's numbers column; decimals are already found as printed ('9.5' is the phrase '9 5')."""
    out = []
    for m in NUMBER.finditer(text):
        s = m.group(0)
        if "," in s:
            out.append(s.replace(",", ""))
    return " ".join(dict.fromkeys(out))
