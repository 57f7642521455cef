"""Security events from the report's event list: one filter (period, categories, actors, province) that
the map, the timeline and the table all read, so they always show the same rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from afdash.core import palette, timeline_labels
from afdash.core.report import cite
from afdash.security import places

SECURITY_CATEGORIES: tuple[str, ...] = (
    "attack", "strike", "clash", "border_incident", "crackdown", "unrest", "military",
)
CATEGORY_LABELS: dict[str, str] = {
    "attack": "Attack", "strike": "Strike", "clash": "Clash", "border_incident": "Border incident",
    "crackdown": "Crackdown", "unrest": "Unrest", "military": "Military move",
    "meeting": "Meeting", "visit": "Visit", "statement": "Statement", "agreement": "Agreement",
    "sanction": "Sanction", "financial": "Financial", "aid": "Aid", "diplomatic": "Diplomatic",
    "policy": "Policy", "disaster": "Disaster",
}
DEFAULT_START = date(2021, 1, 1)  # "around the takeover"; earlier events stay one slider move away
ALL_PROVINCES = "all"


def category_options(events: pd.DataFrame) -> list[str]:
    """Security categories first (fixed order), then every other category present, alphabetically."""
    present = set(events["category"])
    return [c for c in SECURITY_CATEGORIES if c in present] + sorted(present - set(SECURITY_CATEGORIES))


# Okabe–Ito colours for the security categories (yellow left out: too faint for small marks on white);
# other categories share a neutral grey, their lane already tells them apart.
SECURITY_COLOURS = {
    "attack": palette.OKABE_ITO[5], "strike": palette.OKABE_ITO[4], "clash": palette.OKABE_ITO[0],
    "border_incident": palette.OKABE_ITO[6], "crackdown": palette.OKABE_ITO[2], "unrest": palette.OKABE_ITO[1],
    "military": palette.OKABE_ITO[7],
}
OTHER_COLOUR = "#888888"


def category_colours(options: Sequence[str]) -> dict[str, str]:
    return {c: SECURITY_COLOURS.get(c, OTHER_COLOUR) for c in options}


def _span_end(r) -> pd.Timestamp:
    if pd.notna(r["date_end"]):
        return r["date_end"]
    start = r["date_start"]
    if r["date_precision"] == "month":
        return start + pd.offsets.MonthEnd(0)
    if r["date_precision"] == "season":
        return start + pd.DateOffset(months=3) - pd.Timedelta(days=1)
    if r["date_precision"] == "year":
        return start + pd.offsets.YearEnd(0)
    return start


def _date_text(r) -> str:
    s, e, p = r["date_start"], r["span_end"], r["date_precision"]
    if p == "day":
        text = f"{s.day} {s:%b %Y}"
        return text if e == s else f"{text} – {e.day} {e:%b %Y}"
    if p == "month":
        return f"{s:%b %Y}" if (s.year, s.month) == (e.year, e.month) else f"{s:%b %Y} – {e:%b %Y}"
    if p == "season":
        return f"{s:%b %Y} – {e:%b %Y} (season)"
    return f"{s.year}" if s.year == e.year else f"{s.year}–{e.year}"


def prepare(events: pd.DataFrame, actors: pd.DataFrame, provinces: pd.DataFrame,
            place_table: pd.DataFrame) -> pd.DataFrame:
    """Events with their time span, readable actors/province, citation and where (if anywhere) the map
    draws them: at a named place with GeoNames coordinates, else at their province's label point."""
    out = events.copy()
    out["span_start"] = out["date_start"]
    out["span_end"] = out.apply(_span_end, axis=1)
    out["date_text"] = out.apply(_date_text, axis=1)
    names = actors.set_index("actor_id")["name"].to_dict()
    out["actors"] = out["actor_ids"].map(
        lambda v: ", ".join(names.get(a, a) for a in str(v).split("|")) if isinstance(v, str) and v else "")
    prov = provinces.set_index("iso_3166_2")
    out["province"] = out["province_iso"].map(lambda p: prov.loc[p, "name"] if isinstance(p, str) else None)
    out["category_label"] = out["category"].map(CATEGORY_LABELS).fillna(out["category"])
    out["source"] = [cite(s, f) for s, f in zip(out["section"], out["footnote"], strict=True)]

    aliases = places.alias_index(place_table)
    pt = place_table.set_index("place_id")
    lon, lat, where, how = [], [], [], []
    for r in out.itertuples():
        pid = aliases.get(str(r.place).strip().lower()) if isinstance(r.place, str) else None
        if pid is not None and pd.notna(pt.loc[pid, "lon"]):
            lon.append(pt.loc[pid, "lon"])
            lat.append(pt.loc[pid, "lat"])
            where.append(pt.loc[pid, "name"])
            how.append("place")
        elif isinstance(r.province_iso, str):
            lon.append(prov.loc[r.province_iso, "label_lon"])
            lat.append(prov.loc[r.province_iso, "label_lat"])
            where.append(f"{prov.loc[r.province_iso, 'name']} province")
            how.append("province")
        else:
            lon.append(None)
            lat.append(None)
            where.append(None)
            how.append(None)
    out["lon"] = pd.array(lon, dtype="float64")
    out["lat"] = pd.array(lat, dtype="float64")
    out["map_location"] = where
    out["located_by"] = how
    return out.sort_values(["span_start", "event_id"]).reset_index(drop=True)


