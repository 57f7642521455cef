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
    PageSpec("pages/security_trends.py", "Security trends", "security-trends", "Explore"),
    #
    # regional-actors (issue 4)
    #
    # russia-china (issue 5)
    #
    # external-powers (issue 6)
    #
    # briefing (issue 7)
    #
    PageSpec("pages/data.py", "Data & sources", "data", "Reference"),
]


def grouped() -> dict[str, list[PageSpec]]:
    out: dict[str, list[PageSpec]] = {}
    for p in PAGES:
        out.setdefault(p.group, []).append(p)
    return out
