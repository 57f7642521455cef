"""The slide model: what one slide of a briefing holds, whatever view built it.

A slide is a title, at most one headline figure, at most one chart (an altair chart; maps are altair
geoshape), up to three talking points paraphrasing the report, speaker notes, and the citations and
datasets its source line names. Every export (app, HTML, PowerPoint, PDF) renders this same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from afdash.core.report import REPORT_SHORT, SECTIONS, cite
from afdash.store import catalogue

MAX_POINTS = 3
KINDS = ("title", "content")


@dataclass(frozen=True)
class Citation:
    """A chapter of the report and, where the text has one, the footnote supporting the claim."""

    section: str
    footnote: int | None = None

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise ValueError(f"unknown report section {self.section!r}")


@dataclass(frozen=True, eq=False)
class Slide:
    view_id: str
    area: str
    title: str
    headline: str = ""  # the figure as a briefer says it, e.g. "about 4,000"
    headline_label: str = ""  # what the figure measures
    chart: Any = None  # an altair chart (or charts.GeoChart for maps), or None
    points: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    datasets: tuple[str, ...] = ()
    notes: str = ""  # speaker notes: never projected, exported to PowerPoint notes
    caveat: str = ""  # a short warning shown under the chart (e.g. a partial period)
    subtitle: str = ""
    kind: str = "content"
    data: pd.DataFrame | None = field(default=None, repr=False)  # rows behind the chart, for CSV
    data_name: str = ""  # dataset the rows come from (download file name)

    def __post_init__(self) -> None:
        if len(self.points) > MAX_POINTS:
            raise ValueError(f"slide {self.view_id!r} has {len(self.points)} talking points; at most {MAX_POINTS}")
        if self.kind not in KINDS:
            raise ValueError(f"slide kind must be one of {KINDS}")
        if not self.citations:
            raise ValueError(f"slide {self.view_id!r} must cite the report")
        for name in self.datasets:
            catalogue.get(name)  # raises on an unknown dataset

    @cached_property
    def spec(self) -> dict | None:
        """The chart as a Vega-Lite specification (what the app and every export render); computed once."""
        return None if self.chart is None else self.chart.to_dict()

    @cached_property
    def svg(self) -> str | None:
        """The chart drawn once as SVG by vl-convert: the PowerPoint (rasterised) and the PDF handout (as
        vectors) both start from it, so a deck's charts are drawn once for all exports."""
        if self.spec is None:
            return None
        from afdash.briefing import images  # vl-convert is loaded only when something is exported

        return images.svg(self.spec)

    @property
    def source_line(self) -> str:
        return source_line(self.citations, self.datasets)


def source_line(citations: tuple[Citation, ...], datasets: tuple[str, ...] = ()) -> str:
    """'Source: RIAC–PKU IISS Report 80/2022, “…” (chapter from p. 7), fn. 16, 17; “…” (chapter from p. 34).
    Data: events, provinces (Natural Earth, public domain).' Citations keep their order; footnotes of one chapter
    are merged."""
    by_section: dict[str, list[int]] = {}
    for c in citations:
        notes = by_section.setdefault(c.section, [])
        if c.footnote is not None and c.footnote not in notes:
            notes.append(c.footnote)
    parts = []
    for section, notes in by_section.items():
        notes.sort()
        text = cite(section).removeprefix(f"{REPORT_SHORT}, ")
        if notes:
            text += ", fn. " + ", ".join(str(n) for n in notes)
        parts.append(text)
    line = f"Source: {REPORT_SHORT}, " + "; ".join(parts) + "."
    if datasets:
        line += " Data: afdash " + ", ".join(datasets)
        if any(catalogue.get(d).kind == "geo" for d in datasets):
            line += " (boundaries: Natural Earth, public domain)"
        line += "."
    return line
