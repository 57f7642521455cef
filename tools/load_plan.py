"""What the load test does and measures: its limits, the plan of page visits, one sample, one phase."""



from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass

from afdash.core.paths import PROJECT_ROOT
from afdash.web import site
from tools.load_session import RunResult, Tab, widget_state

P95_LIMIT = 3.0  # p95 under load ÷ single-session median
RSS_GROWTH_LIMIT = 0.20  # after the settle point
RESULT_JSON = PROJECT_ROOT / ".measure" / "loadtest.json"




# --------------------------------------------------------------------------------------------------
# Users


@dataclass
class Sample:
    t: float  # seconds since the phase started
    page: str
    step: str  # "load" or "filter"
    latency_s: float | None
    errors: list[str]
    query: str = ""
    elements: tuple[str, ...] = ()


def plan(pages: list[site.PageSpec]) -> list[tuple[site.PageSpec, str]]:
    """Every page with each of its sample query strings (the default view if it declares none)."""
    return [(p, q) for p in pages for q in (p.samples or ("",))]


def link_plan(links: list[str], pages: list[site.PageSpec] | None = None) -> list[tuple[site.PageSpec, str]]:
    """Only the given links ("/security-trends?view=imported"), to load one part of the app (e.g. the imported
    events views over a large store) instead of every page."""
    by_path = {p.path: p for p in (pages or site.PAGES)}
    out = []
    for link in links:
        path, _, query = link.partition("?")
        if path not in by_path:
            raise ValueError(f"no page at {path!r} (pages: {', '.join(sorted(by_path))})")
        out.append((by_path[path], query))
    return out


class Phase:
    def __init__(self, url: str, deadline: float, max_requests: int, think: tuple[float, float], seed: int,
                 steps: list[tuple[site.PageSpec, str]] | None = None):
        self.url, self.deadline, self.max_requests, self.think = url, deadline, max_requests, think
        # with chosen links every link is its own stop, and a filter is changed on each
        self.steps, self.each_link = steps or plan(list(site.PAGES)), steps is not None
        self.t0 = time.monotonic()
        self.samples: list[Sample] = []
        self.rng = random.Random(seed)

    def more(self) -> bool:
        return time.monotonic() < self.deadline and len(self.samples) < self.max_requests

    def record(self, page: site.PageSpec, step: str, res: RunResult, query: str = "") -> None:
        self.samples.append(Sample(time.monotonic() - self.t0, page.path, step, res.latency_s, res.errors, query,
                                   tuple(sorted(res.elements))))

    async def user(self, index: int, rounds: int | None = None) -> None:
        steps = self.steps
        shift = index % len(steps)
        steps = steps[shift:] + steps[:shift]  # users start on different pages
        done = 0
        while self.more() and (rounds is None or done < rounds):
            await self._round(steps, index + done)
            done += 1

    async def _round(self, steps: list[tuple[site.PageSpec, str]], turn: int) -> None:
        """Each page visit is a link opened in a new tab, as a bookmark or a shared link is: a new session whose
        first run reads the link's query string. (In one long-lived session the URL seeds a page's widgets only
        once, so the samples after the first would all have drawn the page's first view.)"""
        for i, (page, query) in enumerate(steps):
            if not self.more():
                return
            await asyncio.sleep(self.rng.uniform(*self.think))
            tab = Tab(self.url)
            try:
                await tab.open()
            except Exception as exc:
                self.samples.append(Sample(time.monotonic() - self.t0, page.path, "connect", None,
                                           [f"connect: {type(exc).__name__}: {exc}"[:200]], query))
                continue
            try:
                res = await tab.run(page, query)
                self.record(page, "load", res, query)
                last_of_page = self.each_link or i + 1 == len(steps) or steps[i + 1][0] != page
                if res.latency_s is None or not (last_of_page and res.widgets and self.more()):
                    continue
                kind, proto = res.widgets[turn % len(res.widgets)]
                state = widget_state(kind, proto, turn)
                if state is not None:
                    await asyncio.sleep(self.rng.uniform(*self.think))
                    self.record(page, "filter", await tab.run(page, res.query_string, [state]), res.query_string)
            finally:
                await tab.close()