def bounds(prepared: pd.DataFrame) -> tuple[date, date]:
    return prepared["span_start"].min().date(), prepared["span_end"].max().date()


def filter_options(prepared: pd.DataFrame, actors: pd.DataFrame, provinces: pd.DataFrame) -> dict:
    """The choices and labels of the event filters, which depend only on the data: the page derives them once
    per data version, and the options offered are exactly the values present in the prepared events."""
    names = actors.set_index("actor_id")["name"].to_dict()
    prov_names = provinces.set_index("iso_3166_2")["name"].to_dict()
    return {
        "names": names,
        "prov_names": prov_names,
        "prov_opts": [ALL_PROVINCES, *sorted(prov_names, key=prov_names.get)],
        "categories": category_options(prepared),
        "actor_opts": sorted({a for v in prepared["actor_ids"].dropna() for a in v.split("|")}, key=names.get),
        "bounds": bounds(prepared),
    }


@dataclass(frozen=True)
class EventFilter:
    start: date
    end: date
    categories: tuple[str, ...] = SECURITY_CATEGORIES
    actors: tuple[str, ...] = ()  # empty: any actor
    province: str = ALL_PROVINCES


def apply(prepared: pd.DataFrame, f: EventFilter) -> pd.DataFrame:
    """Rows whose time span overlaps [start, end], in one of the categories, involving ANY of the chosen
    actors (all if none chosen), in the chosen province (all if 'all')."""
    start, end = pd.Timestamp(f.start), pd.Timestamp(f.end)
    keep = (prepared["span_start"] <= end) & (prepared["span_end"] >= start)
    keep &= prepared["category"].isin(list(f.categories))
    if f.actors:
        wanted = set(f.actors)
        keep &= prepared["actor_ids"].map(lambda v: isinstance(v, str) and bool(wanted & set(v.split("|"))))
    if f.province != ALL_PROVINCES:
        keep &= prepared["province_iso"] == f.province
    return prepared[keep]


def without_province(f: EventFilter) -> EventFilter:
    """The same filter for every province: the map's choropleth shows all provinces for the other filters."""
    return EventFilter(f.start, f.end, f.categories, f.actors, ALL_PROVINCES)


