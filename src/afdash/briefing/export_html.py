"""The deck as ONE self-contained HTML file: every script (Vega, Vega-Lite, vega-embed, the slide navigation)
and all chart data inline. It opens from a USB stick in a browser with no network, its charts keep their
tooltips and their own export menu (SVG, PNG at 200 ppi), and a Content-Security-Policy forbids any request.

Keys: → / PageDown / Space next, ← / PageUp previous, Home / End first and last, N speaker notes,
F full screen. The slide number is in the address (#3), so reloading stays on the slide.
Every piece of text is HTML-escaped; chart specs are embedded as JSON with "</" escaped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from afdash.briefing.registry import AREAS
from afdash.briefing.slides import Slide
from afdash.core.report import REPORT_CITATION

CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; connect-src 'none'")

STYLE = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:#fff;color:#1a1a1a;
  font-family:"Liberation Sans",Arial,Helvetica,sans-serif}
.slide{display:none;position:absolute;inset:0;padding:3vh 4vw 2vh;flex-direction:column}
.slide.active{display:flex}
.area{margin:0;font-size:1.6vw;color:#0072B2;text-transform:uppercase;letter-spacing:.06em}
h1{margin:.3vh 0 1.5vh;font-size:3.4vw;line-height:1.1}
.subtitle{margin:0 0 2vh;font-size:1.8vw;color:#444}
.body{display:flex;gap:2.5vw;flex:1;min-height:0}
.text{flex:0 0 34%;display:flex;flex-direction:column;gap:2vh}
.figure{font-size:4.4vw;font-weight:bold;color:#0072B2;line-height:1}
.label{font-size:1.5vw;color:#333}
ul{margin:0;padding-left:1.4em}
li{font-size:1.7vw;line-height:1.3;margin-bottom:1.4vh}
figure{flex:1;margin:0;display:flex;flex-direction:column;min-width:0;min-height:0}
.vis{flex:1;min-height:0;display:flex;align-items:center;justify-content:center}
.vis .vega-embed{width:100%;height:100%;display:block}
.vis svg.marks{width:100%;height:100%}
figcaption{font-size:1.1vw;color:#555;font-style:italic;margin-top:.8vh}
footer{display:flex;justify-content:space-between;gap:2vw;align-items:flex-end;margin-top:1vh}
.source{margin:0;font-size:1vw;color:#444}
.num{margin:0;font-size:1.1vw;color:#444;white-space:nowrap}
.notes{display:none;position:fixed;left:0;right:0;bottom:0;max-height:35vh;overflow:auto;padding:1.5vh 4vw;
  background:#fffbe6;border-top:2px solid #E69F00;font-size:1.3vw}
body.show-notes .slide.active .notes{display:block}
nav{position:fixed;right:1vw;top:1vh;display:flex;gap:.4vw;opacity:.25}
nav:hover,nav:focus-within{opacity:1}
nav button{font-size:1vw;padding:.3vh .6vw;cursor:pointer}
@media print{
  .slide{display:flex!important;position:relative;height:100vh;page-break-after:always;break-after:page}
  nav,.notes{display:none!important}
}
"""

