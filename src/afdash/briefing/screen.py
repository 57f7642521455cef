"""How a slide fits a screen: the page's style rules (constant strings, never data-derived) and the chart
spec as presented (every piece of chart text at least MIN_PRESENT_PX).

Rules of fit: a headline figure or a title wraps and its type scales with the viewport, but it is never cut or
ellipsised; in presentation mode the navigation stays pinned to the bottom of the window whatever the slide's
height."""

from __future__ import annotations

from typing import Any

MIN_PRESENT_PX = 18
PRESENT_CHART_HEIGHT, PAGE_CHART_HEIGHT = 400, 400

BASE_CSS = """<style>
.st-key-briefing_pgdn, .st-key-briefing_pgup { display: none !important; }
</style>"""

PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stSidebarNav"], footer
  { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container
  { padding: 1rem 3rem 5.5rem 3rem !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] h1
  { font-size: clamp(2rem, 2.7vw, 3.1rem) !important; line-height: 1.12; padding-top: 0.2rem; }
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p
  { font-size: clamp(1.2rem, 1.5vw, 1.7rem); line-height: 1.35; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] *
  { font-size: clamp(2.3rem, 3.3vw, 4.4rem) !important; font-weight: 700; color: #0072B2; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"] p
  { font-size: clamp(1.1rem, 1.2vw, 1.35rem) !important; }
[data-testid="stCaptionContainer"] { font-size: clamp(0.95rem, 1vw, 1.05rem) !important; }
.st-key-briefing_controls { position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990;
  padding: 0.5rem 3rem 0.6rem 3rem; background: rgba(255, 255, 255, 0.96); border-top: 1px solid #ddd; }
</style>"""

_FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")


def presentation_spec(spec: dict) -> dict:
    """A copy of the spec in which no font size (config, marks, axes, legends, titles) is below
    MIN_PRESENT_PX; data is shared, not copied."""
    return _raised(spec)


def _raised(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("datasets", "data", "values"):
                out[key] = value
            elif key in _FONT_KEYS and isinstance(value, int | float):
                out[key] = max(value, MIN_PRESENT_PX)
            else:
                out[key] = _raised(value)
        return out
    if isinstance(node, list):
        return [_raised(v) for v in node]
    return node


def font_sizes(spec: Any) -> list[float]:
    """Every font size written in a spec (for checks)."""
    found: list[float] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("datasets", "data", "values"):
                continue
            if key in _FONT_KEYS and isinstance(value, int | float):
                found.append(value)
            else:
                found += font_sizes(value)
    elif isinstance(spec, list):
        for v in spec:
            found += font_sizes(v)
    return found
