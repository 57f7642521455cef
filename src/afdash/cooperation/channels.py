"""Channels of Russia–China cooperation: the catalogue, who belongs where (a states × channels
matrix), a bipartite network layout computed with numpy, and the map colouring for one channel.

Plain functions over the `channels`, `channel_members` and `actors` tables; no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from afdash.cooperation.datasets import ROLES, THREATS
from afdash.core import iso3166
from afdash.core.palette import HIGHLIGHT, NEUTRAL_FILL, OKABE_ITO, hex_to_rgb
from afdash.core.report import cite
from afdash.core.safe import md
from afdash.maps import labels as maplabels
from afdash.maps import layers as maps
from afdash.maps.legend import Legend

ROLE_LABELS = {
    "member": "member", "permanent_member": "permanent member", "elected_member": "elected member (2022)",
    "associate_member": "associate member", "observer": "observer", "dialogue_partner": "dialogue partner",
    "participant": "participant", "convenor": "convenor", "initiator": "initiator", "invitee": "proposed invitee",
}
assert set(ROLE_LABELS) == set(ROLES)
THREAT_LABELS = {
    "terrorism": "terrorism", "drugs": "drugs", "refugees": "refugees", "economy": "economy",
    "border_security": "border security", "instability": "instability",
}
assert set(THREAT_LABELS) == set(THREATS)
KIND_LABELS = {"military_alliance": "military alliance", "political": "political", "economic": "economic",
               "ad_hoc": "ad hoc"}

# Three classes a reader can tell apart on the map and in the network (Okabe–Ito colours).
ROLE_CLASS = {
    "member": "full", "permanent_member": "full", "elected_member": "full", "participant": "full",
    "convenor": "full", "initiator": "full",
    "associate_member": "partner", "observer": "partner", "dialogue_partner": "partner",
    "invitee": "invited",
}
CLASS_LABELS = {"full": "member or participant", "partner": "observer or partner", "invited": "proposed invitee"}
CLASS_COLOURS = {"full": HIGHLIGHT, "partner": OKABE_ITO[0], "invited": OKABE_ITO[6]}
CLASS_ORDER = ["full", "partner", "invited"]


# ---- names ----------------------------------------------------------------------------------------
def state_names(actors: pd.DataFrame, iso3s: Iterable[str]) -> dict[str, str]:
    """Display names: the report's spelling (actors.csv) where the state is an actor, else ISO 3166."""
    from_actors = dict(zip(actors["iso3"], actors["name"], strict=True))
    iso = iso3166.names()
    return {code: from_actors.get(code) or iso.get(code, code) for code in iso3s}


def report_states(actors: pd.DataFrame) -> set[str]:
    """States the report itself names (actors.csv rows with an ISO code)."""
    return set(actors.loc[actors["kind"].eq("state") & actors["iso3"].notna(), "iso3"])


def lookups(actors: pd.DataFrame, members: pd.DataFrame, channels: pd.DataFrame, countries: pd.DataFrame) -> dict:
    """The names and state sets every section of the page reads, derived together so the page computes them
    once per data version instead of once per widget."""
    return {
        "states": state_names(actors, set(members["iso3"])),
        "actors": dict(zip(actors["actor_id"], actors["name"], strict=True)),
        "channels": labels(channels),
        "named": report_states(actors),
        "on_map": set(countries["iso3"]),
    }


def labels(channels: pd.DataFrame) -> dict[str, str]:
    return dict(zip(channels["channel_id"], channels["label"], strict=True))


def split(value: object) -> list[str]:
    return str(value).split("|") if isinstance(value, str) and value else []


# ---- catalogue ------------------------------------------------------------------------------------
# Which channels Russia and China sit in together: the page's question is where Moscow and Beijing can act
# together, and the catalogue otherwise mixes those with channels only one of them belongs to.
TOGETHER = {"all": "Every channel", "both": "Both take part", "one": "Only one takes part"}
RUSSIA_CHINA = ("RUS", "CHN")


def russia_china_presence(members: pd.DataFrame) -> pd.Series:
    """Per channel with listed members: how many of Russia and China are listed in it, in any role (0–2)."""
    rc = members[members["iso3"].isin(RUSSIA_CHINA)].drop_duplicates(["channel_id", "iso3"])
    counts = rc.groupby("channel_id").size()
    return counts.reindex(members["channel_id"].unique(), fill_value=0)


