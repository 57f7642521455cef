"""Altair charts for slides, sized and lettered to be read from the back of a room.

Maps are altair geoshape over afdash's own boundaries (no tiles, nothing fetched), so the same spec
renders in the app, in the offline HTML export and as PNG/SVG through vl-convert. Every builder takes
plain frames / GeoJSON and returns a finished chart (`finish` applies the presentation theme).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from afdash.core import timeline_labels
from afdash.core.palette import OKABE_ITO

# Okabe–Ito without yellow, which is too faint on a projected white background.
CATEGORICAL = [OKABE_ITO[i] for i in (4, 0, 2, 5, 1, 6, 7)]

WIDTH, HEIGHT = 720, 420
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
LABEL, TITLE, MARK_TEXT = 17, 18, 18
INK, MUTED, EMPTY_FILL, OTHER_FILL = "#1a1a1a", "#666666", "#f2f2f2", "#e4e4de"
# ~1 km: a quarter of a pixel where a slide's map is widest (MAP_WINDOW's 26° of longitude over ~700 px)


class GeoChart:
    """An altair chart whose GeoJSON features travel beside it as named datasets (alt.NamedData), merged into
    the spec only in to_dict(). Altair deep-copies inline data on every .properties()/.layer() call and walks
    it again in to_dict(), which costs seconds for a map; named datasets keep maps as fast as bar charts."""

    def __init__(self, chart: alt.TopLevelMixin, datasets: Mapping[str, list]):
        self.chart = chart
        self.datasets = dict(datasets)

    def to_dict(self) -> dict:
        spec = self.chart.to_dict()
        spec["datasets"] = {**spec.get("datasets", {}), **self.datasets}
        return spec


def finish(chart: alt.TopLevelMixin, width: int = WIDTH, height: int = HEIGHT) -> alt.TopLevelMixin:
    """Presentation theme: large type, no frame, white background (PNG/SVG exports are not transparent)."""
    return (
        chart.properties(width=width, height=height)
        .configure(font=FONT, background="white", padding=12)
        .configure_axis(labelFontSize=LABEL, titleFontSize=TITLE, labelColor=INK, titleColor=INK,
                        gridColor="#e6e6e6", domainColor="#999999", tickColor="#999999", labelLimit=360)
        .configure_legend(labelFontSize=LABEL - 1, titleFontSize=LABEL - 1, labelColor=INK, titleColor=INK,
                          orient="bottom", direction="horizontal", labelLimit=420, symbolSize=260,
                          columns=2)  # a legend of 2 entries a row fits a narrow chart column
        .configure_view(stroke=None)
        .configure_title(fontSize=TITLE + 2, color=INK, anchor="start")
    )


# --- security -------------------------------------------------------------------------------------------

MEASURE_NAMES = {"fatalities": "Killed", "wounded": "Wounded", "total": "Killed and wounded"}
MEASURE_COLOURS = {"fatalities": OKABE_ITO[5], "wounded": OKABE_ITO[0], "total": OKABE_ITO[4]}
# Short enough that both legends fit under the bars on a slide's chart column (the caveat says the rest).
PERIOD_NAMES = {"calendar_year": "Calendar year (Table 1)", "partial_period": "Partial period (11 months)"}


def casualties(frame: pd.DataFrame, measures: Sequence[str]) -> alt.TopLevelMixin:
    """Stacked (or single-measure) bars per period; the partial period is paler, labelled and in the legend."""
    rows = frame[frame["measure"].isin(measures)].copy()
    rows["measure_name"] = rows["measure"].map(MEASURE_NAMES)
    rows["period_name"] = rows["period_kind"].map(PERIOD_NAMES)
    rows["stack_order"] = rows["measure"].map({m: i for i, m in enumerate(measures)})
    order = (rows.sort_values(["period_start", "period_kind"])["period_label"].drop_duplicates().tolist())
    names = [MEASURE_NAMES[m] for m in measures]
    bars = alt.Chart(rows).mark_bar().encode(
        x=alt.X("period_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("sum(value):Q", title="Civilians", axis=alt.Axis(format=",d", tickCount=6)),
        color=alt.Color("measure_name:N", title=None,
                        scale=alt.Scale(domain=names, range=[MEASURE_COLOURS[m] for m in measures])),
        # The period legend draws its swatches in the first measure's colour, full and pale, as the bars
        # are: a neutral swatch would match no bar.
        opacity=alt.Opacity("period_name:O", title=None, sort=list(PERIOD_NAMES.values()),
                            scale=alt.Scale(domain=list(PERIOD_NAMES.values()), range=[1.0, 0.45]),
                            legend=alt.Legend(symbolType="square", symbolFillColor=MEASURE_COLOURS[measures[0]],
                                              symbolStrokeColor=MEASURE_COLOURS[measures[0]])),
        order=alt.Order("stack_order:Q"),
        tooltip=[alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("measure_name:N", title="Measure"),
                 alt.Tooltip("value:Q", title="Civilians", format=","),
                 alt.Tooltip("as_printed:N", title="As printed")],
    )
    totals = rows.groupby(["period_label", "period_kind"], as_index=False)["value"].sum()
    partial = totals[totals["period_kind"] == "partial_period"].assign(note="partial period")
    note = alt.Chart(partial).mark_text(dy=-14, fontSize=MARK_TEXT - 2, fontStyle="italic", color=INK).encode(
        x=alt.X("period_label:N", sort=order), y=alt.Y("value:Q"), text="note:N")
    return finish(alt.layer(bars, note))


def bars_with_labels(rows: pd.DataFrame, x_title: str | None, y_title: str, colour_field: str = "group",
                     horizontal: bool = False, value_format: str = ",.0f", scale_note: str = "") -> alt.TopLevelMixin:
    """Bars of `value` per `label`, each captioned with the report's wording (`text`)."""
    order = rows["label"].tolist()
    groups = list(dict.fromkeys(rows[colour_field]))
    colour = alt.Color(f"{colour_field}:N", title=None,
                       scale=alt.Scale(domain=groups, range=CATEGORICAL[: len(groups)]),
                       legend=alt.Legend() if len(groups) > 1 else None)
    tooltip = [alt.Tooltip("label:N", title="Figure"), alt.Tooltip("text:N", title="In the report's terms")]
    if horizontal:
        base = alt.Chart(rows).encode(
            y=alt.Y("label:N", sort=order, title=x_title, axis=alt.Axis(labelLimit=330)),
            x=alt.X("value:Q", title=y_title, axis=alt.Axis(format=value_format, tickCount=5),
                    scale=alt.Scale(domainMax=float(rows["value"].max()) * 1.35)),
        )
        bars = base.mark_bar(size=42).encode(color=colour, tooltip=tooltip)
        # Long bars carry their label inside their end (white on the bar), the others just after it.
        long_bar = rows["value"] > FLIP_AT * float(rows["value"].max()) * 1.35
        inside = alt.Chart(rows[long_bar]).mark_text(align="right", dx=-8, fontSize=MARK_TEXT, fontWeight="bold",
                                                     color="white").encode(
            y=alt.Y("label:N", sort=order), x=alt.X("value:Q"), text="text:N")
        after = alt.Chart(rows[~long_bar]).mark_text(align="left", dx=8, fontSize=MARK_TEXT, color=INK).encode(
            y=alt.Y("label:N", sort=order), x=alt.X("value:Q"), text="text:N")
        return finish(alt.layer(bars, inside, after))
    else:
        base = alt.Chart(rows).encode(
            x=alt.X("label:N", sort=order, title=x_title, axis=alt.Axis(labelAngle=0, labelLimit=260)),
            y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=value_format, tickCount=5),
                    scale=alt.Scale(domainMax=float(rows["value"].max()) * 1.2)),
        )
        bars = base.mark_bar(size=90).encode(color=colour, tooltip=tooltip)
        text = base.mark_text(dy=-14, fontSize=MARK_TEXT, color=INK, fontWeight="bold").encode(text="text:N")
    return finish(alt.layer(bars, text))


