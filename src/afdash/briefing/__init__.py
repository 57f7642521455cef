"""Briefing mode: slides built from registered views, a default deck, a deck encoded in the URL, and
offline exports (one self-contained HTML file, PowerPoint, PDF, per-chart PNG and SVG).

Modules:
- slides: the Slide model and its source line.
- views: View / Param, the registry of views a deck can use, and Tables (lazy access to datasets).
- areas/<area>.py: the views of each area (security, regional, cooperation, external) plus framing slides.
- charts: altair builders for slides, maps as altair geoshape (no tiles), in presentation sizes.
- deck: deck items, the default deck, building slides from a deck.
- deck_url: a deck and a slide number in the URL.
- export_html, export_pptx, export_pdf, images: the exports.

Nothing here imports Streamlit.
"""
