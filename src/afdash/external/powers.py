"""One outside power on the map: itself or its members, partners, prospective members, presence and actions."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.core.palette import hex_to_rgb
from afdash.core.report import cite
from afdash.core.safe import md, md_link
from afdash.external.vocabulary import FILL_RANK, MAP_VIEW, ROLE_COLOURS, ROLES, SIDE_BY_SIDE_DEGREES, _has


# ----------------------------------------------------------------------------------------------- map
def representative_points(countries: dict) -> dict[str, tuple[float, float]]:
    """A point inside each country of the layer (not its capital): where country-level marks are drawn."""
    from shapely.geometry import shape

    out = {}
    for f in countries["features"]:
        p = shape(f["geometry"]).representative_point()
        out[f["properties"]["iso3"]] = (round(p.x, 4), round(p.y, 4))
    return out


def coloured_countries(countries: dict, fills: Mapping[str, Mapping[str, object]]) -> dict:
    """A new FeatureCollection (the cached one is never mutated) with a fill and a tooltip per country."""
    from afdash.core.palette import NEUTRAL_FILL

    features = []
    for f in countries["features"]:
        props = dict(f["properties"])
        hit = fills.get(props["iso3"])
        props["fill"] = list(hit["fill"]) if hit else [*NEUTRAL_FILL, 255]
        props["tip"] = hit["tip"] if hit else props["name"]
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def power_rows(geography: pd.DataFrame, power: str) -> pd.DataFrame:
    return geography[geography["power_id"] == power].reset_index(drop=True)


def country_roles(rows: pd.DataFrame) -> dict[str, dict]:
    """iso3 → strongest filling role and every reason, for countries (presence/action rows excluded)."""
    out: dict[str, dict] = {}
    for r in rows[rows["role"].isin(list(FILL_RANK))].to_dict("records"):
        cur = out.setdefault(r["iso3"], {"role": r["role"], "reasons": []})
        if FILL_RANK[r["role"]] > FILL_RANK[cur["role"]]:
            cur["role"] = r["role"]
        if r["description"] not in cur["reasons"]:
            cur["reasons"].append(r["description"])
    return out


def map_layers_data(rows: pd.DataFrame, countries: dict, provinces: pd.DataFrame,
                    rep_points: Mapping[str, tuple[float, float]], names: Mapping[str, str]) -> dict:
    """Everything the map draws or lists for one power:
    fills (iso3 → rgba + tooltip), points (presence/action marks), off_map (countries the layer lacks) and
    unplaced (Afghan rows with no province given: listed, never drawn at an invented spot)."""
    in_layer = {f["properties"]["iso3"] for f in countries["features"]}
    roles = country_roles(rows)
    fills = {}
    for iso3, info in roles.items():
        if iso3 in in_layer:
            fills[iso3] = {"fill": hex_to_rgb(ROLE_COLOURS[info["role"]], 210),
                           "tip": f"{names.get(iso3.lower(), iso3)} — {ROLES[info['role']]}: "
                                  + " ".join(info["reasons"])}
    prov = provinces.set_index("iso_3166_2")
    marks, unplaced = [], []
    for r in rows[rows["role"].isin(["presence", "action"])].to_dict("records"):
        if _has(r["province_iso"]):
            p = prov.loc[r["province_iso"]]
            place = r["place"] if _has(r["place"]) else p["name"]
            lon, lat, where = p["label_lon"], p["label_lat"], f"{place} ({p['name']} province)"
        elif r["iso3"] != "AFG" and r["iso3"] in rep_points:
            lon, lat = rep_points[r["iso3"]]
            place = r["place"] if _has(r["place"]) else names.get(r["iso3"].lower(), r["iso3"])
            where = f"{place} (marked inside the country, not at the exact spot)"
        else:
            unplaced.append({"where": names.get(r["iso3"].lower(), r["iso3"]), "role": ROLES[r["role"]],
                             "what": r["description"], "source": cite(r["section"], r["footnote"])})
            continue
        marks.append({"lon": lon, "lat": lat, "role": r["role"], "where": where, "what": r["description"]})
    points = pd.DataFrame(marks, columns=["lon", "lat", "role", "where", "what"])
    if not points.empty:  # one mark per spot and role, every reason in its tooltip
        points = (points.groupby(["lon", "lat", "role"], sort=False)
                  .agg(where=("where", "first"), what=("what", lambda s: " · ".join(dict.fromkeys(s))))
                  .reset_index())
        # A presence and an action at the same spot would hide each other: set the action mark beside it.
        shared = points.duplicated(["lon", "lat"], keep=False) & (points["role"] == "action")
        points.loc[shared, "lon"] = points.loc[shared, "lon"] + SIDE_BY_SIDE_DEGREES
        points["tip"] = points.apply(lambda r: f"{r['where']} — {ROLES[r['role']]}: {r['what']}", axis=1)
        points["color"] = points["role"].map(lambda k: hex_to_rgb(ROLE_COLOURS[k], 235))
    off = []
    for iso3, info in roles.items():
        if iso3 not in in_layer:
            basis = rows[rows["iso3"] == iso3]["basis"]
            off.append({"country": names.get(iso3.lower(), iso3), "iso3": iso3, "role": ROLES[info["role"]],
                        "why listed": " ".join(info["reasons"]),
                        "basis": "public record" if (basis == "public_record").all() else "report"})
    return {"fills": fills, "points": points, "off_map": pd.DataFrame(off, columns=[
        "country", "iso3", "role", "why listed", "basis"]), "unplaced": pd.DataFrame(unplaced, columns=[
            "where", "role", "what", "source"])}


def off_map_lines(off_map: pd.DataFrame) -> list[str]:
    """Countries the map cannot draw, grouped by role and reason: 'United Kingdom, France — partner …: …'."""
    lines = []
    for (role, why, basis), g in off_map.groupby(["role", "why listed", "basis"], sort=False):
        suffix = " (public record)" if basis == "public record" else ""
        reason = "" if role == ROLES["self"] else f": {why}"
        lines.append(f"{', '.join(g['country'])} — {role}{suffix}{reason}")
    return lines


def public_record_notes(rows: pd.DataFrame) -> list[dict]:
    """Public-record memberships and corrections for one power, each with its URL."""
    notes = []
    for r in rows.to_dict("records"):
        if r["basis"] == "public_record" or _has(r["public_record_note"]):
            note = r["public_record_note"] if _has(r["public_record_note"]) else r["description"]
            notes.append({"iso3": r["iso3"], "text": note,
                          "url": r["source_url"]})
    return notes




def map_deck(data: Mapping[str, object], countries: dict):
    """One power's map from map_layers_data: countries coloured by their link, dots for presence and actions.
    Built once per power by the page's cache; the deck serialises itself once (afdash.maps.layers.CompactDeck)."""
    import pydeck as pdk

    from afdash.maps import layers as maps

    layers = [maps.country_layer(coloured_countries(countries, data["fills"]), fill="properties.fill", pickable=True)]
    if not data["points"].empty:
        layers.append(pdk.Layer("ScatterplotLayer", data["points"], id="marks", get_position=["lon", "lat"],
                                get_fill_color="color", get_line_color=[255, 255, 255, 255], stroked=True,
                                line_width_min_pixels=1, get_radius=20000, radius_min_pixels=6,
                                radius_max_pixels=9, pickable=True))
    return maps.deck(layers, MAP_VIEW, tooltip_text="{tip}")




def map_text(data: Mapping[str, pd.DataFrame], rows: pd.DataFrame) -> dict:
    """What one power's map (map_layers_data) cannot draw, as Markdown: countries off the map, actions in
    Afghanistan without a place, and the public-record rows with their links."""
    notes = public_record_notes(rows)
    public_record = []
    for url in dict.fromkeys(n["url"] for n in notes):
        isos = ", ".join(n["iso3"] for n in notes if n["url"] == url)
        text = next(n["text"] for n in notes if n["url"] == url)
        public_record.append(f"{md(text)} ({md(isos)}). Source: {md_link(url, url)}")
    return {
        "off_map": "\n".join(f"- {md(line)}" for line in off_map_lines(data["off_map"])),
        "unplaced": [(f"- {md(r['what'])}", md(r["source"])) for r in data["unplaced"].to_dict("records")],
        "public_record": public_record,
    }