# A value label beside a bar ending past this share of the axis is written on the other side of its start
# (or inside its end): the chart keeps its width on a narrow screen and the label is never cut off.
FLIP_AT = 0.55


def estimates(rows: pd.DataFrame) -> alt.TopLevelMixin:
    """Ranges (low–high) as thick bars and point estimates as dots, on one axis, each labelled: beside its end,
    or left of its start when it ends in the right part of the axis."""
    order = rows["label"].tolist()
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=330))
    top = float(rows[["high", "value"]].max().max()) * 1.3
    scale = alt.Scale(domain=[0, top])
    tooltip = [alt.Tooltip("label:N", title="Estimate"), alt.Tooltip("text:N", title="In the report's terms")]
    ranges = alt.Chart(rows[rows["low"].notna()]).mark_bar(size=34, color=OKABE_ITO[4], cornerRadius=4).encode(
        y=y, x=alt.X("low:Q", title="People (the report's estimates)", scale=scale,
                     axis=alt.Axis(format=",d", tickCount=5)), x2="high:Q", tooltip=tooltip)
    points = alt.Chart(rows[rows["low"].isna()]).mark_point(size=520, filled=True, color=OKABE_ITO[5]).encode(
        y=y, x=alt.X("value:Q", scale=scale), tooltip=tooltip)
    labelled = rows.assign(start=rows["low"].fillna(rows["value"]))
    flipped = labelled["end"] > FLIP_AT * top
    after = alt.Chart(labelled[~flipped]).mark_text(
        align="left", dx=14, fontSize=MARK_TEXT, color=INK, fontWeight="bold").encode(
        y=y, x=alt.X("end:Q", scale=scale), text="text:N")
    before = alt.Chart(labelled[flipped]).mark_text(
        align="right", dx=-16, fontSize=MARK_TEXT, color=INK, fontWeight="bold").encode(
        y=y, x=alt.X("start:Q", scale=scale), text="text:N")
    return finish(alt.layer(ranges, points, after, before))