def filter_together(channels: pd.DataFrame, members: pd.DataFrame, together: str = "all") -> pd.DataFrame:
    """Channels in which both Russia and China are listed ("both"), or exactly one of them ("one"); "all"
    keeps every channel. A channel with no listed members is in neither: afdash does not guess who sits in it."""
    if together == "all":
        return channels
    wanted = {"both": 2, "one": 1}[together]
    n = channels["channel_id"].map(russia_china_presence(members)).fillna(0)
    return channels[n == wanted]


def filters_text(kinds: Sequence[str], threats: Sequence[str]) -> str:
    """Both catalogue filters in words, "all" included: the caption under the closed filter box."""
    return ("kind: " + (", ".join(KIND_LABELS.get(k, k) for k in kinds) or "all kinds")
            + "; threat addressed: " + (", ".join(THREAT_LABELS.get(t, t) for t in threats) or "all threats"))


def filter_channels(channels: pd.DataFrame, kinds: Sequence[str] = (), threats: Sequence[str] = ()) -> pd.DataFrame:
    """Channels of any of `kinds` that address any of `threats`; an empty selection means all."""
    keep = pd.Series(True, index=channels.index)
    if kinds:
        keep &= channels["kind"].isin(kinds)
    if threats:
        keep &= channels["threats"].map(lambda t: bool(set(split(t)) & set(threats)))
    return channels[keep]


