"""The U.S. instruments after the withdrawal as a timeline. `us_instruments` points at rows of `events` and
`key_figures`, and `us_timeline` joins them: no date or number is copied."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from afdash.core import timeline_labels
from afdash.core.figures import format_figure
from afdash.core.report import cite
from afdash.external.vocabulary import INSTRUMENT_COLOURS, INSTRUMENTS, WITHDRAWAL, _fn, _ids


# ---------------------------------------------------------------------------------------------- dates
def date_label(start: pd.Timestamp, end: pd.Timestamp | None, precision: str) -> str:
    """'18 Aug 2021', '9–10 Oct 2021', 'Nov 2021', 'Oct 2021 – Jan 2022', '2005'."""
    has_end = end is not None and not pd.isna(end) and end != start
    if precision == "year":
        return f"{start.year}"
    if precision in ("month", "season"):
        first = start.strftime("%b %Y")
        return f"{first} – {end.strftime('%b %Y')}" if has_end and end.strftime("%b %Y") != first else first
    if not has_end:
        return f"{start.day} {start.strftime('%b %Y')}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end.strftime('%b %Y')}"
    return f"{start.day} {start.strftime('%b %Y')} – {end.day} {end.strftime('%b %Y')}"


# ------------------------------------------------------------------------------------------ timeline
def figure_text(figures: pd.DataFrame, ids: Iterable[str]) -> str:
    """'USD 9.5 billion — Afghan central bank assets frozen by the U.S.; …' for the figures of one row."""
    by_id = figures.set_index("figure_id")
    parts = []
    for fid in ids:
        r = by_id.loc[fid]
        parts.append(f"{format_figure(r['value'], r['low'], r['high'], r['unit'], r['qualifier'])} — {r['label']}")
    return "; ".join(parts)


TIMELINE_COLUMNS = ["date_start", "date_end", "date", "instrument", "type", "title", "figures", "role", "source",
                    "period", "date_precision", "description", "event_id", "instrument_id", "figure_ids",
                    "section", "footnote"]


def us_timeline(instruments: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame,
                kinds: Sequence[str] | None = None, include_context: bool = False) -> pd.DataFrame:
    """The dated U.S. instruments, oldest first (ties: shorter span first, then id), filtered by kind."""
    ev = events.set_index("event_id")
    rows = []
    for r in instruments.to_dict("records"):
        e = ev.loc[r["event_id"]]
        ids = _ids(r["figure_ids"])
        src = cite(e["section"], e["footnote"])
        if r["section"] != e["section"] or _fn(r["footnote"]) != _fn(e["footnote"]):
            src += f"; framing: {cite(r['section'], r['footnote'])}"
        rows.append({
            "date_start": e["date_start"],
            "date_end": e["date_end"],
            "date": date_label(e["date_start"], e["date_end"], e["date_precision"]),
            "instrument": r["instrument"],
            "type": INSTRUMENTS[r["instrument"]],
            "title": e["title"],
            "figures": figure_text(figures, ids) if ids else "",
            "role": r["role"],
            "source": src,
            "period": "after" if e["date_start"] >= WITHDRAWAL else "before",
            "date_precision": e["date_precision"],
            "description": e["description"],
            "event_id": r["event_id"],
            "instrument_id": r["instrument_id"],
            "figure_ids": r["figure_ids"],
            "section": e["section"],
            "footnote": e["footnote"],
        })
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    if kinds is not None:
        out = out[out["instrument"].isin(list(kinds))]
    if not include_context:
        out = out[out["period"] == "after"]
    end = out["date_end"].fillna(out["date_start"])
    out = out.assign(_end=end).sort_values(["date_start", "_end", "instrument_id"], kind="stable")
    return out.drop(columns="_end").reset_index(drop=True)


# Key instruments written on the timeline: the first dated step of every kind first (those carrying a key
# figure before the others), then each kind's second, and so on; estimated on a chart of TIMELINE_WIDTH_PX
# (the page's at 1440 px): a label that would overlap goes below its dot or is left out (tooltip only).
TIMELINE_WIDTH_PX = 760
TIMELINE_FONT_PX = 12
TIMELINE_LABELS = 12


def timeline_key_labels(timeline: pd.DataFrame, width_px: float = TIMELINE_WIDTH_PX,
                        font_px: float = TIMELINE_FONT_PX, limit: int = TIMELINE_LABELS,
                        max_chars: int = timeline_labels.MAX_CHARS) -> pd.DataFrame:
    if timeline.empty:
        return timeline_labels.place(timeline.assign(lane=""), "date_start", "title", "lane",
                                     (WITHDRAWAL, WITHDRAWAL), width_px, font_px)
    data = timeline.sort_values(["date_start", "instrument_id"], kind="stable")
    nth = data.groupby("instrument", sort=False).cumcount()
    data = data.assign(lane=data["type"], importance=nth * 2 + (data["figures"] == "").astype(int))
    end = data["date_end"].fillna(data["date_start"]).max()
    domain = (data["date_start"].min() - pd.Timedelta(days=14), end + pd.Timedelta(days=14))
    return timeline_labels.place(data, "date_start", "title", "lane", domain, width_px, font_px,
                                 priority="importance", limit=limit, max_chars=max_chars)


def timeline_chart(timeline: pd.DataFrame, width_px: float = TIMELINE_WIDTH_PX, font_px: float = TIMELINE_FONT_PX,
                   limit: int = TIMELINE_LABELS, max_chars: int = timeline_labels.MAX_CHARS) -> alt.LayerChart:
    """Dots on a date axis, one lane per kind of instrument; multi-day or multi-month spans as bars.
    Month-precision dates are drawn as squares, so a first-of-month position is not read as a day. A slide
    writes fewer, larger labels (`font_px`, `limit`) placed for its narrower plot (`width_px`)."""
    data = timeline[["date_start", "date_end", "date", "type", "title", "figures", "date_precision"]].copy()
    data["date_end"] = data["date_end"].fillna(data["date_start"])
    data["precision"] = data["date_precision"].map(lambda p: "exact day" if p == "day" else "month only")
    data["date_start"] = data["date_start"].dt.strftime("%Y-%m-%d")
    data["date_end"] = data["date_end"].dt.strftime("%Y-%m-%d")
    data = data.drop(columns="date_precision")
    types = [INSTRUMENTS[k] for k in INSTRUMENTS]
    colour = alt.Color("type:N", title="Instrument", scale=alt.Scale(
        domain=types, range=[INSTRUMENT_COLOURS[k] for k in INSTRUMENTS]))
    y = alt.Y("type:N", title=None, sort=types, scale=alt.Scale(domain=types))
    tooltip = [alt.Tooltip("date:N", title="Date"), alt.Tooltip("title:N", title="What"),
               alt.Tooltip("figures:N", title="Figures")]
    base = alt.Chart(data)
    spans = base.mark_rule(strokeWidth=5, opacity=0.6).encode(
        x=alt.X("date_start:T", title=None, scale=alt.Scale(nice="month", padding=14),
                axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 1}, labelAngle=-40)),
        x2="date_end:T", y=y, color=colour,
        tooltip=tooltip)
    dots = base.mark_point(size=140, filled=True, opacity=0.95).encode(
        x="date_start:T", y=y, color=colour,
        shape=alt.Shape("precision:N", title="Date known to", scale=alt.Scale(
            domain=["exact day", "month only"], range=["circle", "square"]),
            legend=alt.Legend(symbolFillColor="#666666")),
        tooltip=tooltip)
    labels = timeline_key_labels(timeline, width_px, font_px, limit, max_chars)
    written = timeline_labels.layers(labels, alt.X("when:T"), alt.Y("lane:N", sort=types,
                                                                     scale=alt.Scale(domain=types)),
                                     font_px) if not labels.empty else []
    return alt.layer(spans, dots, *written).properties(height=alt.Step(56) if written else 300)
