"""The regional map: countries coloured by an attribute, border incidents on their border, schematic project
lines, state labels and the legend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

import pandas as pd
import pydeck as pdk
import shapely
from shapely.geometry import LineString, box, mapping, shape

from afdash.core import palette
from afdash.core.safe import md
from afdash.maps import geojson
from afdash.maps import layers as maps
from afdash.regional.profiles import format_date
from afdash.regional.states import (
    MEMBERSHIP,
    ORGS,
    PROJECT_KINDS,
    RELATIONS,
    STANCE_COLOURS,
    STANCES,
    STATES,
    source_of,
)

SCHEMATIC_NOTE = (
    "Project lines are schematic: straight segments between country anchor points and Afghan province label "
    "points standing in for the places named, not surveyed routes."
)
BORDER_POINT_NOTE = (
    "A border point marks the border an incident concerns (halfway along the shared border line), not where it "
    "happened."
)
BORDER_KM_NOTE = "Border lengths are measured on Natural Earth 1:10m boundary lines (geodesic, WGS 84)."
MEMBERSHIP_NOTE = "Memberships are public record as of mid-2022, not from the report; each has its source link."

MAP_VIEW = {"latitude": 36.0, "longitude": 71.0, "zoom": 3.1, "pitch": 0, "bearing": 0}
AFGHANISTAN_FILL = [255, 255, 255, 255]
FILTERED_OUT_FILL = [*palette.NEUTRAL_FILL, 255]
NO_BORDER_FILL = [200, 200, 200, 255]
PROJECT_LINE = [40, 40, 40, 230]
INCIDENT_FILL = [213, 94, 0, 255]
_FONT = pdk.types.String("Helvetica, Arial, sans-serif")



# ---------------------------------------------------------------------------------------------------- map
def border_incidents(border_events: pd.DataFrame, events: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """One row per border-related event, with the border it concerns, its date and citation."""
    wanted = set(border_events["event_id"])
    ev = {e["event_id"]: e for e in events[events["event_id"].isin(wanted)].to_dict(orient="records")}
    rows = []
    for r in border_events.to_dict(orient="records"):
        e = ev[r["event_id"]]
        rows.append({
            "border_iso3": r["border_iso3"],
            "border": f"Afghanistan–{names.get(r['border_iso3'], r['border_iso3'])}",
            "date": e["date_start"],
            "when": format_date(e["date_start"], e["date_precision"]),
            "relation": RELATIONS[r["relation"]],
            "title": e["title"],
            "event_id": r["event_id"],
            "source": source_of(r),
        })
    out = pd.DataFrame(rows, columns=["border_iso3", "border", "date", "when", "relation", "title", "event_id",
                                      "source"])
    return out.sort_values(["border_iso3", "date", "event_id"]).reset_index(drop=True)


def border_points(incidents: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """One point per border with incidents, at that border's midpoint, with the count and a text tooltip."""
    m = points[points["kind"] == "border_midpoint"]
    mid = {k: (float(x), float(y)) for k, x, y in zip(m["iso3"], m["lon"], m["lat"], strict=True)}
    by_border: dict[str, list[dict]] = {}
    for r in incidents.to_dict(orient="records"):
        by_border.setdefault(r["border_iso3"], []).append(r)
    rows = []
    for iso3, g in sorted(by_border.items()):
        lines = [f"{g[0]['border']} border: {len(g)} incident(s)", "(the point marks the border, not the place)"]
        lines += [f"{r['when']} · {r['relation']} · {r['title']} ({r['source']})" for r in g]
        rows.append({"iso3": iso3, "lon": mid[iso3][0], "lat": mid[iso3][1], "n": len(g), "radius": 4 + 2 * len(g),
                     "tooltip": "\n".join(lines)})
    return pd.DataFrame(rows, columns=["iso3", "lon", "lat", "n", "radius", "tooltip"])


def node_coordinates(points: pd.DataFrame, provinces: pd.DataFrame) -> dict[str, list[float]]:
    """Route node → [lon, lat]: country anchors by ISO3, Afghan provinces by their label point."""
    a = points[points["kind"] == "anchor"]
    nodes = {k: [float(x), float(y)] for k, x, y in zip(a["iso3"], a["lon"], a["lat"], strict=True)}
    nodes.update({k: [float(x), float(y)] for k, x, y in
                  zip(provinces["iso_3166_2"], provinces["label_lon"], provinces["label_lat"], strict=True)})
    return nodes


