"""Rendering Vega-Lite specs without a browser or a network, through vl-convert (Deno + Vega inside a wheel).

Data is always inline in afdash's specs, and vl-convert is told to allow no base URL at all, so a spec can
never make it fetch anything."""

from __future__ import annotations

from functools import cache

import altair as alt

PPI = 200  # PNG downloads and PowerPoint images: at least 200 pixels per inch at the chart's design size
NO_URLS: list[str] = []  # allowed_base_urls: none


def _vlc():
    """vl-convert, imported on first use: it is only needed when a chart is exported, and importing it with
    the page would add its ~8 MB to every server process."""
    import vl_convert

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


@cache
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script, for inlining (takes seconds once per process)."""
    return _vlc().javascript_bundle(vl_version=vl_version())


def versions() -> dict[str, str]:
    return {"vega": _vlc().get_vega_version(), "vega-lite": vl_version() or _vlc().get_vegalite_versions()[-1],
            "vega-embed": _vlc().get_vega_embed_version()}
