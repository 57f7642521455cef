"""Afghan refugees by host country, 2015–2025 (UNHCR), beside what the report says about refugees in each
neighbour. The three UNHCR categories are stacked, never summed into one number, because UNHCR moved people
between them: in 2022 it began counting Afghans in Iran in refugee-like situations as refugees, and in 2025 it
moved many of them into the new category "other people in need of international protection" (oip)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from afdash.core import palette
from afdash.core.report import cite
from afdash.record import codes, compare
from afdash.record.marks import MARKS, markers, year_axis

SOURCE = "UNHCR Refugee Population Statistics (R package refugees 2025.12.1, Global Trends 2025 release)"
LICENCE = "CC BY 4.0"
CAPTION = (f"Source: {SOURCE}. Licence: {LICENCE}. People of Afghan origin counted by UNHCR in each host country "
           "at the end of each year. In 2025 UNHCR moved many Afghans in Iran and Pakistan from “refugees” into "
           "“other people in need of international protection”: read the categories together.")
CATEGORIES = {"refugees": "Refugees", "asylum_seekers": "Asylum seekers",
              "oip": "Other people in need of international protection"}
DEFAULT_HOSTS = ["IRN", "PAK", "TJK", "UZB", "TKM", "CHN"]
NO_STATEMENT = "The report says nothing about refugees in this country."


def hosts(refugees: pd.DataFrame) -> list[str]:
    """Host countries of Afghan refugees, the largest (peak of all categories) first."""
    r = _afghans(refugees)
    total = r[list(CATEGORIES)].fillna(0).sum(axis=1)
    peak = total.groupby(r["host_iso3"]).max().sort_values(ascending=False)
    return peak.index.tolist()


def _afghans(refugees: pd.DataFrame) -> pd.DataFrame:
    return refugees[(refugees["origin_iso3"] == "AFG") & (refugees["host_iso3"] != "AFG")]


def rows(refugees: pd.DataFrame, host_iso3: list[str], first: int = 2015, last: int = 2025) -> pd.DataFrame:
    """The drawn rows, long: one row per host, year and category; oip only where UNHCR gives it (2025)."""
    r = _afghans(refugees)
    r = r[r["host_iso3"].isin(host_iso3) & r["year"].between(first, last)]
    long = r.melt(id_vars=["year", "host_iso3", "host_name"], value_vars=list(CATEGORIES), var_name="category",
                  value_name="persons").dropna(subset=["persons"])
    long["category_label"] = long["category"].map(CATEGORIES)
    order = {iso3: i for i, iso3 in enumerate(host_iso3)}
    cat = {c: i for i, c in enumerate(CATEGORIES)}
    long = long.assign(_h=long["host_iso3"].map(order), _c=long["category"].map(cat)).sort_values(
        ["_h", "year", "_c"]).drop(columns=["_h", "_c"])
    long["persons"] = long["persons"].astype(int)
    return long[["host_iso3", "host_name", "year", "category", "category_label", "persons"]].reset_index(drop=True)


def panel(d: pd.DataFrame, lo: int, hi: int) -> alt.LayerChart:
    """One host's bars, categories stacked within each year; takeover and report marked. Unsized, so slides
    can size it their way."""
    colour = alt.Color("category_label:N", title="UNHCR category", sort=list(CATEGORIES.values()),
                       legend=alt.Legend(orient="top", direction="horizontal", labelLimit=400),
                       scale=alt.Scale(domain=list(CATEGORIES.values()),
                                       range=[palette.OKABE_ITO[4], palette.OKABE_ITO[0], palette.OKABE_ITO[6]]))
    bars = alt.Chart(d).transform_calculate(year_end="datum.year + 1").mark_bar(
        stroke="white", strokeWidth=0.5).encode(
        x=year_axis(lo, hi),
        x2="year_end:Q",
        y=alt.Y("sum(persons):Q", title="persons", stack="zero", axis=alt.Axis(format="~s")),
        color=colour, order=alt.Order("category:N"),
        tooltip=["host_name:N", alt.Tooltip("year:Q", format="d"),
                 alt.Tooltip("category_label:N", title="Category"), alt.Tooltip("persons:Q", format=",d")])
    return alt.layer(bars, *markers(lo, hi, MARKS))


HOST_COLOURS = [palette.OKABE_ITO[i] for i in (5, 4, 2, 0, 6, 1, 7)]
DASHES = {"refugees": [1, 0], "asylum_seekers": [6, 3], "oip": [2, 2]}
SHAPES = {"refugees": "circle", "asylum_seekers": "triangle-up", "oip": "square"}
# The category key sits under the plot, the hosts' over it: side by side in one row they do not fit a
# 1280 px window.
LEGEND = alt.Legend(orient="bottom", direction="horizontal", labelLimit=400)


def chart(drawn: pd.DataFrame) -> alt.LayerChart:
    """Every chosen host in one chart (one Vega view: a panel per host cost the browser several): a colour per
    host, a line style and point shape per UNHCR category, never summed; a symmetric-log scale, so Iran's and
    Pakistan's millions do not flatten the hundreds elsewhere."""
    lo, hi = int(drawn["year"].min()), int(drawn["year"].max())
    hosts = drawn.drop_duplicates("host_iso3")["host_name"].tolist()
    cats = [CATEGORIES[c] for c in CATEGORIES]
    colour = alt.Color("host_name:N", title="Host country", sort=hosts,
                       scale=alt.Scale(domain=hosts, range=(HOST_COLOURS * 4)[:len(hosts)]),
                       legend=alt.Legend(orient="top", direction="horizontal", labelLimit=240, columns=4))
    x = alt.X("mid:Q", title=None, scale=alt.Scale(domain=[lo, hi + 1], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1))  # a year's point mid-way through its span [year, year+1)
    y = alt.Y("persons:Q", title="persons (symmetric log scale)", scale=alt.Scale(type="symlog", constant=10),
              axis=alt.Axis(format=",d", values=[0, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]))
    tooltip = ["host_name:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("category_label:N", title="Category"),
               alt.Tooltip("persons:Q", format=",d")]
    base = alt.Chart(drawn).transform_calculate(mid="datum.year + 0.5").encode(
        x=x, y=y, color=colour, detail="category:N", tooltip=tooltip)
    lines = base.mark_line(strokeWidth=2).encode(
        strokeDash=alt.StrokeDash("category_label:N", title="UNHCR category", sort=cats, legend=LEGEND,
                                  scale=alt.Scale(domain=cats, range=[DASHES[c] for c in CATEGORIES])))
    points = base.mark_point(filled=True, size=40).encode(
        shape=alt.Shape("category_label:N", title="UNHCR category", sort=cats, legend=LEGEND,
                        scale=alt.Scale(domain=cats, range=[SHAPES[c] for c in CATEGORIES])))
    return alt.layer(lines, points, *markers(lo, hi + 1, MARKS)).properties(height=460, width="container")


