"""Map charts for slides: the province map with its ranked list and the region maps, drawn as altair geoshape
(no tiles), with names placed clear of each other."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import altair as alt
import pandas as pd
from shapely.geometry import box, mapping, shape

# Okabe–Ito without yellow, which is too faint on a projected white background.
from afdash.briefing.charts import EMPTY_FILL, HEIGHT, INK, MARK_TEXT, OTHER_FILL, WIDTH, GeoChart, finish
from afdash.core.palette import SEQUENTIAL
from afdash.maps import labels as maplabels

AFG_FILL = "#9a9a9a"
MAP_WINDOW = (53.5, 27.0, 79.5, 42.3)  # lon/lat box every region map shows whole, at any chart size
REGION_BOX = box(56.0, 27.5, 77.0, 41.5)  # where labels of neighbours are placed
SIMPLIFY_DEGREES = 0.01
CLIP_BOX = box(44.0, 20.0, 89.0, 48.0)  # a margin around the map window: geometry outside it is never drawn

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
