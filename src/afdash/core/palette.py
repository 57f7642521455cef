"""Colour-blind-safe colours used across afdash's charts and maps.

Categorical: Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies.
Sequential: ColorBrewer YlOrRd-like ramp checked for deuteranopia (light→dark, never red↔green).
"""

from __future__ import annotations

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
SEQUENTIAL = ["#ffffcc", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"]
NEUTRAL_FILL = [235, 235, 228]
NEUTRAL_LINE = [120, 120, 120]
HIGHLIGHT = "#0072B2"


def hex_to_rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def sequential_rgb(value: float, vmax: float, alpha: int = 220) -> list[int]:
    """Colour for a count on a 0..vmax scale; zero is white, so 'none' reads as none."""
    if not value or vmax <= 0:
        return [255, 255, 255, alpha]
    idx = 1 + round(min(value, vmax) / vmax * (len(SEQUENTIAL) - 2))
    return hex_to_rgb(SEQUENTIAL[idx], alpha)