def report_beside(statements: pd.DataFrame, key_figures: pd.DataFrame, host_iso3: list[str]) -> pd.DataFrame:
    """What the report says about refugees in each chosen host, one row per statement or figure; a host the
    report does not discuss gets one row saying so."""
    st = statements[statements["aspect"] == "refugees"]
    kf = key_figures[key_figures["topic"] == "refugees"]
    out = []
    for iso3 in host_iso3:
        name = codes.SEVEN.get(iso3, iso3)
        said = st[st["state_iso3"] == iso3]
        figs = kf[kf["place_iso3"].fillna("").str.split("|").map(lambda v, i=iso3: i in v)]
        for _, r in said.iterrows():
            out.append({"Host": name, "The report says": r["statement"], "Where": cite(r["section"], r["footnote"])})
        for _, r in figs.iterrows():
            figure = compare.report_figure("key_figures", r)
            out.append({"Host": name, "The report says": f"{r['label']}: {figure} ({r['as_of']})",
                        "Where": cite(r["section"], r["footnote"])})
        if said.empty and figs.empty:
            out.append({"Host": name, "The report says": NO_STATEMENT, "Where": "—"})
    return pd.DataFrame(out, columns=["Host", "The report says", "Where"])


def afghans_in(refugees: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One host's yearly figures, categories side by side, as printed under the chart."""
    r = _afghans(refugees)
    r = r[r["host_iso3"] == iso3].sort_values("year")
    fmt = lambda v: "—" if pd.isna(v) else f"{int(v):,}"  # noqa: E731
    return pd.DataFrame({"Year": r["year"].astype(int), **{CATEGORIES[c]: r[c].map(fmt) for c in CATEGORIES}}
                        ).reset_index(drop=True)