def timeline(rows: pd.DataFrame, lane_order: Sequence[str], colour_order: Sequence[str],
             lane_title: str | None = None) -> alt.TopLevelMixin:
    """Dated events as dots in lanes (one lane per format or actor), coloured by group."""
    colour = alt.Color("group:N", title=None, scale=alt.Scale(domain=list(colour_order),
                                                              range=CATEGORICAL[: len(colour_order)]),
                       legend=alt.Legend() if len(colour_order) > 1 else None)
    dots = alt.Chart(rows).mark_circle(size=420, opacity=0.85, stroke="white", strokeWidth=1.5).encode(
        x=alt.X("date_start:T", title=None, scale=alt.Scale(padding=28),
                axis=alt.Axis(format="%b %Y", tickCount=6, labelAngle=0)),
        y=alt.Y("lane:N", sort=list(lane_order), title=lane_title, axis=alt.Axis(labelLimit=330)),
        color=colour,
        tooltip=[alt.Tooltip("date_start:T", title="Date", format="%d %b %Y"),
                 alt.Tooltip("title:N", title="Event"), alt.Tooltip("lane:N", title="Format / actor")],
    )
    labels = timeline_key_labels(rows)
    written = timeline_labels.layers(labels, alt.X("when:T"), alt.Y("lane:N", sort=list(lane_order)),
                                     TIMELINE_FONT_PX, colour=INK, offset_px=21)
    return finish(alt.layer(dots, *written) if written else dots)


# Events written on a slide's timeline: each lane's earliest event first, then each lane's second, and so on,
# at most TIMELINE_LABELS, estimated at the slide's width; one that would overlap goes below its dot or is left
# out. Presentation type: TIMELINE_FONT_PX reads from the back of a room on a 720 px chart.
TIMELINE_FONT_PX = 14
TIMELINE_LABELS = 10
# Labels are placed for the narrowest plot a slide is shown at (the chart column beside the sidebar in a 1280 px
# window, lane titles taken off), so a label that fits there fits at every size.
TIMELINE_PLOT_PX = 320
TIMELINE_CHARS = 26  # a slide's label is a few words; the speaker notes and the CSV carry the full title


def timeline_key_labels(rows: pd.DataFrame, width_px: float = TIMELINE_PLOT_PX) -> pd.DataFrame:
    if rows.empty:
        return timeline_labels.place(rows, "date_start", "title", "lane", (pd.Timestamp(0), pd.Timestamp(0)),
                                     width_px, TIMELINE_FONT_PX)
    data = rows.assign(date_start=pd.to_datetime(rows["date_start"])).sort_values("date_start", kind="stable")
    data = data.assign(importance=data.groupby("lane", sort=False).cumcount())
    start, end = data["date_start"].min(), data["date_start"].max()
    pad = (end - start) * 0.05 + pd.Timedelta(days=7)
    return timeline_labels.place(data, "date_start", "title", "lane", (start - pad, end + pad), width_px,
                                 TIMELINE_FONT_PX, priority="importance", limit=TIMELINE_LABELS,
                                 max_chars=TIMELINE_CHARS)


def recap(rows: pd.DataFrame) -> alt.TopLevelMixin:
    """The figures to remember, as a two-column board: the figure (large) and what it measures."""
    order = list(range(len(rows)))
    rows = rows.assign(order=order)
    y = alt.Y("order:O", axis=None)
    figure = alt.Chart(rows).mark_text(align="right", fontSize=MARK_TEXT + 6, fontWeight="bold",
                                       color=OKABE_ITO[4]).encode(y=y, x=alt.value(250), text="figure:N")
    label = alt.Chart(rows).mark_text(align="left", fontSize=MARK_TEXT, color=INK).encode(
        y=y, x=alt.value(270), text="label:N")
    return finish(alt.layer(figure, label))


def stacked_bars(parts: pd.DataFrame, totals: pd.DataFrame, y_title: str) -> alt.TopLevelMixin:
    """Bars split into named parts (`label`, `part`, `value`, `tip`), each topped by its total's wording
    (`totals`: `label`, `value`, `text`)."""
    order = totals["label"].tolist()
    part_names = list(dict.fromkeys(parts["part"]))
    x = alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=300))
    scale = alt.Scale(domain=[0, float(totals["value"].max()) * 1.2])
    bars = alt.Chart(parts).mark_bar(size=110, stroke="white", strokeWidth=2).encode(
        x=x, y=alt.Y("sum(value):Q", title=y_title, scale=scale, axis=alt.Axis(tickCount=5)),
        color=alt.Color("part:N", title=None, sort=part_names,
                        scale=alt.Scale(domain=part_names, range=CATEGORICAL[: len(part_names)]),
                        legend=alt.Legend(columns=1, direction="vertical")),  # long part names: one per line
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("label:N", title="Step"), alt.Tooltip("part:N", title="Part"),
                 alt.Tooltip("tip:N", title="In the report's terms")],
    )
    text = alt.Chart(totals).mark_text(dy=-16, fontSize=MARK_TEXT + 2, fontWeight="bold", color=INK).encode(
        x=x, y=alt.Y("value:Q", scale=scale), text="text:N")
    return finish(alt.layer(bars, text))
