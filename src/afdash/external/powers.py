"""The external-powers page's logic: the U.S. timeline, the outside players, the shift in influence and
the map of a chosen power — plain functions over the built tables, no Streamlit.

The U.S. timeline is not a copy of dates and numbers: `us_instruments` points at rows of `events` and
`key_figures`, and `us_timeline` joins them. The influence shift is the report's qualitative judgement;
nothing here turns it into a score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import altair as alt
import pandas as pd

from afdash.core import timeline_labels
from afdash.core.figures import format_figure
from afdash.core.palette import HIGHLIGHT, OKABE_ITO, hex_to_rgb
from afdash.core.report import cite
from afdash.core.safe import md, md_link
from afdash.schema.checks import sourced_rows_check
from afdash.schema.fields import LIST_SEP, CellError, line_of

INSTRUMENTS: dict[str, str] = {
    "sanctions_financial": "Sanctions & finance",
    "military": "Military",
    "diplomatic": "Diplomatic",
    "multilateral": "Multilateral formats",
    "aid": "Aid",
}
INSTRUMENT_COLOURS = dict(zip(INSTRUMENTS, [OKABE_ITO[5], OKABE_ITO[7], OKABE_ITO[4], OKABE_ITO[6], OKABE_ITO[2]],
                              strict=True))
ASPECTS: dict[str, str] = {
    "interests": "Interests",
    "instruments": "Instruments",
    "ties_to_afghan_groups": "Ties to Afghan groups",
    "fit_with_russia_china": "Fit with Russian and Chinese interests",
}
FIT_CLASSES: dict[str, str] = {
    "aligned": "aligned",
    "mixed": "mixed",
    "divergent": "divergent",
    "not_assessed": "not assessed by the report",
}
ROLES: dict[str, str] = {
    "self": "the power itself",
    "member": "member",
    "partner": "partner named by the report",
    "prospective": "could join in future",
    "presence": "presence or footprint",
    "action": "action (strike, fighting, clash)",
}
# Country fills: the power (or a grouping's members) strongest, then partners, then prospective members.
FILL_RANK = {"self": 3, "member": 3, "partner": 2, "prospective": 1}
ROLE_COLOURS = {"self": HIGHLIGHT, "member": HIGHLIGHT, "partner": OKABE_ITO[0], "prospective": OKABE_ITO[1],
                "presence": OKABE_ITO[2], "action": OKABE_ITO[5]}

STATES = ["pak", "ind", "irn", "sau", "tur", "qat", "are", "isr"]
GROUPINGS = ["quad", "aukus", "i2u2", "ots", "nato"]
PLAYERS = STATES + GROUPINGS  # the order
POWERS = ["usa", *PLAYERS]
INFLUENCE_ORDER = ["usa", "pak", "qat", "irn", "tur"]  # the report's own order
US_ACTORS = {"usa", "usaid", "us_state_department", "us_treasury"}
# The withdrawal month: the U.S. timeline starts here unless the earlier context is asked for.
WITHDRAWAL = pd.Timestamp("2021-08-01")
# Wide enough for Turkey, Israel and the Gulf as well as Afghanistan and its neighbours.
SIDE_BY_SIDE_DEGREES = 0.5
MAP_VIEW = {"latitude": 34.0, "longitude": 57.0, "zoom": 2.6, "pitch": 0, "bearing": 0}
DIRECTION_WORDS = {"declined": "declined", "rose": "rose"}
DIRECTION_ARROWS = {"declined": "↓", "rose": "↑"}


def _has(v: object) -> bool:
    """A cell holds a value: not None, NaN/NA or empty (missing text cells load as NaN)."""
    return v is not None and not (not isinstance(v, str) and pd.isna(v)) and v != ""


def _ids(cell: object) -> list[str]:
    return str(cell).split(LIST_SEP) if _has(cell) else []


def _fn(v: object) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


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
                        font_px: float = TIMELINE_FONT_PX, limit: int = TIMELINE_LABELS) -> pd.DataFrame:
    if timeline.empty:
        return timeline_labels.place(timeline.assign(lane=""), "date_start", "title", "lane",
                                     (WITHDRAWAL, WITHDRAWAL), width_px, font_px)
    data = timeline.sort_values(["date_start", "instrument_id"], kind="stable")
    nth = data.groupby("instrument", sort=False).cumcount()
    data = data.assign(lane=data["type"], importance=nth * 2 + (data["figures"] == "").astype(int))
    end = data["date_end"].fillna(data["date_start"]).max()
    domain = (data["date_start"].min() - pd.Timedelta(days=14), end + pd.Timedelta(days=14))
    return timeline_labels.place(data, "date_start", "title", "lane", domain, width_px, font_px,
                                 priority="importance", limit=limit)


def timeline_chart(timeline: pd.DataFrame) -> alt.LayerChart:
    """Dots on a date axis, one lane per kind of instrument; multi-day or multi-month spans as bars.
    Month-precision dates are drawn as squares, so a first-of-month position is not read as a day."""
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
    labels = timeline_key_labels(timeline)
    written = timeline_labels.layers(labels, alt.X("when:T"), alt.Y("lane:N", sort=types,
                                                                     scale=alt.Scale(domain=types)),
                                     TIMELINE_FONT_PX) if not labels.empty else []
    return alt.layer(spans, dots, *written).properties(height=alt.Step(56) if written else 300)


# ------------------------------------------------------------------------------------------- players
def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(actors["actor_id"], actors["name"], strict=True))


def player_label(actor_id: str, names: Mapping[str, str]) -> str:
    short = {"quad": "QUAD", "aukus": "AUKUS", "i2u2": "I2U2 (“Middle East Four”)",
             "ots": "Organization of Turkic States", "nato": "NATO", "are": "UAE", "usa": "United States"}
    return short.get(actor_id, names.get(actor_id, actor_id))


def fit_of(players: pd.DataFrame, actor_id: str) -> str:
    rows = players[(players["actor_id"] == actor_id) & (players["aspect"] == "fit_with_russia_china")]
    return rows["fit_class"].iloc[0] if len(rows) else "not_assessed"


def influence_of(shift: pd.DataFrame, actor_id: str) -> str:
    """'↑ rose (markedly)', '↓ declined' or 'not stated'."""
    rows = shift[shift["actor_id"] == actor_id]
    if rows.empty:
        return "not stated"
    d = rows["direction"].iloc[0]
    marked = " (markedly)" if (rows["emphasis"] == "singled_out").any() else ""
    return f"{DIRECTION_ARROWS[d]} {DIRECTION_WORDS[d]}{marked}"


def players_overview(players: pd.DataFrame, shift: pd.DataFrame, names: Mapping[str, str],
                     ids: Sequence[str] = PLAYERS) -> pd.DataFrame:
    rows = []
    for a in ids:
        mine = players[players["actor_id"] == a]
        rows.append({
            "player": player_label(a, names),
            "kind": mine["kind"].iloc[0] if len(mine) else "",
            "fit with Russia/China": FIT_CLASSES[fit_of(players, a)],
            "influence after withdrawal": influence_of(shift, a),
            "points in the report": len(mine),
        })
    return pd.DataFrame(rows)


def player_rows(players: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """All rows of one player, in aspect order, each with its citation."""
    order = {a: i for i, a in enumerate(ASPECTS)}
    mine = players[players["actor_id"] == actor_id].copy()
    mine["aspect_order"] = mine["aspect"].map(order)
    mine["source"] = [cite(s, f) for s, f in zip(mine["section"], mine["footnote"], strict=True)]
    mine = mine.sort_values(["aspect_order", "row_id"], kind="stable").drop(columns="aspect_order")
    return mine.reset_index(drop=True)


def player_profile(rows: pd.DataFrame) -> dict[str, list[dict]]:
    """aspect → list of {text, source, fit_class}; an aspect the report says nothing about maps to []."""
    out: dict[str, list[dict]] = {a: [] for a in ASPECTS}
    for r in rows.to_dict("records"):
        out[r["aspect"]].append({"text": r["text"], "source": r["source"], "fit_class": r["fit_class"]})
    return out


# ----------------------------------------------------------------------------------------- influence
def influence_table(shift: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """One row per statement, U.S. first, then the risers in the report's order."""
    order = {a: i for i, a in enumerate(INFLUENCE_ORDER)}
    out = shift.copy()
    out["player"] = out["actor_id"].map(lambda a: player_label(a, names))
    out["direction_text"] = out["direction"].map(lambda d: f"{DIRECTION_ARROWS[d]} {d}")
    out["source"] = [cite(s, f) for s, f in zip(out["section"], out["footnote"], strict=True)]
    out["_o"] = out["actor_id"].map(lambda a: order.get(a, 99))
    out = out.sort_values(["_o", "section"], kind="stable").drop(columns="_o")
    return out[["player", "direction_text", "emphasis", "basis", "source", "actor_id", "direction", "section",
                "footnote"]].reset_index(drop=True)


