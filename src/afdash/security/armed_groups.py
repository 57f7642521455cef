"""Armed groups the report names: size estimates with their uncertainty, where they operate, whom they
threaten and how they stand towards the Taliban — plain functions over the `armed_groups`, `actors` and
`key_figures` tables."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.core.figures import format_figure
from afdash.core.report import cite
from afdash.schema.fields import CellError, line_of

# Whom a group threatens, as the report says it (fixed vocabulary, in display order).
THREATS: dict[str, str] = {
    "afghanistan": "Afghanistan",
    "central_asia": "Central Asia",
    "xinjiang": "Xinjiang",
    "china": "China / Chinese interests",
    "pakistan": "Pakistan",
    "russia": "Russia",
}
# How the report describes a group's relation to the Taliban.
TIES: dict[str, str] = {
    "hostile": "Hostile (fights the Taliban)",
    "part_of": "Part of the Taliban",
    "allied": "Allied (Taliban support described)",
    "linked": "Linked (ties not cut)",
    "tolerated": "Tolerated (moves freely)",
    "complex": "Complex relations",
    "not_stated": "Not stated",
}
SIZE_FIELDS = ("value", "low", "high", "unit", "qualifier", "as_printed")
# Short names for chart labels; the table keeps the full names.
SHORT_NAMES = {"isis_k": "ISIS-Khorasan", "etim": "ETIM", "ipt_imu": "IPT (IMU)"}


def _split(v: object) -> list[str]:
    return [] if v is None or (isinstance(v, float) and pd.isna(v)) or v == "" else str(v).split("|")


def table(groups: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One display row per group: name, size as words, operations, threats, ties, citation."""
    names = actors.set_index("actor_id")["name"]
    out = groups.copy()
    out.insert(1, "group", out["actor_id"].map(names))
    out["size"] = [
        format_figure(r.size_value, r.size_low, r.size_high, r.size_unit, r.size_qualifier)
        if pd.notna(r.size_unit) else "not given"
        for r in out.itertuples()
    ]
    out["threatens_labels"] = out["threatens"].map(lambda v: ", ".join(THREATS[x] for x in _split(v)) or "—")
    out["ties_label"] = out["taliban_ties"].map(TIES)
    out["source"] = [cite(s, f) for s, f in zip(out["section"], out["footnote"], strict=True)]
    return out


def filter_groups(frame: pd.DataFrame, threatens: Sequence[str] = (), ties: Sequence[str] = (),
                  banned_only: bool = False) -> pd.DataFrame:
    """Groups threatening ANY of `threatens` (all if empty), with ties in `ties` (all if empty)."""
    keep = pd.Series(True, index=frame.index)
    if threatens:
        wanted = set(threatens)
        keep &= frame["threatens"].map(lambda v: bool(wanted & set(_split(v))))
    if ties:
        keep &= frame["taliban_ties"].isin(list(ties))
    if banned_only:
        keep &= frame["banned_in_russia"].astype(bool)
    return frame[keep]


DOWNLOAD_COLUMNS = [
    "actor_id", "group", "name_in_report", "size", "size_value", "size_low", "size_high", "size_unit",
    "size_qualifier", "size_as_printed", "size_as_of", "size_covers", "earlier_value", "operates_in_iso3",
    "operates_in_provinces", "operates_note", "threatens", "threat_note", "taliban_ties", "ties_note",
    "banned_in_russia", "section", "footnote", "source",
]


