"""Altair charts for slides, sized and lettered to be read from the back of a room.

Maps are altair geoshape over afdash's own boundaries (no tiles, nothing fetched), so the same spec
renders in the app, in the offline HTML export and as PNG/SVG through vl-convert. Every builder takes
plain frames / GeoJSON and returns a finished chart (`finish` applies the presentation theme).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import altair as alt
import pandas as pd
from shapely.geometry import box, mapping, shape

from afdash.core import timeline_labels
from afdash.core.palette import OKABE_ITO, SEQUENTIAL
from afdash.maps import labels as maplabels

# Okabe–Ito without yellow, which is too faint on a projected white background.
CATEGORICAL = [OKABE_ITO[i] for i in (4, 0, 2, 5, 1, 6, 7)]

WIDTH, HEIGHT = 720, 420
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
LABEL, TITLE, MARK_TEXT = 17, 18, 18
INK, MUTED, EMPTY_FILL, OTHER_FILL = "#1a1a1a", "#666666", "#f2f2f2", "#e4e4de"
AFG_FILL = "#9a9a9a"
MAP_WINDOW = (53.5, 27.0, 79.5, 42.3)  # lon/lat box every region map shows whole, at any chart size
REGION_BOX = box(56.0, 27.5, 77.0, 41.5)  # where labels of neighbours are placed
# ~1 km: a quarter of a pixel where a slide's map is widest (MAP_WINDOW's 26° of longitude over ~700 px)
SIMPLIFY_DEGREES = 0.01
CLIP_BOX = box(44.0, 20.0, 89.0, 48.0)  # a margin around the map window: geometry outside it is never drawn


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


_CLIPPED: dict[int, tuple[Mapping, list[dict]]] = {}


def clipped(fc: Mapping) -> Mapping:
    """The FeatureCollection cut to CLIP_BOX, simplified to SIMPLIFY_DEGREES and rounded to ~100 m: Russia,
    China and India shrink to the parts that can appear, and province outlines lose vertices no slide can show,
    so maps render in a fraction of the time (the provinces: 86 → 54 kB). Cached per object (the loaders
    share one GeoJSON dict per process); the input is never mutated."""
    hit = _CLIPPED.get(id(fc))
    if hit is not None and hit[0] is fc:
        return {"type": "FeatureCollection", "features": hit[1]}
    feats = []
    for f in fc["features"]:
        geom = shape(f["geometry"]).intersection(CLIP_BOX).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        if geom.is_empty:
            continue
        geo = mapping(geom)
        feats.append({"type": "Feature", "properties": f["properties"], "geometry": _rounded(geo)})
    _CLIPPED[id(fc)] = (fc, feats)
    return {"type": "FeatureCollection", "features": feats}


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 3)
    if isinstance(obj, list | tuple):
        return [_rounded(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    return obj


def _features(fc: Mapping, extra: Mapping[str, Mapping[str, object]], key: str) -> list[dict]:
    """New feature dicts carrying extra properties (the cached GeoJSON is never mutated)."""
    out = []
    for f in fc["features"]:
        props = dict(f["properties"])
        props.update(extra.get(props[key], {}))
        out.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return out


LIST_WIDTH = 175  # the ranked list at the right edge of the province map


def province_labels(feats: list[dict], counts: Mapping[str, int], size: float = MARK_TEXT - 3) -> pd.DataFrame:
    """Names of the provinces with a count, most first, placed without collisions (afdash.maps.labels) on
    the map as fitted to the chart; the ranked list at the right edge is kept clear."""
    bounds = [shape(f["geometry"]).bounds for f in feats]
    bbox = (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds),
            max(b[3] for b in bounds))
    view = maplabels.fit_view(bbox, (WIDTH, HEIGHT))
    frame = maplabels.frame_box(view, (WIDTH, HEIGHT))
    listing = (frame[2] - LIST_WIDTH, frame[1], frame[2], frame[3])
    wanted = []
    for f in feats:
        n = int(counts.get(f["properties"]["iso_3166_2"], 0) or 0)
        if n:
            lon, lat = maplabels.anchor_in(shape(f["geometry"]))
            wanted.append(maplabels.Label(f["properties"]["name"], lon, lat, size=size, priority=n))
    placed = maplabels.place(wanted, view["zoom"], frame=frame, obstacles=[listing])
    return pd.DataFrame(placed, columns=["text", "lon", "lat", "size", "colour", "box"])


def province_map(provinces: Mapping, counts: Mapping[str, int], legend_title: str,
                 list_title: str = "Events by province") -> GeoChart:
    """Choropleth of Afghanistan's provinces; provinces with no count stay pale grey, not the lowest colour.
    Counts are listed, largest first, beside the map, so small provinces' labels never collide."""
    feats = _features(clipped(provinces), {k: {"count": int(v)} for k, v in counts.items()}, "iso_3166_2")
    for f in feats:
        f["properties"].setdefault("count", 0)
    props = {f["properties"]["iso_3166_2"]: f["properties"] for f in feats}
    ranked = sorted(((int(n), props[iso]["name"], iso) for iso, n in counts.items() if n), key=lambda t: (-t[0], t[1]))
    listing = pd.DataFrame([{"y": 34 + 30 * i, "text": f"{name}  {n}"} for i, (n, name, _) in enumerate(ranked[:10])],
                           columns=["y", "text"])
    vmax = max([n for n, _, _ in ranked] or [1])
    shapes = alt.Chart(alt.NamedData(name="geo_provinces")).mark_geoshape(stroke="white", strokeWidth=1.2).encode(
        color=alt.condition(
            "datum.properties.count > 0",
            alt.Color("properties.count:Q", title=legend_title,
                      scale=alt.Scale(domain=[0, vmax], range=SEQUENTIAL[1:]),
                      legend=alt.Legend(format="d", tickMinStep=1, gradientLength=260)),
            alt.value(EMPTY_FILL)),
        tooltip=[alt.Tooltip("properties.name:N", title="Province"),
                 alt.Tooltip("properties.iso_3166_2:N", title="ISO 3166-2"),
                 alt.Tooltip("properties.count:Q", title=legend_title)],
    )
    heading = alt.Chart(pd.DataFrame([{"text": list_title}])).mark_text(
        align="left", fontSize=MARK_TEXT, fontWeight="bold", color=INK).encode(
        x=alt.value(WIDTH - 170), y=alt.value(6), text="text:N")
    rows = alt.Chart(listing).mark_text(align="left", fontSize=MARK_TEXT, color=INK).encode(
        x=alt.value(WIDTH - 170), y=alt.Y("y:Q", scale=None), text="text:N")
    names = province_labels(feats, counts)[["text", "lon", "lat"]]
    named = alt.Chart(names).mark_text(fontSize=MARK_TEXT - 3, fontWeight="bold", color=INK, stroke="white",
                                       strokeWidth=3, strokeOpacity=0.85).encode(
        longitude="lon:Q", latitude="lat:Q", text="text:N")
    # the halo is drawn first, then the text on top: Vega's text stroke would otherwise cover the letters
    names_top = alt.Chart(names).mark_text(fontSize=MARK_TEXT - 3, fontWeight="bold", color=INK).encode(
        longitude="lon:Q", latitude="lat:Q", text="text:N")
    return GeoChart(finish(alt.layer(shapes, named, names_top, heading, rows).project("mercator")),
                    {"geo_provinces": feats})


