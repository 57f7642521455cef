"""Written labels for the key events of a timeline, so it reads on paper and on a projector, not only on hover.

Which events are labelled is each timeline's documented rule (a priority column: lower is more important).
Where: each label sits beside its dot, above it (row 0) or below it (row 1) in the dot's lane, running to the
right of the dot, or to its left when it would leave the chart. Widths are estimated from the text
(characters × CHAR_EM × font size) on the chart's width in px; a label that overlaps one already placed in
the same lane and row is tried in the next row, then dropped (the dot keeps its tooltip). Pure and
deterministic: the same rows give the same labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

CHAR_EM = 0.6
GAP_PX = 6  # between a dot and its label
ROW_DY = (-12, 12)  # row 0 above the dot, row 1 below
MAX_CHARS = 42


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:–-") + "…"


def place(frame: pd.DataFrame, when: str, text: str, lane: str | None, domain: tuple[pd.Timestamp, pd.Timestamp],
          width_px: float, font_px: float, priority: str | None = None, limit: int | None = None,
          rows: int = len(ROW_DY), max_chars: int = MAX_CHARS) -> pd.DataFrame:
    """The labels to write: columns `when`, `lane`, `label`, `row` (0 above, 1 below), `align` ('left' or
    'right' of the dot), `x0`/`x1` (estimated px). Rows are taken by `priority` (then date, then text), at
    most `limit` labels."""
    d0, d1 = pd.Timestamp(domain[0]), pd.Timestamp(domain[1])
    span = max((d1 - d0).total_seconds(), 1.0)
    data = frame.assign(_lane=frame[lane] if lane else "", _prio=frame[priority] if priority else 0)
    data = data.sort_values(["_prio", when, text], kind="stable")
    taken: dict[tuple[object, int], list[tuple[float, float]]] = {}
    out = []
    for r in data.to_dict("records"):
        if limit is not None and len(out) >= limit:
            break
        label = shorten(r[text], max_chars)
        ts = pd.Timestamp(r[when])
        if not label or ts < d0 or ts > d1:
            continue
        x = (ts - d0).total_seconds() / span * width_px
        w = len(label) * CHAR_EM * font_px
        align = "left" if x + GAP_PX + w <= width_px else "right"
        x0, x1 = (x + GAP_PX, x + GAP_PX + w) if align == "left" else (x - GAP_PX - w, x - GAP_PX)
        if x0 < 0:  # fits on neither side of its dot: left out (the dot keeps its tooltip)
            continue
        for row in range(rows):
            spans = taken.setdefault((r["_lane"], row), [])
            if all(x1 <= a or x0 >= b for a, b in spans):
                spans.append((x0, x1))
                out.append({"when": ts, "lane": r["_lane"], "label": label, "row": row, "align": align,
                            "x0": round(x0, 1), "x1": round(x1, 1)})
                break
    return pd.DataFrame(out, columns=["when", "lane", "label", "row", "align", "x0", "x1"])


def layers(labels: pd.DataFrame, x: alt.X, y: alt.Y | None, font_px: float, colour: str = "#1a1a1a",
           y_field: str = "lane", offset_px: float = ROW_DY[1]) -> list[alt.Chart]:
    """Text marks for placed labels: one per (row, side), since Vega-Lite sets offset and alignment per mark.
    `x` encodes the field `when`; `y` (if any) the field `lane`, as the timeline's lanes do; `offset_px` is
    the distance from the dots' centre line to a row's middle (clear of the dots' radius)."""
    out = []
    for row, dy in enumerate((-offset_px, offset_px)):
        for align in ("left", "right"):
            part = labels[(labels["row"] == row) & (labels["align"] == align)]
            if part.empty:
                continue
            enc = {"x": x, "text": alt.Text("label:N")}
            if y is not None:
                enc["y"] = y
            mark = alt.Chart(part.rename(columns={"lane": y_field})).mark_text(
                align=align, baseline="middle", dx=GAP_PX if align == "left" else -GAP_PX, dy=dy,
                fontSize=font_px, color=colour)
            out.append(mark.encode(**enc))
    return out


def written(labels: pd.DataFrame) -> Sequence[str]:
    return list(labels["label"])