def estimates(frame: pd.DataFrame, key_figures: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One mark per distinct printed estimate (a joint estimate for two groups is drawn once, labelled
    with both), plus the earlier figure where the report gives growth. Groups without a size are absent."""
    names = actors.set_index("actor_id")["name"].to_dict()
    kf = key_figures.set_index("figure_id")
    rows = []
    sized = frame[frame["size_figure_id"].notna()]
    for fid, part in sized.groupby("size_figure_id", sort=False):
        r = part.iloc[0]
        covered = _split(r["size_covers"])
        label = " + ".join(SHORT_NAMES.get(a, names.get(a, a)) for a in covered)
        fig = kf.loc[fid]
        base = {
            "label": label if len(covered) == 1 else f"{label} (joint estimate)",
            "figure_id": fid, "unit": r["size_unit"], "qualifier": r["size_qualifier"], "as_of": r["size_as_of"],
            "source": cite(fig["section"], fig["footnote"]),
        }
        is_range = pd.notna(r["size_low"])
        rows.append({**base, "kind": "range" if is_range else "point",
                     "low": r["size_low"] if is_range else r["size_value"],
                     "high": r["size_high"] if is_range else r["size_value"],
                     "text": format_figure(r["size_value"], r["size_low"], r["size_high"], r["size_unit"],
                                           r["size_qualifier"])})
        if pd.notna(r["earlier_value"]):
            efig = kf.loc[r["earlier_figure_id"]]
            rows.append({**base, "figure_id": r["earlier_figure_id"], "kind": "earlier",
                         "qualifier": efig["qualifier"], "as_of": efig["as_of"],
                         "source": cite(efig["section"], efig["footnote"]),
                         "low": r["earlier_value"], "high": r["earlier_value"], "to": r["size_value"],
                         "text": "earlier " + format_figure(r["earlier_value"], None, None, r["size_unit"],
                                                            efig["qualifier"])})
    return pd.DataFrame(rows, columns=["label", "figure_id", "unit", "qualifier", "as_of", "source", "kind", "low",
                                       "high", "to", "text"])


KIND_LEGEND = {"range": "Range as printed", "point": "Point figure", "earlier": "Earlier figure"}


def estimates_chart(marks: pd.DataFrame) -> alt.Chart:
    """Ranges as bars from low to high, point estimates as dots, earlier figures as hollow dots; the
    printed wording (with 'about') is the label. Linear axis: no uncertainty is invented beyond the print."""
    data = marks.assign(kind_label=marks["kind"].map(KIND_LEGEND))
    order = list(dict.fromkeys(data["label"]))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    x = alt.X("low:Q", title="Fighters / members (persons)", scale=alt.Scale(zero=True))
    colour = alt.Color("kind_label:N", title=None,
                       scale=alt.Scale(domain=list(KIND_LEGEND.values()),
                                       range=[palette.OKABE_ITO[4], palette.OKABE_ITO[5], palette.OKABE_ITO[7]]),
                       legend=alt.Legend(orient="bottom", labelLimit=200))
    tooltip = [alt.Tooltip("label:N", title="Group"), alt.Tooltip("text:N", title="Estimate"),
               alt.Tooltip("as_of:N", title="As of"), alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    ranges = base.transform_filter(alt.datum.kind == "range").mark_bar(height=14, opacity=0.75).encode(
        x=x, x2="high:Q", color=colour)
    points = base.transform_filter(alt.datum.kind == "point").mark_point(
        size=140, filled=True, shape="diamond").encode(x=x, color=colour)
    growth = base.transform_filter(alt.datum.kind == "earlier").mark_rule(
        strokeDash=[3, 3], color=palette.OKABE_ITO[7]).encode(x=x, x2="to:Q")
    earlier = base.transform_filter(alt.datum.kind == "earlier").mark_point(
        size=110, filled=False, strokeWidth=2).encode(x=x, color=colour)
    labels = base.transform_filter(alt.datum.kind != "earlier").mark_text(
        align="left", dx=10, fontSize=12).encode(x="high:Q", text="text:N")
    earlier_labels = base.transform_filter(alt.datum.kind == "earlier").mark_text(
        align="center", dy=-14, fontSize=11, color=palette.OKABE_ITO[7]).encode(x="high:Q", text="text:N")
    return alt.layer(growth, ranges, points, earlier, labels, earlier_labels).properties(height=alt.Step(44))


def checks(tables: dict[str, pd.DataFrame]) -> list[CellError]:
    """Each printed size must equal its key_figures row; 'banned in Russia' must agree with actors;
    a range has both bounds and no point value; only armed groups are listed."""
    g, kf, actors = tables["armed_groups"], tables["key_figures"], tables["actors"]
    kf = kf.set_index("figure_id")
    act = actors.set_index("actor_id")
    errors: list[CellError] = []

    def err(i, col, value, problem):
        errors.append(CellError("armed_groups.csv", line_of(i), col, str(value), problem))

    for i, r in g.iterrows():
        if r["actor_id"] in act.index:
            a = act.loc[r["actor_id"]]
            if a["kind"] != "armed_group":
                err(i, "actor_id", r["actor_id"], f"actor kind is {a['kind']}, not armed_group")
            if bool(a["banned_in_russia"]) != bool(r["banned_in_russia"]):
                err(i, "banned_in_russia", r["banned_in_russia"], "disagrees with actors.csv")
        has_size = any(pd.notna(r[f"size_{c}"]) for c in ("value", "low", "high"))
        fid = r["size_figure_id"]
        if has_size != pd.notna(fid):
            err(i, "size_figure_id", fid, "a printed size needs its key_figures row, and only a size has one")
        low, high, value = (pd.notna(r[f"size_{c}"]) for c in ("low", "high", "value"))
        if low != high or (low and value):
            err(i, "size_low", r["size_low"], "a range needs low and high and no point value")
        if pd.notna(fid):
            if fid not in kf.index:
                err(i, "size_figure_id", fid, "not a figure_id in key_figures.csv")
            else:
                f = kf.loc[fid]
                for c in SIZE_FIELDS:
                    mine, theirs = r[f"size_{c}"], f[c]
                    if not ((pd.isna(mine) and pd.isna(theirs)) or mine == theirs):
                        err(i, f"size_{c}", mine, f"differs from key_figures {fid}.{c} = {theirs!r}")
            if r["actor_id"] not in _split(r["size_covers"]):
                err(i, "size_covers", r["size_covers"], "must include the row's own actor_id")
        efid = r["earlier_figure_id"]
        if pd.notna(r["earlier_value"]) != pd.notna(efid):
            err(i, "earlier_figure_id", efid, "an earlier value needs its key_figures row")
        elif pd.notna(efid):
            if efid not in kf.index:
                err(i, "earlier_figure_id", efid, "not a figure_id in key_figures.csv")
            elif kf.loc[efid, "value"] != r["earlier_value"]:
                err(i, "earlier_value", r["earlier_value"], f"differs from key_figures {efid}.value")
    return errors