def describe(f: EventFilter, default: EventFilter, names: dict[str, str] | None = None) -> str:
    """The filters that differ from the default, in words, for empty states and captions."""
    names = names or {}
    parts = []
    if (f.start, f.end) != (default.start, default.end):
        parts.append(f"period={f.start:%Y-%m-%d}..{f.end:%Y-%m-%d}")
    if set(f.categories) != set(default.categories):
        parts.append("category=" + (", ".join(f.categories) or "none"))
    if f.actors:
        parts.append("actor=" + ", ".join(names.get(a, a) for a in f.actors))
    if f.province != ALL_PROVINCES:
        parts.append(f"province={names.get(f.province, f.province)}")
    return "; ".join(parts) or "default filters"


def summary(f: EventFilter, default: EventFilter, names: dict[str, str] | None = None) -> str:
    """Every filter in words, defaults included: the line under a filter box that stays closed, so what the
    map, timeline or list shows is never hidden inside it."""
    names = names or {}
    if set(f.categories) == set(default.categories):
        cats = "the security categories"
    else:
        cats = ", ".join(CATEGORY_LABELS.get(c, c) for c in f.categories) or "none"
    actors = ", ".join(names.get(a, a) for a in f.actors) or "any"
    return f"period {f.start:%Y-%m-%d} to {f.end:%Y-%m-%d}; categories: {cats}; actors: {actors}"


def file_filters(f: EventFilter, default: EventFilter) -> dict[str, object]:
    """Filters for the download's file name (afdash.core.downloads.file_name), defaults left out."""
    out: dict[str, object] = {}
    if (f.start, f.end) != (default.start, default.end):
        out["period"] = f"{f.start:%Y%m%d}-{f.end:%Y%m%d}"
    if set(f.categories) != set(default.categories):
        out["category"] = list(f.categories) or "none"
    if f.actors:
        out["actor"] = list(f.actors)
    if f.province != ALL_PROVINCES:
        out["province"] = f.province
    return out


TABLE_COLUMNS = [
    "event_id", "date_start", "date_end", "date_precision", "date_text", "category", "title", "description",
    "actors", "actor_ids", "country_iso3", "province_iso", "province", "place", "map_location", "section",
    "footnote", "source",
]


def table(filtered: pd.DataFrame) -> pd.DataFrame:
    """Exactly what the page shows under the map and offers for download."""
    return filtered[TABLE_COLUMNS].reset_index(drop=True)


