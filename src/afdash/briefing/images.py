"""Rendering Vega-Lite specs without a browser or a network, through vl-convert (Deno + Vega inside a wheel).

Data is always inline in afdash's specs, and vl-convert is told to allow no base URL at all, so a spec can
never make it fetch anything."""

from __future__ import annotations

import struct
import zlib
from functools import cache
from html import escape

import altair as alt

from afdash.briefing import fonts

PPI = 200  # PNG chart downloads: 200 pixels per inch at the chart's design size, enough to print
NO_URLS: list[str] = []  # allowed_base_urls: none


@cache
def _vlc():
    """vl-convert, imported on first use: it is only needed when a chart is exported, and importing it with
    the page would add its ~8 MB to every server process. It is given the vendored Liberation Sans, so charts
    are drawn in the same face (Arial's metrics) on any machine."""
    import vl_convert

    if fonts.font_dir().is_dir():
        vl_convert.register_font_directory(str(fonts.font_dir()))
    return vl_convert


@cache
def vl_version() -> str | None:
    """The Vega-Lite version altair writes (e.g. '6.4'), if vl-convert ships it; else vl-convert's latest."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return wanted if wanted in _vlc().get_vegalite_versions() else None


def png(spec: dict, ppi: float = PPI) -> bytes:
    """PNG at `ppi` pixels per inch (a 720-px-wide chart at 200 ppi is 2,000 px wide, 10 inches at 200 ppi);
    the PNG records its ppi, so office software places it at its design size."""
    return _vlc().vegalite_to_png(spec, vl_version=vl_version(), scale=1, ppi=ppi, allowed_base_urls=NO_URLS)


def svg(spec: dict) -> str:
    return _vlc().vegalite_to_svg(spec, vl_version=vl_version(), allowed_base_urls=NO_URLS)


def svg_to_png(svg_text: str, ppi: float = PPI) -> bytes:
    """Rasterise an SVG already drawn by svg(): cheaper than a second vegalite_to_png of the same spec."""
    return _vlc().svg_to_png(svg_text, scale=1, ppi=ppi)


def svg_to_pdf(svg_text: str) -> bytes:
    """A one-page vector PDF of the SVG (text stays text)."""
    return _vlc().svg_to_pdf(svg_text)


# --- chart files: a chart that leaves the app carries its title and its source --------------------------------

SOURCE_SIZE, SOURCE_COLOUR = 13, "#444444"


def titled_spec(spec: dict, title: str, source: str) -> dict:
    """The chart with the slide's title above it and the source line, wrapped to the chart's width, under the
    title: a PNG or SVG passed around on its own still says what it shows and where it comes from."""
    width = float(spec.get("width", 720)) + 60
    lines = fonts.wrap(source, width, SOURCE_SIZE)
    return {**spec, "title": {"text": title, "subtitle": lines, "anchor": "start", "subtitleFontSize": SOURCE_SIZE,
                              "subtitleColor": SOURCE_COLOUR, "subtitlePadding": 6, "offset": 14}}


def svg_with_metadata(svg_text: str, title: str, source: str) -> str:
    """SVG with <title> and <desc> as its first children (screen readers and file browsers read them)."""
    head_end = svg_text.index(">", svg_text.index("<svg")) + 1
    meta = f"<title>{escape(title)}</title><desc>{escape(source)}</desc>"
    return svg_text[:head_end] + meta + svg_text[head_end:]


def png_with_metadata(png_bytes: bytes, fields: dict[str, str]) -> bytes:
    """PNG with iTXt chunks (UTF-8 keyword/text pairs, e.g. Title, Source) inserted after the header: the
    pixels are not re-encoded."""
    chunks = b""
    for key, value in fields.items():
        data = key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")  # uncompressed, no language
        chunks += struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    ihdr_end = 8 + 4 + 4 + 13 + 4  # signature, IHDR length, type, data, CRC
    return png_bytes[:ihdr_end] + chunks + png_bytes[ihdr_end:]


@cache
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script, for inlining (takes seconds once per process)."""
    return _vlc().javascript_bundle(vl_version=vl_version())


def versions() -> dict[str, str]:
    return {"vega": _vlc().get_vega_version(), "vega-lite": vl_version() or _vlc().get_vegalite_versions()[-1],
            "vega-embed": _vlc().get_vega_embed_version()}
