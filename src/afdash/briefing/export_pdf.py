"""The deck as a PDF handout, one 16:9 page per slide, for printing or a room with only a PDF viewer.

Each page is a Vega-Lite "poster" (title, headline, talking points, the chart itself, caveat, source line)
rendered by vl-convert and packed into a PDF by Pillow: no browser, no extra dependency. Pages are images
(150 ppi), so the PDF is for reading and printing; the HTML and PowerPoint exports stay editable."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence

from afdash.briefing import charts, images
from afdash.briefing.slides import Slide
from afdash.briefing.views import AREAS

W, H = 1280, 720
LEFT_W = 470
PDF_PPI = 150
ACCENT, MUTED = "#0072B2", "#555555"


def _text_layer(items: list[dict], width: int, height: int) -> dict:
    """A view of fixed size holding text marks at pixel positions (x, y, text, size, bold, colour)."""
    layers = []
    for it in items:
        layers.append({
            "mark": {"type": "text", "align": "left", "baseline": "top", "lineBreak": "\n",
                     "fontSize": it["size"], "fontWeight": "bold" if it.get("bold") else "normal",
                     "fontStyle": "italic" if it.get("italic") else "normal", "color": it.get("colour", charts.INK),
                     "lineHeight": round(it["size"] * 1.3)},
            "encoding": {"x": {"value": it["x"]}, "y": {"value": it["y"]}, "text": {"value": it["text"]}},
        })
    return {"width": width, "height": height, "data": {"values": [{}]}, "layer": layers}


def _wrap(text: str, chars: int) -> str:
    return "\n".join(textwrap.wrap(text, chars)) if text else ""


def poster(slide: Slide, number: int, count: int) -> dict:
    """One slide as a single Vega-Lite spec of about 1280×720 px."""
    head = _text_layer([
        {"x": 0, "y": 0, "text": AREAS.get(slide.area, slide.area).upper(), "size": 15, "bold": True,
         "colour": ACCENT},
        {"x": 0, "y": 24, "text": _wrap(slide.title, 62), "size": 34, "bold": True},
    ], W - 48, 72 if len(slide.title) <= 62 else 112)
    items, y = [], 0
    if slide.subtitle:
        sub = _wrap(slide.subtitle, 44)
        items.append({"x": 0, "y": y, "text": sub, "size": 19, "colour": MUTED})
        y += 26 * (sub.count("\n") + 1) + 18
    if slide.headline:
        items.append({"x": 0, "y": y, "text": slide.headline, "size": 46, "bold": True, "colour": ACCENT})
        label = _wrap(slide.headline_label, 46)
        items.append({"x": 0, "y": y + 56, "text": label, "size": 16, "colour": MUTED})
        y += 56 + 21 * (label.count("\n") + 1) + 22
    for p in slide.points:
        wrapped = _wrap(p, 44)
        items.append({"x": 0, "y": y, "text": "•", "size": 18})
        items.append({"x": 18, "y": y, "text": wrapped, "size": 18})
        y += 24 * (wrapped.count("\n") + 1) + 14
    row: list[dict] = [_text_layer(items, LEFT_W, 470)]
    config: dict = {}
    datasets: dict = {}
    if slide.spec is not None:
        spec = slide.spec
        config = dict(spec.get("config", {}))
        datasets = dict(spec.get("datasets", {}))
        row.append({k: v for k, v in spec.items()
                    if k not in ("$schema", "config", "datasets", "padding", "background", "autosize")})
    foot_lines = []
    if slide.caveat:
        foot_lines.append({"x": 0, "y": 0, "text": _wrap(slide.caveat, 150), "size": 13, "italic": True,
                           "colour": MUTED})
    source = _wrap(slide.source_line, 165)
    top = 18 * (_wrap(slide.caveat, 150).count("\n") + 1) + 6 if slide.caveat else 0
    foot_lines.append({"x": 0, "y": top, "text": source, "size": 13, "colour": MUTED})
    foot_lines.append({"x": W - 110, "y": top, "text": f"{number} / {count}", "size": 14, "colour": MUTED})
    foot = _text_layer(foot_lines, W - 48, top + 18 * (source.count("\n") + 1))
    config.update({"background": "white", "padding": 24, "font": charts.FONT})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "config": config, "datasets": datasets,
            "vconcat": [head, {"hconcat": row, "spacing": 36}, foot], "spacing": 14}


def build(slides: Sequence[Slide], render_png: Callable[[dict], bytes] | None = None) -> bytes:
    """A PDF with one page per slide."""
    from PIL import Image

    render_png = render_png or (lambda spec: images.png(spec, ppi=PDF_PPI))
    pages = []
    for i, s in enumerate(slides, start=1):
        with Image.open(io.BytesIO(render_png(poster(s, i, len(slides))))) as im:
            pages.append(im.convert("RGB"))
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=PDF_PPI, quality=88,
                  title="afdash briefing", author="afdash")
    return out.getvalue()