# Hand-placed label anchors (lon, lat) where the crowded north of Afghanistan makes automatic ones collide.
LABEL_AT = {"AFG": (65.6, 33.6), "TKM": (59.6, 38.9), "UZB": (64.2, 41.25), "TJK": (71.4, 39.6),
            "CHN": (77.3, 37.3), "PAK": (70.6, 28.6), "IRN": (58.2, 31.5)}


def region_label_points(countries: Mapping, iso3s: Iterable[str]) -> dict[str, tuple[float, float]]:
    """A point for each country's label: a hand-placed anchor, or a point inside its part of the map window."""
    wanted = set(iso3s)
    out = {iso: LABEL_AT[iso] for iso in wanted if iso in LABEL_AT}
    wanted -= set(out)
    for f in countries["features"]:
        iso = f["properties"]["iso3"]
        if iso in wanted:
            part = shape(f["geometry"]).intersection(REGION_BOX)
            geom = part if not part.is_empty else shape(f["geometry"])
            p = geom.representative_point()
            out[iso] = (round(p.x, 3), round(p.y, 3))
    return out


def region_map(countries: Mapping, fills: Mapping[str, str], labels: pd.DataFrame,
               legend: Mapping[str, str] | None = None, lines: pd.DataFrame | None = None,
               provinces: Mapping | None = None) -> GeoChart:
    """Afghanistan and its neighbourhood. `fills` maps ISO3 → a category name, `legend` maps category →
    colour (others: pale). `labels`: lon, lat, text. `lines`: lon, lat, lon2, lat2 (e.g. a flow)."""
    legend = dict(legend or {})
    feats = _features(clipped(countries), {iso: {"role": cat} for iso, cat in fills.items()}, "iso3")
    for f in feats:
        f["properties"].setdefault("role", "Other countries")
    domain = [*legend, "Other countries"]
    colours = [*legend.values(), OTHER_FILL]
    datasets = {"geo_countries": feats}
    layers = [alt.Chart(alt.NamedData(name="geo_countries")).mark_geoshape(
        stroke="white", strokeWidth=1.2, clip=True).encode(
        color=alt.Color("properties.role:N", title=None, scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(values=list(legend)) if legend else None),
        tooltip=[alt.Tooltip("properties.name:N", title="Country"),
                 alt.Tooltip("properties.afg_border_km:Q", title="Border with Afghanistan (km)", format=",.0f")],
    )]
    if provinces is not None:
        datasets["geo_provinces"] = clipped(provinces)["features"]
        layers.append(alt.Chart(alt.NamedData(name="geo_provinces")).mark_geoshape(
            filled=False, stroke="white", strokeWidth=0.6, clip=True))
    if lines is not None and not lines.empty:
        layers.append(alt.Chart(lines).mark_rule(strokeWidth=5, color=INK, strokeDash=[10, 6]).encode(
            longitude="lon:Q", latitude="lat:Q", longitude2="lon2:Q", latitude2="lat2:Q"))
    placed = region_labels(labels)[["text", "lon", "lat"]]
    layers.append(alt.Chart(placed).mark_text(fontSize=MARK_TEXT - 1, fontWeight="bold", color=INK,
                                              lineBreak="\n").encode(
        longitude="lon:Q", latitude="lat:Q", text="text:N"))
    x0, y0, x1, y1 = MAP_WINDOW  # corners as points: a polygon's winding would matter to d3-geo
    window = {"type": "Feature", "properties": {},
              "geometry": {"type": "MultiPoint", "coordinates": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]}}
    return GeoChart(finish(alt.layer(*layers).project(type="mercator", fit=window)), datasets)


