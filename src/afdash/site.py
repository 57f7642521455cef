"""The pages afdash serves, grouped as in the sidebar. URL paths are part of the product (people
bookmark them), so they are declared here once and checked by the tests and the README test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    url_path: str  # "" is the landing page at /
    group: str


PAGES: list[PageSpec] = [
    PageSpec("pages/home.py", "Overview", "", "Explore"),
    #
    PageSpec("pages/security-trends.py", "Security trends", "security-trends", "Explore"),
    #
    PageSpec("pages/regional-actors.py", "Regional actors", "regional-actors", "Explore"),
    #
    PageSpec("pages/russia-china.py", "Russia–China cooperation", "russia-china", "Explore"),
    #
    PageSpec("pages/external-powers.py", "External powers", "external-powers", "Explore"),
    #
    PageSpec("pages/briefing.py", "Briefing", "briefing", "Present"),
    #
    PageSpec("pages/data.py", "Data & sources", "data", "Reference"),
]


def grouped() -> dict[str, list[PageSpec]]:
    out: dict[str, list[PageSpec]] = {}
    for p in PAGES:
        out.setdefault(p.group, []).append(p)
    return out
