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
    # What the quality gates (afdash.bench, afdash.loadtest, tests/test_hostile.py) need to know; the
    # defaults fit a page without a map, URL parameters or filters.
    has_map: bool = False  # a pydeck map: the benchmark allows 2.0× the floor instead of 1.5×
    params: tuple[str, ...] = ()  # the page's URL query parameters
    # measure_app --interact SPEC that changes a filter. Prefer "fill:.st-key-<scope>-<key> input=<option>" (types
    # the option into the URL-backed select box ui.selectbox(label, scope, key, …) and presses Enter): clicking
    # an option in an open dropdown ("select:Label=Option") sometimes misses and stalls the benchmark.
    interaction: str | None = None
    samples: tuple[str, ...] = ()  # query strings the load test cycles through, e.g. "dataset=events"

    @property
    def path(self) -> str:
        """The page's URL path as a browser asks for it: "/" or "/data"."""
        return "/" + self.url_path


PAGES: list[PageSpec] = [
    PageSpec("pages/home.py", "Overview", "", "Explore"),
    #
    # security-trends (issue 3)
    #
    # regional-actors (issue 4)
    #
    # russia-china (issue 5)
    #
    # external-powers (issue 6)
    #
    # briefing (issue 7)
    #
    PageSpec("pages/data.py", "Data & sources", "data", "Reference", params=("dataset", "preview"),
             interaction="fill:.st-key-data-dataset input=Dated events mentioned in the report",
             samples=("", "dataset=events&preview=1", "dataset=provinces", "dataset=countries&preview=1")),
]


def grouped() -> dict[str, list[PageSpec]]:
    out: dict[str, list[PageSpec]] = {}
    for p in PAGES:
        out.setdefault(p.group, []).append(p)
    return out