def influence_chart(shift: pd.DataFrame, names: Mapping[str, str]) -> alt.LayerChart:
    """Arrows in two columns, 'declined' and 'rose'. No quantitative axis: the report measures nothing."""
    per = []
    for a, g in shift.groupby("actor_id", sort=False):
        d = g["direction"].iloc[0]
        marked = (g["emphasis"] == "singled_out").any()
        per.append({"player": player_label(a, names), "direction": d,
                    "label": "markedly" if marked else "",
                    "order": INFLUENCE_ORDER.index(a) if a in INFLUENCE_ORDER else 99})
    data = pd.DataFrame(per).sort_values("order")
    players = data["player"].tolist()
    x = alt.X("direction:N", title=None, sort=["declined", "rose"], scale=alt.Scale(domain=["declined", "rose"]),
              axis=alt.Axis(labelAngle=0, orient="top",
                            labelExpr="datum.value == 'declined' ? '↓ declined' : '↑ rose'"))
    y = alt.Y("player:N", title=None, sort=players)
    base = alt.Chart(data)
    arrows = base.mark_point(size=420, filled=True).encode(
        x=x, y=y,
        shape=alt.Shape("direction:N", legend=None, scale=alt.Scale(
            domain=["declined", "rose"], range=["triangle-down", "triangle-up"])),
        color=alt.Color("direction:N", legend=None, scale=alt.Scale(
            domain=["declined", "rose"], range=[OKABE_ITO[5], OKABE_ITO[2]])),
        tooltip=[alt.Tooltip("player:N"), alt.Tooltip("direction:N"), alt.Tooltip("label:N", title="Emphasis")])
    words = base.mark_text(align="left", dx=16, fontStyle="italic").encode(x=x, y=y, text="label:N")
    return alt.layer(arrows, words).properties(height=40 * len(players) + 30)


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
    power = rows["power_id"].iloc[0] if len(rows) else ""
    return {"power": player_label(power, names) if power else "", "fills": fills,
            "roles": {iso3: info["role"] for iso3, info in roles.items() if iso3 in in_layer},
            "points": points, "off_map": pd.DataFrame(off, columns=[
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


def map_deck(data: Mapping[str, object], countries: dict):
    """One power's map from map_layers_data: countries coloured by their link, dots for presence and actions,
    names, and its colour key (the deck's `legend`). Built once per power by the page's cache; the deck
    serialises itself once (afdash.maps.layers.CompactDeck)."""
    from afdash.external import power_map

    coloured = coloured_countries(countries, power_map.afghanistan_fill(data["fills"]))
    title = f"Linked to {data['power']}" if data.get("power") else "Links to the chosen power"
    return power_map.deck(data, countries, coloured, title, ROLE_COLOURS, MAP_VIEW)


def influence_text(table: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """influence_table for reading: per player its direction as a heading, then each statement with its source."""
    return [(f"**{md(player)}** {md(g['direction_text'].iloc[0])}",
             [f"{md(r['basis'])} — {md(r['source'])}" for r in g.to_dict("records")])
            for player, g in table.groupby("player", sort=False)]


def map_text(data: Mapping[str, pd.DataFrame], rows: pd.DataFrame) -> dict:
    """What one power's map (map_layers_data) cannot draw, as Markdown: countries off the map, actions in
    Afghanistan without a place, and the public-record rows with their links."""
    notes = public_record_notes(rows)
    public_record = []
    for url in dict.fromkeys(n["url"] for n in notes):
        isos = ", ".join(n["iso3"] for n in notes if n["url"] == url)
        text = next(n["text"] for n in notes if n["url"] == url)
        public_record.append(f"{md(text)} ({md(isos)}). Source: {md_link(url, url)}")
    label = data.get("power") or "this power"
    missing = not data["off_map"].empty or not data["unplaced"].empty
    return {
        # said only when something is not drawn; otherwise a plain statement that nothing is missing
        "heading": f"Linked to {md(label)} but not drawn on this map" if missing else "",
        "all_drawn": "" if missing else f"Everything linked to {md(label)} is drawn on the map.",
        "off_map": "\n".join(f"- {md(line)}" for line in off_map_lines(data["off_map"])),
        "unplaced": [(f"- {md(r['what'])}", md(r["source"])) for r in data["unplaced"].to_dict("records")],
        "public_record": public_record,
    }

