"""Report vs record: each claim of the report beside its counterpart in the independent record, in separate
columns, with how the two measures differ. Nothing is merged and no verdict is computed."""

from __future__ import annotations

import pandas as pd

from afdash.core.report import cite
from afdash.record.datasets import KEYS, REPORT_DATASETS

RECORD_SOURCES = {
    "record_conflict_deaths": "UCDP GED 25.1 via Our World in Data (2025: UCDP candidate events, preliminary)",
    "record_conflicts": "UCDP/PRIO Armed Conflict Dataset 25.1",
    "record_battle_deaths": "UCDP Battle-Related Deaths 24.1 (dyadic)",
    "record_refugees": "UNHCR Refugee Population Statistics (Global Trends 2025 release)",
    "record_indicators": "World Bank, World Development Indicators",
}
BEARING_LABELS = {
    "different_measure": "Counterpart measures something else",
    "different_period": "Counterpart covers another period",
    "no_counterpart": "No counterpart: the record can neither confirm nor contradict",
}
QUALIFIERS = {"exact": "", "about": "about ", "more_than": "more than ", "at_least": "at least ", "up_to": "up to ",
              "below": "below ", "nearly": "nearly ", "range": ""}
COLUMNS = ["Topic", "The report says", "Report figure", "Report source", "The record says", "Record figure",
           "Record source", "How they differ", "Bearing"]


def _num(v: float, unit: str) -> str:
    if unit == "USD":
        return f"USD {v / 1e9:,.1f} billion" if v >= 1e9 else f"USD {v:,.0f}"
    if unit == "fraction":
        return f"{v * 100:.0f}%"
    if unit == "percent":
        return f"{v:g}%"
    return f"{v:,.0f} {unit}" if unit not in ("persons", "count") else f"{v:,.0f}"


def report_figure(dataset: str, row: pd.Series) -> str:
    """The report's number as afdash holds it, or '—' for claims without one (events, statements)."""
    if dataset == "civilian_casualties":
        return f"{int(row['value']):,} ({row['measure']}, {row['period_label']})"
    if dataset == "key_figures":
        q = QUALIFIERS.get(row["qualifier"], "")
        if pd.notna(row["value"]):
            return q + _num(row["value"], row["unit"])
        return f"{q}{_num(row['low'], row['unit'])} to {_num(row['high'], row['unit'])}"
    return "—"


def record_row(tables: dict[str, pd.DataFrame], dataset: str, key: str) -> pd.Series:
    t = tables[dataset]
    match = pd.Series(True, index=t.index)
    for col, v in zip(KEYS[dataset], key.split("|"), strict=True):
        match &= t[col].astype(str) == v
    return t[match].iloc[0]


def record_says(dataset: str, row: pd.Series, measure: str) -> tuple[str, str]:
    """(what the counterpart is, its value) in words."""
    v = row[measure]
    if dataset == "record_conflict_deaths":
        status = ", preliminary" if row["status"] == "preliminary" else ""
        return f"Deaths in organised violence, {row['country']}, {row['year']}{status}", f"{int(v):,}"
    if dataset == "record_conflicts":
        return (f"{row['side_a']} vs {row['side_b']}, {row['year']} ({row['type_of_conflict'].replace('_', ' ')})",
                f"intensity: {v}")
    if dataset == "record_battle_deaths":
        return (f"Battle-related deaths, {row['side_a']} vs {row['side_b']}, {row['year']}",
                f"{int(v):,} (low {int(row['bd_low']):,}, high {int(row['bd_high']):,})")
    if dataset == "record_refugees":
        return (f"{measure.replace('_', ' ').capitalize()} from {row['origin_name']} in {row['host_name']}, end "
                f"{row['year']}", f"{int(v):,}")
    if dataset == "record_indicators":
        return f"{row['series_name']}, {row['iso3']}, {row['year']}", f"{v:,.1f} ({row['unit']})"
    raise ValueError(f"unknown record dataset {dataset!r}")


def table(comparison: pd.DataFrame, tables: dict[str, pd.DataFrame], topics: list[str] | None = None) -> pd.DataFrame:
    """One row per comparison, report and record in their own columns. `tables` holds the report datasets
    (key_figures, civilian_casualties, events, regional_statements) and the record datasets by name."""
    rows = []
    for _, c in comparison.iterrows():
        if topics is not None and c["topic"] not in topics:
            continue
        rep = tables[c["report_dataset"]].set_index(REPORT_DATASETS[c["report_dataset"]]).loc[c["report_ref"]]
        if c["bearing"] == "no_counterpart":
            says, figure, source = "No counterpart in the record", "—", "—"
        else:
            rec = record_row(tables, c["record_dataset"], c["record_key"])
            says, figure = record_says(c["record_dataset"], rec, c["record_measure"])
            source = f"{RECORD_SOURCES[c['record_dataset']]}, CC BY 4.0"
        rows.append({
            "Topic": c["topic"].replace("_", " "),
            "The report says": c["claim"],
            "Report figure": report_figure(c["report_dataset"], rep),
            "Report source": cite(c["section"], c["footnote"]),
            "The record says": says,
            "Record figure": figure,
            "Record source": source,
            "How they differ": c["how_they_differ"],
            "Bearing": BEARING_LABELS[c["bearing"]],
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def needed() -> list[str]:
    """Datasets table() reads, for loading them once."""
    return ["record_comparison", *REPORT_DATASETS, *KEYS]
