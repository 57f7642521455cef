"""Tables as slides: a wide page table becomes a short board of wrapped text, or a grid of coloured, labelled
cells, drawn as an altair chart so every export renders it like any other chart.

A page can show twenty rows and ten columns; a projector cannot. A board keeps the few rows that fit at
presentation type, wraps each cell by words (never cutting one), and says in its last line how many rows
the slide leaves out (the CSV under the slide carries them all)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from afdash.briefing.charts import HEIGHT, INK, MUTED, WIDTH, finish

BODY_PX = 17
LINE_PX = 22  # one wrapped line at BODY_PX
ROW_GAP_PX = 12
CHAR_PX = 9.0  # Liberation Sans at 17 px averages under 9 px a character: a column of n px holds n / 9 characters


def _wrap(text: object, width_px: float) -> list[str]:
    chars = max(8, int(width_px / CHAR_PX))
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return textwrap.wrap(value, chars, break_long_words=False, break_on_hyphens=False) or [""]


def board(rows: pd.DataFrame, columns: Sequence[tuple[str, str, float]], height: int = HEIGHT,
          more: str = "in the CSV") -> tuple[alt.TopLevelMixin, int]:
    """The board and how many rows it shows. `columns`: (field, heading, share of the width); the first column
    is bold. Rows that would not fit in `height` are left out and counted in a closing line."""
    starts, x = [], 0.0
    for _, _, share in columns:
        starts.append(x)
        x += share * WIDTH
    marks: list[dict] = [{"x": s, "y": 0, "text": h, "weight": "bold", "colour": MUTED}
                         for s, (_, h, _) in zip(starts, columns, strict=True)]
    y = LINE_PX + ROW_GAP_PX
    kept = 0
    records = rows.to_dict("records")
    for i, r in enumerate(records):
        cells = [_wrap(r[f], share * WIDTH - 14) for f, _, share in columns]
        need = max(len(c) for c in cells) * LINE_PX
        left = len(records) - i - 1
        room = height - (LINE_PX + ROW_GAP_PX if left else 0)  # keep a line for "… more"
        if y + need > room:
            break
        for j, (s, lines) in enumerate(zip(starts, cells, strict=True)):
            marks.append({"x": s, "y": y, "text": "\n".join(lines), "weight": "bold" if j == 0 else "normal",
                          "colour": INK})
        y += need + ROW_GAP_PX
        kept += 1
    if kept < len(records):
        n = len(records) - kept
        marks.append({"x": 0, "y": y, "text": f"… and {n} more row{'s' if n != 1 else ''} {more}",
                      "weight": "normal", "colour": MUTED})
    frame = pd.DataFrame(marks)
    layers = [alt.Chart(part).mark_text(align="left", baseline="top", fontSize=BODY_PX, lineBreak="\n",
                                        lineHeight=LINE_PX, fontWeight=weight, color=colour).encode(
        x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None), text="text:N")
        for (weight, colour), part in frame.groupby(["weight", "colour"], sort=False)]
    return finish(alt.layer(*layers), height=height), kept


def level_grid(cells: pd.DataFrame, row_order: Sequence[str], col_order: Sequence[str],
               colours: Mapping[str, str], legend_title: str | None = None) -> alt.TopLevelMixin:
    """A heatmap with words: `cells` (row, col, level, text): each cell coloured by `level` and labelled with
    `text` (keep it to a word: a cell is about 95 px wide), so it reads in grey print and without a colour
    key. Column headings wrap by words."""
    domain = [k for k in colours if k in set(cells["level"])]
    step_w = min(150, (WIDTH - 150) / max(1, len(col_order)))
    step_h = min(60, (HEIGHT - 40) / max(1, len(row_order)))
    heads = {c: "|".join(_wrap(c, step_w - 4)) for c in col_order}  # headings wrap by words, never cut
    data = cells.assign(head=cells["col"].map(heads))
    x = alt.X("head:N", sort=[heads[c] for c in col_order], title=None,
              axis=alt.Axis(orient="top", labelAngle=0, labelLineHeight=19, labelLimit=step_w + 40,
                            # Vega hangs a heading's further lines below its first: lift it by as many lines
                            labelPadding=6 + 19 * (max(h.count("|") for h in heads.values()) if heads else 0),
                            domain=False, ticks=False, labelExpr="split(datum.label, '|')"))
    y = alt.Y("row:N", sort=list(row_order), title=None, axis=alt.Axis(labelLimit=150, domain=False, ticks=False))
    rects = alt.Chart(data).mark_rect(stroke="white", strokeWidth=3).encode(
        x=x, y=y, color=alt.Color("level:N", title=legend_title, sort=domain,
                                  scale=alt.Scale(domain=domain, range=[colours[k] for k in domain])),
        tooltip=[alt.Tooltip("row:N", title="Row"), alt.Tooltip("col:N", title="Column"),
                 alt.Tooltip("text:N", title="Cell")])
    text = alt.Chart(data).mark_text(fontSize=BODY_PX - 1, color=INK).encode(x=x, y=y, text="text:N")
    return finish(alt.layer(rects, text), width=int(step_w * len(col_order)),
                  height=int(step_h * len(row_order)))


# Light blues, darker for more: black text reads on each, and the words say the level without colour.
LEVEL_COLOURS = {"high": "#56b4e9", "medium": "#a9d8f3", "low": "#e1f1fb", "not discussed": "#f2f2f2"}


def larger_text(chart: alt.TopLevelMixin, size: int = BODY_PX - 1) -> alt.TopLevelMixin:
    """A page chart's text marks (labels sized for a screen at arm's length) raised to `size` for a room."""
    for layer in getattr(chart, "layer", []) or []:
        larger_text(layer, size)
    mark = getattr(chart, "mark", None)
    if isinstance(mark, alt.MarkDef) and mark.type == "text":
        mark.fontSize = max(size, mark.fontSize if isinstance(mark.fontSize, int | float) else 0)
    elif mark == "text":
        chart.mark = alt.MarkDef(type="text", fontSize=size)
    return chart
