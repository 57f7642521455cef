"""One colour key for every map: a small SVG image (title, then a swatch and its text per class).

An image costs the browser nothing to load, where a Vega chart would pull in its library and re-embed on
every redraw. Swatches are squares for filled areas, circles for dots and rings for outlines. All text is
XML-escaped: names come from data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from afdash.core import palette

ROW_PX = 22
CHAR_PX = 7.5  # a generous average advance of 13 px sans-serif text, so long lines are not clipped
MAX_CHARS = 110  # longer texts wrap onto a second line
_ATTR = {'"': "&quot;"}  # what escape() must also replace inside a double-quoted attribute value


def hex_of(rgba: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*[int(v) for v in rgba[:3]])


@dataclass(frozen=True)
class Entry:
    colour: str  # "#rrggbb"
    text: str
    shape: str = "square"  # square | circle | ring


@dataclass
class Legend:
    title: str
    entries: list[Entry] = field(default_factory=list)
    note: str = ""  # one line under the entries (units, source)

    def add(self, colour: str | Sequence[int], text: str, shape: str = "square") -> Legend:
        self.entries.append(Entry(colour if isinstance(colour, str) else hex_of(colour), text, shape))
        return self

    def colours(self) -> set[str]:
        return {e.colour.lower() for e in self.entries}

    def alt(self) -> str:
        """The key in words, for the image's alt text and screen readers."""
        body = "; ".join(f"{e.text}" for e in self.entries)
        return f"Key, {self.title}: {body}" + (f". {self.note}" if self.note else "")

    def svg(self) -> str:
        return legend_svg(self)


def _wrap(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    cut = text.rfind(" ", 0, MAX_CHARS)
    cut = cut if cut > 0 else MAX_CHARS
    return [text[:cut], *_wrap(text[cut:].lstrip())]


def _swatch(e: Entry, y: int) -> str:
    c = escape(e.colour, _ATTR)
    if e.shape == "circle":
        return f'<circle cx="8" cy="{y + 9}" r="6" fill="{c}" stroke="#ffffff" stroke-width="1"/>'
    if e.shape == "ring":
        return f'<rect x="2" y="{y + 3}" width="12" height="12" fill="none" stroke="{c}" stroke-width="2.5"/>'
    return f'<rect x="1" y="{y + 2}" width="14" height="14" fill="{c}" stroke="#555555" stroke-width="0.5"/>'


def legend_svg(legend: Legend) -> str:
    lines: list[tuple[Entry | None, str]] = []
    for e in legend.entries:
        for i, part in enumerate(_wrap(e.text)):
            lines.append((e if i == 0 else None, part))
    notes = _wrap(legend.note) if legend.note else []
    longest = max([len(legend.title), *(len(t) + 3 for _, t in lines), *(len(n) for n in notes)])
    width = int(24 + CHAR_PX * longest)
    height = ROW_PX * (len(lines) + len(notes) + 1) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">',
             f'<text x="0" y="16" font-weight="bold" fill="#31333F">{escape(legend.title)}</text>']
    row = 1
    for entry, text in lines:
        y = ROW_PX * row + 6
        if entry is not None:
            parts.append(_swatch(entry, y))
        parts.append(f'<text x="22" y="{y + 14}" fill="#31333F">{escape(text)}</text>')
        row += 1
    for note in notes:
        parts.append(f'<text x="0" y="{ROW_PX * row + 20}" fill="#6b6b6b" font-size="12">{escape(note)}</text>')
        row += 1
    parts.append("</svg>")
    return "".join(parts)


def ramp_classes(values: Sequence[int], alpha: int = 255) -> list[tuple[str, int, int]]:
    """The classes of palette.sequential_rgb that `values` (counts) fall in: (colour, lowest, highest) per
    class used, lowest first, so a key shows the scale the map actually uses."""
    vmax = max(values, default=0)
    found: dict[str, list[int]] = {}
    for v in sorted(set(values)):
        if v <= 0:
            continue
        found.setdefault(hex_of(palette.sequential_rgb(v, vmax, alpha)), []).append(v)
    return [(c, vs[0], vs[-1]) for c, vs in found.items()]


def count_range(lo: int, hi: int, unit: str) -> str:
    """'1 event', '2–3 events'."""
    plural = unit if hi == 1 else f"{unit}s"
    return f"{lo} {plural}" if lo == hi else f"{lo}–{hi} {plural}"


class Keyed:
    """A deck with its key: pages draw `.deck` and show `.legend.svg()` beside it (web.ui.map_with_key)."""

    def __init__(self, deck, legend: Legend):
        self.deck = deck
        self.legend = legend
