"""The deck as a PDF handout, one 16:9 page per slide, for printing or a room with only a PDF viewer.

Each page is composed by Pillow from pieces rendered by vl-convert: three text blocks (title, talking points,
source line) written as small Vega-Lite text specs, and the slide's own chart. No browser and no extra
dependency; pages are images (120 ppi), so the PDF is for reading and printing, while the HTML and
PowerPoint exports stay interactive and editable."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence

from afdash.briefing import charts, images
from afdash.briefing.registry import AREAS
from afdash.briefing.slides import Slide

W, H, MARGIN = 1280, 720, 36  # page in CSS pixels (1/72 in at ppi 72)
LEFT_W, GAP = 440, 24
PDF_PPI = 120
ACCENT, MUTED = "#0072B2", "#555555"


def _text_spec(items: list[dict], width: int, height: int) -> dict:
    """A fixed-size view of text marks at pixel positions (x, y, text, size, bold, italic, colour)."""
    layers = [{
        "mark": {"type": "text", "align": "left", "baseline": "top", "lineBreak": "\n", "fontSize": it["size"],
                 "fontWeight": "bold" if it.get("bold") else "normal",
                 "fontStyle": "italic" if it.get("italic") else "normal", "color": it.get("colour", charts.INK),
                 "lineHeight": round(it["size"] * 1.3)},
        "encoding": {"x": {"value": it["x"]}, "y": {"value": it["y"]}, "text": {"value": it["text"]}},
    } for it in items]
    return {"width": width, "height": height, "data": {"values": [{}]}, "layer": layers,
            "config": {"view": {"stroke": None}, "background": "white", "padding": 0, "font": charts.FONT}}


def _wrap(text: str, chars: int) -> str:
    return "\n".join(textwrap.wrap(text, chars)) if text else ""


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def blocks(slide: Slide, number: int, count: int) -> dict[str, dict]:
    """The page's text as Vega-Lite specs: 'head' (area and title), 'left' (headline and talking points),
    'foot' (caveat, source line, page number)."""
    title = _wrap(slide.title, 58)
    head = _text_spec([
        {"x": 0, "y": 0, "text": AREAS.get(slide.area, slide.area).upper(), "size": 15, "bold": True,
         "colour": ACCENT},
        {"x": 0, "y": 24, "text": title, "size": 34, "bold": True},
    ], W - 2 * MARGIN, 24 + 44 * _lines(title))
    items, y = [], 0
    if slide.subtitle:
        sub = _wrap(slide.subtitle, 40)
        items.append({"x": 0, "y": y, "text": sub, "size": 19, "colour": MUTED})
        y += 25 * _lines(sub) + 18
    if slide.headline:
        label = _wrap(slide.headline_label, 44)
        items.append({"x": 0, "y": y, "text": slide.headline, "size": 46, "bold": True, "colour": ACCENT})
        items.append({"x": 0, "y": y + 56, "text": label, "size": 16, "colour": MUTED})
        y += 56 + 21 * _lines(label) + 22
    for p in slide.points:
        wrapped = _wrap(p, 42)
        items.append({"x": 0, "y": y, "text": "•", "size": 18})
        items.append({"x": 18, "y": y, "text": wrapped, "size": 18})
        y += 24 * _lines(wrapped) + 14
    left = _text_spec(items, LEFT_W, max(y, 10))
    caveat, source = _wrap(slide.caveat, 160), _wrap(slide.source_line, 170)
    top = 18 * _lines(caveat) + 6 if caveat else 0
    foot_items = [{"x": 0, "y": top, "text": source, "size": 13, "colour": MUTED},
                  {"x": W - 2 * MARGIN - 60, "y": top, "text": f"{number} / {count}", "size": 14, "colour": MUTED}]
    if caveat:
        foot_items.insert(0, {"x": 0, "y": 0, "text": caveat, "size": 13, "italic": True, "colour": MUTED})
    foot = _text_spec(foot_items, W - 2 * MARGIN, top + 18 * _lines(source))
    return {"head": head, "left": left, "foot": foot}


def page(slide: Slide, number: int, count: int, render_png: Callable[[dict], bytes], ppi: float = PDF_PPI):
    """One page as a Pillow image of W×H CSS pixels at `ppi`."""
    from PIL import Image

    k = ppi / 72

    def img(spec: dict):
        with Image.open(io.BytesIO(render_png(spec))) as im:
            return im.convert("RGB")

    parts = {name: img(spec) for name, spec in blocks(slide, number, count).items()}
    canvas = Image.new("RGB", (round(W * k), round(H * k)), "white")
    top = round(MARGIN * 0.7 * k)
    canvas.paste(parts["head"], (round(MARGIN * k), top))
    body_top = top + parts["head"].height + round(18 * k)
    foot_top = canvas.height - round(MARGIN * 0.7 * k) - parts["foot"].height
    canvas.paste(parts["left"], (round(MARGIN * k), body_top))
    canvas.paste(parts["foot"], (round(MARGIN * k), foot_top))
    if slide.spec is not None:
        chart = img(slide.spec)
        box_left = round((MARGIN + LEFT_W + GAP) * k)
        box_w, box_h = canvas.width - box_left - round(MARGIN * k), foot_top - body_top - round(10 * k)
        factor = min(1.0, box_w / chart.width, box_h / chart.height)
        if factor < 1.0:
            chart = chart.resize((round(chart.width * factor), round(chart.height * factor)), Image.LANCZOS)
        canvas.paste(chart, (box_left + (box_w - chart.width) // 2, body_top))
    return canvas


def build(slides: Sequence[Slide], render_png: Callable[[dict], bytes] | None = None, ppi: float = PDF_PPI) -> bytes:
    """A PDF with one page per slide."""
    render_png = render_png or (lambda spec: images.png(spec, ppi=ppi))
    pages = [page(s, i, len(slides), render_png, ppi) for i, s in enumerate(slides, start=1)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=ppi, quality=85,
                  title="afdash briefing", author="afdash")
    return out.getvalue()
