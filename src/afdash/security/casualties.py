"""Civilian casualties: the report's Table 1 (2009–2021) and its August 2021–June 2022 figure, drawn on
one time axis where every period spans its real dates, so the eleven-month period cannot pass for a
calendar year."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.core.report import cite

MEASURES: dict[str, str] = {
    "fatalities": "Killed",
    "wounded": "Wounded",
    "total": "Total (killed + wounded)",
}
AXIS_TITLES = {
    "fatalities": "Civilians killed",
    "wounded": "Civilians wounded",
    "total": "Civilians killed or wounded",
}
TAKEOVER = date(2021, 8, 15)
TAKEOVER_LABEL = "Taliban take Kabul, 15 Aug 2021"
KIND_LABELS = {"calendar_year": "Calendar year (Table 1)", "partial_period": "Partial period (not a year)"}


def months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months a period covers, counting both ends: Aug 2021–Jun 2022 is 11."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def period_text(r) -> str:
    if r["period_kind"] == "calendar_year":
        return "calendar year"
    return f"{months(r['period_start'], r['period_end'])} months, not a calendar year"


def series(cas: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One row per period for one measure, with an exclusive end date so bars cover whole periods."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    rows = cas[cas["measure"] == measure].sort_values(["period_start", "period_end"]).copy()
    rows["end_excl"] = rows["period_end"] + pd.Timedelta(days=1)
    rows["period_text"] = rows.apply(period_text, axis=1)
    rows["kind_label"] = rows["period_kind"].map(KIND_LABELS)
    rows["source"] = [cite(s, f) for s, f in zip(rows["section"], rows["footnote"], strict=True)]
    rows["value_text"] = rows["value"].map(lambda v: f"{int(v):,}")
    return rows[["period_label", "period_start", "period_end", "end_excl", "period_kind", "kind_label",
                 "period_text", "value", "value_text", "source"]].reset_index(drop=True)


def wide(cas: pd.DataFrame) -> pd.DataFrame:
    """The numbers under the chart: one row per period, the three measures side by side."""
    w = cas.pivot_table(index=["period_label", "period_start", "period_end", "period_kind"], columns="measure",
                        values="value", aggfunc="first").reset_index().sort_values(["period_start", "period_end"])
    first = cas.drop_duplicates("period_label").set_index("period_label")

    def where(p: str) -> str:
        r = first.loc[p]
        place = r["table"] if isinstance(r["table"], str) and r["table"] else "report text"
        return f"{place}, fn. {int(r['footnote'])}" if pd.notna(r["footnote"]) else place

    out = pd.DataFrame({
        "Period": w["period_label"],
        "Covers": w.apply(period_text, axis=1),
        "Killed": w["fatalities"].astype(int),
        "Wounded": w["wounded"].astype(int),
        "Total": w["total"].astype(int),
        "Source": [where(p) for p in w["period_label"]],
    })
    return out.reset_index(drop=True)


def numbers_table(cas: pd.DataFrame) -> pd.DataFrame:
    """wide() as it is printed under the chart: indexed by period, counts with thousands separators as in
    the report's Table 1, so the page shows the numbers without reformatting them on every rerun."""
    numbers = wide(cas).set_index("Period")
    for col in ("Killed", "Wounded", "Total"):
        numbers[col] = numbers[col].map("{:,}".format)
    return numbers


def headlines(cas: pd.DataFrame, measure: str) -> list[dict]:
    """Latest calendar year with the change against the year before, the peak year, and the partial period
    (never compared with a year)."""
    s = series(cas, measure)
    years = s[s["period_kind"] == "calendar_year"]
    last, prev = years.iloc[-1], years.iloc[-2]
    change = int(last["value"] - prev["value"])
    pct = change / prev["value"] * 100
    peak = years.loc[years["value"].idxmax()]
    out = [
        {"label": f"{MEASURES[measure]}, {last['period_label']}", "value": f"{int(last['value']):,}",
         "period": last["period_label"],
         "delta": f"{change:+,} ({pct:+.1f}%) vs {prev['period_label']}", "source": last["source"],
         "help": "Calendar year, as printed in the report's Table 1."},
        {"label": f"Highest year in Table 1 ({peak['period_label']})", "value": f"{int(peak['value']):,}",
         "period": peak["period_label"],
         "delta": None, "source": peak["source"], "help": "Largest calendar-year value 2009–2021."},
    ]
    for p in s[s["period_kind"] == "partial_period"].to_dict("records"):
        out.append({"label": f"{MEASURES[measure]}, {p['period_label']}", "value": f"{int(p['value']):,}",
                    "period": p["period_label"],
                    "delta": None, "source": p["source"],
                    "help": f"{p['period_text'].capitalize()}; it overlaps August–December 2021, so it is not "
                            "compared with any year."})
    return out


def chart(cas: pd.DataFrame, measure: str) -> alt.LayerChart:
    """Years as filled bars over their real span; the partial period as a dashed, lightly filled bar over
    its own dates, labelled in the margin to its right; a rule at the takeover."""
    data = series(cas, measure)
    first, last = data["period_start"].min(), data["end_excl"].max()
    year_ticks = [pd.Timestamp(y, 1, 1) for y in range(first.year, last.year + 1)]
    domain = [first.isoformat(), (last + pd.DateOffset(months=20)).isoformat()]  # room for the label
    x = alt.X("period_start:T", title=None, scale=alt.Scale(domain=domain),
              axis=alt.Axis(values=[t.isoformat() for t in year_ticks], format="%Y", labelAlign="left",
                            labelAngle=0, grid=False))
    y = alt.Y("value:Q", title=AXIS_TITLES[measure], axis=alt.Axis(format=",d"))
    tooltip = [alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("period_text:N", title="Covers"),
               alt.Tooltip("value_text:N", title=MEASURES[measure]), alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(data).encode(x=x, x2="end_excl:T", y=y, y2=alt.datum(0), tooltip=tooltip)
    years = base.transform_filter(alt.datum.period_kind == "calendar_year").mark_bar(
        color=palette.OKABE_ITO[4], stroke="white", strokeWidth=1.5)
    partial = base.transform_filter(alt.datum.period_kind == "partial_period").mark_bar(
        color=palette.OKABE_ITO[5], fillOpacity=0.25, stroke=palette.OKABE_ITO[5], strokeWidth=2,
        strokeDash=[6, 3])
    partial_label = alt.Chart(data).transform_filter(alt.datum.period_kind == "partial_period").transform_calculate(
        label="[datum.period_label, datum.period_text]"
    ).mark_text(align="left", baseline="middle", dx=6, fontSize=12, color=palette.OKABE_ITO[5],
                fontWeight="bold").encode(x=alt.X("end_excl:T", scale=alt.Scale(domain=domain)), y=y,
                                          text="label:N")
    takeover = pd.DataFrame({"date": [pd.Timestamp(TAKEOVER)], "label": [TAKEOVER_LABEL]})
    rule = alt.Chart(takeover).mark_rule(color=palette.OKABE_ITO[7], strokeWidth=1.5, strokeDash=[2, 2]).encode(
        x=alt.X("date:T", scale=alt.Scale(domain=domain)), tooltip=[alt.Tooltip("label:N", title="Event")])
    rule_label = alt.Chart(takeover).mark_text(align="right", baseline="bottom", dx=-4, y=-4, fontSize=11).encode(
        x=alt.X("date:T", scale=alt.Scale(domain=domain)), text="label:N")
    return alt.layer(years, partial, partial_label, rule, rule_label).properties(height=320)  # one copy, not four
