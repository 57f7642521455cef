"""The two views side by side: what the report gives as the Russian side's position, the Chinese
side's and the shared one, topic by topic, and where they agree or diverge. Plain functions over the
`expert_views` table."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from afdash.cooperation.datasets import AGREEMENT, ATTRIBUTIONS, SIDES, TOPICS
from afdash.core.palette import OKABE_ITO
from afdash.core.report import cite
from afdash.core.safe import md

TOPIC_LABELS = {
    "taliban": "The Taliban", "terrorism": "Terrorism", "etim_xinjiang": "ETIM and Xinjiang", "drugs": "Drugs",
    "central_asia": "Central Asia", "us_presence": "The U.S. presence", "recognition": "Recognition",
    "economic_aid": "Economic aid", "obor": "One Belt, One Road",
}
SIDE_LABELS = {"russian": "Russian side", "chinese": "Chinese side", "shared": "Shared"}
AGREEMENT_LABELS = {"agree": "agree", "partly": "partly", "diverge": "diverge"}
ATTRIBUTION_LABELS = {
    "russian_experts": "the text cites Russian experts",
    "chinese_experts": "the text cites Chinese experts",
    "both_experts": "the text cites Russian and Chinese experts",
    "russia_chapter": "chapter on Russia's interests",
    "china_chapter": "chapter on China's interests",
    "joint_text": "joint text",
}
# Okabe–Ito: bluish green, orange, vermillion — distinguishable with the common colour-vision deficiencies.
AGREEMENT_COLOURS = {"agree": OKABE_ITO[2], "partly": OKABE_ITO[0], "diverge": OKABE_ITO[5]}
# Fit the width to the page but keep `height` as the plot's own height: Streamlit's default ("fit")
# squeezes axes and legend into it, which flattens a chart of one or two rows.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
assert set(TOPIC_LABELS) == set(TOPICS) and set(SIDE_LABELS) == set(SIDES)
assert set(AGREEMENT_LABELS) == set(AGREEMENT) and set(ATTRIBUTION_LABELS) == set(ATTRIBUTIONS)


def filter_views(views: pd.DataFrame, topics: Sequence[str] = (), agreements: Sequence[str] = ()) -> pd.DataFrame:
    """Rows on any of `topics` with any of `agreements`; empty selections mean all."""
    keep = pd.Series(True, index=views.index)
    if topics:
        keep &= views["topic"].isin(topics)
    if agreements:
        keep &= views["agreement"].isin(agreements)
    return views[keep]


def overall(agreements: pd.Series) -> str | None:
    """A topic's verdict: diverge if any position diverges, else partly if any is partial, else agree."""
    present = set(agreements)
    for level in ("diverge", "partly", "agree"):
        if level in present:
            return level
    return None


def grid(views: pd.DataFrame, topics: Sequence[str] = ()) -> pd.DataFrame:
    """Topic × side cells with the number of positions and the cell's verdict. Every chosen topic (all
    if none chosen) and every side appears, with n = 0 where there is no position."""
    cells = []
    for t in [t for t in TOPICS if not topics or t in topics]:
        for s in SIDES:
            rows = views[(views["topic"] == t) & (views["side"] == s)]
            cells.append({"topic": TOPIC_LABELS[t], "side": SIDE_LABELS[s], "n": len(rows),
                          "agreement": overall(rows["agreement"]) or "no position"})
    return pd.DataFrame(cells)


def topic_verdicts(views: pd.DataFrame) -> dict[str, str | None]:
    return {t: overall(views.loc[views["topic"] == t, "agreement"]) for t in TOPICS}


def side_by_side(views: pd.DataFrame) -> dict[str, dict[str, pd.DataFrame]]:
    """{topic: {side: rows}} in the fixed topic and side order, only topics that have rows."""
    out: dict[str, dict[str, pd.DataFrame]] = {}
    for t in TOPICS:
        rows = views[views["topic"] == t]
        if len(rows):
            out[t] = {s: rows[rows["side"] == s] for s in SIDES}
    return out


def topic_blocks(views: pd.DataFrame, filtered: bool = False) -> list[tuple[str, list[str]]]:
    """The side-by-side reading as Markdown: per topic with positions, its heading and one block per side
    (side label, then its positions). A page caches this per filter, so a rerun does no pandas work for it;
    `filtered` says whether an empty side means "none matches the filter" or "none in the report"."""
    verdicts = topic_verdicts(views)
    none = ":gray[No position of this side on this topic" + (" matches the filter.]" if filtered
                                                               else " in the report.]")
    return [(f"#### {TOPIC_LABELS[topic]} — overall: {verdicts[topic]}",
             ["\n\n".join([f"**{SIDE_LABELS[side]}**",
                            *([position_markdown(r) for r in sides[side].to_dict("records")] or [none])])
              for side in SIDES])
            for topic, sides in side_by_side(views).items()]


AGREEMENT_BADGES = {"agree": "green", "partly": "orange", "diverge": "red"}


def position_markdown(row: pd.Series) -> str:
    """One position for display: an agreement badge (word and colour), the paraphrase, then how the
    report attributes it and the citation. The paraphrase is shown literally (it is data, not markup)."""
    badge = f":{AGREEMENT_BADGES[row['agreement']]}-badge[{AGREEMENT_LABELS[row['agreement']]}]"
    return (f"{badge} {md(row['position'])}  \n"
            f":gray[{ATTRIBUTION_LABELS[row['attribution']]} · {cite(row['section'], row['footnote'])}]")


def table(views: pd.DataFrame) -> pd.DataFrame:
    """The rows as downloaded: readable labels plus the citation."""
    return pd.DataFrame({
        "topic": views["topic"].map(TOPIC_LABELS),
        "side": views["side"].map(SIDE_LABELS),
        "position": views["position"],
        "agreement": views["agreement"],
        "attribution": views["attribution"].map(ATTRIBUTION_LABELS),
        "source": [cite(s, f) for s, f in zip(views["section"], views["footnote"], strict=True)],
        "note": views["note"],
    }).reset_index(drop=True)


def agreement_chart(views: pd.DataFrame, topics: Sequence[str] = ()) -> alt.LayerChart:
    """Topic × side grid coloured by agreement, with the number of positions in each cell."""
    g = grid(views, topics)
    domain = [*AGREEMENT, "no position"]
    colours = [AGREEMENT_COLOURS[a] for a in AGREEMENT] + ["#f2f2f2"]
    x = alt.X("side:N", sort=list(SIDE_LABELS.values()), title=None, axis=alt.Axis(orient="top", labelAngle=0))
    y = alt.Y("topic:N", sort=list(TOPIC_LABELS.values()), title=None)
    rect = alt.Chart(g).mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y,
        color=alt.Color("agreement:N", title="Agreement", scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("topic:N"), alt.Tooltip("side:N"), alt.Tooltip("n:Q", title="Positions"),
                 alt.Tooltip("agreement:N")])
    text = alt.Chart(g[g["n"] > 0]).mark_text(fontSize=12).encode(x=x, y=y, text="n:Q")
    return alt.layer(rect, text).properties(height=30 * g["topic"].nunique(), autosize=FIT_WIDTH)
