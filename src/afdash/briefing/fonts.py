"""The exports' typeface and its metrics: Liberation Sans (vendored under data/vendor/fonts), which has Arial's
advance widths, so text measured here takes the same room in Arial (PowerPoint on Windows and macOS) and in
Liberation Sans (LibreOffice, Linux, the PDF handout, which embeds it).

Measuring with the font's own metrics is what lets the PowerPoint and PDF writers wrap and shrink text to fit
its box instead of guessing a number of characters per line."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from afdash.core.paths import vendor_dir

FAMILY = "Arial"  # the name written into PowerPoint: present on Windows/macOS; LibreOffice maps it to Liberation
CSS_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"
STYLES = {"": "Regular", "B": "Bold", "I": "Italic"}


def font_dir() -> Path:
    return vendor_dir() / "fonts"


def path(style: str = "") -> Path:
    """The TTF file of a style: '' regular, 'B' bold, 'I' italic."""
    return font_dir() / f"LiberationSans-{STYLES[style]}.ttf"


@cache
def _font(style: str, size: float):
    from PIL import ImageFont

    return ImageFont.truetype(str(path(style)), size, layout_engine=ImageFont.Layout.BASIC)


def width(text: str, size: float, style: str = "") -> float:
    """Advance width of `text` at `size` (points or pixels: the unit of `size`): the sum of its words' widths
    and of its spaces (words are measured once and remembered; kerning across a space is negligible)."""
    if not text:
        return 0.0
    words = text.split(" ")
    return sum(_word(w, style) for w in words) * size + (len(words) - 1) * _word(" ", style) * size


@lru_cache(maxsize=65536)
def _word(word: str, style: str) -> float:
    """Width of a word at size 1, measured at 100 units: PIL rounds advances to whole units, which at small
    sizes would add up to whole words over a long line."""
    return _font(style, 100.0).getlength(word) / 100 if word else 0.0


def wrap(text: str, max_width: float, size: float, style: str = "") -> list[str]:
    """Greedy word wrap to `max_width` (same unit as `size`); a single word wider than the line stays whole on
    its own line (the caller shrinks the type if that is not acceptable). Explicit newlines are kept."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if not line or width(trial, size, style) <= max_width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def widest_word(text: str, size: float, style: str = "") -> float:
    return max((width(w, size, style) for w in text.split()), default=0.0)