SCRIPT = """
(function(){
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var specs = JSON.parse(document.getElementById('specs').textContent);
  var drawn = {};
  var current = 0;
  function fromHash(){
    var n = parseInt((location.hash || '').replace('#', ''), 10);
    return (n >= 1 && n <= slides.length) ? n - 1 : 0;
  }
  function draw(i){
    var id = slides[i].getAttribute('data-chart');
    if (!id || drawn[id]) return;
    drawn[id] = true;
    vegaEmbed('#' + id, specs[id], {mode: 'vega-lite', renderer: 'svg', scaleFactor: {png: 200 / 72},
      actions: {export: true, source: false, compiled: false, editor: false}})
      .catch(function(err){ document.getElementById(id).textContent = 'Chart error: ' + err; });
  }
  function show(i){
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function(s, k){ s.classList.toggle('active', k === current); });
    draw(current);
    if (location.hash !== '#' + (current + 1)) history.replaceState(null, '', '#' + (current + 1));
    document.title = slides[current].getAttribute('data-title') + ' (' + (current + 1) + '/' + slides.length + ')';
  }
  document.addEventListener('keydown', function(e){
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === 'ArrowRight' || k === 'PageDown' || k === ' ' || k === 'ArrowDown') { show(current + 1); }
    else if (k === 'ArrowLeft' || k === 'PageUp' || k === 'ArrowUp' || k === 'Backspace') { show(current - 1); }
    else if (k === 'Home') { show(0); }
    else if (k === 'End') { show(slides.length - 1); }
    else if (k === 'n' || k === 'N') { document.body.classList.toggle('show-notes'); }
    else if (k === 'f' || k === 'F') {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
    }
    else { return; }
    e.preventDefault();
  });
  document.getElementById('prev').addEventListener('click', function(){ show(current - 1); });
  document.getElementById('next').addEventListener('click', function(){ show(current + 1); });
  document.getElementById('notes').addEventListener('click', function(){
    document.body.classList.toggle('show-notes'); });
  window.addEventListener('hashchange', function(){ show(fromHash()); });
  window.addEventListener('beforeprint', function(){ slides.forEach(function(s, k){ draw(k); }); });
  show(fromHash());
})();
"""


def _json_for_script(value: object) -> str:
    """JSON that cannot end its <script> element early."""
    return (json.dumps(value, separators=(",", ":"), ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _slide_html(slide: Slide, index: int, count: int, chart_id: str | None) -> str:
    e = escape
    parts = [f'<section class="slide {e(slide.kind)}" id="slide-{index}" data-title="{e(slide.title)}"'
             + (f' data-chart="{chart_id}"' if chart_id else "")
             + f' aria-label="Slide {index} of {count}">']
    parts.append(f'<p class="area">{e(AREAS.get(slide.area, slide.area))}</p><h1>{e(slide.title)}</h1>')
    if slide.subtitle:
        parts.append(f'<p class="subtitle">{e(slide.subtitle)}</p>')
    parts.append('<div class="body"><div class="text">')
    if slide.headline:
        parts.append(f'<div><div class="figure">{e(slide.headline)}</div>'
                     f'<div class="label">{e(slide.headline_label)}</div></div>')
    if slide.points:
        parts.append("<ul>" + "".join(f"<li>{e(p)}</li>" for p in slide.points) + "</ul>")
    parts.append("</div>")
    if chart_id:
        parts.append(f'<figure><div class="vis" id="{chart_id}" role="img" aria-label="{e(slide.title)}"></div>'
                     + (f"<figcaption>{e(slide.caveat)}</figcaption>" if slide.caveat else "") + "</figure>")
    parts.append("</div>")
    parts.append(f'<footer><p class="source">{e(slide.source_line)}</p><p class="num">{index} / {count}</p></footer>')
    if slide.notes:
        parts.append(f'<aside class="notes"><strong>Speaker notes.</strong> {e(slide.notes)}</aside>')
    parts.append("</section>")
    return "".join(parts)


def build(slides: Sequence[Slide], js_bundle: str, title: str = "afdash briefing", stamp: str = "") -> str:
    """The whole deck as one HTML document. `js_bundle` is images.javascript_bundle() (passed in, so tests
    can check the page structure without it)."""
    specs = {}
    sections = []
    for i, slide in enumerate(slides, start=1):
        chart_id = f"chart-{i}" if slide.spec is not None else None
        if chart_id:
            specs[chart_id] = {k: v for k, v in slide.spec.items() if k != "$schema"}  # no URL in the file
        sections.append(_slide_html(slide, i, len(slides), chart_id))
    script = js_bundle.replace("</script", "<\\/script")
    about = f"{REPORT_CITATION} Exported from afdash{(' ' + stamp) if stamp else ''}."
    return "".join([
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f'<meta name="description" content="{escape(about)}">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        '<nav aria-label="Slides"><button id="prev" title="Previous (←, PageUp)">◀</button>',
        '<button id="next" title="Next (→, PageDown)">▶</button>',
        '<button id="notes" title="Speaker notes (N)">Notes</button></nav>',
        '<main id="deck">', *sections, "</main>",
        f"<script>{script}</script>",
        f'<script type="application/json" id="specs">{_json_for_script(specs)}</script>',
        f"<script>{SCRIPT}</script></body></html>",
    ])