def _counts(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    out = [{key: k, "count": len(g), "events": [f"{d} · {t}" for d, t in zip(g["date_text"], g["title"], strict=True)]}
           for k, g in rows.groupby(key, sort=True)]
    return pd.DataFrame(out, columns=[key, "count", "events"])


def province_counts(filtered: pd.DataFrame) -> pd.DataFrame:
    """Events per province (only rows that name a province), with their dates and titles."""
    return _counts(filtered[filtered["province_iso"].notna()], "province_iso")


def country_counts(filtered: pd.DataFrame) -> pd.DataFrame:
    """Events per country outside Afghanistan, for the context outlines."""
    return _counts(filtered[filtered["country_iso3"].notna() & (filtered["country_iso3"] != "AFG")], "country_iso3")


def unlocated(filtered: pd.DataFrame) -> pd.DataFrame:
    """Rows the map cannot draw as a point: no named place with coordinates and no province."""
    return filtered[filtered["located_by"].isna()]


def unlocated_note(filtered: pd.DataFrame) -> str:
    """Why some rows have no dot on the map, in one sentence ('' when every row has one)."""
    off = unlocated(filtered)
    if off.empty:
        return ""
    abroad = int((off["country_iso3"].notna() & (off["country_iso3"] != "AFG")).sum())
    return (f"{len(off)} of {len(filtered)} events in the current filters have no dot: {abroad} took place in a "
            f"neighbouring country (tinted), {len(off) - abroad} name no place or province. All are in the "
            "timeline and the table.")


# Key events written on the timeline, at most TIMELINE_LABELS: the earliest event of every category first
# (categories in the order of SECURITY_CATEGORIES: attacks, strikes, clashes, ...; others after), then each
# category's second, and so on, so every lane is named before any lane gets a second label. Widths are estimated
# on a chart of TIMELINE_WIDTH_PX (the page's at 1440 px): a label that would overlap goes below its dot or is
# left out (its dot keeps the tooltip).
TIMELINE_LABELS = 12
TIMELINE_WIDTH_PX = 760
TIMELINE_FONT_PX = 12


def key_event_labels(filtered: pd.DataFrame, f: EventFilter, width_px: float = TIMELINE_WIDTH_PX,
                     font_px: float = TIMELINE_FONT_PX, limit: int = TIMELINE_LABELS) -> pd.DataFrame:
    rank = {c: i for i, c in enumerate(SECURITY_CATEGORIES)}
    data = filtered.sort_values(["span_start", "event_id"], kind="stable")
    nth = data.groupby("category", sort=False).cumcount()
    category = data["category"].map(lambda c: rank.get(c, len(rank)))
    data = data.assign(importance=nth * 1000 + category, lane=data["category_label"])
    domain = (pd.Timestamp(f.start), pd.Timestamp(f.end) + pd.Timedelta(days=1))
    return timeline_labels.place(data, "span_start", "title", "lane", domain, width_px, font_px,
                                 priority="importance", limit=limit)


def timeline_chart(filtered: pd.DataFrame, f: EventFilter, colours: dict[str, str]) -> alt.LayerChart:
    """One lane per category on the chosen period; a dot at the start, a bar over the span where the event
    lasts or its date is only known to the month, season or year; a rule at the takeover."""
    data = filtered.assign(
        span_end_excl=filtered["span_end"] + pd.Timedelta(days=1),
        precision=filtered["date_precision"],
    )[["event_id", "span_start", "span_end_excl", "date_text", "precision", "category", "category_label",
       "title", "actors", "map_location", "source"]]
    cats = [c for c in colours if c in set(data["category"])] or list(colours)
    domain = [pd.Timestamp(f.start).isoformat(), (pd.Timestamp(f.end) + pd.Timedelta(days=1)).isoformat()]
    x = alt.X("span_start:T", title=None, scale=alt.Scale(domain=domain), axis=alt.Axis(format="%b %Y"))
    y = alt.Y("category_label:N", title=None, sort=[CATEGORY_LABELS.get(c, c) for c in cats])
    colour = alt.Color("category_label:N", legend=None,
                       scale=alt.Scale(domain=[CATEGORY_LABELS.get(c, c) for c in colours],
                                       range=list(colours.values())))
    tooltip = [alt.Tooltip("date_text:N", title="When"), alt.Tooltip("title:N", title="Event"),
               alt.Tooltip("category_label:N", title="Category"), alt.Tooltip("actors:N", title="Actors"),
               alt.Tooltip("map_location:N", title="Where"), alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(data).encode(y=y, color=colour, tooltip=tooltip)
    spans = base.mark_bar(height=6, opacity=0.45).encode(x=x, x2="span_end_excl:T")
    dots = base.mark_circle(size=90, opacity=0.9, stroke="white", strokeWidth=1).encode(x=x)
    layers = [spans, dots]
    labels = key_event_labels(filtered, f)
    if not labels.empty:
        layers += timeline_labels.layers(labels, alt.X("when:T", scale=alt.Scale(domain=domain)),
                                         alt.Y("lane:N", sort=[CATEGORY_LABELS.get(c, c) for c in cats]),
                                         TIMELINE_FONT_PX)
    takeover = pd.Timestamp(2021, 8, 15)
    if pd.Timestamp(f.start) <= takeover <= pd.Timestamp(f.end):
        rule_data = pd.DataFrame({"date": [takeover], "label": ["Taliban take Kabul, 15 Aug 2021"]})
        layers.append(alt.Chart(rule_data).mark_rule(color=palette.OKABE_ITO[7], strokeDash=[4, 3]).encode(
            x=alt.X("date:T", scale=alt.Scale(domain=domain)), tooltip=[alt.Tooltip("label:N", title="Event")]))
    return alt.layer(*layers).properties(height=alt.Step(48 if not labels.empty else 30))