def project_paths(projects: pd.DataFrame, nodes: Mapping[str, list[float]], names: Mapping[str, str]) -> pd.DataFrame:
    """Schematic lines of the projects that have a route, with a label position and a text tooltip."""
    rows = []
    for p in projects.to_dict("records"):
        if p["route"] is None or pd.isna(p["route"]) or not p["route"]:
            continue
        path = [nodes[n] for n in str(p["route"]).split("|")]
        i = max(range(len(path) - 1),
                key=lambda k: (path[k + 1][0] - path[k][0]) ** 2 + (path[k + 1][1] - path[k][1]) ** 2)
        label_at = [(path[i][0] + path[i + 1][0]) / 2, (path[i][1] + path[i + 1][1]) / 2]
        connects = ", ".join(names.get(s, "Afghanistan" if s == "AFG" else s) for s in str(p["states"]).split("|"))
        tooltip = "\n".join([
            f"{p['name']} — schematic line, not the actual route",
            f"{PROJECT_KINDS[p['kind']]}; connects {connects}",
            f"Status: {p['status']}",
            f"Source: {source_of(p)}",
        ])
        rows.append({"project_id": p["project_id"], "name": p["name"], "short_name": p["short_name"], "path": path,
                     "label_lon": label_at[0],
                     "label_lat": label_at[1], "tooltip": tooltip})
    return pd.DataFrame(rows, columns=["project_id", "name", "short_name", "path", "label_lon", "label_lat",
                                       "tooltip"])


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return palette.hex_to_rgb(hex_colour, alpha)


def country_styles(attribute: str, names: Mapping[str, str], stance_table: pd.DataFrame,
                   memberships: pd.DataFrame, border_km: Mapping[str, float],
                   shown: Iterable[str]) -> tuple[dict[str, dict], pd.DataFrame]:
    """Fill colour and tooltip for each of the ten states under `attribute`, and the legend (label, colour,
    states). States not in `shown` (filtered out of the matrix) get the neutral fill."""
    shown = set(shown)
    styles: dict[str, dict] = {}
    legend_rows = []
    if attribute == "stance":
        for cls, label in STANCES.items():
            members = [s for s in STATES if stance_table.loc[s, "stance"] == cls and s in shown]
            legend_rows.append({"label": label, "colour": STANCE_COLOURS[cls], "states": members})
            for s in members:
                styles[s] = {"fill": _rgb(STANCE_COLOURS[cls]),
                             "value": f"stance: {label} ({stance_table.loc[s, 'phrase']})"}
    elif attribute in ORGS:
        status = memberships[memberships["org_id"] == attribute].set_index("state_iso3")["status"]
        for st, (label, colour) in MEMBERSHIP.items():
            members = [s for s in STATES if status.get(s) == st and s in shown]
            legend_rows.append({"label": label, "colour": colour, "states": members})
            for s in members:
                styles[s] = {"fill": _rgb(colour), "value": f"{ORGS[attribute]}: {label.lower()} (2022)"}
    elif attribute == "border_km":
        vmax = max([border_km.get(s, 0.0) for s in STATES] + [1.0])
        none = []
        for s in sorted(STATES, key=lambda x: -border_km.get(x, 0.0)):
            if s not in shown:
                continue
            km = border_km.get(s, 0.0)
            if not km:
                none.append(s)
                styles[s] = {"fill": NO_BORDER_FILL, "value": "no land border with Afghanistan"}
                continue
            fill = palette.sequential_rgb(km, vmax, alpha=210)
            styles[s] = {"fill": fill, "value": f"shared border {km:,.0f} km"}
            legend_rows.append({"label": f"{km:,.0f} km", "colour": "#{:02x}{:02x}{:02x}".format(*fill[:3]),
                                "states": [s]})
        legend_rows.append({"label": "No land border", "colour": "#{:02x}{:02x}{:02x}".format(*NO_BORDER_FILL[:3]),
                            "states": none})
    else:
        raise ValueError(f"unknown attribute {attribute!r}")
    for s in STATES:
        name = names.get(s, s)
        if s in styles:
            styles[s]["tooltip"] = f"{name} — {styles[s]['value']}"
        else:
            styles[s] = {"fill": FILTERED_OUT_FILL, "value": "", "tooltip": f"{name} (filtered out of the matrix)"}
    legend = pd.DataFrame(legend_rows, columns=["label", "colour", "states"])
    legend["n"] = legend["states"].map(len)
    legend["names"] = legend["states"].map(lambda ss: ", ".join(names.get(s, s) for s in ss))
    return styles, legend


def legend_lines(legend: pd.DataFrame) -> list[tuple[str, str]]:
    """(colour, text) for each class of the map's legend that holds a state, naming the states, so the colours
    can be read without relying on hue alone. Border lengths read "Pakistan: 2,246 km", classes "Hostile: …"."""
    rows = legend[legend["n"] > 0]
    return [(colour, f"{names}: {label}" if label.endswith(" km") else f"{label}: {names}")
            for label, colour, names in zip(rows["label"], rows["colour"], rows["names"], strict=True)]


