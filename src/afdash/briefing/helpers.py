"""Small helpers shared by the area views: key figures in the report's words, and event filters."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from afdash.briefing.slides import Citation
from afdash.core.figures import QUALIFIER_WORDS, format_figure

SECURITY_CATEGORIES = ("attack", "strike", "clash", "border_incident", "crackdown", "unrest", "military")
TAKEOVER = pd.Timestamp("2021-07-01")  # the window "since the takeover" starts with the summer of 2021
PERIODS = ("since_2021", "all")
PERIOD_LABELS = {"since_2021": "July 2021 onwards", "all": "All dates in the report"}


def figure(kf: pd.DataFrame, figure_id: str) -> dict:
    """One key_figures row with its wording ('about 4,000') and citation."""
    rows = kf[kf["figure_id"] == figure_id]
    if rows.empty:
        raise KeyError(f"key_figures has no figure {figure_id!r}")
    r = rows.iloc[0]
    footnote = None if pd.isna(r["footnote"]) else int(r["footnote"])
    text = format_figure(r["value"], r["low"], r["high"], r["unit"], r["qualifier"])
    if r["unit"] == "persons" and not pd.isna(r["value"]) and r["value"] >= 1e6:  # "nearly 20 million"
        text = f"{QUALIFIER_WORDS.get(r['qualifier'], '')}{r['value'] / 1e6:g} million"
    return {
        "id": figure_id,
        "label": r["label"],
        "text": text,
        "value": None if pd.isna(r["value"]) else float(r["value"]),
        "low": None if pd.isna(r["low"]) else float(r["low"]),
        "high": None if pd.isna(r["high"]) else float(r["high"]),
        "as_of": r["as_of"] if isinstance(r["as_of"], str) else "",
        "citation": Citation(r["section"], footnote),
    }


def actors_of(events: pd.DataFrame) -> pd.Series:
    """The actor_ids of each event as a set."""
    return events["actor_ids"].fillna("").map(lambda s: set(s.split("|")) - {""})


def involving(events: pd.DataFrame, actor_ids: Iterable[str]) -> pd.DataFrame:
    wanted = set(actor_ids)
    return events[actors_of(events).map(lambda s: bool(s & wanted))]


def in_period(events: pd.DataFrame, period: str) -> pd.DataFrame:
    return events if period == "all" else events[events["date_start"] >= TAKEOVER]
