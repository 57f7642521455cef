"""Build checks of the external-powers datasets: every reference resolves, every row names its source."""

from __future__ import annotations

import pandas as pd

from afdash.external.vocabulary import US_ACTORS, _has, _ids
from afdash.schema.checks import sourced_rows_check
from afdash.schema.fields import CellError, line_of


# -------------------------------------------------------------------------------------------- checks
def _unknown(file: str, frame: pd.DataFrame, column: str, valid: set, what: str) -> list[CellError]:
    errors = []
    for i, cell in frame[column].items():
        for x in _ids(cell):
            if x not in valid:
                errors.append(CellError(file, line_of(i), column, x, f"unknown {what}"))
    return errors


def check_us_instruments(tables: dict) -> list[CellError]:
    """Every id points at a real row; every event involves the U.S. (multilateral rows excepted); a figure's
    date agrees with its event's date."""
    file = "us_instruments.csv"
    ins, events, figures = tables["us_instruments"], tables["events"], tables["key_figures"]
    errors = _unknown(file, ins, "event_id", set(events["event_id"]), "event (not in events.csv)")
    errors += _unknown(file, ins, "figure_ids", set(figures["figure_id"]), "figure (not in key_figures.csv)")
    if errors:
        return errors
    ev = events.set_index("event_id")
    fig = figures.set_index("figure_id")
    for i, r in ins.iterrows():
        e = ev.loc[r["event_id"]]
        if r["instrument"] != "multilateral" and not set(_ids(e["actor_ids"])) & US_ACTORS:
            errors.append(CellError(file, line_of(i), "event_id", r["event_id"], "event does not involve the U.S."))
        for fid in _ids(r["figure_ids"]):
            start = fig.loc[fid, "period_start"]
            if pd.notna(start) and start != e["date_start"]:
                errors.append(CellError(file, line_of(i), "figure_ids", fid,
                                        f"figure dated {start.date()} but its event is dated {e['date_start'].date()}"))
    return errors


GROUPING_KINDS = {"multilateral_format", "international_organization"}


def check_external_players(tables: dict) -> list[CellError]:
    """Exactly one fit row per player, with a class; no class on other rows; kinds agree with actors.csv;
    event ids exist."""
    file = "external_players.csv"
    p, actors = tables["external_players"], tables["actors"].set_index("actor_id")
    errors = _unknown(file, p, "event_ids", set(tables["events"]["event_id"]), "event (not in events.csv)")
    for i, r in p.iterrows():
        is_fit = r["aspect"] == "fit_with_russia_china"
        if is_fit and not _has(r["fit_class"]):
            errors.append(CellError(file, line_of(i), "fit_class", "", "fit rows need a class (or not_assessed)"))
        if not is_fit and _has(r["fit_class"]):
            errors.append(CellError(file, line_of(i), "fit_class", r["fit_class"], "only fit rows carry a class"))
        if r["actor_id"] in actors.index:
            kind = actors.loc[r["actor_id"], "kind"]
            ok = kind == "state" if r["kind"] == "state" else kind in GROUPING_KINDS
            if not ok:
                errors.append(CellError(file, line_of(i), "kind", r["kind"], f"actors.csv says {kind}"))
    fits = p[p["aspect"] == "fit_with_russia_china"].groupby("actor_id").size()
    for a in sorted(set(p["actor_id"])):
        if fits.get(a, 0) != 1:
            errors.append(CellError(file, 0, "aspect", a, f"{fits.get(a, 0)} fit rows; expected exactly one"))
    return errors


def check_influence_shift(tables: dict) -> list[CellError]:
    """One direction per player across the report's statements; the U.S. declined, nobody else did."""
    file = "influence_shift.csv"
    s = tables["influence_shift"]
    errors = []
    for a, g in s.groupby("actor_id"):
        if g["direction"].nunique() != 1:
            errors.append(CellError(file, line_of(g.index[0]), "direction", a, "contradictory directions"))
    return errors


def check_power_geography(tables: dict) -> list[CellError]:
    """Public-record facts carry a URL; provinces only for Afghan rows; each power has itself or members."""
    file = "power_geography.csv"
    g = tables["power_geography"]
    errors = _unknown(file, g, "event_id", set(tables["events"]["event_id"]), "event (not in events.csv)")
    public = (g["basis"] == "public_record") | g["public_record_note"].map(_has)
    errors += sourced_rows_check(file, g, "source_url", public, "public-record facts need a source URL")
    for i, r in g.iterrows():
        if r["basis"] == "report" and _has(r["source_url"]) and not _has(r["public_record_note"]):
            errors.append(CellError(file, line_of(i), "source_url", r["source_url"],
                                    "a URL on a report row must come with a public-record note"))
        if _has(r["province_iso"]) and r["iso3"] != "AFG":
            errors.append(CellError(file, line_of(i), "province_iso", r["province_iso"], "province outside AFG"))
    for power in sorted(set(g["power_id"])):
        if not g[(g["power_id"] == power) & g["role"].isin(["self", "member"])].shape[0]:
            errors.append(CellError(file, 0, "role", power, "no self or member row"))
    return errors