LEGEND_ROW_PX = 22
LEGEND_CHAR_PX = 7.5  # a generous average advance of 13 px sans-serif text, so long lines are not clipped
_ATTR = {'"': "&quot;"}  # what escape() must also replace inside a double-quoted attribute value


def legend_svg(legend: pd.DataFrame, title: str) -> str:
    """The map's legend as a small SVG (title, then a swatch in the map's colour and its text per class).
    An image costs the browser nothing to load, where a Vega chart pulled in its library and re-embedded on
    every recolour (most of a 2.5 s rerun). Every piece of text is XML-escaped: state names come from data."""
    lines = legend_lines(legend)
    longest = max([len(title), *(len(text) + 3 for _, text in lines)])
    width = int(24 + LEGEND_CHAR_PX * longest)
    height = LEGEND_ROW_PX * (len(lines) + 1) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">',
             f'<text x="0" y="16" font-weight="bold" fill="#31333F">{escape(title)}</text>']
    for i, (colour, text) in enumerate(lines, start=1):
        y = LEGEND_ROW_PX * i + 6
        parts.append(f'<rect x="1" y="{y + 2}" width="14" height="14" fill="{escape(colour, _ATTR)}" '
                     'stroke="#555555" stroke-width="0.5"/>')
        parts.append(f'<text x="22" y="{y + 14}" fill="#31333F">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def state_labels(points: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    a = points[(points["kind"] == "anchor") & points["iso3"].isin([*STATES, "AFG"])]
    return pd.DataFrame({"name": a["iso3"].map(lambda s: names.get(s, "Afghanistan" if s == "AFG" else s)),
                         "lon": a["lon"], "lat": a["lat"], "tooltip": a["iso3"].map(lambda s: names.get(s, s))})


MAP_BOX = (30.0, 5.0, 115.0, 58.0)  # lon/lat box the page's map can show at its zoom


def clip_layer(fc: dict, bbox: tuple[float, float, float, float] = MAP_BOX, decimals: int = 3) -> dict:
    """A new FeatureCollection clipped to `bbox` with coordinates rounded to `decimals` (3 ≈ 100 m), so the
    map sends the browser only what it can show. Features entirely outside the box are dropped."""
    clip = box(*bbox)
    out = []
    for f in fc["features"]:
        g = shape(f["geometry"])
        if not g.intersects(clip):
            continue
        g = geojson.polygonal(g.intersection(clip))
        if g.is_empty:
            continue
        out.append({"type": "Feature", "properties": dict(f["properties"]), "geometry": _rounded(g, decimals)})
    return {"type": "FeatureCollection", "features": out}


GAP = 0.1  # degrees between neighbouring states: about 1.2 px at the map's zoom, where the grey land shows
LAND_FILL = [110, 110, 110, 255]
LINE_WIDTH_PX = 2.5
DEG_PER_PX = 360 / (512 * 2 ** MAP_VIEW["zoom"])


def map_countries(fc: dict) -> dict:
    """The region for drawing: clipped to the map box, each state shrunk by half of GAP, plus one grey land
    polygon underneath (feature "land") that shows through the gaps as the borders. Everything on the map is a
    filled polygon: in a browser without a GPU each extra deck.gl layer type (lines, points, text) costs a
    shader compilation and a slower redraw, and a recolour redraws the map (afdash.security.event_map does the same)."""
    clipped = clip_layer(fc)
    shapes = [shapely.make_valid(shape(f["geometry"])) for f in clipped["features"]]  # rounding can leave slivers
    land = geojson.polygonal(shapely.union_all(shapes, grid_size=0.001))
    features = [{"type": "Feature", "properties": {"iso3": "land", "name": ""},
                 "geometry": _rounded(land, 3)}]
    for f, g in zip(clipped["features"], shapes, strict=True):
        inner = geojson.polygonal(g.buffer(-GAP / 2, join_style="mitre"))
        if not inner.is_empty:
            features.append({"type": "Feature", "properties": dict(f["properties"]),
                             "geometry": _rounded(inner, 3)})
    return {"type": "FeatureCollection", "features": features}


def _rounded(geom, decimals: int) -> dict:
    m = mapping(geom)
    return {"type": m["type"], "coordinates": geojson._round(m["coordinates"], decimals)}


def mark_features(incidents: pd.DataFrame, paths: pd.DataFrame) -> dict:
    """Project lines (as thin polygons) and border-incident dots (as circle polygons), each with its fill
    and text tooltip, drawn by one polygon layer over the states."""
    features = []
    for p in paths.to_dict("records"):
        line = LineString(p["path"]).buffer(LINE_WIDTH_PX * DEG_PER_PX / 2, cap_style="round", join_style="round")
        features.append({"type": "Feature", "properties": {"fill": PROJECT_LINE, "tooltip": p["tooltip"]},
                         "geometry": _rounded(line, 3)})
    for r in incidents.to_dict("records"):
        halo = maps.circle(r["lon"], r["lat"], r["radius"] + 1.5, MAP_VIEW["zoom"], 18)
        dot = maps.circle(r["lon"], r["lat"], r["radius"], MAP_VIEW["zoom"], 18)
        features.append({"type": "Feature", "properties": {"fill": [0, 0, 0, 255], "tooltip": r["tooltip"]},
                         "geometry": _rounded(halo, 4)})
        features.append({"type": "Feature", "properties": {"fill": INCIDENT_FILL, "tooltip": r["tooltip"]},
                         "geometry": _rounded(dot, 4)})
    return {"type": "FeatureCollection", "features": features}


def map_labels(labels: pd.DataFrame, paths: pd.DataFrame) -> pd.DataFrame:
    """State names and the projects' short names in one table, so one text layer draws them all."""
    return pd.concat([
        pd.DataFrame({"text": labels["name"], "lon": labels["lon"], "lat": labels["lat"], "size": 13}),
        pd.DataFrame({"text": paths["short_name"], "lon": paths["label_lon"], "lat": paths["label_lat"], "size": 11}),
    ], ignore_index=True)


def regional_map(countries_fc: dict, styles: Mapping[str, Mapping], incidents: pd.DataFrame,
                 paths: pd.DataFrame, labels: pd.DataFrame) -> pdk.Deck:
    """States filled by `styles` over the grey land (gaps are the borders), project lines and border-incident
    dots as polygons, state and project names in one text layer; offline, text tooltips. `countries_fc` is
    map_countries' output."""
    extra = {"land": {"fill": LAND_FILL, "tooltip": ""}}
    for f in countries_fc["features"]:
        iso3 = f["properties"]["iso3"]
        if iso3 in styles:
            extra[iso3] = {"fill": list(styles[iso3]["fill"]), "tooltip": styles[iso3]["tooltip"]}
        elif iso3 == "AFG":
            extra[iso3] = {"fill": AFGHANISTAN_FILL, "tooltip": "Afghanistan"}
        elif iso3 != "land":
            extra[iso3] = {"fill": [*palette.NEUTRAL_FILL, 255], "tooltip": f["properties"]["name"]}
    fc = maps.with_properties(countries_fc, extra, "iso3")
    land = {"type": "FeatureCollection", "features": fc["features"][:1]}
    states = {"type": "FeatureCollection", "features": fc["features"][1:]}
    layers = [
        maps.province_layer(land, layer_id="regional-land", fill="properties.fill", pickable=False),
        maps.province_layer(states, layer_id="regional-countries", fill="properties.fill"),
        maps.province_layer(mark_features(incidents, paths), layer_id="regional-marks", fill="properties.fill"),
    ]
    for layer in layers:
        layer.stroked = False
    layers.append(pdk.Layer("TextLayer", map_labels(labels, paths), id="regional-labels", get_position=["lon", "lat"],
                            get_text="text", get_size="size", get_color=[30, 30, 30, 255], font_family=_FONT,
                            pickable=False))
    return maps.deck(layers, view=MAP_VIEW, tooltip_text="{tooltip}")




def map_and_legend(base: Mapping, colour: str, kept: Iterable[str], countries_fc: dict,
                   provinces: pd.DataFrame) -> tuple[pdk.Deck, pd.DataFrame]:
    """The regional map coloured by one attribute, with only the kept states coloured, and its legend."""
    names, points = base["names"], base["points"]
    styles, legend = country_styles(colour, names, base["stances"], base["memberships"], base["km"], kept)
    paths = project_paths(base["projects"], node_coordinates(points, provinces), names)
    deck = regional_map(countries_fc, styles, border_points(base["incidents"], points), paths,
                        state_labels(points, names))
    return deck, legend




def map_lists(incidents: pd.DataFrame, projects: pd.DataFrame) -> dict[str, str]:
    """The border incidents and projects the map draws, as Markdown lists with their sources (shown under the
    map, so what the map only marks can be read)."""
    return {
        "incidents": "\n".join(
            f"- **{md(r['border'])}** · {md(r['when'])} · {md(r['relation'])}: {md(r['title'])} — *{md(r['source'])}*"
            for r in incidents.to_dict("records")),
        "projects": "\n".join(
            f"- **{md(r['name'])}** ({md(PROJECT_KINDS[r['kind']])}; "
            f"{'on the map' if r['route'] else 'not drawn: no route'}): {md(r['description'])} "
            f"Status: {md(r['status'])}. — *{md(source_of(r))}*"
            for r in projects.to_dict("records")),
    }