def catalogue(channels: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per channel, as the page shows and downloads it."""
    names = labels(channels)
    counts = members.groupby("channel_id").size()
    return pd.DataFrame({
        "channel": channels["label"],
        "kind": channels["kind"].map(KIND_LABELS),
        "form": channels["form"],
        "status": channels["status"],
        "part_of": channels["parent_id"].map(names).fillna(""),
        "states_listed": channels["channel_id"].map(counts).fillna(0).astype(int),
        "threats": channels["threats"].map(lambda t: ", ".join(THREAT_LABELS[x] for x in split(t))),
        "functions": channels["functions"],
        "report_view": channels["report_view"],
        "source": [cite(s, f) for s, f in zip(channels["section"], channels["footnote"], strict=True)],
    }).reset_index(drop=True)


# ---- membership ---------------------------------------------------------------------------------
def members_of(members: pd.DataFrame, channel_id: str) -> pd.DataFrame:
    return members[members["channel_id"] == channel_id]


def member_list(members: pd.DataFrame, channel_id: str, names: dict[str, str]) -> pd.DataFrame:
    """The chosen channel's states with role and basis, for the page and its download."""
    rows = members_of(members, channel_id)
    basis = [
        cite(s, f) if b in ("report", "parent") and isinstance(s, str) else u
        for b, s, f, u in zip(rows["basis"], rows["section"], rows["footnote"], rows["source_url"], strict=True)
    ]
    out = pd.DataFrame({
        "state": rows["iso3"].map(names),
        "iso3": rows["iso3"],
        "role": rows["role"].map(ROLE_LABELS),
        "as_of": rows["as_of"].dt.strftime("%Y-%m-%d"),
        "basis": rows["basis"],
        "source": basis,
        "note": rows["note"],
    })
    order = rows["role"].map(lambda r: CLASS_ORDER.index(ROLE_CLASS[r]))
    return out.assign(_o=order.to_numpy()).sort_values(["_o", "state"]).drop(columns="_o").reset_index(drop=True)


def membership_matrix(members: pd.DataFrame, channels: pd.DataFrame, names: dict[str, str],
                      states: set[str] | None = None) -> pd.DataFrame:
    """States × channels, each cell the state's role ('' if none). Rows: states in most channels first;
    columns: channels in catalogue order, only those with a listed membership. `states` limits rows."""
    rows = members if states is None else members[members["iso3"].isin(states)]
    wide = rows.pivot(index="iso3", columns="channel_id", values="role")
    cols = [c for c in channels["channel_id"] if c in wide.columns]
    wide = wide[cols]
    order = wide.notna().sum(axis=1).rename("n").to_frame().assign(name=wide.index.map(names))
    wide = wide.loc[order.sort_values(["n", "name"], ascending=[False, True]).index]
    out = wide.apply(lambda col: col.map(lambda r: ROLE_LABELS.get(r, "") if isinstance(r, str) else ""))
    out.columns = [labels(channels)[c] for c in cols]
    out.insert(0, "state", [names[i] for i in out.index])
    out.index.name = "iso3"
    return out.reset_index()


# ---- map ----------------------------------------------------------------------------------------
def map_features(countries: dict, members: pd.DataFrame, channel_id: str) -> dict:
    """The regional country layer with each feature's fill and role for one channel (new dicts; the
    cached GeoJSON is not touched)."""
    rows = members_of(members, channel_id)
    extra: dict[str, dict] = {}
    for iso, role in zip(rows["iso3"], rows["role"], strict=True):
        cls = ROLE_CLASS[role]
        extra[iso] = {"fill": hex_to_rgb(CLASS_COLOURS[cls], 220), "role": ROLE_LABELS[role]}
    default = {"fill": [*NEUTRAL_FILL, 255], "role": "not listed"}
    extra.setdefault("AFG", {"fill": maps.AFGHANISTAN_FILL, "role": "not listed"})  # apart from other land
    fc = maps.with_properties(countries, extra, "iso3")
    for f in fc["features"]:
        for k, v in default.items():
            f["properties"].setdefault(k, v)
    return fc


# Wider than maps.REGION_VIEW: members run from Turkey and the Caucasus to Mongolia.
MEMBERSHIP_VIEW = {"latitude": 40.0, "longitude": 72.0, "zoom": 2.2, "pitch": 0, "bearing": 0}


MAP_FRAME_PX = (540, 420)  # the page draws the map 430 px high in the left of two columns (3:2) at 1440 px


def map_legend(members: pd.DataFrame, channel_id: str, on_map: Iterable[str]) -> Legend:
    """Key of the membership classes this channel's map colours, Afghanistan (unless it is listed) and the
    countries not listed."""
    rows = members_of(members, channel_id)
    rows = rows[rows["iso3"].isin(set(on_map))]
    classes = {ROLE_CLASS[r] for r in rows["role"]}
    key = Legend("Membership in this channel", note="Members beyond this map are listed under it.")
    for cls in CLASS_ORDER:
        if cls in classes:
            key.add(CLASS_COLOURS[cls], CLASS_LABELS[cls].capitalize())
    if "AFG" not in set(rows["iso3"]):
        key.add(maps.AFGHANISTAN_FILL, "Afghanistan (not listed)")
    key.add([*NEUTRAL_FILL], "Not listed")
    return key


def channel_deck(countries: dict, members: pd.DataFrame, channel_id: str) -> maps.CompactDeck:
    """Countries coloured by their role in one channel, named when listed (and Afghanistan and its
    neighbours), with the map's key."""
    fc = map_features(countries, members, channel_id)
    layer = maps.country_layer(fc, layer_id="membership", fill="properties.fill", pickable=True)
    listed = set(members_of(members, channel_id)["iso3"])
    prio = {iso3: 300 for iso3 in maps.AFGHANISTAN_NEIGHBOURS} | {iso3: 500 for iso3 in listed} | {"AFG": 900}
    wanted = maplabels.country_labels(countries, prio, MEMBERSHIP_VIEW, MAP_FRAME_PX, size=12)
    placed = maplabels.place(wanted, MEMBERSHIP_VIEW["zoom"],
                             frame=maplabels.frame_box(MEMBERSHIP_VIEW, MAP_FRAME_PX))
    on_map = {f["properties"]["iso3"] for f in countries["features"]}
    deck = maps.deck([layer, maplabels.text_layer(placed, "labels")], view=MEMBERSHIP_VIEW,
                     tooltip_text="{name}: {role}")
    return maps.with_legend(deck, map_legend(members, channel_id, on_map))


def off_map(members: pd.DataFrame, channel_id: str, on_map: Iterable[str], names: dict[str, str]) -> list[str]:
    """Members the regional map cannot show (e.g. Belarus, the US), named so none go unmentioned."""
    shown = set(on_map)
    rows = members_of(members, channel_id)
    return sorted(names[i] for i in rows["iso3"] if i not in shown)


# ---- network ------------------------------------------------------------------------------------
def network_layout(members: pd.DataFrame, channels: pd.DataFrame, names: dict[str, str],
                   sweeps: int = 6) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A two-column (bipartite) layout: channels on the left at x=0, states on the right at x=1, each
    column ordered by the barycentre of its neighbours (a few alternating sweeps) to cut crossings.
    Returns (nodes, edges); y runs from 0 (top) to 1 (bottom)."""
    ch = [c for c in channels["channel_id"] if c in set(members["channel_id"])]
    st = sorted(set(members["iso3"]), key=lambda i: names[i])
    ci = {c: k for k, c in enumerate(ch)}
    si = {s: k for k, s in enumerate(st)}
    adj = np.zeros((len(ch), len(st)))
    for c, s in zip(members["channel_id"], members["iso3"], strict=True):
        if c in ci:
            adj[ci[c], si[s]] = 1.0

    def spread(n: int) -> np.ndarray:
        return np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.5])

    ych, yst = spread(len(ch)), spread(len(st))
    for _ in range(sweeps):
        bary = (adj.T @ ych) / np.maximum(adj.sum(axis=0), 1)
        yst = spread(len(st))[np.argsort(np.argsort(bary, kind="stable"), kind="stable")]
        bary = (adj @ yst) / np.maximum(adj.sum(axis=1), 1)
        ych = spread(len(ch))[np.argsort(np.argsort(bary, kind="stable"), kind="stable")]

    lab = labels(channels)
    nodes = pd.concat([
        pd.DataFrame({"node": ch, "label": [lab[c] for c in ch], "type": "channel", "x": 0.0, "y": ych,
                      "degree": adj.sum(axis=1).astype(int)}),
        pd.DataFrame({"node": st, "label": [names[s] for s in st], "type": "state", "x": 1.0, "y": yst,
                      "degree": adj.sum(axis=0).astype(int)}),
    ], ignore_index=True)
    pos = dict(zip(nodes["node"] + "/" + nodes["type"], nodes["y"], strict=True))
    edges = members[members["channel_id"].isin(ci)][["channel_id", "iso3", "role"]].copy()
    edges["y"] = (edges["channel_id"] + "/channel").map(pos)
    edges["y2"] = (edges["iso3"] + "/state").map(pos)
    edges["x"], edges["x2"] = 0.0, 1.0
    edges["class"] = edges["role"].map(ROLE_CLASS)
    return nodes, edges.reset_index(drop=True)


def network(members: pd.DataFrame, channels: pd.DataFrame, names: dict[str, str], states: Iterable[str] | None = None,
            highlight: str | None = None) -> alt.LayerChart:
    """The membership network over `states` only (every listed state if None), so the network and the
    membership matrix beside it always show the same set of states."""
    if states is not None:
        members = members[members["iso3"].isin(states)]
    nodes, edges = network_layout(members, channels, names)
    return network_chart(nodes, edges, highlight)


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, highlight: str | None = None) -> alt.LayerChart:
    """Edges as rules, nodes as circles with labels; the highlighted channel's edges take the role
    colours, every other edge stays a faint grey so the chosen channel stands out."""
    e = edges.assign(on=edges["channel_id"].eq(highlight))
    members = set(e.loc[e["on"], "iso3"])
    n = nodes.assign(on=(nodes["type"].eq("channel") & nodes["node"].eq(highlight))
                     | (nodes["type"].eq("state") & nodes["node"].isin(members)))
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.6, 1.5]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[1.02, -0.02]))
    colour = alt.Color(
        "class:N", title="Role", legend=alt.Legend(orient="bottom", direction="vertical"),
        scale=alt.Scale(domain=[CLASS_LABELS[c] for c in CLASS_ORDER], range=[CLASS_COLOURS[c] for c in CLASS_ORDER]))
    e = e.assign(**{"class": e["class"].map(CLASS_LABELS), "role": e["role"].map(ROLE_LABELS)})
    faint = alt.Chart(e[~e["on"]]).mark_rule(color="#bbbbbb", opacity=0.35, strokeWidth=0.6).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q")
    bright = alt.Chart(e[e["on"]]).mark_rule(strokeWidth=1.8).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=colour,
        tooltip=[alt.Tooltip("iso3:N", title="State"), alt.Tooltip("role:N", title="Role")])
    dots = alt.Chart(n).mark_circle(stroke="#333333", strokeWidth=0.5).encode(
        x=x, y=y,
        size=alt.Size("degree:Q", legend=None, scale=alt.Scale(range=[30, 260])),
        color=alt.condition("datum.on", alt.value(HIGHLIGHT), alt.value("#d9d9d9")),
        tooltip=[alt.Tooltip("label:N", title="Name"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("degree:Q", title="Links")])
    texts = [
        alt.Chart(n[n["type"].eq(kind) & n["on"].eq(on)]).mark_text(
            fontSize=10, align=align, dx=dx, fontWeight="bold" if on else "normal",
            color="#000000" if on else "#555555",
        ).encode(x=x, y=y, text="label:N")
        for kind, align, dx in (("channel", "right", -8), ("state", "left", 8))
        for on in (False, True)
    ]
    height = int(14 * max(nodes["type"].value_counts().max(), 10))
    fit_width = alt.AutoSizeParams(type="fit-x", contains="padding")  # height stays the plot's own
    return alt.layer(faint, bright, dots, *texts).properties(height=height, autosize=fit_width)


def members_text(row: Mapping, roster: pd.DataFrame, outside: Sequence[str]) -> dict:
    """One channel's description, its roster (member_list) by role and the states the map cannot show, as
    Markdown for the page's "who belongs where" view."""
    by_role = roster.groupby("role", sort=False)["state"].apply(", ".join)
    return {
        "label": md(row["label"]),
        "about": (f"**{md(row['label'])}** — {KIND_LABELS[row['kind']]} {md(row['form'])}"
                  f"{' (proposed)' if row['status'] == 'proposed' else ''}. {md(row['functions'])}"),
        "report_view": f"*In the report:* {md(row['report_view'])}",
        "section": row["section"], "footnote": row["footnote"],
        "outside": md(", ".join(outside)),
        "roles": "  \n".join(f"**{md(role)}:** {md(names)}" for role, names in by_role.items()),
        "as_of": ("As of " + md(", ".join(sorted(set(roster["as_of"])))) + ". Basis per row: "
                  + md(", ".join(sorted(set(roster["basis"])))) + " — see the download for each row's source."),
    }



ROLE_MARKS = {"full": "●", "partner": "◐", "invited": "○"}


def membership_heatmap(matrix: pd.DataFrame) -> alt.Chart:
    """The states × channels matrix as a labelled grid: every channel a column, every state a row, each cell
    coloured by class of role and marked with a symbol, so it reads in print and without colour."""
    by_label = {v: k for k, v in ROLE_LABELS.items()}
    long = matrix.melt(id_vars=["iso3", "state"], var_name="channel", value_name="role")
    long = long[long["role"] != ""].copy()
    long["class"] = long["role"].map(lambda r: CLASS_LABELS[ROLE_CLASS[by_label[r]]])
    long["mark"] = long["role"].map(lambda r: ROLE_MARKS[ROLE_CLASS[by_label[r]]])
    rows, cols = list(matrix["state"]), [c for c in matrix.columns if c not in ("iso3", "state")]
    base = alt.Chart(long).encode(
        # every channel and state named: Vega would otherwise drop labels it thinks overlap
        x=alt.X("channel:N", sort=cols, title=None, axis=alt.Axis(orient="top", labelAngle=-50, labelLimit=220,
                                                                    labelFontSize=12, labelOverlap=False)),
        y=alt.Y("state:N", sort=rows, title=None, axis=alt.Axis(labelFontSize=12, labelLimit=200,
                                                                labelOverlap=False)),
        tooltip=[alt.Tooltip("state:N", title="State"), alt.Tooltip("channel:N", title="Channel"),
                 alt.Tooltip("role:N", title="Role")])
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(color=alt.Color(
        "class:N", title="Role", scale=alt.Scale(domain=[CLASS_LABELS[c] for c in CLASS_ORDER],
                                                 range=[CLASS_COLOURS[c] for c in CLASS_ORDER]),
        legend=alt.Legend(orient="bottom", labelFontSize=12, titleFontSize=12)))
    marks = base.mark_text(fontSize=12, color="white").encode(text="mark:N")
    return alt.layer(cells, marks).properties(height=alt.Step(24), width="container")