def region_labels(labels: pd.DataFrame, size: float = MARK_TEXT - 1) -> pd.DataFrame:
    """`labels` (lon, lat, text; first rows first) on the region map without collisions: a label that
    would overlap one before it is dropped (afdash.maps.labels), estimated at the slide's size."""
    view = maplabels.fit_view(MAP_WINDOW, (WIDTH, HEIGHT))
    wanted = [maplabels.Label(str(r["text"]), float(r["lon"]), float(r["lat"]), size=size, priority=-i)
              for i, r in enumerate(labels.to_dict("records"))]
    # anchors are chosen by hand or inside each country: keep them, and drop a label that would collide
    placed = maplabels.place(wanted, view["zoom"], offsets=((0, 0),))
    return pd.DataFrame(placed, columns=["text", "lon", "lat", "size", "colour", "box"])


def labelled_region_map(countries: Mapping, texts: Mapping[str, str], fills: Mapping[str, str],
                        legend: Mapping[str, str] | None = None, lines: pd.DataFrame | None = None,
                        provinces: Mapping | None = None) -> GeoChart:
    """region_map with `texts` (ISO3 → label) written at each country's label point: the map slides that
    annotate countries differ only in what they write, so where a label stands is decided once."""
    pts = region_label_points(countries, texts)
    order = sorted(texts, key=lambda iso: iso != "AFG")  # Afghanistan's name is placed first
    labels = pd.DataFrame([{"lon": pts[iso][0], "lat": pts[iso][1], "text": texts[iso]} for iso in order])
    return region_map(countries, fills, labels, legend, lines, provinces)


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
TIMELINE_PLOT_PX = WIDTH  # Vega-Lite's width is the plot's: lane titles sit outside it


def timeline_key_labels(rows: pd.DataFrame, width_px: float = TIMELINE_PLOT_PX) -> pd.DataFrame:
    if rows.empty:
        return timeline_labels.place(rows, "date_start", "title", "lane", (pd.Timestamp(0), pd.Timestamp(0)),
                                     width_px, TIMELINE_FONT_PX)
    data = rows.assign(date_start=pd.to_datetime(rows["date_start"])).sort_values("date_start", kind="stable")
    data = data.assign(importance=data.groupby("lane", sort=False).cumcount())
    start, end = data["date_start"].min(), data["date_start"].max()
    pad = (end - start) * 0.05 + pd.Timedelta(days=7)
    return timeline_labels.place(data, "date_start", "title", "lane", (start - pad, end + pad), width_px,
                                 TIMELINE_FONT_PX, priority="importance", limit=TIMELINE_LABELS)


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
